"""The ``figures``  pipeline component (to be filled: see its issue)."""

from __future__ import annotations

from marsad.document import Document
from marsad.pipeline import component


@component("figures")
def add_figures(doc: Document) -> Document:
    return doc
