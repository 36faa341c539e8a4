"""Blocks -> PDF with ReportLab (the only package that imports it)."""
from briefing.render.pdf import prepare, render_pdf


def axis_marks(doc) -> list[tuple[str, tuple[str, ...]]]:
    """(chart title, the marks of its value axis) of each chart with a printed value axis."""
    from briefing.compose.blocks import LineChart
    from briefing.render.series_charts import value_axis_marks
    return [(b.title, value_axis_marks(b)) for b in doc.blocks if isinstance(b, LineChart)]


def diverging_sums(doc) -> list[tuple[str, str, str, tuple[str, ...]]]:
    """(chart title, row label, the total as printed, the answers summed) of each total printed
    beside a diverging chart's bars: its negative and its positive answers' shares."""
    from briefing.compose.blocks import DivergingBarChart
    from briefing.render.series_charts import diverging_sides, diverging_totals
    out = []
    for b in doc.blocks:
        if isinstance(b, DivergingBarChart):
            sides = diverging_sides(b)
            for r, label in enumerate(b.labels):
                for side, total in zip(sides, diverging_totals(b, r)):
                    out.append((b.title, label, f"{total:.0f}%", tuple(b.categories[c] for c in side)))
    return out


__all__ = ["axis_marks", "diverging_sums", "prepare", "render_pdf"]
