"""Ingest: seeds metadata against gold, encodings, formats, bad input, --published."""

from __future__ import annotations

import json
import os
import zipfile
from pathlib import Path

import pytest

from marsad.document import Document
from marsad.errors import InputError
from marsad.ingest import read_paths
from marsad.ingest.pubdate import normalize_published

# Short Arabic sentences of our own (never text from ../shared).
STORY = (
    "قال المتحدث باسم الجيش إن القوات سيطرت على ثلاث قرى في ريف المدينة.\n"
    "وأضاف أن الاشتباكات أسفرت عن مقتل 12 مسلحا وإصابة آخرين.\n"
    "وأكد أن العمليات ستستمر حتى تأمين المنطقة بالكامل."
)
HEADLINE = "الجيش يسيطر على ثلاث قرى في ريف المدينة"


def _read(*paths: Path | str, published: str | None = None) -> list[Document | InputError]:
    return list(read_paths([str(p) for p in paths], published=published))


def _docs(items: list[Document | InputError]) -> list[Document]:
    return [i for i in items if isinstance(i, Document)]


def _errors(items: list[Document | InputError]) -> list[InputError]:
    return [i for i in items if isinstance(i, InputError)]


# --- seeds against the gold -------------------------------------------------------


def test_seed_metadata_matches_gold(seeds_dir: Path, gold_docs: list[dict]) -> None:
    assert len(gold_docs) == 5
    for gold in gold_docs:
        items = _read(seeds_dir / gold["doc"])
        assert len(items) == 1
        doc = items[0]
        assert isinstance(doc, Document), doc
        for name in ("title", "outlet", "dateline"):
            assert getattr(doc, name) == gold.get(name), (gold["doc"], name)
        assert doc.id == gold["doc"]
        assert doc.source == str(seeds_dir / gold["doc"])


def test_seed_body_keeps_story_and_drops_metadata_lines(
    seeds_dir: Path, gold_docs: list[dict]
) -> None:
    for gold in gold_docs:
        path = seeds_dir / gold["doc"]
        raw_lines = [ln.strip() for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip()]
        doc = _docs(_read(path))[0]
        body_lines = doc.text.split("\n")
        if gold.get("title"):
            assert gold["title"] not in body_lines
        else:
            assert body_lines[0] == raw_lines[0]  # a first sentence is story, not a title
        # every long line (story paragraph) of the file is kept, unchanged
        for line in raw_lines:
            if len(line.split()) >= 12 and line != gold.get("title"):
                assert line in body_lines, (gold["doc"], line[:40])
        # gold figures are all findable in the cleaned text
        for fig in gold.get("figures", []):
            assert fig["text"] in doc.text or fig["text"] in (doc.title or "")
        assert "تعليق" not in body_lines[-1]  # comment widget leftovers dropped


def test_seed_folder_is_read_in_sorted_order(seeds_dir: Path) -> None:
    docs = _docs(_read(seeds_dir))
    assert [d.id for d in docs] == sorted(p.name for p in seeds_dir.glob("*.txt"))


# --- encodings --------------------------------------------------------------------


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "cp1256"])
def test_encodings_decode_to_identical_text(tmp_path: Path, encoding: str) -> None:
    text = HEADLINE + "\n" + STORY + "\n"
    reference = tmp_path / "ref.txt"
    reference.write_bytes(text.encode("utf-8"))
    other = tmp_path / f"enc-{encoding}.txt"
    other.write_bytes(text.encode(encoding))
    ref_doc, doc = _docs(_read(reference, other))
    assert doc.text == ref_doc.text == STORY
    assert doc.title == HEADLINE


def test_crlf_invisible_marks_and_blank_runs_are_cleaned(tmp_path: Path) -> None:
    raw = "قال\u200f المسؤول\u00a0إن الهجوم   وقع أمس في المدينة.  \r\n\r\n\r\n\r\nوأضاف أن 3 أشخاص قتلوا في الهجوم.\r\n"
    path = tmp_path / "a.txt"
    path.write_bytes(raw.encode("utf-8"))
    doc = _docs(_read(path))[0]
    assert doc.text == "قال المسؤول إن الهجوم وقع أمس في المدينة.\n\nوأضاف أن 3 أشخاص قتلوا في الهجوم."


def test_harakat_are_kept(tmp_path: Path) -> None:
    path = tmp_path / "h.txt"
    path.write_text("قَالَ المُتَحَدِّثُ إنَّ القواتِ تقدمت نحو البلدة الشمالية.", encoding="utf-8")
    assert "قَالَ المُتَحَدِّثُ" in _docs(_read(path))[0].text


# --- bad input --------------------------------------------------------------------


def test_bad_inputs_each_give_one_error_and_good_files_still_load(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text(STORY, encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "binary.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    cut = tmp_path / "cut.txt"
    cut.write_bytes(STORY.encode("utf-8")[:-2])  # drops «.» and ends inside a two-byte letter
    truncated = tmp_path / "truncated.json"
    truncated.write_text('[{"text": "' + STORY[:30], encoding="utf-8")
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(b"%PDF-1.4")
    missing = tmp_path / "missing.txt"

    items = _read(good, empty, binary, cut, truncated, pdf, missing)
    errors = {Path(e.source).name: e for e in _errors(items)}
    assert [d.source for d in _docs(items)] == [str(good)]
    assert len(_errors(items)) == 6
    assert errors["empty.txt"].reason == "empty file"
    assert errors["binary.txt"].reason == "binary file, not text"
    assert "UTF-8" in errors["cut.txt"].reason
    assert "not valid JSON" in errors["truncated.json"].reason
    assert errors["report.pdf"].reason.startswith("unsupported file type .pdf (expected .txt, .html")
    assert errors["missing.txt"].reason == "no such file or directory"
    for error in errors.values():
        assert str(error).startswith(error.source + ": ")
        assert "\n" not in str(error)


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read any file")
def test_unreadable_file_is_an_input_error(tmp_path: Path) -> None:
    locked = tmp_path / "locked.txt"
    locked.write_text(STORY, encoding="utf-8")
    locked.chmod(0)
    [error] = _read(locked)
    assert isinstance(error, InputError) and error.source == str(locked)
    assert error.reason.startswith("cannot read")


def test_malformed_jsonl_line_among_good_ones(tmp_path: Path) -> None:
    lines = [
        json.dumps({"id": "a1", "text": STORY, "date": "2017-06-01"}, ensure_ascii=False),
        '{"id": "a2", "text": "نص مقطوع',
        "",
        json.dumps({"text": STORY, "title": HEADLINE}, ensure_ascii=False),
        json.dumps({"title": "بلا نص"}, ensure_ascii=False),
    ]
    path = tmp_path / "batch.jsonl"
    path.write_text("\n".join(lines), encoding="utf-8")
    items = _read(path)
    docs, errors = _docs(items), _errors(items)
    assert [d.id for d in docs] == ["a1", "batch.jsonl#3"]
    assert [d.source for d in docs] == [f"{path}#1", f"{path}#3"]
    assert docs[0].published == "2017-06-01"
    assert docs[1].title == HEADLINE
    assert len(errors) == 2
    assert errors[0].source == f"{path}#2" and "line 2" in errors[0].reason
    assert errors[1].source == f"{path}#4" and "no text" in errors[1].reason


def test_folder_walk_skips_readme_but_a_named_readme_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(f"{HEADLINE}\n{STORY}\n", encoding="utf-8")
    (tmp_path / "README.md").write_text("# notes", encoding="utf-8")
    items = _read(tmp_path)
    assert [type(i) for i in items] == [Document]
    [err] = _read(tmp_path / "README.md")
    assert isinstance(err, InputError) and "unsupported file type .md" in str(err)


def test_glob_folder_hidden_files_and_duplicates(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / ".hidden").mkdir()
    (tmp_path / "b.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / "sub" / "a.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / ".secret.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / ".hidden" / "c.txt").write_text(STORY, encoding="utf-8")
    docs = _docs(_read(tmp_path, tmp_path / "b.txt"))
    assert [Path(d.source).relative_to(tmp_path).as_posix() for d in docs] == ["b.txt", "sub/a.txt"]
    (tmp_path / "empty").mkdir()
    assert [e.reason for e in _errors(_read(tmp_path / "empty"))] == ["folder has no files"]
    globbed = _read(str(tmp_path / "**" / "*.txt"), str(tmp_path / "*.nothing"))
    assert [d.id for d in _docs(globbed)] == ["b.txt", "a.txt"]
    assert [e.reason for e in _errors(globbed)] == ["no files match this pattern"]


# --- records ----------------------------------------------------------------------


def test_json_array_object_and_csv_fields(tmp_path: Path) -> None:
    arr = tmp_path / "arr.json"
    arr.write_text(
        json.dumps(
            {"articles": [
                {"id": 7, "content": STORY, "headline": HEADLINE, "pubDate": "23/06/2017",
                 "site": "موقع الخبر", "link": "https://example.org/a", "author": "مراسلنا"},
                "not an object",
            ]},
            ensure_ascii=False,
        ),
        encoding="utf-8",
    )
    csv_path = tmp_path / "rows.csv"
    csv_path.write_text(
        "title,body,published,source\n"
        f'"{HEADLINE}","{STORY}",2017-06-23T10:00:00+03:00,وكالة\n'
        "only,two\n",
        encoding="utf-8-sig",
    )
    items = _read(arr, csv_path)
    docs = _docs(items)
    assert len(docs) == 2
    a, c = docs
    assert (a.id, a.title, a.published, a.outlet, a.url) == (
        "7", HEADLINE, "2017-06-23", "موقع الخبر", "https://example.org/a"
    )
    assert a.meta["author"] == "مراسلنا"
    assert a.text == STORY
    assert (c.id, c.title, c.published, c.outlet) == ("rows.csv#1", HEADLINE, "2017-06-23", "وكالة")
    errors = _errors(items)
    assert len(errors) == 2
    assert errors[0].source == f"{arr}#2"
    assert errors[1].source == f"{csv_path}#2" and "fields" in errors[1].reason


def test_zip_members_are_each_read(tmp_path: Path) -> None:
    path = tmp_path / "bundle.zip"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("one.txt", (HEADLINE + "\n" + STORY).encode("utf-8"))
        zf.writestr("many.jsonl", "\n".join(json.dumps({"text": STORY}) for _ in range(2)))
        zf.writestr("notes.docx", b"PK")
        zf.writestr("__MACOSX/._one.txt", b"\x00\x05")
    items = _read(path)
    docs = _docs(items)
    assert [d.source for d in docs] == [
        f"{path}/many.jsonl#1", f"{path}/many.jsonl#2", f"{path}/one.txt"
    ]
    assert docs[2].title == HEADLINE
    errors = _errors(items)
    assert len(errors) == 1 and errors[0].source == f"{path}/notes.docx"


# --- published --------------------------------------------------------------------


def test_published_fills_only_missing_dates(tmp_path: Path) -> None:
    txt = tmp_path / "a.txt"
    txt.write_text(STORY, encoding="utf-8")
    jl = tmp_path / "b.jsonl"
    jl.write_text(
        json.dumps({"text": STORY, "date": "2016-12-12"}) + "\n" + json.dumps({"text": STORY}),
        encoding="utf-8",
    )
    docs = _docs(_read(txt, jl, published="2017-06-01"))
    assert [d.published for d in docs] == ["2017-06-01", "2016-12-12", "2017-06-01"]
    assert _docs(_read(txt))[0].published is None


@pytest.mark.parametrize(
    ("raw", "want"),
    [
        ("2015-07-21 02:51:58", "2015-07-21"),
        ("2017-06-23T10:00:00Z", "2017-06-23"),
        ("23/06/2017", "2017-06-23"),
        ("Fri, 23 Jun 2017 10:00:00 GMT", "2017-06-23"),
        ("الجمعة 23 حزيران 2017", "2017-06-23"),
        ("١٢ ديسمبر/كانون الأول ٢٠١٦", "2016-12-12"),
        ("5 جويلية 2016", "2016-07-05"),
        ("31/02/2017", None),
        ("قريبا", None),
    ],
)
def test_published_values_are_normalized(raw: str, want: str | None) -> None:
    assert normalize_published(raw) == want


# --- byline / dateline / source lines of our own -----------------------------------


def test_bylines_datelines_and_signatures(tmp_path: Path) -> None:
    a = tmp_path / "a.txt"
    a.write_text(f"{HEADLINE}\nدمشق - سانا\n{STORY}\n", encoding="utf-8")
    b = tmp_path / "b.txt"
    b.write_text(f"{STORY}\nالمصدر: وكالة الأنباء الرسمية\nشارك\n", encoding="utf-8")
    c = tmp_path / "c.txt"
    c.write_text(f"بغداد (رويترز) - {STORY}\n", encoding="utf-8")
    d = tmp_path / "d.txt"
    d.write_text(f"{HEADLINE}\nبقلم: أحمد علي\n{STORY}\nشبكة الأخبار المحلية\n", encoding="utf-8")
    da, db, dc, dd = _docs(_read(a, b, c, d))
    assert (da.title, da.dateline, da.outlet, da.text) == (HEADLINE, "دمشق", "سانا", STORY)
    assert (db.title, db.outlet, db.text) == (None, "وكالة الأنباء الرسمية", STORY)
    assert (dc.dateline, dc.outlet) == ("بغداد", "رويترز")
    assert dc.text.startswith("بغداد (رويترز) - ")  # an inline dateline stays in the story
    assert (dd.outlet, dd.meta.get("author"), dd.text) == ("شبكة الأخبار المحلية", "أحمد علي", STORY)


def test_text_saved_from_the_web_keeps_only_the_story(tmp_path: Path) -> None:
    page = "\n".join([
        "الرئيسية | أخبار | سياسة | اقتصاد | رياضة",
        "الأحد 12 كانون الأول 2016 - 10:45",
        HEADLINE,
        STORY,
        "اقرأ أيضا",
        "الحكومة تعلن خطة جديدة للنقل",
        "ارتفاع أسعار الذهب في الأسواق",
        "شارك: فيسبوك تويتر واتساب",
        "https://news.example/a/1",
        "جميع الحقوق محفوظة © 2016",
    ])
    path = tmp_path / "saved.txt"
    path.write_text(page, encoding="utf-8")
    [doc] = _read(path)
    assert isinstance(doc, Document)
    assert doc.text == STORY


def test_date_alone_in_the_header_is_the_publication_date(tmp_path: Path) -> None:
    path = tmp_path / "dated.txt"
    path.write_text(f"{HEADLINE}\nالأحد 12 كانون الأول 2016\n{STORY}\n", encoding="utf-8")
    [doc] = _read(path, published="2017-01-01")
    assert isinstance(doc, Document)
    assert (doc.title, doc.published, doc.text) == (HEADLINE, "2016-12-12", STORY)
    place_dated = tmp_path / "place_dated.txt"
    place_dated.write_text(f"{HEADLINE}\nحماة – 3 حزيران 2024\n{STORY}\n", encoding="utf-8")
    [doc] = _read(place_dated)
    assert isinstance(doc, Document)
    assert (doc.dateline, doc.outlet, doc.published, doc.text) == ("حماة", None, "2024-06-03", STORY)
    plain = tmp_path / "plain.txt"
    plain.write_text(f"{HEADLINE}\n{STORY}\n", encoding="utf-8")
    [doc] = _read(plain, published="2017-01-01")
    assert isinstance(doc, Document) and doc.published == "2017-01-01"


def test_ornate_quran_parentheses_do_not_break_reading(tmp_path: Path) -> None:
    # ﴿ ﴾ fold to themselves; they once sent the folder into endless recursion
    verse_line = "وقال الخطيب: ﴿ولا تقتلوا النفس التي حرم الله إلا بالحق﴾ في خطبة الجمعة أمس."
    page = "\n".join(["الرئيسية | أخبار | سياسة", "https://news.example/x", verse_line, STORY])
    path = tmp_path / "verse.txt"
    path.write_text(page, encoding="utf-8")
    [doc] = _read(path)
    assert isinstance(doc, Document)
    assert doc.text.startswith(verse_line)
