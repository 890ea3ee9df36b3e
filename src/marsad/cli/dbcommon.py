"""Options and output helpers shared by the database commands (ingest, search, list,
show, export, entities, claims)."""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path
from typing import Any, TextIO

from marsad.cli.options import add_db, iso_date
from marsad.errors import StoreError
from marsad.store import Filters, Store, make_filters, open_store


def add_filters(parser: argparse.ArgumentParser, *, duplicates_help: str | None = None) -> None:
    """--outlet, --since, --until, --duplicates."""
    parser.add_argument("--outlet", metavar="NAME", help="only articles whose outlet contains NAME")
    parser.add_argument("--since", type=iso_date, metavar="YYYY-MM-DD",
                        help="only articles published on or after this day")
    parser.add_argument("--until", type=iso_date, metavar="YYYY-MM-DD",
                        help="only articles published on or before this day")
    parser.add_argument("--duplicates", action="store_true",
                        help=duplicates_help or "include near-duplicates of other articles")


def add_db_and_json(parser: argparse.ArgumentParser, json_help: str = "print JSON") -> None:
    add_db(parser)
    parser.add_argument("--json", action="store_true", help=json_help)


def filters_from(args: argparse.Namespace) -> Filters:
    return make_filters(
        outlet=getattr(args, "outlet", None),
        since=getattr(args, "since", None),
        until=getattr(args, "until", None),
        include_duplicates=getattr(args, "duplicates", False),
    )


#: commands that write the database; every other one opens it read-only
WRITING_COMMANDS = ("ingest", "migrate")


def open_db(args: argparse.Namespace, *, create: bool = False) -> Store:
    """The database of ``--db``; read-only (never written, no migration) unless the
    command writes (``ingest``) or ``create`` is asked."""
    readonly = not create and getattr(args, "command", None) not in WRITING_COMMANDS
    return open_store(args.db, create=create, readonly=readonly)


def require_db(db: str, hint: str) -> None:
    """Refuse a local database file that does not exist (a PostgreSQL URL is checked by
    connecting): ``StoreError`` «PATH: <hint>»."""
    if isinstance(db, str) and db.startswith(("postgresql://", "postgres://")):
        return
    if not Path(db).exists():
        raise StoreError(f"{db}: {hint}")


def shown_db(db: str) -> str:
    """``--db`` as output may show it: a PostgreSQL URL without its password."""
    if isinstance(db, str) and db.startswith(("postgresql://", "postgres://")):
        from marsad.store.postgres_errors import redact

        return redact(db)
    return db


def print_json(obj: Any, out: TextIO | None = None) -> None:
    out = out or sys.stdout
    json.dump(obj, out, ensure_ascii=False, indent=2)
    out.write("\n")


def highlight_style(stream: TextIO | None = None) -> str:
    """``ansi`` (bold) on a terminal, ``marks`` (**word**) otherwise."""
    stream = stream or sys.stdout
    return "ansi" if stream.isatty() else "marks"


def short(text: str | None, width: int) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= width else text[: width - 1] + "…"


#: the largest --limit / --offset accepted (SQLite integers are 64-bit)
MAX_COUNT = 10**9


def _count(value: str, low: int) -> int:
    try:
        n = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {short(value, 40)!r}") from None
    if n < low:
        raise argparse.ArgumentTypeError(f"must be at least {low}: {value!r}")
    if n > MAX_COUNT:
        raise argparse.ArgumentTypeError(f"too large (at most {MAX_COUNT:,}): {short(value, 40)}")
    return n


def positive_int(value: str) -> int:
    """A --limit: 1 to MAX_COUNT."""
    return _count(value, 1)


def offset_int(value: str) -> int:
    """An --offset: 0 to MAX_COUNT."""
    return _count(value, 0)


# C0 controls but newline and tab, DEL, C1 controls (ESC, CSI 0x9b, OSC 0x9d ...)
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_SGR = re.compile(r"(\x1b\[[0-9;]{0,16}m)")


def terminal_safe(text: str, *, keep_sgr: bool = False) -> str:
    """``text`` with every control character that a terminal would act on replaced by
    «�» (one character for one, so offsets hold): an article cannot retitle, clear or
    recolour the terminal.  ``keep_sgr`` keeps plain colour/bold codes (marsad's own
    highlights on a terminal)."""
    if not keep_sgr:
        return _CONTROL.sub("\ufffd", text)
    parts = _SGR.split(text)
    return "".join(p if i % 2 else _CONTROL.sub("\ufffd", p) for i, p in enumerate(parts))


class SafeOutput:
    """A text stream that passes everything through ``terminal_safe``; marsad's own
    colour codes survive only when the stream is a terminal."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream
        self._keep_sgr = stream.isatty()

    def write(self, text: str) -> int:
        return self._stream.write(terminal_safe(text, keep_sgr=self._keep_sgr))

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)
