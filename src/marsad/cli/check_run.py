"""The work of ``marsad check`` (its parser is in ``marsad.cli.cmd_check``, which
imports this module only when the command runs: the stance model pulls in scikit-learn)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from marsad.check.baly import claim_files, read_claim_file
from marsad.check.checker import (
    Candidate,
    CheckResult,
    check_candidates,
    check_documents,
    check_store,
)
from marsad.check.stance import StanceModel
from marsad.cli.dbcommon import require_db
from marsad.cli.options import report_error
from marsad.document import Document
from marsad.errors import InputError, UsageError

_LABEL = {
    "agree": "يؤيد / agrees",
    "disagree": "ينفي / disagrees",
    "discuss": "يناقش / discusses",
    "unrelated": "غير ذي صلة / unrelated",
}




def print_result(result: CheckResult, show_all: bool = False) -> None:
    d = result.to_dict()
    print(f"الادعاء / claim: {d['claim']}")
    shown = [o for o in d["outlets"] if show_all or o["stance"] != "unrelated"]
    if not shown:
        print("  (no article found that bears on this claim)")
    for o in shown:
        head = f"\n{o['outlet']} — {_LABEL.get(o['stance'], o['stance'])} ({o['confidence']:.2f})"
        if o["origin"]:
            head += f" — origin: {o['origin']}"
        if o["published"]:
            head += f" — {o['published']}"
        print(head)
        if o["title"]:
            print(f"  {o['title']}")
        if o["url"]:
            print(f"  {o['url']}")
        for ev in o["evidence"]:
            cues = f" [{', '.join(ev['signals'])}]" if ev["signals"] else ""
            text = ev["text"] if len(ev["text"]) <= 300 else ev["text"][:300] + "…"
            print(f"    · {text}{cues}")
    c = d["counts"]
    print(
        f"\nالحكم / verdict: {d['verdict']} ({d['confidence']:.2f}) — independent origins: agree {c['agree']}, "
        f"disagree {c['disagree']}, discuss {c['discuss']}; articles checked: {len(d['outlets'])} "
        f"({d['seconds']:.2f}s)"
    )
    print(f"  {d['reason']}")


def _baly(directory: str, model: StanceModel) -> int:
    for path in claim_files(directory):
        claim = read_claim_file(path)
        cands = [
            Candidate(ref=str(a.index), outlet=a.outlet, text=a.text, url=a.url or None)
            for a in claim.articles
            if a.text.strip()
        ]
        v = check_candidates(claim.claim, cands, model=model, rank=False).verdict
        out = {"id": claim.id, "verdict": v.verdict, "confidence": round(v.confidence, 3), "reason": v.reason}
        print(json.dumps(out, ensure_ascii=False), flush=True)
    return 0


def _batch(args: argparse.Namespace) -> int:
    """One claim a line against the database; one JSON result a line (``--json``) or the
    report of each claim."""
    if args.claim:
        raise UsageError("--batch takes its claims from the file; give no CLAIM")
    try:
        lines = Path(args.batch).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(args.batch, f"cannot read the claims ({exc.__class__.__name__})") from None
    claims = [ln.strip() for ln in lines if ln.strip()]
    require_db(args.db, "no such database (ingest articles first)")
    from marsad.store import open_store

    model = StanceModel.load(args.model)
    with open_store(args.db, create=False) as store:
        for claim in claims:
            result = check_store(claim, store, model=model, limit=args.limit)
            if args.json:
                print(json.dumps(result.to_dict(), ensure_ascii=False), flush=True)
            else:
                print_result(result, args.all)
                print()
    return 0


def _from_files(paths: list[str]) -> list[Document]:
    from marsad.ingest import read_paths

    docs = []
    for item in read_paths(paths):
        if isinstance(item, InputError):
            report_error(item)
        else:
            docs.append(item)
    return docs


def run(args: argparse.Namespace) -> int:
    if args.limit < 1:
        raise UsageError("--limit must be at least 1")
    if args.baly:
        if args.claim:
            raise UsageError("--baly takes its claims from the files; give no CLAIM")
        claim_files(args.baly)  # a bad directory is reported before the model loads
        return _baly(args.baly, StanceModel.load(args.model))
    if args.batch:
        return _batch(args)
    if not args.claim:
        raise UsageError("give a CLAIM to check (or --baly DIR, or --batch FILE)")
    if args.files:
        docs = _from_files(args.files)
        model = StanceModel.load(args.model)
        result = check_documents(args.claim, docs, model=model, limit=args.limit)
    else:
        require_db(args.db, "no such database (ingest articles first, or use --files)")
        from marsad.store import open_store

        model = StanceModel.load(args.model)
        with open_store(args.db, create=False, readonly=True) as store:
            result = check_store(args.claim, store, model=model, limit=args.limit)
    if args.json:
        json.dump(result.to_dict(), sys.stdout, ensure_ascii=False, indent=2)
        print()
    else:
        print_result(result, args.all)
    return 0
