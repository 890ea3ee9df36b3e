"""Score events against the gold ``events`` (rules: ../shared/gold/README.md, events).

- Each gold event's ``cue`` is located in the article like a gold figure's text
  (:func:`marsad.eval.score_figures.locate_gold`).
- A gold event is **found** when a predicted event of the same ``type`` covers its cue
  (the predicted span overlaps the cue's span); pairs are one-to-one, in text order.
- A predicted event that covers no gold cue and shares type and place with no gold
  event is **spurious** (a false positive); one that shares type and place with a gold
  event but not its cue is a second mention of it and costs nothing.
- Field accuracy over found events: ``place``, ``actor``, ``claimed_by`` (folded names,
  the doc's gold ``aliases`` count), ``date`` (value, and ``end`` when gold gives one)
  and ``figures`` (the same set of values).  A field the gold event does not annotate
  (no such key: the seeds give no ``actor``) is not scored; a key with ``null`` is.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from marsad.document import Document, Event
from marsad.eval.counts import Counts
from marsad.eval.gold import GoldPair
from marsad.eval.score_entities import name_key
from marsad.eval.score_figures import locate_gold

FIELDS = ("place", "date", "actor", "figures", "claimed_by")


def _key(name: str | None, aliases: dict[str, str]) -> str | None:
    if not name:
        return None
    k = name_key(name)
    return aliases.get(k, k)


def _claimed_by(doc: Document, ev: Event) -> str | None:
    if ev.claim is None or not 0 <= ev.claim < len(doc.claims):
        return None
    return doc.claims[ev.claim].speaker


def _figure_values(doc: Document, ev: Event) -> set[float]:
    values = (doc.figures[i].value for i in ev.figures if 0 <= i < len(doc.figures))
    return {float(v) for v in values if v is not None}


def field_right(name: str, g: dict[str, Any], ev: Event, doc: Document,
                aliases: dict[str, str]) -> bool:
    if name == "date":
        if g.get("end") and g["end"] != getattr(ev, "date_end", None):
            return False
        return g.get("date") == ev.date
    if name == "figures":
        return {float(v) for v in g.get("figures") or []} == _figure_values(doc, ev)
    got = {"place": ev.place, "actor": ev.actor, "claimed_by": _claimed_by(doc, ev)}[name]
    return _key(g.get(name), aliases) == _key(got, aliases)


def score_doc(gold: dict[str, Any], doc: Document) -> dict[str, Any]:
    aliases = {name_key(k): name_key(v) for k, v in (gold.get("aliases") or {}).items()}
    events = gold.get("events") or []
    spans = locate_gold(doc, [{"text": e.get("cue", "")} for e in events])
    preds = list(doc.events)
    used: set[int] = set()
    counts = Counts()
    fields = {f: [0, 0] for f in FIELDS}
    errors: list[str] = []
    for gi, g in enumerate(events):
        span = spans[gi]
        pick = None
        if span is not None:
            for pi, p in enumerate(preds):
                if pi not in used and p.type == g["type"] and p.start < span[1] and span[0] < p.end:
                    pick = pi
                    break
        if pick is None:
            counts.fn += 1
            others = sorted({p.type for p in preds if span and p.start < span[1] and span[0] < p.end})
            got = f" (there: {', '.join(others)})" if others else ""
            errors.append(f"missed {g['type']} «{g.get('cue')}»{got}")
            continue
        used.add(pick)
        counts.tp += 1
        for f in FIELDS:
            if f not in g:
                continue
            fields[f][1] += 1
            if field_right(f, g, preds[pick], doc, aliases):
                fields[f][0] += 1
            else:
                got_val: Any = {
                    "place": preds[pick].place, "actor": preds[pick].actor,
                    "date": preds[pick].date, "claimed_by": _claimed_by(doc, preds[pick]),
                    "figures": sorted(_figure_values(doc, preds[pick])),
                }[f]
                errors.append(f"wrong {f} of {g['type']} «{g.get('cue')}»: gold {g.get(f)!r}, got {got_val!r}")
    gold_keys = {(g["type"], _key(g.get("place"), aliases)) for g in events}
    for pi, p in enumerate(preds):
        if pi in used:
            continue
        if (p.type, _key(p.place, aliases)) in gold_keys:
            continue
        counts.fp += 1
        errors.append(f"spurious {p.type} «{doc.text[p.start:p.end][:60]}» place={p.place}")
    return {"counts": counts, "fields": fields, "errors": errors}


def score(pairs: Sequence[GoldPair]) -> dict[str, Any]:
    total = Counts()
    fields = {f: [0, 0] for f in FIELDS}
    per_doc = {}
    for pair in pairs:
        res = score_doc(pair.gold, pair.doc)
        total.add(res["counts"])
        for f in FIELDS:
            fields[f][0] += res["fields"][f][0]
            fields[f][1] += res["fields"][f][1]
        per_doc[pair.gold["doc"]] = res
    return {"overall": total, "fields": fields, "docs": per_doc}


def summary(result: dict[str, Any]) -> dict[str, float | None]:
    """Headline numbers; a field no gold event of the set annotates is None (n/a)."""
    c = result["overall"]
    out: dict[str, float | None] = {"events F1": c.f1, "events P": c.precision,
                                    "events R": c.recall}
    for f, (right, n) in result["fields"].items():
        out[f"events {f} acc"] = right / n if n else None
    return out


def report(result: dict[str, Any]) -> str:
    c = result["overall"]
    lines = ["EVENTS (same type covering the gold cue)",
             f"  P {c.precision:.3f}  R {c.recall:.3f}  F1 {c.f1:.3f}   tp {c.tp} fp {c.fp} fn {c.fn}"]
    for f, (right, n) in result["fields"].items():
        lines.append(f"  {f:<10} {right}/{n}")
    for doc, res in result["docs"].items():
        lines.extend(f"  {doc[:8]} {e}" for e in res["errors"])
    return "\n".join(lines)
