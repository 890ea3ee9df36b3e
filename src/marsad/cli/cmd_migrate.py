"""``marsad migrate --from marsad.db --to postgresql://USER@HOST/DB``: copy a store.

Copies every article, span, full text entry, signature and story of an SQLite store into
an empty PostgreSQL database (marsad.store.migrate), in one transaction, ids kept.
"""

from __future__ import annotations

import argparse
import sys

from marsad.cli.dbcommon import print_json
from marsad.errors import UsageError


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "migrate",
        help="copy an SQLite store into PostgreSQL",
        description="Copy every article, span, full text entry, near-duplicate mark and "
        "story of an SQLite database into an empty PostgreSQL database, ids kept, in one "
        "transaction (an interrupted copy leaves the target empty).",
    )
    p.add_argument("--from", dest="source", required=True, metavar="PATH",
                   help="the SQLite database to copy")
    p.add_argument("--to", dest="target", required=True, metavar="URL",
                   help="postgresql://USER@HOST[:PORT]/DB (made or upgraded, must hold no "
                   "article yet)")
    p.add_argument("--json", action="store_true", help="print the row counts as JSON")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from marsad.store.postgres import PostgresBackend
    from marsad.store.postgres_errors import is_postgres_url
    from marsad.store.sqlite import SQLiteBackend

    if is_postgres_url(args.source):
        raise UsageError("--from must be an SQLite database file")
    if not is_postgres_url(args.target):
        raise UsageError(f"--to must be a postgresql:// URL, not {args.target!r}")
    from marsad.store.migrate import migrate

    src = SQLiteBackend(args.source, create=False)
    try:
        dst = PostgresBackend(args.target, create=True)
        try:
            def progress(table: str, n: int) -> None:
                if not args.json:
                    print(f"  {table:<16} {n}", file=sys.stderr)

            report = migrate(src, dst, progress)
            counts = dst.counts()
        finally:
            dst.close()
    finally:
        src.close()
    if args.json:
        print_json({"from": args.source, "to": dst.path, **report.to_dict(), "counts": counts})
    else:
        print(f"copied {counts['articles']} articles ({counts['near_duplicates']} near-duplicates), "
              f"{report.rows.get('stories', 0)} stories from {args.source} to {dst.path}")
    return 0
