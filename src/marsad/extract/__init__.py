"""Extraction: run the pipeline over a Document and return it filled."""

from __future__ import annotations

from collections.abc import Iterable

from marsad.document import Document
from marsad.pipeline import DEFAULT_PIPELINE, run


def extract(doc: Document, pipeline: Iterable[str] = DEFAULT_PIPELINE) -> Document:
    """Fill ``doc``'s span lists in place (and return it)."""
    return run(doc, pipeline)


def extract_text(
    text: str, *, published: str | None = None, id: str = "text", **meta: str | None
) -> Document:
    """Extract from a bare string; ``published`` (YYYY-MM-DD) anchors relative dates."""
    doc = Document(id=id, text=text, published=published, **meta)  # type: ignore[arg-type]
    return extract(doc)
