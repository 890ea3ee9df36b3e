"""The ``sentences`` pipeline component."""

from __future__ import annotations

from marsad.document import Document, Sentence
from marsad.pipeline import component
from marsad.text.sentences import split_sentences


@component("sentences")
def add_sentences(doc: Document) -> Document:
    doc.sentences = [Sentence(s, e) for s, e in split_sentences(doc.text)]
    return doc
