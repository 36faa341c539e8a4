"""The imported tables, grouped by file and sheet, with their themes and the import's warnings:
a tree view over SourcesModel, a thin Qt adapter over the session's workspace."""
from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView, QHeaderView, QLabel, QListWidget, QListWidgetItem, QSplitter, QStyle,
    QTabWidget, QTreeView, QVBoxLayout, QWidget,
)

from briefing.session import Session
from briefing.ui.sources_model import TABLE_KEY_ROLE, SourcesModel, same_file
from briefing.ui.table_preview import TablePreview


class SourcesPanel(QWidget):
    """Tree of file > sheet > table; below it, the import's errors and warnings."""

    current_changed = Signal()        # another row (or none) is current

    def __init__(self, session: Session, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.model = SourcesModel(session, self)
        self.tree = QTreeView()
        self.tree.setModel(self.model)
        self.tree.setAlternatingRowColors(True)
        self.tree.setUniformRowHeights(True)
        # Always there: a bar that came when the rows outgrew the view narrowed it once they were
        # laid out, and the whole tree was drawn again (the same reason as the preview's).
        self.tree.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = self.tree.header()
        header.setStretchLastSection(True)
        # Widths set from the rows' texts once a reset (_fit_columns), never by the view: sizing
        # columns to their contents asks the Python model for seven roles of every row, and the
        # view did it about ten times over while expanding a new tree (5,000 calls, 20 ms).
        for col in (0, 1, 2):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Interactive)

        self.issues = QListWidget()
        self.issues.setWordWrap(True)
        self.issues.setAlternatingRowColors(True)
        self.preview = TablePreview()
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.preview, self.tr("Table preview"))
        self.tabs.addTab(self.issues, self.tr("Import messages"))
        self.tree.selectionModel().currentChanged.connect(self._on_current)
        self._keep: str | None = None
        self.model.modelAboutToBeReset.connect(self._remember_current)
        self.model.modelReset.connect(self._on_reset)

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
        self._issues_of = None            # the workspace the import messages were listed from
        self.show_placeholder(self.tr("Loading…"))

    def show_placeholder(self, text: str) -> None:
        self.model.show_placeholder(text)
        self.refresh()

    def refresh(self) -> None:
        """Redraw from the session (its "workspace" and "choices" events)."""
        self.model.refresh()
        ws = self.session.workspace
        if ws is not self._issues_of:
            self._issues_of = ws
            self._fill_issues()
            # A redraw in place keeps the current row, but its table may be a new one (new roles).
            self._on_current(self.tree.currentIndex())

    def table_keys(self) -> list[str]:
        """Keys of the tables listed, in tree order (what a test or a selection needs)."""
        return self.model.table_keys()

    def table(self, key: str):
        ws = self.session.workspace
        return next((t for t in ws.tables if t.key == key), None) if ws is not None else None

    def current_index(self) -> QModelIndex:
        return self.tree.currentIndex()

    def current_table_key(self) -> str | None:
        """Key of the table whose row is current, if a table row is."""
        index = self.tree.currentIndex()
        return index.siblingAtColumn(0).data(TABLE_KEY_ROLE) if index.isValid() else None

    def _on_current(self, current: QModelIndex, _previous=None) -> None:
        key = current.siblingAtColumn(0).data(TABLE_KEY_ROLE) if current.isValid() else None
        self.preview.show_table(self.table(key) if key else None)
        self.current_changed.emit()

    def select_table(self, key: str) -> bool:
        """Make the row of table `key` current (and so previewed); False if it is not listed."""
        index = self.model.index_of_table(key)
        if index.isValid():
            self.tree.setCurrentIndex(index)
        return index.isValid()

    def selected_file(self) -> str | None:
        """Path of the file the current row belongs to, if any."""
        return self.model.file_of(self.tree.currentIndex())

    def _remember_current(self) -> None:
        self._keep = self.current_table_key()

    def _on_reset(self) -> None:
        self.tree.expandAll()
        # Unheard by the tree: told of a new width, it repaints the columns right of it on a timer
        # of its own, after the reset's repaint has drawn them at that width already (two full
        # paints of the tree through the Python model, each ~30 calls a row).
        header = self.tree.header()
        header.blockSignals(True)
        try:
            self._fit_columns()
        finally:
            header.blockSignals(False)
        # The first table is selected (and its grid filled) on a later turn of the event loop: done
        # here, the two made one 50 ms stall of the GUI thread after a 190-table import. A timer, not
        # a posted call (what a 0 ms single shot is): the new tree is painted, and timers and input
        # that are due are handled, before the grid is filled.
        QTimer.singleShot(1, self, self._select_after_reset)   # not run once the panel is gone

    def _fit_columns(self) -> None:
        """Table, Range and Rows as wide as their widest text (each distinct text measured once),
        as the view would size them, but without asking the model; a long title stops at 320 px
        so that it does not push the themes off-screen."""
        fm = self.tree.fontMetrics()
        style = self.tree.style()
        pad = 2 * (style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, self.tree) + 1) + 8
        icon = style.pixelMetric(QStyle.PixelMetric.PM_SmallIconSize, None, self.tree) + 4
        step = self.tree.indentation()
        header = self.tree.header()
        for col, cap in ((0, 320), (1, None), (2, None)):
            widest: dict[str, int] = {}
            for depth, text, has_icon in self.model.column_texts(col):
                indent = step * (depth + 1) + (icon if has_icon else 0) if col == 0 else 0
                widest[text] = max(widest.get(text, 0), indent)
            width = max((fm.horizontalAdvance(t) + indent + pad for t, indent in widest.items()), default=0)
            width = max(width, header.sectionSizeHint(col))
            self.tree.setColumnWidth(col, width if cap is None else min(width, cap))

    def _select_after_reset(self) -> None:
        keys = self.table_keys()
        if keys and not (self._keep and self.select_table(self._keep)):
            self.select_table(keys[0])
        elif not keys:
            self._on_current(QModelIndex())

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
        ws = self.session.workspace
        self.issues.clear()
        if ws is None:
            self.heading.setText(self.tr("<b>Sources</b>"))
            self.tabs.setTabText(self.tabs.indexOf(self.issues), self.tr("Import messages"))
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
                      if str(src) not in read and any(same_file(i.file, str(src)) for i in ws.report.errors)]
        text = self.tr("<b>Sources</b> — {0} tables from {1} file(s)").format(len(ws.tables), len(read))
        if unreadable:
            text += f", {len(unreadable)} unreadable"
        self.heading.setText(text)
