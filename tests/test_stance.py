"""Stance: contradiction signals, passages, the Baly reader, and the shipped model on
real ANS and Baly data (read from ../shared at run time)."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import pytest
from sklearn.metrics import f1_score

from marsad.check.baly import read_claim_file, read_dir, read_folds
from marsad.check.contradiction import contradicts, cues
from marsad.check.features import PAIR_FEATURES, pair_features
from marsad.check.passages import passages
from marsad.check.stance import STANCES, StanceModel, apply_evidence_rule

F = {n: i for i, n in enumerate(PAIR_FEATURES)}


def feats(claim: str, text: str) -> dict[str, float]:
    row = pair_features(claim, text, 0.0)
    return {n: row[i] for n, i in F.items()}


def test_denial_is_seen_through_clitics_and_spelling() -> None:
    f = feats("قصفت الطائرات مستشفى في المدينة", "ونفَت الوزارة أن تكون الطائرات قصفت مستشفى")
    assert f["denial_passage"] >= 1 and f["denial_diff"] > 0
    same = feats("قصفت الطائرات مستشفى", "قصفت الطائرات مستشفى المدينة")
    assert same["denial_diff"] == 0
    phrase = feats("قصفت الطائرات مستشفى", "الخبر غير صحيح ولا أساس له")
    assert phrase["denial_passage"] >= 2


def test_antonyms_negation_and_figures() -> None:
    assert feats("ارتفاع أسعار النفط", "انخفاض أسعار النفط")["antonyms"] == 1
    assert feats("ارتفاع أسعار النفط", "ارتفاع أسعار النفط")["antonyms"] == 0
    assert feats("الجيش دخل المدينة", "الجيش لم يدخل المدينة")["negation_mismatch"] == 1
    f = feats("مقتل ٢٠ مدنيا في غارة", "مقتل 35 مدنيا في غارة")  # Eastern digits fold
    assert f["numbers_mismatch"] == 1 and f["numbers_matched"] == 0
    assert feats("مقتل ٢٠ مدنيا", "مقتل 20 مدنيا")["numbers_matched"] == 1


def test_passages_point_into_the_text() -> None:
    text = "عنوان قصير\n" + " ".join(["كلمة"] * 100) + ". جملة أخرى من خمس كلمات هنا."
    parts = passages(text)
    assert all(text[p.start : p.end] == p.text for p in parts)
    assert max(len(p.text.split()) for p in parts) <= 45
    assert not any(p.text == "عنوان قصير" for p in parts)  # under four words


def test_baly_reader_and_folds(shared: Path) -> None:
    folds = read_folds(shared / "data/baly/folds_1-4.txt")
    assert set(folds.values()) == {1, 2, 3, 4} and len(folds) == 338
    claims = list(read_dir(shared / "data/baly/dataset"))
    assert len(claims) >= 338
    c = claims[0]
    assert c.claim and c.articles and all(a.stance in STANCES for a in c.articles)
    assert all(a.outlet and "/" not in a.outlet for a in c.articles)


@pytest.fixture(scope="module")
def model() -> StanceModel:
    return StanceModel.load()


def test_shipped_model_carries_its_scores(model: StanceModel) -> None:
    assert model.scores["ans_dev_macro_f1"] > 70
    assert model.scores["baly_cv_macro_f1"] > model.scores["baly_majority_macro_f1"]


def _ans_dev(shared: Path, n: int) -> list[dict[str, str]]:
    with open(shared / "data/ans/stance/dev.csv", encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    return rows[:: max(1, len(rows) // n)][:n]


def test_pair_model_on_ans_dev_sample(shared: Path, model: StanceModel) -> None:
    rows = _ans_dev(shared, 120)
    res = model.pair_stances([r["s2"] for r in rows], [r["s1"] for r in rows])
    gold = ["unrelated" if r["stance"] == "other" else r["stance"] for r in rows]
    pred = [r.stance for r in res]
    assert f1_score(gold, pred, average="macro") > 0.6
    assert all(abs(sum(r.probabilities.values()) - 1) < 1e-6 for r in res)


def test_negated_paraphrase_flips_stance(model: StanceModel) -> None:
    claim = "الجيش يسيطر على مدينة حلب بالكامل"
    agree = model.pair_stances([claim], ["الجيش يعلن سيطرته الكاملة على مدينة حلب"])[0]
    deny = model.pair_stances([claim], ["الجيش ينفي سيطرته على مدينة حلب"])[0]
    assert deny.probabilities["disagree"] > agree.probabilities["disagree"]
    other = model.pair_stances([claim], ["ارتفاع أسعار الذهب في الأسواق العالمية"])[0]
    assert other.probabilities["agree"] < agree.probabilities["agree"]


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "marsad", *args], capture_output=True, text=True, timeout=300
    )


def test_cli_pairs_writes_predicted_column(shared: Path, tmp_path: Path) -> None:
    rows = _ans_dev(shared, 12)
    src = tmp_path / "pairs.csv"
    with open(src, "w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=["s1", "s2", "stance"])
        w.writeheader()
        w.writerows(rows)
    out = _run("stance", "--pairs", str(src))
    assert out.returncode == 0, out.stderr
    got = list(csv.DictReader(out.stdout.splitlines()))
    assert [r["s1"] for r in got] == [r["s1"] for r in rows]
    assert list(got[0]) == ["s1", "s2", "stance", "predicted"]
    assert {r["predicted"] for r in got} <= {"agree", "disagree", "discuss", "unrelated"}


def test_cli_pairs_rejects_a_csv_without_columns(tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("a,b\n1,2\n", encoding="utf-8")
    out = _run("stance", "--pairs", str(bad))
    assert out.returncode == 1 and "s1" in out.stderr and "Traceback" not in out.stderr


@pytest.mark.slow
def test_cli_baly_stances_one_line_per_article(shared: Path, tmp_path: Path) -> None:
    files = sorted((shared / "data/baly/dataset").glob("*.json"))[:2]
    for f in files:
        (tmp_path / f.name).symlink_to(f)
    out = _run("stance", "--baly", str(tmp_path))
    assert out.returncode == 0, out.stderr
    lines = [json.loads(x) for x in out.stdout.splitlines()]
    expected = [(read_claim_file(f).id, i) for f in files for i in range(len(read_claim_file(f).articles))]
    assert [(x["id"], x["index"]) for x in lines] == expected
    assert {x["stance"] for x in lines} <= set(STANCES)
    # the model finds the related articles: most gold-related ones are not called unrelated
    gold = {(read_claim_file(f).id, a.index): a.stance for f in files for a in read_claim_file(f).articles}
    related = [x for x in lines if gold[(x["id"], x["index"])] != "unrelated"]
    if related:
        assert sum(x["stance"] != "unrelated" for x in related) >= len(related) / 2


# -------------------------------------------- contradiction cues tied to evidence ---

def _names(claim: str, passage: str) -> list[str]:
    return [c.name for c in cues(claim, passage)]


def test_another_toll_is_not_a_contradiction() -> None:
    claim = "مقتل 31 شخصا بتحطم طائرة حربية في إدلب"
    update = "قال سكان إن 27 شخصا على الأقل قتلوا عندما تحطمت طائرة حربية في بلدة بريف إدلب"
    assert _names(claim, update) == ["figure_differs"]
    assert not contradicts(claim, update)
    corrected = "وصحح المرصد الحصيلة وقال إن 27 شخصا قتلوا وليس كما أشيع عند تحطم الطائرة الحربية في إدلب"
    assert "figure_corrected" in _names(claim, corrected)
    assert contradicts(claim, corrected)
    # a figure for another counted thing (wounded, not killed) is no contradiction either
    assert not contradicts(claim, "وأصيب 40 جريحا بتحطم طائرة حربية في إدلب")


def test_denial_must_be_in_a_passage_about_the_claim() -> None:
    claim = "مقتل شرطيين تركيين في هجوم لحزب العمال الكردستاني"
    assert "denial" in _names(claim, "ونفى حزب العمال الكردستاني مسؤوليته عن هجوم أسفر عن مقتل شرطيين")
    # a denial about something else (the passage shares too little of the claim)
    assert _names(claim, "ونفت الوزارة أن تكون الأسعار قد ارتفعت هذا الشهر") == []
    # rejecting a policy is not denying a fact
    assert not contradicts(claim, "ورفض حزب العمال الكردستاني الهدنة بعد مقتل شرطيين تركيين")


def test_negation_must_touch_a_claim_word() -> None:
    claim = "مقتل شرطيين تركيين في هجوم لحزب العمال الكردستاني"
    assert "negated" in _names(claim, "قال حزب العمال الكردستاني إنه لم يقتل الشرطيين التركيين")
    # a negation about something else in the same sentence is not a contradiction
    unrelated_neg = "هاجم حزب العمال الكردستاني دورية ومقتل شرطيين تركيين وقال مسؤول إن العملية ستستمر ما دام التهديد قائما ولن تتوقف الحكومة أبدا"
    assert "negated" not in _names(claim, unrelated_neg)


def test_antonym_counts_only_when_the_claim_word_is_absent() -> None:
    claim = "إغلاق معبر باب الهوى الحدودي"
    assert "antonym" in _names(claim, "أعلنت السلطات إعادة فتح معبر باب الهوى الحدودي أمام المسافرين")
    # «قبل» is mostly «before», never enough alone
    assert not contradicts("رفض البرلمان الاتفاق النووي", "عقد البرلمان جلسة قبل التصويت على الاتفاق النووي")


def test_disagree_without_a_tied_cue_becomes_discuss() -> None:
    claim = "مقتل 31 شخصا بتحطم طائرة حربية في إدلب"
    same_story = ["قال شهود إن 27 شخصا قتلوا بتحطم طائرة حربية في إدلب", "وسقطت الطائرة في سوق مزدحم"]
    assert apply_evidence_rule("disagree", claim, same_story, " ".join(same_story)) == "discuss"
    denial = ["ونفى الدفاع المدني مقتل 31 شخصا بتحطم طائرة حربية في إدلب"]
    assert apply_evidence_rule("disagree", claim, denial, denial[0]) == "disagree"
    assert apply_evidence_rule("agree", claim, same_story) == "agree"


def test_a_lower_toll_set_against_the_announced_one_disputes_it() -> None:
    claim = "مقتل أكثر من 40 مسلحا بغارات جوية على بادية الصحراء"
    lower = "وقال المرصد إن الغارات الجوية على بادية الصحراء أوقعت 12 قتيلا في حصيلة تقل كثيرا عن الرقم المعلن"
    assert "figure_corrected" in _names(claim, lower)
    assert _names(claim, "وارتفعت حصيلة الغارات الجوية على بادية الصحراء إلى 52 قتيلا") == ["figure_differs"]
