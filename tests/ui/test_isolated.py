"""Big workbooks are imported in a child process: same workspace, same errors, cancellable."""
import threading

import pytest

from briefing import pipeline
from briefing.model import Cancelled
from briefing.paths import sample_workbook
from briefing.ui import isolated


def test_child_process_import_gives_the_same_workspace(tmp_path):
    never = threading.Event()
    seen = []
    missing = tmp_path / "missing.xlsx"
    ws = isolated.load([sample_workbook(), missing], progress=lambda f, m: seen.append(f), cancel=never)
    direct = pipeline.load([sample_workbook(), missing])
    assert ws.tables == direct.tables and ws.tags == direct.tags and ws.report == direct.report
    assert ws.tables and all(t.columns[0].values for t in ws.tables)
    assert seen and max(seen) <= 1.0


def test_child_process_import_cancels():
    cancel = threading.Event()
    cancel.set()
    with pytest.raises(Cancelled):
        isolated.load([sample_workbook()], progress=lambda f, m: None, cancel=cancel)


def test_only_big_files_go_to_a_child(tmp_path):
    assert not isolated.worth_isolating([sample_workbook()])
    big = tmp_path / "big.csv"
    big.write_bytes(b"a,b\n" + b"x,1\n" * (isolated.MIN_BYTES // 4 + 1))
    assert isolated.worth_isolating([big])
