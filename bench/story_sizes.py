"""How stories are spread in a store: the check that linking keeps to one happening.

Prints the number of stories, the largest ones (articles, first and last day, title),
and how many articles sit in stories of 20+ and 50+. A topic chained a day at a time
shows as stories of hundreds of articles spanning the whole archive.

Run: ``.venv/bin/python bench/story_sizes.py --db DB [--top 10]`` on a store made by
``marsad ingest`` (e.g. of ../shared/data/saudinewsnet).
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys

from marsad.errors import MarsadError
from marsad.store import open_store


def _days(first: str | None, last: str | None) -> str:
    if not first or not last:
        return "undated"
    span = (dt.date.fromisoformat(last[:10]) - dt.date.fromisoformat(first[:10])).days
    return f"{first}..{last} ({span + 1} days)"


def main(db: str, top: int) -> dict[str, float]:
    with open_store(db, create=False) as store:
        rows = store.backend.list_stories(None, [], None, None, 10**9, 0)
    sizes = [int(r["n_articles"]) for r in rows]
    for r in rows[:top]:
        print(f"{r['n_articles']:>5}  {_days(r['first_day'], r['last_day']):34} {(r['title'] or '')[:70]}")
    return {
        "stories": float(len(rows)),
        "articles": float(sum(sizes)),
        "largest": float(max(sizes, default=0)),
        "articles_in_stories_of_20_plus": float(sum(n for n in sizes if n >= 20)),
        "articles_in_stories_of_50_plus": float(sum(n for n in sizes if n >= 50)),
    }


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--db", required=True)
    ap.add_argument("--top", type=int, default=10)
    args = ap.parse_args()
    try:
        for k, v in main(args.db, args.top).items():
            print(f"{k:32} {v:,.0f}")
    except MarsadError as exc:
        print(f"story_sizes: {exc}", file=sys.stderr)
        sys.exit(1)
