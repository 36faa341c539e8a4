"""Entry point: `briefing` / `python -m briefing` / `python main.py`: CLI subcommands headless, else the window."""
from __future__ import annotations

import os
import sys

CLI_COMMANDS = {"build", "themes", "-h", "--help", "--version"}


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] in CLI_COMMANDS:
        from briefing import cli  # no Qt on this path
        return cli.main(argv)
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
    return ("no display to open the window on; build headless with "
            "'python main.py build --demo -o briefing.pdf' (see --help), "
            "or set QT_QPA_PLATFORM=offscreen")


if __name__ == "__main__":
    sys.exit(main())
