"""Claim extraction speed on the Baly Syria-war news pages (../shared/data/baly).

``main()`` runs the sentence splitter and the claims component over the first articles
of folds 1-4 and returns articles/s and chars/s for the claims step alone.
Run standalone: ``.venv/bin/python bench/bench_claims.py [N]``.
"""

from __future__ import annotations

import json
import sys
import time

from marsad.document import Document
from marsad.eval.gold import shared_dir
from marsad.extract.claims.attribute import find_claims
from marsad.text.sentences_component import add_sentences


def _articles(limit: int) -> list[str]:
    out: list[str] = []
    for path in sorted((shared_dir() / "data" / "baly" / "dataset").glob("*.json")):
        with open(path, encoding="utf-8") as fh:
            data = json.load(fh)
        for text in data.get("article", []):
            if isinstance(text, str) and text.strip():
                out.append(text)
                if len(out) >= limit:
                    return out
    return out


def main(limit: int = 400) -> dict[str, float]:
    texts = _articles(limit)
    docs = [add_sentences(Document(id=str(i), text=t)) for i, t in enumerate(texts)]
    chars = sum(len(t) for t in texts)
    for d in docs:
        _ = d.normalized  # normalization is shared by every component: not timed here
    t0 = time.perf_counter()
    n_claims = 0
    for d in docs:
        n_claims += len(find_claims(d))
    elapsed = time.perf_counter() - t0
    result = {
        "claims_articles": float(len(docs)),
        "claims_chars": float(chars),
        "claims_found": float(n_claims),
        "claims_seconds": elapsed,
        "claims_articles_per_s": len(docs) / elapsed if elapsed else 0.0,
        "claims_chars_per_s": chars / elapsed if elapsed else 0.0,
    }
    print("claims extraction on Baly articles")
    for k, v in result.items():
        print(f"  {k:24s} {v:14,.1f}")
    return result


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 400)
