"""Contradiction cues tied to one evidence passage: what lets an article *disagree*.

The article classifier often calls a same-story article ``disagree`` because it words
the story differently, gives another toll, or contains some unrelated «لا» or «رفض».  A
fact-checker needs the sentence that contradicts the claim, so an article may only
disagree when one of its best-matching passages (those shown as evidence) is about the
claim (shares at least :data:`MIN_COVERAGE` of the claim's content words) and has one of:

- ``denial``: a denial word or phrase (نفى، كذّب، شائعة، لا صحة ...) the claim lacks.
  «رفض» (refused, rejected a policy) is not a denial of a fact and does not count;
- ``negated``: a negation particle (لم، لن، ليس، لا، عدم، غير ...) within
  :data:`NEGATION_WINDOW` words of a word of the claim, when the claim has none
  («لم نقتل الشرطيين» against «مقتل شرطيين», «إعادة فتح السفارة غير مطروحة»);
- ``antonym``: the opposite of a claim word while the claim word itself is absent
  (position words such as شمال/جنوب and «قبل» = before are left out);
- ``figure_corrected``: a figure of the claim is missing, the passage gives another
  figure for the same counted thing (the word after the number shares a key with the
  claim's, or both count people killed: قتيلا / مسلحا / شخصا), *and* the passage
  presents it as a correction, denial or contrast (نفى، صحح، وليس، خلافا لـ، بل،
  «تقل عن الرقم»، تضارب).

A different figure without such a correction is an update or another source's toll:
the cue ``figure_differs`` is reported, but it only makes the article ``discuss``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from marsad.check import lexicon
from marsad.check.features import STOPWORDS, view
from marsad.text.normalize import fold, search_key, tokens

#: Share of the claim's content words a passage must contain to contradict it.
MIN_COVERAGE = 0.34
#: Words after a negation particle that it can negate.
NEGATION_WINDOW = 5

#: Rejecting a policy or a request is not denying a fact.
_NOT_DENIAL = frozenset(search_key(fold(w)) for w in "رفض رفضت ينفى".split())
DENIAL_WORDS = lexicon.DENIAL - _NOT_DENIAL

#: Negation particles («ما» is mostly a relative pronoun and is left out).
NEGATORS = frozenset(search_key(fold(w)) for w in "لم لن ليس ليست لا لسنا ليسوا عدم غير".split())

#: Antonym pairs too ambiguous to count alone (directions, «قبل» = before, ranks).
_WEAK_ANTONYMS = frozenset(
    search_key(fold(w))
    for w in "شمال جنوب شرق غرب يمين يسار قبل اول اخر جديد قديم كبير صغير قريب بعيد اكثر اقل قتل اصيب".split()
)

#: Words that present a figure (or a fact) as a correction of another.
CORRECTION = frozenset(
    search_key(fold(w))
    for w in """صحح صححت تصحيح يصحح خلافا عكس مبالغ مبالغه المبالغ وليس وليست بل
    حقيقه الحقيقه الصحيح تقل يقل تفوق يفوق تضارب تضاربت مغاير مخالف""".split()
)

#: Nouns that count people killed: a toll of «مسلحا» and one of «قتيلا» count the same thing.
KILLED = frozenset(
    search_key(fold(w))
    for w in """قتيلا قتيل قتلى شخصا اشخاص شخص مسلحا مسلحين مدنيا مدنيين عنصرا عناصر
    مقاتلا مقاتلين جنديا جنود""".split()
)

_NUMBER = re.compile(r"\d+(?:[.,]\d+)?")


@dataclass(frozen=True)
class Cue:
    """One contradiction (or figure) cue found in a passage."""

    name: str
    word: str  # the folded word that carries it


def _keys(text: str) -> list[str]:
    return [search_key(tok) for _, _, tok in tokens(fold(text))]


def _related(a: str, b: str) -> bool:
    """Same search key, or a shared beginning of at least 3 letters that is all of the
    shorter word or all but its last letter: شرطي / شرطيين, سفاره / سفارتها."""
    if a == b:
        return True
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n >= max(3, min(len(a), len(b)) - 1)


def _counted(keys: list[str]) -> dict[str, set[str]]:
    """Each number and the words right after it (what it counts)."""
    out: dict[str, set[str]] = {}
    for i, k in enumerate(keys):
        if _NUMBER.fullmatch(k):
            out.setdefault(k.replace(",", "."), set()).update(
                w for w in keys[i + 1 : i + 3] if w not in STOPWORDS and not w.isdigit()
            )
    return out


def coverage(claim: str, passage: str) -> float:
    c = view(claim).content
    return len(c & view(passage).content) / max(1, len(c))


def cues(claim: str, passage: str) -> list[Cue]:
    """The contradiction cues of ``passage`` against ``claim`` (see the module rules);
    none if the passage is not about the claim."""
    if coverage(claim, passage) < MIN_COVERAGE:
        return []
    ckeys, pkeys = _keys(claim), _keys(passage)
    cset, pset = set(ckeys), set(pkeys)
    content = view(claim).content
    found: list[Cue] = []
    denial = [k for k in pkeys if k in DENIAL_WORDS and k not in cset]
    pfold, cfold = fold(passage), fold(claim)
    denial += [p for p in lexicon.DENIAL_PHRASES if p in pfold and p not in cfold]
    if denial:
        found.append(Cue("denial", denial[0]))
    if not cset & NEGATORS:
        for i, k in enumerate(pkeys):
            if k in NEGATORS:
                near = pkeys[max(0, i - NEGATION_WINDOW) : i] + pkeys[i + 1 : i + 1 + NEGATION_WINDOW]
                hit = next((w for w in near if any(_related(w, c) for c in content)), None)
                if hit:
                    found.append(Cue("negated", f"{k} … {hit}"))
                    break
    for c in content - _WEAK_ANTONYMS:
        anti = [a for a in lexicon.antonyms_of(c) if a in pset and a not in cset and a not in _WEAK_ANTONYMS]
        if anti and c not in pset:
            found.append(Cue("antonym", anti[0]))
            break
    cnum, pnum = _counted(ckeys), _counted(pkeys)
    missing = [n for n in cnum if n not in pnum]
    for n in missing:
        other = [
            m
            for m, what in pnum.items()
            if any(_related(w, c) or (w in KILLED and c in KILLED) for w in what for c in cnum[n])
        ]
        if other:
            corrected = bool(pset & CORRECTION) or bool(denial)
            found.append(Cue("figure_corrected" if corrected else "figure_differs", f"{n} → {other[0]}"))
            break
    return found


def denies(claim: str, passage: str, min_coverage: float = 0.5) -> bool:
    """Whether a passage anywhere in the article denies the claim: a ``denial`` cue in a
    passage sharing at least ``min_coverage`` of the claim's content words."""
    return coverage(claim, passage) >= min_coverage and any(c.name == "denial" for c in cues(claim, passage))


def article_denials(text: str) -> int:
    """Denial words and phrases in a whole text («رفض» left out)."""
    v = view(text)
    return sum(1 for k in v.keys if k in DENIAL_WORDS) + sum(1 for p in lexicon.DENIAL_PHRASES if p in v.folded)


def contradicts(claim: str, passage: str) -> bool:
    """Whether a passage carries a cue that can make its article disagree."""
    return any(c.name != "figure_differs" for c in cues(claim, passage))
