"""Split an article's text into headline, byline/dateline/source metadata and the story.

What a reader would name, by the annotation rules (../shared/gold/README.md):

* **title** — the first line when it reads as a headline: it does not end like a
  sentence (no final «.», «،» or «:»), has 2-30 words, is not a byline, a source line
  or site chrome (menu, date stamp, widget), and more text follows.  A first line that is a full sentence stays in the body.
* **outlet / dateline lines** among the first lines, which leave the body:
  «عمران نت – الاخبار» (outlet, then a section word), «موسكو ـ (وكالات)» (dateline,
  then the agency in brackets), «دمشق - سانا» (a known place, then the outlet),
  «المصدر: سانا», «(وكالات)», «بقلم: …» (author, kept in meta), and a date alone on a
  line («الأحد 12 كانون الأول 2016», «نشر في: 12/06/2017») which gives ``published``.
* **trailing lines**: «المصدر: سانا», «(وكالات)», or a short signature such as
  «سيريان تلغراف» (at most four Arabic words, no digits, e-mail or URL, no final
  punctuation, after a line that ends a sentence; not «يتبع»/«انتهى») name the outlet
  and leave the body.
* **inline dateline**: a first story line opening with «بغداد ( رويترز ) -» or
  «دمشق - سانا:» gives dateline and outlet; the line itself stays (it is story).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from marsad.ingest.clean import fold, is_widget_line
from marsad.ingest.places import is_place
from marsad.ingest.pubdate import MONTHS, normalize_published
from marsad.ingest.webtext import is_chrome_line

MAX_TITLE_WORDS = 30
MAX_SIGNATURE_WORDS = 4

_DASH = "\\-–—ـ‒―"
_BLANK_RUN = re.compile(r"\n(?:[ \t]*\n)+")
_SENT_END = re.compile(r"[.،,:؛;]\s*$")
_SOURCE_LINE = re.compile(r"^[(\[]?\s*(?:المصدر|مصدر الخبر|المصدر الرئيسي)\s*[:：" + _DASH + r"]\s*(.+?)\s*[)\]]?\s*\.?$")
_AUTHOR_LINE = re.compile(
    r"^(?:بقلم\s*[:：" + _DASH + r"]?|(?:كتب|كتبت|إعداد|اعداد|تحرير|الكاتب)\s*[:：" + _DASH + r"])\s*(.+)$"
)
_TWO_PARTS = re.compile(r"^(.+?)\s*[" + _DASH + r"|/]+\s*(.+?)$")
_BRACKETED = re.compile(r"^[(\[«\"]\s*(.+?)\s*[)\]»\"]$")
_INLINE_DATELINE = re.compile(
    r"^\s*(?P<place>[^\s(\-–—ـ:،,]+(?:\s+[^\s(\-–—ـ:،,]+){0,2})\s*"
    r"(?:[(\[]\s*(?P<agency1>[^()\[\]]{2,30}?)\s*[)\]]\s*[" + _DASH + r":]"
    r"|[" + _DASH + r"]+\s*[(«\"]?\s*(?P<agency2>[^\s()«»\"،,:]+(?:\s+[^\s()«»\"،,:]+){0,2})\s*[)»\"]?\s*[:" + _DASH + r"])"
)
_INLINE_PLACE_ONLY = re.compile(r"^\s*(?P<place>[^\s(\-–—ـ:،,]+(?:\s+[^\s(\-–—ـ:،,]+){0,2})\s*[" + _DASH + r"]\s+\S")

_SECTIONS = {
    fold(w)
    for w in (
        "الأخبار الاخبار أخبار اخبار الخبر خبر محليات محلي عربي دولي عربي ودولي سياسة السياسة "
        "اقتصاد الاقتصاد رياضة الرياضة ثقافة منوعات تقارير تقرير متابعات عاجل خاص حوارات "
        "مقالات الرأي رأي شؤون عربية أخبار محلية أخبار عربية أخبار دولية"
    ).split()
}
_NOT_SIGNATURES = {fold(w) for w in ("يتبع", "انتهى", "النهاية", "تابع", "والله أعلم", "الله أكبر")}
_AGENCIES = {
    fold(w)
    for w in (
        "وكالات", "الوكالات", "رويترز", "أ ف ب", "ا ف ب", "أ.ف.ب", "فرانس برس", "أ ب", "د ب أ",
        "سانا", "سبوتنيك", "روسيا اليوم", "الأناضول", "الاناضول", "واس", "قنا", "وام", "بترا",
        "كونا", "بنا", "العمانية", "الأسوشيتد برس", "أسوشيتد برس", "شينخوا", "تاس", "نوفوستي",
        "إرنا", "ارنا", "فارس", "تسنيم", "مهر", "معا", "وفا", "قدس برس", "الألمانية", "الفرنسية",
    )
}


@dataclass
class ArticleParts:
    """The story text and what its header and footer lines said about it."""

    body: str
    title: str | None = None
    outlet: str | None = None
    dateline: str | None = None
    published: str | None = None
    meta: dict[str, str] = field(default_factory=dict)


def _words(s: str) -> int:
    return len(s.split())


def _clean_name(s: str) -> str:
    return s.strip(" \t()[]«»\"“”'‘’.:،,-–—ـ|/")


@dataclass
class _Meta:
    outlet: str | None = None
    dateline: str | None = None
    author: str | None = None
    published: str | None = None


def read_meta_line(line: str) -> _Meta | None:
    """Metadata named by a short byline/dateline/source line, or None if it is story."""
    text = line.strip()
    if not text or _words(text) > 8 or text.endswith((".", "؟", "?", "!")) and _words(text) > 3:
        return None
    m = _SOURCE_LINE.match(text)
    if m:
        return _Meta(outlet=_clean_name(m.group(1)))
    m = _AUTHOR_LINE.match(text)
    if m and _words(m.group(1)) <= 5:
        return _Meta(author=_clean_name(m.group(1)))
    m = _BRACKETED.match(text)
    if m and fold(_clean_name(m.group(1))) in _AGENCIES:
        return _Meta(outlet=_clean_name(m.group(1)))
    if fold(_clean_name(text)) in _AGENCIES:
        return _Meta(outlet=_clean_name(text))
    m = _TWO_PARTS.match(text)
    if m:
        left, right_raw = _clean_name(m.group(1)), m.group(2).strip()
        right = _clean_name(right_raw)
        date = read_date_line(right_raw)
        if left and date is not None and (is_place(left) or _words(left) <= 2):
            # «الحسكة – 9 حزيران 2025»: a dateline with the date
            return _Meta(dateline=left, published=date)
        if not left or not right or _words(left) > 3 or _words(right) > 3:
            return None
        if right_raw.startswith(("(", "[", "«")) or fold(right) in _AGENCIES:
            return _Meta(outlet=right, dateline=left if is_place(left) or _words(left) <= 2 else None)
        if fold(right) in _SECTIONS:
            return _Meta(outlet=left)
        if is_place(left):
            return _Meta(outlet=right, dateline=left)
        if is_place(right):
            return _Meta(outlet=left, dateline=right)
        return None
    core = _clean_name(text)
    if text.rstrip().endswith(tuple("-–—ـ")) and is_place(core):
        return _Meta(dateline=core)
    return None


_DATE_PREFIX = re.compile(
    r"^(?:(?:نشر|نُشر|تاريخ النشر|بتاريخ|آخر تحديث|اخر تحديث|في|يوم)\s*[:：]?\s*)*"
    r"(?:(?:ال)?(?:سبت|أحد|احد|إثنين|اثنين|ثلاثاء|أربعاء|اربعاء|خميس|جمعة)\s*[,،\-–]?\s*)?"
)


def read_date_line(line: str) -> str | None:
    """``YYYY-MM-DD`` when the line is only a date («الأحد 12 كانون الأول 2016», «12/06/2017»)."""
    text = line.strip()
    if not text or _words(text) > 9:
        return None
    rest = _DATE_PREFIX.sub("", text)
    value = normalize_published(rest)
    if value is None:
        return None
    leftover = re.sub(r"[\d\s/\-.,،:|()]+", " ", fold(rest)).split()
    months = {w for name in MONTHS for w in name.split()}
    extra = [w for w in leftover if w not in months and w not in ("ص", "م", "gmt", "الاول", "الثاني")]
    return value if len(extra) <= 1 else None


def is_headline(line: str) -> bool:
    """A first line that reads as a headline rather than the first sentence."""
    text = line.strip()
    n = _words(text)
    if n < 2 or n > MAX_TITLE_WORDS or _SENT_END.search(text) or is_chrome_line(text):
        return False
    return read_meta_line(text) is None


def _is_signature(line: str, previous: str | None) -> bool:
    text = line.strip()
    if not text or _words(text) > MAX_SIGNATURE_WORDS or any(c.isdigit() for c in text):
        return False
    if re.search(r"[.!?؟:،,]\s*$", text) or is_place(text) or re.search(r"@|https?:|www\.", text):
        return False
    if fold(_clean_name(text)) in _NOT_SIGNATURES or not re.search("[\u0600-\u06ff]", text):
        return False
    return previous is None or bool(re.search(r"[.!?؟»\"”)]\s*$", previous.strip()))


def split_article(text: str, *, want_title: bool = True) -> ArticleParts:
    """Apply the rules above to cleaned text (one paragraph per line, blank lines kept)."""
    all_lines = text.split("\n")
    # ``lines`` holds the indexes of the non-blank lines still in the body
    lines = [i for i, ln in enumerate(all_lines) if ln.strip()]
    parts = ArticleParts(body="")

    def take(meta: _Meta) -> None:
        if meta.outlet and not parts.outlet:
            parts.outlet = meta.outlet
        if meta.dateline and not parts.dateline:
            parts.dateline = meta.dateline
        if meta.author and "author" not in parts.meta:
            parts.meta["author"] = meta.author
        if meta.published and not parts.published:
            parts.published = meta.published

    def at(k: int) -> str:
        return all_lines[lines[k]]

    # header: headline, then byline/dateline lines among the first few lines
    if want_title and len(lines) > 1 and is_headline(at(0)):
        parts.title = all_lines[lines.pop(0)].strip()
        if " | " in parts.title:
            head, _, site = parts.title.rpartition(" | ")
            if _words(site) <= 4 and _words(head) >= 2:
                parts.title, parts.outlet = head.strip(), site.strip()
    k = 0
    while k < min(3, len(lines)) and len(lines) > 1:
        date = read_date_line(at(k))
        if date is not None:
            parts.published = parts.published or date
            lines.pop(k)
            continue
        meta = read_meta_line(at(k))
        if meta is None:
            k += 1
            continue
        take(meta)
        lines.pop(k)
    # footer: source/agency/signature lines at the end
    for _ in range(3):
        if len(lines) <= 1:
            break
        last = at(-1)
        if is_widget_line(last):
            lines.pop()
            continue
        meta = read_meta_line(last)
        if meta is not None and (meta.outlet or meta.author):
            take(meta)
            lines.pop()
            continue
        if _is_signature(last, at(-2)):
            take(_Meta(outlet=_clean_name(last)))
            lines.pop()
            continue
        break
    # inline dateline at the start of the story
    if lines:
        first = at(0)
        m = _INLINE_DATELINE.match(first)
        if m and is_place(m.group("place")):
            agency = _clean_name(m.group("agency1") or m.group("agency2") or "")
            if not parts.dateline:
                parts.dateline = m.group("place").strip()
            if agency and not parts.outlet and _words(agency) <= 3:
                parts.outlet = agency
        else:
            m2 = _INLINE_PLACE_ONLY.match(first)
            if m2 and is_place(m2.group("place")) and not parts.dateline:
                parts.dateline = m2.group("place").strip()
    if lines:
        keep = set(lines)
        body = [
            ln for i, ln in enumerate(all_lines[lines[0] : lines[-1] + 1], start=lines[0])
            if i in keep or not ln.strip()
        ]
        parts.body = _BLANK_RUN.sub("\n\n", "\n".join(body))
    return parts
