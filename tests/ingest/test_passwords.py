"""Password-protected workbooks: decrypted in memory with the password given, never written to disk."""
import hashlib
import json

import pytest

from briefing import pipeline
from briefing.cli import main
from briefing.ingest import read_file
from briefing.model import PasswordRequired


@pytest.fixture
def locked(tmp_path, make_workbook):
    import msoffcrypto.format.ooxml as ooxml
    plain = make_workbook("plain.xlsx", {"Adoption": [
        ["Use of generative AI by business leaders"], [],
        ["Country", "Leaders using GenAI (%)"], ["China", 83], ["United States", 65], ["Global average", 54]]})
    enc = tmp_path / "locked" / "survey.xlsx"
    enc.parent.mkdir()
    with open(plain, "rb") as f, open(enc, "wb") as out:
        ooxml.OOXMLFile(f).encrypt("Quarter 4 !", out)
    return enc


def test_right_password_reads_in_memory_only(locked):
    before = (sorted(p.name for p in locked.parent.iterdir()), hashlib.sha256(locked.read_bytes()).hexdigest())
    (t,), report = read_file(locked, passwords=["wrong one", "Quarter 4 !"])
    assert t.title == "Use of generative AI by business leaders"
    assert t.columns[1].values == pytest.approx((0.83, 0.65, 0.54))
    assert t.provenance.sha256 == before[1]   # provenance names the encrypted file the user has
    assert report.issues[0].message == "encrypted workbook decrypted in memory"
    assert (sorted(p.name for p in locked.parent.iterdir()), hashlib.sha256(locked.read_bytes()).hexdigest()) == before


def test_wrong_password_says_so(locked):
    with pytest.raises(PasswordRequired) as e:
        read_file(locked, passwords=["letmein"])
    assert e.value.message == "survey.xlsx: wrong password (none of the 1 given opens it)"
    assert (e.value.file, e.value.wrong) == ("survey.xlsx", True)


def test_pipeline_reports_password_codes(locked):
    ws = pipeline.load([locked])
    assert [(i.file, i.code) for i in ws.report.errors] == [("survey.xlsx", "password")]
    with pytest.raises(PasswordRequired) as e:
        pipeline.load([locked], strict=True, passwords=["nope"])
    assert e.value.wrong and e.value.file == "survey.xlsx"
    assert len(pipeline.load([locked], passwords=["Quarter 4 !"]).tables) == 1


def test_cli_password_file(locked, tmp_path, capsys):
    pw = tmp_path / "pw.txt"
    pw.write_text("first guess\nQuarter 4 !\n", encoding="utf-8")
    assert main(["themes", str(locked), "--json", "--password-file", str(pw)]) == 0
    out = json.loads(capsys.readouterr().out)
    assert [(t["file"], t["range"]) for t in out["tables"]] == [("survey.xlsx", "A3:B6")]
    assert main(["themes", str(locked)]) == 2
    err = capsys.readouterr().err
    assert "error: survey.xlsx: is password-protected; give its password (--password-file on the command line)" in err
    assert main(["build", str(locked), "-o", str(tmp_path / "b.pdf")]) == 2
    assert capsys.readouterr().err == ("briefing: error: survey.xlsx: is password-protected; give its password "
                                       "(--password-file on the command line)\n")
    assert main(["build", str(locked), "-o", str(tmp_path / "b.pdf"), "--password-file", str(tmp_path / "none.txt")]) == 2
    assert capsys.readouterr().err.startswith("briefing: error: --password-file ")
