"""One list of readable file types (briefing.ingest.filetypes): the readers, the CLI help, the window's
dialogs and drops all say and accept the same; a file that is not what its name says is named for what it is."""
import re
import threading
from pathlib import Path

import pytest

from briefing import cli
from briefing.ingest import filetypes, read_files
from briefing.ingest.readers import check_file
from briefing.model import InputError

PKG = Path(__file__).resolve().parents[2] / "briefing"


def test_every_listed_type_is_read_and_others_are_refused_naming_the_list(tmp_path):
    for ext in filetypes.TEXT:
        p = tmp_path / f"t{ext}"
        p.write_text("Country,Share\nFrance,10\nSpain,12\n", encoding="utf-8")
        assert check_file(p) == "text"
    p = tmp_path / "notes.docx"
    p.write_text("x")
    with pytest.raises(InputError) as e:
        check_file(p)
    assert e.value.message == f"notes.docx: not a supported file type '.docx' (supported: {filetypes.listed()})"


def test_cli_help_lists_the_readable_types(capsys):
    for command in ("build", "themes"):
        with pytest.raises(SystemExit):
            cli._parser().parse_args([command, "--help"])
        out = " ".join(capsys.readouterr().out.split())
        assert filetypes.listed() in out, command


def test_dialog_filter_names_every_type():
    f = filetypes.dialog_filter()
    assert re.findall(r"\*(\.\w+)", f.split(";;")[0]) == list(filetypes.READABLE)


class _Url:
    def __init__(self, path):
        self.path = path

    def isLocalFile(self):
        return True

    def toLocalFile(self):
        return self.path


class _Event:
    """What FileDrops reads of a QDropEvent: mimeData().hasUrls() and .urls()."""

    def __init__(self, paths):
        self._urls = [_Url(p) for p in paths]

    def mimeData(self):
        return self

    def hasUrls(self):
        return bool(self._urls)

    def urls(self):
        return self._urls


def test_a_dropped_tsv_is_taken_and_read(tmp_path):
    """The window's drop filter (no window, no QApplication needed) takes every readable type, .tsv
    included, and the project file; the taken .tsv is read into a table."""
    from briefing.ui.drops import FileDrops

    tsv = tmp_path / "shares.tsv"
    tsv.write_text("Country\tShare (%)\nFrance\t10\nSpain\t12\nItaly\t9\n", encoding="utf-8")
    names = [str(tsv), str(tmp_path / "notes.docx"), str(tmp_path / "old.briefing")] + \
        [str(tmp_path / f"b{ext}") for ext in filetypes.READABLE]
    taken = FileDrops._dropped_files(_Event(names))
    assert taken == [str(tsv), str(tmp_path / "old.briefing")] + [str(tmp_path / f"b{ext}") for ext in filetypes.READABLE]
    # As the window reads what it takes: every file in the sandbox's child process.
    tables, report = read_files([str(tsv)], progress=lambda f, m: None, cancel=threading.Event())
    assert not report.errors and tables[0].columns[0].values == ("France", "Spain", "Italy")


def test_no_second_list_of_file_types_in_the_code():
    """A hand-written list of suffixes anywhere but filetypes.py is the bug this module ended: the window
    ignored a dropped .tsv that the readers read."""
    pattern = re.compile(r"\.xlsx\W{1,4}\*?\.xlsm\W{1,4}\*?\.xls")   # three suffixes in a row: a list
    for path in PKG.rglob("*.py"):
        if path.name == "filetypes.py":
            continue
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            assert not pattern.search(line), f"{path.relative_to(PKG)}:{n}: {line.strip()}"


@pytest.mark.parametrize("content, says", [
    (b"Country,Share\nFrance,10\n", "it is a text file, not an .xlsx workbook; if it holds comma- or tab-separated "
                                    "values, name it .csv"),
    ("Land;Anteil\nÖsterreich;10\n".encode("cp1252"), "it is a text file, not an .xlsx workbook"),
    ("\ufeffa,b\n1,2\n".encode("utf-16"), "it is a text file, not an .xlsx workbook"),
    (b"<html><body><table><tr><td>1</td></tr></table></body></html>", "it is an HTML page, not an .xlsx workbook"),
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "it is a PDF document, not an .xlsx workbook"),
    (bytes(range(256)) * 4, "the content is not an .xlsx workbook"),
])
def test_a_file_that_is_not_what_its_name_says_is_named_for_what_it_is(tmp_path, content, says):
    """Papercut 5: a text file named .xlsx was refused as 'not an .xlsx/.xlsm/.ods workbook (a zip file)'."""
    p = tmp_path / "survey.xlsx"
    p.write_bytes(content)
    with pytest.raises(InputError) as e:
        check_file(p)
    assert e.value.message.startswith(f"survey.xlsx: not a spreadsheet: {says}")
    assert "zip" not in e.value.message
