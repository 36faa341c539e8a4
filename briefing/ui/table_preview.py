"""A read-only grid of one imported table as Briefing read it: typed columns, values, provenance."""
from __future__ import annotations

import datetime as _dt
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QPoint, QSize, Qt, Signal
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import (
    QAbstractItemView, QHeaderView, QLabel, QMenu, QStyle, QTableView, QVBoxLayout, QWidget,
)

from briefing.model import Column, Table

_MEASURED_COLUMNS = 40
_MEASURED_ROWS = 30
_BOUND_PREFIX = {">": ">", "<": "<", "<=": "≤", "~": "~"}


def format_value(column: Column, i: int) -> str:
    """A cell as a reader would check it against the workbook (54%, >80%, 64.53, 2023-10-01)."""
    value: Any = column.values[i]
    if value is None or value == "":
        return "–"
    prefix = _BOUND_PREFIX.get(column.bound(i), "")
    if column.kind == "percent" and isinstance(value, (int, float)):
        # As many decimals as the cell has (2.65% stays 2.65%, not 2.6%), up to four.
        text = f"{round(value * 100, 4):.4f}".rstrip("0").rstrip(".") + "%"
    elif isinstance(value, float):
        text = f"{value:,.2f}".rstrip("0").rstrip(".")
    elif isinstance(value, (_dt.date, _dt.datetime)):
        text = value.isoformat()
    else:
        text = str(value)
    return prefix + text


# Marks beside the row number: Σ the total (benchmark or sum), ⊂ an aggregate of other rows.
ROLE_MARKS = {"total": "Σ", "aggregate": "⊂"}


def role_name(role: str) -> str:
    from PySide6.QtCore import QCoreApplication
    # Literal calls, so pyside6-lupdate finds the strings.
    if role == "total":
        return QCoreApplication.translate("TablePreview", "Total (the benchmark or the sum; not ranked)")
    if role == "aggregate":
        return QCoreApplication.translate("TablePreview", "Aggregate of other rows (not ranked)")
    if role == "member":
        return QCoreApplication.translate("TablePreview", "Member (a plain row)")
    return role


class TableModel(QAbstractTableModel):
    """A read-only adapter over a Table: cells are formatted on demand from the column tuples,
    never copied, so a million-row table costs nothing until rows scroll into view."""

    def __init__(self, table: Table | None = None, parent=None):
        super().__init__(parent)
        self._table = table
        self._align = ()
        # (orientation, text) -> the section's QSize, as the view's header would work it out; None:
        # the header asks for the section's text, font, icon, alignment... itself.
        self.measure = None
        self._sizes: dict = {}

    def set_table(self, table: Table | None) -> None:
        self.beginResetModel()
        self._table = table
        self._sizes = {}
        self._align = tuple(
            (Qt.AlignmentFlag.AlignRight if c.is_numeric else Qt.AlignmentFlag.AlignLeft)
            | Qt.AlignmentFlag.AlignVCenter for c in (table.columns if table else ()))
        self.endResetModel()

    @property
    def table(self) -> Table | None:
        return self._table

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if self._table is None or parent.isValid() else self._table.n_rows

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if self._table is None or parent.isValid() else len(self._table.columns)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        t = self._table
        if t is None or not index.isValid():
            return None
        r, c = index.row(), index.column()
        column = t.columns[c]
        if r >= len(column.values):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return format_value(column, r)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return self._align[c]
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{t.provenance.cite(t.cell_ref(r, c))}: {column.values[r]!r}"
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        t = self._table
        if t is None:
            return None
        if role == Qt.ItemDataRole.SizeHintRole:
            # One call a section instead of the seven roles a header asks to size it (and it sizes
            # every section of both headers, more than once, after each reset).
            if self.measure is None:
                return None
            size = self._sizes.get((orientation, section))
            if size is None:
                text = self.headerData(section, orientation)
                if text is None:
                    return None
                size = self._sizes[(orientation, section)] = self.measure(orientation, text)
            return size
        if orientation == Qt.Orientation.Vertical:
            # The sheet's own row numbers, so the user can find the cell in the workbook, and the
            # part a row plays (total, aggregate) when it has one.
            if section >= t.n_rows:
                return None
            part = t.row_role(section)
            if role == Qt.ItemDataRole.DisplayRole:
                return f"{t.source_rows[section] + 1} {ROLE_MARKS.get(part, '')}".rstrip()
            if role == Qt.ItemDataRole.ToolTipRole and part:
                why = next(w for r, p, w in t.row_roles if r == section)
                return f"{role_name(part)}: {why}"
            return None
        if section >= len(t.columns):
            return None
        column = t.columns[section]
        if role == Qt.ItemDataRole.DisplayRole:
            unit = f" ({column.unit})" if column.unit and column.unit != "%" else ""
            return f"{column.name}{unit}\n{column.kind}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{column.name}: {column.kind}; {t.cite_column(section)}" if t.n_rows else column.name
        return None


class TablePreview(QWidget):
    """Shows the selected table, so the user can check what was read before building; a right
    click on a row sets the part it plays (role_chosen: table key, row label, role or "")."""

    role_chosen = Signal(str, str, str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.caption = QLabel()
        self.caption.setWordWrap(True)
        self.caption.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.model = TableModel(parent=self)
        self.grid = QTableView()
        self.grid.setModel(self.model)
        self.grid.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.grid.setAlternatingRowColors(True)
        self.grid.setWordWrap(False)
        self.grid.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.grid.horizontalHeader().setStretchLastSection(False)
        # Fixed row heights: the view never measures a million rows.
        self.grid.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.grid.verticalHeader().setDefaultSectionSize(22)
        self.grid.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.grid.customContextMenuRequested.connect(self._row_menu)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.caption)
        layout.addWidget(self.grid, 1)
        self.model.measure = self._header_size
        self._metrics: dict = {}
        self.show_table(None)

    def _header_size(self, orientation: Qt.Orientation, text: str) -> QSize:
        """A header section's size for `text`, worked out as QHeaderView does (in bold, so that a
        highlighted section fits as well; the style's margins either side; at least the minimum)."""
        horizontal = orientation == Qt.Orientation.Horizontal
        header = self.grid.horizontalHeader() if horizontal else self.grid.verticalHeader()
        key = (orientation, header.font().key(), header.style().objectName())
        metrics = self._metrics.get(key)
        if metrics is None:
            font = header.font()
            font.setBold(True)
            margin = header.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMargin, None, header)
            metrics = self._metrics[key] = (QFontMetrics(font), margin)
        fm, margin = metrics
        size = fm.size(0, text)
        width = size.width() + 2 * margin
        if horizontal:
            width = max(width, header.minimumSectionSize())
        return QSize(width, size.height() + 2 * margin)

    def show_table(self, table: Table | None) -> None:
        self.model.set_table(table)
        if table is None:
            self.caption.setText(self.tr("Select a table to see what was read from it."))
            return
        prov = table.provenance
        parts = [f"<b>{_esc(table.title)}</b>"]
        if table.subtitle:
            parts.append(f"<i>{_esc(table.subtitle)}</i>")
        parts.append(f"{_esc(prov.file_name)} · {_esc(prov.cite())} · SHA-256 {prov.sha256[:12]}…")
        if table.source:
            parts.append(self.tr("Source: {0}").format(_esc(table.source)))
        self.caption.setText("<br>".join(parts))
        # Width from the header and the first rows only: measuring every row is slow on big tables;
        # and of the first columns only: a monthly series since 1976 has 576, which took 85 ms of the
        # GUI thread to measure, and the rest keep the default width until the user scrolls to them.
        fm = self.grid.fontMetrics()
        for c in range(min(len(table.columns), _MEASURED_COLUMNS)):
            texts = [self.model.headerData(c, Qt.Orientation.Horizontal) or ""]
            texts += [format_value(table.columns[c], r) for r in range(min(table.n_rows, _MEASURED_ROWS))
                      if r < len(table.columns[c].values)]
            # Each distinct line measured once (a column of shares repeats "–" and few widths).
            width = max(map(fm.horizontalAdvance, {line for t in texts for line in t.split("\n")})) + 18
            self.grid.setColumnWidth(c, min(width, 320))


    def row_label(self, row: int) -> str:
        t = self.model.table
        label = next((i for i, c in enumerate(t.columns) if c.kind == "label"), None) if t else None
        if label is None or row >= t.n_rows or t.columns[label].values[row] is None:
            return ""
        return " ".join(str(t.columns[label].values[row]).split())

    def role_menu(self, row: int) -> QMenu | None:
        """The menu of parts a row can play, the current one checked; None for a row with no label."""
        label = self.row_label(row)
        if not label:
            return None
        menu = QMenu(self)
        menu.setTitle(self.tr("Row Role"))
        current = self.model.table.row_role(row)
        for role in ("total", "aggregate", "member"):
            action = menu.addAction(role_name(role))
            action.setCheckable(True)
            action.setChecked(current == role)
            action.triggered.connect(lambda _=False, r=role: self.role_chosen.emit(self.model.table.key, label, r))
        menu.addSeparator()
        auto = menu.addAction(self.tr("As Read (Automatic)"))
        auto.triggered.connect(lambda: self.role_chosen.emit(self.model.table.key, label, ""))
        return menu

    def _row_menu(self, pos: QPoint) -> None:
        index = self.grid.indexAt(pos)
        menu = self.role_menu(index.row()) if index.isValid() else None
        if menu is not None:
            menu.exec(self.grid.viewport().mapToGlobal(pos))


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
