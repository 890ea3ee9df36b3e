"""``marsad check``: which ingested sources agree with a claim, which deny it, and the verdict.

- ``marsad check "CLAIM" [--db marsad.db] [--limit 20] [--json]``: searches the database,
  prints per outlet the stance and the evidence sentences, then the verdict with counts.
- ``marsad check "CLAIM" --files PATH...``: the same over files instead of the database.
- ``marsad check --baly DIR``: for every claim file, the claim against that file's own
  articles only; one JSON line {"id", "verdict", "confidence", "reason"} per claim.
- ``marsad check --batch FILE [--json]``: every claim of FILE (one a line) against the
  database, with the model loaded once (a long-lived process, as the web app).
"""

from __future__ import annotations

import argparse

from marsad.cli.options import add_db


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("check", help="check a claim against the ingested articles")
    p.add_argument("claim", nargs="?", help="the claim, in Arabic")
    add_db(p)
    p.add_argument("--files", nargs="+", metavar="PATH", help="check against these files instead of the database")
    p.add_argument("--baly", metavar="DIR", help="Baly et al. claim files: each claim against its own articles")
    p.add_argument(
        "--batch", metavar="FILE", help="check every claim of FILE (one a line) against the database, loading once"
    )
    p.add_argument("--limit", type=int, default=20, help="articles to stance-check (default 20)")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.add_argument("--all", action="store_true", help="also list unrelated articles")
    p.add_argument("--model", metavar="PATH", help="a stance model other than the shipped one")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from marsad.cli.check_run import run as run_check

    return run_check(args)
