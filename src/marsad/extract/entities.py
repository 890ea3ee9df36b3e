"""The ``entities``  pipeline component (to be filled: see its issue)."""

from __future__ import annotations

from marsad.document import Document
from marsad.pipeline import component


@component("entities")
def add_entities(doc: Document) -> Document:
    return doc
