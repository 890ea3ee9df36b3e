"""Who, where, when and how many: the arguments of one mention.

- ``actor``: the subject of a verb trigger, just after it (Arabic is VSO: «قصفت
  القوات التركية») or just before it («الطيران الروسي قتل»); the subject of an agent
  verb («غارات شنها التحالف»), the agent after «من قبل», the genitive after a noun
  trigger («هجمات قوات النظام»); else the nearest organisation or person before the
  trigger in the clause that is not a partitive («مسلحا من داعش» is a victim) and not
  the speaker of the claim that reports it.
- ``target``: the first organisation or person after the trigger that is not the actor.
- ``place``: a place of the trigger's clause, after the trigger first, the destination
  of «من … إلى …» over its origin and a town over a country; else of the sentence;
  else (``None``) for the caller to inherit.
- figures (given to mentions by the component) have a role (:data:`ROLE_OF`); a
  reporting window («خلال الساعات الـ24 الماضية») is not the event's figure.
"""

from __future__ import annotations

from marsad.document import Document, Entity, Figure
from marsad.extract.entities.gazetteer_countries import COUNTRY_NAMES
from marsad.extract.events import lexicon as lx
from marsad.extract.events.tokens import Tok
from marsad.text.normalize import fold

_COUNTRIES = frozenset(fold(n) for names in COUNTRY_NAMES.values() for n in names)
AGENT_VERBS = lx.forms("شن شنت شنها شنتها شنوا تشن يشن نفذ نفذت نفذها نفذتها ارتكب ارتكبت "
                       "قامت قام تقوم يقوم وجه وجهت يوجه أطلق أطلقت أطلقه أطلقها أطلقوا")
_BY = lx.forms("قبل")  # «من قبل»
#: how far after a verb its subject may start, in characters
SUBJECT_REACH = 40

#: (role, counted forms) in order: the first that holds a figure's counted noun wins
ROLE_OF: list[tuple[str, frozenset[str]]] = [
    ("wounded", lx.forms("جريح مصاب")),
    ("killed", lx.forms("قتيل شهيد ضحية")),
    ("sorties", lx.forms("طلعة غارة ضربة")),
    ("violations", lx.forms("انتهاك خرق")),
    ("vehicles", lx.forms("دبابة مركبة عربة سيارة مدرعة مدرع صهريج آلية رتل قافلة")),
    ("sites", lx.forms("مقر مستودع موقع هدف منصة مخزن")),
    ("areas", lx.forms("منطقة حي بلدة قرية مدينة تلة معبر محور")),
    ("mines", lx.forms("لغم عبوة قذيفة")),
    ("people", lx.PEOPLE),
]
_TYPE_ROLE = {
    "casualties": "killed", "arrest": "arrested", "evacuation": "evacuated",
    "displacement": "displaced", "surrender_amnesty": "surrendered", "aid": "aid",
    "demining": "mines", "ceasefire_violation": "violations", "movement": "moved",
}
_WINDOW = lx.forms("الماضية الأخيرة الماضيين")


def name(ent: Entity) -> str:
    return ent.canonical or ent.text


def is_country(ent: Entity) -> bool:
    return fold(name(ent)) in _COUNTRIES


def _agents(ents: list[Entity]) -> list[Entity]:
    return [e for e in ents if e.type in ("ORG", "PER")]


def actor(doc: Document, toks: list[Tok], i: int, lo: int, hi: int,
          ents: list[Entity], speaker_floor: int) -> Entity | None:
    trig = toks[i]
    clause_end = toks[hi - 1].end
    agents = [e for e in _agents(ents) if toks[lo].start <= e.start < clause_end]
    after = [e for e in agents if e.start >= trig.end]
    if trig.forms & lx.VERBS:
        subject = next((e for e in after if e.start <= trig.end + SUBJECT_REACH), None)
        if subject and not _after_word(doc, subject, ("على", "ضد", "مع", "من")):
            return subject
    for j in range(lo, hi):
        t = toks[j]
        if t.forms & AGENT_VERBS and j != i:
            subject = next((e for e in agents if t.end <= e.start <= t.end + SUBJECT_REACH), None)
            if subject:
                return subject
        if t.forms & _BY and j > lo and toks[j - 1].norm == "من":
            subject = next((e for e in agents if t.end <= e.start <= t.end + SUBJECT_REACH), None)
            if subject:
                return subject
    if i + 1 < hi:
        genitive = next((e for e in after if e.start <= toks[i + 1].start + 6), None)
        if genitive and not trig.forms & lx.VERBS and not _after_word(
            doc, genitive, ("على", "ضد", "من", "في")
        ):
            return genitive
    for e in reversed([e for e in agents if e.end <= trig.start and e.start >= speaker_floor]):
        if _after_word(doc, e, ("من",)):
            continue
        return e
    # the subject of the sentence («واستطاعت فصائل جيش الفتح … بعد السيطرة على …»)
    sent_agents = [e for e in _agents(ents) if speaker_floor <= e.start and e.end <= toks[lo].start]
    for e in sent_agents:
        if not _after_word(doc, e, _NOT_SUBJECT) and not doc.text[e.end:e.end + 3].strip(
        ).startswith((":", "：")):  # «الحوثيون : …» names a speaker, not a doer
            return e
    return None


#: words after which a name is no subject
_NOT_SUBJECT = ("من", "مع", "ضد", "على", "بين", "في", "فى", "إلى", "الى", "عن", "باسم", "لدى",
                "عند", "بحق", "تجاه", "نحو")


_PARTIES = ("بين", "مع")
_TO = ("إلى", "الى", "نحو", "باتجاه", "صوب", "في", "فى")
_AT = ("في", "فى", "على", "إلى", "الى", "نحو", "باتجاه", "داخل", "قرب", "مدينة", "محافظة",
       "بلدة", "ريف", "حي", "منطقة", "شمال", "جنوب", "شرق", "غرب")


def _after_word(doc: Document, ent: Entity, words: tuple[str, ...]) -> bool:
    before = fold(doc.text[max(0, ent.start - 8) : ent.start]).rstrip(" «“\"(")
    last = before.split()[-1] if before.split() else ""
    return any(last == fold(w) for w in words)


def target(ents: list[Entity], trig: Tok, clause_end: int, act: Entity | None) -> Entity | None:
    return next((e for e in _agents(ents) if trig.end <= e.start < clause_end and e is not act),
                None)


def place(doc: Document, toks: list[Tok], i: int, lo: int, hi: int,
          places: list[Entity], sent_start: int, sent_end: int) -> Entity | None:
    trig = toks[i]
    cl_start, cl_end = toks[lo].start, toks[hi - 1].end
    in_clause = [e for e in places if cl_start <= e.start < cl_end]
    pick = _best(doc, [e for e in in_clause if e.start >= trig.end]) or _best(
        doc, [e for e in in_clause if e.start < trig.start][::-1]
    )
    if pick:
        return pick
    in_sent = [e for e in places if sent_start <= e.start < sent_end]
    return _best(doc, [e for e in in_sent if e.start >= cl_end]) or _best(
        doc, [e for e in in_sent if e.end <= cl_start][::-1]
    )


def _best(doc: Document, cands: list[Entity]) -> Entity | None:
    """Where it happened among ``cands`` (nearest the trigger first): not the parties of
    «بين موسكو ودمشق» or «الحدود مع الأردن»; the destination of «من X إلى Y» over its origin X; a place
    brought by «في», «على» or «إلى» over one that is not; a town over a country."""
    cands = [e for e in cands if not _after_word(doc, e, _PARTIES)] or cands
    if not cands:
        return None
    if _after_word(doc, cands[0], ("من",)):
        dest = next((e for e in cands[1:] if _after_word(doc, e, _TO)), None)
        if dest:
            return dest
    located = [e for e in cands if _after_word(doc, e, _AT)]
    towns = [e for e in located if not is_country(e)] or located
    if towns:
        return towns[0]
    towns = [e for e in cands if not is_country(e)] or cands
    return towns[0]


def is_window(doc: Document, fig: Figure) -> bool:
    text = fold(fig.text)
    if "ساع" not in text and "يوم" not in text:
        return False
    following = fold(doc.text[fig.end : fig.end + 12]).split()
    return bool(following) and following[0].strip("،,.؛:\"”»") in _WINDOW


def role(fig: Figure, kind: str) -> str:
    counted = fold(fig.counted or "")
    for name_, words in ROLE_OF:
        if counted and counted in words:
            if name_ == "people":
                return _TYPE_ROLE.get(kind, "killed" if kind in lx.ACTS else "people")
            if name_ == "vehicles" and kind in lx.ACTS | lx.TOLLS:
                return "vehicles_destroyed"
            return name_
    if fig.unit == "%" or "%" in fig.text or "بالمئ" in fig.text:
        return "percent"
    return _TYPE_ROLE.get(kind, "count")
