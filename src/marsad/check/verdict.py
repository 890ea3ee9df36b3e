"""From per-article stances to a verdict on the claim.

Rules:
- An article that is ``unrelated`` does not vote.
- Outlets that repeat one origin count once: each voting article's origin is the
  original source its evidence attributes the story to (the source chain of the claims
  extractor when the document has one, else «نقلا عن / بحسب / وفقا لـ / ذكرت وكالة ...»
  in the evidence), or the outlet itself when no source is named.  An origin's vote is
  the stance with the highest summed confidence among its outlets.
- With A origins agreeing and D disagreeing: none of either -> ``not_enough_evidence``;
  only agreement -> ``supported``; only disagreement -> ``refuted``; otherwise
  ``supported`` if A >= 2·D, ``refuted`` if D >= 2·A, else ``disputed``.
  ``discuss`` votes are listed but do not decide.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from marsad.check.stance import Evidence
from marsad.text.normalize import fold

VERDICTS = ("supported", "refuted", "disputed", "not_enough_evidence")

_ORIGIN = re.compile(
    r"(?:نقلا عن|بحسب|حسب ما (?:ذكرت|افادت|نقلت)|حسبما (?:ذكرت|افادت|نقلت)|وفقا ل|"
    r"ذكرت|افادت|نقلت|اعلنت|قالت)\s+"
    r"((?:وكاله|صحيفه|قناه|موقع|شبكه|مرصد|المرصد|اذاعه|مجله)\s+[^\s،,.]+(?:\s+[^\s،,.]+)?)"
)


def origin_in(text: str) -> str | None:
    """The named origin («وكاله رويترز») a passage attributes its story to, folded."""
    m = _ORIGIN.search(fold(text))
    if not m:
        return None
    words = m.group(1).split()
    return " ".join(words[:2])


@dataclass
class Vote:
    """One article's stance toward the claim."""

    outlet: str
    stance: str
    confidence: float
    evidence: list[Evidence] = field(default_factory=list)
    ref: str = ""  # article id, url or index
    origin: str | None = None


@dataclass
class Verdict:
    verdict: str
    counts: dict[str, int]  # independent origins per stance
    outlet_counts: dict[str, int]  # articles per stance
    votes: list[Vote]
    origins: dict[str, str]  # origin -> its stance


def decide(votes: list[Vote]) -> Verdict:
    by_origin: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    outlet_counts: dict[str, int] = defaultdict(int)
    for v in votes:
        outlet_counts[v.stance] += 1
        if v.stance == "unrelated":
            continue
        if v.origin is None:
            found = [o for o in (origin_in(e.text) for e in v.evidence) if o]
            v.origin = found[0] if found else None
        key = v.origin or v.outlet
        by_origin[key][v.stance] += v.confidence
    origins = {k: max(s, key=lambda st: s[st]) for k, s in by_origin.items()}
    counts = {st: 0 for st in ("agree", "disagree", "discuss")}
    for st in origins.values():
        counts[st] += 1
    a, d = counts["agree"], counts["disagree"]
    if a == 0 and d == 0:
        verdict = "not_enough_evidence"
    elif d == 0 or a >= 2 * d:
        verdict = "supported"
    elif a == 0 or d >= 2 * a:
        verdict = "refuted"
    else:
        verdict = "disputed"
    return Verdict(verdict, counts, dict(outlet_counts), votes, origins)
