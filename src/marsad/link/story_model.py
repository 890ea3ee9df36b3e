"""The learned half of story linking: P(this article belongs to this story).

Following Miranda et al. (EMNLP 2018), joining an article to a story is decided by a
model over several similarities rather than by one hand-weighted score.  For an
article and a candidate story, :func:`features` gives

- the mean cosine of the article's story terms and entities to the story's articles,
  also per entity type (people, organisations, places);
- where the article's day falls against the story's days (unknown, inside, within
  two weeks, further);
- the overlap of the headline's stems with the story's title.

Nothing grows with the story's size: features that did (``log n``, sums scaled by
``sqrt n``) scored the same in CV on the Baly folds but let large stories swallow
unrelated articles on SaudiNewsNet (one of 57 in 2,000 articles).

A logistic regression over them (``resources/story_model.json``) gives the
probability; the linker joins the best story at or above ``join`` and merges a second
one when both reach ``merge``.  The model is trained by ``scripts/train_stories.py`` on
the Baly folds 1–4 (the related articles of one claim form one story), with claim-level
cross-validation; the file keeps its scores.  Inference is a dot product: no library.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import warnings
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from marsad.link.story_terms import cosine, stems

MODEL_PATH = Path(__file__).resolve().parents[1] / "resources" / "story_model.json"

FEATURES = (
    "terms", "entities", "people", "organisations", "places",
    "day_unknown", "day_inside", "day_within_14", "day_further",
    "title_overlap", "terms_squared",
)

Row = dict[str, Any]


def _typed_cosines(a: dict[str, float], b: dict[str, float]) -> dict[str, float]:
    """The parts of the dot product over entity keys of each type (``e:PER:…``)."""
    parts = {"PER": 0.0, "ORG": 0.0, "LOC": 0.0}
    for k, x in a.items():
        y = b.get(k)
        if y is not None:
            kind = k[2:5]
            if kind in parts:
                parts[kind] += x * y
    return parts


@lru_cache(maxsize=4096)
def title_stems(title: str | None) -> frozenset[str]:
    """The stems of a headline or story title (cached: a story's title is compared with
    every article it is a candidate for)."""
    return frozenset(stems(title or ""))


@lru_cache(maxsize=4096)
def parsed(vector_json: str | None) -> dict[str, float]:
    """A story's stored terms or entities (JSON), parsed once while it is unchanged.
    Shared between callers: read it, never change it."""
    vector: dict[str, float] = json.loads(vector_json or "{}")
    return vector


@lru_cache(maxsize=4096)
def _date(day: str | None) -> dt.date | None:
    """A ``YYYY-MM-DD`` day as a date (None when missing or not a date); cached: the
    same few days are compared with every candidate story."""
    try:
        return dt.date.fromisoformat(day) if day else None
    except ValueError:
        return None


def days_apart(day: str | None, first: str | None, last: str | None) -> int | None:
    """Days from ``day`` to the span ``first``..``last`` (0 inside it, None if unknown)."""
    d, lo, hi = _date(day), _date(first), _date(last)
    if d is None or lo is None or hi is None:
        return None
    if lo <= d <= hi:
        return 0
    return min(abs((d - lo).days), abs((d - hi).days))


#: a story may span this many days at no cost; beyond it a score decays by e every
#: SPAN_DECAY_DAYS more, down to SPAN_FLOOR (see :func:`span_factor`)
SPAN_GRACE_DAYS = 2
SPAN_DECAY_DAYS = 3.0
SPAN_FLOOR = 0.15


def span_factor(days: Iterable[str | None]) -> float:
    """What the score of an article with a publication date is multiplied by for a
    story that would then span ``days`` (the story's first and last day and the
    article's): 1 up to ``SPAN_GRACE_DAYS`` days, then
    ``exp(-(span - grace) / SPAN_DECAY_DAYS)`` but at least ``SPAN_FLOOR``; 1 when
    fewer than two are known.

    A story is one happening: its reports come within days, and a later report (a
    denial a week on, the same claim a year later) joins only when it is close to the
    story in every other way (probability ≥ join / floor: 0.4 at the join of 0.06).  Without the
    decay a topic («Saudi shares», «Aden») grew a day at a time into stories of 200+
    articles over the whole of a three-week archive (SaudiNewsNet, 31k articles: 6,272
    articles in stories of 50 or more; with it 1,720), at a median probability of 0.23
    per join beyond a week.  Only a publication date counts (the caller's check): a
    page without one is dated by the latest date it states, and the pages of one
    claim on the Baly folds state dates years apart.  The span covers first, last and
    the new day, so the order articles are ingested in does not matter."""
    known = [d for d in (_date(day[:10]) for day in days if day) if d is not None]
    if len(known) < 2:
        return 1.0
    span = (max(known) - min(known)).days
    if span <= SPAN_GRACE_DAYS:
        return 1.0
    return max(SPAN_FLOOR, math.exp(-(span - SPAN_GRACE_DAYS) / SPAN_DECAY_DAYS))


def features(terms: dict[str, float], entities: dict[str, float], day: str | None,
             headline: frozenset[str], story: Row) -> list[float]:
    """The feature vector of one article (its profile's parts) against one story row."""
    n = max(1, int(story["n_articles"]))
    story_terms = parsed(story["terms"])
    story_entities = parsed(story["entities"])
    t = cosine(terms, story_terms) / n
    e = cosine(entities, story_entities) / n
    gap = days_apart(day, story.get("first_day"), story.get("last_day"))
    title = title_stems(story.get("title"))
    overlap = len(headline & title) / math.sqrt(max(1, len(headline)) * max(1, len(title)))
    typed = _typed_cosines(entities, story_entities)
    return [
        t, e, typed["PER"] / n, typed["ORG"] / n, typed["LOC"] / n,
        float(gap is None), float(gap == 0), float(gap is not None and 0 < gap <= 14),
        float(gap is not None and gap > 14),
        overlap, t * t,
    ]


@dataclass(frozen=True)
class StoryModel:
    """Logistic regression weights and the linker's two probability thresholds."""

    weights: tuple[float, ...]
    bias: float
    join: float
    merge: float
    scores: dict[str, Any]

    def probability(self, x: list[float]) -> float:
        z = self.bias + sum(w * v for w, v in zip(self.weights, x, strict=True))
        return 1.0 / (1.0 + math.exp(-z)) if z > -500 else 0.0

    def to_json(self) -> dict[str, Any]:
        return {"features": list(FEATURES), "weights": list(self.weights), "bias": self.bias,
                "join": self.join, "merge": self.merge, "scores": self.scores}

    @classmethod
    def from_json(cls, obj: dict[str, Any]) -> StoryModel:
        if list(obj.get("features") or []) != list(FEATURES):
            raise ValueError("story model: its features are not this version's")
        return cls(tuple(float(w) for w in obj["weights"]), float(obj["bias"]),
                   float(obj["join"]), float(obj["merge"]), dict(obj.get("scores") or {}))


@cache
def shipped_model() -> StoryModel | None:
    """The committed model, or None when the file is missing or of other features (the
    linker then falls back to its hand-weighted score, with a warning)."""
    if not MODEL_PATH.exists():
        return None
    try:
        return StoryModel.from_json(json.loads(MODEL_PATH.read_text(encoding="utf-8")))
    except ValueError as exc:
        warnings.warn(f"{MODEL_PATH}: {exc}; retrain with scripts/train_stories.py", stacklevel=2)
        return None
