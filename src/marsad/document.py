"""The Document: one article's cleaned text and every span extracted from it.

Everything extracted is a span with character offsets ``[start, end)`` into
``Document.text`` (the idea of spaCy's Doc and Span), so highlighting, storage and
evaluation all speak offsets.  Matching happens on ``Document.normalized``, a folded
view of the text with a map back to these offsets; the displayed text never changes.
"""

from __future__ import annotations

import copy
import dataclasses
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from marsad.text.normalize import NormalizedText, normalize

_SCALARS = (str, int, float, bool, type(None))
_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def _plain(value: Any) -> Any:
    """A deep copy of a field value as :func:`dataclasses.asdict` makes it."""
    kind = type(value)
    if kind in _SCALARS:
        return value
    if kind is list:
        return [_plain(v) for v in value]
    if kind is dict:
        return {k: _plain(v) for k, v in value.items()}
    if kind is tuple:
        return tuple(_plain(v) for v in value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return span_dict(value)
    return copy.deepcopy(value)


def span_dict(item: Any) -> dict[str, Any]:
    """``dataclasses.asdict(item)``, the same dict, several times faster (field names
    cached per class, scalars not deep-copied): storing an article converts thousands."""
    names = _FIELD_NAMES.get(type(item))
    if names is None:
        names = _FIELD_NAMES[type(item)] = tuple(f.name for f in dataclasses.fields(item))
    out = {}
    for name in names:
        value = getattr(item, name)
        out[name] = value if type(value) in _SCALARS else _plain(value)
    return out


@dataclass
class Span:
    start: int
    end: int


@dataclass
class Sentence(Span):
    pass


@dataclass
class Entity(Span):
    text: str
    type: str  # PER | ORG | LOC
    canonical: str | None = None
    entity_id: str | None = None
    title: str | None = None
    role: str | None = None
    lat: float | None = None
    lon: float | None = None
    country: str | None = None  # ISO 3166 alpha-2 of a place
    admin: str | None = None  # first-level admin area of a place (governorate)


@dataclass
class Figure(Span):
    text: str
    value: float | int | None
    value_max: float | int | None = None
    bound: str = "exact"  # exact|approx|more_than|less_than|at_least|at_most|vague
    counted: str | None = None
    unit: str | None = None


@dataclass
class DateMention(Span):
    text: str
    value: str | None  # YYYY | YYYY-MM | YYYY-MM-DD, None when it cannot be resolved
    end_value: str | None = None
    relative: bool = False


@dataclass
class Claim(Span):
    speaker: str | None
    verb: str
    polarity: str = "assert"  # assert | deny
    direct: bool = False
    content: str = ""
    content_start: int | None = None
    content_end: int | None = None
    speaker_entity: str | None = None
    speaker_mention: str | None = None
    source: list[str] = field(default_factory=list)  # outlet and intermediate sources


@dataclass
class Event(Span):
    """One happening an article reports; ``start``/``end`` is the clause of its fullest
    mention, ``mentions`` the spans of every mention merged into it (docs/schema.md)."""

    type: str
    trigger: str = ""  # the word that names what happened
    actor: str | None = None
    target: str | None = None
    place: str | None = None
    date: str | None = None
    figures: list[int] = field(default_factory=list)  # indexes into Document.figures
    claim: int | None = None  # index into Document.claims when the event is a claim's content
    trigger_start: int | None = None
    trigger_end: int | None = None
    date_end: str | None = None  # last day of a span of days («ليلة 29 – 30 أيار»)
    figure_roles: list[str] = field(default_factory=list)  # role of each of `figures`
    lat: float | None = None  # coordinates and governorate of `place`
    lon: float | None = None
    admin: str | None = None
    mentions: list[list[int]] = field(default_factory=list)  # [start, end] of each mention


SPAN_LISTS = ("sentences", "entities", "figures", "dates", "claims", "events")


@dataclass
class Document:
    """An article: metadata, the cleaned text and the spans found in it."""

    id: str
    text: str
    source: str = ""
    title: str | None = None
    outlet: str | None = None
    dateline: str | None = None
    published: str | None = None  # YYYY-MM-DD
    url: str | None = None
    sentences: list[Sentence] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    meta: dict[str, Any] = field(default_factory=dict)

    @cached_property
    def normalized(self) -> NormalizedText:
        """The folded view of ``text`` used for matching, with offsets back into it."""
        return normalize(self.text)

    def span_text(self, start: int, end: int) -> str:
        return self.text[start:end]

    def sentence_at(self, offset: int) -> Sentence | None:
        for sent in self.sentences:
            if sent.start <= offset < sent.end:
                return sent
        return None

    def to_dict(self) -> dict[str, Any]:
        """The extract JSON object (docs/schema.md)."""
        from marsad import SCHEMA_VERSION

        out: dict[str, Any] = {
            "schema": SCHEMA_VERSION,
            "id": self.id,
            "source": self.source,
            "title": self.title,
            "outlet": self.outlet,
            "dateline": self.dateline,
            "published": self.published,
            "url": self.url,
            "text": self.text,
        }
        for name in SPAN_LISTS:
            out[name] = [span_dict(item) for item in getattr(self, name)]
        # names in the title, dateline and outlet: offsets index that field, not `text`
        out["header_entities"] = list(self.meta.get("header_entities", []))
        # the day relative dates were resolved against: {value, source, text} or null
        out["date_anchor"] = self.meta.get("date_anchor")
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Document:
        doc = cls(
            id=data["id"],
            text=data["text"],
            source=data.get("source", ""),
            title=data.get("title"),
            outlet=data.get("outlet"),
            dateline=data.get("dateline"),
            published=data.get("published"),
            url=data.get("url"),
        )
        kinds = {
            "sentences": Sentence,
            "entities": Entity,
            "figures": Figure,
            "dates": DateMention,
            "claims": Claim,
            "events": Event,
        }
        for name, kind in kinds.items():
            names = {f.name for f in dataclasses.fields(kind)}
            items = [kind(**{k: v for k, v in d.items() if k in names}) for d in data.get(name, [])]
            setattr(doc, name, items)
        if data.get("header_entities"):
            doc.meta["header_entities"] = list(data["header_entities"])
        if data.get("date_anchor"):
            doc.meta["date_anchor"] = dict(data["date_anchor"])
        return doc
