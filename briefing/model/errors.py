"""Errors whose message is fit to show a user on one line (what is wrong and where)."""
from __future__ import annotations


class BriefingError(Exception):
    """Base of every error the app reports to a user as a single line."""

    def __init__(self, message: str):
        # Never let a newline turn a one-line message into several.
        super().__init__(" ".join(str(message).split()))

    @property
    def message(self) -> str:
        return self.args[0]


class InputError(BriefingError):
    """A source file, sheet, theme name or option the user gave cannot be used."""


class Cancelled(BriefingError):
    """The user cancelled long-running work."""

    def __init__(self, message: str = "Cancelled"):
        super().__init__(message)


class PasswordRequired(InputError):
    """A workbook is encrypted and no password given opens it; `wrong` when one was given but failed.

    The window catches this to ask for the password of `file` and import again.
    """

    def __init__(self, message: str, file: str = "", wrong: bool = False):
        super().__init__(message)
        self.file = file
        self.wrong = wrong
