"""``marsad export``: the database as JSONL, CSV or GeoJSON.

* ``--format jsonl`` (default): one extract JSON object per article (docs/schema.md), or
  with ``--what claims|figures|...`` one object per span with its article's id,
  doc_id, published date and outlet.
* ``--format csv``: event-data style tables — one row per article (``--what articles``)
  or one row per span (``--what claims`` etc.) with the article id, published date and
  outlet first, then the span's fields (lists as JSON).  ``--bom`` for Excel.
  ``--what events`` gives event-data rows in ACLED-like columns (date and its
  precision, type, actors, admin1, location, coordinates, sources and their number,
  fatalities low/best/high; marsad.store.export_events).
* ``--format geojson``: a FeatureCollection of the entities that have coordinates, one
  point per entity with its name, type and mention/article counts; with
  ``--what events``, one point per placed event with the same fields as the CSV.
* ``--what stories`` (JSONL): one full story object per line (docs/schema.md, Stories).
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import dataclasses
import errno
import json
import os
import sqlite3
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TextIO

from marsad.cli.dbcommon import add_filters, filters_from, open_db
from marsad.cli.options import add_db, one_line
from marsad.document import SPAN_LISTS, Claim, DateMention, Entity, Event, Figure, Sentence
from marsad.errors import StoreError, UsageError
from marsad.store import Store
from marsad.store.export_events import ACLED_COLUMNS, event_rows, events_geojson

_KINDS = {"sentences": Sentence, "entities": Entity, "figures": Figure, "dates": DateMention,
          "claims": Claim, "events": Event}
_ARTICLE_FIELDS = ("id", "doc_id", "published", "outlet", "title", "dateline", "url", "source",
                   "duplicate_of", "similarity", "ingested_at")
_SPAN_PREFIX = ("article_id", "doc_id", "published", "outlet")


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("export", help="export articles or spans as JSONL, CSV or GeoJSON",
                       description=__doc__.split("\n\n", 1)[1] if __doc__ else None,
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--format", choices=("jsonl", "csv", "geojson"), default="jsonl")
    p.add_argument("--what", choices=("articles", *SPAN_LISTS, "stories"), default="articles",
                   help="articles (default), one kind of span, or stories")
    p.add_argument("--out", metavar="FILE", help="write here instead of standard output")
    p.add_argument("--bom", action="store_true", help="start CSV with a UTF-8 BOM (Excel)")
    add_filters(p)
    add_db(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if args.format == "geojson" and args.what not in ("articles", "entities", "events"):
        raise UsageError("--format geojson exports entities or events (with coordinates) only")
    if args.what == "stories" and args.format != "jsonl":
        raise UsageError("--what stories is exported as JSONL only")
    filters = filters_from(args)
    with open_db(args) as store, _output(args) as out:
        if args.what == "stories":
            n = _stories(store, out)
        elif args.format == "geojson" and args.what == "events":
            collection = events_geojson(store, filters)
            json.dump(collection, out, ensure_ascii=False)
            out.write("\n")
            n = len(collection["features"])
        elif args.format == "csv" and args.what == "events":
            n = _acled(store, filters, out)
        elif args.format == "geojson":
            n = _geojson(store, filters, out)
        elif args.what == "articles":
            n = _articles(store, filters, out, args.format)
        else:
            n = _spans(store, filters, out, args.format, args.what)
    if args.out:
        print(f"exported {n} {'entities' if args.format == 'geojson' else args.what} "
              f"to {args.out}", file=sys.stderr)
    return 0


@contextlib.contextmanager
def _output(args: argparse.Namespace) -> Iterator[TextIO]:
    """Standard output, or ``--out`` written atomically: into a temporary file beside
    it, renamed over it only when the whole export is written (a damaged database or a
    full disk leaves no partial or empty file, and an older export is kept)."""
    if not args.out:
        yield sys.stdout
        return
    encoding = "utf-8-sig" if args.bom and args.format == "csv" else "utf-8"
    target = Path(args.out)
    shown = one_line(args.out)
    if target.is_dir():
        raise UsageError(f"{shown}: is a directory")
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part",
                                        dir=target.parent if str(target.parent) else ".")
    except OSError as exc:
        raise UsageError(f"{shown}: cannot write ({exc.strerror or exc})") from None
    tmp = Path(tmp_name)
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(tmp, 0o666 & ~umask)  # the mode a plain open() would have given
    try:
        with os.fdopen(fd, "w", encoding=encoding, newline="") as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        full = " (disk full)" if exc.errno == errno.ENOSPC else ""
        raise UsageError(f"{shown}: cannot write ({exc.strerror or exc}){full}; "
                         "nothing exported") from None
    except sqlite3.DatabaseError as exc:
        tmp.unlink(missing_ok=True)
        raise StoreError(f"{one_line(args.db)}: cannot read the database ({exc}); "
                         f"nothing exported to {shown}") from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _articles(store: Store, filters: Any, out: TextIO, fmt: str) -> int:
    n = 0
    writer = None
    for row in store.iter_articles(filters):
        n += 1
        if fmt == "jsonl":
            out.write(json.dumps(row["extract"], ensure_ascii=False) + "\n")
            continue
        if writer is None:
            writer = csv.writer(out)
            writer.writerow([*_ARTICLE_FIELDS, *(f"n_{k}" for k in SPAN_LISTS)])
        writer.writerow([_cell(row.get(f)) for f in _ARTICLE_FIELDS]
                        + [len(row["extract"].get(k, [])) for k in SPAN_LISTS])
    return n


def _spans(store: Store, filters: Any, out: TextIO, fmt: str, kind: str) -> int:
    fields = [f.name for f in dataclasses.fields(_KINDS[kind])]
    n = 0
    writer = None
    for row in store.iter_spans(kind, filters):
        n += 1
        record = {k: row.get(k) for k in _SPAN_PREFIX}
        record.update({k: row.get(k) for k in fields})
        record.update({k: v for k, v in row.items() if k not in record and k not in (
            "idx", "duplicate_of")})
        if fmt == "jsonl":
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
            continue
        if writer is None:
            writer = csv.writer(out)
            header = [*_SPAN_PREFIX, *fields]
            writer.writerow(header)
        writer.writerow([_cell(record.get(k)) for k in header])
    if writer is None and fmt == "csv":
        csv.writer(out).writerow([*_SPAN_PREFIX, *fields])
    return n


def _acled(store: Store, filters: Any, out: TextIO) -> int:
    writer = csv.writer(out)
    writer.writerow(ACLED_COLUMNS)
    n = 0
    for row in event_rows(store, filters):
        writer.writerow([_cell(row.get(k)) for k in ACLED_COLUMNS])
        n += 1
    return n


def _stories(store: Store, out: TextIO) -> int:
    n = 0
    offset = 0
    while True:
        batch = store.stories(limit=500, offset=offset)
        if not batch:
            return n
        for row in batch:
            out.write(json.dumps(store.story(row["id"]), ensure_ascii=False) + "\n")
            n += 1
        offset += len(batch)


#: a CSV cell starting with one of these is a formula to a spreadsheet
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def _cell(value: Any) -> Any:
    """A value as a CSV cell: lists and dicts as JSON; text a spreadsheet would run as
    a formula (``=HYPERLINK(…)``, ``+cmd|…``, ``@SUM``, ``-2+3``) behind a «'»."""
    if isinstance(value, list | dict):
        value = json.dumps(value, ensure_ascii=False)
    if isinstance(value, str) and value.lstrip(" ").startswith(_FORMULA_START):
        return "'" + value
    return value


def _geojson(store: Store, filters: Any, out: TextIO) -> int:
    features = []
    for ent in store.entities(limit=None, filters=filters):
        if ent.get("lat") is None or ent.get("lon") is None:
            continue
        features.append({
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [ent["lon"], ent["lat"]]},
            "properties": {k: ent[k] for k in ("canonical", "type", "entity_id", "mentions",
                                               "articles", "first_published", "last_published")},
        })
    json.dump({"type": "FeatureCollection", "features": features}, out, ensure_ascii=False)
    out.write("\n")
    return len(features)
