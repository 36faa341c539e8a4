"""The Chinese briefing of each real workbook rests on the same cells as the English one: the same
findings (by key), each citing the same cells, with the same derivations' operands and the same tests."""
import re
from pathlib import Path

import pytest

SURVEYS = Path(__file__).resolve().parents[2].parent / "shared" / "surveys"
WORKBOOKS = sorted(p for p in SURVEYS.glob("*") if p.suffix in (".xlsx", ".xls", ".csv")) if SURVEYS.is_dir() else []

pytestmark = pytest.mark.skipif(not WORKBOOKS, reason=f"real survey workbooks not present ({SURVEYS})")

_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_RANGE = re.compile(r"^(.*)!\$?([A-Z]+)\$?(\d+)(?::\$?([A-Z]+)\$?(\d+))?$")


def _rows(cite: str):
    """A cited range by sheet, rows and last column: a Chinese briefing cites a row from its
    Chinese label (A6:N6) where the English one starts at the English twin (B6:N6)."""
    m = _RANGE.match(cite)
    if not m:
        return cite
    sheet, c1, r1, c2, r2 = m.groups()
    return sheet, r1, r2 or r1, c2 or c1


@pytest.mark.parametrize("path", WORKBOOKS, ids=lambda p: p.stem)
def test_chinese_findings_rest_on_the_same_cells_as_the_english(path):
    from briefing import pipeline
    from briefing.analysis import analyse
    ws = pipeline.load([path])
    themes = ws.supported_themes()
    assert themes, f"{path.name}: no section"
    by_theme = {t: ws.tables_for(t) for t in themes}
    en, zh = analyse(by_theme, "en"), analyse(by_theme, "zh")
    for theme in themes:
        e = {f.key: f for f in en[theme]}
        z = {f.key: f for f in zh[theme]}
        assert set(e) == set(z), f"{path.name} {theme}: findings differ by language"
        for key, f in e.items():
            g = z[key]
            assert [_rows(c) for c in f.cites] == [_rows(c) for c in g.cites], f"{path.name} {key}: cites differ"
            assert (f.headline == "") == (g.headline == ""), f"{path.name} {key}: a callout in one language only"
            # A test's statistic and threshold are numbers, the same in both (verdict words differ).
            assert _NUMBER.findall(f.test) == _NUMBER.findall(g.test), f"{path.name} {key}: tests differ"
