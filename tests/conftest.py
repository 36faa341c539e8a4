"""Shared fixtures: workbooks made by code, and the sample's path."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from briefing.paths import sample_workbook


@pytest.fixture(scope="session")
def sample() -> Path:
    return sample_workbook()


def write_workbook(path: Path, sheets: dict[str, list[list]], percent: dict[str, set[tuple[int, int]]] | None = None) -> Path:
    """Writes rows per sheet with openpyxl; `percent` marks 1-based (row, col) cells with a 0% format."""
    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for r, row in enumerate(rows, 1):
            for c, v in enumerate(row, 1):
                if v is not None:
                    cell = ws.cell(r, c, v)
                    if percent and (r, c) in percent.get(name, set()):
                        cell.number_format = "0%"
    wb.save(path)
    return path


@pytest.fixture
def make_workbook(tmp_path):
    def make(name: str, sheets: dict[str, list[list]], percent=None) -> Path:
        return write_workbook(tmp_path / name, sheets, percent)
    return make


@pytest.fixture
def chinese_workbook(make_workbook) -> Path:
    """A survey table whose labels, title and notes are Chinese only."""
    return make_workbook("中文调查.xlsx", {
        "采用情况": [
            ["生成式人工智能采用率调查"],
            ["按地区统计的企业管理者使用比例"],
            [],
            ["地区", "使用比例 (%)"],
            ["中国", 0.83],
            ["美国", 0.65],
            ["日本", 0.41],
            ["全球平均", 0.54],
            [],
            ["资料来源：示例调查"],
        ]}, percent={"采用情况": {(5, 2), (6, 2), (7, 2), (8, 2)}})


@pytest.fixture
def dated():
    return dt.date
