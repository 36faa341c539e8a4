"""Workbooks -> typed tables with provenance (the only package that reads spreadsheet files)."""
from briefing.ingest.reader import read_file, read_files, is_unit_header

__all__ = ["read_file", "read_files", "is_unit_header"]
