"""The reporting-word lexicon: which words open a reporting act, and how.

Rules implemented (../shared/gold/README.md, section *claims*):

- A reporting verb in any person and tense (قال، يقول، قالت، تقول …) or its accusative
  participle (قائلا، مبينا، مضيفا، نافيا …) opens a claim.  Each form carries the
  grammatical gender of its subject (أضاف m, أضافت f, مبينة f), which picks the speaker
  of a continuation with no subject.
- Denial verbs (نفى، ينفي، نافيا) make the claim ``deny``.
- Some words are reporting verbs only in some uses: بين is also "between", تابع "to
  follow", تبين "it turned out", يعتبر "is considered", يذكر "it is mentioned".  Those
  are ``needs_clause`` (a أن/إن clause, a colon or a quotation must follow) and some are
  ``needs_subject`` (an explicit speaker must be named), so that the outlet's own voice
  («يذكر أن», «يشار إلى أن», «تجدر الإشارة») never becomes a claim.
- ``takes_object`` verbs may report with a plain object instead of a clause
  (أعلنت الوزارة مقتل …، أكد تزويد …، أعرب عن …، دعا واشنطن إلى …).

All forms are stored folded (marsad.text.normalize.fold), so lookups are made on
``doc.normalized``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from marsad.extract.claims.folding import WordMemo, fold


@dataclass(frozen=True)
class VerbSpec:
    lemma: str  # the perfect, 3rd person masculine, as written in dictionaries
    perfect: str
    imperfect: str  # 3rd person masculine singular
    participle: str  # masculine singular, without the accusative alef
    deny: bool = False
    takes_object: bool = False
    needs_clause: bool = False
    needs_subject: bool = False
    extra: tuple[tuple[str, str, str], ...] = ()  # irregular (form, kind, gender)


@dataclass(frozen=True)
class TriggerForm:
    """One folded word form of a reporting verb."""

    spec: VerbSpec
    kind: str  # perfect | imperfect | participle
    gender: str  # m | f | pl | any


_SPECS: tuple[VerbSpec, ...] = (
    VerbSpec("قال", "قال", "يقول", "قائل", extra=(("قلن", "perfect", "pl"),)),
    VerbSpec("أكد", "أكد", "يؤكد", "مؤكد", takes_object=True),
    VerbSpec("أوضح", "أوضح", "يوضح", "موضح"),
    VerbSpec("أشار", "أشار", "يشير", "مشير"),
    VerbSpec("أضاف", "أضاف", "يضيف", "مضيف"),
    VerbSpec(
        "نفى", "نفى", "ينفي", "ناف", deny=True, takes_object=True,
        extra=(
            ("نفت", "perfect", "f"), ("نفوا", "perfect", "pl"), ("ينفون", "imperfect", "pl"),
            ("نافيا", "participle", "m"), ("نافية", "participle", "f"),
            ("نافين", "participle", "pl"),
        ),
    ),
    VerbSpec("شدد", "شدد", "يشدد", "مشدد"),
    VerbSpec("لفت", "لفت", "يلفت", "لافت", needs_clause=True),
    VerbSpec("بين", "بين", "يبين", "مبين", needs_clause=True),
    VerbSpec("اعتبر", "اعتبر", "يعتبر", "معتبر", needs_clause=True),
    VerbSpec("أعلن", "أعلن", "يعلن", "معلن", takes_object=True),
    VerbSpec("تساءل", "تساءل", "يتساءل", "متسائل", takes_object=True),
    VerbSpec("استطرد", "استطرد", "يستطرد", "مستطرد"),
    VerbSpec("تابع", "تابع", "يتابع", "متابع", needs_clause=True),
    VerbSpec("ذكر", "ذكر", "يذكر", "ذاكر", needs_clause=True, needs_subject=True),
    VerbSpec("صرح", "صرح", "يصرح", "مصرح"),
    VerbSpec("حذر", "حذر", "يحذر", "محذر", takes_object=True),
    VerbSpec("طالب", "طالب", "يطالب", "مطالب", takes_object=True, needs_subject=True),
    VerbSpec(
        "دعا", "دعا", "يدعو", "داع", takes_object=True,
        extra=(
            ("دعت", "perfect", "f"), ("دعوا", "perfect", "pl"), ("تدعو", "imperfect", "f"),
            ("يدعون", "imperfect", "pl"), ("داعيا", "participle", "m"),
            ("داعية", "participle", "f"), ("داعين", "participle", "pl"),
        ),
    ),
    VerbSpec("أعرب", "أعرب", "يعرب", "معرب", takes_object=True),
    VerbSpec("اتهم", "اتهم", "يتهم", "متهم", takes_object=True, needs_subject=True),
    VerbSpec("أفاد", "أفاد", "يفيد", "مفيد", needs_clause=True),
    VerbSpec("نوه", "نوه", "ينوه", "منوه", needs_clause=True),
    VerbSpec("كشف", "كشف", "يكشف", "كاشف", needs_clause=True),
    VerbSpec("أردف", "أردف", "يردف", "مردف"),
    VerbSpec("استدرك", "استدرك", "يستدرك", "مستدرك"),
    VerbSpec("زعم", "زعم", "يزعم", "زاعم"),
    VerbSpec("اعترف", "اعترف", "يعترف", "معترف", needs_clause=True),
    VerbSpec("أقر", "أقر", "يقر", "مقر", needs_clause=True, needs_subject=True),
    VerbSpec(
        "رأى", "رأى", "يرى", "رائي", needs_clause=True, needs_subject=True,
        extra=(("رأت", "perfect", "f"), ("رأوا", "perfect", "pl"), ("ترى", "imperfect", "f")),
    ),
    VerbSpec("أنكر", "أنكر", "ينكر", "منكر", deny=True, takes_object=True),
    VerbSpec("فند", "فند", "يفند", "مفند", deny=True, takes_object=True, needs_subject=True),
    VerbSpec("أبلغ", "أبلغ", "يبلغ", "مبلغ", needs_clause=True, needs_subject=True),
    VerbSpec("أورد", "أورد", "يورد", "مورد", needs_clause=True, needs_subject=True),
    VerbSpec("ناشد", "ناشد", "يناشد", "مناشد", takes_object=True),
    VerbSpec("نقل", "نقل", "ينقل", "ناقل", needs_clause=True),
    VerbSpec("حث", "حث", "يحث", "حاث", takes_object=True, needs_subject=True,
             extra=(("حثت", "perfect", "f"), ("تحث", "imperfect", "f"))),
    VerbSpec("وصف", "وصف", "يصف", "واصف", needs_clause=True),
    VerbSpec("لمح", "لمح", "يلمح", "ملمح", needs_clause=True, needs_subject=True),
    VerbSpec("ألمح", "ألمح", "يلمح", "ملمح", needs_clause=True),
    VerbSpec("كتب", "كتب", "يكتب", "كاتب", needs_clause=True, needs_subject=True),
    VerbSpec(
        "ادعى", "ادعى", "يدعي", "مدع", needs_clause=True,
        extra=(("ادعت", "perfect", "f"), ("تدعي", "imperfect", "f"), ("مدعيا", "participle", "m")),
    ),
)

#: forms that are another word too often to count without an explicit subject
_AMBIGUOUS_WITHOUT_SUBJECT = {fold(w) for w in ("تبين", "يعتبر", "تعتبر", "يذكر", "تذكر", "ذكر")}

#: forms that must never be read as reporting verbs (nouns or other verbs)
_NOT_TRIGGERS = {fold(w) for w in ("كاتب", "كاتبا", "كاتبة", "واصف", "واصفا", "حاثا", "لافت", "لافتة", "مؤكد", "مؤكدة", "متهم", "مقر", "مفيد", "مبلغ", "مبلغا", "مورد", "موردا", "ناقل", "ناقلا", "ناقلة", "مناشدة", "حذرا")}


def _perfect_forms(p: str) -> list[tuple[str, str]]:
    return [(p, "m"), (p + "ت", "f"), (p + "وا", "pl"), (p + "ا", "pl"), (p + "تا", "pl")]


def _imperfect_forms(i: str) -> list[tuple[str, str]]:
    stem = i[1:]
    return [
        ("ي" + stem, "m"), ("ت" + stem, "f"), ("ي" + stem + "ون", "pl"),
        ("ت" + stem + "ون", "pl"), ("ن" + stem, "pl"), ("أ" + stem, "pl"),
    ]


def _participle_forms(a: str) -> list[tuple[str, str]]:
    return [(a + "ا", "m"), (a + "ة", "f"), (a + "ين", "pl"), (a + "تين", "pl")]


def _build() -> dict[str, TriggerForm]:
    table: dict[str, TriggerForm] = {}

    def put(form: str, spec: VerbSpec, kind: str, gender: str) -> None:
        key = fold(form)
        if key in _NOT_TRIGGERS:
            return
        table.setdefault(key, TriggerForm(spec, kind, gender))

    for spec in _SPECS:
        for form, kind, gender in spec.extra:
            put(form, spec, kind, gender)
        if spec.lemma in {"نفى", "دعا", "رأى", "ادعى"}:
            put(spec.perfect, spec, "perfect", "m")
            put(spec.imperfect, spec, "imperfect", "m")
            continue
        for form, gender in _perfect_forms(spec.perfect):
            put(form, spec, "perfect", gender)
        for form, gender in _imperfect_forms(spec.imperfect):
            put(form, spec, "imperfect", gender)
        for form, gender in _participle_forms(spec.participle):
            put(form, spec, "participle", gender)
    # أكد → أكد/أكدت; hollow قال has قالت; أشار has أشارت: all produced above
    return table


TRIGGERS: dict[str, TriggerForm] = _build()

#: conjunctions and particles that may be glued to the front of a reporting verb
CONJ_PREFIXES = ("و", "ف")


def _lookup(token: str) -> tuple[TriggerForm, int] | None:
    """The trigger form of a folded token and the length of a glued conjunction.

    ``lookup("واضاف")`` → (أضاف m perfect, 1).  A token is tried whole first, so a verb
    that itself begins with و is never cut.
    """
    form = TRIGGERS.get(token)
    if form is not None:
        return form, 0
    for prefix in CONJ_PREFIXES:
        if token.startswith(prefix):
            form = TRIGGERS.get(token[len(prefix):])
            if form is not None:
                return form, len(prefix)
    return None


#: ``lookup(token)``: :func:`_lookup`, remembered per token (the table never changes)
lookup: Callable[[str], tuple[TriggerForm, int] | None] = WordMemo(_lookup).__getitem__


def is_ambiguous_without_subject(token: str) -> bool:
    return token in _AMBIGUOUS_WITHOUT_SUBJECT


#: nominal attributions: «وفقا لـ X», «حسب X», «بحسب X», «نقلا عن X», «على حد قول X»
NOMINAL = {
    fold("وفقا"): "وفقا", fold("وفقاً"): "وفقا", fold("طبقا"): "طبقا",
    fold("حسب"): "حسب", fold("بحسب"): "حسب", fold("وحسب"): "حسب", fold("وبحسب"): "حسب",
    fold("نقلا"): "نقلا", fold("وفق"): "وفق",
    fold("حسبما"): "حسب", fold("وحسبما"): "حسب", fold("بحسبما"): "حسب", fold("وفقما"): "وفق",
}

#: the outlet's own voice: these open no claim (يشار إلى أن، يذكر أن، تجدر الإشارة)
OUTLET_VOICE = tuple(fold(w) for w in ("يشار", "ويشار", "يذكر", "ويذكر", "تجدر", "وتجدر", "يجدر"))

#: the word after which «جاء في …» reports a document's words
STATEMENT_NOUNS = {
    fold(w) for w in (
        "بيان", "البيان", "بيانها", "بيانه", "تصريح", "تصريحات", "تقرير", "التقرير",
        "رسالة", "الرسالة", "نص", "تغريدة", "منشور", "مذكرة", "كلمة", "كلمته", "بلاغ",
    )
}

#: complementizers that open an indirect content clause (folded)
COMPLEMENTIZERS = {
    fold(w) for w in (
        "أن", "إن", "أنه", "إنه", "أنها", "إنها", "أنهم", "إنهم", "أنهما", "أنهن", "أننا",
        "إننا", "أنني", "إنني", "بأن", "بأنه", "بأنها", "بأنهم", "بأننا", "وأن", "وإن",
    )
}

#: quotation marks in every style seen in Arabic news
QUOTES = "«»“”„\"‹›'"

#: a negated act in the content makes a claim a denial (لم يوجه، ولا يوجه)
_ACT_STEMS = (
    "وجه", "قصف", "ستهدف", "شن", "هاجم", "ضرب", "قتل", "ستخدم", "طلق", "نفذ", "رتكب",
    "دعم", "سلح", "شارك", "قتحم", "تدخل", "رسل", "زود", "قم", "غر", "سقط",
)
NEGATIONS = {fold(w) for w in ("لم", "لا", "لن", "ولا", "ولم", "ولن", "ليس", "ما")}
DENIAL_PHRASES = tuple(
    fold(w) for w in ("لا صحة", "عار عن الصحة", "عارية عن الصحة", "عار من الصحة", "غير صحيح", "غير صحيحة")
)


def is_negated_act(token: str) -> bool:
    """True for an imperfect of an act verb (يوجه، تستهدف، نقصف) after a negation."""
    if len(token) < 2 or token[0] not in "يتنا":
        return False
    stem = token[1:]
    return any(stem == s or stem == s + "وا" or stem == s + "ون" for s in _ACT_STEMS)
