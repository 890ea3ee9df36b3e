"""Events on real seed text and on our own sentences."""

from __future__ import annotations

from pathlib import Path

from marsad.extract import extract, extract_text
from marsad.ingest import read_paths


def _seed(seeds_dir: Path, prefix: str, published: str):
    [path] = sorted(seeds_dir.glob(f"{prefix}*.txt"))
    doc = next(iter(read_paths([str(path)], published=published)))
    return extract(doc)


def test_claimed_strike_toll_is_an_attributed_casualties_event(seeds_dir: Path) -> None:
    doc = _seed(seeds_dir, "004", "2017-06-01")
    casualties = [e for e in doc.events if e.type == "casualties"]
    assert casualties, "the ministry's toll is a casualties event"
    first = casualties[0]
    assert [doc.figures[i].value for i in first.figures] == [80]
    assert first.claim is not None
    assert "الدفاع" in (doc.claims[first.claim].speaker or "")
    assert first.actor != doc.claims[first.claim].speaker
    destroyed = [e for e in doc.events if e.type == "materiel_destroyed"]
    assert any(36 in [doc.figures[i].value for i in e.figures] for e in destroyed)
    for e in doc.events:
        assert e.trigger and e.trigger in doc.text[e.start : e.end]


def test_event_types_on_own_sentences() -> None:
    doc = extract_text(
        "قصفت الطائرات مواقع في ريف إدلب أمس. وأجلت فرق الهلال الأحمر 120 مدنيا. "
        "وفككت الفرق الهندسية 40 لغما في حي الشيخ سعيد. "
        "ورصدت اللجنة خرقا جديدا لاتفاق وقف إطلاق النار في درعا.",
        published="2024-03-10",
    )
    kinds = [e.type for e in doc.events]
    assert kinds == ["strike", "evacuation", "demining", "ceasefire_violation"]
    strike = doc.events[0]
    assert strike.date == "2024-03-09"
    evacuation = doc.events[1]
    assert [doc.figures[i].value for i in evacuation.figures] == [120]


def test_destruction_needs_materiel_nearby() -> None:
    doc = extract_text("قال إن الحرب دمرت الآمال في التسوية.", published="2024-03-10")
    assert "materiel_destroyed" not in [e.type for e in doc.events]


def test_actor_is_the_agent_not_the_victim() -> None:
    doc = extract_text(
        "أعلنت وزارة الدفاع مقتل 30 مسلحا من «داعش» في غارات جوية نفذها التحالف الدولي "
        "على مواقع في بادية الميادين.",
        published="2025-06-01",
    )
    strike = next(e for e in doc.events if e.type == "strike")
    assert strike.actor == "التحالف الدولي"
    assert strike.place == "الميادين"
    casualties = next(e for e in doc.events if e.type == "casualties")
    assert casualties.actor != "داعش" and casualties.target == "داعش"


def test_subject_after_a_verb_trigger_is_the_actor() -> None:
    doc = extract_text(
        "سيطرت قوات سوريا الديمقراطية على بلدة الباغوز بعد معارك مع داعش.",
        published="2025-06-01",
    )
    [capture] = [e for e in doc.events if e.type == "capture"]
    assert capture.actor == "قوات سوريا الديمقراطية"
    assert capture.target == "داعش"


def test_palmyra_is_a_place_not_a_destruction() -> None:
    doc = extract_text("وصلت التعزيزات إلى مدينة تدمر أمس.", published="2025-06-01")
    assert "materiel_destroyed" not in [e.type for e in doc.events]
