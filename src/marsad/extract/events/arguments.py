"""Who, where, when and how many: the arguments of one mention.

- ``actor``: the subject of a verb trigger, just after it (Arabic is VSO: «قصفت
  القوات التركية») unless a target noun stands between («قصفت مواقع داعش»: داعش is the
  target), or the name just before it («الطيران الروسي قتل»); the subject of an agent
  verb («غارات شنها التحالف», «شاركت أستراليا في الضربات»), the agent after «من قبل»
  or «على يد», the one that claims it («أعلن داعش مسؤوليته عن التفجير», «تبنى …»); the
  genitive after a noun trigger («هجمات قوات النظام»); else the nearest organisation
  or person before the trigger in the clause that is not a partitive («مسلحا من داعش»
  is a victim) and not the speaker of the claim that reports it.  A head noun names
  again the organisation the article named in full («طائرات النظام» after «النظام
  السوري»), «قواتنا» in a claim is the speaker's side (the body a spokesman speaks
  for).  A state acts too: a country or a capital standing as the subject of the verb
  («اعترضت عمّان الصاروخ», «كندا شاركت في الغارات») is the actor, a capital named as its
  country.  A passive act («تم اعتقاله») and a fall («سقوط البلدة») have no actor but
  the one «من قبل» / «على يد» names: the name before them is the patient.
- ``target``: the first organisation or person after the trigger that is not the actor.
- ``place``: a place of the trigger's clause, after the trigger first, the destination
  of «من … إلى …» over its origin, a place brought by a preposition (also a glued
  «بـ», «كـ», «لـ») and a town over a country; else of the sentence; else (``None``) for
  the caller to inherit.  Not a place while another stands in the clause: the state
  that acts (alone, its country is the place) and a party of «بين» / «مع».  Never a
  place: the launch site of a strike («صواريخ من البحر»), the backer of «المدعومة من»,
  a place of the part «بما في ذلك» / «بينهم» singles out.  «X شرق Y» puts the act at
  X, Y only locates X, and X may be a name the recogniser did not take for a place
  («تجمع المدارس جنوب حلب»); so is the named object of a capture («سقوط طريق
  البريج»: البريج, «القرى أبرزها تلة الزيتون»), and a name with its head word
  («جبل الزاوية» where only «الزاوية» was recognised).
- figures (given to mentions by the component) have a role (:data:`ROLE_OF`); a
  reporting window («خلال الساعات الـ24 الماضية») or a duration («لمدة 3 سنوات») is
  not the event's figure.
"""

from __future__ import annotations

from marsad.document import Document, Entity, Figure
from marsad.extract.entities.gazetteer import candidates
from marsad.extract.entities.gazetteer_countries import COUNTRY_NAMES
from marsad.extract.events import lexicon as lx
from marsad.extract.events.tokens import Tok
from marsad.text.normalize import fold

_COUNTRIES = frozenset(fold(n) for names in COUNTRY_NAMES.values() for n in names)
AGENT_VERBS = lx.forms("شن شنت شنها شنتها شنوا تشن يشن نفذ نفذت نفذها نفذتها ارتكب ارتكبت "
                       "قامت قام تقوم يقوم وجه وجهت يوجه أطلق أطلقت أطلقه أطلقها أطلقوا "
                       "شارك شاركت شاركوا يشارك تشارك ساهم ساهمت تبنى تبنت يتبنى")
_BY = lx.forms("قبل")  # «من قبل»
_HAND = lx.forms("يد أيدي")  # «على يد», «في يد»
_ON_HAND = lx.forms("على في فى")
_ON = lx.forms("على")
_BY_HAND = lx.forms("بيد بأيدي بايدي")
#: words after which a name after the verb is not its subject («انضموا إلى قوات النظام»)
_NOT_AFTER_VERB = ("على", "ضد", "مع", "من", "إلى", "الى", "نحو", "عن", "في", "فى")
#: what a strike hits: a name after one of these owns the target («مواقع داعش»)
_TARGETS = lx.STRIKE_OBJECTS - lx.forms("قوات عناصر مسلحي مسلحين داعش التنظيم")
_PASSIVE = lx.forms("تم يتم وتم ويتم جرى يجري وجرى")
_FALLS = lx.forms("سقوط سقطت سقط وسقوط")
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


#: kinds whose verbal noun takes the one it befalls as its genitive («اعتقال قادة
#: التنظيم», «مقتل جنود الجيش»): that name is no actor
_BEFORE_NOUN = lx.forms("من في بعد عقب قبل على إلى الى منذ خلال إثر اثر")
_EXPEL = lx.forms("طرد دحر إخراج طردهم دحرهم")  # «طرد التنظيم»: the one driven out
_PATIENT_GENITIVE = frozenset({"arrest", "casualties", "evacuation", "displacement",
                               "materiel_destroyed"})


def actor(doc: Document, toks: list[Tok], i: int, lo: int, hi: int,
          ents: list[Entity], speaker_floor: int, kind: str = "") -> Entity | None:
    trig = toks[i]
    clause_end = toks[hi - 1].end
    agents = [e for e in _agents(ents) if toks[lo].start <= e.start < clause_end]
    states = [e for e in ents if e.type == "LOC" and toks[lo].start <= e.start < clause_end
              and is_state(e)]
    after = [e for e in agents if e.start >= trig.end]
    if _passive(toks, i) or trig.forms & _FALLS:
        # «تم اعتقاله»، «سقوط البلدة»: only an agent the clause names as such
        return _marked_agent(toks, i, lo, hi, agents)
    verb = bool(trig.forms & lx.VERBS) and not (i > lo and toks[i - 1].norm in _BEFORE_NOUN)
    if verb:  # «من طرد التنظيم»: after a preposition the word is a verbal noun
        state = _state_subject(doc, toks, i, states)
        if state is not None:
            return state
        # «الطيران الروسي قصف مواقع داعش»: the name just before the verb is its subject
        ahead = next((e for e in reversed(agents) if e.end <= trig.start
                      and _adjacent(doc, e, trig.start)), None)
        if ahead is not None and not _after_word(doc, ahead, _NOT_SUBJECT) and (
            ahead.start >= speaker_floor
        ):
            return ahead
        subject = next((e for e in after if e.start <= trig.end + SUBJECT_REACH), None)
        if subject and not _after_word(doc, subject, _NOT_AFTER_VERB) and not any(
            t.forms & _TARGETS for t in toks[i + 1:] if t.end <= subject.start
        ):  # «قصفت مواقع داعش»: the owner of what was hit is the target
            return subject
    for j in range(lo, hi):
        t = toks[j]
        if t.forms & AGENT_VERBS and j != i:
            state = _state_subject(doc, toks, j, states) if j < i else None
            if state is not None:
                return state
            subject = next((e for e in agents if t.end <= e.start <= t.end + SUBJECT_REACH), None)
            if subject:
                return subject
    marked = _marked_agent(toks, i, lo, hi, agents)
    if marked is not None:
        return marked
    claimed = _responsible(doc, toks, i, ents)
    if claimed is not None:
        return claimed
    if i + 1 < hi:
        genitive = next((e for e in after if e.start <= toks[i + 1].start + 6), None)
        if genitive and not verb and kind not in _PATIENT_GENITIVE and not (
            trig.forms & _EXPEL) and not (
            _after_word(doc, genitive, ("على", "ضد", "من", "في"))
        ):
            return genitive
    if kind == "protest":  # «احتجاجا على غارات قوات النظام»: who is protested against
        return None
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


#: definite head nouns that name again an organisation the article named in full
#: («النظام» after «النظام السوري», «التنظيم» after «تنظيم داعش», «الغرفة» after «غرفة
#: عمليات الشمال»)
_HEADS = lx.forms("النظام التنظيم التحالف الحركة الجماعة الفصيل الغرفة الميليشيا الحزب "
                  "الجبهة الهيئة الفيلق")
#: words for the forces or arms of a party («قوات النظام», «طائرات التحالف»)
_UNITS = lx.forms("قوات طائرات مقاتلات مروحيات عناصر مسلحو مسلحي مقاتلو مقاتلي جيش "
                  "ميليشيات وحدات")
#: «قواتنا»: the speaker's own side
_OURS = lx.forms("قواتنا جيشنا طائراتنا مقاتلونا مقاتلينا مقاتلوننا وحداتنا دفاعاتنا "
                 "عناصرنا مقاتلاتنا")


def _head_of(doc: Document, ent: Entity) -> set[str]:
    """The head nouns an organisation's name may be called by again: its first word and
    the words just before it («غرفة عمليات الشمال»), with the article."""
    words = fold(doc.text[max(0, ent.start - 24):ent.start]).split()[-2:] + fold(
        ent.text).split()
    return {w if w.startswith("ال") else "ال" + w for w in words}


def referents(doc: Document, toks: list[Tok], claim_speaker: str | None) -> list[Entity]:
    """Organisations a sentence names by a head noun or a first person: «طائرات النظام»
    is the government the article named before, «قواتنا» in a claim the speaker's side."""
    spans = [(e.start, e.end) for e in doc.entities]
    orgs = [e for e in doc.entities if e.type == "ORG"]
    out: list[Entity] = []
    for t in toks:
        if not (t.forms & _OURS and claim_speaker) and (not t.forms & _HEADS or t.norm.startswith("و")):
            continue  # neither a first person in a claim nor a head noun: nothing below applies
        if any(a <= t.start < b for a, b in spans):
            continue
        if t.forms & _OURS and claim_speaker:
            # «ضابط بالجيش العراقي»: the organisation named in the speaker's words
            body = next((name(e) for e in orgs if fold(e.text) in fold(claim_speaker)), None)
            side = body or claim_speaker.split("باسم", 1)[-1].strip(" \"«»“”") or claim_speaker
            out.append(Entity(start=t.start, end=t.end, text=doc.text[t.start:t.end],
                              type="ORG", canonical=side))
            continue
        heads = t.forms & _HEADS
        if not heads or t.norm.startswith("و"):  # «بين موسكو والنظام»: a party
            continue
        named = next((e for e in reversed(orgs) if e.end <= t.start
                      and heads & _head_of(doc, e)), None)
        if named is not None:
            k = toks.index(t)
            # «إلى قوات النظام»: the name starts at the unit word that governs it
            start = toks[k - 1].start if k and toks[k - 1].forms & _UNITS else t.start
            out.append(Entity(start=start, end=t.end, text=doc.text[start:t.end],
                              type="ORG", canonical=name(named)))
    return out


_RESPONSIBILITY = lx.forms("مسؤوليته مسؤوليتها مسئوليته مسئوليتها المسؤولية المسئولية "
                           "مسؤوليتهم")


def _responsible(doc: Document, toks: list[Tok], i: int, ents: list[Entity]) -> Entity | None:
    """«أعلن تنظيم داعش مسؤوليته عن التفجير»: who claims the act did it (the one who
    claims it is the speaker, so the speaker's floor does not apply)."""
    at = next((t for t in toks[max(0, i - 4):i] if t.forms & _RESPONSIBILITY), None)
    if at is None:
        return None
    return next((e for e in reversed(_agents(ents)) if e.start < at.start
                 and at.start - e.end <= SUBJECT_REACH), None)


def _adjacent(doc: Document, ent: Entity, at: int) -> bool:
    """Only spaces, or the closing quote of a quoted name («"الوحدات الكردية" تهاجم»),
    stand between the name and ``at``; an opening quote starts a quoted sentence
    («قال لوكالة فرانس برس " سيطر الجيش …»)."""
    gap = doc.text[ent.end:at]
    if not gap.strip():
        return True
    if gap.strip(" \"'»”"):
        return False
    opened = doc.text[max(0, ent.start - 3):ent.start].strip().endswith(('"', "«", "“", "'"))
    quotes = sum(ch in "\"'«»“”" for ch in gap)
    return (opened and quotes == 1) or (not opened and gap.strip() in ("»", "”"))


def _passive(toks: list[Tok], i: int) -> bool:
    """«تم اعتقاله»، «يتم إغلاقه»، «وجرى تدميرها»: the act is told in the passive."""
    return i > 0 and toks[i - 1].norm in _PASSIVE


def _marked_agent(toks: list[Tok], i: int, lo: int, hi: int,
                  agents: list[Entity]) -> Entity | None:
    """The agent «من قبل X», «على يد X», «بيد X», «بأيدي X» names in the clause."""
    for j in range(lo, hi):
        t = toks[j]
        prev = toks[j - 1].norm if j > lo else ""
        marked = (t.forms & _BY and prev == "من") or t.norm in _BY_HAND or (
            t.norm in _HAND and prev in _ON_HAND)
        if marked:
            subject = next((e for e in agents if t.end <= e.start <= t.end + SUBJECT_REACH), None)
            if subject:
                return subject
    return None


def _state_subject(doc: Document, toks: list[Tok], j: int,
                   states: list[Entity]) -> Entity | None:
    """A country or capital that is the subject of the verb ``toks[j]``: the word just
    after it («قصفت أنقرة») or the name just before it that no preposition brings
    («كندا شاركت»)."""
    verb = toks[j]
    if j + 1 < len(toks):
        nxt = toks[j + 1]
        hit = next((e for e in states if nxt.start <= e.start < nxt.end and e.start - nxt.start
                    <= 1), None)
        if hit is not None:
            return hit
    before = next((e for e in states if e.end <= verb.start
                   and _adjacent(doc, e, verb.start)), None)
    if before is not None and not _after_word(doc, before, _NOT_SUBJECT) and not (
        _clitic_before(doc, before)
    ):
        return before
    return None


def _clitic_before(doc: Document, ent: Entity) -> bool:
    """The name carries a preposition or «و» glued before it («بدمشق», «وسوريا»)."""
    return ent.start > 0 and not doc.text[ent.start - 1].isspace() and doc.text[
        ent.start - 1] not in "\"'«“("


def is_state(ent: Entity) -> bool:
    """A country, or a capital (which news names for its state: «واشنطن», «الرياض»)."""
    return ent.type == "LOC" and (is_country(ent) or _capital_of(ent) is not None)


def _capital_of(ent: Entity) -> str | None:
    if not ent.country or ent.country not in COUNTRY_NAMES:
        return None
    if any(p.kind == "capital" and p.country == ent.country for p in candidates(name(ent))):
        return COUNTRY_NAMES[ent.country][0]
    return None


def actor_name(ent: Entity) -> str:
    """The actor's name: a capital acts for its country («اعترضت الرياض» is Saudi Arabia)."""
    if ent.type == "LOC" and not is_country(ent):
        return _capital_of(ent) or name(ent)
    return name(ent)


#: words after which a name is no subject
_NOT_SUBJECT = ("من", "مع", "ضد", "على", "بين", "في", "فى", "إلى", "الى", "عن", "باسم", "لدى",
                "عند", "بحق", "تجاه", "نحو")


_PARTIES = ("بين", "مع")
_TO = ("إلى", "الى", "نحو", "باتجاه", "صوب", "في", "فى")
_AT = ("في", "فى", "على", "إلى", "الى", "نحو", "باتجاه", "داخل", "قرب", "مدينة", "محافظة",
       "بلدة", "ريف", "حي", "منطقة", "شمال", "جنوب", "شرق", "غرب", "أحياء", "قرى", "بلدات",
       "مدن", "مناطق", "قرية")


_AT_FOLDED = frozenset(fold(w) for w in _AT)
_ON_FOLDED = frozenset(fold(w) for w in ("في", "فى", "على"))
_PARTIES_FOLDED = frozenset(fold(w) for w in ("من", "مع", "بين"))


def _after_word(doc: Document, ent: Entity, words: tuple[str, ...]) -> bool:
    before = fold(doc.text[max(0, ent.start - 8) : ent.start]).rstrip(" «“\"(")
    last = before.split()[-1] if before.split() else ""
    return any(last == fold(w) for w in words)


def target(ents: list[Entity], trig: Tok, clause_end: int, act: Entity | None) -> Entity | None:
    return next((e for e in _agents(ents) if trig.end <= e.start < clause_end and e is not act),
                None)


def place(doc: Document, toks: list[Tok], i: int, lo: int, hi: int,
          places: list[Entity], sent_start: int, sent_end: int,
          kind: str = "", who: Entity | None = None,
          ents: list[Entity] | None = None) -> Entity | None:
    trig = toks[i]
    cl_start, cl_end = toks[lo].start, toks[hi - 1].end
    places = [_compound(doc, e) for e in places if e is not who]
    if kind in STRIKES:  # «صواريخ مجنحة من البحر المتوسط»: where it was fired from
        places = [e for e in places if not _launch_site(doc, toks, e)]
    places = [e for e in places if not _backer(doc, e)]
    k = next((k for k in range(i + 1, hi) if _part_marker(toks, toks[k])), None)
    # the part is a short phrase: «بينهم طفل في X»; a place at the end of a long clause
    # after it is the whole act's
    part = (toks[k].start, toks[min(k + _PART_REACH, hi - 1)].end) if k else (cl_end, cl_end)
    in_clause = [e for e in places if cl_start <= e.start < cl_end
                 and not part[0] <= e.start < part[1]]
    if kind == "capture":
        named = _capture_object(doc, toks, i, hi, in_clause)
        if named is not None:
            return named
    in_clause = _located_by_direction(doc, toks, lo, hi, in_clause, ents or [])
    struck = _exposed(toks, i, lo, in_clause)
    if struck is not None:
        return struck
    after = [e for e in in_clause if e.start >= trig.end]
    before = [e for e in in_clause if e.start < trig.start][::-1]
    pick = _best(doc, after, parties=False, loose=True) or _best(
        doc, before, parties=False) or _best(doc, after, loose=True) or _best(doc, before)
    if pick:
        return pick
    if who is not None and who.type == "LOC" and cl_start <= who.start < cl_end:
        # «اعترضت عمّان الصاروخ» and nothing else: on the acting state's ground
        state = actor_name(who)
        return who if state == name(who) else Entity(
            start=who.start, end=who.end, text=who.text, type="LOC", canonical=state)
    in_sent = [e for e in places if sent_start <= e.start < sent_end]
    return _best(doc, [e for e in in_sent if e.start >= cl_end]) or _best(
        doc, [e for e in in_sent if e.end <= cl_start][::-1]
    )


STRIKES = ("airstrike", "missile_strike", "shelling", "strike")
_PART = lx.forms("بينهم منهم بينهن منهن")
_PART_REACH = 6
_CHIEF = lx.forms("أهمها أبرزها أهمهما أبرزهما")
_DIRECTIONS = lx.forms("شمال جنوب شرق غرب شمالي جنوبي شرقي غربي شمالا جنوبا شرقا غربا "
                       "بشمال بجنوب بشرق بغرب")
#: words of a place's name that name its kind, dropped from the name («حي الراشدين»)
_KIND_WORDS = lx.forms("حي مدينة بلدة قرية منطقة طريق قرى القرى بلدات أحياء مدن مناطق")
#: a place the recogniser missed starts with one of these («تجمع المدارس», «تلة الزيتون»):
#: words that go before a proper name (not «حقول النفط», «مواقع الجيش»)
_SITE_NOUNS = lx.forms("حي طريق تلة تل جبل قرية بلدة مطار معبر سد جسر مخيم تجمع ثكنة "
                       "ضاحية قرى")
#: words after a site noun that describe, not name («المواقع الواقعة شمال …»)
_NOT_NAME = lx.forms("الواقعة المحيطة القريبة المجاورة الممتدة الشمالية الجنوبية الشرقية "
                     "الغربية المحررة المحاصرة العسكرية الحدودية الاستراتيجية الأخرى "
                     "الحكومية التابعة المدينة البلدة القرية المنطقة النفط الغاز الدولي "
                     "الدولية الرئيسي الرئيسية العسكري الجوي المدني القديم القديمة الجديد "
                     "الجديدة السريع الدولي")


#: words just before «من X» that make X the place a strike was fired or flown from
_LAUNCHERS = lx.MISSILE | lx.AERIAL | lx.ARTILLERY | lx.LAUNCH | lx.forms(
    "مجنحة مجنحه انطلقت انطلق انطلاقا أقلعت أقلع إقلاع")


_BACKED = lx.forms("المدعومة المدعوم المدعومين مدعومة مدعوم مدعومين بدعم")
_BACKS = lx.forms("تدعمه تدعمها يدعمه يدعمها تدعمهم يدعمهم وتدعمه وتدعمها ويدعمه ويدعمها")


def _backer(doc: Document, ent: Entity) -> bool:
    """«قسد المدعومة من واشنطن», «تحالف تدعمه واشنطن», «بدعم من موسكو»: the state that
    backs a party, no place of the act."""
    before = fold(doc.text[max(0, ent.start - 20):ent.start]).split()
    if before and before[-1] in _BACKS:
        return True
    return len(before) >= 2 and before[-1] == "من" and before[-2] in _BACKED


#: words that make a place's name with the name after them («باب الهوى», «جبل الزاوية»)
_NAME_HEADS = lx.forms("باب جبل تل تلة عين رأس كفر دير بئر جسر")


def _compound(doc: Document, ent: Entity) -> Entity:
    """The whole name when the recogniser took only its second word: «دخول باب الهوى»
    happened at باب الهوى, not at a place called الهوى."""
    before = doc.text[max(0, ent.start - 8):ent.start]
    words = before.split()
    if not words or not before.endswith(" ") or fold(words[-1]) not in _NAME_HEADS:
        return ent
    start = ent.start - len(before) + before.rindex(words[-1])
    text = doc.text[start:ent.end]
    return Entity(start=start, end=ent.end, text=text, type="LOC", canonical=text)


def _launch_site(doc: Document, toks: list[Tok], ent: Entity) -> bool:
    """«أطلقت صواريخ مجنحة من البحر»، «أقلعت الطائرات من قاعدة …»; not the part of
    «الجانب المحتل من هضبة الجولان»."""
    if not _after_word(doc, ent, ("من",)):
        return False
    k = next((n for n, t in enumerate(toks) if t.end > ent.start), None)
    if k is None or k < 2:
        return False
    return any(t.forms & _LAUNCHERS for t in toks[max(0, k - 3):k - 1])


def _part_marker(toks: list[Tok], t: Tok) -> bool:
    """«بينهم طفل في …», «منهم»: what follows singles out some of the people it befell
    («بما في ذلك معقله في الرقة» after a place is a place of the act all the same)."""
    return t.norm in _PART


def _site(doc: Document, toks: list[Tok], a: int, b: int) -> Entity | None:
    """The place named by ``toks[a:b]`` («تجمع المدارس», «طريق البريج» → البريج), when
    they are a site noun and one or two names with the article, and no description."""
    words = toks[a:b]
    if not 2 <= len(words) <= 3 or not words[0].forms & _SITE_NOUNS:
        return None
    if any(_gap(doc, x, y) for x, y in zip(words, words[1:], strict=False)):
        return None  # «قرى " الصفا - المروة "»: a list, not one name
    rest = words[1:]
    if any(not w.norm.startswith("ال") or w.norm in _NOT_NAME or w.forms & _SITE_NOUNS
           for w in rest):
        return None
    first = 1 if words[0].forms & _KIND_WORDS else 0
    start, end = words[first].start, words[-1].end
    text = doc.text[start:end]
    return Entity(start=start, end=end, text=text, type="LOC", canonical=text)


_EXPOSED = lx.forms("تعرض تعرضت يتعرض تتعرض تعرضوا تعرضا وتعرضت وتعرض")


def _exposed(toks: list[Tok], i: int, lo: int, cands: list[Entity]) -> Entity | None:
    """«تعرضت بلدة كفرنبل لقصف مدفعي»: the place that underwent the act, the subject of
    «تعرض» before its «لـ» trigger, whatever places follow."""
    if not toks[i].norm.startswith("ل") and not (i > lo and toks[i - 1].norm.startswith("ل")):
        return None
    k = next((k for k in range(i - 1, max(lo, i - 8) - 1, -1) if toks[k].norm in _EXPOSED), None)
    if k is None:
        return None
    return next((e for e in cands if toks[k].end <= e.start < toks[i].start), None)


def _gap(doc: Document, x: Tok, y: Tok) -> bool:
    """Something other than spaces and quotes stands between two words."""
    return bool(doc.text[x.end:y.start].strip(" \"«»“”"))


def _capture_object(doc: Document, toks: list[Tok], i: int, hi: int,
                    in_clause: list[Entity]) -> Entity | None:
    """The site a capture takes when the recogniser named none there: «سقوط طريق
    البريج», «السيطرة على تجمع المدارس جنوب غرب حلب»."""
    a = i + 1
    if a < hi and toks[a].norm in _ON:
        a += 1
    if a < hi and not toks[a].forms & _SITE_NOUNS:
        # «استعادوا عددا من القرى أبرزها تلة الزيتون»: the one it singles out
        a = next((k + 1 for k in range(a, min(hi - 1, a + 6)) if toks[k].norm in _CHIEF), hi)
    if a >= hi or not toks[a].forms & _SITE_NOUNS:
        return None
    b = a + 1
    while b < hi and b - a < 3 and toks[b].norm.startswith("ال") and not toks[b].forms & (
        _DIRECTIONS | _NOT_NAME
    ) and not _gap(doc, toks[b - 1], toks[b]):
        b += 1
    if any(toks[a].start <= e.start < toks[b - 1].end for e in in_clause):
        return None  # a place the recogniser found there: the usual choice
    return _site(doc, toks, a, b)


def _located_by_direction(doc: Document, toks: list[Tok], lo: int, hi: int,
                          cands: list[Entity], ents: list[Entity]) -> list[Entity]:
    """«… في جمعية الأمل غربي حلب»: the act is at the name before the direction, the
    place after it only says where that is; the name may be one the recogniser took for
    an organisation, or a site it missed («على تجمع المدارس جنوب غرب حلب»)."""
    out = list(cands)
    for k, e in enumerate(cands):
        j = next((n for n in range(lo, hi) if toks[n].end > e.start), None)
        if j is None or j == lo or not toks[j - 1].forms & _DIRECTIONS:
            continue
        d = j - 1
        while d > lo and toks[d - 1].forms & _DIRECTIONS:
            d -= 1
        if d == lo:
            continue
        prev_end = toks[d - 1].end
        named = next((x for x in ents if x.end == prev_end or (
            x.start < prev_end <= x.end)), None)
        if named is not None and named.type in ("ORG", "PER") and _after_word(
            doc, named, ("في", "فى", "على")
        ):
            out[k] = Entity(start=named.start, end=named.end, text=named.text, type="LOC",
                            canonical=name(named))
            continue
        if named is not None:
            continue
        for a in range(d - 1, max(lo, d - 4) - 1, -1):
            if toks[a].norm in _ON_HAND:
                site = _site(doc, toks, a + 1, d)
                if site is not None:
                    out[k] = site
                break
    return out


def _best(doc: Document, cands: list[Entity], parties: bool = True,
          loose: bool = False) -> Entity | None:
    """Where it happened among ``cands`` (nearest the trigger first): not the parties of
    «بين موسكو ودمشق» or «الحدود مع الأردن» (unless ``parties`` and only parties stand);
    the destination of «من X إلى Y» over its origin X; a place brought by «في», «على»
    or «إلى» (or a glued «بـ», «كـ», «لـ»; after the trigger, ``loose``, also «في» and
    one noun: «في بادية X») over one that is not; a town over a country."""
    named = [e for e in cands if not _after_word(doc, e, _PARTIES)]
    cands = named or (cands if parties else [])
    if not cands:
        return None
    if _after_word(doc, cands[0], ("من",)):
        dest = next((e for e in cands[1:] if _after_word(doc, e, _TO)
                     and e.start > cands[0].start), None)
        if dest:
            return dest
    located = [e for e in cands if _after_word(doc, e, _AT) or _glued_at(doc, e)
               or (loose and _two_after(doc, e))]
    towns = [e for e in located if not is_country(e)] or located
    if towns:
        return towns[0]
    towns = [e for e in cands if not is_country(e)] or cands
    return towns[0]


_FOR = lx.forms("لمدة مدة طيلة طوال")
_TIME_UNITS = ("ساع", "يوم", "ايام", "سنه", "سنوات", "سنين", "عام", "اعوام", "شهر", "اشهر",
               "اسبوع", "اسابيع", "دقيق", "دقائق")


def _two_after(doc: Document, ent: Entity) -> bool:
    """«في بادية البقعان», «في محيط بلدة …»: «في» and one noun before the name."""
    before = fold(doc.text[max(0, ent.start - 24):ent.start]).split()
    return len(before) >= 2 and before[-2] in _ON_FOLDED and before[-1] not in _AT_FOLDED and (
        before[-1] not in _PARTIES_FOLDED)


def _glued_at(doc: Document, ent: Entity) -> bool:
    """«مدن كبرى كمسكنة»: the name given as an instance of the place the act took, or
    «بريف حلب», «وفي مدينة حمص», «لمدينة عفرين»: a kind word or «في» carrying a glued
    «بـ», «لـ» or «و»
    (a «بـ» or «لـ» glued to the name itself is as often no place: «الاعتراف بالقدس»)."""
    k = ent.start
    if k >= 2 and doc.text[k - 1] == "ك" and doc.text[k - 2].isspace():
        return True
    before = fold(doc.text[max(0, k - 12):k]).split()
    if not before:
        return False
    last = before[-1]
    return any(len(last) > n + 1 and all(c in "بولف" for c in last[:n]) and last[n:] in
               _AT_FOLDED for n in (1, 2))


def is_window(doc: Document, fig: Figure) -> bool:
    """A reporting window («خلال الساعات الـ24 الماضية») or a duration («لمدة 3 سنوات»):
    no figure of the event."""
    text = fold(fig.text)
    if any(u in text for u in _TIME_UNITS):
        before = fold(doc.text[max(0, fig.start - 8):fig.start]).split()
        if before and before[-1] in _FOR:
            return True
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
