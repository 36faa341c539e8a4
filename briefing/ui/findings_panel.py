"""The findings editor: every generated sentence, per theme, editable, with edits marked:
a tree view over FindingsModel, a thin Qt adapter over the session's findings and edits."""
from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal, Slot
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QAbstractItemView, QHBoxLayout, QHeaderView, QLabel, QPlainTextEdit, QPushButton, QSplitter,
    QTreeView, QVBoxLayout, QWidget,
)

from briefing.project import CHANGED, MISSING
from briefing.session import Session
from briefing.ui.findings_model import FindingsModel


class FindingsPanel(QWidget):
    """Lists the findings of the last preview; the session owns the edits and is asked to change them."""

    # key, new text (None: back to the generated sentence)
    edit_requested = Signal(str, object)
    # key: keep the edit although the data behind it changed
    reviewed = Signal(str)
    # the user made another finding current (not a redraw re-selecting the same one)
    current_changed = Signal()

    def __init__(self, session: Session, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.model = FindingsModel(session, self)
        self.tree = QTreeView()
        self.tree.setModel(self.model)
        self.tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.selectionModel().currentChanged.connect(self._on_current)
        self._keep: str | None = None
        self.model.modelAboutToBeReset.connect(self._remember_current)
        self.model.modelReset.connect(self._on_reset)
        self.model.redrawn.connect(self._on_redrawn)
        self._restoring = False

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

        self._filling = False
        self._on_reset()
        self._on_redrawn()

    # -- data ----------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Redraw from the session (its "findings" event)."""
        self.model.refresh()

    def edit_text(self, key: str) -> str:
        """The sentence the briefing will print for `key`."""
        return self.model.edit_text(key)

    def keys(self) -> list[str]:
        return self.model.keys()

    def index_for(self, key: str) -> QModelIndex | None:
        index = self.model.index_for(key)
        return index if index.isValid() else None

    def select(self, key: str) -> bool:
        index = self.index_for(key)
        if index is not None:
            self.tree.setCurrentIndex(index)
        return index is not None

    def current_key(self) -> str | None:
        return self.model.key_of(self.tree.currentIndex())

    def state_of(self, key: str) -> str:
        """"", "edited", "changed" or "missing" (the last two need the user's review)."""
        return self.model.state_of(key)

    # -- user actions --------------------------------------------------------------------------

    @Slot()
    def reset_current(self) -> None:
        key = self.current_key()
        if key is not None and self.model.edited(key):
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
        generated = self.model.generated_text(key)
        if generated is not None and text.strip() == generated.strip() and self.model.edited(key):
            self.edit_requested.emit(key, None)       # typed back to the generated text
        elif text != self.edit_text(key):
            self.edit_requested.emit(key, text)

    # -- internals -----------------------------------------------------------------------------

    def _remember_current(self) -> None:
        self._keep = self.current_key()

    def _on_reset(self) -> None:
        self.tree.expandAll()
        # Re-selected quietly: a redraw after a rebuild must not turn the preview's page.
        self._restoring = True
        try:
            if self._keep is None or not self.select(self._keep):
                self.tree.setCurrentIndex(QModelIndex())
        finally:
            self._restoring = False

    def _on_redrawn(self, *_) -> None:
        n_edits = self.model.edit_count()
        n_review = sum(1 for k in self.model.keys() if self.state_of(k) in (CHANGED, MISSING))
        text = self.tr("<b>Findings</b> — {0} sentences, {1} edited").format(self.model.sentence_count(), n_edits)
        if n_review:
            text += self.tr(", <b>{0} to review</b>").format(n_review)
        self.heading.setText(text)
        self._update_editor(reload=True)

    @Slot()
    def _on_current(self, *_):
        self._update_editor(reload=True)
        if not self._restoring:
            self.current_changed.emit()

    def _update_editor(self, reload: bool = False) -> None:
        key = self.current_key()
        state = self.state_of(key) if key else ""
        self.editor.setEnabled(key is not None)
        self.reset_button.setEnabled(key is not None and self.model.edited(key))
        self.keep_button.setVisible(state == CHANGED)
        if key is None:
            self._set_editor("")
            self.generated.setText("")
            return
        if reload and self.editor.toPlainText() != self.edit_text(key):
            self._set_editor(self.edit_text(key))
        generated = self.model.generated_text(key)
        if state == MISSING:
            self.generated.setText(self.tr("Not generated from the current data: your sentence is kept "
                                           "in the project but not printed."))
        elif self.model.edited(key) and generated is not None:
            self.generated.setText(self.tr("Generated: {0}").format(generated))
        else:
            self.generated.setText("")

    def _set_editor(self, text: str) -> None:
        self._filling = True
        try:
            self.editor.setPlainText(text)
        finally:
            self._filling = False
