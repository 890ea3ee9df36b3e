"""The work of ``marsad stance`` (its parser is in ``marsad.cli.cmd_stance``, which
imports this module only when the command runs: the stance model pulls in scikit-learn)."""

from __future__ import annotations

import argparse
import csv
import json
import sys

from marsad.check.baly import claim_files, read_claim_file
from marsad.check.stance import SHORT_WORDS, StanceModel
from marsad.errors import InputError, UsageError


def _pairs(path: str, model_path: str | None) -> int:
    try:
        with open(path, encoding="utf-8-sig", newline="") as fh:
            reader = csv.DictReader(fh)
            fields = list(reader.fieldnames or [])
            rows = list(reader)
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise InputError(path, f"cannot read CSV ({exc.__class__.__name__})") from None
    if "s1" not in fields or "s2" not in fields:
        raise InputError(path, "the CSV needs columns s1 (text) and s2 (claim)")
    model = StanceModel.load(model_path)
    texts = [r.get("s1") or "" for r in rows]
    claims = [r.get("s2") or "" for r in rows]
    predicted = [""] * len(rows)
    short = [i for i, t in enumerate(texts) if len(t.split()) <= SHORT_WORDS]
    for i, res in zip(short, model.pair_stances([claims[i] for i in short], [texts[i] for i in short]), strict=True):
        predicted[i] = res.stance
    for i, text in enumerate(texts):
        if not predicted[i]:
            predicted[i] = model.article_stance(claims[i], text).stance  # one claim per row
    out_fields = fields + (["predicted"] if "predicted" not in fields else [])
    writer = csv.DictWriter(sys.stdout, fieldnames=out_fields, lineterminator="\n")
    writer.writeheader()
    for row, pred in zip(rows, predicted, strict=True):
        row["predicted"] = pred
        writer.writerow({k: row.get(k, "") for k in out_fields})
    return 0


def _baly(directory: str, model_path: str | None) -> int:
    files = claim_files(directory)
    model = StanceModel.load(model_path)
    for path in files:
        claim = read_claim_file(path)
        filled = [a for a in claim.articles if a.text.strip()]
        got = {a.index: r.stance for a, r in zip(filled, model.article_stances(claim.claim, [a.text for a in filled]), strict=True)}
        for art in claim.articles:
            stance = got.get(art.index, "unrelated")
            print(json.dumps({"id": claim.id, "index": art.index, "stance": stance}, ensure_ascii=False), flush=True)
    return 0


def run(args: argparse.Namespace) -> int:
    modes = sum(bool(x) for x in (args.pairs, args.baly, args.claim))
    if modes != 1:
        raise UsageError("give exactly one of: --pairs FILE.csv, --baly DIR, or CLAIM --text TEXT")
    if args.pairs:
        return _pairs(args.pairs, args.model)
    if args.baly:
        return _baly(args.baly, args.model)
    if not args.text:
        raise UsageError("a CLAIM needs --text TEXT to compare with")
    model = StanceModel.load(args.model)
    res = model.stance_of(args.claim, args.text)
    print(f"{res.stance} ({res.confidence:.2f})")
    for ev in res.evidence:
        cues = f" [{', '.join(ev.signals)}]" if ev.signals else ""
        print(f"  · {ev.text}{cues}")
    return 0
