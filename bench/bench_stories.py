"""Story linking cost as the store grows: milliseconds per article at 1k, 10k and 31k.

All 31,030 SaudiNewsNet articles are written into a fresh database (pipeline limited to
sentences, as in bench_store, so the time measured is the linker's, not the
extraction's); the time of ``StoryLinker.link`` alone is recorded per article, and its
mean over the 500 articles before each mark (1,000, 10,000, and the end) is reported,
with the number of stories.  Flat numbers mean linking does not grow with the store.

Run: ``.venv/bin/python bench/bench_stories.py [--limit N]``.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

from marsad.extract import extract
from marsad.link import stories as stories_mod
from marsad.store import open_store

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_store import saudinewsnet_docs  # noqa: E402

MARKS = (1_000, 10_000)
WINDOW = 500


def main(limit: int | None = None) -> dict[str, float]:
    times: list[float] = []
    original = stories_mod.StoryLinker.link

    def timed(self, article_id, doc, duplicate_of=None):  # type: ignore[no-untyped-def]
        t0 = time.perf_counter()
        try:
            return original(self, article_id, doc, duplicate_of)
        finally:
            times.append(time.perf_counter() - t0)

    stories_mod.StoryLinker.link = timed  # type: ignore[method-assign]
    out: dict[str, float] = {}
    try:
        with tempfile.TemporaryDirectory() as tmp, open_store(Path(tmp) / "s.db") as store:
            for doc in saudinewsnet_docs(limit):
                if not doc.text.strip() or store.lookup(doc) is not None:
                    continue
                store.add(extract(doc, ("sentences",)), pipeline=("sentences",))
                n = len(times)
                if n in MARKS:
                    out[f"link_ms_at_{n // 1000}k"] = 1000 * statistics.mean(times[-WINDOW:])
            out[f"link_ms_at_{len(times) / 1000:.0f}k"] = 1000 * statistics.mean(times[-WINDOW:])
            out["articles_linked"] = float(len(times))
            out["stories"] = float(len(store.stories(limit=10**9)))
    finally:
        stories_mod.StoryLinker.link = original  # type: ignore[method-assign]
    return out


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--limit", type=int)
    args = ap.parse_args()
    for k, v in main(args.limit).items():
        print(f"{k:24} {v:,.2f}")
