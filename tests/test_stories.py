"""Stories: articles linked online into stories, with copies, claims and figures across
outlets (marsad.link.stories, marsad.link.story_view, `marsad stories` / `marsad story`).

The articles below are written for these tests (a strike on an invented village).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from marsad.document import Document
from marsad.extract import extract
from marsad.store.store import open_store

STRIKE_A = (
    "قصف جوي على قرية تل الورد في ريف حماة الشمالي\n"
    "قال مدير الدفاع المدني في حماة سامر الحلبي إن غارات جوية استهدفت قرية تل الورد في "
    "ريف حماة الشمالي فجر الأحد، ما أسفر عن مقتل 12 مدنيا وإصابة 20 آخرين. وأضاف الحلبي أن "
    "فرق الإنقاذ ما زالت تبحث عن مفقودين تحت أنقاض المنازل المدمرة في القرية. وأوضح أن "
    "الغارات دمرت مدرسة القرية ومستوصفها الوحيد بشكل كامل."
)
STRIKE_B = (
    "ارتفاع حصيلة قصف تل الورد في ريف حماة\n"
    "ارتفعت حصيلة الغارات الجوية على قرية تل الورد في ريف حماة الشمالي إلى 15 قتيلا، "
    "بحسب المرصد السوري لحقوق الإنسان. وقال مدير الدفاع المدني في حماة سامر الحلبي إن غارات "
    "جوية استهدفت قرية تل الورد في ريف حماة الشمالي فجر الأحد، ما أسفر عن مقتل 12 مدنيا "
    "وإصابة 20 آخرين. وأضاف الحلبي أن فرق الإنقاذ ما زالت تبحث عن مفقودين تحت أنقاض المنازل "
    "المدمرة في القرية."
)
UNRELATED = (
    "افتتاح معرض الكتاب في الرياض بمشاركة 500 دار نشر\n"
    "افتتح في العاصمة السعودية الرياض معرض الكتاب الدولي بمشاركة أكثر من 500 دار نشر عربية "
    "وأجنبية، ويستمر المعرض عشرة أيام تقام خلالها ندوات وأمسيات شعرية ولقاءات مع مؤلفين."
)


def _doc(doc_id: str, text: str, outlet: str, published: str) -> Document:
    title, body = text.split("\n", 1)
    return extract(Document(id=doc_id, text=body, title=title, outlet=outlet, published=published))


@pytest.fixture()
def store(tmp_path: Path):  # type: ignore[no-untyped-def]
    st = open_store(tmp_path / "stories.db")
    yield st
    st.close()


def test_same_happening_joins_one_story_and_unrelated_starts_another(store) -> None:  # type: ignore[no-untyped-def]
    a = store.add(_doc("a", STRIKE_A, "وكالة الشمال", "2025-03-02"))
    b = store.add(_doc("b", STRIKE_B, "شبكة الوسط", "2025-03-03"))
    c = store.add(_doc("c", UNRELATED, "صحيفة الخليج", "2025-03-03"))
    assert a.story_id == b.story_id
    assert c.story_id != a.story_id
    # ids stay: a later article does not renumber anything
    store.add(_doc("d", UNRELATED.replace("الرياض", "جدة"), "صحيفة الخليج", "2025-03-04"))
    assert store.story_of(a.article_id) == a.story_id
    story = store.story(a.story_id)
    assert [x["id"] for x in story["articles"]] == ["a", "b"]
    assert [e["action"] for e in story["log"]] == ["create", "join"]
    assert story["first_report"] == "a"


def test_reused_sentences_make_a_copy_with_evidence(store) -> None:  # type: ignore[no-untyped-def]
    a = store.add(_doc("a", STRIKE_A, "وكالة الشمال", "2025-03-02"))
    store.add(_doc("b", STRIKE_B, "شبكة الوسط", "2025-03-03"))
    story = store.story(a.story_id)
    roles = {x["id"]: x for x in story["articles"]}
    assert roles["a"]["role"] == "original"
    assert roles["b"]["role"] == "copy" and roles["b"]["copy_of"] == a.article_id
    b_doc = store.get_document("b")
    reused = [b_doc.text[s:e] for s, e in roles["b"]["evidence"]]
    assert any("فرق الإنقاذ ما زالت تبحث" in r for r in reused)
    assert story["copies"][0]["how"] == "reused_sentences"


def test_claims_matched_across_outlets_keep_their_speaker(store) -> None:  # type: ignore[no-untyped-def]
    a = store.add(_doc("a", STRIKE_A, "وكالة الشمال", "2025-03-02"))
    store.add(_doc("b", STRIKE_B, "شبكة الوسط", "2025-03-03"))
    story = store.story(a.story_id)
    multi = [c for c in story["claims"] if c["n_articles"] == 2]
    assert multi, story["claims"]
    assert all(c["speaker"] == "سامر الحلبي" for c in multi)
    assert {tuple(c["outlets"]) for c in multi} == {("شبكة الوسط", "وكالة الشمال")}


def test_figures_table_counts_a_copied_toll_once_and_flags_conflict(store) -> None:  # type: ignore[no-untyped-def]
    a = store.add(_doc("a", STRIKE_A, "وكالة الشمال", "2025-03-02"))
    store.add(_doc("b", STRIKE_B, "شبكة الوسط", "2025-03-03"))
    story = store.story(a.story_id)
    killed = next(f for f in story["figures"] if f["outcome"] == "killed")
    origins = {(v["value"], v["origin"]) for v in killed["values"]}
    assert (12, "سامر الحلبي") in origins
    assert (15, "المرصد السوري لحقوق الإنسان") in origins
    # the 12 of the copy repeats the civil-defence director: two origins, not three
    assert killed["origins"] == 2
    assert killed["conflict"] is True
    assert (killed["low"], killed["high"]) == (12, 15)
    assert story["conflicts"][0]["outcome"] == "killed"


def test_bridging_article_merges_two_stories_and_old_id_resolves(store) -> None:  # type: ignore[no-untyped-def]
    one = "انقطاع الكهرباء عن أحياء مدينة حمص بسبب عطل في محطة التوليد الرئيسية الجنوبية"
    two = "ارتفاع أسعار الخبز في أسواق مدينة درعا بعد نقص الطحين في الأفران العامة"
    s1 = store.add(_doc("p", one + "\n" + one + " منذ الصباح.", "أ", "2025-01-01")).story_id
    s2 = store.add(_doc("q", two + "\n" + two + " هذا الأسبوع.", "ب", "2025-01-01")).story_id
    assert s1 != s2
    bridge = one + " و" + two
    r = store.add(_doc("r", bridge + "\n" + bridge + ".", "ج", "2025-01-02"))
    survivor = store.story(s1)
    assert {x["id"] for x in survivor["articles"]} == {"p", "q", "r"}
    assert store.story(s2)["id"] == survivor["id"] == r.story_id
    assert any(e["action"] == "merge" for e in survivor["log"])


def test_sample_corpus_mayadin_strike_is_one_story_with_its_tolls(tmp_path: Path) -> None:
    db = tmp_path / "sample.db"
    subprocess.run([sys.executable, "-m", "marsad.cli.main", "ingest", "--sample", "--db", str(db)],
                   check=True, capture_output=True)
    out = subprocess.run([sys.executable, "-m", "marsad.cli.main", "stories", "--json",
                          "--db", str(db)], check=True, capture_output=True, text=True).stdout
    stories = [json.loads(line) for line in out.splitlines()]
    for s in stories:
        assert {"id", "articles", "events", "claims", "figures", "conflicts"} <= set(s)
    strike = next(s for s in stories
                  if any(a["id"] == "01_strike_national_agency.txt" for a in s["articles"]))
    ids = {a["id"] for a in strike["articles"]}
    assert {"02_strike_alfurat_news_cp1256.txt", "alrasd-2025-05-30-mayadin", "agg-000732",
            "03_strike_alwatan_alyawm.html"} <= ids
    copy = next(a for a in strike["articles"] if a["id"] == "02_strike_alfurat_news_cp1256.txt")
    assert copy["role"] == "copy"
    killed = next(f for f in strike["figures"] if f["outcome"] == "killed")
    assert {40, 35, 31, 27} <= {v["value"] for v in killed["values"]}
    assert killed["conflict"] is True
    one = subprocess.run([sys.executable, "-m", "marsad.cli.main", "story", str(strike["id"]),
                          "--db", str(db)], check=True, capture_output=True, text=True).stdout
    assert "CONFLICT" in one and "copy of" in one


def test_a_figure_beyond_64_bits_is_stored(store) -> None:  # type: ignore[no-untyped-def]
    from marsad.document import Figure

    doc = _doc("big", "رقم كبير\nبلغ عدد الزوار مليار مليار مليار زائر في المعرض.", "أ", "2025-01-01")
    doc.figures.append(Figure(start=0, end=4, text="مليار", value=10**27))
    result = store.add(doc)
    rows = store.spans(result.article_id, "figures")
    assert any(r["value"] and r["value"] > 2**63 for r in rows)


def test_lsh_bands_are_datasketchs_optimum() -> None:
    from datasketch.lsh import _optimal_param

    from marsad.link.duplicates import BANDS, NEAR_DUP_THRESHOLD, NUM_PERM, ROWS

    assert (BANDS, ROWS) == _optimal_param(NEAR_DUP_THRESHOLD, NUM_PERM, 0.5, 0.5)


def test_building_the_cli_loads_no_model_library() -> None:
    code = ("import sys, marsad.cli.main as m; m.build_parser(); "
            "print(sorted(k for k in ('sklearn', 'datasketch', 'scipy', 'nltk') if k in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    assert out.stdout.strip() == "[]"
