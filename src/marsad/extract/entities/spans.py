"""Span fitting: settling overlapping proposals, then cutting each mention to the name
(titles, clitics, place words, words that end a person's name) and the tests that
drop a proposal that names nothing («العربي», «سيارة بيك آب», «دوماً»)."""

from __future__ import annotations

import re

from marsad.extract.entities import canonical_aliases, gazetteer
from marsad.extract.entities.mention import (
    _COMMON_NOUNS,
    _HARAKAT,
    _LEADING_CLITICS,
    _NAME_STOP,
    _NOT_NAMES,
    _OFFICE_WORDS,
    _PLACE_HEADS,
    _PLATFORMS,
    _TANWEEN,
    _VEHICLE_WORDS,
    Mention,
    _is_word,
    _known,
    _person_words,
)
from marsad.extract.entities.ner_clusters import clusters
from marsad.extract.entities.ner_features import lexicon
from marsad.extract.entities.ner_tokens import Token
from marsad.extract.entities.propose import _DIRECTIONS
from marsad.extract.entities.roles import BOUNDARY_WORDS, ROLE_HEADS, TITLES
from marsad.text.normalize import fold, strip_clitics

_PRIORITY = {"alias": 0, "country": 1, "pattern": 2, "model": 3, "place": 4, "list": 5, "title": 6,
             "body": 7}


def _clitic_cut(word: str, following: list[str], typ: str = "") -> int:
    """How many characters of a name's first ``word`` are an attached clitic to cut
    off (0 if none): when the name without it is known and the word with it is not,
    or (for و and ف) when news text uses the bare word and never the prefixed one,
    or, for a person, when the word without «و» is a known given name of four letters
    or more and the word with it is not («وحافظ الأسد»), or when و/ل is glued to «عبد…»
    («لعبد الناصر»); «ف» and «ل» start too many names (فؤاد، لطفي) to be cut otherwise."""
    w = fold(word)
    tail = "".join(" " + fold(x) for x in following)
    vocab = clusters()
    if len(w) < 4 or _known(w + tail):
        return 0  # «بريطانيا», «لبنان» are names as they stand
    cut = next((p for p in _LEADING_CLITICS
                if w.startswith(p) and len(w) - len(p) >= 3 and _known(w[len(p):] + tail)), None)
    if cut is None and w[0] in "وف" and w[1:] in vocab and w not in vocab:
        cut = w[0]
    if cut is None and typ == "PER" and w[0] in "ول" and w not in _person_words():
        first_names = lexicon().get("lex_per_first", frozenset())
        if w[1:].startswith("عبد") or w[0] == "و" and len(w) > 4 and w[1:] in first_names:
            cut = w[0]
    if cut is None:
        return 0
    # map folded letters back onto the word (harakat are dropped by fold)
    seen = 0
    for i, ch in enumerate(word):
        if not _HARAKAT.match(ch):
            seen += 1
        if seen == len(cut):
            return i + 1
    return 0


def _extend_given_name(m: Mention, words: list[str], taken: set[int]) -> None:
    """«مولود جاويش أوغلو» where the model found «جاويش أوغلو»: a known given name
    (WikiFANE first names) right before a person's name belongs to it."""
    first_names = lexicon().get("lex_per_first", frozenset())
    for _ in range(2):
        i = m.start - 1
        if i < 0 or i in taken or not words[i].isalpha():
            return
        w = fold(words[i])
        if w not in first_names or w in ROLE_HEADS or w in _NAME_STOP or w.startswith("ال"):
            return
        m.start = i
        taken.add(i)


def _settle(candidates: list[Mention]) -> list[Mention]:
    """Non-overlapping mentions, longest first, then by source priority."""
    chosen: list[Mention] = []
    taken: set[int] = set()
    for m in sorted(candidates, key=lambda m: (-(m.end - m.start), _PRIORITY[m.source], m.start)):
        if taken.isdisjoint(range(m.start, m.end)):
            chosen.append(m)
            taken.update(range(m.start, m.end))
    # a country named by the gazetteer is a place even if the model said ORG on the same words
    return sorted(chosen, key=lambda m: m.start)


def _same_span_fix(chosen: list[Mention], candidates: list[Mention]) -> None:
    for m in chosen:
        if m.source == "model":
            for c in candidates:
                if c.source in ("alias", "country") and (c.start, c.end) == (m.start, m.end):
                    m.type, m.source, m.canonical = c.type, c.source, c.canonical


def _is_name(text: str) -> bool:
    """Not a common noun or a group of people taken for a name, nor page debris in
    Latin script (the model is trained on Arabic text only)."""
    if re.search(r"[A-Za-z]", text):
        return bool(canonical_aliases.lookup(text))
    if _TANWEEN.search(text):
        return False  # «دوماً» (always) is an adverb, not the town of Douma
    forms = strip_clitics(fold(text.strip()))
    if canonical_aliases.lookup(text) and fold(text) not in _NOT_NAMES:
        return True  # «القاعدة» is al-Qaeda, though «قاعدة» (a base) is a place word
    return len(forms[0]) > 1 and not any(f in _NOT_NAMES or f in _COMMON_NOUNS or f in _PLATFORMS
                                         for f in forms)


def _after_office_word(tokens: list[Token], start: int) -> bool:
    """Is the word before token ``start`` an office word («رئيس», «باسم»)?"""
    if start == 0:
        return False
    prev = fold(tokens[start - 1].text)
    return prev in _OFFICE_WORDS or any(f in _OFFICE_WORDS for f in strip_clitics(prev)[1:])


def _trim_place_word(m: Mention, words: list[str]) -> None:
    """«ريف حمص», «مدينة تدمر» → the place is «حمص», «تدمر» (unless the gazetteer
    knows the whole phrase, as «ريف دمشق»)."""
    while m.end - m.start > 1:
        first = words[m.start]
        if not any(f in _PLACE_HEADS for f in strip_clitics(fold(first))):
            return
        whole = gazetteer.candidates(" ".join(words[m.start:m.end]))
        if any(p.kind != "city" or p.population > 0 for p in whole):
            return
        m.start += 1


#: words that end a person's name when the model runs on past it: pronouns,
#: demonstratives, auxiliaries, weekdays («بشار الأسد هو», «بندر كانوا»)
_AFTER_NAME = {fold(w) for w in (
    "هو هي هم هما هذا هذه ذلك تلك هؤلاء كل بعض جميع كان كانت كانوا يكون ليس ليست وهو وهي "
    "الأحد الاثنين الإثنين الثلاثاء الأربعاء الخميس الجمعة السبت أيضا ايضا"
).split()}


_REGNAL = {fold(w) for w in "الأول الثاني الثالث الرابع الخامس".split()}


_NAME_LINKS = {fold(w) for w in "آل بن ابن بنت أبو أبي أم عبد".split()}


def _ends_name(word: str, prev: str = "") -> bool:
    """Is ``word`` (after a person's first name word) no part of the name?  The word
    after «آل», «بن», «أبو», «عبد» always is («محمد آل ثاني»)."""
    if fold(prev) in _NAME_LINKS:
        return False
    w = fold(word)
    if not word.isalpha() or w in ("علي", "ابو", "ابن", "بن", "بنت", "ال"):
        return not word.isalpha()
    if w in _REGNAL or w in _person_words():
        return False  # «عبدالله الثاني», «محمد أمين»
    if w in _AFTER_NAME or w in _NAME_STOP or w in BOUNDARY_WORDS or w in ROLE_HEADS:
        return True
    if w.endswith("ا") and w[:-1] in ROLE_HEADS:
        return True  # «عُيّن بندر رئيسا»: an accusative office word
    if _TANWEEN.search(word):
        return True
    # «بالوقوف», «للمخابرات»: a preposition glued to a definite noun
    return (w.startswith("بال") or w.startswith("لل")) and w[2:] not in _person_words()


def _trim_person(m: Mention, words: list[str]) -> None:
    """Cut a person's span down to the name: a title inside the span goes (it is read
    as the title: «الكولونيل ريان ديلون» → «ريان ديلون»), and the span ends before the
    first word that cannot be part of a name («بندر هو», «عبدالله الأربعاء») or right
    after a known person's full name («بشار الأسد مقابلة» → «بشار الأسد»)."""
    if m.source == "alias":
        return
    folded = [fold(w) for w in words]
    while m.end - m.start > 1:
        title = next((t for t in TITLES if m.end - m.start > len(t)
                      and tuple(folded[m.start:m.start + len(t)]) == t), None)
        if title is None:
            break
        m.start += len(title)
    for k in range(m.start + 1, m.end):
        if _ends_name(words[k], words[k - 1]):
            m.end = k
            break
    for k in range(m.end - 1, m.start, -1):
        hit = canonical_aliases.lookup(" ".join(folded[m.start:k]))
        if hit and hit[0] == "PER" and folded[k] not in _person_words():
            m.end = k
            break


def _cut_at_place_word(m: Mention, words: list[str]) -> None:
    """«فيضة الشويط بريف دير الزور»: a place phrase ends before a glued place word
    («بريف», «بمدينة», «وبلدة») or «في» — what follows is another place."""
    for k in range(m.start + 1, m.end):
        w = fold(words[k])
        if w == "في" or len(w) > 3 and w[0] in "بو" and w[1:] in _PLACE_HEADS:
            m.end = k
            return


def _conjunction_cut(word: str) -> int:
    """1 when a role phrase starts with a glued «و» («ووزير الدفاع»), else 0."""
    w = fold(word)
    return 1 if word.startswith("و") and w not in ROLE_HEADS and w[1:] in ROLE_HEADS else 0


def _after_vehicle_word(words: list[str], start: int) -> bool:
    """Is the word before ``start`` (quotes skipped) a vehicle word («سيارة», «عربات»)?"""
    i = start - 1
    while i >= 0 and not _is_word(words[i]):
        i -= 1
    return i >= 0 and any(f in _VEHICLE_WORDS for f in strip_clitics(fold(words[i])))


def _lone_adjective(words: list[str]) -> bool:
    """One definite nisba adjective («العربي», «الإسلامية») and nothing else."""
    if len(words) != 1:
        return False
    w = fold(words[0])
    return w.startswith("ال") and w.endswith(("ي", "يه")) and not canonical_aliases.lookup(w)


def _lone_direction(words: list[str], m: Mention) -> bool:
    """«الأحياء الشرقية»: a direction adjective alone after a definite noun describes it."""
    return (m.end - m.start == 1 and fold(words[m.start]) in _DIRECTIONS and m.start > 0
            and fold(words[m.start - 1]).startswith("ال"))
