"""Score extracted dates against the gold dates.

Same matching rule as :mod:`marsad.eval.score_figures` (gold located by folded text,
pairs by span overlap, one-to-one, optional gold free).  A date is right when its
resolved ``value`` equals gold's and, when gold gives a range ``end``, its ``end_value``
does too.  ``span`` F1 only asks that a date was found where gold has one.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from marsad.eval.gold import GoldPair
from marsad.eval.score_figures import format_report, score_items


def date_right(g: dict[str, Any], p: Any) -> bool:
    if g.get("end") is not None and g["end"] != p.end_value:
        return False
    return bool(g.get("value") == p.value)


def score(pairs: Sequence[GoldPair]) -> dict[str, Any]:
    return score_items(pairs, "dates", "dates", {
        "value": date_right,
        "span": lambda g, p: True,
    })


def report(result: dict[str, Any]) -> str:
    return format_report("DATES (value and range end right)", result, "value", ["span"])


def summary(result: dict[str, Any]) -> dict[str, float]:
    o = result["overall"]
    return {"dates F1": o["value"]["f1"], "dates P": o["value"]["precision"],
            "dates R": o["value"]["recall"], "dates span F1": o["span"]["f1"]}
