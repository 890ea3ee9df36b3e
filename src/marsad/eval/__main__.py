"""``python -m marsad.eval``: every score on the gold seeds and the dev pages, side by side.

The table gives each field on both sets; below it, each scorer's report on the dev
pages (the number that predicts what users see), with its errors: missed, spurious,
wrong speaker, wrong value.  ``--set seeds`` prints the seeds' reports instead,
``--json`` the summary numbers.
"""

from __future__ import annotations

import argparse
import importlib
import json
import pkgutil
import sys
from types import ModuleType
from typing import Any

import marsad.eval
from marsad.eval.gold import GOLD_SETS, run_on_gold


def scorers() -> list[ModuleType]:
    names = sorted(
        m.name for m in pkgutil.iter_modules(marsad.eval.__path__) if m.name.startswith("score_")
    )
    return [importlib.import_module(f"marsad.eval.{name}") for name in names]


def evaluate(sets: tuple[str, ...] = GOLD_SETS) -> dict[str, dict[str, Any]]:
    """``{set: {scorer module name: result}}`` for each gold set."""
    out: dict[str, dict[str, Any]] = {}
    for name in sets:
        pairs = run_on_gold(name=name)
        out[name] = {m.__name__: m.score(pairs) for m in scorers()}
    return out


def summaries(results: dict[str, dict[str, Any]]) -> dict[str, dict[str, float | None]]:
    """``{set: {field: number}}`` (None where the set's gold does not annotate it)."""
    out: dict[str, dict[str, float | None]] = {}
    for name, per in results.items():
        row: dict[str, float | None] = {}
        for module in scorers():
            row.update(module.summary(per[module.__name__]))
        out[name] = row
    return out


def _cell(value: float | None) -> str:
    return f"{'n/a':>9}" if value is None else f"{value:9.3f}"


def table(summ: dict[str, dict[str, float | None]]) -> str:
    sets = list(summ)
    fields = list(next(iter(summ.values())))
    lines = [f"{'field':28}" + "".join(f"{s:>9}" for s in sets)]
    for f in fields:
        lines.append(f"{f:28}" + "".join(_cell(summ[s].get(f)) for s in sets))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m marsad.eval", description=__doc__.split("\n")[0])
    ap.add_argument("--set", choices=GOLD_SETS, help="only this gold set, with its full reports")
    ap.add_argument("--json", action="store_true", help="print the summary numbers as JSON")
    args = ap.parse_args(argv)
    sets = (args.set,) if args.set else GOLD_SETS
    results = evaluate(sets)
    summ = summaries(results)
    if args.json:
        print(json.dumps(summ, indent=1, ensure_ascii=False))
        return 0
    print(table(summ))
    detail = args.set or "dev"
    print(f"\n=== reports on {detail} ===\n")
    for module in scorers():
        print(module.report(results[detail][module.__name__]))
        print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
