"""Ingest: turn what users have (files, folders, globs) into Documents.

``read_paths(paths, published=...)`` yields, in a stable order, one ``Document`` per
article found, or an ``InputError`` for a file (or a record in it) that could not be
read; it never raises for a user's bad input, so one bad file never stops a run.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from marsad.document import Document
from marsad.errors import InputError


def read_paths(
    paths: Sequence[str], *, published: str | None = None
) -> Iterator[Document | InputError]:
    from marsad.ingest.dispatch import read_paths as _read_paths

    return _read_paths(paths, published=published)


__all__ = ["read_paths"]
