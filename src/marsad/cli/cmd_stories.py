"""``marsad stories`` and ``marsad story ID``: one happening across outlets.

``stories`` lists the stories of the database (largest first) with their outlets;
``story ID`` shows one: its articles in order of publication with their role (original,
copy, independent), who copied whom, the claims matched across articles, every
outlet's figures with their origin and the conflicts between independent origins, and
the story's change log.  ``--json`` prints the objects of docs/schema.md («Stories»).
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from marsad.cli.dbcommon import add_db_and_json, open_db, positive_int, print_json, short
from marsad.errors import UsageError


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("stories", help="stories: the same happening across outlets",
                       description="Stories of the database, largest first.")
    p.add_argument("--q", metavar="TEXT", help="one of its articles matches this full text query")
    p.add_argument("--entity", metavar="NAME", help="one of its articles names this person or body")
    p.add_argument("--place", metavar="NAME", help="one of its articles names this place")
    p.add_argument("--since", metavar="YYYY-MM-DD")
    p.add_argument("--until", metavar="YYYY-MM-DD")
    p.add_argument("--limit", type=positive_int, default=50, metavar="N")
    p.add_argument("--full", action="store_true",
                   help="with --json: each story in full (as `marsad story ID --json`)")
    add_db_and_json(p, "print one JSON object per story (JSON Lines)")
    p.set_defaults(func=run_list)

    s = sub.add_parser("story", help="one story: outlets, copies, claims, figures, conflicts",
                       description="One story in full.")
    s.add_argument("id", help="the story id (from `marsad stories`)")
    add_db_and_json(s)
    s.set_defaults(func=run_one)


def run_list(args: argparse.Namespace) -> int:
    with open_db(args) as store:
        rows = store.stories(q=args.q, entity=args.entity, place=args.place, since=args.since,
                             until=args.until, limit=args.limit)
        if args.json:
            for row in rows:
                obj = store.story(row["id"]) if args.full else _summary(store.story(row["id"]))
                sys.stdout.write(json.dumps(obj, ensure_ascii=False) + "\n")
            return 0
    out = sys.stdout
    if not rows:
        out.write("no stories found\n")
        return 0
    for r in rows:
        days = " – ".join(dict.fromkeys(d for d in (r.get("first_day"), r.get("last_day")) if d))
        out.write(f"story {r['id']}  {r['n_articles']} article(s)  {days}\n")
        out.write(f"   {short(r.get('title'), 120)}\n")
        if r["outlets"]:
            out.write(f"   {' · '.join(r['outlets'])}\n")
        out.write("\n")
    return 0


def _summary(story: dict[str, Any] | None) -> dict[str, Any]:
    """The `stories --json` object: everything but the log and the long lists' details."""
    if story is None:
        return {}
    keep = ("id", "title", "first_day", "last_day", "first_report", "articles", "events",
            "claims", "figures", "conflicts", "copies")
    out = {k: story[k] for k in keep}
    out["articles"] = [{k: a[k] for k in ("id", "article_id", "outlet", "published", "role",
                                          "copy_of")} for a in story["articles"]]
    return out


def run_one(args: argparse.Namespace) -> int:
    with open_db(args) as store:
        story = store.story(args.id)
    if story is None:
        raise UsageError(f"no story {args.id} in {args.db}")
    if args.json:
        print_json(story)
        return 0
    out = sys.stdout
    out.write(f"story {story['id']}: {short(story.get('title'), 150)}\n")
    if story.get("merged_from"):
        out.write(f"(story {story['merged_from']} was merged into this one)\n")
    out.write("\narticles (in order of publication):\n")
    for a in story["articles"]:
        role = a["role"] + (f" of {a['copy_of']}" if a.get("copy_of") else "")
        out.write(f"  [{a['article_id']}] {a.get('published') or '(no date)'}  "
                  f"{a.get('outlet') or '(no outlet)'}  — {role}\n")
        if a.get("title"):
            out.write(f"      {short(a['title'], 110)}\n")
    if story["figures"]:
        out.write("\nfigures:\n")
        for f in story["figures"]:
            flag = "  CONFLICT" if f["conflict"] else ""
            out.write(f"  {f['outcome']}: low {f['low']:g}, best {f['best']:g}, high {f['high']:g}"
                      f" ({f['origins']} independent origin(s)){flag}\n")
            for v in f["values"]:
                out.write(f"     {v['value']:g} ({v['bound']})  {v.get('outlet') or '?'}"
                          f"  — origin: {v['origin']}\n")
    if story["claims"]:
        out.write("\nclaims:\n")
        for c in story["claims"][:20]:
            deny = " [DENIES]" if c.get("polarity") == "deny" else ""
            out.write(f"  {c.get('speaker') or '(unknown)'}{deny}: {short(c['content'], 120)}\n")
            out.write(f"     in {c['n_articles']} article(s): {' · '.join(c['outlets'])}\n")
    if story["log"]:
        out.write("\nlog:\n")
        for e in story["log"]:
            out.write(f"  {e['at']}  {e['action']}  {e.get('detail') or ''}\n")
    return 0
