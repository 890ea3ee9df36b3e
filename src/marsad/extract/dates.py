"""The ``dates``  pipeline component (to be filled: see its issue)."""

from __future__ import annotations

from marsad.document import Document
from marsad.pipeline import component


@component("dates")
def add_dates(doc: Document) -> Document:
    return doc
