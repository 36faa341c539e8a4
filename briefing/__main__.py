"""Entry point: `briefing` / `python -m briefing` / `python main.py`: CLI subcommands headless, else the window."""
from __future__ import annotations

import os
import sys

CLI_COMMANDS = {"build", "themes", "-h", "--help", "--version"}


def _unknown_command(argv: list[str]) -> str:
    """A first word that is neither a command nor a file to open ('briefing bogus'), or ""."""
    if not argv or argv[0].startswith("-"):
        return ""
    word = argv[0]
    if os.path.exists(word) or os.path.splitext(word)[1] or os.sep in word:
        return ""   # a file to open (the window says if it is missing)
    return word


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] in CLI_COMMANDS:
        from briefing import cli  # no Qt on this path
        return cli.main(argv)
    bogus = _unknown_command(argv)
    if bogus:
        from briefing.cli import program
        print(f"briefing: error: unknown command '{bogus}' (commands: build, themes; with no command, or "
              f"with files to open, the window starts; see '{program()} --help')", file=sys.stderr)
        return 2
    problem = _no_display()
    if problem:
        print(f"briefing: {problem}", file=sys.stderr)
        return 2
    from briefing.ui.app import run  # imports PySide6
    return run(argv)


def _no_display() -> str:
    """Why the window cannot open here, or "": Qt would abort with several lines of its own."""
    if not sys.platform.startswith("linux") or os.environ.get("QT_QPA_PLATFORM"):
        return ""
    if os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"):
        return ""
    from briefing.cli import program
    return (f"error: no display to open the window on; build a briefing headless with "
            f"'{program()} build --demo -o briefing.pdf' (see '{program()} --help')")


if __name__ == "__main__":
    sys.exit(main())
