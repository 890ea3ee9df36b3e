"""The ``events`` pipeline component: what happened, sentence by sentence.

Rules:

- an event is a sentence holding a trigger word of one type (folded, clitics seen
  through); a sentence may hold several events of different types, never two of one;
- types and triggers: ``strike`` (غارة، ضربة، قصف، استهدف), ``attack`` (هجوم، هاجم، اقتحام،
  كمين، تفجير), ``capture`` (سيطرة، استعاد، حرر، دحر، طرد), ``casualties`` (قتل، مقتل،
  قتلى، جرحى، إصابة، مصرع), ``materiel_destroyed`` (تدمير/دمر next to a weapon or a
  building), ``evacuation`` (إجلاء، إخلاء), ``aid`` (مساعدات), ``demining`` (ألغام،
  عبوات ناسفة with تفكيك/إزالة/نزع), ``ceasefire_violation`` (خرق/انتهاك of a ceasefire,
  هدنة or de-escalation zone), ``displacement`` (نزوح، نزح), ``arrest``, ``release``,
  ``withdrawal``;
- ``actor``: the nearest organisation or person before the trigger in the sentence
  (within the claim's content when the event is claimed, so the speaker is not taken);
  ``target``: the first organisation after it; ``place``: the first place after it
  (else before it); canonical names where the entities component gave them;
- ``date``: the value of a date in the sentence; ``figures``: indexes of the figures in
  the sentence that fit the type (people for casualties, materiel for destruction);
- ``claim``: index of the claim whose content holds the trigger, so an event that is
  only somebody's claim stays attributed.
"""

from __future__ import annotations

import bisect

from marsad.document import Claim, Document, Entity, Event, Figure, Sentence
from marsad.pipeline import component
from marsad.text.normalize import fold, strip_clitics, tokens


def _forms(words: str) -> frozenset[str]:
    return frozenset(fold(w) for w in words.split())


TRIGGERS: dict[str, frozenset[str]] = {
    "strike": _forms(
        "غارة غارات غارتين ضربة ضربات ضربتين قصف قصفت قصفا يقصف تقصف استهدف استهدفت "
        "استهداف يستهدف تستهدف استهدفها الطلعات طلعة طلعات"
    ),
    "attack": _forms(
        "هجوم هجمات هجوما هجومين هاجم هاجمت يهاجم اقتحام اقتحم اقتحمت كمين تفجير فجر "
        "انتحاري انتحاريون مفخخة مفخخات"
    ),
    "capture": _forms(
        "سيطرة سيطر سيطرت تسيطر يسيطر استعادة استعاد استعادت تحرير حرر حررت تحريرها دحر "
        "طرد طردت"
    ),
    "casualties": _forms(
        "قتل قتلت مقتل قتلى قتيل قتيلا قتيلاً مصرع جرحى جريح جريحا إصابة إصابات أصيب "
        "أصيبوا استشهاد استشهد ضحايا القضاء"
    ),
    "materiel_destroyed": _forms("تدمير دمر دمرت يدمر أحرقت إحراق إسقاط أسقطت"),  # not تدمر: Palmyra
    "evacuation": _forms("إجلاء أجلت أجلى إخلاء أخلت"),
    "aid": _forms("مساعدات المساعدات إغاثة إغاثية"),
    "demining": _forms("ألغام لغما لغم الألغام عبوة عبوات"),
    "ceasefire_violation": _forms("خرق خروقات خرقا انتهاك انتهاكات انتهاكا انتهاكاً"),
    "displacement": _forms("نزوح نزح نزحت نازح نازحين النازحين تهجير"),
    "arrest": _forms("اعتقال اعتقل اعتقلت احتجاز احتجز أسر أسرى"),
    "release": _forms("الإفراج إفراج أفرج أفرجت إطلاق_سراح"),
    "withdrawal": _forms("انسحاب انسحب انسحبت انسحبوا"),
}

#: triggers that are verbs: their subject, the actor, follows them (Arabic is VSO)
VERB_TRIGGERS = _forms(
    "قصفت يقصف تقصف استهدف استهدفت يستهدف تستهدف هاجم هاجمت يهاجم اقتحم اقتحمت فجر "
    "سيطر سيطرت تسيطر يسيطر استعاد استعادت حرر حررت دحر طرد طردت قتلت دمر دمرت يدمر "
    "أحرقت أسقطت أجلت أجلى أخلت اعتقل اعتقلت احتجز أفرج أفرجت انسحب انسحبت فكك فككت"
)
#: verbs that introduce who carried out a noun-named event («غارات شنها التحالف»)
AGENT_VERBS = _forms("شن شنت شنها شنتها نفذ نفذت نفذها نفذتها ارتكب ارتكبت ارتكبها")
#: how far after a verb its subject may start, in characters
_SUBJECT_REACH = 40

#: words that must stand in the same sentence for a trigger of that type to count
CONTEXT: dict[str, frozenset[str]] = {
    "materiel_destroyed": _forms(
        "دبابة دبابات مركبة مركبات عربة عربات سيارة سيارات مدرعة مدرعات صهريج صهاريج "
        "مقر مقرات مستودع مستودعات مدفع مدافع راجمة راجمات طائرة طائرات مسيرة مسيرات "
        "منصة منصات رتل قافلة آليات آلية"
    ),
    "demining": _forms(
        "تفكيك تفكيكها فكك فككت تفكك إزالة أزال أزالت نزع نزعت تطهير تمشيط ناسفة"
    ),
    "ceasefire_violation": _forms(
        "النار الهدنة القتالية التوتر التهدئة الاتفاق"
    ),
    "aid": _forms("إنسانية الإنسانية غذائية الغذائية طبية قافلة شاحنة شاحنات طن طنا"),
}

#: what a figure must count to belong to an event of that type
_PEOPLE = _forms(
    "قتيل مسلح إرهابي شخص مدني جندي عنصر مقاتل طفل امرأة جريح ضحية عسكري ضابط انتحاري "
    "مصاب شهيد داعشي"
)
FIGURE_FITS: dict[str, frozenset[str]] = {
    "casualties": _PEOPLE,
    "materiel_destroyed": CONTEXT["materiel_destroyed"] | _forms("مدرع مقر"),
    "evacuation": _PEOPLE | _forms("أسرة عائلة مواطن ساكن"),
    "displacement": _PEOPLE | _forms("أسرة عائلة نازح"),
    "arrest": _PEOPLE,
    "release": _PEOPLE | _forms("محتجز معتقل أسير سجين"),
    "demining": _forms("لغم عبوة قذيفة"),
}


def _sentence_words(doc: Document, sent: Sentence) -> list[tuple[int, set[str]]]:
    """(original offset, clitic-free forms) of each word of the sentence."""
    nt = doc.normalized
    lo = _norm_index(nt.offsets, sent.start)
    hi = _norm_index(nt.offsets, sent.end)
    words = []
    for s, _e, tok in tokens(nt.text[lo:hi]):
        words.append((nt.offsets[lo + s], set(strip_clitics(tok))))
    return words


def _norm_index(offsets: tuple[int, ...], original: int) -> int:
    return bisect.bisect_left(offsets, original)


def _name(ent: Entity) -> str:
    return ent.canonical or ent.text


def _in(span_start: int, sent: Sentence) -> bool:
    return sent.start <= span_start < sent.end


def _fits(fig: Figure, kind: str) -> bool:
    wanted = FIGURE_FITS.get(kind)
    if wanted is None:
        return True
    return bool(fig.counted) and fold(fig.counted or "") in wanted


def _claim_holding(claims: list[Claim], offset: int) -> int | None:
    for i, claim in enumerate(claims):
        if claim.content_start is not None and claim.content_end is not None:
            if claim.content_start <= offset < claim.content_end:
                return i
    return None


def find_events(doc: Document) -> list[Event]:
    events: list[Event] = []
    for sent in doc.sentences:
        words = _sentence_words(doc, sent)
        forms = set().union(*(f for _, f in words)) if words else set()
        ents = [e for e in doc.entities if _in(e.start, sent)]
        figs = [(i, f) for i, f in enumerate(doc.figures) if _in(f.start, sent)]
        dates = [d for d in doc.dates if _in(d.start, sent) and d.value]
        for kind, triggers in TRIGGERS.items():
            at = next((off for off, f in words if f & triggers), None)
            if at is None:
                continue
            if kind in CONTEXT and not forms & CONTEXT[kind]:
                continue
            claim = _claim_holding(doc.claims, at)
            # inside a claim the speaker is not the actor: look only within its content
            floor = doc.claims[claim].content_start or 0 if claim is not None else 0
            before = [e for e in ents if floor <= e.start and e.end <= at]
            after = [e for e in ents if e.start > at]
            trigger_forms = next(f for off, f in words if off == at)
            actor = _actor(doc.text, words, ents, before, at, verbal=bool(trigger_forms & VERB_TRIGGERS))
            target = next((e for e in after if e.type == "ORG" and e is not actor), None)
            place = next((e for e in after if e.type == "LOC"), None) or next(
                (e for e in reversed(before) if e.type == "LOC"), None
            )
            events.append(
                Event(
                    start=sent.start,
                    end=sent.end,
                    type=kind,
                    trigger=doc.text[at : at + _word_len(doc.text, at)],
                    actor=_name(actor) if actor else None,
                    target=_name(target) if target else None,
                    place=_name(place) if place else None,
                    date=dates[0].value if dates else None,
                    figures=[i for i, f in figs if _fits(f, kind)],
                    claim=claim,
                )
            )
    return events


def _agents(ents: list[Entity]) -> list[Entity]:
    return [e for e in ents if e.type in ("ORG", "PER")]


def _actor(
    text: str,
    words: list[tuple[int, set[str]]],
    ents: list[Entity],
    before: list[Entity],
    at: int,
    *,
    verbal: bool,
) -> Entity | None:
    """Who carried it out: the subject after a verb trigger («قصفت القوات التركية»),
    the subject of an agent verb («غارات شنها التحالف»), else the nearest organisation
    or person before the trigger that is not a partitive («مسلحا من داعش» is a victim)."""
    if verbal:
        subject = next(
            (e for e in _agents(ents) if at < e.start <= at + _SUBJECT_REACH), None
        )
        if subject:
            return subject
    for off, forms in words:
        if forms & AGENT_VERBS:
            subject = next(
                (e for e in _agents(ents) if off < e.start <= off + _SUBJECT_REACH), None
            )
            if subject:
                return subject
    for e in reversed(_agents(before)):
        preceding = text[max(0, e.start - 4) : e.start]
        if fold(preceding).rstrip(" «“\"").endswith("من"):
            continue
        return e
    return None


def _word_len(text: str, start: int) -> int:
    end = start
    while end < len(text) and not text[end].isspace() and text[end] not in "،,.:؛«»“”\"()":
        end += 1
    return end - start


@component("events")
def add_events(doc: Document) -> Document:
    doc.events = find_events(doc)
    return doc
