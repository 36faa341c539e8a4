"""Every real-world file in ../shared/corpus imports or is refused with one line, each within 30 s."""
import time
from pathlib import Path

import pytest

from briefing.ingest import read_file
from briefing.model import InputError, PasswordRequired

CORPUS = (Path(__file__).resolve().parents[2] / ".." / "shared" / "corpus").resolve()
FILES = sorted(p for p in CORPUS.rglob("*") if p.is_file() and p.name not in ("README.md", "MANIFEST.tsv")) \
    if CORPUS.is_dir() else []
needs_corpus = pytest.mark.skipif(not FILES, reason=f"no corpus at {CORPUS} (shared/ beside the repo)")


def _rel(p: Path) -> str:
    return str(p.relative_to(CORPUS))


@needs_corpus
@pytest.mark.parametrize("path", FILES, ids=_rel)
def test_imports_or_refuses_in_one_line(path):
    t0 = time.perf_counter()
    try:
        tables, report = read_file(path)
    except InputError as e:
        assert e.message.startswith(path.name) and "\n" not in e.message and "Traceback" not in e.message
    else:
        assert tables and all(t.columns and t.n_rows for t in tables)
        assert all(t.provenance.file_name == path.name for t in tables)
    assert time.perf_counter() - t0 < 30


def _read(rel: str, **kw):
    return read_file(CORPUS / rel, **kw)


@needs_corpus
def test_openpyxl_reads_what_calamine_cannot_and_says_why():
    tables, report = _read("apache__poi/xlsx-corrupted.xlsx")
    assert [(t.sheet, t.provenance.cell_range) for t in tables] == [("Sheet1", "A1:D3"), ("Sheet2", "A1:D2")]
    assert [c.name for c in tables[0].columns] == ["test", "DOCTYPE", "XXE", "injection"]
    assert tables[0].columns[0].values == ("second", "third")
    assert report.issues[0].message == "read with openpyxl because calamine: Relationships"


@needs_corpus
def test_xlrd_reads_excel4_stream():
    tables, report = _read("apache__poi/testEXCEL_4.xls")
    assert report.issues[0].message == "read with xlrd because calamine cannot read bare BIFF2-4 streams"
    assert len(tables) == 16
    assert tables[0].title == ("Table 10 -- Examination Coverage: Recommended and Average Recommended "
                               "Additional Tax After")
    assert tables[1].columns[1].values == (30108900.0, 23377600.0, 9326300.0)


@needs_corpus
@pytest.mark.parametrize("rel", ["apache__poi/60320-protected.xlsx", "apache__poi/protected_sha512.xlsx",
                                 "tafia__calamine/pass_protected.xlsx", "dimastbk__python-calamine/password.xls"])
def test_encrypted_corpus_files_ask_for_a_password(rel):
    with pytest.raises(PasswordRequired) as e:
        _read(rel)
    assert e.value.file == Path(rel).name and not e.value.wrong


@needs_corpus
def test_wrong_password_says_so():
    with pytest.raises(PasswordRequired) as e:
        _read("apache__poi/xor-encryption-abc.xls", passwords=["nope"])
    assert e.value.message == "xor-encryption-abc.xls: wrong password (none of the 1 given opens it)"
    assert e.value.wrong


@needs_corpus
def test_right_password_and_excel_default_password_open():
    # protect.xlsx uses Excel's built-in default password; xor-encryption-abc.xls the password "abc".
    # Both hold no table: being told so (not "password-protected") shows they were decrypted.
    for rel, pw in (("apache__poi/protect.xlsx", []), ("apache__poi/xor-encryption-abc.xls", ["abc"])):
        with pytest.raises(InputError) as e:
            _read(rel, passwords=pw)
        assert not isinstance(e.value, PasswordRequired)
        assert e.value.message.endswith("no table found in any sheet "
                                        "(a table needs a header row and at least one data row)")
