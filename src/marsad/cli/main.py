"""``marsad`` entry point.  Each command lives in its own module ``marsad.cli.cmd_*``
with ``register(subparsers)``; errors a user can cause are printed as one line."""

from __future__ import annotations

import argparse
import importlib
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
    "serve",
)


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
    try:
        return int(args.func(args) or 0)
    except MarsadError as exc:
        print(f"marsad: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("marsad: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
