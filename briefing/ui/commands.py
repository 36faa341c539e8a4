"""The undo step for a change of the briefing's choices, and how the Edit menu words it."""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QUndoCommand

from briefing.project import Project

if TYPE_CHECKING:
    from briefing.ui.main_window import MainWindow


class ChoiceCommand(QUndoCommand):
    """One change to the briefing (fields, themes, overrides, custom themes, finding edits),
    as the project state before and after. Typing in one field or one finding merges."""

    def __init__(self, window: MainWindow, before: Project, after: Project, text: str, merge_key: str):
        super().__init__(text)
        self._window = window
        self.before = before
        self.after = after
        self.merge_key = merge_key
        self._done = True      # pushed after the change happened: the first redo does nothing

    def redo(self) -> None:
        if self._done:
            self._done = False
            return
        self._window.apply_choices(self.after)

    def undo(self) -> None:
        self._window.apply_choices(self.before)

    def id(self) -> int:
        return 1 if self.merge_key else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not self.merge_key or getattr(other, "merge_key", None) != self.merge_key:
            return False
        self.after = other.after
        return True


def describe(before: Project, after: Project) -> tuple[str, str]:
    """The Edit menu's wording of a change, and a key under which typing merges into one step."""
    # lupdate files these strings under the empty context (tr here is a plain function, not a
    # QObject's), so they must be looked up there to be found.
    tr = lambda s: QCoreApplication.translate("", s)  # noqa: E731
    if before.fields != after.fields:
        keys = [k for k in set(before.fields) | set(after.fields) if before.fields.get(k) != after.fields.get(k)]
        if len(keys) == 1:
            return tr("Change {0}").format(keys[0]), f"field:{keys[0]}"
        return tr("Change fields"), ""
    if before.edits != after.edits:
        keys = [k for k in set(before.edits) | set(after.edits) if before.edits.get(k) != after.edits.get(k)]
        if len(keys) == 1 and keys[0] in after.edits:
            return tr("Edit finding"), f"edit:{keys[0]}"
        return tr("Reset finding"), ""
    if before.themes != after.themes and set(before.themes) != set(after.themes):
        return (tr("Tick theme") if len(after.themes) > len(before.themes) else tr("Untick theme")), ""
    if before.theme_order != after.theme_order or before.themes != after.themes:
        return tr("Reorder themes"), ""
    if before.custom_themes != after.custom_themes:
        return tr("Change custom themes"), ""
    if before.overrides != after.overrides:
        return tr("Change the themes of a table"), ""
    if before.roles != after.roles:
        return tr("Change the role of a row"), ""
    if before.template != after.template:
        return tr("Change template"), ""
    return tr("Change"), ""
