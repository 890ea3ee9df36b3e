"""Trigger words of each event type, and the context words that decide a type.

Every form is folded (``marsad.text.normalize.fold``) and matched against a token's
clitic-free forms, so «وبالغارات», «والغارات» and «غارات» all hit «غارات».  Verbs are
listed in their perfect and imperfect persons, nouns in singular, dual and plural.
"""

from __future__ import annotations

from marsad.text.normalize import fold


def forms(words: str) -> frozenset[str]:
    return frozenset(fold(w) for w in words.split())


#: the types an event may have (../shared/gold/README.md, events)
TYPES = (
    "airstrike", "missile_strike", "shelling", "attack", "bombing", "clashes", "capture",
    "withdrawal", "movement", "casualties", "materiel_destroyed", "arrest", "evacuation",
    "displacement", "aid", "demining", "surrender_amnesty", "ceasefire_violation",
    "agreement", "protest",
)

#: acts: a toll in the same clause is carried by the act, not an event of its own
#: (``strike``: a strike whose kind the clause does not tell, resolved per article)
ACTS = frozenset({"airstrike", "missile_strike", "shelling", "attack", "bombing", "clashes",
                  "strike"})
TOLLS = frozenset({"casualties", "materiel_destroyed"})

#: ``strike`` is resolved by context to airstrike, missile_strike or shelling
TRIGGERS: dict[str, frozenset[str]] = {
    "airstrike": forms("غارة غارات غارتين غارتان الغارة طلعة طلعات طلعتين"),
    "strike": forms(
        "ضربة ضربات ضربتين ضربتان قصف قصفت قصفوا يقصف تقصف قصفا قصفه قصفها يقصفون "
        "استهدف استهدفت استهدفوا يستهدف تستهدف استهداف استهدافه استهدافها استهدفها"
    ),
    "missile_strike": forms("صاروخ صواريخ صاروخا صاروخين صاروخية صاروخي"),
    "shelling": forms("قذيفة قذائف قذيفتين قذيفتان"),
    "attack": forms(
        "هجوم هجمات هجوما هجومين هجومية هاجم هاجمت هاجموا يهاجم تهاجم يهاجمون اقتحام "
        "اقتحم اقتحمت اقتحموا يقتحم تقتحم كمين كمينا توغل توغلت"
    ),
    "bombing": forms(
        "تفجير تفجيرات تفجيرا فجرت فجروا انفجار انفجارات انفجرت انفجر"
    ),
    "clashes": forms(
        "اشتباك اشتباكات اشتبك اشتبكت اشتبكوا معارك معركة اشتباكين مواجهات قتال اقتتال"
    ),
    "capture": forms(
        "سيطرة السيطرة سيطر سيطرت سيطروا تسيطر يسيطر يسيطرون تستعيد يستعيد استعادة استعاد استعادت استعادوا تحرير حرر حررت "
        "حرروا تحريرها تحريره طرد طردت طردوا بسط بسطت بسطوا سقوط سقطت دخول دخلت "
        "دخلوا"
    ),
    "withdrawal": forms("انسحاب انسحب انسحبت انسحبوا ينسحب تنسحب انسحابها انسحابه سحب سحبت"),
    "movement": forms(
        "تقدم التقدم تقدمت تقدموا يتقدم تتقدم توجه توجهت توجهوا يتوجه تتوجه تحرك تحركت "
        "تحركوا يتحرك انتقل انتقلت انتقلوا ينتقل ينتقلون وصل وصلت وصلوا تصل غادر غادرت "
        "غادروا يفرون فر فروا فرار تعزيزات رتل أرتال"
    ),
    "casualties": forms(
        "قتل قتلت قتلوا مقتل قتلى قتيل قتيلا قتيلين مصرع جرحى جريح جريحا إصابة إصابات أصيب "
        "أصيبوا استشهاد استشهد استشهدوا شهداء ضحايا حتفهم حتفه خسائر"
    ),
    "materiel_destroyed": forms(
        "تدمير دمر دمرت دمروا يدمر تدمرها أحرقت إحراق إسقاط أسقطت أسقط أسقطوا اعترضت اعترض "
        "اعتراض إعطاب"
    ),  # not تدمر: Palmyra
    "arrest": forms(
        "اعتقال اعتقل اعتقلت اعتقلوا اعتقاله اعتقالها احتجاز احتجز احتجزت أسرت أسروا القبض "
        "أوقفت"
    ),
    "evacuation": forms("إجلاء أجلت أجلى إخلاء أخلت"),
    "displacement": forms("نزوح نزح نزحت نزحوا تهجير هجرت تشريد"),
    "aid": forms("مساعدات المساعدات إغاثة إغاثية حصص سلال"),
    "demining": forms("ألغام لغما لغم الألغام عبوة عبوات"),
    "surrender_amnesty": forms(
        "استسلام استسلم استسلمت استسلموا تسوية عفو سلموا خروج"
    ),
    "ceasefire_violation": forms("خرق خروقات خرقا انتهاك انتهاكات انتهاكا انتهاكاً"),
    "agreement": forms(
        "اتفقت اتفق اتفقوا اتفقا توصلت توصل توصلوا وقع وقعت وقعا صادق صادقت أبرم "
        "أبرمت"
    ),
    "protest": forms(
        "تظاهرة تظاهرات مظاهرة مظاهرات احتجاجات اعتصام اعتصامات تظاهر تظاهروا"
    ),
}

#: who or what carried out a strike decides its kind
AERIAL = forms(
    "طيران الطيران طائرات الطائرات طائرة مقاتلات المقاتلات مقاتلة مروحيات المروحيات "
    "مروحية الجوية جوية جوي الجوي حربية الحربية الحربي سلاح_الجو المسيرة مسيرات مسيرة"
)
MISSILE = forms("صاروخ صواريخ صاروخية صاروخي الصاروخية المجنحة باليستي البالستية الباليستية "
                "الغواصات غواصات بالستي")
ARTILLERY = forms("مدفعي مدفعية المدفعية مدفعيا هاون الهاون راجمات قذائف قذيفة المدافع مدافع "
                  "مورتر")
#: what a strike of no told kind must hit for it to be a strike (not «ضربة قوية لخصمه»)
STRIKE_OBJECTS = forms(
    "مواقع موقع مقر مقرات أهداف هدف تمركز تجمعات تجمع مستودع مستودعات مخازن مخزن قوات "
    "عناصر مسلحي مسلحين الإرهابيين إرهابيين داعش التنظيم مواكب موكب رتل أرتال قافلة قوافل "
    "قرى قرية بلدة بلدات مدينة حي أحياء مطار قاعدة ثكنة حاجز نقاط نقطة منازل مبنى مبان "
    "مركز مدرسة مستشفى سوق"
)
#: places a capture takes (with a named place, one of these must follow its trigger)
PLACE_NOUNS = forms(
    "مدينة مدن بلدة بلدات قرية قرى القرى حي أحياء منطقة مناطق مطار قاعدة معسكر ثكنة تلة "
    "تلال التلال جبل طريق مواقع موقع حقل حقول معبر معابر الحدود حدود محافظة ريف أراض "
    "أراضي مساحة نقاط نقطة كتل أبنية مبنى مقر مقرات سد جسر مخيم ضاحية أطراف مشارف"
)
#: what a capture verb may take within this many words
CAPTURE_REACH = 10
#: agreements: the verb must bring what was agreed
AGREEMENT_NEXT = forms("على اتفاق اتفاقا الاتفاق اتفاقية الاتفاقية مذكرة معاهدة هدنة تفاهم "
                       "مع")
STATEMENT_AGREED = forms("أهمية ضرورة مواصلة تعزيز أن")
#: «وقع» is «to sign» only before what is signed (else «it happened»)
SIGNED = forms("اتفاق اتفاقا الاتفاق اتفاقية الاتفاقية مذكرة معاهدة هدنة")
#: what a capture verb takes that is no place («استعادة الاستقرار والأمن»)
ABSTRACT = forms("الاستقرار استقرار الأمن أمن الثقة ثقة الهدوء هدوء السيادة الحياة زمام "
                 "المبادرة شعبيته شعبية الأنفاس أنفاسه توازنه دوره مكانته")

#: words one of which must stand in the clause for a trigger of that type to count
CONTEXT: dict[str, frozenset[str]] = {
    "materiel_destroyed": forms(
        "دبابة دبابات مركبة مركبات عربة عربات سيارة سيارات مدرعة مدرعات صهريج صهاريج "
        "مقر مقرات مستودع مستودعات مدفع مدافع راجمة راجمات طائرة طائرات مقاتلة مسيرة "
        "مسيرات منصة منصات رتل رتلا قافلة قوافل آليات آلية صاروخ الصاروخ صواريخ مروحية "
        "بالمئة بالمائة الملاذ مواقع موقع مخازن"
    ),
    "demining": forms("تفكيك فكك فككت تفكك إزالة أزال أزالت نزع نزعت تطهير"),
    "ceasefire_violation": forms("النار الهدنة القتالية التهدئة الاتفاق اتفاق خفض تخفيف"),
    "aid": forms(
        "إنسانية الإنسانية غذائية الغذائية طبية قافلة شاحنة شاحنات طن طنا دقيق القمح طعام "
        "إغاثة"
    ),
    "surrender_amnesty": forms(
        "مسلحا مسلحين المسلحين مسلح أسلحتهم سلاحهم أوضاع الأوضاع وضعهم أنفسهم نفسه"
    ),
}

#: how far from a trigger its CONTEXT words may stand, in words (else: its clause)
CONTEXT_REACH = {"ceasefire_violation": 12}

#: nouns of a clause that make «خروج» an evacuation rather than a surrender
CIVILIANS = forms("المدنيين مدنيين مدني المدنيون السكان سكان الأهالي أهالي العائلات")
EVACUATION_LEAVE = forms("خروج")

#: a figure counting one of these is a toll of people
PEOPLE = forms(
    "قتيل مسلح إرهابي شخص مدني جندي عنصر مقاتل طفل امرأة جريح ضحية عسكري ضابط انتحاري "
    "مصاب شهيد داعشي إنسان قائد مواطن"
)
MATERIEL = forms(
    "دبابة مركبة عربة سيارة مدرعة مدرع صهريج مقر مستودع مدفع راجمة طائرة مسيرة منصة رتل "
    "قافلة آلية صاروخ مروحية هدف موقع"
)

#: the triggers that are verbs: their subject, the actor, follows them (Arabic is VSO)
VERBS = forms(
    "قصفت قصفوا يقصف تقصف استهدف استهدفت استهدفوا يستهدف تستهدف ضرب ضربت يضرب تضرب "
    "هاجم هاجمت هاجموا يهاجم تهاجم يهاجمون اقتحم اقتحمت اقتحموا يقتحم تقتحم توغل توغلت "
    "فجر فجرت انفجرت انفجر اشتبك اشتبكت اشتبكوا سيطر سيطرت سيطروا استعاد استعادت "
    "استعادوا حرر حررت حرروا طرد طردت طردوا دحر دحرت بسط بسطت بسطوا سقطت دخلت دخلوا "
    "انسحب انسحبت انسحبوا ينسحب تنسحب سحب سحبت تقدمت تقدموا يتقدم تتقدم توجهت توجهوا "
    "يتوجه تتوجه تحركت تحركوا يتحرك انتقلت انتقلوا ينتقل ينتقلون وصلت وصلوا تصل غادر "
    "غادرت غادروا يفرون فروا قتلت قتلوا أصيب أصيبوا استشهد استشهدوا دمر دمرت دمروا يدمر "
    "أحرقت أسقطت أسقط أسقطوا اعترضت اعترض اعتقل اعتقلت اعتقلوا احتجز احتجزت أسرت أوقفت "
    "أجلت أجلى أخلت نزح نزحت نزحوا هجرت استسلم استسلمت استسلموا سلموا اتفقت اتفق اتفقوا "
    "اتفقا توصلت توصل توصلوا وقع وقعت وقعا صادق صادقت أبرم أبرمت تظاهر تظاهروا"
)

#: explosions are bombings only with a bomb in the clause (a shell's blast is shelling)
EXPLOSION = forms("انفجار انفجارات انفجرت انفجر")
BOMB = forms("مفخخة مفخخات ناسفة عبوة عبوات انتحاري انتحارية حزام دراجة سيارة")
#: «انطلاق عملية», «بدء معركة», «أطلقت هجوما»: an offensive begins
LAUNCH = forms("انطلاق إطلاق أطلق أطلقت أطلقوا بدأت بدأ")
OPERATION = forms("عملية معركة حملة هجوم هجوما")
#: a shell is shelling only when it is fired or falls («سقوط قذائف», «أطلقت قذيفة»)
FIRE = forms("سقوط سقطت سقط تساقط أطلق أطلقت أطلقها أطلقه أطلقوا إطلاق انفجار استهدف "
             "استهدفت أصابت")

#: triggers that count only before one of these words (a stem -> the next words)
NEEDS_NEXT: dict[str, dict[str, frozenset[str]]] = {
    "withdrawal": {
        fold("سحب"): forms("قوات القوات قواته قواتها قواتهم جنود الجنود عناصر طائرات "
                           "الطائرات وحدات الوحدات"),
        fold("سحبت"): forms("قوات القوات قواتها جنودها عناصرها طائراتها وحداتها"),
    },
}
ALL_TRIGGERS = frozenset().union(*TRIGGERS.values())
#: where a movement goes
DIRECTION = forms("إلى الى نحو باتجاه اتجاه صوب من داخل")
CONVOYS = forms("تعزيزات رتل أرتال")
BATTLES = forms("معارك معركة")
BATTLE_VERBS = forms("اندلعت اندلاع دارت تدور جرت تجري احتدمت تواصلت اشتدت")
#: «خطوط القتال»: words that make a fight noun the front line
FRONTS = forms("خطوط خط جبهات جبهة محاور محور ساحات")
#: who moves in a movement event
FORCES = forms(
    "قوات القوات قواته قواتها قواتهم جنود الجنود جنديا عناصر العناصر مسلحين مسلحي مسلحو "
    "المسلحين مسلحا مقاتلين مقاتلي مقاتلو المقاتلين إرهابيي الإرهابيين إرهابيا إرهابي "
    "إرهابيو رتل أرتال الأرتال تعزيزات قافلة قوافل وحدات الوحدات وحدة طائرات سفن بوارج "
    "مدرعات دبابات آليات الجيش جيش ميليشيات الميليشيات داعش التنظيم فصائل الفصائل كتيبة "
    "لواء خلايا العسكري العسكرية عسكرية عسكريا الحشد البيشمركة مرتزقة"
)
