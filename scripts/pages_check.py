"""The 30-page check: what marsad extracts from 30 real pages outside the gold sets.

Picks 20 Baly pages (folds 1–4, never a dev page) and 10 SaudiNewsNet articles that
mention Syria, with a fixed seed, runs the default pipeline, and writes one readable
block per page: metadata, then every figure, date, entity, claim and event with the
sentence words around it.  Run it before and after a change and diff the two files:

    python scripts/pages_check.py --out /tmp/before.txt
    ... change ...
    python scripts/pages_check.py --out /tmp/after.txt
    diff /tmp/before.txt /tmp/after.txt

Each changed line is then judged by hand against ../shared/gold/README.md's rules and
counted per error class (the closing note's "30-page check").  ``--only`` limits the
dump to some fields (e.g. ``--only claims,entities``); ``--seed`` draws another sample.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import zipfile
from pathlib import Path

from marsad.errors import InputError
from marsad.eval.gold import load_gold, shared_dir
from marsad.extract import extract
from marsad.ingest.records import baly_documents, read_json

FIELDS = ("meta", "figures", "dates", "entities", "claims", "events")


def sample_documents(seed: int = 30) -> list:
    rng = random.Random(seed)
    dev = {g["doc"].rsplit(".", 1)[0] for g in load_gold("dev")}
    baly = shared_dir() / "data" / "baly" / "dataset"
    files = sorted(baly.glob("*.json"))
    docs = []
    while len(docs) < 20:
        path = rng.choice(files)
        obj = json.loads(path.read_text(encoding="utf-8"))
        i = rng.randrange(len(obj["article"]))
        if f"{obj['id']}_{i}" in dev or any(d.id == f"{obj['id']}:{i}" for d in docs):
            continue
        one = dict(obj, article=[obj["article"][i]], url=[obj["url"][i]], stance=[])
        for item in baly_documents(one, source=str(path), published=None):
            if not isinstance(item, InputError):
                item.id = f"{obj['id']}:{i}"
                docs.append(item)
    zips = sorted((shared_dir() / "data" / "saudinewsnet").glob("*.zip"))
    sn = []
    while len(sn) < 10:
        path = rng.choice(zips)
        with zipfile.ZipFile(path) as zf:
            data = zf.read(zf.namelist()[0])
        items = [d for d in read_json(data, source=str(path), name=path.name, published=None)
                 if not isinstance(d, InputError) and "سوري" in d.text]
        if items:
            pick = rng.choice(items)
            if all(d.id != pick.id for d in sn):
                sn.append(pick)
    return docs + sn


def _ctx(doc, start: int, end: int, width: int = 25) -> str:
    left = doc.text[max(0, start - width):start].replace("\n", " ")
    right = doc.text[end:end + width].replace("\n", " ")
    return f"…{left}[{doc.text[start:end]}]{right}…"


def dump(doc, fields: tuple[str, ...]) -> list[str]:
    out = [f"=== {doc.id}  {doc.url or doc.source}"]
    if "meta" in fields:
        out.append(f"  meta title={doc.title!r} outlet={doc.outlet!r} dateline={doc.dateline!r} "
                   f"published={doc.published!r} anchor={doc.meta.get('date_anchor')!r} "
                   f"chars={len(doc.text)}")
    if "figures" in fields:
        for f in doc.figures:
            out.append(f"  figure {f.value} {f.bound} counted={f.counted} unit={f.unit} "
                       f"{_ctx(doc, f.start, f.end)}")
    if "dates" in fields:
        for d in doc.dates:
            out.append(f"  date {d.value}..{d.end_value} rel={d.relative} {_ctx(doc, d.start, d.end)}")
    if "entities" in fields:
        seen = set()
        for e in doc.entities:
            key = (e.type, e.canonical or e.text)
            if key in seen:
                continue
            seen.add(key)
            out.append(f"  entity {e.type} {e.canonical or e.text} role={e.role} "
                       f"{_ctx(doc, e.start, e.end, 15)}")
    if "claims" in fields:
        for c in doc.claims:
            out.append(f"  claim {c.speaker} | {c.verb} | {c.polarity} | {c.content[:60]}")
    if "events" in fields:
        for ev in doc.events:
            out.append(f"  event {ev.type} actor={ev.actor} target={ev.target} place={ev.place} "
                       f"date={ev.date} «{ev.trigger}»")
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--seed", type=int, default=30)
    ap.add_argument("--only", default=",".join(FIELDS), help="comma-separated: " + ",".join(FIELDS))
    args = ap.parse_args(argv)
    fields = tuple(f for f in args.only.split(",") if f in FIELDS)
    lines: list[str] = []
    for doc in sample_documents(args.seed):
        lines += dump(extract(doc), fields)
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{args.out}: 30 pages, {len(lines)} lines", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
