"""Entry point: `briefing` / `python -m briefing` / `python main.py`: CLI subcommands headless, else the window."""
from __future__ import annotations

import sys

CLI_COMMANDS = {"build", "themes", "-h", "--help", "--version"}


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] in CLI_COMMANDS:
        from briefing import cli  # no Qt on this path
        return cli.main(argv)
    from briefing.ui.app import run  # imports PySide6
    return run(argv)


if __name__ == "__main__":
    sys.exit(main())
