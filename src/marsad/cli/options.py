"""Options and output helpers shared by several commands."""

from __future__ import annotations

import argparse
import datetime as dt
import sys

from marsad.errors import InputError


def iso_date(value: str) -> str:
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date in the form YYYY-MM-DD: {value!r}") from None


def add_published(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--published",
        type=iso_date,
        metavar="YYYY-MM-DD",
        help="publication date for articles whose input gives none",
    )


def add_db(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--db", default="marsad.db", metavar="PATH", help="SQLite database (default: ./marsad.db)"
    )


def report_error(err: InputError) -> None:
    """One line on stderr: the file and what is wrong with it."""
    print(f"marsad: {err}", file=sys.stderr)
