"""``marsad extract FILE...``: the extract JSON of every article, no database needed."""

from __future__ import annotations

import argparse
import json
import sys

from marsad.cli.options import add_ner, add_published, apply_ner, report_error
from marsad.document import Document
from marsad.errors import InputError
from marsad.extract import extract
from marsad.ingest import read_paths


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "extract",
        help="print the extract JSON of each article (no database)",
        description="Read files, folders or globs and print one extract JSON object per "
        "article (docs/schema.md). JSONL/CSV/JSON inputs carry each article's own "
        "'published'; --published fills it where the input has none.",
    )
    p.add_argument("paths", nargs="+", metavar="FILE")
    add_ner(p)
    add_published(p)
    p.add_argument("--format", choices=("jsonl", "json"), default="jsonl")
    p.add_argument("--indent", type=int, default=None, help="indent JSON output")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    apply_ner(args)
    failed = 0
    docs: list[Document] = []
    for item in read_paths(args.paths, published=args.published):
        if isinstance(item, InputError):
            failed += 1
            report_error(item)
            continue
        doc = extract(item)
        if args.format == "jsonl":
            sys.stdout.write(json.dumps(doc.to_dict(), ensure_ascii=False) + "\n")
        else:
            docs.append(doc)
    if args.format == "json":
        json.dump([d.to_dict() for d in docs], sys.stdout, ensure_ascii=False, indent=args.indent)
        sys.stdout.write("\n")
    return 1 if failed else 0
