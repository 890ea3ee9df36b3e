"""Ingest benchmark: seed metadata, Baly cleaning quality, loader counts and throughput.

Run standalone: ``.venv/bin/python bench/bench_ingest.py`` (about 1-2 minutes).
"""

from __future__ import annotations

import json
import sys
import time

from marsad.document import Document
from marsad.eval.gold import load_gold, shared_dir
from marsad.ingest import read_paths
from marsad.ingest.cleaning_check import rationale_survival


def _seed_metadata() -> dict[str, float]:
    gold = load_gold()
    right = {"title": 0, "outlet": 0, "dateline": 0}
    for g in gold:
        [doc] = list(read_paths([str(shared_dir() / "seeds" / g["doc"])]))
        for name in right:
            right[name] += isinstance(doc, Document) and getattr(doc, name) == g.get(name)
    return {f"seed_{k}_accuracy": v / len(gold) for k, v in right.items()}


def _baly() -> dict[str, float]:
    files = sorted((shared_dir() / "data" / "baly" / "dataset").glob("*.json"))
    start = time.perf_counter()
    result = rationale_survival(files)
    seconds = time.perf_counter() - start
    return {
        "baly_files": result["files"],
        "baly_articles": result["articles"],
        "baly_rationale_lines": result["rationale_lines"],
        "baly_rationale_survival": round(result["survival"], 4),
        "baly_text_dropped": round(result["dropped"], 4),
        "baly_articles_per_s": round(result["articles"] / seconds, 1),
    }


def _saudinewsnet() -> dict[str, float]:
    zips = sorted((shared_dir() / "data" / "saudinewsnet").glob("*.zip"))
    start = time.perf_counter()
    docs = errors = chars = 0
    for item in read_paths([str(z) for z in zips]):
        if isinstance(item, Document):
            docs += 1
            chars += len(item.text)
        else:
            errors += 1
    seconds = time.perf_counter() - start
    return {
        "snn_zips": len(zips),
        "snn_documents": docs,
        "snn_input_errors": errors,
        "snn_seconds": round(seconds, 1),
        "snn_articles_per_s": round((docs + errors) / seconds, 1),
        "snn_mchars_per_s": round(chars / seconds / 1e6, 2),
    }


def main() -> dict[str, float]:
    numbers: dict[str, float] = {}
    numbers.update(_seed_metadata())
    numbers.update(_baly())
    numbers.update(_saudinewsnet())
    width = max(len(k) for k in numbers)
    print("ingest")
    for key, value in numbers.items():
        print(f"  {key:<{width}}  {value}")
    return numbers


if __name__ == "__main__":
    result = main()
    if "--json" in sys.argv:
        print(json.dumps(result))
