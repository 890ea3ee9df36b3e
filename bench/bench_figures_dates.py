"""Figures + dates extraction speed (characters per second) on the Baly articles, next to
dateparser's ``search_dates(languages=['ar'])`` on the same text in the same run.

The sample is deterministic: the Baly files in name order, every non-empty page text
(field ``article``), taken until ``MARSAD_BENCH_CHARS`` characters (default 400,000).
Both systems read exactly that text.  Ours runs the ``dates`` and ``figures`` pipeline
components on one Document per page, dateparser gets each page whole.

    .venv/bin/python bench/bench_figures_dates.py
"""

from __future__ import annotations

import json
import os
import sys
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))


def _pages(limit: int) -> list[str]:
    from marsad.eval.gold import shared_dir

    pages: list[str] = []
    total = 0
    for path in sorted((shared_dir() / "data" / "baly" / "dataset").glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        for page in data.get("article", []):
            if page and page.strip():
                pages.append(page)
                total += len(page)
                if total >= limit:
                    return pages
    return pages


def _ours(pages: list[str]) -> tuple[float, int, int]:
    from marsad.document import Document
    from marsad.pipeline import run

    n_dates = n_figures = 0
    started = time.perf_counter()
    for k, page in enumerate(pages):
        doc = run(Document(id=str(k), text=page, published="2017-06-01"), ("dates", "figures"))
        n_dates += len(doc.dates)
        n_figures += len(doc.figures)
    return time.perf_counter() - started, n_dates, n_figures


def _dateparser(pages: list[str]) -> tuple[float, int]:
    import datetime as dt

    from dateparser.search import search_dates

    settings = {"RELATIVE_BASE": dt.datetime(2017, 6, 1)}
    found = 0
    started = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for page in pages:
            found += len(search_dates(page, languages=["ar"], settings=settings) or [])
    return time.perf_counter() - started, found


def main() -> dict[str, float]:
    limit = int(os.environ.get("MARSAD_BENCH_CHARS", "400000"))
    pages = _pages(limit)
    chars = sum(len(p) for p in pages)
    _ours(pages[:5])  # warm up: imports and compiled patterns
    ours_s, n_dates, n_figures = _ours(pages)
    dp_s, dp_found = _dateparser(pages)
    result = {
        "pages": float(len(pages)),
        "characters": float(chars),
        "ours_chars_per_s": chars / ours_s,
        "ours_seconds": ours_s,
        "ours_dates_found": float(n_dates),
        "ours_figures_found": float(n_figures),
        "dateparser_chars_per_s": chars / dp_s,
        "dateparser_seconds": dp_s,
        "dateparser_dates_found": float(dp_found),
        "speedup_vs_dateparser": dp_s / ours_s,
    }
    print(f"{'':28} {'chars/s':>12} {'seconds':>9} {'found':>14}")
    print(f"{'marsad dates+figures':28} {result['ours_chars_per_s']:12,.0f} {ours_s:9.2f} "
          f"{n_dates:6d}d {n_figures:6d}f")
    print(f"{'dateparser search_dates':28} {result['dateparser_chars_per_s']:12,.0f} {dp_s:9.2f} "
          f"{dp_found:6d}d")
    print(f"({len(pages)} Baly pages, {chars:,} characters; "
          f"marsad is {result['speedup_vs_dateparser']:.1f}x dateparser)")
    return result


if __name__ == "__main__":
    main()
