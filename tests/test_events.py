"""Events: the gold floor on the real seeds (read from ../shared at run time), and the
rules on short sentences of our own."""

from __future__ import annotations

import pytest

from marsad.document import Document, Event
from marsad.eval.gold import GoldPair, load_gold, read_gold_document, run_on_gold
from marsad.eval.score_events import report, score
from marsad.extract import extract, extract_text
from marsad.extract.events.lexicon import TYPES


def _text(text: str, published: str = "2024-03-10") -> Document:
    return extract_text(text, published=published)


def _values(doc: Document, ev: Event) -> list[float]:
    return sorted(float(doc.figures[i].value or 0) for i in ev.figures)


def _kinds(doc: Document) -> list[str]:
    return [e.type for e in doc.events]


@pytest.fixture(scope="module")
def seed_pairs() -> list[GoldPair]:
    return run_on_gold(name="seeds")


# -- the floor on the real seeds -----------------------------------------------------


def test_gold_floor_events_on_seeds(seed_pairs: list[GoldPair]) -> None:
    result = score(seed_pairs)
    c = result["overall"]
    assert c.f1 >= 0.78 and c.recall >= 0.9, report(result)
    right, n = result["fields"]["claimed_by"]
    assert n and right / n >= 0.9, report(result)
    right, n = result["fields"]["figures"]
    assert n and right / n >= 0.85, report(result)
    for pair in seed_pairs:
        for ev in pair.doc.events:
            assert ev.type in TYPES
            assert ev.trigger == pair.doc.text[ev.trigger_start:ev.trigger_end]
            assert len(ev.figure_roles) == len(ev.figures)
            assert ev.mentions and all(0 <= a < b <= len(pair.doc.text) for a, b in ev.mentions)
            # the trigger stands in the sentence of the span (a listed event «و3 في حمص»
            # shares the list's trigger)
            assert ev.trigger_start is not None
            assert pair.doc.sentence_at(ev.trigger_start) == pair.doc.sentence_at(ev.start)


def test_act_carries_its_toll_on_a_seed(seed_pairs: list[GoldPair]) -> None:
    """Seed 004's strike that killed more than 80 and destroyed 36 vehicles: one airstrike
    with both figures, attributed to the ministry, and the statement's repeat of the toll
    merged."""
    doc = next(p.doc for p in seed_pairs if p.gold["doc"].startswith("004"))
    [strike] = [e for e in doc.events if e.type == "airstrike" and 80.0 in _values(doc, e)]
    assert {80.0, 36.0} <= set(_values(doc, strike))
    assert strike.place == "تدمر" and strike.date == "2017-05-30"
    assert strike.claim is not None and "الدفاع" in (doc.claims[strike.claim].speaker or "")
    assert len(strike.mentions) >= 2
    assert "casualties" not in _kinds(doc)


def test_dev_page_chrome_free_of_denied_strikes() -> None:
    """«ستوقف ضرباتها الجوية» (a plan) is no airstrike; the past participation is."""
    gold = next(g for g in load_gold("dev") if g["doc"].startswith("R-33"))
    doc = extract(read_gold_document(gold, "dev"))
    for ev in doc.events:
        trig = doc.text[ev.trigger_start - 8:ev.trigger_end]
        assert "ستوقف" not in trig and "ستنهي" not in trig, trig


# -- types and arguments on our own sentences -----------------------------------------


def test_strike_kinds_from_their_clause() -> None:
    doc = _text("قصفت الطائرات الحربية مواقع للمسلحين في ريف إدلب أمس. "
                "وسقطت قذائف الهاون على حي في مدينة حلب. "
                "وأطلقت الجماعة صاروخا باليستيا على مدينة نجران.")
    assert _kinds(doc) == ["airstrike", "shelling", "missile_strike"]
    assert doc.events[0].place == "إدلب" and doc.events[0].date == "2024-03-09"
    assert doc.events[0].admin == "إدلب" and doc.events[0].lat is not None


def test_noun_events_with_their_figures() -> None:
    doc = _text("وأجلت فرق الهلال الأحمر 120 مدنيا من مدينة حلب. "
                "وفككت الفرق الهندسية 40 لغما في حي الشيخ سعيد. "
                "ورصدت اللجنة خرقا جديدا لاتفاق وقف إطلاق النار في درعا.")
    assert _kinds(doc) == ["evacuation", "demining", "ceasefire_violation"]
    assert _values(doc, doc.events[0]) == [120.0]
    assert doc.events[0].figure_roles == ["evacuated"]
    assert _values(doc, doc.events[1]) == [40.0]


def test_toll_before_the_act_goes_to_the_act() -> None:
    doc = _text("أعلنت وزارة الدفاع مقتل 30 مسلحا من «داعش» في غارات جوية نفذها التحالف "
                "الدولي على مواقع في بادية الميادين.", "2025-06-01")
    [strike] = doc.events
    assert strike.type == "airstrike" and strike.actor == "التحالف الدولي"
    assert strike.place == "الميادين"
    assert _values(doc, strike) == [30.0] and strike.figure_roles == ["killed"]


def test_toll_without_the_act_is_casualties() -> None:
    doc = _text("وبلغت خسائر المسلحين 25 قتيلا و4 دبابات في ريف حماة.")
    [toll] = doc.events
    assert toll.type == "casualties"
    assert _values(doc, toll) == [4.0, 25.0]
    assert sorted(toll.figure_roles) == ["killed", "vehicles_destroyed"]


def test_subject_after_a_verb_is_the_actor_and_a_span_of_days() -> None:
    doc = _text("وفي ليلة 8 – 9 آذار الجاري، سيطرت قوات سوريا الديمقراطية على بلدة الباغوز "
                "بعد معارك مع داعش.")
    capture = next(e for e in doc.events if e.type == "capture")
    assert capture.actor == "قوات سوريا الديمقراطية" and capture.place == "الباغوز"
    assert (capture.date, capture.date_end) == ("2024-03-08", "2024-03-09")


def test_a_list_of_places_is_one_event_each() -> None:
    doc = _text("ورصدت مجموعات المراقبة 3 انتهاكات في حمص و4 في حماة و2 في اللاذقية "
                "لنظام وقف الأعمال القتالية.")
    got = [(e.type, e.place, _values(doc, e)) for e in doc.events]
    assert got == [("ceasefire_violation", "حمص", [3.0]),
                   ("ceasefire_violation", "حماة", [4.0]),
                   ("ceasefire_violation", "اللاذقية", [2.0])]


def test_two_mentions_of_one_strike_are_one_event() -> None:
    doc = _text("وأسفر القصف المدفعي على بلدة كفرنبل عن مقتل 5 مدنيين. "
                "وكانت المدفعية قد قصفت كفرنبل يوم 8 آذار وقتلت 5 مدنيين.")
    [shelling] = doc.events
    assert shelling.type == "shelling" and shelling.place == "كفرنبل"
    assert shelling.date == "2024-03-08" and len(shelling.mentions) == 2


# -- what is not an event -------------------------------------------------------------


@pytest.mark.parametrize("text", [
    "وقال المتحدث إن الطيران الروسي لم يوجه أي ضربات على مدينة دير الزور.",
    "وأكدت أستراليا أنها ستوقف ضرباتها الجوية في العراق.",
    "وهدد الفصيل بشن هجوم واسع على مدينة حماة.",
    "وأرسلت القوات تعزيزات لتحرير مدينة الرقة من التنظيم.",
    "وتحاصر القوات المناطق التي تسيطر عليها المعارضة في الغوطة الشرقية.",
    "من يقف وراء الهجوم على قاعدة حميميم ?",
    "وشارك مقاتلو هيئة تحرير الشام في الاجتماع.",
    "وقال إن الحرب دمرت الآمال في التسوية.",
    "واتفق الزعيمان على أهمية التوصل إلى حلول سياسية في المنطقة.",
    "وقع انفجار في مستودع للألعاب النارية.",
], ids=["denied", "future", "threat", "purpose", "state", "question", "name", "no-materiel",
        "position", "occurred"])
def test_not_events(text: str) -> None:
    doc = _text(text)
    kinds = set(_kinds(doc))
    assert not kinds & {"airstrike", "attack", "capture", "materiel_destroyed", "agreement",
                        "shelling", "missile_strike"}, [(e.type, e.trigger) for e in doc.events]


def test_palmyra_is_a_place_not_a_destruction() -> None:
    doc = _text("وصلت التعزيزات إلى مدينة تدمر أمس.", "2025-06-01")
    assert "materiel_destroyed" not in _kinds(doc)
    assert "movement" in _kinds(doc)


def test_a_denial_claim_holds_no_event() -> None:
    doc = _text("ونفت وزارة الدفاع أن تكون طائراتها قصفت مستشفى في مدينة إدلب.")
    assert doc.claims and doc.claims[0].polarity == "deny"
    assert "airstrike" not in _kinds(doc)


def test_registry_names_the_subpackage() -> None:
    from marsad.pipeline import _BUILTIN, get_component

    assert _BUILTIN["events"] == "marsad.extract.events.component"
    doc = get_component("events")(_text("قصفت الطائرات مواقع في ريف إدلب."))
    assert _kinds(doc) == ["airstrike"]


def test_round_trip_keeps_the_new_fields() -> None:
    doc = _text("وفي ليلة 8 – 9 آذار، قصفت الطائرات الحربية مواقع في ريف إدلب وقتلت 12 مسلحا.")
    back = Document.from_dict(doc.to_dict())
    assert back.events == doc.events
    ev = back.events[0]
    assert ev.date_end == "2024-03-09" and ev.figure_roles == ["killed"]


# -- who did it and where: the arguments of one act ------------------------------------


def _one(text: str, kind: str) -> Event:
    doc = _text(text)
    found = [e for e in doc.events if e.type == kind]
    assert len(found) == 1, [(e.type, e.actor, e.place) for e in doc.events]
    return found[0]


def test_passive_act_has_no_actor_but_the_patient_before_it_is_not_it() -> None:
    ev = _one("وأفاد مصدر محلي بأن الشاب أحمد سليمان تم اعتقاله في حمص يوم الأحد.", "arrest")
    assert ev.actor is None and ev.place == "حمص"


def test_passive_act_takes_the_agent_named_by_min_qibal() -> None:
    ev = _one("وقال ناشطون إن المعلم تم اعتقاله من قبل هيئة تحرير الشام في إدلب.", "arrest")
    assert ev.actor == "هيئة تحرير الشام"


def test_a_fall_takes_its_actor_only_from_ala_yad() -> None:
    ev = _one("وأسقطت الطائرة على يد مقاتلي هيئة تحرير الشام في ريف حماة.",
              "materiel_destroyed")
    assert ev.actor == "هيئة تحرير الشام" and ev.place == "حماة"
    ev = _one("وتحدث الجيش السوري الحر عن سقوط طريق البريج.", "capture")
    assert ev.actor is None  # the name before the fall is no taker of the road


def test_a_country_that_is_the_subject_acts() -> None:
    ev = _one("وأعلنت الحكومة أن تركيا شاركت في الغارات الجوية على مواقع في العراق.",
              "airstrike")
    assert ev.actor == "تركيا" and ev.place == "العراق"


def test_a_capital_acts_for_its_country_and_its_ground_is_the_fallback_place() -> None:
    ev = _one("وقالت وكالة رويترز إن أنقرة اعترضت الصاروخ فوق المدينة.", "materiel_destroyed")
    assert ev.actor == "تركيا" and ev.place == "تركيا"


def test_a_country_after_a_preposition_is_no_actor() -> None:
    ev = _one("وقصفت تركيا بلدة كفرنبل.", "shelling")
    assert ev.actor == "تركيا" and ev.place == "كفرنبل"
    ev = _one("وقصفت المدفعية بلدة كفرنبل قرب الحدود مع تركيا.", "shelling")
    assert ev.actor != "تركيا" and ev.place == "كفرنبل"


def test_a_party_of_ma_is_no_place_while_the_clause_has_another() -> None:
    ev = _one("وصدت الفصائل في مدينة درعا هجمات قوات النظام السوري قرب المعبر مع الأردن.",
              "attack")
    assert ev.place == "درعا"


def test_a_strike_is_not_placed_at_its_launch_site() -> None:
    ev = _one("وأطلقت البارجة صواريخ مجنحة من البحر المتوسط على مواقع داعش.", "missile_strike")
    assert ev.place != "البحر المتوسط"


def test_a_place_of_the_part_singled_out_is_not_the_acts_place() -> None:
    ev = _one("وقال المرصد إن خمسة أشخاص من سكان إدلب قتلوا بينهم امرأتان في معرة النعمان.",
              "casualties")
    assert ev.place == "إدلب"
    # after a place, «بما في ذلك» names a place of the act all the same
    ev = _one("وطرد الجيش المسلحين من مناطق واسعة في الريف بما في ذلك بلدة كفرنبل.", "capture")
    assert ev.place == "كفرنبل"


def test_the_name_before_a_direction_is_the_place() -> None:
    ev = _one("وسيطرت الفصائل على تجمع المدارس جنوب غرب حلب يوم الاثنين.", "capture")
    assert ev.place == "تجمع المدارس"
    ev = _one("وتمكن جيش الإسلام من السيطرة على مبان في جمعية الأمل شرقي دوما.", "capture")
    assert ev.place == "جمعية الأمل" and ev.actor == "جيش الإسلام"
    # a description is no name: the place stays the town
    ev = _one("وسيطرت الفصائل على المواقع العسكرية شمال حماة.", "capture")
    assert ev.place == "حماة"


def test_the_named_object_of_a_capture_is_its_place() -> None:
    ev = _one("وأكد ناشطون سقوط طريق البريج بعد معارك عنيفة.", "capture")
    assert ev.place == "البريج"
    ev = _one("وتمكنت الفصائل من السيطرة على حي الميدان في المدينة.", "capture")
    assert ev.place == "الميدان"
    ev = _one("واستعادت الفصائل عددا من القرى أبرزها تلة الزيتون في الريف الجنوبي.",
              "capture")
    assert ev.place == "تلة الزيتون"


def test_a_duration_is_no_figure_of_the_act() -> None:
    ev = _one("وأعلنت الحكومة أن كندا شاركت في الغارات الجوية على العراق لمدة 4 سنوات.",
              "airstrike")
    assert ev.figures == [] and ev.actor == "كندا"


def test_who_claims_the_act_did_it() -> None:
    ev = _one("وأعلن تنظيم داعش مسؤوليته عن التفجير الذي استهدف سوقا في مدينة القامشلي.",
              "bombing")
    assert ev.actor == "داعش" and ev.place == "القامشلي"
    ev = _one("وتبنت هيئة تحرير الشام الهجوم على حاجز للجيش السوري في ريف حماة.", "attack")
    assert ev.actor == "هيئة تحرير الشام"


def test_a_head_noun_names_again_the_organisation_named_before() -> None:
    doc = _text("وقصفت قوات النظام السوري بلدة كفرنبل يوم الأحد. "
                "وقال ناشطون إن طائرات النظام قصفت بلدة سراقب مساء أمس.")
    [ev] = [e for e in doc.events if e.trigger == "قصفت"]
    first = next(e for e in doc.events if e.trigger == "وقصفت")
    assert ev.actor is not None and ev.actor == first.actor


def test_our_forces_are_the_speakers_side() -> None:
    doc = _text("وقال المتحدث باسم التحالف الدولي: إن قواتنا قصفت مواقع داعش في الرقة.")
    [ev] = [e for e in doc.events if e.place == "الرقة"]
    assert ev.actor == "التحالف الدولي"  # the body its spokesman speaks for, not داعش


def test_the_owner_of_what_was_hit_is_no_actor() -> None:
    ev = _one("وقالت الحكومة إن الطائرات الروسية قصفت مواقع داعش في سوريا.", "airstrike")
    assert ev.actor != "داعش"
    ev = _one("وهاجمت قوات النظام السوري مقرات جبهة النصرة في إدلب.", "attack")
    assert ev.actor == "الجيش السوري" and ev.target == "جبهة النصرة"


def test_a_kind_of_act_is_no_event() -> None:
    doc = _text("وقال المسؤول إن هذا السلاح استخدم في هجمات سابقة نفذتها الجماعة.")
    assert "attack" not in _kinds(doc)
    doc = _text("وقال المسؤول إن مسلحين شنوا هجمات على حاجز في درعا.")
    assert "attack" in _kinds(doc)
    doc = _text("وقتل ثلاثة مدنيين في هجمات مماثلة على بلدة جسرين.")
    assert "attack" in _kinds(doc)


def test_a_failed_capture_is_the_attack_it_was() -> None:
    doc = _text("وفشلت قوات النظام السوري في السيطرة على بلدة كفرنبل.")
    assert "capture" not in _kinds(doc) and "attack" in _kinds(doc)
    doc = _text("وتمكنت قوات النظام السوري من السيطرة على بلدة كفرنبل.")
    assert "capture" in _kinds(doc)


def test_a_place_name_with_its_head_word() -> None:
    ev = _one("وقصفت الطائرات بلدات في جبل الزاوية.", "airstrike")
    assert ev.place == "جبل الزاوية"


def test_our_forces_are_the_body_named_in_the_speakers_words() -> None:
    ev = _one("وقال ضابط بالجيش العراقي إن قواتنا تسيطر على حقول النفط في كركوك.", "capture")
    assert ev.actor == "الجيش العراقي" and ev.place == "كركوك"  # no site «حقول النفط»


def test_the_one_arrested_is_no_actor() -> None:
    ev = _one("وذكرت مصادر محلية أن حملة اعتقال عناصر جيش الأحرار بدأت في إدلب.", "arrest")
    assert ev.actor != "جيش الأحرار"


def test_a_kind_word_or_example_brings_the_place() -> None:
    ev = _one("وأكدت الوكالة استعادة الجيش سيطرته على أحياء الصاخور والميسر ومنطقة "
              "المعامل.", "capture")
    assert ev.place == "الصاخور"
    ev = _one("وطرد الجيش السوري المسلحين من مدن كبرى كمسكنة لتقترب قواته من مدينة الباب.",
              "capture")
    assert ev.place == "مسكنة"


def test_the_place_that_underwent_the_act() -> None:
    ev = _one("تعرضت بلدة كفرنبل لقصف مدفعي من قوات متمركزة في معسكر الحامدية غربي حلب.",
              "shelling")
    assert ev.place == "كفرنبل"
    ev = _one("وقال ناشطون إن الطائرات استهدفت قرى تابعة لمدينة عفرين بريف حلب الشمالي.",
              "airstrike")
    assert ev.place == "عفرين"


def test_a_name_after_ila_is_no_subject_of_the_verb() -> None:
    ev = _one("وأكدت المصادر أن مجموعة من المقاتلين توجهت للانضمام إلى قوات سوريا "
              "الديمقراطية في ريف دير الزور.", "movement")
    assert ev.actor is None  # the fighters went to join it
    doc = _text("وأكدت المصادر أن مجموعة من المقاتلين توجهت للانضمام إلى قوات النظام في ريف "
                "دير الزور بعد أن قصفت قوات النظام السوري مواقع داعش.")
    [ev] = [e for e in doc.events if e.type == "movement"]
    assert ev.actor is None  # nor is the head noun «النظام» named again there


def test_a_name_before_an_opening_quote_is_no_subject() -> None:
    ev = _one('وقال مصدر عسكري لوكالة رويترز " سيطر الجيش السوري على كامل مدينة الميادين ".',
              "capture")
    assert ev.actor != "رويترز"
    ev = _one('وقال مصدر لوكالة " فرانس برس " " سيطر الجيش السوري على مدينة الميادين ".',
              "capture")
    assert ev.actor == "الجيش السوري"
    ev = _one('وقالت وكالة الأناضول إن " وحدات حماية الشعب " هاجمت موقعا في عفرين.', "attack")
    assert ev.actor == "وحدات حماية الشعب"


def test_the_one_driven_out_is_no_actor() -> None:
    ev = _one("وتمكنت القوات من طرد تنظيم داعش من المدينة.", "capture")
    assert ev.actor != "داعش"


def test_a_backer_is_no_place_and_in_plus_a_noun_brings_one() -> None:
    ev = _one("وتمكن تحالف تدعمه الولايات المتحدة من طرد المسلحين من منبج.", "capture")
    assert ev.place == "منبج"
    ev = _one("واستهدفت طائرات التحالف آبار نفط في أطراف حمص بمنطقة الميادين.", "airstrike")
    assert ev.place == "حمص"
