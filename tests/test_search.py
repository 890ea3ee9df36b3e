"""Arabic full text search over the real seed articles (read from ../shared at run time)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from marsad.document import Document
from marsad.errors import UsageError
from marsad.store import Store, make_filters, open_store
from marsad.store.fulltext import parse_query
from marsad.text.normalize import fold

EASTERN = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


def _seed_docs(seeds_dir: Path, gold_docs: list[dict]) -> list[Document]:
    docs = []
    for gold in gold_docs:
        path = seeds_dir / gold["doc"]
        text = path.read_text(encoding="utf-8")
        docs.append(Document(id=path.stem, text=text, title=text.split("\n", 1)[0],
                             outlet=gold.get("outlet"), published=gold.get("published")))
    return docs


@pytest.fixture(scope="module")
def seed_docs(seeds_dir: Path, gold_docs: list[dict]) -> list[Document]:
    return _seed_docs(seeds_dir, gold_docs)


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory, seed_docs: list[Document],
          store_backend: str) -> Iterator[Store]:
    st = open_store(tmp_path_factory.mktemp("search") / "s.db")
    for doc in seed_docs:
        if "300" in doc.text:  # store this one with Eastern Arabic digits only
            doc = Document(id=doc.id, text=doc.text.translate(EASTERN), title=doc.title,
                           outlet=doc.outlet, published=doc.published)
        st.add(doc)
    yield st
    st.close()


def _matched_words(store: Store, query: str) -> set[str]:
    words: set[str] = set()
    for hit in store.search(query, limit=20):
        row = store.get_article(hit.article["id"])
        assert row is not None
        words.update(row["text"][s:e] for s, e in hit.matches)
    return words


@pytest.mark.parametrize(
    ("query", "written"),
    [
        ("اكدت", "أكدت"),  # hamza on alef
        ("محيط", "بمحيط"),  # attached preposition
        ("300", "٣٠٠"),  # Western digits find Eastern ones
        ("فاليرى", "فاليري"),  # ى/ي
        ("فاليري", "فاليرى"),
        ("والرقة", "الرقة"),  # clitics on the query side too
    ],
)
def test_spelling_variants_match(store: Store, query: str, written: str) -> None:
    assert written in _matched_words(store, query)


def test_every_hit_contains_the_word(store: Store, seed_docs: list[Document]) -> None:
    hits = store.search("تدمر", limit=20)
    expected = {d.id for d in seed_docs if "تدمر" in d.text}
    assert {h.article["doc_id"] for h in hits} == expected
    ranks = [h.rank for h in hits]
    assert ranks == sorted(ranks)


def test_more_mentions_rank_higher(store: Store, seed_docs: list[Document]) -> None:
    counts = {d.id: fold(d.text).count("غيراسيموف") for d in seed_docs}
    hits = store.search("غيراسيموف", limit=10)
    assert {h.article["doc_id"] for h in hits} == {k for k, v in counts.items() if v}
    assert hits[0].article["doc_id"] == max(counts, key=lambda k: counts[k])


def test_quoted_phrase_needs_adjacent_words(store: Store) -> None:
    words = _matched_words(store, '"دير الزور"')
    assert words and all(fold(w).endswith("دير الزور") for w in words)
    assert store.search('"الزور دير"') == []
    assert len(store.search("«دير الزور»")) == len(store.search('"دير الزور"'))


def test_or_finds_either(store: Store) -> None:
    a = {h.article["id"] for h in store.search("غيراسيموف", limit=20)}
    b = {h.article["id"] for h in store.search("رودسكوي", limit=20)}
    both = {h.article["id"] for h in store.search("غيراسيموف OR رودسكوي", limit=20)}
    assert a and b and a != b
    assert both == a | b
    and_ = {h.article["id"] for h in store.search("غيراسيموف رودسكوي", limit=20)}
    assert and_ == a & b


@pytest.mark.parametrize(
    "query",
    ['"دير', 'داعش"', "NOT داعش", "داعش AND", "(داعش", "title:داعش", "^داعش", "-داعش",
     "NEAR(داعش تدمر)", "داعش*", "OR داعش OR", "داعش'; DROP TABLE articles; --"],
)
def test_fts_syntax_in_a_query_does_not_crash(store: Store, query: str) -> None:
    hits = store.search(query)
    assert all(h.article["id"] for h in hits)
    assert store.counts()["articles"] == 5


@pytest.mark.parametrize("query", ['"', "***", "؟!", "  "])
def test_a_query_without_words_is_a_usage_error(store: Store, query: str) -> None:
    with pytest.raises(UsageError):
        store.search(query)


def test_prefix_search(store: Store) -> None:
    words = _matched_words(store, "اجتث*")
    assert words and all(fold(w).startswith("اجتث") for w in words)


def test_snippet_is_cut_from_the_original_with_highlights(store: Store) -> None:
    hit = store.search("اكدت", limit=1)[0]
    row = store.get_article(hit.article["id"])
    assert row is not None
    assert row["text"][hit.snippet.start : hit.snippet.end] == hit.snippet.text
    marked = hit.snippet.render("marks")
    assert "**أكدت**" in marked
    assert "\033[1mأكدت\033[0m" in hit.snippet.render("ansi")
    assert hit.snippet.render("plain").count("أكدت") >= 1


def test_filters(store: Store, seed_docs: list[Document]) -> None:
    outlet = next(d.outlet for d in seed_docs if d.outlet)
    hits = store.search("داعش", limit=20, filters=make_filters(outlet=outlet))
    assert hits and all(h.article["outlet"] == outlet for h in hits)
    day = min(d.published for d in seed_docs if d.published)
    hits = store.search("داعش", limit=20, filters=make_filters(until=day))
    assert {h.article["doc_id"] for h in hits} == {
        d.id for d in seed_docs if d.published == day and "داعش" in d.text
    }
    with pytest.raises(UsageError):
        make_filters(since="2020-01-02", until="2020-01-01")


def test_parse_query_builds_only_quoted_terms() -> None:
    q = parse_query('أكدت "دير الزور" OR تدمر* (NOT')
    fts = q.to_fts()
    assert fts == '("اكدت" AND "دير زور") OR ("تدمر"* AND "not")'


def test_words_joined_by_an_underscore_are_found_alone(
    tmp_path: Path, store_backend: str
) -> None:
    """A hashtag joins words with ``_``: each word is found by itself, with its clitics
    stripped, the same on SQLite and PostgreSQL (FTS5 splits at ``_``; the keys must)."""
    st = open_store(tmp_path / "tags.db")
    try:
        st.add(Document(id="tag", text="غرد ناشطون تحت وسم #قصف_الجسر_الشمالي منذ الصباح.",
                        title="وسم على المنصات"))
        st.add(Document(id="plain", text="أعيد فتح الجسر الشمالي أمام السيارات صباح اليوم.",
                        title="فتح الجسر"))
        for query, want in (("قصف", {"tag"}), ("الجسر", {"tag", "plain"}),
                            ("جسر شمالي", {"tag", "plain"}), ('"قصف الجسر"', {"tag"})):
            hits = st.search(query, limit=10)
            assert {h.article["doc_id"] for h in hits} == want, query
            assert st.count(query) == len(want), query
        (hit,) = st.search("قصف", limit=10)
        row = st.get_article(hit.article["id"])
        assert row is not None
        assert [row["text"][s:e] for s, e in hit.matches] == ["قصف"]
    finally:
        st.close()
