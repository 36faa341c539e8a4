"""Blocks -> PDF with ReportLab (the only package that imports it)."""
from briefing.render.pdf import render_pdf


def axis_marks(doc) -> list[tuple[str, tuple[str, ...]]]:
    """(chart title, the marks of its value axis) of each chart with a printed value axis."""
    from briefing.compose.blocks import LineChart
    from briefing.render.series_charts import value_axis_marks
    return [(b.title, value_axis_marks(b)) for b in doc.blocks if isinstance(b, LineChart)]


__all__ = ["axis_marks", "render_pdf"]
