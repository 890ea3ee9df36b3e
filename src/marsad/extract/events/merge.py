"""One event per happening: mentions of the same happening become one Event.

A later mention joins an earlier event when

- it is in the same sentence, has the same type and names no place, object or other
  date (or repeats the same trigger at the same place);
- it points back at it («تلك الغارات», «هذا الهجوم»): the last event of its type, or
  the last act when it names an act of another kind; or
- it has the same type and the same place, the same date or a figure of the same
  role and value, and no figure of one role carrying two values; or
- it is a toll that repeats the toll of an earlier act (a figure of the same role and
  value, none contradicting, dates agreeing): «الطيران قتل 80 إرهابيا» then «خسائر داعش
  تمثلت بمقتل 80 إرهابيا».

The joined event shows the span and trigger of its fullest mention (figures, then
actor, date and place; the first of equals), takes the fields it lacked
from the later mention (actor, target, date, claim) and adds its figures and span to
``figures`` and ``mentions``.
"""

from __future__ import annotations

from marsad.document import Document, Event
from marsad.extract.events.lexicon import ACTS, TOLLS, forms
from marsad.text.normalize import fold

_OBJECT = forms("على إلى الى نحو من في فى ضد عن")


def _values(ev: Event, doc: Document) -> dict[str, set[float]]:
    out: dict[str, set[float]] = {}
    for idx, role in zip(ev.figures, ev.figure_roles, strict=False):
        v = doc.figures[idx].value
        if v is not None:
            out.setdefault(role, set()).add(float(v))
    return out


def _figures_agree(a: Event, b: Event, doc: Document) -> tuple[bool, bool]:
    """(no role with two different values, some role with a shared value)."""
    va, vb = _values(a, doc), _values(b, doc)
    roles = set(va) & set(vb)
    return all(va[r] & vb[r] for r in roles), any(va[r] & vb[r] for r in roles)


def _compatible(a: Event, b: Event, doc: Document) -> bool:
    # the cheap tests first: ``merge`` asks this of every kept event
    if a.date and b.date and a.date != b.date:
        return False
    if b.type in TOLLS:
        # a toll joins an act or a toll that shares a figure with it
        if a.type not in ACTS | TOLLS:
            return False
        agree, shared = _figures_agree(a, b, doc)
        return agree and shared
    if a.type != b.type or not a.place or a.place != b.place:
        return False
    agree, shared = _figures_agree(a, b, doc)
    # the same place is not enough: the same day, or a figure in common
    return agree and (bool(a.date and a.date == b.date) or shared)


def _same_sentence(a: Event, b: Event, placed: bool, doc: Document) -> bool:
    """A second mention in the sentence of the first («هاجم المدينة …، إذ شارك في
    الهجوم 5 آلاف مسلح») unless it names a place of its own, an object («السيطرة على
    تجمع الكليات») or another date."""
    if placed:
        # a verbatim repeat («القوات تسيطر على خانقين … القوات تسيطر على خانقين»)
        return b.place == a.place and fold(b.trigger) == fold(a.trigger)
    if b.trigger_end is not None:
        following = fold(doc.text[b.trigger_end:b.trigger_end + 12]).split()
        if following and following[0] in _OBJECT:
            return False
    if a.date and b.date and a.date != b.date:
        return False
    return _figures_agree(a, b, doc)[0]


def fullness(ev: Event) -> int:
    """How much a mention tells: its figures count double, then actor, date, place."""
    return 2 * bool(ev.figures) + bool(ev.actor) + bool(ev.date) + bool(ev.place)


def absorb(into: Event, other: Event, doc: Document, primary: dict[int, int]) -> None:
    """Join ``other`` to ``into``; ``primary`` holds the fullness of each event's
    primary mention, whose span and trigger the event shows."""
    if other.type == into.type and fullness(other) > primary.get(id(into), fullness(into)):
        for name in ("start", "end", "trigger", "trigger_start", "trigger_end"):
            setattr(into, name, getattr(other, name))
        primary[id(into)] = fullness(other)
    for idx, role in zip(other.figures, other.figure_roles, strict=False):
        if idx not in into.figures:
            into.figures.append(idx)
            into.figure_roles.append(role)
    for name in ("actor", "target", "date", "date_end", "claim"):
        if getattr(into, name) is None and getattr(other, name) is not None:
            setattr(into, name, getattr(other, name))
    if into.place is None and other.place is not None:
        into.place, into.lat, into.lon, into.admin = other.place, other.lat, other.lon, other.admin
    into.mentions.extend(m for m in other.mentions if m not in into.mentions)


def merge(doc: Document, events: list[Event], anaphoric: list[bool],
          where: list[tuple[int, bool]]) -> list[Event]:
    """``where``: per event, its sentence and whether its own clause names its place."""
    out: list[Event] = []
    seen: list[tuple[int, bool]] = []
    primary: dict[int, int] = {}
    for ev, back, (sent, placed) in zip(events, anaphoric, where, strict=True):
        host = None
        for prev, (psent, _) in zip(reversed(out), reversed(seen), strict=True):
            if psent == sent and prev.type == ev.type and _same_sentence(prev, ev, placed, doc):
                host = prev
                break
        if back and host is None:
            host = next((e for e in reversed(out) if e.type == ev.type), None) or (
                next((e for e in reversed(out) if e.type in ACTS), None)
                if ev.type in ACTS else None
            )
        if host is None:
            host = next((e for e in out if _compatible(e, ev, doc)), None)
        if host is None:
            out.append(ev)
            seen.append((sent, placed))
            primary[id(ev)] = fullness(ev)
        else:
            absorb(host, ev, doc, primary)
    return out
