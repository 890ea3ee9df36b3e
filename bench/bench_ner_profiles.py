"""Speed of the two NER profiles, fast and accurate, on real news pages (Baly corpus).

Per profile: tokens/s of the tagger on each page's sentences as one batch (what the
``entities`` component does) and of the whole ``entities`` component; for accurate,
also the e5 word states alone (marsad.extract.entities.ner_context) and the engine
thread count ($MARSAD_NER_THREADS, default 1).  Rates by wall clock and by this
process's CPU time (``_cpu``): on a shared machine the second is the one to compare.

Usage: .venv/bin/python bench/bench_ner_profiles.py [N]   (default 40 pages)
"""

from __future__ import annotations

import os
import sys
import time

from bench_ner import _pages


class _Clock:
    def __enter__(self) -> _Clock:
        self.wall, self.cpu = time.perf_counter(), time.process_time()
        return self

    def __exit__(self, *exc: object) -> None:
        self.wall = time.perf_counter() - self.wall
        self.cpu = time.process_time() - self.cpu

    def rates(self, name: str, n: int) -> dict[str, float]:
        return {name: round(n / self.wall), name + "_cpu": round(n / max(self.cpu, 1e-9))}


def _run(profile: str, pages: list[str]) -> dict[str, float]:
    os.environ["MARSAD_NER"] = profile
    from marsad.document import Document
    from marsad.extract import extract
    from marsad.extract.entities.ner_model import tag_sentences
    from marsad.extract.entities.ner_tokens import tokenize
    from marsad.text.sentences import split_sentences

    docs = [[[t.text for t in tokenize(text, s, e)] for s, e in split_sentences(text)]
            for text in pages]
    n_tokens = sum(len(s) for d in docs for s in d)
    t0 = time.perf_counter()
    tag_sentences([["تجربة"]])  # loads
    load_s = time.perf_counter() - t0
    out: dict[str, float] = {"tokens": float(n_tokens), "load_s": round(load_s, 2)}
    if profile == "accurate":
        from marsad.extract.entities.ner_context import states

        engine = states()
        with _Clock() as clock:
            for d in docs:
                engine.word_states(d)
        out.update(clock.rates("e5_states_tokens_per_s", n_tokens))
        out["engine_threads"] = float(engine.threads)
    with _Clock() as clock:
        for d in docs:
            tag_sentences(d, ("PERS", "LOC"))
    out.update(clock.rates("tagger_tokens_per_s", n_tokens))
    with _Clock() as clock:
        for i, text in enumerate(pages):
            extract(Document(id=str(i), text=text), ("sentences", "entities"))
    out.update(clock.rates("component_tokens_per_s", n_tokens))
    return out


def main(n: int = 40) -> dict[str, dict[str, float]]:
    pages = _pages(n)
    result = {p: _run(p, pages) for p in ("fast", "accurate")}
    os.environ.pop("MARSAD_NER", None)
    print(f"NER profiles on {len(pages)} Baly news pages")
    for p, row in result.items():
        print(f"  {p}: " + ", ".join(f"{k} {v:g}" for k, v in row.items()))
    return result


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 40)
