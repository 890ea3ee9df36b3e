"""Options and output helpers shared by the database commands (ingest, search, list,
show, export, entities, claims)."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any, TextIO

from marsad.cli.options import add_db, iso_date
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


def open_db(args: argparse.Namespace, *, create: bool = False) -> Store:
    return open_store(args.db, create=create)


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


def positive_int(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {value!r}") from None
    if n < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1: {value!r}")
    return n
