"""Stories: each article joins the story it reports or starts a new one, online.

A *story* is one happening (or one tightly linked run of them) as several outlets
report it.  When ``Store.add`` writes an article it calls :meth:`StoryLinker.link` in
the same transaction, so the store never holds an article without its story and
nothing is ever rebuilt:

1. A near-duplicate joins the story of the article it copies (``reason`` ``copy``).
2. Otherwise the article's profile — its story terms (headline and lead stems,
   :mod:`marsad.link.story_terms`) and its entities (people, organisations, places,
   weighted by how rare they are in the store) — is compared with the stories that
   share its heaviest keys (an inverted index: the cost per article does not grow with
   the store).  The score against a story is the probability, under a logistic
   regression (:mod:`marsad.link.story_model`, trained by ``scripts/train_stories.py``),
   that the article belongs to it, from the mean similarities of terms and entities
   (also per entity type) to the story's articles, computed from its running sums,
   where the article's day falls against the story's days, and the headline's overlap
   with the story's title.  Without the model file, the hand-weighted score
   ``(1 - ENTITY_WEIGHT) * terms + ENTITY_WEIGHT * entities`` is used, multiplied by
   ``DATE_PENALTY`` for a day more than ``DATE_WINDOW_DAYS`` outside the story's days.
   Either is multiplied by the ``span_factor`` of the days the story would then span
   when the article has a publication date: a story is one happening, not a topic
   that grows a day at a time.
3. The best story at or above the join threshold (the model's ``join``, or
   ``JOIN_THRESHOLD``) is joined; none, a new story starts.  When the article also
   reaches the merge threshold with a second story, the article bridges them and the
   smaller story is merged into the larger (its id then points to the survivor: ids
   stay valid).

Every creation, join and merge is a row of the story log, which a user can read
(``marsad story ID`` shows it).  The model and its thresholds were chosen by
claim-level cross-validated B-cubed F1 on the Baly folds 1–4 (``scripts/train_stories.py``,
``scripts/eval_stories.py``; the numbers are in the README).
"""

from __future__ import annotations

import json
import math
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from marsad.document import Document
from marsad.link.story_model import (
    StoryModel,
    days_apart,
    features,
    parsed,
    shipped_model,
    span_factor,
    title_stems,
)
from marsad.link.story_terms import cosine, normalise, story_terms

JOIN_THRESHOLD = 0.15
MERGE_THRESHOLD = 0.30
ENTITY_WEIGHT = 0.3
DATE_WINDOW_DAYS = 14
#: what a story score is multiplied by when the article's day is outside the window
DATE_PENALTY = 0.5
#: the story's summed similarity is divided by n ** SIZE_EXPONENT (1: the mean)
SIZE_EXPONENT = 1.0
#: how many of a story's summed terms / entities are kept (its centroid's size)
STORY_TERMS = 200
STORY_ENTITIES = 100
#: keys per article and per story in the inverted index, and candidates compared
QUERY_KEYS = 20
INDEX_KEYS = 40
CANDIDATES = 40
DF_KEY = "__documents__"
#: how much a mention of each type counts in the entity similarity
PER_WEIGHT = 1.0
ORG_WEIGHT = 1.0
LOC_WEIGHT = 1.0

Row = dict[str, Any]


class StoryBackend(Protocol):
    """What the linker needs from a store backend (all inside the caller's transaction)."""

    def story_candidates(self, keys: Sequence[str], limit: int) -> list[Row]: ...

    def story_of(self, article_id: int) -> int | None: ...

    def story_row(self, story_id: int) -> Row | None: ...

    def create_story(self, row: Row) -> int: ...

    def update_story(self, story_id: int, row: Row) -> None: ...

    def add_story_article(self, story_id: int, article_id: int, score: float, reason: str) -> None: ...

    def set_story_keys(self, story_id: int, keys: Sequence[tuple[str, float]]) -> None: ...

    def merge_stories(self, survivor: int, merged: int) -> None: ...

    def log_story(self, action: str, story_id: int, article_id: int | None,
                  other_story: int | None, detail: str) -> None: ...

    def key_df(self, keys: Sequence[str]) -> dict[str, int]: ...

    def bump_key_df(self, keys: Sequence[str]) -> None: ...


@dataclass
class Profile:
    """What the linker knows of one article."""

    terms: dict[str, float]
    entity_counts: Counter[str]
    day: str | None  # YYYY-MM-DD
    title: str | None = None
    entities: dict[str, float] = field(default_factory=dict)  # weighted, normalised
    headline: frozenset[str] = frozenset()  # the stems of the article's own title
    published: bool = False  # ``day`` is the article's publication date


@dataclass
class LinkResult:
    story_id: int
    status: str  # new | joined | copy
    score: float
    merged: list[int] = field(default_factory=list)


def best_candidates(postings: Iterable[tuple[int, float]], limit: int) -> list[int]:
    """The ``limit`` story ids with the largest summed key weights (newest first on ties):
    what a backend's ``story_candidates`` returns, from its inverted-index postings."""
    score: dict[int, float] = defaultdict(float)
    for story_id, weight in postings:
        score[int(story_id)] += float(weight)
    return sorted(score, key=lambda s: (-score[s], -s))[:limit]


def follow_merges(story_id: int, merged_into: Callable[[int], tuple[bool, int | None]]) -> int | None:
    """The surviving id of a story: follow ``merged_into`` (``(exists, next id or None)``)
    until a live story, None for an unknown id (at most 100 steps)."""
    for _ in range(100):
        exists, nxt = merged_into(story_id)
        if not exists:
            return None
        if nxt is None:
            return story_id
        story_id = nxt
    return story_id


def entity_key(ent: Any) -> str | None:
    key = getattr(ent, "entity_id", None) or getattr(ent, "canonical", None)
    return f"e:{key}" if key else None


def profile(doc: Document) -> Profile:
    counts: Counter[str] = Counter()
    for ent in doc.entities:
        key = entity_key(ent)
        if key:
            counts[key] += 1
    day = doc.published
    if day is None:
        values = sorted(d.value for d in doc.dates if d.value and len(d.value) == 10)
        day = values[-1] if values else None
    title = doc.title or (doc.text[: doc.sentences[0].end] if doc.sentences else doc.text[:120])
    return Profile(story_terms(doc.title, doc.text), counts, day, title.strip()[:200],
                   headline=title_stems(doc.title), published=doc.published is not None)


def _top(vec: dict[str, float], n: int) -> dict[str, float]:
    if len(vec) <= n:
        return vec
    return dict(sorted(vec.items(), key=lambda kv: (-kv[1], kv[0]))[:n])


def _add(a: dict[str, float], b: dict[str, float], n: int) -> dict[str, float]:
    out = dict(a)
    for k, v in b.items():
        out[k] = out.get(k, 0.0) + v
    return _top(out, n)


class StoryLinker:
    """Links articles through ``backend``: by the learned ``model`` (the shipped one by
    default), or, with ``heuristic=True`` or no model file, by the hand-weighted score."""

    def __init__(self, backend: StoryBackend, model: StoryModel | None = None,
                 heuristic: bool = False) -> None:
        self.backend = backend
        self.model = None if heuristic else (model or shipped_model())
        self.join_at = self.model.join if self.model else JOIN_THRESHOLD
        self.merge_at = self.model.merge if self.model else MERGE_THRESHOLD

    def _weigh_entities(self, prof: Profile) -> None:
        keys = sorted(prof.entity_counts)
        df = self.backend.key_df([*keys, DF_KEY])
        total = df.get(DF_KEY, 0)
        type_weight = {"PER": PER_WEIGHT, "ORG": ORG_WEIGHT, "LOC": LOC_WEIGHT}
        prof.entities = normalise({
            k: (1 + math.log(c)) * math.log((total + 10) / (df.get(k, 0) + 1))
            * type_weight.get(k[2:5], 1.0)
            for k, c in prof.entity_counts.items()
        })

    def score(self, prof: Profile, story: Row) -> float:
        """How likely the article belongs to ``story``: its ``similarity``, times the
        ``span_factor`` of the days the story would then span when the article has a
        publication date (:func:`marsad.link.story_model.span_factor`)."""
        p = self.similarity(prof, story)
        if prof.published:
            p *= span_factor((story.get("first_day"), story.get("last_day"), prof.day))
        return p

    def similarity(self, prof: Profile, story: Row) -> float:
        """The probability under the model (or the hand-weighted score) that the
        article belongs to ``story``, before its span is counted."""
        if self.model is not None:
            return self.model.probability(self.features(prof, story))
        return self.heuristic_score(prof, story)

    @staticmethod
    def features(prof: Profile, story: Row) -> list[float]:
        return features(prof.terms, prof.entities, prof.day, prof.headline, story)

    def heuristic_score(self, prof: Profile, story: Row) -> float:
        n = max(1, int(story["n_articles"])) ** SIZE_EXPONENT
        terms = parsed(story["terms"])
        ents = parsed(story["entities"])
        s = ((1 - ENTITY_WEIGHT) * cosine(prof.terms, terms)
             + ENTITY_WEIGHT * cosine(prof.entities, ents)) / n
        gap = days_apart(prof.day, story.get("first_day"), story.get("last_day"))
        if gap is not None and gap > DATE_WINDOW_DAYS:
            s *= DATE_PENALTY
        return s

    def link(self, article_id: int, doc: Document, duplicate_of: int | None = None) -> LinkResult:
        """Put the just-written article ``article_id`` into a story (see module doc)."""
        prof = profile(doc)
        self._weigh_entities(prof)
        self.backend.bump_key_df([*prof.entity_counts, DF_KEY])
        if duplicate_of is not None:
            story_id = self.backend.story_of(duplicate_of)
            if story_id is not None:
                self._join(story_id, article_id, prof, 1.0, "copy")
                return LinkResult(story_id, "copy", 1.0)
        keys = [k for k, _ in sorted(prof.terms.items(), key=lambda kv: -kv[1])[:QUERY_KEYS]]
        keys += sorted(prof.entities, key=lambda k: -prof.entities[k])[:QUERY_KEYS // 2]
        scored = sorted(
            ((self.score(prof, s), int(s["id"]), s) for s in
             self.backend.story_candidates(keys, CANDIDATES)),
            key=lambda t: (-t[0], t[1]),
        )
        if not scored or scored[0][0] < self.join_at:
            story_id = self.backend.create_story({
                "title": prof.title, "first_article": article_id, "n_articles": 0,
                "terms": "{}", "entities": "{}", "first_day": None, "last_day": None,
            })
            self.backend.log_story("create", story_id, article_id, None,
                                   f"new story from article {article_id}")
            self._join(story_id, article_id, prof, 1.0, "new", log=False)
            return LinkResult(story_id, "new", 1.0)
        best, story_id, row = scored[0]
        why = self._span_note(prof, row)  # of the story the score was computed against
        merged: list[int] = []
        for s, other, orow in scored[1:]:
            if s >= self.merge_at and best >= self.merge_at and prof.published:
                # the merged story would span both stories' days (s > 0: its own factor is)
                own = (orow.get("first_day"), orow.get("last_day"), prof.day)
                s *= span_factor((*own, row.get("first_day"), row.get("last_day"))) / span_factor(own)
            if s >= self.merge_at and best >= self.merge_at:
                survivor, gone = (story_id, other) if row["n_articles"] >= orow["n_articles"] else (other, story_id)
                self._merge(survivor, gone, article_id, s)
                merged.append(gone)
                story_id, row = survivor, self._reload(survivor)
        self._join(story_id, article_id, prof, best, "similar", why=why)
        return LinkResult(story_id, "joined", round(best, 4), merged)

    @staticmethod
    def _span_note(prof: Profile, row: Row) -> str:
        """What the log says of the span factor, when it lowered the score."""
        days = (row.get("first_day"), row.get("last_day"), prof.day)
        factor = span_factor(days) if prof.published else 1.0
        if factor >= 1.0:
            return ""
        known = sorted(d for d in days if d)
        return f" (× {factor:.2f}: the story would span {known[0]} to {known[-1]})"

    def _reload(self, story_id: int) -> Row:
        row = self.backend.story_row(story_id)
        return row if row is not None else {"n_articles": 0, "terms": "{}", "entities": "{}"}

    def _join(self, story_id: int, article_id: int, prof: Profile, score: float, reason: str,
              log: bool = True, why: str = "") -> None:
        row = self._reload(story_id)
        terms = _add(parsed(row.get("terms")), prof.terms, STORY_TERMS)
        ents = _add(parsed(row.get("entities")), prof.entities, STORY_ENTITIES)
        days = [d for d in (row.get("first_day"), row.get("last_day"), prof.day) if d]
        self.backend.update_story(story_id, {
            "n_articles": int(row.get("n_articles") or 0) + 1,
            "terms": json.dumps(terms, ensure_ascii=False),
            "entities": json.dumps(ents, ensure_ascii=False),
            "first_day": min(days) if days else None,
            "last_day": max(days) if days else None,
        })
        self.backend.add_story_article(story_id, article_id, round(score, 4), reason)
        self._index(story_id, terms, ents)
        if log:
            how = "near-duplicate of a story article" if reason == "copy" else f"score {score:.3f}{why}"
            self.backend.log_story("join", story_id, article_id, None, how)

    def _index(self, story_id: int, terms: dict[str, float], ents: dict[str, float]) -> None:
        keys = list(_top(terms, INDEX_KEYS).items()) + list(_top(ents, INDEX_KEYS // 2).items())
        self.backend.set_story_keys(story_id, keys)

    def _merge(self, survivor: int, gone: int, article_id: int, score: float) -> None:
        a, b = self._reload(survivor), self._reload(gone)
        terms = _add(parsed(a["terms"]), parsed(b["terms"]), STORY_TERMS)
        ents = _add(parsed(a["entities"]), parsed(b["entities"]), STORY_ENTITIES)
        days = [d for d in (a.get("first_day"), a.get("last_day"), b.get("first_day"),
                            b.get("last_day")) if d]
        self.backend.merge_stories(survivor, gone)
        self.backend.update_story(survivor, {
            "n_articles": int(a["n_articles"]) + int(b["n_articles"]),
            "terms": json.dumps(terms, ensure_ascii=False),
            "entities": json.dumps(ents, ensure_ascii=False),
            "first_day": min(days) if days else None, "last_day": max(days) if days else None,
        })
        self._index(survivor, terms, ents)
        self.backend.log_story("merge", survivor, article_id, gone,
                               f"article {article_id} bridges both (score {score:.3f})")
