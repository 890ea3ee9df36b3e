"""``marsad show ID``: one stored article with what was extracted from it.

The text is printed with entities, figures and dates marked — in colour on a terminal,
otherwise as ``[name|PER]``, ``{figure|=value}`` and ``<date|YYYY-MM-DD>`` — followed by
the claims: speaker, verb, polarity and the claim's sentence with its content
highlighted.  ``--json`` prints the stored extract JSON plus the store's own fields.
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from typing import Any

from marsad.cli.dbcommon import add_db_and_json, highlight_style, open_db, print_json
from marsad.document import Document
from marsad.errors import UsageError

_COLOURS = {"PER": "36", "ORG": "35", "LOC": "32", "FIG": "33", "DATE": "34"}


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("show", help="one article with its entities, figures, dates and claims",
                       description="Show one stored article (ID = store id or document id).")
    p.add_argument("ref", metavar="ID")
    add_db_and_json(p, "print the extract JSON and store fields")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    with open_db(args) as store:
        row = store.get_article(args.ref)
    if row is None:
        raise UsageError(f"no article with id {args.ref!r} in {args.db}")
    if args.json:
        print_json(row)
        return 0
    doc = Document.from_dict(row["extract"])
    ansi = highlight_style() == "ansi"
    out = sys.stdout
    out.write(f"[{row['id']}] {row.get('title') or row['doc_id']}\n")
    for label, key in (("document", "doc_id"), ("published", "published"), ("outlet", "outlet"),
                       ("dateline", "dateline"), ("url", "url"), ("source", "source"),
                       ("ingested", "ingested_at")):
        if row.get(key):
            out.write(f"  {label:10} {row[key]}\n")
    if row.get("duplicate_of"):
        out.write(f"  near-duplicate of article {row['duplicate_of']} "
                  f"(similarity {row.get('similarity')})\n")
    if row.get("copies"):
        out.write(f"  copies     near-duplicates stored as articles "
                  f"{', '.join(map(str, row['copies']))}\n")
    out.write(f"  found      {len(doc.entities)} entities, {len(doc.figures)} figures, "
              f"{len(doc.dates)} dates, {len(doc.claims)} claims, {len(doc.events)} events\n\n")
    if not ansi:
        out.write("  marks: [name|PER/ORG/LOC]  {figure|=value}  <date|value>\n\n")
    out.write(mark_text(doc, ansi).strip() + "\n")
    if doc.claims:
        out.write(f"\nclaims ({len(doc.claims)}):\n")
        on, off = ("\033[1m", "\033[0m") if ansi else ("«", "»")
        for n, c in enumerate(doc.claims, 1):
            flags = []
            if c.polarity == "deny":
                flags.append("DENIES")
            if c.direct:
                flags.append("direct quote")
            flag = f" [{', '.join(flags)}]" if flags else ""
            out.write(f"{n:>3}. {c.speaker or '(unknown speaker)'} — {c.verb}{flag}\n")
            out.write(f"     {_claim_line(doc.text, c, on, off)}\n")
    return 0


def _claim_line(text: str, claim: Any, on: str, off: str) -> str:
    s, e = claim.start, claim.end
    cs, ce = claim.content_start, claim.content_end
    if cs is not None and ce is not None and s <= cs <= ce <= e:
        line = text[s:cs] + on + text[cs:ce] + off + text[ce:e]
    elif claim.content:
        line = on + claim.content + off
    else:
        line = text[s:e]
    return " ".join(line.split())


def mark_text(doc: Document, ansi: bool) -> str:
    """``doc.text`` with entity, figure and date spans marked; a span that crosses an
    already marked one is left unmarked rather than producing broken nesting."""
    spans: list[tuple[int, int, str, str]] = []
    for ent in doc.entities:
        spans.append((ent.start, ent.end, *_marks(ent.type or "ENT", f"|{ent.type}", ansi)))
    for fig in doc.figures:
        value = "" if fig.value is None else f"|={fig.value:g}" if isinstance(
            fig.value, float) else f"|={fig.value}"
        spans.append((fig.start, fig.end, *_marks("FIG", value, ansi, "{}")))
    for date in doc.dates:
        spans.append((date.start, date.end, *_marks("DATE", f"|{date.value or '?'}", ansi, "<>")))
    spans.sort(key=lambda s: (s[0], -s[1]))
    opens: dict[int, list[str]] = defaultdict(list)
    closes: dict[int, list[str]] = defaultdict(list)
    stack: list[int] = []
    for start, end, on, off in spans:
        if not (0 <= start < end <= len(doc.text)):
            continue
        while stack and stack[-1] <= start:
            stack.pop()
        if stack and end > stack[-1]:
            continue  # crosses an open span
        stack.append(end)
        opens[start].append(on)
        closes[end].insert(0, off)
    parts: list[str] = []
    for i, ch in enumerate(doc.text):
        parts.extend(closes.get(i, ()))
        parts.extend(opens.get(i, ()))
        parts.append(ch)
    parts.extend(closes.get(len(doc.text), ()))
    return "".join(parts)


def _marks(kind: str, label: str, ansi: bool, brackets: str = "[]") -> tuple[str, str]:
    if ansi:
        return f"\033[{_COLOURS.get(kind, '1')}m", "\033[0m"
    return brackets[0], label + brackets[1]
