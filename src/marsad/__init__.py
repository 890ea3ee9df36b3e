"""marsad — Arabic conflict news into a structured, searchable, cross-checked record."""

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
    "Sentence",
    "__version__",
]
