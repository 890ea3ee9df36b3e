"""The article store on the real seed articles (read from ../shared at run time)."""

from __future__ import annotations

import dataclasses
import re
import sqlite3
from pathlib import Path

import pytest

from marsad.document import Claim, Document, Entity, Figure
from marsad.errors import StoreError
from marsad.store import Filters, Store, open_store
from marsad.store.sqlite import SQLiteBackend


def seed_documents(seeds_dir: Path, gold_docs: list[dict], *, spans: bool = True) -> list[Document]:
    """Documents read straight from the seed files, with gold metadata and (optionally)
    entity/claim/figure spans placed where the gold names occur in the text."""
    docs = []
    for gold in gold_docs:
        path = seeds_dir / gold["doc"]
        text = path.read_text(encoding="utf-8")
        doc = Document(id=path.stem, text=text, source=str(path), title=text.split("\n", 1)[0],
                       outlet=gold.get("outlet"), published=gold.get("published"))
        if spans:
            for etype, names in gold.get("entities", {}).items():
                for name in names:
                    pos = text.find(name)
                    if pos >= 0:
                        doc.entities.append(Entity(pos, pos + len(name), name, etype[:3],
                                                   canonical=name, entity_id=f"{etype[:3]}:{name}"))
            for c in gold.get("claims", []):
                pos = text.find(c["content"])
                if pos < 0:
                    continue
                doc.claims.append(Claim(pos, pos + len(c["content"]), c.get("speaker"), c["verb"],
                                        polarity=c.get("polarity", "assert"),
                                        content=c["content"], content_start=pos,
                                        content_end=pos + len(c["content"]),
                                        source=[gold.get("outlet") or "?"]))
            for m in re.finditer(r"\d+", text):
                doc.figures.append(Figure(m.start(), m.end(), m.group(), int(m.group())))
        docs.append(doc)
    return docs


def sqlite_backend(store: Store) -> SQLiteBackend:
    assert isinstance(store.backend, SQLiteBackend)
    return store.backend


@pytest.fixture()
def docs(seeds_dir: Path, gold_docs: list[dict]) -> list[Document]:
    return seed_documents(seeds_dir, gold_docs)


def test_migrations_are_recorded_and_applied_once(tmp_path: Path) -> None:
    db = tmp_path / "m.db"
    with open_store(db) as store:
        first = store.migrations()
        assert [m["version"] for m in first] == sorted(m["version"] for m in first)
        assert len(first) >= 3
        if isinstance(store.backend, SQLiteBackend):
            conn = sqlite_backend(store).conn
            assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
            assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    with open_store(db) as store:
        assert store.migrations() == first


def test_readding_the_same_content_adds_nothing(tmp_path: Path, docs: list[Document]) -> None:
    with open_store(tmp_path / "a.db") as store:
        first = [store.add(d) for d in docs]
        assert [r.status for r in first] == ["added"] * len(docs)
        counts = store.counts()
        again = [store.add(d) for d in docs]
        assert [r.status for r in again] == ["present"] * len(docs)
        assert [r.article_id for r in again] == [r.article_id for r in first]
        # a copy differing only in hamza forms, Eastern digits and line breaks is the same content
        variant = docs[0].text.replace("أ", "ا").replace("\n", "\n\n")
        variant = variant.translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))
        assert store.add(Document(id="variant", text=variant)).status == "present"
        assert store.counts() == counts
        assert counts["articles"] == len(docs)
        assert counts["entities"] == sum(len(d.entities) for d in docs) > 0


def _change_one_sentence(text: str) -> str:
    lines = text.split("\n")
    longest = max(range(len(lines)), key=lambda i: len(lines[i]))
    lines[longest] = "وقال مصدر محلي إن الطريق أغلق طوال يوم أمس بسبب الاشتباكات."
    return "\n".join(lines)


def test_near_duplicate_points_at_the_first_copy(tmp_path: Path, docs: list[Document]) -> None:
    with open_store(tmp_path / "n.db") as store:
        ids = [store.add(d).article_id for d in docs]
        # no two seeds are near-duplicates of each other
        assert store.counts()["near_duplicates"] == 0
        target = max(docs, key=lambda d: len(d.text))
        copy = Document(id="copy", text=_change_one_sentence(target.text), outlet="نسخة")
        result = store.add(copy)
        assert result.status == "near_duplicate"
        assert result.duplicate_of == ids[docs.index(target)]
        assert result.similarity is not None and 0.8 <= result.similarity < 1.0
        # a copy of the copy still points at the first article
        copy2 = Document(id="copy2", text=copy.text.replace("الطريق", "الجسر", 1) + "\nانتهى")
        assert store.add(copy2).duplicate_of == ids[docs.index(target)]
        # hidden from listings unless asked for
        shown = {r["doc_id"] for r in store.list_articles(limit=None)}
        assert "copy" not in shown and target.id in shown
        everything = store.list_articles(limit=None, filters=Filters(include_duplicates=True))
        assert {"copy", "copy2"} <= {r["doc_id"] for r in everything}
        row = store.get_article(result.article_id)
        assert row is not None and row["duplicate_of"] == result.duplicate_of
        first = store.get_article(result.duplicate_of)
        assert first is not None and len(first["copies"]) == 2


def test_spans_round_trip(tmp_path: Path, docs: list[Document]) -> None:
    with open_store(tmp_path / "r.db") as store:
        for d in docs:
            store.add(d)
        for d in docs:
            back = store.get_document(d.id)
            assert back is not None
            assert back.to_dict() == d.to_dict()
        doc = next(d for d in docs if d.claims)
        row = store.get_article(doc.id)
        assert row is not None
        aid = row["id"]
        rows = store.spans(aid, "claims")
        assert [(r["start"], r["end"], r["speaker"], r["verb"], r["polarity"]) for r in rows] == [
            (c.start, c.end, c.speaker, c.verb, c.polarity) for c in doc.claims
        ]
        assert rows[0]["source"] == doc.claims[0].source  # lists come back as lists


def test_unknown_span_fields_are_kept(tmp_path: Path, docs: list[Document]) -> None:
    @dataclasses.dataclass
    class ScoredEntity(Entity):  # a span type with a field the schema does not know (yet)
        confidence: float = 0.0

    doc = docs[0]
    e = doc.entities[0]
    doc.entities[0] = ScoredEntity(e.start, e.end, e.text, e.type, e.canonical, role="وزير",
                                   confidence=0.75)
    with open_store(tmp_path / "x.db") as store:
        aid = store.add(doc).article_id
        assert store.spans(aid, "entities")[0]["confidence"] == 0.75
        assert store.spans(aid, "entities")[0]["role"] == "وزير"


def test_add_is_one_transaction(tmp_path: Path, docs: list[Document], monkeypatch) -> None:
    with open_store(tmp_path / "t.db") as store:
        store.add(docs[0])
        before = store.counts()

        def boom(*args: object) -> None:
            raise RuntimeError("disk on fire")

        monkeypatch.setattr(store.backend, "index_text", boom)
        with pytest.raises(RuntimeError):
            store.add(docs[1])
        assert store.counts() == before  # neither the article nor any of its spans
        monkeypatch.undo()
        assert store.add(docs[1]).status == "added"
        assert store.backend.integrity_check() == "ok"


def test_entities_are_counted_across_articles(tmp_path: Path, docs: list[Document]) -> None:
    with open_store(tmp_path / "e.db") as store:
        for d in docs:
            store.add(d)
        rows = store.entities(limit=None)
        assert rows == sorted(rows, key=lambda r: (-r["mentions"], -r["articles"], r["canonical"]))
        per_doc: dict[str, int] = {}
        for d in docs:
            for name in {e.canonical or e.text for e in d.entities}:
                per_doc[name] = per_doc.get(name, 0) + 1
        common = max(per_doc, key=lambda n: per_doc[n])
        row = next(r for r in rows if r["canonical"] == common)
        assert row["articles"] == per_doc[common] > 1
        # the name filter sees through ة/ه, hamza and clitics
        locs = store.entities(type="LOC", q="الرقه", limit=None)
        assert [r["canonical"] for r in locs] == ["الرقة"]
        assert all(r["type"] == "PER" for r in store.entities(type="PER", limit=None))


def test_claims_filters(tmp_path: Path, docs: list[Document]) -> None:
    with open_store(tmp_path / "c.db") as store:
        for d in docs:
            store.add(d)
        every = store.claims(limit=None)
        assert len(every) == sum(len(d.claims) for d in docs)
        denials = store.claims(deny=True, limit=None)
        assert denials and all(c["polarity"] == "deny" for c in denials)
        assert len(denials) == sum(c.polarity == "deny" for d in docs for c in d.claims)
        speaker = next(c.speaker for d in docs for c in d.claims if c.speaker and "أ" in c.speaker)
        by_speaker = store.claims(speaker=speaker.replace("أ", "ا"), limit=None)
        assert by_speaker and all(speaker in (c["speaker"] or "") or c["speaker"] == speaker
                                  for c in by_speaker)


def test_filters_by_outlet_and_date(tmp_path: Path, docs: list[Document]) -> None:
    with open_store(tmp_path / "f.db") as store:
        for d in docs:
            store.add(d)
        outlet = next(d.outlet for d in docs if d.outlet)
        rows = store.list_articles(limit=None, filters=Filters(outlet=outlet))
        assert rows and all(r["outlet"] == outlet for r in rows)
        day = sorted(d.published for d in docs if d.published)[-1]
        rows = store.list_articles(limit=None, filters=Filters(since=day))
        assert {r["doc_id"] for r in rows} == {d.id for d in docs if d.published and d.published >= day}


def test_bad_database_paths_give_one_line_errors(tmp_path: Path) -> None:
    not_sqlite = tmp_path / "notes.db"
    not_sqlite.write_text("these are not the droids\n" * 100)
    other = tmp_path / "other.db"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE t(x)")
    conn.commit()
    conn.close()
    cases = [tmp_path, not_sqlite, other, tmp_path / "missing" / "x.db"]
    for path in cases:
        with pytest.raises(StoreError) as err:
            open_store(path)
        assert "\n" not in str(err.value) and str(path) in str(err.value)
    with pytest.raises(StoreError):
        open_store(tmp_path / "absent.db", create=False)
    assert not (tmp_path / "absent.db").exists()


def test_a_newer_schema_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "new.db"
    open_store(db).close()
    conn = sqlite3.connect(db)
    conn.execute("INSERT INTO migrations VALUES (999, 'from the future', 'x')")
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match="newer"):
        open_store(db)


def test_loader_skips_present_articles_and_survives_a_failing_component(
    tmp_path: Path, docs: list[Document]
) -> None:
    from marsad.errors import InputError
    from marsad.pipeline import component
    from marsad.store.loader import load

    calls: list[str] = []

    @component("test_fragile")
    def fragile(doc: Document) -> Document:
        calls.append(doc.id)
        if doc.id == docs[1].id:
            raise ValueError("cannot parse this one")
        return doc

    items: list[Document | InputError] = [*docs, InputError("broken.txt", "not UTF-8")]
    with open_store(tmp_path / "l.db") as store:
        report = load(store, items, ("sentences", "test_fragile"))
        assert report.added == len(docs) - 1
        assert [f.source for f in report.failures] == [docs[1].source, "broken.txt"]
        assert "cannot parse this one" in report.failures[0].reason
        assert report.extracted["sentences"] > 0
        calls.clear()
        again = load(store, docs, ("sentences", "test_fragile"))
        assert again.present == len(docs) - 1 and again.added == 0
        assert calls == [docs[1].id]  # only the missing article is extracted again


def test_replace_rewrites_an_article_in_place(tmp_path: Path, docs: list[Document]) -> None:
    with open_store(tmp_path / "u.db") as store:
        ids = [store.add(d).article_id for d in docs]
        doc = docs[2]
        fewer = Document(id=doc.id, text=doc.text, title=doc.title, outlet="منفذ آخر",
                         published=doc.published, entities=doc.entities[:2])
        result = store.add(fewer, replace=True)
        assert (result.status, result.article_id) == ("updated", ids[2])
        assert store.counts()["articles"] == len(docs)
        back = store.get_document(ids[2])
        assert back is not None and back.outlet == "منفذ آخر"
        assert len(back.entities) == 2 and back.claims == []
        assert len(store.spans(ids[2], "entities")) == 2
        # the full text entry was replaced, not duplicated
        hits = [h.article["id"] for h in store.search(doc.title.split()[0], limit=20)]
        assert hits.count(ids[2]) == 1
        assert store.backend.integrity_check() == "ok"
