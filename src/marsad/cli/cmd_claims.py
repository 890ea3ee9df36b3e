"""``marsad claims``: who said what — attributed statements across the stored articles."""

from __future__ import annotations

import argparse
import sys

from marsad.cli.dbcommon import (
    add_db_and_json,
    add_filters,
    filters_from,
    highlight_style,
    open_db,
    positive_int,
    print_json,
    short,
)


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("claims", help="attributed claims (speaker, verb, polarity, content)",
                       description="Claims found in the stored articles, newest first.")
    p.add_argument("--speaker", metavar="NAME", help="only claims by a speaker with these words")
    p.add_argument("--q", metavar="TEXT", help="only claims whose content has these words")
    p.add_argument("--deny", action="store_true", help="only denials")
    p.add_argument("--limit", type=positive_int, default=50, metavar="N")
    add_filters(p)
    add_db_and_json(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    with open_db(args) as store:
        rows = store.claims(speaker=args.speaker, q=args.q, deny=args.deny, limit=args.limit,
                            filters=filters_from(args))
    if args.json:
        print_json(rows)
        return 0
    out = sys.stdout
    if not rows:
        out.write("no claims found\n")
        return 0
    on, off = ("\033[1m", "\033[0m") if highlight_style() == "ansi" else ("«", "»")
    for r in rows:
        deny = " [DENIES]" if r.get("polarity") == "deny" else ""
        meta = " · ".join(x for x in (r.get("published"), r.get("outlet")) if x)
        out.write(f"{r.get('speaker') or '(unknown speaker)'} — {r.get('verb')}{deny}\n")
        out.write(f"   {on}{short(r.get('content'), 300)}{off}\n")
        out.write(f"   article {r['article_id']}{' · ' + meta if meta else ''}\n\n")
    return 0
