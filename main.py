"""Start Briefing: the window by default, `python main.py build ...` or `themes ...` headless."""
import sys

from briefing.__main__ import main

if __name__ == "__main__":
    sys.exit(main())
