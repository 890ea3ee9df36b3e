"""The ``events``  pipeline component (to be filled: see its issue)."""

from __future__ import annotations

from marsad.document import Document
from marsad.pipeline import component


@component("events")
def add_events(doc: Document) -> Document:
    return doc
