"""``marsad`` entry point.  Each command lives in its own module ``marsad.cli.cmd_*``
with ``register(subparsers)``; errors a user can cause are printed as one line."""

from __future__ import annotations

import argparse
import importlib
import sqlite3
import sys
from collections.abc import Sequence

from marsad import __version__
from marsad.errors import MarsadError

COMMANDS = (
    "ingest",
    "extract",
    "search",
    "list",
    "show",
    "export",
    "entities",
    "claims",
    "stories",
    "ner",
    "stance",
    "check",
    "migrate",
    "serve",
)


#: commands whose plain-text output shows article text: it goes through
#: ``dbcommon.SafeOutput`` so no terminal control sequence from an article reaches it
_DISPLAY_COMMANDS = ("search", "list", "show", "entities", "claims", "stories", "check")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="marsad",
        description="Arabic conflict news into a structured, searchable, cross-checked record.",
    )
    parser.add_argument("--version", action="version", version=f"marsad {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        try:
            module = importlib.import_module(f"marsad.cli.cmd_{name}")
        except ModuleNotFoundError as exc:
            if exc.name == f"marsad.cli.cmd_{name}":
                continue  # not built yet
            raise
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    from marsad.cli.dbcommon import SafeOutput

    stdout = sys.stdout
    if args.command in _DISPLAY_COMMANDS and not getattr(args, "json", False):
        sys.stdout = SafeOutput(stdout)
    try:
        return _run(args)
    finally:
        sys.stdout = stdout


def _run(args: argparse.Namespace) -> int:
    from marsad.cli.options import one_line

    try:
        return int(args.func(args) or 0)
    except MarsadError as exc:
        print(f"marsad: {one_line(str(exc))}", file=sys.stderr)
        return 1
    except sqlite3.Error as exc:  # a damaged database met while reading it
        db = getattr(args, "db", "the database")
        print(f"marsad: {one_line(str(db))}: database error ({one_line(str(exc))})",
              file=sys.stderr)
        return 1
    except MemoryError:
        print("marsad: out of memory", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("marsad: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:
        if type(exc).__module__.split(".")[0] != "psycopg":
            raise
        # a PostgreSQL error the store did not turn into a StoreError: still one line
        from marsad.store.postgres_errors import describe_error, redact

        db = redact(str(getattr(args, "db", None) or getattr(args, "target", "the database")))
        print(f"marsad: {one_line(db)}: {one_line(describe_error(exc))}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
