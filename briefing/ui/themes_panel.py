"""The catalogue's themes as a checklist the user ticks and reorders (drag-and-drop or buttons)."""
from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal, Slot
from PySide6.QtGui import QBrush, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView, QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QPushButton, QVBoxLayout,
    QWidget,
)

from briefing.pipeline import Workspace

KEY_ROLE = Qt.ItemDataRole.UserRole
SUPPORTED_ROLE = Qt.ItemDataRole.UserRole + 1


class ThemesPanel(QWidget):
    """Ticked themes, in list order, are the sections of the briefing."""

    changed = Signal()
    new_theme_requested = Signal()
    edit_theme_requested = Signal(str)
    remove_theme_requested = Signal(str)
    all_requested = Signal()     # tick exactly the themes with data: the session knows which

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.list = QListWidget()
        self.list.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.list.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setAlternatingRowColors(True)
        self.list.setSpacing(1)
        self.list.itemChanged.connect(self._on_item_changed)
        # Drag-and-drop reorders through the model; rowsMoved is the one signal that says so.
        self.list.model().rowsMoved.connect(lambda *_: self.changed.emit())
        self.list.currentRowChanged.connect(self._update_buttons)

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
        self.heading = QLabel(self.tr("<b>Themes</b>"))
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
        self._workspace: Workspace | None = None
        self._lang = "en"
        self._update_buttons()

    # -- what the briefing is built from --------------------------------------------------

    def selected_keys(self) -> tuple[str, ...]:
        """Ticked theme keys in list order."""
        return tuple(it.data(KEY_ROLE) for it in self._items() if it.checkState() == Qt.CheckState.Checked)

    def order(self) -> tuple[str, ...]:
        return tuple(it.data(KEY_ROLE) for it in self._items())

    def item_for(self, key: str) -> QListWidgetItem | None:
        return next((it for it in self._items() if it.data(KEY_ROLE) == key), None)

    def set_checked(self, key: str, checked: bool) -> None:
        item = self.item_for(key)
        if item is None:
            raise KeyError(key)
        item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)

    def move(self, key: str, row: int) -> None:
        """Put theme `key` at `row` (what a drag does), keeping the current item on it."""
        item = self.item_for(key)
        if item is None:
            raise KeyError(key)
        src = self.list.row(item)
        row = max(0, min(row, self.list.count() - 1))
        if src == row:
            return
        # moveRow keeps the item's data and emits rowsMoved, as a drag does.
        model = self.list.model()
        model.moveRow(QModelIndex(), src, QModelIndex(), row + 1 if row > src else row)
        self.list.setCurrentRow(row)

    def set_state(self, order, selected) -> None:
        """Put the themes in `order` with exactly `selected` ticked (a project, an undo)."""
        selected = set(selected)
        items = {it.data(KEY_ROLE): it for it in self._items()}
        keys = [k for k in order if k in items] + [k for k in items if k not in order]
        if keys == list(self.order()) and set(self.selected_keys()) == selected:
            return
        current = self.list.currentItem().data(KEY_ROLE) if self.list.currentItem() else None
        with _Batch(self):
            while self.list.count():
                self.list.takeItem(0)
            for k in keys:
                item = items[k]
                item.setCheckState(Qt.CheckState.Checked if k in selected else Qt.CheckState.Unchecked)
                self.list.addItem(item)
                if k == current:
                    self.list.setCurrentItem(item)
        self._update_heading()
        self._update_buttons()
        self.changed.emit()

    @Slot()
    def move_current(self, step: int) -> None:
        item = self.list.currentItem()
        if item is None:
            return
        self.move(item.data(KEY_ROLE), self.list.row(item) + step)
        self.list.setFocus()

    # -- filling from a workspace -----------------------------------------------------------

    def set_workspace(self, ws: Workspace, lang: str = "en", order=(), selected=()) -> None:
        """List the catalogue in `order` (the session's), with exactly `selected` ticked."""
        supported = set(ws.supported_themes())
        counts = {key: len(ws.tables_for(key)) for key in supported}
        keys = [t.key for t in ws.catalogue]
        ordered = [k for k in order if k in keys] + [k for k in keys if k not in order]
        ticked = set(selected)
        current = self.list.currentItem().data(KEY_ROLE) if self.list.currentItem() else None

        self._workspace = ws
        self._lang = lang
        with _Batch(self):
            self.list.clear()
            for key in ordered:
                item = QListWidgetItem()
                item.setData(KEY_ROLE, key)
                item.setData(SUPPORTED_ROLE, key in supported)
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                              | Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsDragEnabled)
                item.setCheckState(Qt.CheckState.Checked if key in ticked else Qt.CheckState.Unchecked)
                self._label(item, ws.theme(key), counts.get(key, 0))
                self.list.addItem(item)
                if key == current:
                    self.list.setCurrentItem(item)
        self._update_heading()
        self._update_buttons()
        self.changed.emit()

    def set_lang(self, lang: str) -> None:
        if self._workspace is None or lang == self._lang:
            return
        self._lang = lang
        ws = self._workspace
        with _Batch(self):
            for it in self._items():
                key = it.data(KEY_ROLE)
                self._label(it, ws.theme(key), len(ws.tables_for(key)) if it.data(SUPPORTED_ROLE) else 0)

    def _label(self, item: QListWidgetItem, theme, n_tables: int) -> None:
        name = theme.title(self._lang)
        blurb = theme.blurb(self._lang)
        if n_tables:
            item.setText((self.tr("{0}  ·  {1} tables") if n_tables != 1 else self.tr("{0}  ·  1 table"))
                         .format(name, n_tables))
            item.setToolTip(blurb)
            item.setForeground(QBrush())
        else:
            item.setText(self.tr("{0}  ·  no data").format(name))
            item.setToolTip(blurb + "\n" + self.tr("No imported table matches this theme."))
            # Greyed, yet still tickable: the user may know better than the keyword match.
            item.setForeground(QBrush(self.palette().color(QPalette.ColorGroup.Disabled,
                                                           QPalette.ColorRole.Text)))

    # -- internals --------------------------------------------------------------------------

    def _items(self) -> list[QListWidgetItem]:
        return [self.list.item(i) for i in range(self.list.count())]

    def _on_item_changed(self, _item: QListWidgetItem) -> None:
        if not self.list.signalsBlocked():
            self._update_heading()
            self.changed.emit()

    def _update_heading(self) -> None:
        n = len(self.selected_keys())
        self.heading.setText(self.tr("<b>Themes</b> — {0} of {1} ticked").format(n, self.list.count()))

    def _emit_current(self, signal) -> None:
        item = self.list.currentItem()
        if item is not None:
            signal.emit(item.data(KEY_ROLE))

    def _current_is_custom(self) -> bool:
        item = self.list.currentItem()
        if item is None or self._workspace is None:
            return False
        key = item.data(KEY_ROLE)
        return any(t.key == key and t.custom for t in self._workspace.catalogue)

    @Slot()
    def _update_buttons(self, *_):
        custom = self._current_is_custom()
        self.edit_button.setEnabled(custom)
        self.remove_button.setEnabled(custom)
        row = self.list.currentRow()
        self.up_button.setEnabled(row > 0)
        self.down_button.setEnabled(0 <= row < self.list.count() - 1)
        self.all_button.setEnabled(self.list.count() > 0)


class _Batch:
    """Silence itemChanged while filling the list, so listeners hear one `changed` at the end."""

    def __init__(self, panel: ThemesPanel):
        self._list = panel.list

    def __enter__(self):
        self._was = self._list.blockSignals(True)

    def __exit__(self, *exc):
        self._list.blockSignals(self._was)
