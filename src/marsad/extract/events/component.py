"""The ``events`` pipeline component: one Event per happening an article reports.

Sentence by sentence, clause by clause:

1. triggers and their types (:mod:`.detect`); a trigger that is denied, planned,
   threatened, asked about or names a state is dropped (:mod:`.modality`), and so is
   one inside the content of a claim that denies; a capture that failed or was only
   tried («فشلت في السيطرة على») is the attack it was;
2. in one clause one trigger per type; a toll (``casualties``, ``materiel_destroyed``)
   close to an act in its clause, or brought by a result verb («أسفرت عن», «ما أدى
   إلى») after one, is that act's toll: its figures go to the act and it is no event
   of its own; tolls of one clause without an act are one toll («خسائر داعش تمثلت
   بمقتل 80 إرهابيا وتدمير 36 سيارة»);
3. a list «N في X و M في Y» after a trigger is one event per place with its figure;
4. each figure and date of the sentence goes to one trigger: the last before it in its
   clause, else the first after it there, else the last before it in the sentence
   when no new report or quoted sentence starts between («مضيفا أن»);
5. arguments (:mod:`.arguments`): actor, target, place (a place-less event takes the
   place the last event named in its own clause, else the last town named before
   it), figure roles; ``claim`` is the claim
   whose content holds the trigger;
6. mentions of one happening are merged (:mod:`.merge`).
"""

from __future__ import annotations

import bisect
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from marsad.document import Claim, DateMention, Document, Entity, Event
from marsad.extract.events import arguments as arg
from marsad.extract.events.arguments import name
from marsad.extract.events.detect import Mention, mentions
from marsad.extract.events.lexicon import ACTS, TOLLS, forms
from marsad.extract.events.merge import merge
from marsad.extract.events.modality import failed_capture, is_description, unreal
from marsad.extract.events.tokens import Tok, clause_bounds, sentence_tokens
from marsad.pipeline import component

_RESULT = forms("أسفر أسفرت يسفر تسفر أدى أدت يؤدي تؤدي خلف خلفت أوقع أوقعت أودى أودت "
                "نتج")
_IN = forms("في")
_STRIKES = ("airstrike", "missile_strike", "shelling")
_REPORT = forms("أضاف أضافت مضيفا مضيفة موضحا موضحة مشيرا مشيرة وأوضح أوضح أوضحت أكد أكدت "
                "مؤكدا قال قالت لافتا لفت أعلن أعلنت وأعلن ذكر ذكرت")
#: how many words may stand between an act and its toll in one clause
_TOLL_REACH = 10


@dataclass
class _Draft:
    mention: Mention
    lo: int
    hi: int
    figures: list[int] = field(default_factory=list)  # indexes into doc.figures
    dates: list[DateMention] = field(default_factory=list)
    span: tuple[int, int] | None = None  # the event's own span when not its clause
    figure: int | None = None  # the one figure of a listed event
    place: Entity | None = None


class _ByStart:
    """Indexes of a span list that start in ``[lo, hi)``, in list order, by bisection
    (one sorted copy per document, so a sentence costs its own spans, not the article's)."""

    def __init__(self, spans: list[Any]) -> None:
        order = sorted(range(len(spans)), key=lambda i: spans[i].start)
        self.starts = [spans[i].start for i in order]
        self.order = order
        self.longest = max((sp.end - sp.start for sp in spans), default=0)

    def between(self, lo: int, hi: int) -> list[int]:
        a, b = bisect.bisect_left(self.starts, lo), bisect.bisect_left(self.starts, hi)
        return sorted(self.order[a:b])


_CACHE = "_events_span_index"


def _index(doc: Document, kind: str) -> _ByStart:
    """The index of ``doc.figures`` or ``doc.dates``, kept on the document for one run of
    the component (``find_events`` drops it at the start)."""
    cache = doc.__dict__.get(_CACHE)
    key = (len(doc.figures), len(doc.dates))
    if cache is None or cache["key"] != key:
        cache = {"key": key, "figures": _ByStart(doc.figures), "dates": _ByStart(doc.dates)}
        doc.__dict__[_CACHE] = cache
    index: _ByStart = cache[kind]
    return index


def _claim_holding(claims: list[Claim], offset: int) -> int | None:
    best = None
    for i, claim in enumerate(claims):
        if claim.content_start is not None and claim.content_end is not None:
            if claim.content_start <= offset < claim.content_end:
                if best is None or claim.content_start >= (claims[best].content_start or 0):
                    best = i
    return best


def _has_result_verb(toks: list[Tok], lo: int, at: int) -> bool:
    return any(t.forms & _RESULT for t in toks[max(lo - 2, 0):at])


def _listing(doc: Document, toks: list[Tok], d: _Draft, places: list[Entity]) -> list[_Draft]:
    """«رصدت انتهاكا في اللاذقية و3 في حمص و4 في حماة»: one draft per figure and place."""
    pairs: list[tuple[int, Entity, int]] = []  # (figure index, place, figure start)
    trig = toks[d.mention.at]
    figs = _index(doc, "figures")
    for idx in figs.between(trig.start - figs.longest, toks[-1].end):
        fig = doc.figures[idx]
        if not (trig.start <= fig.start < toks[-1].end or fig.start <= trig.start < fig.end):
            continue
        j = next((k for k, t in enumerate(toks) if t.start >= fig.end), None)
        if j is None or not toks[j].forms & _IN or j + 1 >= len(toks):
            continue
        loc = next((e for e in places if e.start == toks[j + 1].start
                    or toks[j + 1].start <= e.start < toks[j + 1].end + 1), None)
        if loc:
            pairs.append((idx, loc, fig.start))
    if len(pairs) < 2:
        return [d]
    out = []
    for n, (idx, loc, fstart) in enumerate(pairs):
        start = toks[d.mention.at].start if n == 0 else fstart - 1
        out.append(_Draft(Mention(d.mention.type, d.mention.at), d.lo, d.hi,
                          dates=d.dates, span=(start, loc.end), figure=idx, place=loc))
    return out


def _sentence_drafts(doc: Document, toks: list[Tok], ents: list[Entity]) -> list[_Draft]:
    places = [e for e in ents if e.type == "LOC"]
    question = doc.text[toks[-1].end:toks[-1].end + 3].strip().startswith(("?", "؟"))
    if question:
        return []
    drafts: list[_Draft] = []
    anchors: list[tuple[int, _Draft | None]] = []  # trigger index -> the draft it feeds
    last_unreal = -10
    for m in mentions(toks, places, ents):
        lo, hi = clause_bounds(toks, toks[m.at].clause)
        coordinated = toks[m.at].norm.startswith("و") and lo <= last_unreal
        # «على أن يتم نقل جرحى …، ونقل جرحى …، وإدخال مساعدات»: the next clause too
        coordinated = coordinated or (toks[lo].norm.startswith("و") and lo > last_unreal >= 0
                                      and m.at - last_unreal <= 10
                                      and not any(t.after_stop for t in toks[last_unreal:m.at + 1]))
        if coordinated and m.at - last_unreal <= 10:
            # «خطة لشن هجوم على العراق وقصف قصر…»: the coordinated act shares the plan
            anchors.append((m.at, None))
            last_unreal = m.at
            continue
        claim = _claim_holding(doc.claims, toks[m.at].start)
        if is_description(toks, m.at, lo, m.type):
            continue
        if m.type == "capture" and failed_capture(toks, m.at, lo):
            m = Mention("attack", m.at, m.anaphoric, m.default)
        if unreal(toks, m.at, lo, m.type) or (
            claim is not None and doc.claims[claim].polarity == "deny"
        ):
            anchors.append((m.at, None))
            last_unreal = m.at
            continue
        same = next((d for d in drafts if d.lo == lo and d.mention.type == m.type), None)
        if same:
            anchors.append((m.at, same))
            continue
        d = _Draft(m, lo, hi)
        drafts.append(d)
        anchors.append((m.at, d))
    kept: list[_Draft] = []
    for d in drafts:
        if d.mention.type in TOLLS:
            act = _act_of(doc, toks, drafts, d) or next(
                (k for k in kept if k.mention.type in TOLLS and k.lo == d.lo), None)
            if act is not None:
                anchors = [(i, act if a is d else a) for i, a in anchors]
                continue
        kept.append(d)
    _own(doc, toks, anchors)
    out: list[_Draft] = []
    for d in kept:
        out.extend(_listing(doc, toks, d, places))
    return out


def _act_of(doc: Document, toks: list[Tok], drafts: list[_Draft],
            toll: _Draft) -> _Draft | None:
    """The act whose toll ``toll`` is: close to it in its clause, not two dates apart
    («دمرت رتلا في 25 أيار، وفي 29 و30 أيار كانت خسائرهم…» are two happenings), or
    named before it when a result verb brings the toll («أسفرت عن»)."""
    at = toll.mention.at
    for a in drafts:
        if a.mention.type not in ACTS or a.lo != toll.lo:
            continue
        lo, hi = sorted((a.mention.at, at))
        between = [m for m in doc.dates if toks[lo].end <= m.start < toks[hi].start]
        if hi - lo <= _TOLL_REACH and len(between) < 2:
            return a
    if _has_result_verb(toks, toll.lo, at):
        return next((a for a in reversed(drafts) if a.mention.type in ACTS
                     and a.mention.at < at), None)
    return None


def _own(doc: Document, toks: list[Tok], anchors: list[tuple[int, _Draft | None]]) -> None:
    """Give each figure and date of the sentence to the trigger it goes with: the last
    one before it in its clause, else the first after it there, else the last one
    before it in the sentence when no new report starts between («مضيفا أن»), else
    (when none stands before it) the first one after it on the same terms."""
    anchors = sorted(anchors, key=lambda p: p[0])
    lo, hi = toks[0].start, toks[-1].end
    for idx in _index(doc, "figures").between(lo, hi):
        fig = doc.figures[idx]
        owner = _owner(toks, anchors, fig.start, fig.end)
        if owner is not None:
            owner.figures.append(idx)
    for k in _index(doc, "dates").between(lo, hi):
        mention = doc.dates[k]
        if mention.value:
            owner = _owner(toks, anchors, mention.start)
            if owner is not None:
                owner.dates.append(mention)


def _new_report(toks: list[Tok]) -> bool:
    return any(t.forms & _REPORT or t.after_stop for t in toks)


def _owner(toks: list[Tok], anchors: list[tuple[int, _Draft | None]], start: int,
           end: int = -1) -> _Draft | None:
    inside = [a for i, a in anchors if start <= toks[i].start < end]
    if inside:  # «64 ضربة», «انتهاكا واحدا»: the figure counts the trigger itself
        return inside[0]
    j = next((k for k, t in enumerate(toks) if t.end > start), len(toks) - 1)
    clause = toks[j].clause
    same = [(i, a) for i, a in anchors if toks[i].clause == clause]
    before = [a for i, a in same if i <= j]
    after = [a for i, a in same if i > j]
    if before:
        return before[-1]
    if after:
        return after[0]
    earlier = [(i, a) for i, a in anchors if i < j]
    if earlier and not _new_report(toks[earlier[-1][0] + 1:j + 1]):
        return earlier[-1][1]
    later = [(i, a) for i, a in anchors if i > j]
    if not earlier and later and not _new_report(toks[j + 1:later[0][0] + 1]):
        return later[0][1]
    return None


def find_events(doc: Document) -> list[Event]:
    doc.__dict__.pop(_CACHE, None)  # spans may have changed since an earlier run
    events: list[Event] = []
    back: list[bool] = []
    defaults: list[str] = []
    where: list[tuple[int, bool]] = []  # (sentence, place named in the event's clause)
    last_place: Entity | None = None  # the place the last event named in its clause
    locs = [e for e in doc.entities if e.type == "LOC"]
    for n, sent in enumerate(doc.sentences):
        toks = sentence_tokens(doc, sent)
        if not toks:
            continue
        ents = [e for e in doc.entities if sent.start <= e.start < sent.end]
        places = [e for e in ents if e.type == "LOC"]
        for d in _sentence_drafts(doc, toks, ents):
            ev, chosen = _event(doc, toks, d, ents, places, sent.start, sent.end, locs,
                                last_place)
            events.append(ev)
            back.append(d.mention.anaphoric)
            defaults.append(d.mention.default)
            own = chosen if chosen is not None and name(chosen) == ev.place and (
                ev.start <= chosen.start < ev.end) else None
            where.append((n, d.place is not None or own is not None))
            if own is not None or d.place is not None:
                last_place = d.place or own
    _resolve_strikes(events, defaults)
    doc.__dict__.pop(_CACHE, None)
    return merge(doc, events, back, where)


def _resolve_strikes(events: list[Event], defaults: list[str]) -> None:
    """A strike whose clause does not say how takes the kind of the article's other
    strikes («قصفت القوات الروسية مواكبهم» in a story of Russian air raids), else the
    kind its word has by default."""
    kinds = Counter(e.type for e in events if e.type in _STRIKES)
    common = kinds.most_common(1)[0][0] if kinds else None
    for ev, default in zip(events, defaults, strict=True):
        if ev.type == "strike":
            ev.type = common or default or "airstrike"


def _event(doc: Document, toks: list[Tok], d: _Draft, ents: list[Entity],
           places: list[Entity], sent_start: int, sent_end: int,
           locs: list[Entity], last_place: Entity | None) -> tuple[Event, Entity | None]:
    i, lo, hi = d.mention.at, d.lo, d.hi
    trig = toks[i]
    claim = _claim_holding(doc.claims, trig.start)
    floor = doc.claims[claim].content_start or 0 if claim is not None else 0
    speaker = doc.claims[claim].speaker if claim is not None else None
    extra = arg.referents(doc, toks[lo:hi], speaker)
    agents = sorted(ents + extra, key=lambda e: e.start) if extra else ents
    who = arg.actor(doc, toks, i, lo, hi, agents, floor, d.mention.type)
    whom = arg.target(ents, trig, toks[hi - 1].end, who)
    where = d.place or arg.place(doc, toks, i, lo, hi, places, sent_start, sent_end,
                                 kind=d.mention.type, who=who, ents=ents)
    if where is None and last_place is not None and last_place.end <= trig.start:
        where = last_place
    if where is None:
        where = next((e for e in reversed(locs) if e.end <= trig.start and not arg.is_country(e)),
                     None)
    own = [m for m in d.dates if toks[lo].start <= m.start < toks[hi - 1].end]
    when = (own or d.dates)[0] if own or d.dates else None
    span = d.span or (toks[lo].start, toks[hi - 1].end)
    chosen = [d.figure] if d.figure is not None else sorted(set(d.figures))
    figs = [(f, arg.role(doc.figures[f], d.mention.type)) for f in chosen
            if not arg.is_window(doc, doc.figures[f])]
    return Event(
        start=span[0], end=span[1], type=d.mention.type, trigger=doc.text[trig.start:trig.end],
        trigger_start=trig.start, trigger_end=trig.end,
        actor=arg.actor_name(who) if who else None, target=arg.name(whom) if whom else None,
        place=arg.name(where) if where else None,
        lat=where.lat if where else None, lon=where.lon if where else None,
        admin=where.admin if where else None,
        date=when.value if when else None, date_end=when.end_value if when else None,
        figures=[f for f, _ in figs], figure_roles=[r for _, r in figs], claim=claim,
        mentions=[[span[0], span[1]]],
    ), where


@component("events")
def add_events(doc: Document) -> Document:
    doc.events = find_events(doc)
    return doc
