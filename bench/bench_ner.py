"""NER speed on real Syria-war news pages (the Baly corpus in ../shared/data/baly).

Measures, on the first N article pages (boilerplate included, as users paste them):
- model load time (imports, lexicons, clusters and the CRF: once per process);
- tokens/s of the CRF tagger alone (features + Viterbi);
- tokens/s of the whole ``entities`` component (tagger, alias and gazetteer matching,
  canonical names, roles), after sentence splitting.

Usage: .venv/bin/python bench/bench_ner.py [N]   (default 150 pages)
"""

from __future__ import annotations

import json
import sys
import time


def _pages(n: int) -> list[str]:
    from marsad.eval.gold import shared_dir

    pages: list[str] = []
    for path in sorted((shared_dir() / "data" / "baly" / "dataset").glob("*.json")):
        for text in json.loads(path.read_text(encoding="utf-8")).get("article", []):
            if text and len(text) > 500:
                pages.append(text[:20_000])
            if len(pages) >= n:
                return pages
    return pages


def main(n: int = 150) -> dict[str, float]:
    t0 = time.perf_counter()
    from marsad.extract.entities.ner_model import tag

    tag(["تجربة"])
    load_s = time.perf_counter() - t0
    from marsad.document import Document
    from marsad.extract import extract
    from marsad.extract.entities.ner_tokens import tokenize
    from marsad.text.sentences import split_sentences

    pages = _pages(n)

    sentences = [
        [t.text for t in tokenize(text, s, e)] for text in pages for s, e in split_sentences(text)
    ]
    n_tokens = sum(len(s) for s in sentences)
    t0 = time.perf_counter()
    for words in sentences:
        tag(words)
    tagger_s = time.perf_counter() - t0

    t0 = time.perf_counter()
    n_entities = 0
    for i, text in enumerate(pages):
        doc = extract(Document(id=str(i), text=text), ("sentences", "entities"))
        n_entities += len(doc.entities)
    component_s = time.perf_counter() - t0

    result = {
        "pages": float(len(pages)),
        "tokens": float(n_tokens),
        "model_load_s": round(load_s, 2),
        "tagger_tokens_per_s": round(n_tokens / tagger_s),
        "component_tokens_per_s": round(n_tokens / component_s),
        "component_ms_per_page": round(1000 * component_s / len(pages), 1),
        "entities_per_page": round(n_entities / len(pages), 1),
    }
    width = max(len(k) for k in result)
    print("NER on Baly news pages")
    for key, value in result.items():
        print(f"  {key:<{width}}  {value:g}")
    return result


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 150)
