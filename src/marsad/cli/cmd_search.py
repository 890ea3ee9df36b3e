"""``marsad search QUERY``: ranked Arabic full text search over the stored articles.

Spelling variants match (hamza forms, ى/ي, ة/ه, diacritics, Eastern digits, attached
و ف ب ل ك ال); "quoted phrases" match as phrases; OR between alternatives; word* for a
prefix.  Snippets come from the original text with the matched words in bold (on a
terminal) or between ** marks.
"""

from __future__ import annotations

import argparse
import sys

from marsad.cli.dbcommon import (
    add_db_and_json,
    add_filters,
    filters_from,
    highlight_style,
    offset_int,
    open_db,
    positive_int,
    print_json,
)
from marsad.store.fulltext import Snippet


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "search",
        help="full text search (Arabic spelling variants match)",
        description='Search the stored articles. Words must all occur; "quoted phrases" '
        "must occur as written; OR separates alternatives; a trailing * matches a prefix.",
    )
    p.add_argument("query", nargs="+", metavar="QUERY")
    p.add_argument("--limit", type=positive_int, default=10, metavar="N")
    p.add_argument("--offset", type=offset_int, default=0, metavar="N", help="skip the first N results")
    add_filters(p)
    add_db_and_json(p, "print the results as JSON (with offsets of the matches)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    query = " ".join(args.query)
    with open_db(args) as store:
        hits = store.search(query, limit=args.limit, offset=max(0, args.offset),
                            filters=filters_from(args))
    if args.json:
        print_json({"query": query, "results": [h.to_dict() for h in hits]})
        return 0
    if not hits:
        print(f"no articles match {query!r}")
        return 0
    style = highlight_style()
    out = sys.stdout
    for n, hit in enumerate(hits, max(0, args.offset) + 1):
        a = hit.article
        meta = " · ".join(x for x in (a.get("published"), a.get("outlet")) if x)
        dup = f" (near-duplicate of {a['duplicate_of']})" if a.get("duplicate_of") else ""
        if a.get("n_copies"):
            dup += f" (+{a['n_copies']} near-duplicate copies)"
        title = a.get("title") or ""
        if title:
            title = Snippet(title, hit.title_matches, 0, len(title), len(title)).render(style)
        out.write(f"{n}. [{a['id']}] {title or a['doc_id']}{dup}\n")
        if meta:
            out.write(f"   {meta}\n")
        out.write(f"   {hit.snippet.render(style)}\n\n")
    return 0
