"""Fixtures: PDFs built once per session from the hand-made Documents in pdfdocs.py."""
from __future__ import annotations

import pytest
from pdfdocs import make_doc

from briefing.compose.blocks import Document
from briefing.render import render_pdf


@pytest.fixture(scope="session")
def build(tmp_path_factory):
    """build(doc, name) -> (path, page count); each distinct name is built once per session."""
    cache: dict[str, tuple] = {}
    root = tmp_path_factory.mktemp("pdf")

    def _build(doc: Document, name: str):
        if name not in cache:
            out = root / f"{name}.pdf"
            cache[name] = (out, render_pdf(doc, out))
        return cache[name]
    return _build


@pytest.fixture(scope="session")
def en_pdf(build):
    return build(make_doc("en"), "en")


@pytest.fixture(scope="session")
def zh_pdf(build):
    return build(make_doc("zh"), "zh")
