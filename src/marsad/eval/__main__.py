"""``python -m marsad.eval``: print every score against the gold set."""

from __future__ import annotations

import importlib
import pkgutil
import sys

import marsad.eval
from marsad.eval.gold import run_on_gold


def main() -> int:
    pairs = run_on_gold()
    names = sorted(
        m.name for m in pkgutil.iter_modules(marsad.eval.__path__) if m.name.startswith("score_")
    )
    for name in names:
        module = importlib.import_module(f"marsad.eval.{name}")
        print(module.report(module.score(pairs)))
        print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
