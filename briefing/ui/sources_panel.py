"""The imported tables, grouped by file and sheet, with their themes and the import's warnings."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView, QHeaderView, QLabel, QListWidget, QListWidgetItem, QSplitter, QStyle,
    QTabWidget, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget,
)

from briefing.pipeline import Workspace
from briefing.ui.table_preview import TablePreview

TABLE_KEY_ROLE = Qt.ItemDataRole.UserRole
FILE_PATH_ROLE = Qt.ItemDataRole.UserRole + 1
COLUMNS = ("Table", "Range", "Rows", "Themes")


def _same_file(issue_file: str, path: str) -> bool:
    # Issues may name a file by its path or by its bare name.
    return issue_file in (path, Path(path).name)


class SourcesPanel(QWidget):
    """Tree of file > sheet > table; below it, the import's errors and warnings."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels([self.tr("Table"), self.tr("Range"), self.tr("Rows"), self.tr("Themes")])
        self.tree.setAlternatingRowColors(True)
        self.tree.setUniformRowHeights(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.tree.header()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        for col in (1, 2):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)

        self.issues = QListWidget()
        self.issues.setWordWrap(True)
        self.issues.setAlternatingRowColors(True)
        self.preview = TablePreview()
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.preview, self.tr("Table preview"))
        self.tabs.addTab(self.issues, self.tr("Import messages"))
        self.tree.currentItemChanged.connect(self._on_current)

        self.heading = QLabel(self.tr("<b>Sources</b>"))
        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(self.heading)
        top_layout.addWidget(self.tree)

        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(top)
        split.addWidget(self.tabs)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setSizes([380, 260])
        split.setChildrenCollapsible(False)
        self.splitter = split
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(split)
        self._workspace: Workspace | None = None
        self._lang = "en"
        self.show_placeholder(self.tr("Loading…"))

    def show_placeholder(self, text: str) -> None:
        self.tree.clear()
        item = QTreeWidgetItem([text])
        item.setFlags(Qt.ItemFlag.NoItemFlags)
        self.tree.addTopLevelItem(item)

    def set_workspace(self, ws: Workspace, lang: str = "en") -> None:
        self._workspace = ws
        self._lang = lang
        self._fill_tree()
        self._fill_issues()

    def set_lang(self, lang: str) -> None:
        if lang != self._lang and self._workspace is not None:
            self._lang = lang
            self._fill_tree()

    def table_keys(self) -> list[str]:
        """Keys of the tables listed, in tree order (what a test or a selection needs)."""
        return [it.data(0, TABLE_KEY_ROLE) for it in self._table_items() if it.data(0, TABLE_KEY_ROLE)]

    def table(self, key: str):
        ws = self._workspace
        return next((t for t in ws.tables if t.key == key), None) if ws is not None else None

    def _on_current(self, item: QTreeWidgetItem | None, _previous=None) -> None:
        key = item.data(0, TABLE_KEY_ROLE) if item is not None else None
        self.preview.show_table(self.table(key) if key else None)

    def select_table(self, key: str) -> bool:
        """Make the row of table `key` current (and so previewed); False if it is not listed."""
        for it in self._table_items():
            if it.data(0, TABLE_KEY_ROLE) == key:
                self.tree.setCurrentItem(it)
                return True
        return False

    def _table_items(self) -> list[QTreeWidgetItem]:
        items = []
        for f in range(self.tree.topLevelItemCount()):
            file_item = self.tree.topLevelItem(f)
            for s in range(file_item.childCount()):
                sheet_item = file_item.child(s)
                items.extend(sheet_item.child(t) for t in range(sheet_item.childCount()))
        return items

    def selected_file(self) -> str | None:
        """Path of the file the current row belongs to, if any."""
        item = self.tree.currentItem()
        while item is not None and item.parent() is not None:
            item = item.parent()
        return item.data(0, FILE_PATH_ROLE) if item is not None else None

    def _theme_cell(self, ws: Workspace, key: str) -> tuple[str, str]:
        parts, tips = [], []
        titles = {t.key: t.title(self._lang) for t in ws.catalogue}
        for tag in ws.tags.get(key, ()):
            name = titles.get(tag.theme, tag.theme)
            parts.append(f"{name} {tag.score:.2f}")
            why = f": {', '.join(tag.hits)}" if tag.hits else ""
            tips.append(f"{name} (score {tag.score:.2f}){why}")
        return " · ".join(parts), "\n".join(tips) or self.tr("No theme matched this table")

    def _fill_tree(self) -> None:
        ws = self._workspace
        current = self.tree.currentItem()
        keep = current.data(0, TABLE_KEY_ROLE) if current is not None else None
        self.tree.clear()
        if ws is None:
            return
        style = self.style()
        file_icon = style.standardIcon(QStyle.StandardPixmap.SP_FileIcon)
        sheet_icon = style.standardIcon(QStyle.StandardPixmap.SP_FileDialogDetailedView)
        error_icon = style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxCritical)
        muted = QBrush(self.palette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text))

        files: dict[str, QTreeWidgetItem] = {}
        sheets: dict[tuple[str, str], QTreeWidgetItem] = {}
        table_counts: dict[str, int] = {}

        def file_key(path: str) -> str:
            if path in files:
                return path
            resolved = Path(path).resolve()
            for known in files:
                if Path(known).resolve() == resolved:
                    return known
            item = QTreeWidgetItem([Path(path).name])
            item.setIcon(0, file_icon)
            item.setToolTip(0, path)
            item.setData(0, FILE_PATH_ROLE, path)
            files[path] = item
            return path

        # Sources first, so a file keeps its place (and shows up) even when it yielded no tables.
        for src in ws.sources:
            file_key(str(src))
        for table in ws.tables:
            fkey = file_key(table.provenance.path)
            file_item = files[fkey]
            table_counts[fkey] = table_counts.get(fkey, 0) + 1
            sheet_name = table.sheet or "(CSV)"
            sheet_item = sheets.get((fkey, sheet_name))
            if sheet_item is None:
                sheet_item = QTreeWidgetItem(file_item, [sheet_name])
                sheet_item.setIcon(0, sheet_icon)
                sheets[(fkey, sheet_name)] = sheet_item
            themes, tip = self._theme_cell(ws, table.key)
            row = QTreeWidgetItem(sheet_item, [table.title or "(untitled table)",
                                               table.provenance.cell_range, str(table.n_rows), themes])
            row.setData(0, TABLE_KEY_ROLE, table.key)
            row.setToolTip(0, "\n".join(x for x in (table.title, table.subtitle, table.source) if x))
            row.setToolTip(1, table.provenance.cite())
            row.setToolTip(3, tip)
            if not themes:
                row.setText(3, "no theme")
                row.setForeground(3, muted)

        for path, item in files.items():
            n = table_counts.get(path, 0)
            item.setText(3, self.tr("1 table") if n == 1 else self.tr("{0} tables").format(n))
            item.setForeground(3, muted)
            errors = [i.line() for i in ws.report.errors if _same_file(i.file, path)]
            if errors and not n:
                item.setIcon(0, error_icon)
                item.setText(3, errors[0])
                item.setForeground(3, muted)
            if errors:
                item.setToolTip(0, path + "\n" + "\n".join(errors))
            self.tree.addTopLevelItem(item)
        self.tree.expandAll()
        self.tree.resizeColumnToContents(0)
        # A long title must not push the themes column off-screen.
        self.tree.setColumnWidth(0, min(self.tree.columnWidth(0) + 8, 320))
        keys = self.table_keys()
        if keys and not (keep and self.select_table(keep)):
            self.select_table(keys[0])

    def show_build_warnings(self, warnings) -> None:
        """What the last export could not print (characters no font has), above the import messages."""
        icon = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        for i in range(self.issues.count() - 1, -1, -1):
            if self.issues.item(i).data(Qt.ItemDataRole.UserRole) == "build":
                self.issues.takeItem(i)
        for k, text in enumerate(warnings):
            item = QListWidgetItem(icon, text)
            item.setToolTip(f"warning: {text}")
            item.setData(Qt.ItemDataRole.UserRole, "build")
            self.issues.insertItem(k, item)
        if warnings:
            self.tabs.setCurrentWidget(self.issues)

    def _fill_issues(self) -> None:
        ws = self._workspace
        self.issues.clear()
        if ws is None:
            return
        style = self.style()
        icons = {
            "error": style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxCritical),
            "warning": style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning),
        }
        info_icon = style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxInformation)
        # Most severe first: an unreadable file matters more than a skipped note row.
        order = {"error": 0, "warning": 1}
        for issue in sorted(ws.report.issues, key=lambda i: order.get(i.level, 2)):
            item = QListWidgetItem(icons.get(issue.level, info_icon), issue.line())
            item.setToolTip(f"{issue.level}: {issue.line()}")
            self.issues.addItem(item)
        n = len(ws.report.issues)
        n_errors = len(ws.report.errors)
        label = self.tr("Import messages ({0})").format(n) if n else self.tr("Import messages: none")
        self.tabs.setTabText(self.tabs.indexOf(self.issues), label)
        self.tabs.setTabIcon(self.tabs.indexOf(self.issues), icons["error"] if n_errors else (
            icons["warning"] if any(i.level == "warning" for i in ws.report.issues) else info_icon))
        if n_errors:
            # An unreadable file is news the user must not miss behind the preview tab.
            self.tabs.setCurrentWidget(self.issues)
        read = {t.provenance.path for t in ws.tables}
        unreadable = [src for src in ws.sources
                      if str(src) not in read and any(_same_file(i.file, str(src)) for i in ws.report.errors)]
        text = self.tr("<b>Sources</b> — {0} tables from {1} file(s)").format(len(ws.tables), len(read))
        if unreadable:
            text += f", {len(unreadable)} unreadable"
        self.heading.setText(text)
