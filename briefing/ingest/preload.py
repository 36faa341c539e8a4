"""Imported by the readers' forkserver as it starts: the readers' first-use work done there once.

A reader child forked from the server inherits what the server has made ready: the data files
parsed (code lists, terms, places), the patterns compiled, the lazy imports done. Without it every
child did that work again for its one file (20-30 ms of a small CSV's 40 ms read). Reading the
embedded sample walks the workbook path; the CSV and banner-sheet paths have data of their own.
Only a head start: whatever fails here is met again, and said, by the child that needs it.
"""
from __future__ import annotations


def _warm() -> None:
    try:
        from briefing.ingest import crosstab, reader, survey
        from briefing.paths import sample_workbook

        reader.read_file(sample_workbook(), workers=1)   # the shipped sample: never a hostile file
        crosstab._geo_index()
        survey.survey_words()
    except Exception:  # noqa: BLE001 - see the module docstring
        pass


_warm()
