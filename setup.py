"""Copies the top-level resources/ and templates/ into the wheel as briefing/_data/."""
import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).parent


class BuildWithData(build_py):
    # setuptools only packages files under a package directory; the repo keeps
    # data at the top level, so copy it in at build time.
    def run(self):
        super().run()
        target = Path(self.build_lib) / "briefing" / "_data"
        for name in ("resources", "templates"):
            src = HERE / name
            if src.is_dir():
                shutil.copytree(src, target / name, dirs_exist_ok=True,
                                ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))


setup(cmdclass={"build_py": BuildWithData})
