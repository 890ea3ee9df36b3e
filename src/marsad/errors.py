"""One base exception; every error a user can cause says what and where in one line."""

from __future__ import annotations

from pathlib import Path


class MarsadError(Exception):
    """Base class of every error marsad raises on purpose.

    Its ``str()`` is a single line a user can act on; the CLI prints it without a traceback.
    """


class InputError(MarsadError):
    """A file (or one record inside it) could not be read as an article."""

    def __init__(self, source: str | Path, reason: str) -> None:
        self.source = str(source)
        self.reason = reason
        super().__init__(f"{self.source}: {reason}")


class StoreError(MarsadError):
    """The database could not be opened, migrated or written."""


class UsageError(MarsadError):
    """A command was called with arguments that cannot work."""
