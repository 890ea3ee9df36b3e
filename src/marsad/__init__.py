"""marsad — Arabic conflict news into a structured, searchable, cross-checked record."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from marsad.document import (
    Claim,
    DateMention,
    Document,
    Entity,
    Event,
    Figure,
    Sentence,
)
from marsad.errors import InputError, MarsadError

if TYPE_CHECKING:
    from marsad.api import Marsad


def open(db: str | Path, *, create: bool = False) -> Marsad:
    """``marsad.open("marsad.db")``: the Python API over a database (see marsad.api)."""
    from marsad.api import open as _open

    return _open(db, create=create)


__version__ = "0.1.0"
#: Version of the extract JSON contract (docs/schema.md). Bump on any incompatible change.
SCHEMA_VERSION = "1.0"

__all__ = [
    "Claim",
    "DateMention",
    "Document",
    "Entity",
    "Event",
    "Figure",
    "InputError",
    "MarsadError",
    "SCHEMA_VERSION",
    "open",
    "Sentence",
    "__version__",
]
