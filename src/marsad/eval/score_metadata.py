"""Article metadata against the gold: title, outlet, dateline and publication date.

A field is right when the system's value equals the gold value after trimming
whitespace (``null`` in the gold must be ``None`` in the system: finding a title where
the article has none is an error too).  ``published`` is scored too: on the seeds the
gold value is fed to the system (so it is right by construction), on the dev pages the
system must recover it from the page or its URL.
"""

from __future__ import annotations

from typing import Any

from marsad.eval.gold import GoldPair

FIELDS = ("title", "outlet", "dateline", "published")


def _norm(value: Any) -> str | None:
    if value is None:
        return None
    text = " ".join(str(value).split())
    return text or None


def score(pairs: list[GoldPair]) -> dict[str, Any]:
    """Per-field correct counts, accuracy, and the mismatches (doc, field, gold, system)."""
    result: dict[str, Any] = {"docs": len(pairs), "fields": {}, "errors": []}
    for name in FIELDS:
        right = 0
        for pair in pairs:
            gold, system = _norm(pair.gold.get(name)), _norm(getattr(pair.doc, name))
            if gold == system:
                right += 1
            else:
                result["errors"].append((pair.gold.get("doc"), name, gold, system))
        result["fields"][name] = {
            "correct": right,
            "accuracy": right / len(pairs) if pairs else 0.0,
        }
    total = sum(f["correct"] for f in result["fields"].values())
    result["accuracy"] = total / (len(pairs) * len(FIELDS)) if pairs else 0.0
    return result


def report(result: dict[str, Any]) -> str:
    lines = [f"metadata ({result['docs']} docs): overall accuracy {result['accuracy']:.2f}"]
    for name, f in result["fields"].items():
        lines.append(f"  {name:<9} {f['correct']}/{result['docs']}  accuracy {f['accuracy']:.2f}")
    for doc, name, gold, system in result["errors"]:
        lines.append(f"  wrong {name} in {doc}: gold {gold!r}, system {system!r}")
    return "\n".join(lines)


def summary(result: dict[str, Any]) -> dict[str, float]:
    return {f"metadata {name}": f["accuracy"] for name, f in result["fields"].items()}
