"""``marsad list``: the stored articles, newest first."""

from __future__ import annotations

import argparse
import sys

from marsad.cli.dbcommon import (
    add_db_and_json,
    add_filters,
    filters_from,
    offset_int,
    open_db,
    positive_int,
    print_json,
    short,
)


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("list", help="list stored articles, newest first",
                       description="List stored articles, newest published first.")
    add_filters(p)
    p.add_argument("--limit", type=positive_int, default=50, metavar="N")
    p.add_argument("--offset", type=offset_int, default=0, metavar="N", help="skip the first N results")
    add_db_and_json(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    with open_db(args) as store:
        rows = store.list_articles(limit=args.limit, offset=max(0, args.offset),
                                   filters=filters_from(args))
        total = store.counts()["articles"]
    if args.json:
        print_json(rows)
        return 0
    out = sys.stdout
    if not rows:
        out.write(f"no articles (the database holds {total})\n")
        return 0
    out.write(f"{'id':>6}  {'published':10}  {'outlet':20}  ent fig cla  title\n")
    for r in rows:
        dup = f" [copy of {r['duplicate_of']}]" if r.get("duplicate_of") else ""
        out.write(
            f"{r['id']:>6}  {r.get('published') or '-':10}  {short(r.get('outlet'), 20):20}  "
            f"{r['n_entities']:>3} {r['n_figures']:>3} {r['n_claims']:>3}  "
            f"{short(r.get('title') or r['doc_id'], 70)}{dup}\n"
        )
    if len(rows) < total:
        out.write(f"({len(rows)} shown of {total}; use --limit, --outlet, --since, --until)\n")
    return 0
