"""The one-match reading of plain numbers and percentages gives what the full cell parser gives."""
from hypothesis import given, settings, strategies as st

from briefing.ingest.values import _PLAIN, _parse_text, _parse_text_full

_CHARS = st.sampled_from(list("0123456789,.-%+ ") + ["\u00a0", "*", "(", ")"])


def _same(text: str) -> None:
    fast, full = _parse_text(text), _parse_text_full(text)
    assert (fast.value, fast.kind, fast.bound, fast.note) == (full.value, full.kind, full.bound, full.note), text


def test_the_common_forms():
    for text in ["12.3", "-4", "0", "-0", "0012", "1,204", "12,345,678.9", "41.5%", "-0.5%", "100%", "2024",
                 "9" * 15, "9" * 15 + "." + "9" * 15, "1,23", "1,2345", ".5", "5.", "+5", "5 %", " 5", "5 ",
                 "1e5", "12.3%%", "--5", "1,234,567,890,123", "S", "(X)", "12.3*"]:
        _same(text)
    assert _PLAIN.fullmatch("41.5%") and not _PLAIN.fullmatch("1,23") and not _PLAIN.fullmatch("9" * 16)


@settings(max_examples=3000, deadline=None)
@given(st.text(_CHARS, min_size=1, max_size=24))
def test_any_text_of_number_characters(text):
    _same(text)


_OLD_NEEDS_CLEANING = __import__("re").compile(
    r"[\x01-\x1f\x7f-\x9f\u00a0\u00ad\u1680\u2000-\u200f\u2028-\u202f\u205f\u3000\ufeff]|  |\x00 | \x00|^ | $")


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.text(st.sampled_from(list("ab ") + ["\x00", "\t", "\u00a0", "\u2003", "\ufeff", "é"]),
                        max_size=6), min_size=1, max_size=5))
def test_the_column_cleaning_check_is_the_one_regex_it_replaced(cells):
    from briefing.ingest.columns import _needs_cleaning
    joined = "\x00".join(cells)
    assert _needs_cleaning(joined) == bool(_OLD_NEEDS_CLEANING.search(joined)), cells
