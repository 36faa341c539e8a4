"""The findings editor: every generated sentence, per theme, editable, with edits marked."""
from __future__ import annotations

from typing import Mapping

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QBrush, QFont, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView, QHBoxLayout, QHeaderView, QLabel, QPlainTextEdit, QPushButton, QSplitter,
    QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget,
)

from briefing.model import Finding
from briefing.project import CHANGED, MISSING, Edit

KEY_ROLE = Qt.ItemDataRole.UserRole
REVIEW_GROUP = "\x00review"


class FindingsPanel(QWidget):
    """Lists the findings of the last preview; the window owns the edits and is told of changes."""

    # key, new text (None: back to the generated sentence)
    edit_requested = Signal(str, object)
    # key: keep the edit although the data behind it changed
    reviewed = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels([self.tr("Finding"), self.tr("State")])
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.currentItemChanged.connect(self._on_current)

        self.editor = QPlainTextEdit()
        self.editor.setPlaceholderText(self.tr("Select a finding to edit its sentence."))
        self.editor.setToolTip(self.tr("Your wording replaces the generated sentence in the briefing"))
        self.editor.textChanged.connect(self._on_text)
        self.generated = QLabel()
        self.generated.setWordWrap(True)
        self.generated.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.generated.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.reset_button = QPushButton(self.tr("&Reset to generated"))
        self.reset_button.setToolTip(self.tr("Drop your wording and use the sentence written from the data"))
        self.reset_button.clicked.connect(self.reset_current)
        self.keep_button = QPushButton(self.tr("&Keep my wording"))
        self.keep_button.setToolTip(self.tr("The data behind this finding changed: keep your sentence anyway"))
        self.keep_button.clicked.connect(self._keep_current)

        self.heading = QLabel(self.tr("<b>Findings</b>"))
        hint = QLabel(self.tr("Every sentence is written from the data; edit any of them. Edited ones are marked ✎."))
        hint.setWordWrap(True)
        hint.setForegroundRole(QPalette.ColorRole.PlaceholderText)

        bottom = QWidget()
        b = QVBoxLayout(bottom)
        b.setContentsMargins(0, 0, 0, 0)
        b.addWidget(self.editor, 1)
        b.addWidget(self.generated)
        buttons = QHBoxLayout()
        buttons.addWidget(self.keep_button)
        buttons.addStretch(1)
        buttons.addWidget(self.reset_button)
        b.addLayout(buttons)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.tree)
        split.addWidget(bottom)
        split.setChildrenCollapsible(False)
        split.setSizes([300, 160])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(hint)
        layout.addWidget(split, 1)

        self._generated: dict[str, Finding] = {}
        self._edits: Mapping[str, Edit] = {}
        self._review: Mapping[str, str] = {}
        self._shape: tuple = ()
        self._filling = False
        self._update_editor()

    # -- data ----------------------------------------------------------------------------------

    def set_findings(self, generated: Mapping[str, tuple[Finding, ...]], titles: Mapping[str, str],
                     edits: Mapping[str, Edit], review: Mapping[str, str]) -> None:
        self._generated = {f.key: f for fs in generated.values() for f in fs}
        self._edits = dict(edits)
        self._review = dict(review)
        orphans = tuple(k for k in edits if k not in self._generated)
        shape = (tuple((t, titles.get(t, t), tuple((f.key, f.text) for f in fs)) for t, fs in generated.items()),
                 orphans)
        if shape != self._shape:
            self._shape = shape
            self._fill(generated, titles, orphans)
        self._mark()
        self._update_editor(reload=True)

    def edit_text(self, key: str) -> str:
        """The sentence the briefing will print for `key`."""
        if key in self._edits:
            return self._edits[key].text
        f = self._generated.get(key)
        return f.text if f else ""

    def keys(self) -> list[str]:
        return [it.data(0, KEY_ROLE) for it in self._finding_items()]

    def item_for(self, key: str) -> QTreeWidgetItem | None:
        return next((it for it in self._finding_items() if it.data(0, KEY_ROLE) == key), None)

    def select(self, key: str) -> bool:
        item = self.item_for(key)
        if item is not None:
            self.tree.setCurrentItem(item)
        return item is not None

    def current_key(self) -> str | None:
        item = self.tree.currentItem()
        return item.data(0, KEY_ROLE) if item is not None else None

    def state_of(self, key: str) -> str:
        """"", "edited", "changed" or "missing" (the last two need the user's review)."""
        if key not in self._edits:
            return ""
        status = self._review.get(key, "")
        return status if status in (CHANGED, MISSING) else "edited"

    # -- user actions --------------------------------------------------------------------------

    @Slot()
    def reset_current(self) -> None:
        key = self.current_key()
        if key is not None and key in self._edits:
            self.edit_requested.emit(key, None)

    @Slot()
    def _keep_current(self) -> None:
        key = self.current_key()
        if key is not None and self.state_of(key) == CHANGED:
            self.reviewed.emit(key)

    def _on_text(self) -> None:
        if self._filling:
            return
        key = self.current_key()
        if key is None:
            return
        text = self.editor.toPlainText()
        f = self._generated.get(key)
        if f is not None and text.strip() == f.text.strip() and key in self._edits:
            self.edit_requested.emit(key, None)       # typed back to the generated text
        elif text != self.edit_text(key):
            self.edit_requested.emit(key, text)

    # -- internals -----------------------------------------------------------------------------

    def _finding_items(self) -> list[QTreeWidgetItem]:
        out = []
        for i in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(i)
            out.extend(top.child(j) for j in range(top.childCount()))
        return out

    def _fill(self, generated, titles, orphans) -> None:
        current = self.current_key()
        self.tree.blockSignals(True)
        self.tree.clear()
        bold = QFont(self.font())
        bold.setBold(True)
        for theme, fs in generated.items():
            top = QTreeWidgetItem([titles.get(theme, theme), ""])
            top.setFont(0, bold)
            top.setFlags(Qt.ItemFlag.ItemIsEnabled)
            for f in fs:
                child = QTreeWidgetItem(top, ["", ""])
                child.setData(0, KEY_ROLE, f.key)
            self.tree.addTopLevelItem(top)
        if orphans:
            top = QTreeWidgetItem([self.tr("Needs review: no longer in the data"), ""])
            top.setFont(0, bold)
            top.setFlags(Qt.ItemFlag.ItemIsEnabled)
            for key in orphans:
                child = QTreeWidgetItem(top, ["", ""])
                child.setData(0, KEY_ROLE, key)
            self.tree.addTopLevelItem(top)
        self.tree.expandAll()
        # Re-selected quietly: a refill after a rebuild must not turn the preview's page.
        if current is None or not self.select(current):
            self.tree.setCurrentItem(None)
        self.tree.blockSignals(False)
        self._update_editor(reload=True)

    def _mark(self) -> None:
        warn = QBrush(self.palette().color(QPalette.ColorRole.Link))
        labels = {"edited": self.tr("✎ edited"), CHANGED: self.tr("⚠ data changed"),
                  MISSING: self.tr("⚠ not generated any more")}
        tips = {CHANGED: self.tr("The sentence generated from the new data differs from the one you edited"),
                MISSING: self.tr("The new data no longer gives this finding; your sentence is not printed")}
        for item in self._finding_items():
            key = item.data(0, KEY_ROLE)
            text = " ".join(self.edit_text(key).split())
            state = self.state_of(key)
            item.setText(0, text)
            item.setToolTip(0, self.edit_text(key))
            item.setText(1, labels.get(state, ""))
            item.setToolTip(1, tips.get(state, ""))
            font = item.font(0)
            font.setItalic(bool(state))
            item.setFont(0, font)
            item.setForeground(1, warn if state in (CHANGED, MISSING) else QBrush())
        n_edits = len(self._edits)
        n_review = sum(1 for k in self._edits if self.state_of(k) in (CHANGED, MISSING))
        text = self.tr("<b>Findings</b> — {0} sentences, {1} edited").format(len(self._generated), n_edits)
        if n_review:
            text += self.tr(", <b>{0} to review</b>").format(n_review)
        self.heading.setText(text)

    @Slot()
    def _on_current(self, *_):
        self._update_editor(reload=True)

    def _update_editor(self, reload: bool = False) -> None:
        key = self.current_key()
        state = self.state_of(key) if key else ""
        self.editor.setEnabled(key is not None)
        self.reset_button.setEnabled(key is not None and key in self._edits)
        self.keep_button.setVisible(state == CHANGED)
        if key is None:
            self._set_editor("")
            self.generated.setText("")
            return
        if reload and self.editor.toPlainText() != self.edit_text(key):
            self._set_editor(self.edit_text(key))
        f = self._generated.get(key)
        if state == MISSING:
            self.generated.setText(self.tr("Not generated from the current data: your sentence is kept "
                                           "in the project but not printed."))
        elif key in self._edits and f is not None:
            self.generated.setText(self.tr("Generated: {0}").format(f.text))
        else:
            self.generated.setText("")

    def _set_editor(self, text: str) -> None:
        self._filling = True
        try:
            self.editor.setPlainText(text)
        finally:
            self._filling = False
