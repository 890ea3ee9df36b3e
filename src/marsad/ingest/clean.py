"""The cleaning every Document's text goes through, whatever format it came in.

Rules (the text is what every extractor sees, so it must be the story only, but the
letters a reader sees are never changed; folding for matching is the normalizer's job):

* ``\\r\\n`` and ``\\r`` become ``\\n``; form feeds and vertical tabs become ``\\n``;
* zero-width and bidi control marks (U+200B-U+200F, U+202A-U+202E, U+2066-U+2069,
  U+061C, BOM, soft hyphen) are removed; no-break and other exotic spaces become a
  plain space; harakat and tatweel are kept;
* runs of spaces/tabs inside a line become one space, lines are stripped;
* runs of blank lines collapse to one blank line (paragraphs are kept);
* comment/share widget leftovers («أرسل تعليقك», «إضافة تعليق جديد», «شارك», …) on a
  line of their own are dropped.
"""

from __future__ import annotations

import re

from marsad.text.normalize import fold as _fold


def fold(text: str) -> str:
    """``marsad.text.normalize.fold``, but never failing on a character it cannot fold.

    (Characters whose compatibility form is themselves, such as the ornate parentheses
    ﴾ ﴿ around Quran verses, make the shared folder recurse forever; they are kept.)
    """
    try:
        return _fold(text)
    except RecursionError:
        out = []
        for ch in text:
            try:
                out.append(_fold(ch))
            except RecursionError:
                out.append(ch)
        return "".join(out)

_INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2066-\u2069\u061c\ufeff\u00ad\u2060]")
_SPACES = re.compile("[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
_BLANKS = re.compile(r"\n{3,}")

# Whole lines that are what is left of a comment box, share bar or print button.
_WIDGET_PHRASES = [
    "أرسل تعليقك", "ارسل تعليقك", "أضف تعليقك", "أضف تعليق", "إضافة تعليق", "إضافة تعليق جديد",
    "اترك تعليقا", "اترك تعليقاً", "اترك رد", "اترك ردا", "التعليقات", "تعليقات", "لا توجد تعليقات",
    "تعليقات الفيسبوك", "التعليق", "الاسم", "البريد الإلكتروني", "أرسل", "إرسال", "نشر التعليق",
    "شارك", "شاركها", "شارك المقال", "شارك الخبر", "شارك هذا", "مشاركة", "مشاركة الخبر",
    "طباعة", "اطبع", "أرسل لصديق", "ارسل لصديق", "حفظ", "نسخ الرابط", "رابط مختصر",
    "تابعونا", "تابعنا", "تابعونا على", "تابعونا على فيسبوك", "تابعونا على تويتر",
    "فيسبوك", "تويتر", "واتساب", "تيليجرام", "تيليغرام", "لينكد إن", "جوجل بلس", "يوتيوب",
    "facebook", "twitter", "whatsapp", "telegram", "share", "tweet", "print", "email",
    "اقرأ أيضا", "اقرأ أيضاً", "إقرأ أيضا", "إقرأ أيضاً", "اقرأ ايضا", "اقرأ المزيد", "المزيد",
    "أخبار ذات صلة", "مواضيع ذات صلة", "مقالات ذات صلة", "ذات صلة", "الأكثر قراءة",
    "الكلمات الدالة", "كلمات مفتاحية", "الوسوم", "وسوم", "الأوسمة", "إعلان", "اعلان",
    "مواضيع متعلقة", "مواد متعلقة", "شاهد أيضا", "شاهد أيضاً", "شاهد ايضا",
]
_WIDGET_KEYS = {fold(p).strip() for p in _WIDGET_PHRASES}
_WIDGET_TRAIL = re.compile(r"[\s:：\-–—|•·.،,!()\[\]«»\"“”]+")


def is_widget_line(line: str) -> bool:
    """True for a line that is only a comment/share/print/related widget label."""
    if len(line) > 80:
        return False
    key = _WIDGET_TRAIL.sub(" ", fold(line)).strip()
    if not key or len(key.split()) > 5:
        return False
    if key in _WIDGET_KEYS:
        return True
    # «شارك: فيسبوك تويتر واتساب» — every word a widget word
    words = key.split()
    return len(words) >= 2 and all(w in _WIDGET_KEYS for w in words)


def clean_text(text: str, *, drop_widgets: bool = True) -> str:
    """Apply the shared cleaning rules above and return the cleaned text."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n").replace("\v", "\n")
    text = _INVISIBLE.sub("", text)
    text = text.replace("\u2028", "\n").replace("\u2029", "\n\n")
    lines = []
    for raw in text.split("\n"):
        line = _SPACES.sub(" ", raw).strip()
        if drop_widgets and line and is_widget_line(line):
            continue
        lines.append(line)
    text = "\n".join(lines).strip("\n")
    return _BLANKS.sub("\n\n", text)


def paragraphs(text: str) -> list[str]:
    """Non-empty lines of ``text`` (each line is one paragraph after ``clean_text``)."""
    return [line for line in text.split("\n") if line.strip()]
