"""Blocks -> PDF with ReportLab (the only package that imports it)."""
from briefing.render.pdf import render_pdf

__all__ = ["render_pdf"]
