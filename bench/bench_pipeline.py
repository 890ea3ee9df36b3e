"""Whole-pipeline speed, one process: the full default pipeline on SaudiNewsNet
articles, next to dateparser's ``search_dates(languages=['ar'])`` on the same text in
the same run (the target: marsad reads at least 1.5x dateparser's characters/s).

The sample is deterministic: the first ``MARSAD_BENCH_ARTICLES`` (default 300) non-empty
articles of ../shared/data/saudinewsnet in file order (bench/bench_store.py's loader).
Both systems read exactly the article texts; marsad also the titles, which it reads too
(they are not counted in the characters).  The per-stage numbers time each pipeline
component separately.  The two systems run in turns, ``MARSAD_BENCH_ROUNDS`` (default 2)
rounds each, and the best round of each is compared: the machine is shared.  The
first round is reported too (``pipeline_first_round_chars_per_s``): it also pays for
scoring each word the NER model has not met yet, as an archive's new articles do.
On a shared machine the wall clock also counts the other processes' turns: the CPU
seconds of each system (``time.process_time``, the same best round) and their ratio
(``ratio_to_dateparser_cpu``) are printed beside the wall-clock ones.

    .venv/bin/python bench/run.py pipeline
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import os
import resource
import sys
import time
import warnings
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))


def articles(limit: int) -> list:  # type: ignore[type-arg]
    """The first ``limit`` non-empty SaudiNewsNet articles (bench_store's reader)."""
    spec = importlib.util.spec_from_file_location("bench_store", HERE / "bench_store.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    docs = []
    for doc in module.saudinewsnet_docs():
        if doc.text.strip():
            docs.append(doc)
            if len(docs) >= limit:
                break
    return docs


def stage_times(docs: list, clock: Callable[[], float] = time.perf_counter  # type: ignore[type-arg]
                ) -> dict[str, float]:
    """Each default pipeline stage's time by ``clock``, summed over fresh Documents of
    ``docs`` (the imports are here, so a caller may put another checkout first on the path)."""
    from marsad.document import Document
    from marsad.pipeline import DEFAULT_PIPELINE, get_component

    stages = {name: 0.0 for name in DEFAULT_PIPELINE}
    components = [(name, get_component(name)) for name in DEFAULT_PIPELINE]
    for src in docs:
        doc = Document(id=src.id, text=src.text, title=src.title, outlet=src.outlet,
                       published=src.published, url=src.url)
        for name, func in components:
            t = clock()
            doc = func(doc)
            stages[name] += clock() - t
    return stages


def _ours(docs: list) -> tuple[float, dict[str, float], float]:  # type: ignore[type-arg]
    started, cpu = time.perf_counter(), time.process_time()
    stages = stage_times(docs)
    return time.perf_counter() - started, stages, time.process_time() - cpu


def _dateparser(texts: list[str]) -> tuple[float, float]:
    from dateparser.search import search_dates

    settings = {"RELATIVE_BASE": dt.datetime(2015, 1, 1)}
    started, cpu = time.perf_counter(), time.process_time()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for text in texts:
            search_dates(text, languages=["ar"], settings=settings)
    return time.perf_counter() - started, time.process_time() - cpu


def main() -> dict[str, float]:
    n = int(os.environ.get("MARSAD_BENCH_ARTICLES", "300"))
    rounds = int(os.environ.get("MARSAD_BENCH_ROUNDS", "2"))
    docs = articles(n)
    texts = [d.text for d in docs]
    chars = sum(len(t) for t in texts)
    started = time.perf_counter()
    _ours(docs[:3])  # imports, models, compiled patterns
    warm_s = time.perf_counter() - started
    _dateparser(texts[:3])
    ours: list[tuple[float, dict[str, float], float]] = []
    theirs: list[tuple[float, float]] = []
    for _ in range(rounds):
        ours.append(_ours(docs))
        theirs.append(_dateparser(texts))
    first_s = ours[0][0]  # the first round meets every word for the first time
    ours_s, stages, _ = min(ours, key=lambda r: r[0])
    dp_s = min(theirs)[0]
    ours_cpu = min(r[2] for r in ours)
    dp_cpu = min(r[1] for r in theirs)
    result: dict[str, float] = {
        "articles": float(len(docs)),
        "characters": float(chars),
        "load_seconds": warm_s,
        "pipeline_seconds": ours_s,
        "pipeline_chars_per_s": chars / ours_s,
        "pipeline_articles_per_s": len(docs) / ours_s,
        "pipeline_first_round_chars_per_s": chars / first_s,
        "dateparser_seconds": dp_s,
        "dateparser_chars_per_s": chars / dp_s,
        "ratio_to_dateparser": dp_s / ours_s,
        "pipeline_cpu_seconds": ours_cpu,
        "dateparser_cpu_seconds": dp_cpu,
        "ratio_to_dateparser_cpu": dp_cpu / ours_cpu,
    }
    for name, seconds in stages.items():
        result[f"stage_{name}_chars_per_s"] = chars / seconds if seconds else float("inf")
    result["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{'':28} {'chars/s':>12} {'seconds':>9}")
    print(f"{'marsad full pipeline':28} {result['pipeline_chars_per_s']:12,.0f} {ours_s:9.2f}")
    for name, seconds in stages.items():
        print(f"{'  ' + name:28} {chars / seconds if seconds else 0:12,.0f} {seconds:9.2f}")
    print(f"{'dateparser search_dates':28} {result['dateparser_chars_per_s']:12,.0f} {dp_s:9.2f}")
    print(f"({len(docs)} SaudiNewsNet articles, {chars:,} characters, best of {rounds} rounds; "
          f"marsad is {result['ratio_to_dateparser']:.2f}x dateparser; peak RSS "
          f"{result['peak_rss_mb']:.0f} MB)")
    print(f"(CPU seconds, best round: marsad {ours_cpu:.2f}, dateparser {dp_cpu:.2f}: "
          f"{result['ratio_to_dateparser_cpu']:.2f}x)")
    return result


if __name__ == "__main__":
    main()
