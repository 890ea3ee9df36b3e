"""Speaker resolution and reporting-act rules for error classes seen on unseen web pages.

Every sentence here is made up; each test holds one general rule (issue #10).
"""

from __future__ import annotations

from marsad.document import Document, Entity
from marsad.pipeline import run


def _doc(text: str, people: tuple[tuple[str, str], ...] = (), orgs: tuple[str, ...] = ()) -> Document:
    """Sentences + claims, with PER entities ``(written, canonical)`` and ORG entities
    placed at their first occurrence, as the entities step would give them."""
    doc = Document(id="t", text=text)
    ents = []
    for written, canonical in people:
        at = text.index(written)
        ents.append(Entity(start=at, end=at + len(written), text=written, type="PER",
                           canonical=canonical, entity_id="PER:" + canonical))
    for name in orgs:
        at = text.index(name)
        ents.append(Entity(start=at, end=at + len(name), text=name, type="ORG",
                           canonical=name, entity_id="ORG:" + name))
    doc.entities = ents
    return run(doc, ("sentences", "claims"))


def _speakers(doc: Document) -> list[str | None]:
    return [c.speaker for c in doc.claims]


def test_role_of_a_body_then_the_name_gives_the_person() -> None:
    doc = _doc(
        "وقال مدير ناحية الشيخ مسكين سامر العلي إن الطريق مقطوع.\n"
        "وأفاد المتحدث باسم \" لواء الجبل \" فادي النمر أن الهجوم صد.\n"
        "وقال رئيس \" اتحاد المزارعين \" في الجنوب , كمال داود , إن المحصول ضعيف.",
        people=(("سامر العلي", "سامر العلي"), ("فادي النمر", "فادي النمر"), ("كمال داود", "كمال داود")),
    )
    assert _speakers(doc) == ["سامر العلي", "فادي النمر", "كمال داود"]
    assert doc.claims[1].content.startswith("الهجوم")


def test_role_then_name_leaves_an_addressee_alone() -> None:
    doc = _doc(
        "وقال وزير الإعلام لنظيره رامي حداد إن اللقاء مثمر.",
        people=(("رامي حداد", "رامي حداد"),),
    )
    [claim] = doc.claims
    assert claim.speaker != "رامي حداد"


def test_an_object_noun_after_a_titled_name_is_not_part_of_the_name() -> None:
    doc = _doc("وأكد الرئيس زياد حرص بلاده على الحوار.\nوأكدت حركة النور التزامها بالهدنة.")
    assert _speakers(doc) == ["زياد", "حركة النور"]
    assert doc.claims[0].content.startswith("حرص بلاده")
    assert doc.claims[1].content.startswith("التزامها")


def test_a_reporting_verb_split_at_its_lost_shadda_is_read_whole() -> None:
    doc = _doc("وأك دت وزارة الصحة أن عدد المصابين ارتفع.\nوشد د الوزير على أن المستشفيات جاهزة.")
    assert [c.verb for c in doc.claims] == ["أك دت", "شد د"]
    assert doc.claims[0].speaker == "وزارة الصحة"


def test_a_preposition_makes_the_next_word_a_verbal_noun() -> None:
    doc = _doc("ونجحت الشرطة في كشف شبكة التهريب بعد أسابيع.")
    assert doc.claims == []


def test_a_group_of_the_opposition_speaks_for_the_opposition() -> None:
    doc = _doc(
        "تتواصل المحادثات حول سوريا في جنيف.\n"
        "وقالت بعض جماعات المعارضة إنها لم تقرر بعد.\n"
        "وأعلنت عشرات الفصائل المعارضة أنها لن تحضر الجلسة.\n"
        "وقال وفد المعارضة إن الأولوية للمعتقلين."
    )
    assert _speakers(doc) == ["المعارضة السورية"] * 3


def test_an_agency_back_reference_goes_to_the_agency_named_before() -> None:
    doc = _doc(
        "وأكدت وكالة أنباء النظام الرسمية ( سانا ) سقوط الطائرة.\n"
        "وقالت الوكالة إن الطيار قتل.\n"
        "ومن العاصمة موسكو , نقلت وكالة الإعلام الروسية عن الوزير سامي عادل أن القاعدة توسعت."
    )
    assert _speakers(doc)[:2] == ["سانا", "سانا"]
    assert _speakers(doc)[2] == "سامي عادل"
    assert "وكالة الإعلام الروسية" in doc.claims[2].source


def test_a_report_speaks_for_the_body_that_published_it() -> None:
    doc = _doc(
        "نشرت شبكة \" الأفق \" الإخبارية تقريرا عن تمويل الجماعات.\n"
        "وأوضح التقرير أن التمويل مر عبر جمعيات.\n"
        "وقال التقرير إن الأموال نقلت نقدا."
    )
    assert _speakers(doc) == ["شبكة الأفق الإخبارية"] * 2


def test_a_short_subject_then_a_quotation_holding_a_reporting_verb() -> None:
    doc = _doc(
        "وقال المندوب باسل خوري إن الجلسة انتهت.\n"
        "وقال خوري \" نطالب بانسحاب كل القوات من أراضينا فورا \" ."
    )
    assert _speakers(doc) == ["باسل خوري", "باسل خوري"]
    assert "نطالب" in doc.claims[1].content


def test_a_named_speaker_after_a_pause_opens_a_new_claim() -> None:
    doc = _doc(
        "وشدد الوزير سامي عادل على \" ضرورة الاستمرار في المفاوضات الجارية الآن \" , "
        "أكد رامي حداد أن المعارضة جاءت بوفد واحد."
    )
    assert _speakers(doc) == ["سامي عادل", "رامي حداد"]
    assert "رامي" not in doc.claims[0].content


def test_a_headline_glued_to_its_story_stops_at_the_story_verb() -> None:
    doc = _doc(
        "الخطيب : المسلحون ينتقلون إلى دول أخرى حذر الأمين العام للمجلس نزار الخطيب من أن "
        "المسلحين يفرون من المنطقة .",
        people=(("نزار الخطيب", "نزار الخطيب"),),
    )
    assert [c.verb for c in doc.claims] == [":", "حذر"]
    assert "حذر" not in doc.claims[0].content
    assert doc.claims[1].speaker == "نزار الخطيب"


def test_a_description_verb_needs_its_subject_after_it() -> None:
    doc = _doc(
        "ووصف الوزير سامي عادل القرار بأنه خطوة أولى.\n"
        "وشارك الوفد في اجتماع الدعم , في رسالة وصفت بأنها دعم جديد."
    )
    [claim] = doc.claims
    assert claim.speaker == "سامي عادل"
    assert claim.content.startswith("بأنه")


def test_the_name_as_written_is_kept_when_it_spells_the_canonical_differently() -> None:
    doc = _doc(
        "وقال وزير الدفاع سيرجي شويغو إن القاعدة دائمة.\nوأضاف شويغو أن العمل بدأ.",
        people=(("سيرجي شويغو", "سيرغي شويغو"),),
    )
    assert _speakers(doc) == ["سيرجي شويغو", "سيرجي شويغو"]
    assert doc.claims[0].speaker_entity == "PER:سيرغي شويغو"


def test_a_name_with_abd_and_a_family_name_before_a_role() -> None:
    doc = _doc("من جهته اعتبر عبد الكريم الجابري زعيم حركة الفجر أن الخطة بدأت.")
    [claim] = doc.claims
    assert claim.speaker == "عبد الكريم الجابري"
