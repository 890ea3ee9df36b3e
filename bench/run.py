"""``make bench``: run every ``bench/bench_*.py`` (each has ``main() -> dict``) and print
one table of the numbers, also written to bench/out/latest.json.

Usage: python bench/run.py [NAME ...]   (NAME = the part after ``bench_``)
"""

from __future__ import annotations

import importlib.util
import json
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def _load(path: Path):  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location(path.stem, path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main(argv: list[str]) -> int:
    wanted = set(argv)
    results: dict[str, dict] = {}
    failed = 0
    for path in sorted(HERE.glob("bench_*.py")):
        name = path.stem.removeprefix("bench_")
        if wanted and name not in wanted:
            continue
        print(f"== {name}", flush=True)
        started = time.perf_counter()
        try:
            results[name] = _load(path).main()
        except Exception as exc:  # a broken benchmark must not hide the others
            failed += 1
            print(f"   failed: {type(exc).__name__}: {exc}", flush=True)
            continue
        print(f"   ({time.perf_counter() - started:.0f} s)", flush=True)
    print("\n# results")
    for name, numbers in results.items():
        for key, value in numbers.items():
            shown = f"{value:,.3f}" if isinstance(value, float) else str(value)
            print(f"{name:>16}  {key:<40} {shown}")
    out = HERE / "out"
    out.mkdir(exist_ok=True)
    (out / "latest.json").write_text(json.dumps(results, ensure_ascii=False, indent=1))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
