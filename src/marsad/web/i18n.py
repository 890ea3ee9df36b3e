"""Labels of the web pages in Arabic (the default) and English (``?lang=en``), and dates
written the way readers of each language write them."""

from __future__ import annotations

import re

LANGS = ("ar", "en")

LABELS: dict[str, dict[str, str]] = {
    "app": {"ar": "مرصد", "en": "Marsad"},
    "tagline": {"ar": "سجل أخبار النزاع: بحث وتحقق", "en": "The conflict news record: search and check"},
    "search": {"ar": "بحث", "en": "Search"},
    "search_placeholder": {"ar": "ابحث في الأخبار…", "en": "Search the news…"},
    "articles": {"ar": "المقالات", "en": "Articles"},
    "results": {"ar": "نتيجة", "en": "results"},
    "no_results": {"ar": "لا نتائج", "en": "No results"},
    "sort": {"ar": "الترتيب", "en": "Sort"},
    "sort_rank": {"ar": "الأكثر صلة", "en": "Relevance"},
    "sort_date": {"ar": "الأحدث", "en": "Newest"},
    "sort_date_asc": {"ar": "الأقدم", "en": "Oldest"},
    "facet_outlet": {"ar": "المصدر", "en": "Outlet"},
    "facet_month": {"ar": "الشهر", "en": "Month"},
    "facet_PER": {"ar": "الأشخاص", "en": "People"},
    "facet_ORG": {"ar": "المنظمات", "en": "Organisations"},
    "facet_LOC": {"ar": "الأماكن", "en": "Places"},
    "facet_speaker": {"ar": "المتحدثون", "en": "Speakers"},
    "facet_event_type": {"ar": "نوع الحدث", "en": "Event type"},
    "facet_denial": {"ar": "فيه نفي", "en": "Has a denial"},
    "date_range": {"ar": "الفترة", "en": "Date range"},
    "since": {"ar": "من", "en": "From"},
    "until": {"ar": "إلى", "en": "To"},
    "apply": {"ar": "تطبيق", "en": "Apply"},
    "active_filters": {"ar": "المرشحات", "en": "Filters"},
    "remove": {"ar": "إزالة", "en": "remove"},
    "clear_all": {"ar": "مسح الكل", "en": "Clear all"},
    "prev": {"ar": "السابق", "en": "Previous"},
    "next": {"ar": "التالي", "en": "Next"},
    "page": {"ar": "صفحة", "en": "Page"},
    "of": {"ar": "من", "en": "of"},
    "outlet": {"ar": "المصدر", "en": "Outlet"},
    "published": {"ar": "تاريخ النشر", "en": "Published"},
    "dateline": {"ar": "مكان النشر", "en": "Dateline"},
    "original": {"ar": "الرابط الأصلي", "en": "Original URL"},
    "claims": {"ar": "الادعاءات", "en": "Claims"},
    "events": {"ar": "الأحداث", "en": "Events"},
    "figures": {"ar": "الأرقام", "en": "Figures"},
    "entities": {"ar": "الكيانات", "en": "Entities"},
    "near_duplicates": {"ar": "نسخ مشابهة", "en": "Near-duplicates"},
    "copy_of": {"ar": "نسخة من", "en": "Copy of"},
    "story": {"ar": "القصة", "en": "Story"},
    "speaker": {"ar": "المتحدث", "en": "Speaker"},
    "verb": {"ar": "الفعل", "en": "Verb"},
    "content": {"ar": "المضمون", "en": "Content"},
    "polarity": {"ar": "الموقف", "en": "Polarity"},
    "assert": {"ar": "تأكيد", "en": "asserts"},
    "deny": {"ar": "نفي", "en": "denies"},
    "type": {"ar": "النوع", "en": "Type"},
    "place": {"ar": "المكان", "en": "Place"},
    "date": {"ar": "التاريخ", "en": "Date"},
    "actor": {"ar": "الفاعل", "en": "Actor"},
    "target": {"ar": "المستهدف", "en": "Target"},
    "value": {"ar": "القيمة", "en": "Value"},
    "bound": {"ar": "الحد", "en": "Bound"},
    "counted": {"ar": "المعدود", "en": "Counted"},
    "entity": {"ar": "الكيان", "en": "Entity"},
    "aliases": {"ar": "الأسماء", "en": "Aliases"},
    "role": {"ar": "الصفة", "en": "Role"},
    "mentions": {"ar": "الذكر", "en": "Mentions"},
    "mentions_over_time": {"ar": "الذكر عبر الزمن", "en": "Mentions over time"},
    "claims_made": {"ar": "ادعاءات أدلى بها", "en": "Claims made"},
    "events_here": {"ar": "أحداث في هذا المكان", "en": "Events here"},
    "check": {"ar": "تحقق", "en": "Check"},
    "check_title": {"ar": "التحقق من ادعاء", "en": "Check a claim"},
    "check_placeholder": {"ar": "اكتب الادعاء هنا…", "en": "Type the claim…"},
    "verdict": {"ar": "الحكم", "en": "Verdict"},
    "stance": {"ar": "الموقف", "en": "Stance"},
    "evidence": {"ar": "الأدلة", "en": "Evidence"},
    "confidence": {"ar": "الثقة", "en": "Confidence"},
    "origin": {"ar": "المصدر الأصلي", "en": "Origin"},
    "agree": {"ar": "يؤيد", "en": "agrees"},
    "disagree": {"ar": "ينفي", "en": "disagrees"},
    "discuss": {"ar": "يناقش", "en": "discusses"},
    "unrelated": {"ar": "غير ذي صلة", "en": "unrelated"},
    "v_supported": {"ar": "مؤيَّد", "en": "supported"},
    "v_refuted": {"ar": "مفنَّد", "en": "refuted"},
    "v_disputed": {"ar": "متنازع عليه", "en": "disputed"},
    "v_not_enough_evidence": {"ar": "لا أدلة كافية", "en": "not enough evidence"},
    "independent_origins": {"ar": "مصادر مستقلة", "en": "independent origins"},
    "articles_checked": {"ar": "مقالات فُحصت", "en": "articles checked"},
    "map": {"ar": "الخريطة", "en": "Map"},
    "map_title": {"ar": "خريطة الأحداث", "en": "Map of events"},
    "timeline": {"ar": "الخط الزمني", "en": "Timeline"},
    "admin_areas": {"ar": "الأحداث حسب المحافظة", "en": "Events by governorate"},
    "admin_area": {"ar": "المحافظة", "en": "Governorate"},
    "n_events": {"ar": "حدث", "en": "events"},
    "sources": {"ar": "المصادر والترخيص", "en": "sources and licence"},
    "whole_map": {"ar": "كل الخريطة", "en": "The whole map"},
    "no_admin_area": {"ar": "لا أحداث في محافظة معروفة", "en": "No event in a known governorate"},
    "events_with_place": {"ar": "حدثًا بمكان معروف", "en": "events with a known place"},
    "ingest": {"ar": "إضافة ملفات", "en": "Ingest"},
    "ingest_title": {"ar": "إضافة مقالات من ملفات", "en": "Add articles from files"},
    "ingest_help": {"ar": "الصيغ المقبولة", "en": "Accepted formats"},
    "size_limit": {"ar": "الحد الأقصى للحجم", "en": "Size limit"},
    "token": {"ar": "رمز الدخول", "en": "Access token"},
    "upload": {"ar": "رفع", "en": "Upload"},
    "uploading": {"ar": "جارٍ الرفع والاستخراج…", "en": "Uploading and extracting…"},
    "sending": {"ar": "جارٍ الرفع", "en": "Uploading"},
    "extracting": {"ar": "رُفعت الملفات، جارٍ الاستخراج…", "en": "Uploaded, extracting…"},
    "upload_done": {"ar": "اكتملت الإضافة", "en": "Done"},
    "upload_failed": {"ar": "تعذّر الرفع", "en": "The upload failed"},
    "network_error": {"ar": "انقطع الاتصال بالخادم", "en": "The connection to the server was lost"},
    "per_file": {"ar": "كل ملف", "en": "Each file"},
    "warnings": {"ar": "تنبيهات", "en": "warnings"},
    "added": {"ar": "أضيف", "en": "added"},
    "present": {"ar": "موجود سابقًا", "en": "already present"},
    "near_dups": {"ar": "نسخ مشابهة", "en": "near-duplicates"},
    "failed": {"ar": "فشل", "en": "failed"},
    "stories": {"ar": "القصص", "en": "Stories"},
    "stories_not_yet": {
        "ar": "القصص (الحدث الواحد كما روته مصادر عدة) لم تُبنَ بعد.",
        "en": "Stories (one event as several outlets told it) are not built yet.",
    },
    "outlets_timeline": {"ar": "المصادر بترتيب النشر", "en": "Outlets in order of publication"},
    "role_original": {"ar": "أصلي", "en": "original"},
    "role_copy": {"ar": "منقول", "en": "copy"},
    "role_independent": {"ar": "مستقل", "en": "independent"},
    "outcome": {"ar": "الحصيلة", "en": "Outcome"},
    "conflict": {"ar": "تضارب", "en": "conflict"},
    "who_copied": {"ar": "من نقل عمّن", "en": "Who copied whom"},
    "copied_from": {"ar": "نقل عن", "en": "copied from"},
    "outcome_killed": {"ar": "قتلى", "en": "killed"},
    "outcome_wounded": {"ar": "جرحى", "en": "wounded"},
    "outcome_captured": {"ar": "أسرى", "en": "captured"},
    "outcome_arrested": {"ar": "معتقلون", "en": "arrested"},
    "outcome_displaced": {"ar": "نازحون", "en": "displaced"},
    "outcome_vehicles": {"ar": "آليات", "en": "vehicles"},
    "outcome_sorties": {"ar": "غارات", "en": "sorties"},
    "outcome_fighters": {"ar": "مسلحون", "en": "fighters"},
    "outcome_missiles": {"ar": "صواريخ وقذائف", "en": "missiles"},
    "outcome_mines": {"ar": "ألغام", "en": "mines"},
    "outcome_sites": {"ar": "مواقع", "en": "sites"},
    "api": {"ar": "واجهة البرمجة", "en": "API"},
    "json": {"ar": "JSON", "en": "JSON"},
    "error": {"ar": "خطأ", "en": "Error"},
    "back_home": {"ar": "العودة إلى البحث", "en": "Back to search"},
    "language": {"ar": "English", "en": "العربية"},
    "article": {"ar": "مقال", "en": "Article"},
    "copies": {"ar": "نسخ", "en": "copies"},
    "legend": {"ar": "المفتاح", "en": "Legend"},
    "PER": {"ar": "شخص", "en": "person"},
    "ORG": {"ar": "منظمة", "en": "organisation"},
    "LOC": {"ar": "مكان", "en": "place"},
    "figure": {"ar": "رقم", "en": "figure"},
    "date_mark": {"ar": "تاريخ", "en": "date"},
    "claim": {"ar": "ادعاء", "en": "claim"},
    "yes": {"ar": "نعم", "en": "yes"},
    "openapi": {"ar": "وصف OpenAPI", "en": "OpenAPI description"},
    "routes": {"ar": "المسارات", "en": "Routes"},
}

SIGNALS = {
    "headline": ("العنوان", "headline"), "confirmed": ("تأكيد", "confirmed"),
    "reported": ("نقل", "reported"), "denial": ("نفي", "denial"),
    "negated": ("نفي الفعل", "negated"), "antonym": ("عكس المعنى", "antonym"),
    "figure_differs": ("رقم مختلف", "figure differs"),
    "figure_corrected": ("رقم مصحَّح", "figure corrected"),
    "hedge": ("تحفّظ", "hedge"), "disagree": ("خلاف", "disagree"),
    "near_duplicate": ("نسخة شبه مطابقة", "near-duplicate"),
    "reused_sentences": ("جمل منقولة حرفيًا", "sentences reused"),
}


def signal_label(name: str, lang: str) -> str:
    ar, en = SIGNALS.get(name, (name.replace("_", " "), name.replace("_", " ")))
    return ar if lang == "ar" else en


EVENT_TYPES = {
    "airstrike": ("غارة جوية", "airstrike"), "missile_strike": ("ضربة صاروخية", "missile strike"),
    "shelling": ("قصف مدفعي", "shelling"), "strike": ("قصف", "strike"),
    "attack": ("هجوم", "attack"), "bombing": ("تفجير", "bombing"),
    "clashes": ("اشتباكات", "clashes"), "capture": ("سيطرة", "capture"),
    "withdrawal": ("انسحاب", "withdrawal"), "movement": ("تحركات عسكرية", "movement"),
    "casualties": ("ضحايا", "casualties"), "materiel_destroyed": ("تدمير عتاد", "materiel destroyed"),
    "arrest": ("اعتقال", "arrest"), "evacuation": ("إجلاء", "evacuation"),
    "displacement": ("نزوح", "displacement"), "aid": ("مساعدات", "aid"),
    "demining": ("إزالة ألغام", "demining"), "surrender_amnesty": ("تسوية/استسلام", "surrender, amnesty"),
    "ceasefire_violation": ("خرق للهدنة", "ceasefire violation"), "agreement": ("اتفاق", "agreement"),
    "protest": ("احتجاج", "protest"), "release": ("إفراج", "release"),
}

# Levantine/Iraqi month names with the Egyptian/Gulf ones readers also know
MONTHS_AR = ("كانون الثاني", "شباط", "آذار", "نيسان", "أيار", "حزيران", "تموز", "آب",
             "أيلول", "تشرين الأول", "تشرين الثاني", "كانون الأول")
MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August",
             "September", "October", "November", "December")
_ISO = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")
_EASTERN = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


def label(key: str, lang: str) -> str:
    entry = LABELS.get(key)
    if entry is None:
        return key
    return entry.get(lang) or entry["ar"]


def event_label(kind: str | None, lang: str) -> str:
    if not kind:
        return ""
    ar, en = EVENT_TYPES.get(kind, (kind, kind.replace("_", " ")))
    return ar if lang == "ar" else en


def format_date(value: str | None, lang: str = "ar", eastern: bool = False) -> str:
    """«31 أيار 2025» / «31 May 2025»; a month alone «أيار 2025»; unknown text as is.
    ``eastern`` writes the digits as ٠١٢٣… (when the article itself does)."""
    if not value:
        return ""
    m = _ISO.match(value)
    if not m:
        return value
    year, month, day = m.group(1), m.group(2), m.group(3)
    names = MONTHS_AR if lang == "ar" else MONTHS_EN
    parts = []
    if day:
        parts.append(str(int(day)))
    if month and 1 <= int(month) <= 12:
        parts.append(names[int(month) - 1])
    parts.append(year)
    out = " ".join(parts)
    return out.translate(_EASTERN) if eastern else out


def uses_eastern_digits(text: str) -> bool:
    """Whether a text writes its numbers mostly in Eastern Arabic digits."""
    eastern = sum(1 for ch in text if "٠" <= ch <= "٩")
    western = sum(1 for ch in text if "0" <= ch <= "9")
    return eastern > western
