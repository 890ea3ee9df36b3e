"""The verdict model, copies counted once, the Arabic reason line, batched stances, the
``--batch`` CLI, and the verdict on real Baly claims (read from ../shared at run time)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from marsad.check.baly import read_dir, read_folds
from marsad.check.checker import Candidate, check_candidates
from marsad.check.stance import Evidence, default_model
from marsad.check.verdict import VERDICTS, Vote, decide, reason, verdict_features


def vote(outlet: str, stance: str, evidence: str = "", probs: dict[str, float] | None = None) -> Vote:
    ev = [Evidence(0, len(evidence), evidence, 0.5)] if evidence else []
    p = probs or {stance: 0.9}
    return Vote(outlet, stance, max(p.values()), ev, ref=outlet, probabilities=p)


AGREE = {"agree": 0.85, "disagree": 0.02, "discuss": 0.08, "unrelated": 0.05}
DISCUSS = {"agree": 0.1, "disagree": 0.05, "discuss": 0.7, "unrelated": 0.15}
UNRELATED = {"agree": 0.01, "disagree": 0.0, "discuss": 0.02, "unrelated": 0.97}


def test_nothing_relevant_is_the_only_not_enough_evidence() -> None:
    model = default_model().verdict
    assert model is not None
    none = decide([vote("a", "unrelated", probs=UNRELATED), vote("b", "unrelated", probs=UNRELATED)], model)
    assert none.verdict == "not_enough_evidence"
    assert none.reason.startswith("لم يُعثر")
    # the press only discusses the claim: that is a verdict, not a lack of evidence
    notes = [
        "تحدثت تقارير عن اشتباكات قرب المعبر دون تأكيد رسمي",
        "يتساءل محللون عن أسباب التصعيد الأخير على الحدود",
        "نقل ناشطون روايات متضاربة حول ما جرى ليلة أمس",
    ]
    talk = decide([vote(f"o{i}", "discuss", t, DISCUSS) for i, t in enumerate(notes)], model)
    assert talk.verdict in ("disputed", "refuted", "supported")
    assert 0.5 <= talk.confidence <= 1.0
    assert "تتناول الخبر دون حسم" in talk.reason


def test_independent_agreement_supports_and_confidence_grows_with_it() -> None:
    model = default_model().verdict
    texts = [
        "قالت الوزارة إن الجيش سيطر على البلدة بعد معارك عنيفة",
        "أكد قائد ميداني دخول القوات إلى وسط البلدة فجر اليوم",
        "أظهرت صور نشرها ناشطون الجنود في ساحة البلدة الرئيسية",
        "رفع الجنود العلم فوق مبنى البلدية في البلدة وفق مراسلنا",
        "أعلن محافظ المنطقة عودة الدوائر الحكومية إلى البلدة",
    ]
    one = decide([vote("o0", "agree", texts[0], AGREE)], model)
    many = decide([vote(f"o{i}", "agree", t, AGREE) for i, t in enumerate(texts)], model)
    assert many.verdict == "supported"
    assert many.counts["agree"] == 5
    assert many.confidence > (one.confidence if one.verdict == "supported" else 1 - one.confidence)
    assert many.reason.startswith("5 مصادر مستقلة تؤكد")


def test_copies_of_one_story_count_once() -> None:
    story = "قصفت طائرات حربية سوقا شعبيا في المدينة ظهر اليوم ما أدى إلى سقوط قتلى وجرحى بين المدنيين"
    copy = story + " وفق شهود"
    votes = [vote("a.com", "agree", story, AGREE), vote("b.com", "agree", copy, AGREE), vote("c.com", "agree", story, AGREE)]
    v = decide(votes, default_model().verdict)
    assert v.counts["agree"] == 1  # three outlets, one text
    assert v.outlet_counts["agree"] == 3
    other = "نفى متحدث عسكري استهداف أي سوق وقال إن الغارات طالت مخازن سلاح خارج المدينة"
    v2 = decide([*votes, vote("d.com", "agree", other, AGREE)])
    assert v2.counts["agree"] == 2


def test_reason_line_counts_sources_in_arabic() -> None:
    line = reason("disputed", {"agree": 3, "disagree": 1, "discuss": 2}, 0.62)
    assert line.startswith("3 مصادر مستقلة تؤكد، مصدر واحد ينفي، مصدران")
    assert "موضع خلاف" in line and "62٪" in line


def test_verdict_features_ignore_unrelated_articles_for_counts() -> None:
    f = verdict_features([vote("a", "agree", "نص", AGREE), vote("b", "unrelated", probs=UNRELATED)])
    assert f[:4] == [1, 0, 0, 1]


def _article(lead: str) -> str:
    filler = "وأضاف المصدر أن فرق الإسعاف نقلت المصابين إلى المستشفيات القريبة وسط انتشار أمني كثيف. "
    return lead + " " + filler * 4


def test_batched_stances_equal_one_by_one() -> None:
    model = default_model()
    claim = "قوات النظام تسيطر على بلدة كفرنبودة في ريف حماة"
    texts = [
        _article("أعلنت قوات النظام سيطرتها على بلدة كفرنبودة في ريف حماة الشمالي بعد معارك."),
        _article("نفت فصائل المعارضة سيطرة قوات النظام على بلدة كفرنبودة وقالت إن المعارك مستمرة."),
        _article("افتتحت وزارة التربية عشر مدارس جديدة في العاصمة مع بداية العام الدراسي."),
        "قوات النظام تدخل كفرنبودة",
    ]
    batched = model.stances_of(claim, texts)
    single = [model.stance_of(claim, t) for t in texts]
    assert [r.stance for r in batched] == [r.stance for r in single]
    assert [round(r.confidence, 6) for r in batched] == [round(r.confidence, 6) for r in single]
    assert batched[2].stance == "unrelated"
    assert batched[1].stance in ("disagree", "discuss")


def test_check_result_lists_outlet_date_reason_and_confidence() -> None:
    claim = "قوات النظام تسيطر على بلدة كفرنبودة في ريف حماة"
    cands = [
        Candidate("1", "one.example", _article("أعلنت قوات النظام سيطرتها على بلدة كفرنبودة في ريف حماة."), published="2019-05-08"),
        Candidate("2", "two.example", _article("افتتحت وزارة التربية مدارس جديدة في العاصمة."), published="2019-05-09"),
    ]
    d = check_candidates(claim, cands).to_dict()
    assert d["verdict"] in VERDICTS and d["reason"]
    assert 0.0 <= d["confidence"] <= 1.0
    first = d["outlets"][0]
    assert first["outlet"] == "one.example" and first["published"] == "2019-05-08"
    assert first["evidence"] and "كفرنبودة" in first["evidence"][0]["text"]


def test_cli_batch_checks_every_line(tmp_path: Path) -> None:
    from marsad.document import Document
    from marsad.extract import extract
    from marsad.store import open_store

    db = tmp_path / "b.db"
    with open_store(db) as store:
        for key, text in {
            "a": "قصفت الطائرات مستشفى في مدينة إدلب صباح اليوم ما أدى إلى مقتل خمسة مدنيين.",
            "b": "أعلنت وزارة الزراعة عن موسم حصاد جيد للقمح في المحافظات الشمالية هذا العام.",
        }.items():
            store.add(extract(Document(id=key, text=text, outlet=f"{key}.example"), ("sentences",)), pipeline=("sentences",))
    claims = tmp_path / "claims.txt"
    claims.write_text("الطائرات قصفت مستشفى في إدلب\n\nموسم حصاد القمح جيد\n", encoding="utf-8")
    out = subprocess.run(
        [sys.executable, "-m", "marsad", "check", "--batch", str(claims), "--db", str(db), "--json"],
        capture_output=True, text=True, timeout=300,
    )
    assert out.returncode == 0, out.stderr
    rows = [json.loads(x) for x in out.stdout.splitlines()]
    assert [r["claim"] for r in rows] == ["الطائرات قصفت مستشفى في إدلب", "موسم حصاد القمح جيد"]
    assert rows[0]["outlets"][0]["article"] == "a"
    assert rows[1]["outlets"][0]["article"] == "b"


@pytest.mark.slow
def test_real_baly_claims_get_a_verdict_not_a_shrug(shared: Path) -> None:
    """Every Baly claim has articles about it: at most a few may end as
    not_enough_evidence, and the verdicts may not all be one label."""
    folds = read_folds(shared / "data/baly/folds_1-4.txt")
    claims = [c for c in read_dir(shared / "data/baly/dataset") if folds.get(c.id) == 2][:30]
    model = default_model()
    verdicts = []
    for c in claims:
        cands = [Candidate(str(a.index), a.outlet, a.text) for a in c.articles if a.text.strip()]
        verdicts.append(check_candidates(c.claim, cands, model=model, rank=False).verdict.verdict)
    assert verdicts.count("not_enough_evidence") <= 3
    assert len(set(verdicts)) >= 2


def test_article_stance_passes_coverage_signals_to_the_verdict() -> None:
    model = default_model()
    claim = "قوات النظام تسيطر على بلدة كفرنبودة في ريف حماة"
    lead = model.article_stance(claim, _article("سيطرت قوات النظام على بلدة كفرنبودة في ريف حماة بعد معارك."))
    late = model.article_stance(
        claim, _article("افتتحت وزارة التربية عشر مدارس جديدة في العاصمة.") + " وفي ريف حماة تدور معارك قرب كفرنبودة."
    )
    assert lead.signals["first_covering"] == 0.0
    assert lead.signals["best_coverage"] > late.signals["best_coverage"]
    assert late.signals["first_covering"] > 0.0
    denied = model.article_stance(claim, _article("نفت فصائل المعارضة سيطرة قوات النظام على بلدة كفرنبودة في ريف حماة."))
    assert denied.signals["contradiction"] == 1.0 and lead.signals["contradiction"] == 0.0


def _signals(best: float, first: float, contradiction: float = 0.0, denial: float = 0.0) -> dict[str, float]:
    return {
        "best_coverage": best, "weighted_coverage": best, "first_covering": first,
        "contradiction": contradiction, "denial_words": denial,
    }


def test_evidence_features_read_restatement_and_contradiction() -> None:
    from marsad.check.verdict import evidence_features

    restated = Vote("a", "discuss", 0.7, [], "a", None, DISCUSS, _signals(0.9, 0.0))
    around = Vote("b", "discuss", 0.7, [], "b", None, DISCUSS, _signals(0.4, 0.6, 1.0, 0.7))
    noise = Vote("c", "unrelated", 0.9, [], "c", None, UNRELATED, _signals(0.2, 1.0, 1.0, 2.0))
    assert evidence_features([restated, around, noise]) == pytest.approx([0.9, 0.9, 0.0, 1.0, 1.0, 0.5306282510621704])
    # an unrelated article's cues do not count, and nothing checked covers nothing
    assert evidence_features([noise])[3:] == [0.0, 0.0, 0.0]
    assert evidence_features([]) == [0.0, 0.0, 1.0, 0.0, 0.0, 0.0]
    # a vote without signals (a short text) stands for what its stance says
    short = Vote("d", "agree", 0.9, [Evidence(0, 3, "نص", 0.0, ["denial"])], "d", None, AGREE)
    assert evidence_features([short]) == [1.0, 1.0, 0.0, 1.0, 1.0, 0.0]


def test_discussed_only_around_is_less_likely_true_than_restated_in_leads() -> None:
    model = default_model().verdict
    assert model is not None
    restated = [Vote(f"r{i}", "discuss", 0.6, [], f"r{i}", None, DISCUSS, _signals(0.95, 0.0)) for i in range(3)]
    around = [Vote(f"o{i}", "discuss", 0.6, [], f"o{i}", None, DISCUSS, _signals(0.4, 0.7, 1.0, 1.0)) for i in range(3)]
    p_restated = float(model.p_true(np.array([verdict_features(restated)]))[0])
    p_around = float(model.p_true(np.array([verdict_features(around)]))[0])
    assert p_restated > p_around
    assert decide(around, model).verdict in ("disputed", "refuted")
