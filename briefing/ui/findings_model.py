"""FindingsModel: the session's findings per theme, with the user's edits and their review marks,
as a Qt item model (a thin adapter)."""
from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QCoreApplication, QModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QFont, QPalette
from PySide6.QtWidgets import QApplication

from briefing.project import CHANGED, MISSING
from briefing.session import Session

KEY_ROLE = Qt.ItemDataRole.UserRole
STATE_ROLE = Qt.ItemDataRole.UserRole + 1      # "", "edited", "changed" or "missing"
COLUMNS = 2                                    # the sentence, its state

# Literal "FindingsPanel" contexts: lupdate files the model's strings with the panel's, as before.
translate = QCoreApplication.translate


def header_labels() -> list[str]:
    return [translate("FindingsPanel", "Finding"), translate("FindingsPanel", "State")]


class FindingsModel(QAbstractItemModel):
    """Top rows are the themes of the last build (and, if any, the edits no longer generated);
    under each, its findings. The sentence shown is the user's edit, else the generated one.
    The model keeps nothing but what it last showed: refresh() redraws it from the session
    (the window calls it on the session's "findings" event). Internal ids: 0 for a theme's row,
    its row + 1 for the findings under it."""

    redrawn = Signal()                # once per refresh(), after the reset or the data changes

    def __init__(self, session: Session, parent=None):
        super().__init__(parent)
        self.session = session
        self._groups: list[tuple[str, tuple[str, ...]]] = []    # (title, finding keys)
        self._generated: dict[str, str] = {}
        self._edits: dict = {}
        self._review: dict[str, str] = {}
        self.refresh()

    def refresh(self) -> None:
        s = self.session
        generated = s.generated
        titles = s.theme_titles() if s.workspace is not None else {}
        edits, review = s.edits, s.review()
        groups = [(titles.get(theme, theme), tuple(f.key for f in fs)) for theme, fs in generated.items()]
        known = {f.key for fs in generated.values() for f in fs}
        orphans = tuple(k for k in edits if k not in known)
        if orphans:
            groups.append((translate("FindingsPanel", "Needs review: no longer in the data"), orphans))
        new_shape = groups != self._groups
        if new_shape:
            self.beginResetModel()
        self._groups = groups
        self._generated = {f.key: f.text for fs in generated.values() for f in fs}
        self._edits, self._review = edits, review
        if new_shape:
            self.endResetModel()
        elif groups:
            self.dataChanged.emit(self.index(0, 0), self.index(len(groups) - 1, COLUMNS - 1))
            for g, (_, keys) in enumerate(groups):
                if keys:
                    top = self.index(g, 0)
                    self.dataChanged.emit(self.index(0, 0, top), self.index(len(keys) - 1, COLUMNS - 1, top))
        self.redrawn.emit()

    # -- what the panel reads --------------------------------------------------------------------

    def keys(self) -> list[str]:
        return [k for _, keys in self._groups for k in keys]

    def index_for(self, key: str) -> QModelIndex:
        for g, (_, keys) in enumerate(self._groups):
            if key in keys:
                return self.createIndex(keys.index(key), 0, g + 1)
        return QModelIndex()

    def key_of(self, index: QModelIndex) -> str | None:
        if not index.isValid() or index.internalId() == 0:
            return None
        return self._groups[index.internalId() - 1][1][index.row()]

    def generated_text(self, key: str) -> str | None:
        return self._generated.get(key)

    def edited(self, key: str) -> bool:
        return key in self._edits

    def edit_count(self) -> int:
        return len(self._edits)

    def sentence_count(self) -> int:
        return len(self._generated)

    def edit_text(self, key: str) -> str:
        """The sentence the briefing will print for `key`."""
        if key in self._edits:
            return self._edits[key].text
        return self._generated.get(key, "")

    def state_of(self, key: str) -> str:
        """"", "edited", "changed" or "missing" (the last two need the user's review)."""
        if key not in self._edits:
            return ""
        status = self._review.get(key, "")
        return status if status in (CHANGED, MISSING) else "edited"

    # -- Qt's side ------------------------------------------------------------------------------

    def index(self, row, column, parent=QModelIndex()) -> QModelIndex:
        if not 0 <= column < COLUMNS:
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, 0) if 0 <= row < len(self._groups) else QModelIndex()
        if parent.internalId() != 0 or not 0 <= parent.row() < len(self._groups):
            return QModelIndex()
        keys = self._groups[parent.row()][1]
        return self.createIndex(row, column, parent.row() + 1) if 0 <= row < len(keys) else QModelIndex()

    def parent(self, index=QModelIndex()) -> QModelIndex:
        if not index.isValid() or index.internalId() == 0:
            return QModelIndex()
        return self.createIndex(index.internalId() - 1, 0, 0)

    def rowCount(self, parent=QModelIndex()) -> int:
        if not parent.isValid():
            return len(self._groups)
        if parent.internalId() == 0 and parent.column() == 0:
            return len(self._groups[parent.row()][1])
        return 0

    def columnCount(self, parent=QModelIndex()) -> int:
        return COLUMNS

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < COLUMNS:
            return header_labels()[section]
        return None

    def flags(self, index):
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if index.internalId() == 0:
            return Qt.ItemFlag.ItemIsEnabled          # a theme's heading: not a finding to edit
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        col = index.column()
        if index.internalId() == 0:
            if role == Qt.ItemDataRole.DisplayRole and col == 0:
                return self._groups[index.row()][0]
            if role == Qt.ItemDataRole.FontRole and col == 0:
                font = QFont(QApplication.font())
                font.setBold(True)
                return font
            return None
        key = self.key_of(index)
        state = self.state_of(key)
        if role == KEY_ROLE:
            return key if col == 0 else None
        if role == STATE_ROLE:
            return state
        if col == 0:
            if role == Qt.ItemDataRole.DisplayRole:
                return " ".join(self.edit_text(key).split())
            if role == Qt.ItemDataRole.ToolTipRole:
                return self.edit_text(key) or None
            if role == Qt.ItemDataRole.FontRole and state:
                font = QFont(QApplication.font())
                font.setItalic(True)
                return font
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            labels = {"edited": translate("FindingsPanel", "✎ edited"),
                      CHANGED: translate("FindingsPanel", "⚠ data changed"),
                      MISSING: translate("FindingsPanel", "⚠ not generated any more")}
            return labels.get(state) or None
        if role == Qt.ItemDataRole.ToolTipRole:
            tips = {CHANGED: translate("FindingsPanel", "The sentence generated from the new data differs from the one you edited"),
                    MISSING: translate("FindingsPanel", "The new data no longer gives this finding; your sentence is not printed")}
            return tips.get(state)
        if role == Qt.ItemDataRole.ForegroundRole and state in (CHANGED, MISSING):
            return QBrush(QApplication.palette().color(QPalette.ColorRole.Link))
        return None
