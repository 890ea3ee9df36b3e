"""Options and output helpers shared by several commands."""

from __future__ import annotations

import argparse
import datetime as dt
import os
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
        "--db", default=os.environ.get("MARSAD_DB") or "marsad.db", metavar="PATH|URL",
        help="SQLite database file, or a PostgreSQL URL postgresql://USER@HOST/DB "
        "(default: $MARSAD_DB, else ./marsad.db)",
    )


_UNPRINTABLE = {c: f"\\x{c:02x}" for c in (*range(32), *range(0x7F, 0xA0))}
_UNPRINTABLE.update({10: "\\n", 13: "\\r", 9: "\\t"})


def one_line(text: str) -> str:
    """``text`` as one printable line: newlines, carriage returns and other control
    characters (in a file name, say) shown as ``\\n``, ``\\r``, ``\\x1b``, so they can
    neither forge another error line nor drive the terminal."""
    return text.translate(_UNPRINTABLE)


def report_error(err: InputError) -> None:
    """One line on stderr: the file and what is wrong with it."""
    print(f"marsad: {one_line(str(err))}", file=sys.stderr)


def add_ner(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--ner", choices=("fast", "accurate"), default=None,
        help="NER profile: fast (the CRF, default) or accurate (the CRF with "
        "multilingual-e5-small's word states; several times slower, needs "
        "`make e5-states`); default: $MARSAD_NER, else fast",
    )


def apply_ner(args: argparse.Namespace) -> None:
    """Use the ``--ner`` profile (it is set in the environment, so worker processes see
    it too); the accurate one is loaded now, so a missing piece fails before any work."""
    from marsad.extract.entities import ner_model

    if getattr(args, "ner", None):
        ner_model.set_profile(args.ner)
    if ner_model.profile() == "accurate":
        from marsad.extract.entities import ner_accurate, ner_context

        ner_accurate.weights()
        ner_accurate.projection()
        ner_context.states()
