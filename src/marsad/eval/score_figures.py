"""Score extracted figures against the gold figures (and the matching rule dates share).

Matching rule (used by ``score_figures`` and ``score_dates``):

1. Each gold item is located in the article: its text, folded (:func:`fold`) and with
   flexible whitespace, is searched in the folded article; longer gold texts claim
   their occurrence first, each gold item takes the first occurrence not claimed by
   another gold item (so three «أمس» get three places, and «أيار الماضي» does not
   take the one inside «25 من أيار الماضي»).  A gold text that cannot be found keeps
   no span and is matched by text containment instead.
2. A predicted item can pair with a gold item when their character spans overlap and
   the metric's criterion holds (figures strict: same value and same bound, and same
   ``value_max`` when gold gives one; figures value-only: same value; dates: same value
   and same ``end`` when gold gives one).  Pairs are made one-to-one, greedily, largest
   overlap first, required gold before optional.
3. Paired predictions are true positives.  Unpaired predictions are false positives.
   Unpaired required gold items are false negatives; an unpaired ``optional`` gold
   item costs nothing (credit if found, no penalty if missed).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

from marsad.document import Document
from marsad.eval.counts import Counts
from marsad.eval.gold import GoldPair
from marsad.text.normalize import fold

Criterion = Callable[[dict[str, Any], Any], bool]


def locate_gold(doc: Document, items: Sequence[dict[str, Any]]) -> list[tuple[int, int] | None]:
    """Original-text spans of the gold items in ``doc`` (None where not found)."""
    nt = doc.normalized
    spans: list[tuple[int, int] | None] = [None] * len(items)
    claimed: list[tuple[int, int]] = []
    order = sorted(range(len(items)), key=lambda k: -len(items[k].get("text", "")))
    for k in order:
        words = fold(items[k].get("text", "")).split()
        if not words:
            continue
        for joiner in (r"\s+", r"\s*"):
            pattern = re.compile(joiner.join(re.escape(w) for w in words))
            hits = [nt.to_original(m.start(), m.end()) for m in pattern.finditer(nt.text)]
            # whole-word occurrences first
            def boundary(h: tuple[int, int]) -> bool:
                before = doc.text[h[0] - 1:h[0]]
                after = doc.text[h[1]:h[1] + 1]
                return not (before.isalnum() or after.isalnum())
            hits.sort(key=lambda h: (not boundary(h), h[0]))
            free = [h for h in hits if all(h[1] <= c[0] or h[0] >= c[1] for c in claimed)]
            if free:
                spans[k] = free[0]
                claimed.append(free[0])
                break
    return spans


def match(
    doc: Document,
    gold: Sequence[dict[str, Any]],
    pred: Sequence[Any],
    criterion: Criterion,
    spans: list[tuple[int, int] | None] | None = None,
) -> tuple[Counts, list[str]]:
    """Counts for one document under ``criterion``, and readable error lines."""
    spans = spans if spans is not None else locate_gold(doc, gold)
    pairs: list[tuple[int, bool, int, int]] = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            span = spans[gi]
            if span is not None:
                overlap = min(span[1], p.end) - max(span[0], p.start)
                if overlap <= 0:
                    continue
            else:
                gt, ptxt = fold(g.get("text", "")), fold(p.text)
                if not gt or not (gt in ptxt or ptxt in gt):
                    continue
                overlap = min(len(gt), len(ptxt))
            if criterion(g, p):
                pairs.append((overlap, bool(g.get("optional")), gi, pi))
    pairs.sort(key=lambda t: (-t[0], t[1]))
    used_g: set[int] = set()
    used_p: set[int] = set()
    for _ov, _opt, gi, pi in pairs:
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
    counts = Counts(tp=len(used_p), fp=len(pred) - len(used_p))
    errors: list[str] = []
    for gi, g in enumerate(gold):
        if gi not in used_g and not g.get("optional"):
            counts.fn += 1
            errors.append(f"  missed {g.get('text')!r} {_short(g)}")
    for pi, p in enumerate(pred):
        if pi not in used_p:
            errors.append(f"  extra  {p.text!r} {_short(p)}")
    return counts, errors


def _short(item: Any) -> str:
    if isinstance(item, dict):
        keys = ("value", "value_max", "end", "bound")
        return " ".join(f"{k}={item[k]}" for k in keys if item.get(k) is not None)
    keys = ("value", "value_max", "end_value", "bound")
    return " ".join(f"{k}={getattr(item, k)}" for k in keys if getattr(item, k, None) is not None)


def same_number(a: Any, b: Any) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return abs(float(a) - float(b)) <= 1e-6 * max(1.0, abs(float(a)))


def figure_strict(g: dict[str, Any], p: Any) -> bool:
    """Value and bound right (and the range's upper end when gold gives one)."""
    if "value_max" in g and not same_number(g["value_max"], p.value_max):
        return False
    return same_number(g.get("value"), p.value) and g.get("bound", "exact") == p.bound


def figure_value(g: dict[str, Any], p: Any) -> bool:
    return same_number(g.get("value"), p.value)


def score_items(
    pairs: Sequence[GoldPair], key: str, pred_attr: str, criteria: dict[str, Criterion]
) -> dict[str, Any]:
    """Per-document and overall counts for each named criterion."""
    result: dict[str, Any] = {"docs": {}, "overall": {}, "errors": {}}
    totals = {name: Counts() for name in criteria}
    for pair in pairs:
        gold = pair.gold.get(key, [])
        pred = getattr(pair.doc, pred_attr)
        spans = locate_gold(pair.doc, gold)
        per: dict[str, Any] = {}
        for name, crit in criteria.items():
            counts, errors = match(pair.doc, gold, pred, crit, spans)
            totals[name].add(counts)
            per[name] = counts.as_dict()
            if name == next(iter(criteria)):
                result["errors"][pair.gold["doc"]] = errors
        result["docs"][pair.gold["doc"]] = per
    result["overall"] = {name: c.as_dict() for name, c in totals.items()}
    return result


def format_report(title: str, result: dict[str, Any], main: str, extra: Sequence[str]) -> str:
    lines = [title, f"{'doc':34} {'P':>6} {'R':>6} {'F1':>6}   tp  fp  fn"]
    for doc, per in result["docs"].items():
        c = per[main]
        lines.append(f"{doc:34} {c['precision']:6.3f} {c['recall']:6.3f} {c['f1']:6.3f}  "
                     f"{c['tp']:3d} {c['fp']:3d} {c['fn']:3d}")
    c = result["overall"][main]
    lines.append(f"{'OVERALL (' + main + ')':34} {c['precision']:6.3f} {c['recall']:6.3f} "
                 f"{c['f1']:6.3f}  {c['tp']:3d} {c['fp']:3d} {c['fn']:3d}")
    for name in extra:
        c = result["overall"][name]
        lines.append(f"{'OVERALL (' + name + ')':34} {c['precision']:6.3f} {c['recall']:6.3f} "
                     f"{c['f1']:6.3f}  {c['tp']:3d} {c['fp']:3d} {c['fn']:3d}")
    errors = [(doc, e) for doc, errs in result["errors"].items() for e in errs]
    if errors:
        lines.append(f"errors ({main}):")
        lines.extend(f"  {doc[:3]} {e.strip()}" for doc, e in errors[:20])
    return "\n".join(lines)


def score(pairs: Sequence[GoldPair]) -> dict[str, Any]:
    """Figures: strict (value and bound), value-only and span-only F1, per seed and overall."""
    return score_items(pairs, "figures", "figures", {
        "strict": figure_strict,
        "value": figure_value,
        "span": lambda g, p: True,
    })


def report(result: dict[str, Any]) -> str:
    return format_report("FIGURES (strict = value and bound right)", result, "strict",
                         ["value", "span"])


def summary(result: dict[str, Any]) -> dict[str, float]:
    o = result["overall"]
    return {"figures strict F1": o["strict"]["f1"], "figures value F1": o["value"]["f1"],
            "figures span F1": o["span"]["f1"]}
