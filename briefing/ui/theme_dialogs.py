"""Dialogs: a custom theme with its keywords, and the themes of one table (an override)."""
from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QAbstractItemView, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QListWidget,
    QListWidgetItem, QPushButton, QVBoxLayout, QWidget,
)

from briefing.model import Theme


def _split(text: str) -> tuple[str, ...]:
    return tuple(k.strip() for k in re.split(r"[,;，；\n]", text) if k.strip())


def theme_key(name: str, taken: set[str]) -> str:
    base = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "theme"
    key, n = base, 2
    while key in taken:
        key, n = f"{base}-{n}", n + 1
    return key


class ThemeDialog(QDialog):
    """Add or edit a custom theme: names, description, English and Chinese keywords."""

    def __init__(self, parent: QWidget | None = None, theme: Theme | None = None, taken: set[str] = frozenset()):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Edit theme") if theme else self.tr("New theme"))
        self._theme = theme
        self._taken = set(taken) - ({theme.key} if theme else set())
        self.name = QLineEdit(theme.name if theme else "")
        self.name_zh = QLineEdit(theme.name_zh if theme else "")
        self.description = QLineEdit(theme.description if theme else "")
        self.keywords = QLineEdit(", ".join(theme.keywords) if theme else "")
        self.keywords.setPlaceholderText(self.tr("talent, skill*, hiring"))
        self.keywords.setToolTip(self.tr("Whole words, comma-separated; end with * to match a prefix"))
        self.keywords_zh = QLineEdit(", ".join(theme.keywords_zh) if theme else "")
        self.keywords_zh.setPlaceholderText("人才, 技能")
        form = QFormLayout()
        form.addRow(self.tr("&Name:"), self.name)
        form.addRow(self.tr("Name (&Chinese):"), self.name_zh)
        form.addRow(self.tr("&Description:"), self.description)
        form.addRow(self.tr("&Keywords:"), self.keywords)
        form.addRow(self.tr("Keywords (C&hinese):"), self.keywords_zh)
        self.error = QLabel()
        self.error.setForegroundRole(QPalette.ColorRole.Link)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        for w in (self.name, self.keywords, self.keywords_zh):
            w.textChanged.connect(self._validate)
        self.resize(460, self.sizeHint().height())
        self._validate()

    def _validate(self) -> None:
        problem = ""
        if not self.name.text().strip():
            problem = self.tr("Give the theme a name.")
        elif not _split(self.keywords.text()) and not _split(self.keywords_zh.text()):
            problem = self.tr("Give at least one keyword.")
        self.error.setText(problem)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not problem)

    def theme(self) -> Theme:
        key = self._theme.key if self._theme else theme_key(self.name.text(), self._taken)
        return Theme(key=key, name=self.name.text().strip(), name_zh=self.name_zh.text().strip(),
                     description=self.description.text().strip(), description_zh="",
                     keywords=tuple(k.lower() for k in _split(self.keywords.text())),
                     keywords_zh=_split(self.keywords_zh.text()), custom=True)


class TableThemesDialog(QDialog):
    """Tick the themes a table belongs to; the first ticked is the section it appears in."""

    AUTOMATIC = 2   # result code: back to the keywords' choice

    def __init__(self, parent: QWidget | None, title: str, catalogue, current: tuple[str, ...], lang: str = "en"):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Themes of “{0}”").format(title))
        hint = QLabel(self.tr("Tick the themes this table belongs to; drag to order them. "
                              "The first is the section it appears in."))
        hint.setWordWrap(True)
        self.list = QListWidget()
        self.list.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        order = list(current) + [t.key for t in catalogue if t.key not in current]
        names = {t.key: t.title(lang) for t in catalogue}
        for key in order:
            if key not in names:
                continue
            it = QListWidgetItem(names[key])
            it.setData(Qt.ItemDataRole.UserRole, key)
            it.setFlags(it.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            it.setCheckState(Qt.CheckState.Checked if key in current else Qt.CheckState.Unchecked)
            self.list.addItem(it)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.automatic = QPushButton(self.tr("&Automatic"))
        self.automatic.setToolTip(self.tr("Use the themes the keywords find"))
        self.buttons.addButton(self.automatic, QDialogButtonBox.ButtonRole.ResetRole)
        self.automatic.clicked.connect(lambda: self.done(self.AUTOMATIC))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.buttons)
        self.resize(420, 420)

    def themes(self) -> tuple[str, ...]:
        items = [self.list.item(i) for i in range(self.list.count())]
        return tuple(it.data(Qt.ItemDataRole.UserRole) for it in items if it.checkState() == Qt.CheckState.Checked)
