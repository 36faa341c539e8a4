"""Companion files written beside the briefing: the data workbook of every table it used (openpyxl, writing only)."""
from briefing.export.workbook import write_data_workbook

__all__ = ["write_data_workbook"]
