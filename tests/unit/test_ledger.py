"""The audit ledger on hand-made documents: numbers found as printed, traced to cells or derivations,
and a number with no source entered as one."""
from __future__ import annotations

import pytest

from briefing.compose.blocks import DocMeta, Document, Findings, FindingItem, Heading, Para, TableBlock
from briefing.compose.ledger import make_ledger
from briefing.model import BriefingSpec, Column, Finding, Provenance, Table, Theme
from briefing.model.ledger import number_key, number_tokens


@pytest.mark.parametrize("text, tokens", [
    ("China leads with more than 80%, 26 points above 54%. [A1, A2]", ["80%", "26", "54%"]),
    ("GPT-4, 01.AI, B5:C7, file_2023.xls, 3mma, Q3 2024", ["2024"]),
    ("−5.4% and 1,234.5 in 2023.", ["5.4%", "1,234.5", "2023"]),
    ("增长5.3%，2023年11月", ["5.3%", "2023", "11"]),
])
def test_number_tokens(text, tokens):
    assert number_tokens(text) == tokens


def test_number_key_drops_sign_separators_and_percent():
    assert number_key("−1,234.5%") == "1234.5"


def _table() -> Table:
    prov = Provenance("/data/s.xlsx", "Adoption", "A4:B7", "0" * 64)
    cols = (Column("Country", "label", ("China", "India", "Global average")),
            Column("Share (%)", "percent", (0.8, 0.65, 0.54), source_col=1))
    return Table("s.xlsx|Adoption|A4", "Use of GenAI 2024", cols, prov, (4, 5, 6))


def _ledger(blocks, findings=()):
    table = _table()
    theme = Theme("adoption", "GenAI adoption", "生成式人工智能采用", "", "", (), ())
    meta = DocMeta("t", "", "", "", "15 January 2026", "2026-01-15", "en", "", "")
    doc = Document(meta, (Heading("GenAI adoption", 1, "sec-adoption"), *blocks,
                          Heading("Use of GenAI 2024", 2, "sec-adoption-t1"),
                          TableBlock("Data", ("Country", "Share (%)"), (("China", "80%"), ("India", "65%")),
                                     ("left", "right"))), owners=(("sec-adoption-t1", table.key),))
    spec = BriefingSpec(title="t", sources=("/data/s.xlsx",), date="2026-01-15")
    return make_ledger(doc, spec, [theme], {"adoption": [table]}, {"adoption": tuple(findings)})


def test_cells_and_derivations_are_traced():
    f = Finding("k", "adoption", "s.xlsx|Adoption|A4", "gap", "India is 11 points above the average of 54%.",
                cites=("Adoption!A6:B6", "Adoption!A7:B7"), derivation="65% (B6) − 54% (B7) = 11 points")
    ledger = _ledger([Findings((FindingItem(f.text, "[A1, A2]"),))], [f])
    by = {(e.where, e.text): e for e in ledger.entries}
    gap = by["finding", "11"]
    assert gap.kind == "derived" and gap.derivation == f.derivation
    share = by["finding", "54%"]
    assert share.kind == "cell" and (share.cells[0].sheet, share.cells[0].cell, share.cells[0].value) == \
        ("Adoption", "B7", "0.54")
    assert by["table", "65%"].cells[0].cell == "B6"
    assert by["heading", "2024"].kind == "text"          # in the table's title
    assert not ledger.unsourced()


def test_a_number_with_no_source_is_entered_as_none():
    f = Finding("k", "adoption", "s.xlsx|Adoption|A4", "gap", "India is 12 points above the average.",
                cites=("Adoption!A6:B6",), derivation="")
    ledger = _ledger([Para(f.text, "lead")], [f])
    (bad,) = ledger.unsourced()
    assert bad.text == "12" and bad.where == "lead" and "12" not in {number_key(k) for k in ledger.keys()}


def test_a_whole_number_is_no_rounding_of_a_decimal_in_the_derivation():
    """"3 more" is not 2.61 rounded: a count needs its own derivation."""
    f = Finding("k", "adoption", "s.xlsx|Adoption|A4", "fact", "3 more groups tied.",
                cites=("Adoption!A6:B6",), derivation="2.61 (B6) / 1 = 2.61")
    ledger = _ledger([Para(f.text, "lead")], [f])
    assert [e.text for e in ledger.unsourced()] == ["3"]
