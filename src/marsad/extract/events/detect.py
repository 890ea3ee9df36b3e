"""Trigger words of a sentence and the type each one names.

- A token whose clitic-free forms hold a trigger of ``lexicon.TRIGGERS`` is a mention;
  types that need context (``lexicon.CONTEXT``) get it from the same clause.
- ``strike`` triggers take their kind from the clause: missiles make a
  ``missile_strike``, artillery or mortars ``shelling``, aircraft an ``airstrike``; with
  none of them the mention stays a ``strike`` for the component to resolve from the
  article (its other strikes' kind), else «قصف» is shelling, «استهدف» an attack and
  «ضربات» air strikes.
- An act named by its result is the act: a killing or a destruction whose doer, in the
  words before it, is aircraft («الطيران الروسي قتل», «قامت القوات الجوية بتدمير») is an
  airstrike, by missiles a missile strike; so is an attack by aircraft («طائرات النظام
  تشن هجمات»).
- «أسقط»/«سقوط» an aircraft or a missile and «اعترض» a missile destroy materiel;
  «سقوط» or «دخول» a place is its capture; «خروج» of civilians is an evacuation, of
  gunmen a surrender; «كسر الحصار» and «انطلاق عملية» are attacks; an explosion is a
  bombing only with a bomb in its clause.
"""

from __future__ import annotations

from dataclasses import dataclass

from marsad.document import Entity
from marsad.extract.events import lexicon as lx
from marsad.extract.events.tokens import Tok, clause_bounds

#: tolls that count only with a figure or a word of death in the clause
_NEED_TOLL = lx.forms("خسائر ضحايا")
_DEATH = lx.forms("قتيل قتيلا قتلى جريح جرحى")
_AIRCRAFT = lx.forms("طائرة الطائرة طائرات مقاتلة المقاتلة مروحية مسيرة طائرتين")
_FALL = lx.forms("سقوط سقطت إسقاط أسقطت أسقط أسقطوا")
_INTERCEPT = lx.forms("اعترضت اعترض اعتراض")
_PLACE_VERBS = lx.forms("سقوط سقطت دخول دخلت دخلوا")
_SIEGE = lx.forms("الحصار حصار")
_BREAK = lx.forms("كسر")
_DEMONSTRATIVE = lx.forms("تلك هذه هذا ذلك")
_AIMS = lx.forms("يستهدف تستهدف يستهدفون")
_STRIKE_DEFAULT = {"قصف": "shelling", "استهدف": "attack"}
#: how many words before a result trigger its doer may stand
_DOER_REACH = 6


@dataclass
class Mention:
    type: str
    at: int  # token index of the trigger
    anaphoric: bool = False  # «تلك الغارات»: a mention of an event already reported
    default: str = ""  # for an unresolved ``strike``: its kind when the article gives none


def _clause_forms(toks: list[Tok], i: int) -> frozenset[str]:
    lo, hi = clause_bounds(toks, toks[i].clause)
    out: set[str] = set()
    for t in toks[lo:hi]:
        out |= t.forms
    return frozenset(out)


def _loc_after(toks: list[Tok], i: int, places: list[Entity], reach: int = 3) -> bool:
    if i + 1 >= len(toks):
        return False
    limit = toks[min(len(toks) - 1, i + reach)].end
    return any(toks[i].end <= e.start < limit for e in places)


def _strike_kind(toks: list[Tok], i: int) -> str:
    """The kind of the nearest word of aircraft, missiles or artillery in the clause
    («لقصف مدفعي وبراجمات الصواريخ» is shelling, «القذائف الصاروخية» too)."""
    lo, hi = clause_bounds(toks, toks[i].clause)
    order = sorted(range(lo, hi), key=lambda j: (abs(j - i), j < i))
    for j in order:
        f = toks[j].forms
        if f & lx.ARTILLERY:
            return "shelling"
        if f & lx.MISSILE:
            return "missile_strike"
        if f & lx.AERIAL:
            return "airstrike"
    return "strike"


def strike_default(trig: Tok) -> str:
    for stem, kind in _STRIKE_DEFAULT.items():
        if any(f.startswith(stem) or f[1:].startswith(stem) for f in trig.forms):
            return kind
    return "airstrike"


def _doer_kind(toks: list[Tok], i: int) -> str | None:
    """airstrike / missile_strike when aircraft or missiles stand just before ``i``."""
    lo, _hi = clause_bounds(toks, toks[i].clause)
    before: set[str] = set()
    for t in toks[max(lo, i - _DOER_REACH):i]:
        before |= t.forms
    if before & (_FALL | _INTERCEPT):
        return None  # «إسقاط مقاتلة ومقتل قائدها»: the aircraft is the victim
    if before & lx.MISSILE:
        return "missile_strike"
    if before & lx.AERIAL:
        return "airstrike"
    return None


def _any_trigger() -> frozenset[str]:
    """Every form a trigger of _kind can have: a token with none of them is no trigger."""
    global _ANY_TRIGGER
    if _ANY_TRIGGER is None:
        _ANY_TRIGGER = frozenset(_BREAK | lx.LAUNCH | _FALL | _INTERCEPT).union(*lx.TRIGGERS.values())
    return _ANY_TRIGGER


_ANY_TRIGGER: frozenset[str] | None = None


def _kind(toks: list[Tok], i: int, places: list[Entity]) -> str | None:
    t = toks[i]
    if t.forms.isdisjoint(_any_trigger()):
        return None  # the tests below all need one of these forms
    ctx = _clause_forms(toks, i)
    nxt = toks[i + 1].forms if i + 1 < len(toks) else frozenset()
    if t.forms & _BREAK and nxt & _SIEGE:
        return "attack"
    if t.forms & lx.LAUNCH and nxt & lx.OPERATION:
        return "attack"
    if t.forms & lx.EXPLOSION and not ctx & lx.BOMB:
        return None
    if t.forms & (_FALL | _INTERCEPT):
        if nxt & (_AIRCRAFT | lx.MISSILE) or (t.forms & _INTERCEPT and ctx & lx.MISSILE):
            return "materiel_destroyed"
    for kind, triggers in lx.TRIGGERS.items():
        if not t.forms & triggers:
            continue
        if kind == "surrender_amnesty" and t.forms & lx.EVACUATION_LEAVE and nxt & lx.CIVILIANS:
            return "evacuation"
        if kind in lx.CONTEXT and not _near(toks, i, lx.CONTEXT[kind],
                                            lx.CONTEXT_REACH.get(kind)):
            continue
        if kind == "capture" and not _takes_place(toks, i, places):
            continue
        if kind == "agreement" and not _agreed(toks, i):
            continue
        if kind == "evacuation" and not (_has_number(toks, i, 6) or _near(
                toks, i, lx.CIVILIANS | lx.PEOPLE, 6) or _loc_after(toks, i, places, 6)):
            continue
        if kind == "protest" and i and toks[i - 1].forms & lx.forms("قانون"):
            continue
        if kind == "casualties" and t.norm.endswith("القتل") and not _has_number(toks, i, 6):
            continue  # «لغة الانتقام والقتل»: killing as such, no toll
        needs = lx.NEEDS_NEXT.get(kind, {}).get(_stem(t))
        if needs is not None and not nxt & needs:
            continue
        if kind == "movement" and (ctx & lx.MISSILE or not _directed(toks, i, places)
                                   or not _armed(toks)):
            continue
        if kind == "clashes" and t.forms & lx.BATTLES and not _battle_happens(toks, i, ctx):
            continue
        if kind == "clashes" and i and toks[i - 1].forms & lx.FRONTS:
            continue  # «خطوط القتال», «محاور القتال»: the front, not a fight
        if t.forms & _PLACE_VERBS:
            if not _loc_after(toks, i, places) and not nxt & lx.forms("طريق"):
                continue
        if kind == "strike":
            resolved = _strike_kind(toks, i)
            if resolved == "strike" and (t.forms & _AIMS or not ctx & lx.STRIKE_OBJECTS
                                         and not _loc_after(toks, i, places, 8)):
                continue  # «تستهدف فتح الطريق»: aims at, unless a weapon says it strikes
            if _part_of_act(toks, i):
                continue
            return resolved
        if kind == "shelling" and not ctx & lx.FIRE:
            continue
        if kind == "missile_strike" and not ctx & lx.forms(
            "أطلق أطلقت أطلقه أطلقها أطلقوا إطلاق ضربة ضربات هجوم الهجوم قصف سقط سقوط"
        ):
            continue
        if kind in lx.TOLLS:
            if t.forms & _NEED_TOLL and not ctx & _DEATH and not _has_number(toks, i, 6):
                continue
            doer = _doer_kind(toks, i)
            if doer:
                return doer
        if kind == "attack":
            doer = _doer_kind(toks, i)
            if doer:
                return doer
            if ctx & lx.forms("الصاروخي صاروخي الصاروخية صاروخية"):
                return "missile_strike"
        return kind
    return None


def _near(toks: list[Tok], i: int, words: frozenset[str], reach: int | None) -> bool:
    lo, hi = clause_bounds(toks, toks[i].clause)
    if reach is not None:
        lo, hi = max(0, i - reach), min(len(toks), i + reach + 1)
    return any(t.forms & words for t in toks[lo:hi])


def _takes_place(toks: list[Tok], i: int, places: list[Entity]) -> bool:
    """A capture takes somewhere: a named place or a place noun soon after its trigger;
    «سقوط» the very next words («سقوط طريق الكاستيلو», not «سقوط قذيفة في»)."""
    reach = 2 if toks[i].forms & _FALL else lx.CAPTURE_REACH
    window = toks[i + 1:i + 1 + reach]
    if window and window[0].forms & lx.ABSTRACT:
        return False
    return _loc_after(toks, i, places, reach) or any(t.forms & lx.PLACE_NOUNS for t in window)


def _agreed(toks: list[Tok], i: int) -> bool:
    """«اتفقت الأطراف على تشكيل…», «صادق على الاتفاقية», «وقعت اتفاقا»: not «وقع
    انفجار» nor «اتفقا على أهمية الحل» (a position)."""
    window = toks[i + 1:i + 4]
    if any(f.startswith("وقع") for f in toks[i].forms):
        return bool(window) and bool(window[0].forms & lx.SIGNED)
    hit = next((k for k, t in enumerate(window) if t.forms & lx.AGREEMENT_NEXT), None)
    if hit is None:
        return False
    after = window[hit + 1] if hit + 1 < len(window) else None
    return not (after is not None and after.forms & lx.STATEMENT_AGREED)


def _part_of_act(toks: list[Tok], i: int) -> bool:
    """«غارة جوية استهدفت», «التفجير الذي استهدف»: the verb tells what another
    trigger just before it hit; it is no act of its own."""
    if not any(f.startswith(("استهدف", "يستهدف", "تستهدف")) for f in toks[i].forms):
        return False
    lo, _hi = clause_bounds(toks, toks[i].clause)
    before = set().union(*(t.forms for t in toks[max(lo, i - 3):i])) if i > lo else set()
    acts = (lx.TRIGGERS["airstrike"] | lx.TRIGGERS["strike"] | lx.TRIGGERS["bombing"]
            | lx.TRIGGERS["attack"] | lx.EXPLOSION | lx.BOMB)
    return bool(before & acts)


def _stem(t: Tok) -> str:
    return next((f for f in t.forms if f in lx.ALL_TRIGGERS), t.norm)


def _directed(toks: list[Tok], i: int, places: list[Entity]) -> bool:
    """A movement goes somewhere: a direction word or a place within a few words."""
    window = toks[i + 1:i + 5]
    return any(t.forms & lx.DIRECTION for t in window) or _loc_after(toks, i, places, 6) \
        or bool(toks[i].forms & lx.CONVOYS)


def _armed(toks: list[Tok]) -> bool:
    """A movement is of forces: troops, fighters, convoys or units stand in its sentence
    (not a president who «وصل إلى باريس», nor growth that «وصل إلى 4 %»)."""
    return any(t.forms & lx.FORCES for t in toks)


def _battle_happens(toks: list[Tok], i: int, ctx: frozenset[str]) -> bool:
    """«معارك» reports fighting when it breaks out or rages somewhere, not as a
    background noun («بعد 3 أيام من المعارك», «سلسلة معارك»)."""
    window = toks[i + 1:i + 3]
    return bool(ctx & lx.BATTLE_VERBS) or any(t.forms & lx.forms("في مع بين ضد") for t in window)


def _has_number(toks: list[Tok], i: int, reach: int = 0) -> bool:
    lo, hi = clause_bounds(toks, toks[i].clause)
    if reach:
        lo, hi = i, min(hi, i + reach + 1)
    return any(any(ch.isdigit() for ch in t.norm) for t in toks[lo:hi])


def mentions(toks: list[Tok], places: list[Entity], names: list[Entity]) -> list[Mention]:
    """The triggers of a sentence; a word inside a name («هيئة تحرير الشام», «فجر
    الخلافة») is no trigger."""
    out = []
    triggers = _any_trigger()
    orgs = [e for e in names if e.type == "ORG"]
    for i in range(len(toks)):
        if toks[i].forms.isdisjoint(triggers):
            continue  # _kind's first test: no trigger form, no mention
        if any(e.start < toks[i].start < e.end or e.start <= toks[i].start and
               toks[i].end < e.end for e in orgs):
            continue
        kind = _kind(toks, i, places)
        if kind is None:
            continue
        prev = toks[i - 1].forms if i else frozenset()
        nxt = toks[i + 1].forms if i + 1 < len(toks) else frozenset()
        anaphoric = bool((prev | nxt) & _DEMONSTRATIVE)
        out.append(Mention(kind, i, anaphoric,
                           strike_default(toks[i]) if kind == "strike" else ""))
    return out
