"""Arabic numbers on the normalized text: digits, number words, scale words, fractions.

Rules implemented (all on the folded view of :mod:`marsad.text.normalize`, so أ/إ/آ
are ا, ة is ه, ى is ي, Eastern digits are 0-9 and ٫ is '.'):

- digits with thousands separators and decimals: ``1,200`` → 1200, ``8.5`` → 8.5;
- number words in every gender and case: units (واحد، إحدى، اثنتان، ثلاثة، ثمانٍ…),
  teens (أحد عشر، اثنتا عشرة…), tens (عشرون/عشرين), hundreds (مائة، مئتا، ثلاثمائة،
  ثلاث مئة), joined by و in any order Arabic allows (خمسة وعشرون، مائة وخمسة);
- scale words multiply what precedes them (5 آلاف → 5000, مائة ألف, ثلاثة ملايين);
  alone they are one or two of themselves (ألف → 1000, ألفان/ألفا → 2000, مليون);
  «ونصف» after a scale adds half of it (مليون ونصف → 1500000), نصف/ربع before one
  takes that fraction (نصف مليون);
- the first word may carry the clitics و، ف، ب، ل، ك and the article (بخمسة، الأربع);
  later words are joined by و, attached or standalone;
- «أحد/إحدى» alone is not a number (أحد المحاور = one of the axes), «الاثنين» with the
  article is Monday, and the plurals آلاف/ملايين with nothing before them are vague.

``scan_numbers(nt)`` returns every number phrase with its span in the normalized text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import partial
from itertools import accumulate
from typing import NamedTuple, TypeVar

from marsad.text.normalize import NormalizedText, fold

_T = TypeVar("_T")

UNITS: dict[str, int] = {
    "واحد": 1, "واحده": 1, "واحدا": 1,
    "اثنان": 2, "اثنين": 2, "اثنتان": 2, "اثنتين": 2, "ثنتان": 2, "ثنتين": 2,
    "ثلاث": 3, "ثلاثه": 3,
    "اربع": 4, "اربعه": 4,
    "خمس": 5, "خمسه": 5,
    "ست": 6, "سته": 6,
    "سبع": 7, "سبعه": 7,
    "ثمان": 8, "ثماني": 8, "ثمانيه": 8,
    "تسع": 9, "تسعه": 9,
    "عشر": 10, "عشره": 10,
}
#: unit forms used only before عشر/عشرة (teens) or as a construct
TEEN_UNITS: dict[str, int] = {
    "احد": 1, "احدي": 1, "اثنا": 2, "اثني": 2, "اثنتا": 2, "اثنتي": 2,
}
TENS: dict[str, int] = {}
for _stem, _v in (("عشر", 20), ("ثلاث", 30), ("اربع", 40), ("خمس", 50), ("ست", 60),
                  ("سبع", 70), ("ثمان", 80), ("تسع", 90)):
    TENS[_stem + "ون"] = _v
    TENS[_stem + "ين"] = _v
HUNDREDS: dict[str, int] = {
    "مائة": 100, "مئة": 100, "مائه": 100, "مئه": 100,
    "مائتان": 200, "مائتين": 200, "مئتان": 200, "مئتين": 200,
    "مائتا": 200, "مئتا": 200, "مائتي": 200, "مئتي": 200,
}
for _stem, _v in (("ثلاث", 3), ("ثلث", 3), ("اربع", 4), ("خمس", 5), ("ست", 6), ("سبع", 7),
                  ("ثمان", 8), ("ثماني", 8), ("تسع", 9)):
    HUNDREDS[_stem + "مائة"] = _v * 100
    HUNDREDS[_stem + "مئة"] = _v * 100
#: scale words: value, and whether the form is a plural that needs a multiplier
SCALES: dict[str, tuple[int, str]] = {
    "الف": (1000, "one"), "الاف": (1000, "plural"), "الوف": (1000, "plural"),
    "الفان": (2000, "dual"), "الفين": (2000, "dual"), "الفي": (2000, "dual"),
    "الفا": (1000, "dual_or_acc"),
    "مليون": (10**6, "one"), "مليونا": (10**6, "dual_or_acc"),
    "مليونان": (2 * 10**6, "dual"), "مليونين": (2 * 10**6, "dual"), "مليوني": (2 * 10**6, "dual"),
    "ملايين": (10**6, "plural"),
    "مليار": (10**9, "one"), "مليارا": (10**9, "dual_or_acc"), "بليون": (10**9, "one"),
    "ملياران": (2 * 10**9, "dual"), "مليارين": (2 * 10**9, "dual"), "مليارات": (10**9, "plural"),
    "بلايين": (10**9, "plural"),
    "تريليون": (10**12, "one"), "تريليونات": (10**12, "plural"),
}
FRACTIONS: dict[str, float] = {"نصف": 0.5, "ربع": 0.25, "ثلث": 1 / 3, "ثلثي": 2 / 3, "ثلثا": 2 / 3}
#: plural "how many" words that stand for an unstated amount
VAGUE: dict[str, int] = {
    "عشرات": 10, "مئات": 100, "الاف": 1000, "الوف": 1000, "ملايين": 10**6,
    "مليارات": 10**9,
}

def _fold_keys(table: dict[str, _T]) -> dict[str, _T]:
    return {fold(k): v for k, v in table.items()}


UNITS = _fold_keys(UNITS)
TEEN_UNITS = _fold_keys(TEEN_UNITS)
HUNDREDS = _fold_keys(HUNDREDS)
SCALES = _fold_keys(SCALES)
VAGUE = _fold_keys(VAGUE)

_HUNDRED_ENDINGS = tuple(fold(w) for w in ("مئة", "مائة", "مئتان", "مئتين", "مائتان", "مائتين",
                                              "مئتا", "مائتا", "مئتي", "مائتي"))

_CLITICS = ("وبال", "فبال", "وال", "فال", "بال", "لل", "ال", "وب", "ول", "فب", "فل",
            "و", "ف", "ب", "ل")

# a digit group; «40 , 000» (thousands written apart, as in pages saved from the web)
# is one group when every part after the first has exactly three digits
_SPACED_THOUSANDS = r"(?<!\d)\d{1,3}(?: , \d{3}(?!\d))+(?! ?[.,]\d)"
# a decimal written apart «5 . 904 مليار», «31 . 2 %», «4 , 3 %», «5 ر 4 في المائة» (ر is
# the Moroccan decimal mark): one group only before a scale word or a percent, where a
# sentence's full stop cannot stand
_SPACED_DECIMAL = (
    r"(?<![\d.,])\d{1,3} [.,ر] \d{1,3}(?![\d.,])(?=\s*(?:[%٪]|[وب]?(?:ال)?(?:الف|الاف|مليون|"
    r"ملايين|مليار|مليارات|تريليون|تريليونات)(?![\u0621-\u064a])|(?:بال|في\s+ال)(?:ميه|مايه|مئه|"
    r"مائه)(?![\u0621-\u064a])))"
)
TOKEN_RE = re.compile(_SPACED_THOUSANDS + "|" + _SPACED_DECIMAL
                      + r"|\d+(?:[.,]\d+)*|[\u0621-\u064a]+|[%٪]|\S")
_DIGITS_RE = re.compile(r"\d+(?:[.,]\d+)*")


class Token(NamedTuple):
    """A token of a normalized text (immutable; a named tuple: built in C by tokenize)."""

    start: int
    end: int
    text: str

    @property
    def is_digits(self) -> bool:
        return self.text[0].isdigit()

    @property
    def is_word(self) -> bool:
        return "\u0621" <= self.text[0] <= "\u064a"


#: the text split at its tokens: space, token, space, …, token, space (TOKEN_RE has no
#: group and matches no empty string: the split finds finditer's matches)
_PIECES = re.compile("(" + TOKEN_RE.pattern + ")")
_make_token = partial(tuple.__new__, Token)


def tokenize(text: str) -> list[Token]:
    """Tokens of a normalized text: digit groups, Arabic words, single other characters
    (``TOKEN_RE.finditer``'s matches; the pieces' lengths summed give the offsets)."""
    pieces = _PIECES.split(text)
    bounds = list(accumulate(map(len, pieces), initial=0))
    return list(map(_make_token, zip(bounds[1:-1:2], bounds[2::2], pieces[1::2], strict=True)))


def parse_digits(s: str) -> float | int | None:
    """``1,200`` → 1200, ``1,200,000`` → 1200000, ``8.5`` → 8.5, ``8,5`` → 8.5,
    ``40 , 000`` → 40000."""
    s = s.replace(" ", "").replace("ر", ".")
    if "," in s:
        parts = s.split(",")
        if all(len(p) == 3 for p in parts[1:]) and "." not in s and 1 <= len(parts[0]) <= 3:
            return int("".join(parts))
        if len(parts) == 2 and "." not in s:
            return float(s.replace(",", "."))
        return None
    if s.count(".") > 1:
        parts = s.split(".")
        if all(len(p) == 3 for p in parts[1:]) and 1 <= len(parts[0]) <= 3:
            return int("".join(parts))
        return None
    if "." in s:
        return float(s)
    return int(s)


def _with_clitics(word: str, table: dict[str, object], allow_article: bool = True) -> str | None:
    """The key of ``table`` that ``word`` is, after removing clitics, or None."""
    if word in table:
        return word
    for prefix in _CLITICS:
        if not allow_article and "ال" in prefix:
            continue
        if word.startswith(prefix) and word[len(prefix):] in table and len(word) - len(prefix) >= 2:
            return word[len(prefix):]
    return None


@dataclass
class Part:
    """One number word (or digit group) of a phrase."""

    kind: str  # unit | teen_unit | ten | hundred | scale | fraction | digits | vague
    value: float
    plural: str = "one"
    start: int = 0
    end: int = 0
    word: str = ""


def classify(word: str, first: bool, original: str | None = None) -> Part | None:
    """What number word ``word`` is (normalized; clitics allowed on the first word only).

    A clitic is only taken off a stem of three letters or more («وست هام» is West Ham),
    and مئة/مائة must be written with its hamza in ``original`` (كمية is not ك + مية).
    """
    if word[0].isdigit():
        val = parse_digits(word)
        return None if val is None else Part("digits", val)
    if original is not None and "مي" in word and not any(c in original for c in "ئء"):
        if any(word.endswith(h) for h in _HUNDRED_ENDINGS):
            return None
    if word in ("واحد", "واحده", "واحدا") and original and original[1:2] in ("أ", "إ"):
        word = word[1:]  # «وأحد» is و + أحد ("and one of"), not واحد
        if not first:
            return None
    candidates = [word]
    if first:
        for prefix in _CLITICS:
            if word.startswith(prefix) and len(word) - len(prefix) >= 3:
                candidates.append(word[len(prefix):])
    for w in candidates:
        if w in UNITS:
            if w.startswith("اثن") and word.startswith(("ال", "وال", "بال", "فال")):
                return None  # الاثنين: Monday
            return Part("unit", UNITS[w], word=w)
        if w in TEEN_UNITS:
            return Part("teen_unit", TEEN_UNITS[w], word=w)
        if w in TENS:
            return Part("ten", TENS[w], word=w)
        definite = w != word and "ال" in word[: len(word) - len(w)]
        if definite and (w in HUNDREDS or w in SCALES):
            return None  # «في المئة», «الألف» are not counts
        if w in HUNDREDS:
            return Part("hundred", HUNDREDS[w], word=w)
        if w in SCALES:
            val, plural = SCALES[w]
            return Part("scale", val, plural, word=w)
        if w in FRACTIONS and not word.startswith(("ال", "وال", "بال")):
            return Part("fraction", FRACTIONS[w], word=w)
    return None


@dataclass
class NumberPhrase:
    """A number found in the normalized text: ``[start, end)`` and its value."""

    start: int
    end: int
    value: float | int | None
    kind: str  # digits | words | vague
    tokens: int  # how many tokens it used
    vague_word: str | None = None


def _join_token(tokens: list[Token], i: int) -> tuple[str, int, int] | None:
    """If tokens[i] starts with the conjunction و (attached or alone), the word after it."""
    if i >= len(tokens):
        return None
    tok = tokens[i]
    if tok.text == "و" and i + 1 < len(tokens):
        return tokens[i + 1].text, i + 1, 2
    if tok.text.startswith("و") and len(tok.text) > 1:
        return tok.text[1:], i, 1
    return None


def _original(nt: NormalizedText | None, tok: Token) -> str | None:
    if nt is None:
        return None
    s, e = nt.to_original(tok.start, tok.end)
    return nt.original[s:e]


def _has_tanween(nt: NormalizedText | None, tok: Token) -> bool:
    if nt is None:
        return False
    s, e = nt.to_original(tok.start, tok.end)
    return "\u064b" in nt.original[s:e + 2]


def parse_phrase(
    tokens: list[Token], i: int, nt: NormalizedText | None = None
) -> NumberPhrase | None:
    """Parse the number phrase starting at tokens[i], if any.

    Values combine as Arabic writes them: parts joined by و add up when each is smaller
    than the last one's place (مائة وخمسة), a unit may precede its ten (خمسة وعشرون),
    a unit before عشر makes a teen, a unit before مائة makes hundreds, and a scale word
    multiplies everything since the previous scale (ثلاثة ملايين وخمسمائة ألف).
    """
    first = classify(tokens[i].text, first=True, original=_original(nt, tokens[i]))
    if first is None:
        return None
    if first.kind == "teen_unit":
        # أحد عشر / اثنا عشر…; alone these are not numbers
        if i + 1 < len(tokens) and tokens[i + 1].text in ("عشر", "عشره"):
            first = Part("unit", 10 + first.value)
            first.start, first.end = tokens[i].start, tokens[i + 1].end
            return _continue(tokens, i + 2, [first], nt, i)
        return None
    first.start, first.end = tokens[i].start, tokens[i].end
    return _continue(tokens, i + 1, [first], nt, i)


def _continue(
    tokens: list[Token], j: int, parts: list[Part], nt: NormalizedText | None, i0: int
) -> NumberPhrase | None:
    total = 0.0  # completed scale groups
    group = 0.0  # current group below the last scale
    place = float("inf")  # what the next و-joined part must be smaller than
    last_kind = ""
    end = parts[0].start
    first = parts[0]

    def add(p: Part, multiplier_before: bool) -> bool:
        nonlocal total, group, place, last_kind, end
        if p.kind == "scale":
            if p.plural == "plural":
                if not multiplier_before or group == 0:
                    return False
                total += group * p.value
            elif p.plural == "dual_or_acc":
                if multiplier_before and group:
                    total += group * p.value
                else:
                    tanween = _has_tanween(nt, Token(p.start, p.end, p.word))
                    total += (1 if tanween else 2) * p.value
            elif multiplier_before and group:
                if group >= p.value:
                    return False
                total += group * p.value
            else:
                total += p.value
            group = 0
            place = p.value
        elif p.kind == "fraction":
            group += p.value  # only reached through «ونصف» handling below
        else:
            group += p.value
            place = _place(p)
        last_kind = p.kind
        end = p.end
        return True

    if first.kind == "fraction":
        # نصف/ربع مليون; alone a fraction is its own value
        if j < len(tokens):
            nxt = classify(tokens[j].text, first=False)
            if nxt is not None and nxt.kind == "scale" and nxt.plural != "plural":
                val = first.value * SCALES[nxt.word][0]
                return NumberPhrase(first.start, tokens[j].end, _clean(val), "words", j - i0 + 1)
        return NumberPhrase(first.start, first.end, first.value, "words", j - i0)
    if first.kind == "scale" and first.plural == "plural":
        return NumberPhrase(first.start, first.end, None, "vague", j - i0, first.word)
    add(first, multiplier_before=False)
    used = j
    while j < len(tokens):
        tok = tokens[j]
        # 1. directly following (no و): عشر after a unit, مائة after a unit, a scale word
        nxt = classify(tok.text, first=False, original=_original(nt, tok)) if tok.is_word else None
        if nxt is not None:
            nxt.start, nxt.end, nxt.word = tok.start, tok.end, nxt.word or tok.text
            if nxt.kind == "unit" and nxt.value == 10 and last_kind == "unit" and group % 100 < 10 \
                    and tok.text in ("عشر", "عشره"):
                group += 10
                place = 1
                last_kind = "teen"
                end = tok.end
                j += 1
                used = j
                continue
            if nxt.kind == "hundred" and nxt.value == 100 and last_kind == "unit" and 3 <= group <= 9 \
                    and nxt.word in (fold("مائة"), fold("مئة")):
                group *= 100
                place = 100
                last_kind = "hundred"
                end = tok.end
                j += 1
                used = j
                continue
            if nxt.kind == "scale" and last_kind != "scale" and group > 0:
                if not add(nxt, multiplier_before=True):
                    break
                j += 1
                used = j
                continue
            break
        # 2. joined by و
        jt = _join_token(tokens, j)
        if jt is None:
            break
        word, k, _n = jt
        if not word:
            break
        if word == "نصف" and last_kind == "scale":
            total += 0.5 * place
            end = tokens[k].end
            j = k + 1
            used = j
            last_kind = "half"
            break
        p = classify(word, first=False, original=_original(nt, tokens[k]))
        if p is None:
            break
        p.start, p.end = tokens[k].start, tokens[k].end
        if p.kind == "teen_unit":
            if k + 1 < len(tokens) and tokens[k + 1].text in ("عشر", "عشره"):
                p = Part("unit", 10 + p.value, start=tokens[k].start, end=tokens[k + 1].end)
                k += 1
            else:
                break
        if p.kind in ("fraction", "vague"):
            break
        if p.kind == "scale":
            if (p.plural == "one" and last_kind == "hundred" and k + 1 < len(tokens)
                    and tokens[k + 1].text == word and p.value > group):
                # «خمسمائة و مليون مليون»: hundreds "and one" of the scale, the scale
                # word standing for its own "one" (how num2words writes 501 million)
                total += (group + 1) * p.value
                group = 0
                place = p.value
                last_kind = "scale"
                end = tokens[k + 1].end
                j = k + 2
                used = j
                continue
            if p.plural == "plural" or p.value >= place:
                break
            ok = add(p, multiplier_before=False)
        elif p.kind == "digits":
            if last_kind != "scale" or p.value >= place:
                break
            ok = add(p, multiplier_before=False)
            last_kind = "digits_after_scale"
        elif p.kind == "ten" and last_kind == "unit" and group % 100 < 10:
            ok = add(p, multiplier_before=False)
        elif p.kind == "unit" and last_kind == "ten" and group % 10:
            break  # «ثمانية وثلاثون وثلاثة وعشرون»: a unit after «unit و ten» starts a new number
        elif p.value < place and (p.kind != "unit" or last_kind != "unit"):
            ok = add(p, multiplier_before=False)
        else:
            break
        if not ok:
            break
        j = k + 1
        used = j
    value = _clean(total + group)
    return NumberPhrase(first.start, end, value, "digits" if first.kind == "digits" else "words",
                        used - i0)


def _place(p: Part) -> float:
    if p.kind == "hundred":
        return 100
    if p.kind == "ten":
        return 10
    if p.kind == "digits":
        return 10 ** len(str(int(p.value))) if p.value >= 1 else 1
    return 1


def _clean(v: float) -> float | int:
    if abs(v - round(v)) < 1e-9:
        return int(round(v))
    return round(v, 6)


def words_to_number(text: str) -> float | int | None:
    """The value of a text that is one number phrase («ثلاثمائة وخمسة وعشرون» → 325)."""
    from marsad.text.normalize import normalize

    nt = normalize(text)
    toks = tokenize(nt.text)
    if not toks:
        return None
    ph = parse_phrase(toks, 0, nt)
    if ph is None or ph.tokens != len(toks):
        return None
    return ph.value


def scan_numbers(nt: NormalizedText) -> list[tuple[NumberPhrase, list[Token], int]]:
    """Every number phrase in ``nt.text``, left to right, with the token list and index."""
    toks = tokenize(nt.text)
    out = []
    i = 0
    while i < len(toks):
        tok = toks[i]
        if tok.is_digits or tok.is_word:
            ph = parse_phrase(toks, i, nt)
            if ph is not None:
                out.append((ph, toks, i))
                i += max(ph.tokens, 1)
                continue
        i += 1
    return out
