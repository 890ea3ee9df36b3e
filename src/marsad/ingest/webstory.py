"""Story first: headline, outlet, publication date and story bounds of a page saved as text.

Scraped pages (the Baly corpus) keep the whole page: the ``<title>`` copy «headline |
site», menus, a crawl-time header stamp, the headline again, the story, a source
signature, then share bars, related/most-read lists with their dates and a copyright
footer — often on a few long lines.  ``webtext.strip_boilerplate`` keeps the densest run
of prose lines; this module reads what a reader would name and cuts inside lines.

* **title** (first rule that fires): the longest token run near the top of the page that
  the page repeats (the ``<title>`` copy and the headline above the story), minus a
  «| site» / «- site» tail; else the URL's slug words found in the page head; else the
  headline in a site sign-off «مع تحيات أسرة موقع X , HEADLINE ,»; else the text between
  the header chrome and a lead that the next paragraph repeats.
* **outlet**: what the article names itself — a trailing signature «( رويترز , … )» or
  «المصدر : …» right after the story, an inline dateline «آستانة ( رويترز ) -» /
  «بغداد - مباشر :» at the story's start, a byline «Euronews 19 / 12 / 2017» under the
  headline — else the site's own name as the page writes it (the outlet table's name for
  the URL's domain found in the page, a copyright «حقوق النشر محفوظة ل - X» /
  «Copyright 2017 X» or sign-off name) — else the table's name for the domain
  (``resources/outlets.tsv``) — else the bare domain.  A bare «وكالات» signature only
  wins when nothing names the site.
* **published**: a publication stamp on the page («تم نشره يوم 22 ديسمبر , 2017», «نشر
  في …», «تاريخ النشر : …», «عدد اليوم الأربعاء 27 ديسمبر 2017», a date in a byline right
  under the headline), unless it is later than the URL's date; else the URL's date
  (``/2017/12/19/``, ``/story/2017/6/17/``, ``20171226-``).  Never a date from a
  breaking-news bar, a ticker, a related list or a copyright line (they have no stamp cue
  and do not sit in a byline).
* **story bounds**: on the first story line, what precedes the headline (menus, title copy,
  crawl stamp) goes — a publication stamp there is kept; on the last lines, what follows
  a list-opening or footer cue (related / most read / tags / share / newsletter) goes.
"""

from __future__ import annotations

import re
import urllib.parse
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from marsad.ingest.clean import fold
from marsad.ingest.places import is_place
from marsad.ingest.pubdate import _MONTHS_RAW, _make, normalize_published

OUTLETS_PATH = Path(__file__).resolve().parents[1] / "resources" / "outlets.tsv"
MAX_TITLE_TOKENS = 40
MIN_TITLE_WORDS = 3
HEAD_TOKENS = 600


@lru_cache(maxsize=1)
def outlet_table() -> dict[str, str]:
    """``domain -> the site's own name`` from ``resources/outlets.tsv``."""
    out: dict[str, str] = {}
    for line in OUTLETS_PATH.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        domain, _, name = line.partition("\t")
        if name.strip():
            out[domain.strip().lower()] = name.strip()
    return out


def domain_of(url: str | None) -> str | None:
    if not url:
        return None
    try:
        host = urllib.parse.urlparse(url.strip()).hostname or ""
    except ValueError:
        return None
    host = host.lower()
    for prefix in ("www.", "m.", "mobile."):
        if host.startswith(prefix):
            host = host[len(prefix):]
    return host or None


def outlet_for_domain(url: str | None) -> str | None:
    """The table's name for the URL's domain or its closest listed parent domain."""
    host = domain_of(url)
    if not host:
        return None
    table = outlet_table()
    parts = host.split(".")
    for i in range(len(parts) - 1):
        name = table.get(".".join(parts[i:]))
        if name:
            return name
    return None


# --- dates -------------------------------------------------------------------------------

_URL_YMD = re.compile(r"/((?:19|20)\d\d)/(\d{1,2})/(\d{1,2})(?=$|[/\-_.])")
_URL_COMPACT = re.compile(r"(?<!\d)((?:19|20)\d\d)([-_]?)(\d\d)\2(\d\d)(?!\d)")


def url_published(url: str | None) -> str | None:
    """``YYYY-MM-DD`` from a date in the URL's path, else None."""
    if not url:
        return None
    try:
        path = urllib.parse.unquote(urllib.parse.urlparse(url.strip()).path)
    except ValueError:
        return None
    m = _URL_YMD.search(path)
    if m:
        return _plausible(_make(int(m.group(1)), int(m.group(2)), int(m.group(3))))
    found = [m for m in _URL_COMPACT.finditer(path)]
    for m in reversed(found):
        value = _plausible(_make(int(m.group(1)), int(m.group(3)), int(m.group(4))))
        if value:
            return value
    return None


def url_month(url: str | None) -> str | None:
    """``YYYY-MM`` from a ``/2011/11/`` path (no day), else None."""
    if not url:
        return None
    try:
        path = urllib.parse.unquote(urllib.parse.urlparse(url.strip()).path)
    except ValueError:
        return None
    m = re.search(r"/((?:19|20)\d\d)/(\d{1,2})/", path)
    if m and 1 <= int(m.group(2)) <= 12:
        return f"{m.group(1)}-{int(m.group(2)):02d}"
    return None


def _plausible(value: str | None) -> str | None:
    return value if value and "1995" <= value[:4] <= "2035" else None


_MONTH_WORDS = sorted(
    {name for names in _MONTHS_RAW.values() for name in names}
    | {"ابريل", "اكتوبر", "يونيه", "يوليه", "كانون اول", "كانون ثاني", "تشرين اول", "تشرين ثاني"},
    key=len, reverse=True,
)
_MONTH = "(?:" + "|".join(re.escape(m) for m in _MONTH_WORDS) + ")"
_DATE_TEXT = (
    rf"\d{{1,2}}\s+(?:من\s+)?{_MONTH}(?:\s*[/(]?\s*{_MONTH}\s*\)?)?\s*[,،]?\s*(?:19|20)\d\d(?!\d)"
)
_DATE_MONTH_FIRST = rf"{_MONTH}\s+\d{{1,2}}\s*[,،]\s*(?:19|20)\d\d(?!\d)"
_DATE_NUM = r"\d{1,2}\s*[/\-.]\s*\d{1,2}\s*[/\-.]\s*(?:19|20)\d\d(?!\d)|(?:19|20)\d\d\s*[/\-]\s*\d{1,2}\s*[/\-]\s*\d{1,2}(?!\d)"
_DATE = rf"(?:{_DATE_TEXT}|{_DATE_MONTH_FIRST}|{_DATE_NUM})"
_DAY = r"(?:ال)?(?:سبت|أحد|احد|إثنين|اثنين|ثلاثاء|ثلثاء|أربعاء|اربعاء|خميس|جمعة)"
_PUB_CUE = re.compile(
    r"(?:تم نشره|تم النشر|نشر في|نشر بتاريخ|نشرت في|نشر يوم|تاريخ النشر|تاريخ نشر|بتاريخ النشر"
    r"|عدد اليوم|First Published|Published on|Published)"
    rf"\s*[:：]?\s*(?:يوم\s+)?(?:{_DAY}\s*[,،\-–]?\s*)?(?:في\s+)?(?P<date>{_DATE})",
    re.I,
)
_DATE_RE = re.compile(_DATE)


def read_date(text: str) -> str | None:
    """``YYYY-MM-DD`` of one date written with spaces inside («19 / 12 / 2017», «22 ديسمبر , 2017»)."""
    m = re.fullmatch(rf"({_MONTH})\s+(\d{{1,2}})\s*[,،]\s*((?:19|20)\d\d)", text.strip())
    if m:  # «نوفمبر 14 , 2017»
        text = f"{m.group(2)} {m.group(1)} {m.group(3)}"
    compact = re.sub(r"\s*([/\-.])\s*", r"\1", text.strip())
    value = normalize_published(compact) or normalize_published(text)
    return _plausible(value)


def stamp_dates(text: str) -> list[tuple[int, int, str]]:
    """Publication stamps (cue + date) in ``text``: ``(start, end, YYYY-MM-DD)``."""
    out = []
    for m in _PUB_CUE.finditer(text):
        value = read_date(m.group("date"))
        if value:
            out.append((m.start(), m.end(), value))
    return out


# --- title -------------------------------------------------------------------------------

_SEPARATORS = {"|", "-", "–", "—", "ـ", "/", "\\", "~", ":", ">", "»", "<"}
_PREFIX_LETTERS = {"ل", "ب", "ك", "و", "ف", "لل", "ال"}
_CLOSE_QUOTES = {'"', "»", "”", "'"}
_LETTERS = re.compile(r"[^\w]|_")
_SENT_END_TOKEN = {".", "!", "؟", "?"}
# a time or a date stamp inside a candidate headline: page header, not a headline
_STAMP_IN_TITLE = re.compile(r"\d{1,2}\s*:\s*\d{2}|الساعة\s+\d|\d{1,4}\s*/\s*\d{1,2}\s*/\s*\d{1,4}")


def _key(token: str) -> str:
    return _LETTERS.sub("", fold(token))


def _is_word(token: str) -> bool:
    return any(c.isalpha() for c in token)


def _arabic_words(tokens: Iterable[str]) -> int:
    return sum(1 for t in tokens if re.search("[\u0621-\u064a]", t))


def _headline_like(tokens: list[str]) -> bool:
    from marsad.ingest.webtext import is_chrome_line

    if not MIN_TITLE_WORDS <= _arabic_words(tokens) <= 30:
        return False
    text = " ".join(tokens)
    if tokens[-1] in (".", "،", ",", ":") or is_chrome_line(text) or _STAMP_IN_TITLE.search(text):
        return False
    if sum(1 for t in tokens if any(c.isdigit() for c in t)) > max(2, len(tokens) // 4):
        return False
    # a headline has at most one sentence break (« . . » counts as one)
    return sum(1 for t in tokens[:-1] if t == ".") <= 2


def _trim_site_tail(tokens: list[str]) -> tuple[list[str], list[str]]:
    """Split «headline | site» / «headline - site»: (headline tokens, site tokens)."""
    for i in range(len(tokens) - 1, 0, -1):
        tok = tokens[i]
        if tok in ("|", "-", "–", "—", "ـ", "/") and 1 <= len(tokens) - i - 1 <= 4:
            if tok == "-" and tokens[i - 1] in _PREFIX_LETTERS:
                continue
            return tokens[:i], tokens[i + 1 :]
    return tokens, []


def _strip_edges(tokens: list[str]) -> list[str]:
    while tokens and tokens[-1] in _SEPARATORS:
        tokens = tokens[:-1]
    while tokens and tokens[0] in _SEPARATORS | {".", ",", "،"}:
        tokens = tokens[1:]
    return tokens


def _balance_quotes(tokens: list[str], following: list[str]) -> list[str]:
    """Extend a title over its closing quote when it opened one."""
    if tokens.count('"') % 2 == 1 and following[:1] == ['"']:
        return tokens + ['"']
    return tokens


def _find_seq(tokens: list[str], seq: list[str], start: int = 0) -> int:
    n = len(seq)
    first = seq[0]
    for i in range(start, len(tokens) - n + 1):
        if tokens[i] == first and tokens[i : i + n] == seq:
            return i
    return -1


def _drop_site_head(tokens: list[str], url: str | None) -> list[str]:
    """«SMART News Agency - وكالة سمارت للأنباء - HEADLINE»: drop the site-name parts."""
    table_name = fold(outlet_for_domain(url) or "")
    host = (domain_of(url) or "").replace("-", "")
    while True:
        cut = next((i for i, t in enumerate(tokens[:8]) if t in ("-", "|", "–", "—") and i > 0
                    and tokens[i - 1] not in _PREFIX_LETTERS), None)
        if cut is None:
            return tokens
        part = tokens[:cut]
        latin = [t.lower() for t in part if re.fullmatch(r"[A-Za-z]+", t)]
        is_site = (table_name and fold(" ".join(part)) == table_name) or (
            latin and len(latin) == len(part) and any(t in host for t in latin)
        )
        if not is_site or len(tokens) - cut - 1 < MIN_TITLE_WORDS:
            return tokens
        tokens = tokens[cut + 1 :]


def title_by_repetition(
    tokens: list[str], max_start: int = 12, url: str | None = None
) -> tuple[list[str], int, list[str]] | None:
    """The longest run of >= 4 tokens starting near the top that the page repeats.

    Returns (headline tokens, start, site tokens from a «| site» tail)."""
    hay = " " + " ".join(tokens) + " "
    for s in range(min(max_start, len(tokens))):
        if not _is_word(tokens[s]) and tokens[s] not in ('"', "«"):
            continue
        if s and tokens[s - 1] not in _SEPARATORS and not _looks_chrome_prefix(tokens[:s]):
            continue
        if s and _arabic_words(tokens[s:s + 1]) == 0 and not (
            tokens[s] in ('"', "«") and _arabic_words(tokens[s + 1 : s + 2])
        ):
            continue
        best = 0
        for k in range(min(MAX_TITLE_TOKENS, len(tokens) - s), 3, -1):
            needle = " " + " ".join(tokens[s : s + k]) + " "
            first = hay.find(needle)
            if first >= 0 and hay.find(needle, first + 1) >= 0:
                best = k
                break
        if not best:
            continue
        run = tokens[s : s + best]
        follows = tokens[s + best] if s + best < len(tokens) else "|"
        if best < 5 or (best < 7 and follows not in _SEPARATORS):
            continue
        head, site = _trim_site_tail(_strip_edges(run))
        head = _drop_site_head(head, url)
        head = _balance_quotes(_strip_edges(head), tokens[s + best : s + best + 1])
        if head and _headline_like(head):
            return head, s, site
    return None


def _looks_chrome_prefix(tokens: list[str]) -> bool:
    """Tokens before a headline that read as menu/site chrome rather than a sentence."""
    from marsad.ingest.webtext import _WEAK_SET, is_chrome_line

    arabic = [t for t in tokens if re.search("[\u0621-\u064a]", t)]
    if not arabic:
        return True
    return is_chrome_line(" ".join(tokens)) or sum(fold(t) in _WEAK_SET for t in arabic) >= 0.5 * len(arabic)


def slug_words(url: str | None) -> list[str]:
    """The Arabic words of the URL's longest hyphenated path segment (its slug)."""
    if not url:
        return []
    try:
        path = urllib.parse.unquote(urllib.parse.urlparse(url.strip()).path)
    except ValueError:
        return []
    best: list[str] = []
    for seg in path.split("/"):
        words = [w for w in re.split(r"[-_+]+", seg) if w]
        arabic = [w for w in words if re.search("[\u0621-\u064a]", w)]
        if len(arabic) >= MIN_TITLE_WORDS and len(arabic) >= 0.6 * len(words) and len(arabic) > len(best):
            # Arabic words and numbers («أحداث-الأحد-10-كانون-الأول-2017»), not Latin ids
            best = [w for w in words if re.search("[\u0621-\u064a]", w) or w.isdigit()]
    return best


def _word_matches(slug: str, tokens: list[str], i: int) -> int:
    """How many page tokens from ``i`` spell the slug word (0 when they do not)."""
    want = _key(slug)
    if not want:
        return 0
    have = _key(tokens[i])
    if not have:
        return 0
    if have == want or (len(want) >= 3 and have[1:] == want):
        return 1
    joined = have
    for j in range(i + 1, min(i + 3, len(tokens))):
        joined += _key(tokens[j])
        if joined == want:
            return j - i + 1
        if len(joined) >= len(want):
            break
    return 0


def title_by_slug(tokens: list[str], slug: list[str]) -> tuple[list[str], int] | None:
    """The page's own spelling of the slug's words: (headline tokens, start)."""
    if len(slug) < MIN_TITLE_WORDS:
        return None
    limit = min(len(tokens), HEAD_TOKENS)
    for start in range(limit):
        if not _word_matches(slug[0], tokens, start):
            continue
        i, matched, end = start, 0, start
        for word in slug:
            # punctuation and quotes the slug dropped
            while i < len(tokens) and not _key(tokens[i]):
                i += 1
            if i >= len(tokens):
                break
            n = _word_matches(word, tokens, i)
            if not n:
                break
            i += n
            matched += 1
            end = i
        if matched >= max(MIN_TITLE_WORDS, int(0.8 * len(slug))):
            head = _balance_quotes(tokens[start:end], tokens[end : end + 1])
            if head.count('"') % 2 == 1 and start and tokens[start - 1] == '"':
                head, start = ['"', *head], start - 1  # «" الحشد " والنظام …»
            return head, start
    return None


_SIGNOFF = re.compile(
    r"مع\s+تحيات\s+(?:أسرة|اسرة|إدارة|ادارة|فريق)?\s*(?:موقع|صحيفة|جريدة)?\s*"
    r"(?P<site>[^,،.]{2,40}?)\s*[,،]\s*(?P<title>[^,،]{10,200}?)\s*[,،]\s*(?:تابعونا|تابعوا|تابعنا)"
)


def title_by_lead(lines: list[str]) -> tuple[list[str], int] | None:
    """«chrome HEADLINE LEAD» on the first line, the next line opening with the same lead."""
    if len(lines) < 2:
        return None
    first, second = lines[0].split(), lines[1].split()
    if len(second) < 5:
        return None
    lead = second[:5]
    at = _find_seq(first, lead)
    if at <= MIN_TITLE_WORDS:
        return None
    s = 0
    while s < at and not re.search("[\u0621-\u064a]", first[s]):
        s += 1
    head = _strip_edges(first[s:at])
    if head and _headline_like(head):
        return head, s
    return None


# --- outlet ------------------------------------------------------------------------------

_GENERIC_AGENCY = {fold(w) for w in ("وكالات", "الوكالات", "وكالة", "مواقع", "متابعات", "المحرر")}
_NOT_SOURCE = re.compile(r"^(?:إعداد|اعداد|تحرير|ترجمة|كتابة|تصوير|الصورة|صورة|المصدر\s*:?\s*$)")
_SIGNATURE = re.compile(r"^\s*[(\[]\s*(?P<body>[^()\[\]]{2,160}?)\s*[)\]]")
_SOURCE_CUE = re.compile(r"^\s*(?:المصدر|مصدر الخبر|المصادر)\s*[:：\-–]\s*(?P<body>[^.|]{2,80}?)(?=\s*(?:[.|]|$|\d))")
_INLINE_DATELINE = re.compile(
    r"(?:^|(?<=[.!?؟:»\"]\s)|(?<=\s))(?P<place>[\u0621-\u064a]+(?:\s+[\u0621-\u064a]+)?)\s+"
    r"(?:[(\[]\s*(?P<agency1>[^()\[\]]{2,30}?)\s*[)\]]\s*[-–—ـ:]"
    r"|[-–—ـ]\s*(?P<agency2>[^\s()،,:.\-]+(?:\s+[^\s()،,:.\-]+)?)\s*:)"
)
_COPYRIGHT = re.compile(
    r"(?:(?:جميع\s+)?(?:حقوق\s+(?:النشر|الطبع|الملكية)|الحقوق)\s+(?:محفوظة|تعود)\s*"
    r"(?:ل\s*-\s*|لـ\s*|ل\s+|لدى\s+|ل(?=موقع|جريدة|صحيفة|قناة|شركة|شبكة)|©\s*)?"
    r"|Copyright\s*(?:©\s*)?(?:(?:19|20)\d\d\s*(?:-\s*(?:19|20)\d\d)?\s*,?\s*)?"
    r"|©\s*(?:(?:19|20)\d\d\s*)?)"
    r"(?P<name>[^\d,،.|©]{2,60})",
    re.I,
)
_NAME_STOP = {
    fold(w)
    for w in (
        "تم تصميم التصميم والتطوير تطوير برمجة بواسطة جميع الحقوق محفوظة All Rights Reserved "
        "الخط الرئيسية تابعونا اتصل من نحن سياسة الخصوصية للنشر إعلان اعلان"
    ).split()
}


def _name_tokens(text: str, limit: int = 4) -> list[str]:
    out = []
    for tok in text.split():
        if fold(tok) in _NAME_STOP or tok in _SEPARATORS or any(c.isdigit() for c in tok):
            break
        out.append(tok)
        if len(out) >= limit:
            break
    while out and fold(out[0]) in {"لموقع", "موقع", "ل", "لـ", "-", "لدى", "لدي"}:
        out = out[1:]
    if out and re.match(r"[a-z]", out[0]):
        return []  # «… reserved by their respective owners»: an English sentence
    return out


def find_written(page: str, name: str) -> str | None:
    """``name`` as the page writes it (exact, else folded, else ignoring spaces), or None."""
    if not name:
        return None
    if re.search(r"(?<!\w)" + re.escape(name) + r"(?!\w)", page):
        return name
    want = re.sub(r"\s+", "", fold(name))
    tokens = page.split()
    n = len(name.split())
    keys = [re.sub(r"\s+", "", fold(t)) for t in tokens]
    for width in range(1, n + 3):
        for i in range(len(tokens) - width + 1):
            if keys[i] and want.startswith(keys[i]) and "".join(keys[i : i + width]) == want:
                return " ".join(tokens[i : i + width])
    return None


def _signature_at(text: str) -> str | None:
    """A source signature opening ``text``: «( رويترز , روسيا اليوم )», «المصدر : سانا»."""
    from marsad.ingest.article import _AGENCIES

    m = _SIGNATURE.match(text)
    if m:
        body = m.group("body").strip()
        if _NOT_SOURCE.match(body) or any(c.isdigit() for c in body):
            return None
        items = [i.strip() for i in re.split(r"\s[,،/]\s|\s+و(?=\S)", body) if i.strip()]
        if items and all(len(i.split()) <= 4 for i in items) and (
            any(fold(i) in _AGENCIES for i in items) or len(items) >= 2
        ):
            return body
        return None
    m = _SOURCE_CUE.match(text)
    if m:
        name = _name_tokens(m.group("body"))
        return " ".join(name) if name else None
    return None


# --- the page ----------------------------------------------------------------------------

# Cues after which the rest of a line is page chrome (lists, tags, share bars, footers).
_TAIL_CUES = [
    "أخبار ذات صلة", "مواضيع ذات صلة", "مقالات ذات صلة", "ذات صلة", "الأكثر قراءة", "الأكثر مشاهدة",
    "الأكثر تداولا", "الأكثر تعليقا", "اقرأ أيضا", "اقرأ أيضاً", "إقرأ أيضا", "اقرأ ايضا",
    "شاهد أيضا", "قد يعجبك أيضا", "قد ينال إعجابك", "مواضيع قد تهمك", "أخبار مرتبطة",
    "المزيد عن", "المزيد من الأخبار", "الوسوم :", "الكلمات الدالة", "كلمات مفتاحية", "الكلمات المفتاحية",
    "هل أعجبك الموضوع", "شاركه مع أصدقائك", "اشترك في نشرتنا", "اشترك في النشرة", "تابعونا على",
    "تابعنا على", "جميع الحقوق محفوظة", "حقوق النشر محفوظة", "Please enable JavaScript",
    "Next article", "Previous article", "لا توجد تعليقات", "متداولة الآن", "متداولة الان",
    "مع تحيات أسرة", "مع تحيات اسرة", "نشكر كل متابعينا", "لا تنسوا عمل لايك",
    "الأحدث من تويتر", "أهلا بكم", "للاعلان", "للإعلان", "لمراسلة هيئة التحرير",
    "حقوق التأليف والنشر", "كل ما يرد في موقع", "قسم فرعي", "مواضيع مميزة", "اختيارات المحرر",
]
_TAIL_SEQ = sorted({tuple(fold(c).split()) for c in _TAIL_CUES}, key=len, reverse=True)


_TAIL_BY_FIRST: dict[str, list[tuple[str, ...]]] = {}
for _seq in _TAIL_SEQ:
    _TAIL_BY_FIRST.setdefault(_seq[0], []).append(_seq)
_fold_token = lru_cache(maxsize=1 << 16)(fold)


def _tail_cut(line: str) -> int | None:
    """Character offset of the first tail cue in ``line`` (None if there is none)."""
    toks = [(m.start(), _fold_token(m.group())) for m in re.finditer(r"\S+", line)]
    keys = [k for _, k in toks]
    metadawala = _fold_token("متداولة")
    for i, key in enumerate(keys):
        for seq in _TAIL_BY_FIRST.get(key, ()):
            if tuple(keys[i : i + len(seq)]) == seq:
                return toks[i][0]
        # «متداولة الانالثلاثاء» (words run together by the scrape)
        if key.startswith(metadawala) and i + 1 < len(keys) and keys[i + 1].startswith("الان"):
            return toks[i][0]
    return None


_TIME = r"\d{1,2}\s*:\s*\d{2}(?:\s*:\s*\d{2})?(?:\s*(?:ص|م|صباحا|مساء|مساءً|صباحاً|am|pm|AM|PM|GMT))?"
_STAMP_WITH_TIME = re.compile(rf"(?:{_DAY}\s*[,،]?\s*)?{_DATE}\s*[,،\-]?\s*(?:\[\s*)?{_TIME}(?:\s*\])?")
_DATE_RUN = re.compile(
    rf"(?:(?:{_DAY}\s*[,،]?\s*)?{_DATE}(?:\s*[,،\-]?\s*{_TIME})?\s*[,،|\-]?\s*){{3,}}"
)


_AGO_UNITS = sorted(
    "ساعة ساعات ساعتين دقيقة دقائق دقيقتين ثانية ثوان ثواني يوم أيام ايام يومين أسبوع اسبوع أسابيع "
    "اسابيع أسبوعين شهر شهرين أشهر اشهر شهور سنة سنوات عام".split(), key=len, reverse=True
)
_AGO = rf"(?:قبل|منذ)\s*:?\s*(?:\d+\s+)?(?:{'|'.join(_AGO_UNITS)})(?=\s|$|[,،])"
_AGO_RUN = re.compile(rf"(?:{_AGO}(?:\s*[,،]\s*(?:\d+\s+)?\S+)?\s*){{3,}}")


_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
_CLOCK = re.compile(r"\d\s*:\s*\d")


def _stamps_with_time(line: str) -> int:
    return len(_STAMP_WITH_TIME.findall(line)) if _CLOCK.search(line) and _YEAR.search(line) else 0


def drop_date_lists(line: str) -> str:
    """Remove ticker and list dates: three or more dates in a row, a line with three
    or more «date time» stamps (a list of teasers, each stamped), or three or more
    «قبل ساعة / قبل 3 أيام» list ages in a row."""
    if len(_YEAR.findall(line)) >= 3:
        line = _DATE_RUN.sub(" ", line)
    if "قبل" in line or "منذ" in line:
        line = _AGO_RUN.sub(" ", line)
    if _CLOCK.search(line) and len(_STAMP_WITH_TIME.findall(line)) >= 3:
        line = _STAMP_WITH_TIME.sub(" ", line)
    return re.sub(r" {2,}", " ", line).strip()


def cut_page_chrome(page: str) -> str:
    """Cut each page line at its first list/footer cue when what precedes is story.

    In the second half of the page the rest of a line after such a cue is chrome
    (related and most-read lists with their dates, tags, share bars, copyright); in the
    first half only when a long paragraph precedes the cue (a whole page on one line)."""
    lines = page.split("\n")
    real = [i for i, ln in enumerate(lines) if ln.strip()]
    if not real:
        return page
    half = real[len(real) // 2]
    # a page stamped all over («2018 - 01 - 19 11 : 31 : 11» before each teaser) is a
    # list: its stamps go, all but the first (the article's own)
    stamped = sum(_stamps_with_time(ln) for ln in lines)
    seen_stamp = False
    out = []
    for i, line in enumerate(lines):
        if line.strip():
            line = drop_date_lists(line)
        if stamped >= 4 and _stamps_with_time(line):
            def _keep_first(m: re.Match[str]) -> str:
                nonlocal seen_stamp
                if seen_stamp:
                    return " "
                seen_stamp = True
                return m.group()

            line = re.sub(r" {2,}", " ", _STAMP_WITH_TIME.sub(_keep_first, line)).strip()
        at = _tail_cut(line) if line.strip() else None
        if at is None:
            out.append(line)
            continue
        before = line[:at].rstrip(" :-|")
        words = len(before.split())
        if i >= half or words >= 40:
            out.append(before if words >= 4 else "")
        else:
            out.append(line)
    return "\n".join(out)


@dataclass
class WebStory:
    body: str
    title: str | None = None
    outlet: str | None = None
    dateline: str | None = None
    published: str | None = None
    published_source: str | None = None
    meta: dict[str, str] = field(default_factory=dict)


def _chrome_name(name: list[str]) -> bool:
    from marsad.ingest.webtext import _WEAK_SET, _cue_spans, _tokens

    text = " ".join(name)
    return bool(_cue_spans(text, _tokens(text))) or any(
        fold(t) in _WEAK_SET or "البريد" in t or "تسجيل" in t for t in name
    )


def title_copy_suffix(tokens: list[str], title: list[str], url: str | None) -> str | None:
    """«HEADLINE - Sputnik Arabic 21 …» opening the page: the site name after the ``<title>`` copy."""
    at = _find_seq(tokens[: len(title) + 15], title)
    end = at + len(title)
    host = (domain_of(url) or "").replace("-", "")
    if 2 <= at <= 5 and tokens[at - 1] in _SEPARATORS:
        # «ANF | HEADLINE»: a Latin site name before the copy, spelled in the domain
        prefix = tokens[: at - 1]
        if all(re.fullmatch(r"[A-Za-z]+", t) for t in prefix) and any(t.lower() in host for t in prefix):
            return " ".join(prefix)
    if at < 0 or len(tokens) <= end + 1 or tokens[end] not in _SEPARATORS:
        return None
    name: list[str] = []
    for tok in tokens[end + 1 : end + 6]:
        if tok in _SEPARATORS or any(c.isdigit() for c in tok) or tok in _SENT_END_TOKEN:
            break
        if _chrome_name([tok]):
            break
        name.append(tok)
    if not 1 <= len(name) <= 4 or _chrome_name(name):
        return None
    latin = [t.lower() for t in name if re.fullmatch(r"[A-Za-z]+", t)]
    if latin and any(t in host for t in latin):
        return " ".join(name)
    end = end + 1 + len(name)
    if not latin and len(name) <= 3 and (end >= len(tokens) or tokens[end] in _SEPARATORS):
        return " ".join(name)
    return None


def _site_name(page: str, url: str | None) -> str | None:
    """The site's own name as the page writes it."""
    table_name = outlet_for_domain(url)
    if table_name:
        written = find_written(page, table_name)
        if written:
            return written
    for m in _SIGNOFF.finditer(page):
        name = _name_tokens(m.group("site"))
        if name:
            return " ".join(name)
    for m in _COPYRIGHT.finditer(page):
        name = _name_tokens(m.group("name"))
        if name and name[0].lower() == "www" or any(t.lower() in ("com", "net", "org") for t in name):
            continue
        if name and (_chrome_name(name) or fold(name[0]).startswith(("لل", "شركة"))):
            continue
        if name and _is_word(name[0]) and fold(name[0]) not in {fold("لشركة"), "all", "rights"}:
            return " ".join(name)
    return None


def read_web_story(page: str, body: str, url: str | None) -> WebStory:
    """Read title, outlet, dateline, published and story bounds.

    ``page`` is the cleaned page (all its lines), ``body`` the lines that
    ``strip_boilerplate`` kept."""
    story = WebStory(body=body)
    lines = [ln for ln in page.split("\n") if ln.strip()]
    tokens = page.split()
    body_lines = [ln for ln in body.split("\n") if ln.strip()]
    if not body_lines:
        return story

    # title
    title_toks: list[str] | None = None
    site_tail: list[str] = []
    rep = title_by_repetition(tokens, url=url)
    if rep:
        title_toks, _, site_tail = rep
        story.meta["title_rule"] = "repeated"
    if title_toks is None:
        slug = title_by_slug(tokens, slug_words(url))
        if slug:
            title_toks = slug[0]
            story.meta["title_rule"] = "url"
    signoff = _SIGNOFF.search(page)
    if title_toks is None and signoff:
        cand = signoff.group("title").split()
        if _headline_like(cand):
            title_toks = cand
            story.meta["title_rule"] = "signoff"
    if title_toks is None:
        lead = title_by_lead(lines)
        if lead:
            title_toks = lead[0]
            story.meta["title_rule"] = "lead"
    if title_toks:
        story.title = " ".join(title_toks)

    # story bounds: the head of the first line, the tail of the last lines
    stamps = stamp_dates(page)
    if title_toks:
        rebuilt = _story_head(lines, body_lines, title_toks)
        body_lines = rebuilt if rebuilt is not None else _cut_head(body_lines, title_toks, stamps)
    body_lines = _cut_tail(body_lines)
    signature = None
    if len(body_lines) > 1:
        sig = _signature_at(body_lines[-1])
        if sig and len(body_lines[-1]) <= len(sig) + 8:
            # the story's last line is its source signature «( رويترز , … )»
            signature = sig
            body_lines = body_lines[:-1]
    story.body = "\n".join(body_lines)

    # published
    from_url = url_published(url)
    from_page = stamps[0][2] if stamps else None
    if from_page is None and title_toks:
        from_page = _byline_date(tokens, title_toks)
    if from_page and from_url and from_page > from_url:
        from_page = None
    month = url_month(url)
    if from_page and month and not from_page.startswith(month):
        from_page = None
    if from_page:
        story.published, story.published_source = from_page, "page"
    elif from_url:
        story.published, story.published_source = from_url, "url"

    # outlet
    named = signature or _article_named_outlet(page, story.body, story, tokens, title_toks)
    site = _site_name(page, url)
    suffix = title_copy_suffix(tokens, title_toks, url) if title_toks else None
    if suffix and (not site or not outlet_for_domain(url)):
        site = suffix
    if not site and site_tail and len(site_tail) <= 4 and all(_is_word(t) for t in site_tail):
        site = " ".join(site_tail)
    generic = named is not None and fold(named) in _GENERIC_AGENCY
    if named and not generic:
        story.outlet = named
    elif site:
        story.outlet = site
    elif named:
        story.outlet = named
    else:
        story.outlet = outlet_for_domain(url) or domain_of(url)
    return story


# «( الصورة اورينت )», «( صورة : أرشيف )», «- صورة لرويترز»: photo credits
_PHOTO_CREDIT = re.compile(r"[(\[]\s*(?:ال)?صورة\s*[:：]?\s*[^()\[\]]{0,40}[)\]]")


def _story_head(lines: list[str], body_lines: list[str], title: list[str]) -> list[str] | None:
    """Rebuild the story's start from the page line that holds the headline.

    The story starts at the headline: the first copy of it in the page's first three
    lines that is not the ``<title>`` copy opening the page.  From there, that line is
    cut at its chrome cues (menus, widgets, URLs); its prose pieces are kept.  Story
    lines from later page lines stay as ``strip_boilerplate`` kept them; what came
    from earlier page lines goes.  None when the head holds no copy of the headline."""
    from marsad.ingest.webtext import MIN_SEGMENT_WORDS, _cue_spans, _tokens

    spots = []
    for h, line in enumerate(lines[:3]):
        toks = line.split()
        at = 0
        while (i := _find_seq(toks, title, at)) >= 0:
            spots.append((h, i))
            at = i + 1
    if not spots:
        return None
    def title_copy(h: int, i: int) -> bool:
        # the ``<title>`` copy: followed by «| site» / «- site» or by the site's dated header
        after = lines[h].split()[i + len(title) : i + len(title) + 10]
        if after[:1] and after[0] in _SEPARATORS:
            return True
        return bool(after) and bool(re.fullmatch(_DAY, after[0])) and bool(_DATE_RE.search(" ".join(after)))

    rest = [sp for sp in spots if not title_copy(*sp)]
    if rest:
        h, i = rest[0]
    else:
        h, i = spots[1] if len(spots) > 1 and spots[0] == (0, 0) else spots[0]
    toks = lines[h].split()
    seg = " ".join(toks[i:])
    pieces: list[str] = []
    pos = 0
    for cs, ce in sorted(_cue_spans(seg, _tokens(seg))):
        if cs > pos:
            pieces.append(seg[pos:cs])
        pos = max(pos, ce)
    pieces.append(seg[pos:])
    kept = [pieces[0].strip(" |")] + [
        p.strip(" |:-") for p in pieces[1:] if len(p.split()) >= MIN_SEGMENT_WORDS
    ]
    first = _PHOTO_CREDIT.sub(" ", " ".join(k for k in kept if k))
    first = re.sub(r"\s{2,}", " ", first).strip()
    # body lines that came from page lines after the headline's line stay
    later = []
    for bl in body_lines:
        probe = bl[:60]
        src = next((k for k, ln in enumerate(lines) if probe in ln), None)
        if src is None or src > h:
            later.append(bl)
    return [first, *later] if first else later


def _cut_head(body_lines: list[str], title: list[str], stamps: list[tuple[int, int, str]]) -> list[str]:
    """Drop what precedes the headline's last copy in the story's first lines."""
    for li, line in enumerate(body_lines[:3]):
        toks = line.split()
        at, found = 0, -1
        while True:
            i = _find_seq(toks, title, at)
            if i < 0:
                break
            found, at = i, i + 1
        if found < 0:
            continue
        if li > 0 and sum(len(b) for b in body_lines[:li]) > 0.3 * sum(len(b) for b in body_lines):
            return body_lines
        before = " ".join(toks[:found])
        stamp = _PUB_CUE.search(before) if stamps else None
        rest = " ".join(toks[found:])
        new_first = f"{stamp.group()} {rest}" if stamp else rest
        return [new_first] + body_lines[li + 1 :]
    return body_lines


def _cut_tail(body_lines: list[str]) -> list[str]:
    """Cut the last lines at a list/footer cue; drop lines left without prose."""
    out = list(body_lines)
    start = max(0, len(out) - 3)
    for i in range(start, len(out)):
        at = _tail_cut(out[i])
        if at is None:
            continue
        kept = out[i][:at].rstrip(" :-|")
        out = out[:i] + ([kept] if len(kept.split()) >= 4 else [])
        break
    return out


def _byline_date(tokens: list[str], title: list[str]) -> str | None:
    """A date within four tokens after a copy of the headline (no «| site» between)."""
    at = 0
    while True:
        i = _find_seq(tokens, title, at)
        if i < 0 or i > HEAD_TOKENS:
            return None
        after = " ".join(tokens[i + len(title) : i + len(title) + 12])
        m = _DATE_RE.search(after)
        if m:
            between = after[: m.start()].split()
            weekday = any(re.fullmatch(_DAY, t) for t in between)
            # «الأحد , 21 يناير 2018» under a site header is that day's date, not the article's
            if len(between) <= 4 and not weekday and not any(t in _SEPARATORS for t in between):
                value = read_date(m.group())
                if value:
                    return value
        at = i + 1


def _byline_name(tokens: list[str], title: list[str]) -> str | None:
    """«HEADLINE Euronews 19 / 12 / 2017»: the name between the headline and its date."""
    at = 0
    while True:
        i = _find_seq(tokens, title, at)
        if i < 0 or i > HEAD_TOKENS:
            return None
        after = " ".join(tokens[i + len(title) : i + len(title) + 12])
        m = _DATE_RE.search(after)
        if m:
            between = after[: m.start()].split()
            name = " ".join(between)
            if 1 <= len(between) <= 3 and all(_is_word(t) and t not in _SEPARATORS for t in between) \
                    and (fold(name) in _agencies() or re.fullmatch(r"[A-Za-z][\w.\- ]*", name)):
                return name
        at = i + 1


def _agencies() -> set[str]:
    from marsad.ingest.article import _AGENCIES

    return _AGENCIES


def _article_named_outlet(
    page: str, body: str, story: WebStory, tokens: list[str], title: list[str] | None
) -> str | None:
    """Signature after the story, inline dateline agency, or byline name."""
    # the signature right after the story's last sentence, in the page
    body_lines = [ln for ln in body.split("\n") if ln.strip()]
    if body_lines:
        last = body_lines[-1]
        probe = last[-60:] if len(last) > 60 else last
        at = page.rfind(probe)
        if at >= 0:
            sig = _signature_at(page[at + len(probe) :].lstrip())
            if sig:
                return sig
    # inline dateline near the story's start
    head = body[:900]
    for m in _INLINE_DATELINE.finditer(head):
        place = m.group("place").strip()
        words = place.split()
        if not is_place(place) and len(words) == 2 and is_place(words[1]):
            place = words[1]
        if not is_place(place):
            continue
        agency = (m.group("agency1") or m.group("agency2") or "").strip()
        if agency and len(agency.split()) <= 3 and not any(c.isdigit() for c in agency):
            story.dateline = story.dateline or place
            return agency
    if title:
        name = _byline_name(tokens, title)
        if name:
            return name
    return None
