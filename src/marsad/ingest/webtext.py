"""Keep the story of a plain-text web page and drop menus, tickers, footers and widgets.

Pages saved as text (the Baly corpus, copy-pasted articles) mix the story with site
chrome, sometimes inside the same line.  The rules, applied in order:

1. **Inside a line**: a line that carries strong navigation cues (``|`` title
   separators, «الرئيسية», «اشترك في نشرتنا», «جميع الحقوق محفوظة», Latin menu words,
   URLs, time stamps) is cut at those cues; only its longest cue-free segment survives,
   and only if it is long enough to be prose (``MIN_SEGMENT_WORDS``).
2. **Line by line**: each line gets a weight.  Prose (enough words, ends like a
   sentence) weighs its word count; a line of widget words, a date or time alone, a URL,
   a line repeated elsewhere on the page, a short headline-like line, or a run of
   truncated teasers («… . . . …  . . .», related stories) weighs negative.
3. **Densest run**: the story is the contiguous run of lines with the highest total
   weight (maximum-sum subarray), so a short subheading inside the story stays while
   the related-stories list after it goes.  Inside the run, lines that are pure
   boilerplate are still dropped.

Clean articles pass unchanged: all their lines are prose, so the run is the whole text.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from marsad.ingest.clean import fold, is_widget_line

MIN_SEGMENT_WORDS = 8
MIN_PROSE_WORDS = 7

# Phrases that only site chrome uses; they mark a line as (partly) boilerplate anywhere.
_STRONG = [
    "الصفحة الرئيسية", "القائمة الرئيسية", "استمارة البحث", "شريط التصفح", "تخطي شريط",
    "وظائف رئيسية", "وظيفة البحث", "اتصل بنا", "من نحن", "سياسة الخصوصية", "شروط الاستخدام",
    "خريطة الموقع", "أعلن معنا", "جميع الحقوق محفوظة", "الحقوق محفوظة", "حقوق النشر محفوظة",
    "حقوق الطبع", "بعض الحقوق محفوظة", "اقرأ أيضا", "اقرأ أيضاً", "إقرأ أيضا", "إقرأ أيضاً",
    "اقرأ ايضا", "اقرأ المزيد", "أخبار ذات صلة", "مواضيع ذات صلة", "مقالات ذات صلة", "ذات صلة",
    "مقالات مشابهة", "أخبار مشابهة", "شاهد أيضا", "شاهد أيضاً", "الأكثر قراءة", "الأكثر مشاهدة",
    "الأكثر تعليقا", "الأكثر تداولا", "الأكثر شعبية", "آخر الأخبار", "أحدث الأخبار",
    "أرسل تعليقك", "أضف تعليق", "إضافة تعليق", "اترك تعليقا", "تعليقات الفيسبوك",
    "أرسل لصديق", "نسخة للطباعة", "حجم الخط", "اشترك في", "اشترك الآن", "الاشتراك في",
    "نشرتنا", "النشرة الإخبارية", "النشرة البريدية", "النشرة الاخبارية", "بريدك الإلكتروني",
    "عنوان البريد", "تسجيل الدخول", "تم نشره", "نشر بتاريخ", "آخر تحديث", "تاريخ النشر",
    "لقد تم تسجيلك", "حصل خطأ ما", "الرجاء إدخال", "الرجاء المحاولة", "مسجل مسبقا",
    "أول يومية", "يرجى تفعيل", "جافا سكريبت",
    "تابعونا على", "تابعنا على", "شارك على", "شارك هذا", "شاركها", "الكلمات الدالة",
    "كلمات مفتاحية", "مواد متعلقة", "مواضيع متعلقة", "المقال السابق", "المقال التالي",
    "الخبر السابق", "الخبر التالي", "من أرشيف",
    "لإشتراكك", "لاشتراكك", "جاري التسجيل", "هل تريد الاشتراك", "قسيمة اشتراك",
    "محتويات خارجية", "ملفات تعريف الارتباط", "التعليقات المنشورة", "الآراء الواردة",
    "تعبر عن آراء أصحابها", "تعبر عن رأي أصحابها", "لا تمثل الرأي الرسمي", "لا تعبر عن رأي الموقع",
    "مشاركتك بالتعليق", "بروتوكول نشر التعليقات", "رئيس التحرير", "مدير التحرير", "تصميم وتطوير",
    "كلمة السر", "كلمة المرور", "طرق أخرى للدخول", "هل تعلم", "مواضيع ساخنة", "نشر في", "جميع الأخبار", "كل الأخبار", "المزيد من الأخبار",
]
_WEAK = [
    "الرئيسية", "القائمة", "بحث", "ابحث", "شارك", "مشاركة", "طباعة", "تابعونا", "تابعنا",
    "فيسبوك", "تويتر", "يوتيوب", "انستغرام", "إنستغرام", "واتساب", "تيليغرام", "تلغرام",
    "التعليقات", "تعليقات", "المزيد", "السابق", "التالي", "أرشيف", "الأرشيف", "فيديو", "صور",
    "الوسوم", "وسوم", "إعلانات", "رياضة", "اقتصاد", "ثقافة", "منوعات", "تكنولوجيا", "صحة",
    "فن", "مقالات", "الرأي", "محليات", "عربي", "دولي", "عاجل", "الطقس", "اتصل", "سياسة",
    "أخبار", "الأخبار", "ملفات", "البريد", "الإلكتروني", "الالكتروني", "خدمات", "مدونات", "تقارير", "حوارات", "كاريكاتير", "انفوغرافيك", "إنفوجراف",
]


def _phrases(items: list[str]) -> list[tuple[str, ...]]:
    return sorted({tuple(fold(p).split()) for p in items}, key=len, reverse=True)


_STRONG_SEQ = _phrases(_STRONG)
_STRONG_BY_FIRST: dict[str, list[tuple[str, ...]]] = {}
for _seq in _STRONG_SEQ:
    _STRONG_BY_FIRST.setdefault(_seq[0], []).append(_seq)
_WEAK_SET = {fold(w) for w in _WEAK}
_LATIN_NAV = {
    "menu", "home", "search", "login", "subscribe", "subscription", "share", "tweet", "print",
    "email", "facebook", "twitter", "instagram", "youtube", "whatsapp", "telegram", "rss",
    "next", "previous", "article", "copyright", "cookies", "advertisement", "newsletter", "form",
    "horizontal", "line", "inhalt", "neuer", "skip", "content", "privacy", "policy", "terms",
    "loading", "player",
    "contact", "about", "google", "linkedin", "pinterest", "reddit", "premium", "pdf", "en",
}
_SENT_END = re.compile(r"[.!?؟…»\"”)\]:]\s*$")
_URL = re.compile(r"(https?://|www\.)\S+|\S+\.(com|net|org|sy|lb|iq|ae|sa|eg|info|news)\b", re.I)
_TIME = re.compile(r"\b\d{1,2}\s*:\s*\d{2}(\s*:\s*\d{2})?(\s*(ص|م|am|pm|AM|PM)\b)?")
_NUMDATE = re.compile(r"\b\d{1,4}\s*[/\-.]\s*\d{1,2}\s*[/\-.]\s*\d{1,4}\b")
_MONTHS = (
    "يناير فبراير مارس أبريل ابريل إبريل مايو يونيو يوليو أغسطس اغسطس سبتمبر أكتوبر اكتوبر "
    "نوفمبر ديسمبر كانون شباط آذار اذار نيسان أيار ايار حزيران تموز آب اب أيلول ايلول تشرين "
    "جانفي فيفري أفريل ماي جوان جويلية أوت سبتمبر"
).split()
_MONTH_RE = "|".join(sorted({re.escape(m) for m in _MONTHS}, key=len, reverse=True))
_TEXTDATE = re.compile(
    rf"(\b\d{{1,2}}\s*(?:{_MONTH_RE})(?:\s+(?:الأول|الثاني|الاول))?\s*[,،]?\s*\d{{4}})"
    rf"|((?:{_MONTH_RE})\s*\d{{1,2}}\s*[,،]?\s*\d{{4}})"
)
_DAYS = {fold(d) for d in "السبت الأحد الاحد الإثنين الاثنين الثلاثاء الأربعاء الاربعاء الخميس الجمعة".split()}
_DATE_ONLY = re.compile(
    rf"^[\s\d/\-.,،:|()]*((?:{_MONTH_RE})(?:\s+(?:الأول|الثاني|الاول))?[\s\d/\-.,،:|()]*)*"
    r"(ص|م|am|pm|AM|PM|GMT|بتوقيت\s+\S+)?[\s\d/\-.,،:|()]*$"
)


_fold_word = lru_cache(maxsize=1 << 16)(fold)


@dataclass
class _Token:
    start: int
    end: int
    key: str


def _tokens(line: str) -> list[_Token]:
    return [_Token(m.start(), m.end(), _fold_word(m.group())) for m in re.finditer(r"\S+", line)]


def _cue_spans(line: str, toks: list[_Token]) -> list[tuple[int, int]]:
    """Character spans of strong boilerplate cues in ``line``."""
    spans: list[tuple[int, int]] = []
    keys = [t.key for t in toks]
    i = 0
    while i < len(toks):
        hit = 0
        for seq in _STRONG_BY_FIRST.get(keys[i], ()):
            if tuple(keys[i : i + len(seq)]) == seq:
                hit = len(seq)
                break
        if hit:
            spans.append((toks[i].start, toks[i + hit - 1].end))
            i += hit
            continue
        key = keys[i]
        if (key and set(key) <= {"|", "©"}) or key in _LATIN_NAV:
            spans.append((toks[i].start, toks[i].end))
        i += 1
    spans.extend(m.span() for m in _URL.finditer(line))
    return spans


def _stamp_spans(line: str) -> list[tuple[int, int]]:
    """Dates and times: boilerplate markers only in a line that already has cues."""
    out = [m.span() for m in _TIME.finditer(line)]
    out += [m.span() for m in _NUMDATE.finditer(line)]
    out += [m.span() for m in _TEXTDATE.finditer(line)]
    return out


def _word_count(s: str) -> int:
    return sum(1 for w in s.split() if any(c.isalpha() for c in w))


def trim_line(line: str, *, edge: bool = False) -> str:
    """Rule 1: cut a mixed line at its boilerplate cues and keep its longest prose part.

    On the first and last lines of a page (``edge``) a time stamp next to a date is a
    cue too: that is where page headers («الأحد , 21 يناير 2018 10 : 02 ص») sit."""
    toks = _tokens(line)
    cues = _cue_spans(line, toks)
    if edge and not cues and (_TEXTDATE.search(line) or _NUMDATE.search(line)):
        cues = [m.span() for m in _TIME.finditer(line)]
    if not cues:
        return line
    spans = sorted(cues + _stamp_spans(line))
    # also cut where a weak (menu) word sits among other weak words or cues
    segments: list[tuple[int, int]] = []
    pos = 0
    for s, e in spans:
        if s > pos:
            segments.append((pos, s))
        pos = max(pos, e)
    if pos < len(line):
        segments.append((pos, len(line)))
    best = max(segments, key=lambda se: _word_count(line[se[0] : se[1]]), default=None)
    if best is None:
        return ""
    part = line[best[0] : best[1]].strip(" -–—|:،,")
    part = _strip_menu_prefix(part)
    return part if _word_count(part) >= MIN_SEGMENT_WORDS else ""


def _strip_menu_prefix(part: str) -> str:
    """Drop a leading run of menu words («الرئيسية أخبار رياضة اقتصاد …») from a segment."""
    toks = _tokens(part)
    n = 0
    while n < len(toks) and (toks[n].key in _WEAK_SET or toks[n].key in _DAYS):
        n += 1
    if n >= 3 and n < len(toks):
        return part[toks[n].start :]
    return part


_ELLIPSIS = re.compile(r"\. \. \.|\.\.\.|…")


def _weight(line: str, repeated: bool, was_cut: bool = False) -> float:
    words = _word_count(line)
    if len(_ELLIPSIS.findall(line[:-8])) >= 2:
        # «headline . . . teaser . . . headline»: a list of truncated related stories
        return -float(words) / 2
    if words == 0:
        return -3.0
    if is_widget_line(line) or _DATE_ONLY.match(line) or _URL.fullmatch(line.strip()):
        return -8.0
    if repeated:
        return -float(max(words, 5))
    keys = [_fold_word(w) for w in line.split()]
    weak = sum(1 for k in keys if k in _WEAK_SET)
    if words < MIN_PROSE_WORDS:
        # short: a subheading inside a story, or a menu item / headline in a list
        return -6.0 if weak else -2.0
    if weak / words > 0.25:
        return -float(words)
    bonus = 1.0 if _SENT_END.search(line) else 0.6
    if was_cut:
        # what is left of a line that carried site chrome: weak evidence of story
        return words * 0.5 - 5.0
    return words * bonus


def densest_run(weights: list[float]) -> tuple[int, int]:
    """Indexes ``[start, end)`` of the contiguous run with the largest total weight."""
    best, best_span = float("-inf"), (0, 0)
    total, start = 0.0, 0
    for i, w in enumerate(weights):
        if total <= 0:
            total, start = 0.0, i
        total += w
        if total > best:
            best, best_span = total, (start, i + 1)
    return best_span if best > 0 else (0, 0)


def strip_boilerplate(text: str) -> str:
    """Apply rules 1-3 to cleaned text (one paragraph per line) and return the story."""
    lines = [ln for ln in text.split("\n") if ln.strip()]
    if not lines:
        return ""
    last = len(lines) - 1
    trimmed = [trim_line(ln, edge=i < 2 or i > last - 2) for i, ln in enumerate(lines)]
    counts = Counter(t for t in trimmed if t)
    repeated = [bool(t) and counts[t] > 1 and _word_count(t) < 40 for t in trimmed]
    weights = [
        _weight(t, rep, t != ln) if t else -4.0
        for ln, t, rep in zip(lines, trimmed, repeated, strict=True)
    ]
    start, end = densest_run(weights)
    # a run does not end on what is left of a chrome line unless it is a real paragraph
    while end > start and trimmed[end - 1] != lines[end - 1] and _word_count(trimmed[end - 1]) < 20:
        end -= 1
    kept = [
        t
        for t, w, rep in zip(trimmed[start:end], weights[start:end], repeated[start:end], strict=True)
        if t and not rep and w > -8.0
    ]
    return "\n".join(kept)


def looks_like_web_dump(text: str) -> bool:
    """True when cleaned text carries site chrome of at least two kinds among: a short
    line repeated, a date or URL alone on a line, ``|`` separators, a short line with
    menu/widget/related-stories cues — and some of it in the first or last three lines,
    where pages keep their chrome.  (One kind alone, or only mid-text, is often story:
    a table of films with «|», a list of apps named in Latin.)"""
    lines = [ln.strip() for ln in text.split("\n") if ln.strip()]
    counts = Counter(lines)
    kinds: set[str] = set()
    at_edge = False
    for i, ln in enumerate(lines):
        words = _word_count(ln)
        found = set()
        if counts[ln] > 1 and words < 40:
            found.add("repeated")
        if _DATE_ONLY.match(ln):
            found.add("date")
        if _URL.fullmatch(ln):
            found.add("url")
        if " | " in ln:
            found.add("pipe")
        bare = ln.replace("|", " ")
        if words <= 15 and _cue_spans(bare, _tokens(bare)):
            found.add("cue")
        if found and (i < 3 or i >= len(lines) - 3):
            at_edge = True
        kinds |= found
    return len(kinds) >= 2 and at_edge


def is_chrome_line(line: str) -> bool:
    """A line that is site chrome as a whole: widget, menu, date/URL alone, strong cue."""
    text = line.strip()
    if not text or is_widget_line(text) or _DATE_ONLY.match(text) or _URL.fullmatch(text):
        return True
    toks = _tokens(text)
    if any(t.key not in ("|",) for t in toks) and sum(t.key == "|" for t in toks) >= 2:
        return True
    if _cue_spans(text, toks) and len(toks) <= 15:
        return True
    words = [t.key for t in toks if any(c.isalpha() for c in t.key)]
    return bool(words) and sum(w in _WEAK_SET for w in words) / len(words) >= 0.5
