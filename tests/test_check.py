"""Claim check: verdict rules, origin de-duplication, retrieval and ranking, the CLI."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from marsad.check.baly import read_claim_file
from marsad.check.checker import Candidate, _bm25, check_candidates, check_documents, store_query
from marsad.check.stance import Evidence
from marsad.check.verdict import VERDICTS, Vote, decide, origin_in
from marsad.document import Document


def vote(outlet: str, stance: str, evidence: str = "", conf: float = 0.9) -> Vote:
    ev = [Evidence(0, len(evidence), evidence, 0.9)] if evidence else []
    return Vote(outlet, stance, conf, ev, ref=outlet)


def test_verdict_rules() -> None:
    assert decide([]).verdict == "not_enough_evidence"
    assert decide([vote("a", "unrelated"), vote("b", "discuss")]).verdict == "not_enough_evidence"
    assert decide([vote("a", "agree"), vote("b", "unrelated")]).verdict == "supported"
    assert decide([vote("a", "disagree")]).verdict == "refuted"
    assert decide([vote("a", "agree"), vote("b", "disagree")]).verdict == "disputed"
    three_one = [vote(x, "agree") for x in "abc"] + [vote("d", "disagree")]
    assert decide(three_one).verdict == "supported"
    v = decide([vote("a", "agree"), vote("b", "discuss"), vote("c", "unrelated")])
    assert v.counts == {"agree": 1, "disagree": 0, "discuss": 1}
    assert v.outlet_counts["unrelated"] == 1


def test_outlets_repeating_one_origin_count_once() -> None:
    same = "وأضافت الصحيفة نقلا عن وكالة رويترز أن القصف استمر"
    votes = [vote(o, "agree", same) for o in ("a.com", "b.com", "c.com")] + [
        vote("d.com", "disagree", "ونفى المتحدث ذلك"),
        vote("e.com", "disagree", "وقال مسؤول إن الخبر غير صحيح"),
    ]
    v = decide(votes)
    assert origin_in(same) == "وكاله رويترز"
    assert v.counts["agree"] == 1 and v.counts["disagree"] == 2
    assert v.verdict == "refuted"  # three outlets, one origin, against two independent denials
    assert v.outlet_counts["agree"] == 3


def test_store_query_joins_content_words_with_or() -> None:
    q = store_query("«الجيش» سيطر على مدينة حلب.")
    assert q.split(" OR ") == ["الجيش", "سيطر", "مدينة", "حلب"]


def test_bm25_prefers_the_article_about_the_claim() -> None:
    claim = "غارة جوية على مستشفى في إدلب"
    cands = [
        Candidate("1", "x", "ارتفعت أسعار الذهب اليوم في الأسواق العالمية بعد قرار البنك"),
        Candidate("2", "y", "استهدفت غارة جوية مستشفى ميدانيا في ريف إدلب وقتل ثلاثة"),
    ]
    s = _bm25(claim, cands)
    assert s[1] > s[0] > -1


def test_check_documents_separates_related_from_unrelated() -> None:
    claim = "الطائرات الروسية قصفت مستشفى في مدينة إدلب"
    docs = [
        Document(id="d1", outlet="one.example", text="أسعار الذهب ترتفع في الأسواق العالمية مع تراجع الدولار الأمريكي أمام العملات."),
        Document(id="d2", outlet="two.example", text="قصفت الطائرات الروسية مستشفى في مدينة إدلب صباح اليوم ما أدى إلى مقتل خمسة مدنيين بحسب الدفاع المدني."),
    ]
    res = check_documents(claim, docs)
    d = res.to_dict()
    stances = {o["article"]: o["stance"] for o in d["outlets"]}
    assert stances["d1"] == "unrelated"
    assert stances["d2"] != "unrelated"
    assert d["outlets"][0]["article"] == "d2"  # ranked first
    assert d["verdict"] in VERDICTS
    assert json.loads(json.dumps(d, ensure_ascii=False))["claim"] == claim


def _long_body(lead: str) -> str:
    filler = "وأضاف المصدر أن فرق الإسعاف نقلت المصابين إلى المستشفيات القريبة وسط انتشار أمني كثيف في المنطقة. "
    return lead + " " + filler * 4


def test_an_article_whose_headline_restates_the_claim_agrees() -> None:
    claim = "مقتل 12 مدنيا بقصف على سوق في مدينة دوما"
    doc = Document(
        id="h1",
        outlet="three.example",
        title="مقتل 12 مدنيا في قصف على سوق بمدينة دوما",
        text=_long_body("سقط قتلى وجرحى في قصف استهدف سوقا شعبيا في مدينة دوما صباح اليوم."),
    )
    out = check_documents(claim, [doc]).to_dict()["outlets"][0]
    assert out["stance"] == "agree"
    assert out["evidence"][0]["signals"] == ["headline"]
    assert out["evidence"][0]["text"] == doc.title


def test_a_different_toll_from_another_source_is_not_a_denial() -> None:
    claim = "مقتل 31 مدنيا بقصف على سوق في مدينة دوما"
    doc = Document(
        id="t1",
        outlet="four.example",
        text=_long_body("وقال المرصد إن 27 مدنيا على الأقل قتلوا بقصف على سوق في مدينة دوما صباح اليوم."),
    )
    out = check_documents(claim, [doc]).to_dict()["outlets"][0]
    assert out["stance"] != "disagree"
    assert "figure_differs" in out["evidence"][0]["signals"]


def test_empty_claim_is_a_usage_error() -> None:
    from marsad.errors import UsageError

    with pytest.raises(UsageError):
        check_candidates("   ", [])


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "marsad", *args], capture_output=True, text=True, timeout=300)


def test_cli_check_without_database_says_so(tmp_path: Path) -> None:
    out = _run("check", "قصف مستشفى", "--db", str(tmp_path / "none.db"))
    assert out.returncode == 1 and "none.db" in out.stderr and "Traceback" not in out.stderr


@pytest.mark.slow
def test_cli_check_baly_one_verdict_per_claim(shared: Path, tmp_path: Path) -> None:
    files = sorted((shared / "data/baly/dataset").glob("*.json"))[2:4]
    for f in files:
        (tmp_path / f.name).symlink_to(f)
    out = _run("check", "--baly", str(tmp_path))
    assert out.returncode == 0, out.stderr
    lines = [json.loads(x) for x in out.stdout.splitlines()]
    assert [x["id"] for x in lines] == [read_claim_file(f).id for f in files]
    assert all(x["verdict"] in VERDICTS for x in lines)


def test_check_store_retrieves_with_fts_and_checks(tmp_path: Path) -> None:
    from marsad.check.checker import check_store
    from marsad.extract import extract
    from marsad.store import open_store

    texts = {
        "a": "قصفت الطائرات الروسية مستشفى في مدينة إدلب صباح اليوم ما أدى إلى مقتل خمسة مدنيين.",
        "b": "أعلنت وزارة الزراعة عن موسم حصاد جيد للقمح في المحافظات الشمالية هذا العام.",
        "c": "افتتح معرض الكتاب الدولي أبوابه أمام الزوار في العاصمة بمشاركة مئات دور النشر.",
    }
    db = tmp_path / "t.db"
    with open_store(db) as store:
        for key, text in texts.items():
            doc = Document(id=key, text=text, outlet=f"{key}.example", published="2020-01-01")
            store.add(extract(doc, ("sentences",)), pipeline=("sentences",))
    with open_store(db, create=False) as store:
        res = check_store("الطائرات الروسية قصفت مستشفى في إدلب", store)
    refs = [v.ref for v in res.verdict.votes]
    assert refs and refs[0] == "a"  # only articles sharing words come back, best first
    assert "c" not in refs
    assert res.verdict.votes[0].stance != "unrelated"


def test_outlet_names_prefer_outlet_then_host_then_file() -> None:
    from marsad.check.checker import outlet_of

    assert outlet_of(Document(id="x", text="", outlet="سانا", url="https://www.a.com/1")) == "سانا"
    assert outlet_of(Document(id="x", text="", url="https://www.a.com/1")) == "a.com"
    assert outlet_of(Document(id="x", text="", source="/data/feeds/001.txt")) == "001.txt"
    assert outlet_of(Document(id="x", text="")) == "x"
