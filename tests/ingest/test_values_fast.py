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
