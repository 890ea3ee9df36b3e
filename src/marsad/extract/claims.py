"""The ``claims``  pipeline component (to be filled: see its issue)."""

from __future__ import annotations

from marsad.document import Document
from marsad.pipeline import component


@component("claims")
def add_claims(doc: Document) -> Document:
    return doc
