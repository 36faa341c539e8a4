"""A read-only grid of one imported table as Briefing read it: typed columns, values, provenance."""
from __future__ import annotations

import datetime as _dt
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView, QHeaderView, QLabel, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget,
)

from briefing.model import Column, Table

_BOUND_PREFIX = {">": ">", "<": "<", "<=": "≤", "~": "~"}


def format_value(column: Column, i: int) -> str:
    """A cell as a reader would check it against the workbook (54%, >80%, 64.53, 2023-10-01)."""
    value: Any = column.values[i]
    if value is None or value == "":
        return "–"
    prefix = _BOUND_PREFIX.get(column.bound(i), "")
    if column.kind == "percent" and isinstance(value, (int, float)):
        text = f"{value * 100:.1f}".rstrip("0").rstrip(".") + "%"
    elif isinstance(value, float):
        text = f"{value:,.2f}".rstrip("0").rstrip(".")
    elif isinstance(value, (_dt.date, _dt.datetime)):
        text = value.isoformat()
    else:
        text = str(value)
    return prefix + text


class TablePreview(QWidget):
    """Shows the selected table, so the user can check what was read before building."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.caption = QLabel()
        self.caption.setWordWrap(True)
        self.caption.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.grid = QTableWidget()
        self.grid.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.grid.setAlternatingRowColors(True)
        self.grid.setWordWrap(False)
        self.grid.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.grid.horizontalHeader().setStretchLastSection(False)
        self.grid.verticalHeader().setDefaultSectionSize(22)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.caption)
        layout.addWidget(self.grid, 1)
        self.show_table(None)

    def show_table(self, table: Table | None) -> None:
        self.grid.clear()
        if table is None:
            self.caption.setText("Select a table to see what was read from it.")
            self.grid.setRowCount(0)
            self.grid.setColumnCount(0)
            return
        prov = table.provenance
        parts = [f"<b>{_esc(table.title)}</b>"]
        if table.subtitle:
            parts.append(f"<i>{_esc(table.subtitle)}</i>")
        parts.append(f"{_esc(prov.file_name)} · {_esc(prov.cite())} · SHA-256 {prov.sha256[:12]}…")
        if table.source:
            parts.append(f"Source: {_esc(table.source)}")
        self.caption.setText("<br>".join(parts))

        self.grid.setColumnCount(len(table.columns))
        self.grid.setRowCount(table.n_rows)
        for c, column in enumerate(table.columns):
            unit = f" ({column.unit})" if column.unit and column.unit != "%" else ""
            header = QTableWidgetItem(f"{column.name}{unit}\n{column.kind}")
            header.setToolTip(f"{column.name}: {column.kind}; {table.cite_column(c)}" if table.n_rows else column.name)
            self.grid.setHorizontalHeaderItem(c, header)
            align = (Qt.AlignmentFlag.AlignRight if column.is_numeric else Qt.AlignmentFlag.AlignLeft)
            for r in range(min(table.n_rows, len(column.values))):
                item = QTableWidgetItem(format_value(column, r))
                item.setTextAlignment(align | Qt.AlignmentFlag.AlignVCenter)
                item.setToolTip(f"{table.provenance.cite(table.cell_ref(r, c))}: {column.values[r]!r}")
                self.grid.setItem(r, c, item)
        self.grid.setVerticalHeaderLabels([str(row + 1) for row in table.source_rows])
        self.grid.resizeColumnsToContents()
        for c in range(self.grid.columnCount()):
            # Long free-text columns would otherwise push the rest out of sight.
            self.grid.setColumnWidth(c, min(self.grid.columnWidth(c), 320))


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
