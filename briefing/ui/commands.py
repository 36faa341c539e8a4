"""How the Edit menu words an undo step: the session's English wording, translated."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from briefing import session
from briefing.project import Project
from briefing.session import Step


def _tr(text: str) -> str:
    # lupdate files these strings under the empty context (see the list below), so they are
    # looked up there.
    return QCoreApplication.translate("", text)


def step_label(step: Step) -> str:
    return _tr(step.text).format(step.arg)


def describe(before: Project, after: Project) -> tuple[str, str]:
    """The Edit menu's wording of a change, translated, and the key under which typing merges."""
    text, arg, merge = session.describe(before, after)
    return _tr(text).format(arg), merge


def _wordings() -> tuple[str, ...]:
    """Never called: session.describe's wordings as literal tr() calls, the only kind lupdate finds."""
    tr = _tr
    return (tr("Change {0}"), tr("Change fields"), tr("Edit finding"), tr("Reset finding"), tr("Tick theme"),
            tr("Untick theme"), tr("Reorder themes"), tr("Change custom themes"),
            tr("Change the themes of a table"), tr("Change the role of a row"), tr("Change template"),
            tr("Change"))
