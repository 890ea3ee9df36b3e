"""CPU seconds per pipeline stage, for comparing two versions of the code A/B.

The SaudiNewsNet articles of bench_pipeline (300) go through its stage timer once
(warm), then ``--rounds`` timed passes; each stage's thread CPU time is summed over the
articles and the median over the passes is printed.  CPU time, not wall time, so that a
comparison holds on a loaded machine.  ``--src`` puts another checkout's ``src`` first on
the path (e.g. ``git worktree add /tmp/base HEAD~3``), so the same articles can be timed
under the old code and the new one, alternately:

    python bench/ab_stages.py --src /tmp/base/src; python bench/ab_stages.py
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--src", type=Path, default=HERE.parent / "src", help="the code to time")
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--articles", type=int, default=300)
    args = ap.parse_args(argv)
    sys.path.insert(0, str(HERE))
    from bench_pipeline import articles, stage_times  # puts this checkout's src on the path

    sys.path.insert(0, str(args.src.resolve()))  # so the code timed is --src's
    import marsad

    if not Path(marsad.__file__).resolve().is_relative_to(args.src.resolve()):
        raise SystemExit(f"marsad was imported from {marsad.__file__}, not {args.src}")
    sources = articles(args.articles)
    chars = sum(len(d.text) for d in sources)
    stage_times(sources, time.thread_time)  # warm: models loaded, caches filled
    passes = [stage_times(sources, time.thread_time) for _ in range(args.rounds)]
    total = statistics.median(sum(p.values()) for p in passes)
    print(f"{args.src}: {len(sources)} articles, {chars:,} characters")
    print(f"total {total:.2f} s CPU, {chars / total:,.0f} chars/s")
    for name, spent in ((n, statistics.median(p[n] for p in passes)) for n in passes[0]):
        print(f"  {name:10s} {spent:6.2f} s  {chars / max(spent, 1e-9) / 1000:9,.0f}k chars/s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
