"""``marsad entities``: people, organisations and places by number of mentions."""

from __future__ import annotations

import argparse
import sys

from marsad.cli.dbcommon import (
    add_db_and_json,
    add_filters,
    filters_from,
    open_db,
    positive_int,
    print_json,
)


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("entities", help="entities by number of mentions",
                       description="Entities (canonical name, type, mentions, articles), "
                       "most mentioned first.")
    p.add_argument("--type", type=str.upper, choices=("PER", "ORG", "LOC"))
    p.add_argument("--q", metavar="NAME", help="only entities whose name contains these words")
    p.add_argument("--limit", type=positive_int, default=50, metavar="N")
    add_filters(p)
    add_db_and_json(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    with open_db(args) as store:
        rows = store.entities(type=args.type, q=args.q, limit=args.limit,
                              filters=filters_from(args))
    if args.json:
        print_json(rows)
        return 0
    out = sys.stdout
    if not rows:
        out.write("no entities found\n")
        return 0
    out.write(f"{'mentions':>8} {'articles':>8}  type  name\n")
    for r in rows:
        out.write(f"{r['mentions']:>8} {r['articles']:>8}  {r['type'] or '-':4}  {r['canonical']}\n")
    return 0
