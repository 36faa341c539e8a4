"""The catalogue's themes as a checklist the user ticks and reorders (drag-and-drop or buttons):
a list view over ThemesModel, a thin Qt adapter over the session's theme order and ticks."""
from __future__ import annotations

from PySide6.QtCore import QAbstractListModel, QCoreApplication, QModelIndex, Qt, Signal, Slot
from PySide6.QtGui import QBrush, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView, QApplication, QHBoxLayout, QLabel, QListView, QPushButton, QVBoxLayout, QWidget,
)

from briefing.session import Session, empty_workspace

KEY_ROLE = Qt.ItemDataRole.UserRole
SUPPORTED_ROLE = Qt.ItemDataRole.UserRole + 1


# Literal "ThemesPanel" contexts: lupdate files the model's strings with the panel's, as before.
translate = QCoreApplication.translate


class ThemesModel(QAbstractListModel):
    """Rows are the session's theme order; the check state is whether a theme is ticked. Ticking
    and moving call the session, whose change events come back through refresh(). The model
    keeps nothing of its own but the row keys it last showed (Qt needs them to move rows)."""

    def __init__(self, session: Session, parent=None):
        super().__init__(parent)
        self.session = session
        self._rows: tuple[str, ...] = ()
        self._counts: dict[str, int] = {}
        self._ws = None               # the session's workspace (or catalogue) when last redrawn
        self._moving = False
        self.refresh()

    def refresh(self) -> None:
        """Redraw from the session (its "choices" and "workspace" events)."""
        if self._moving:
            return
        ws = self._ws = self.session.workspace or empty_workspace(self.session.catalogue)
        keys = {t.key for t in ws.catalogue}
        rows = tuple(k for k in self.session.choices.theme_order if k in keys)
        self._counts = {k: len(ws.tables_for(k)) for k in ws.supported_themes()}
        if rows != self._rows:
            self.beginResetModel()
            self._rows = rows
            self.endResetModel()
        elif rows:
            self.dataChanged.emit(self.index(0), self.index(len(rows) - 1))

    def key(self, row: int) -> str:
        return self._rows[row]

    def keys(self) -> tuple[str, ...]:
        return self._rows

    def row_of(self, key: str) -> int:
        return self._rows.index(key) if key in self._rows else -1

    # -- Qt's side ------------------------------------------------------------------------------

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        key = self._rows[index.row()]
        n = self._counts.get(key, 0)
        if role == KEY_ROLE:
            return key
        if role == SUPPORTED_ROLE:
            return n > 0
        if role == Qt.ItemDataRole.CheckStateRole:
            return Qt.CheckState.Checked if key in self.session.choices.themes else Qt.CheckState.Unchecked
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.ForegroundRole):
            return None
        lang = self.session.lang
        theme = self._ws.theme(key)
        if role == Qt.ItemDataRole.DisplayRole:
            name = theme.title(lang)
            if not n:
                return translate("ThemesPanel", "{0}  ·  no data").format(name)
            return (translate("ThemesPanel", "{0}  ·  {1} tables") if n != 1
                    else translate("ThemesPanel", "{0}  ·  1 table")).format(name, n)
        if role == Qt.ItemDataRole.ToolTipRole:
            return theme.blurb(lang) if n else theme.blurb(lang) + "\n" + translate("ThemesPanel", "No imported table matches this theme.")
        # Greyed, yet still tickable: the user may know better than the keyword match.
        return None if n else QBrush(QApplication.palette().color(QPalette.ColorGroup.Disabled,
                                                                   QPalette.ColorRole.Text))

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.CheckStateRole or not index.isValid():
            return False
        checked = Qt.CheckState(value) == Qt.CheckState.Checked if isinstance(value, int) else value == Qt.CheckState.Checked
        self.session.set_checked(self._rows[index.row()], checked)
        return True

    def flags(self, index):
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled       # drops go between rows, never onto one
        return (Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsUserCheckable
                | Qt.ItemFlag.ItemIsDragEnabled)

    def supportedDropActions(self):
        return Qt.DropAction.MoveAction

    def moveRows(self, source_parent, source_row, count, destination_parent, destination_child) -> bool:
        """What a drag (QListView's InternalMove) and the Move buttons do: one theme to a new place."""
        if count != 1 or source_parent.isValid() or destination_parent.isValid():
            return False
        if destination_child in (source_row, source_row + 1) or not 0 <= source_row < len(self._rows):
            return False
        if not self.beginMoveRows(QModelIndex(), source_row, source_row, QModelIndex(), destination_child):
            return False
        key = self._rows[source_row]
        row = destination_child if destination_child < source_row else destination_child - 1
        rows = [k for k in self._rows if k != key]
        rows.insert(row, key)
        self._moving = True
        try:
            self._rows = tuple(rows)
            self.session.move_theme(key, row)
        finally:
            self._moving = False
        self.endMoveRows()
        return True


class ThemesPanel(QWidget):
    """Ticked themes, in list order, are the sections of the briefing."""

    changed = Signal()                # the list was redrawn, ticked or reordered
    new_theme_requested = Signal()
    edit_theme_requested = Signal(str)
    remove_theme_requested = Signal(str)
    all_requested = Signal()     # tick exactly the themes with data: the session knows which

    def __init__(self, session: Session, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.model = ThemesModel(session, self)
        self.list = QListView()
        self.list.setModel(self.model)
        self.list.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.list.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setAlternatingRowColors(True)
        self.list.setSpacing(1)
        self._current_key: str | None = None
        self.model.modelAboutToBeReset.connect(self._remember_current)
        self.model.modelReset.connect(self._on_reset)
        self.model.dataChanged.connect(self._on_change)
        self.model.rowsMoved.connect(self._on_change)
        self.list.selectionModel().currentChanged.connect(self._update_buttons)

        self.up_button = QPushButton(self.tr("Move &up"))
        self.down_button = QPushButton(self.tr("Move &down"))
        self.all_button = QPushButton(self.tr("With &data"))
        self.all_button.setToolTip(self.tr("Tick exactly the themes the imported data supports"))
        self.up_button.clicked.connect(lambda: self.move_current(-1))
        self.down_button.clicked.connect(lambda: self.move_current(+1))
        self.all_button.clicked.connect(self.all_requested)
        self.new_button = QPushButton(self.tr("&New theme…"))
        self.new_button.setToolTip(self.tr("Add your own theme with its keywords"))
        self.new_button.clicked.connect(self.new_theme_requested)
        self.edit_button = QPushButton(self.tr("&Edit…"))
        self.edit_button.setToolTip(self.tr("Edit the selected theme you added"))
        self.edit_button.clicked.connect(lambda: self._emit_current(self.edit_theme_requested))
        self.remove_button = QPushButton(self.tr("Remo&ve"))
        self.remove_button.setToolTip(self.tr("Remove the selected theme you added"))
        self.remove_button.clicked.connect(lambda: self._emit_current(self.remove_theme_requested))

        hint = QLabel(self.tr("Tick the themes to write about; drag to set their order."))
        hint.setWordWrap(True)
        hint.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        buttons = QHBoxLayout()
        buttons.addWidget(self.up_button)
        buttons.addWidget(self.down_button)
        buttons.addStretch(1)
        buttons.addWidget(self.all_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.heading = QLabel()
        layout.addWidget(self.heading)
        layout.addWidget(hint)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)
        custom = QHBoxLayout()
        custom.addWidget(self.new_button)
        custom.addWidget(self.edit_button)
        custom.addWidget(self.remove_button)
        custom.addStretch(1)
        layout.addLayout(custom)
        self._update_heading()
        self._update_buttons()

    # -- what the briefing is built from (the session's, as shown) --------------------------------

    def refresh(self) -> None:
        self.model.refresh()

    def selected_keys(self) -> tuple[str, ...]:
        """Ticked theme keys in list order."""
        ticked = set(self.session.choices.themes)
        return tuple(k for k in self.model.keys() if k in ticked)

    def order(self) -> tuple[str, ...]:
        return self.model.keys()

    def index_for(self, key: str) -> QModelIndex | None:
        row = self.model.row_of(key)
        return self.model.index(row) if row >= 0 else None

    def set_current(self, key: str) -> None:
        index = self.index_for(key)
        if index is not None:
            self.list.setCurrentIndex(index)

    def current_key(self) -> str | None:
        index = self.list.currentIndex()
        return index.data(KEY_ROLE) if index.isValid() else None

    def set_checked(self, key: str, checked: bool) -> None:
        """Tick or untick `key`, as a click on its box does."""
        index = self.index_for(key)
        if index is None:
            raise KeyError(key)
        state = Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
        self.model.setData(index, state, Qt.ItemDataRole.CheckStateRole)

    def move(self, key: str, row: int) -> None:
        """Put theme `key` at `row` (what a drag does), keeping the current item on it."""
        src = self.model.row_of(key)
        if src < 0:
            raise KeyError(key)
        row = max(0, min(row, self.model.rowCount() - 1))
        if src == row:
            return
        self.model.moveRow(QModelIndex(), src, QModelIndex(), row + 1 if row > src else row)
        self.set_current(key)

    @Slot()
    def move_current(self, step: int) -> None:
        key = self.current_key()
        if key is None:
            return
        self.move(key, self.model.row_of(key) + step)
        self.list.setFocus()

    # -- internals --------------------------------------------------------------------------

    def _remember_current(self) -> None:
        self._current_key = self.current_key()

    def _on_reset(self) -> None:
        if self._current_key is not None:
            self.set_current(self._current_key)
        self._on_change()

    def _on_change(self, *_) -> None:
        self._update_heading()
        self._update_buttons()
        self.changed.emit()

    def _update_heading(self) -> None:
        n = len(self.selected_keys())
        self.heading.setText(self.tr("<b>Themes</b> — {0} of {1} ticked").format(n, self.model.rowCount()))

    def _emit_current(self, signal) -> None:
        key = self.current_key()
        if key is not None:
            signal.emit(key)

    def _current_is_custom(self) -> bool:
        key = self.current_key()
        return key is not None and any(t.key == key and t.custom for t in self.session.catalogue)

    @Slot()
    def _update_buttons(self, *_):
        custom = self._current_is_custom()
        self.edit_button.setEnabled(custom)
        self.remove_button.setEnabled(custom)
        row = self.list.currentIndex().row()
        self.up_button.setEnabled(row > 0)
        self.down_button.setEnabled(0 <= row < self.model.rowCount() - 1)
        self.all_button.setEnabled(self.model.rowCount() > 0)
