"""NER model, tokenizer, CoNLL reading/scoring and `marsad ner --conll`."""

from __future__ import annotations

from pathlib import Path

import pytest

from marsad.cli.main import main as cli
from marsad.extract.entities.ner_conll import parse_conll, read_conll, score_tags, spans
from marsad.extract.entities.ner_model import tag
from marsad.extract.entities.ner_tokens import tokenize


def test_tokenizer_splits_quotes_and_keeps_offsets() -> None:
    text = "ساعد “داعش” في تعزيز مواقعه بمحيط تدمر، وقتل 8.5 بالمئة."
    toks = tokenize(text)
    words = [t.text for t in toks]
    assert "داعش" in words and "“" in words and "”" in words
    assert "8.5" in words and "،" in words
    assert all(text[t.start:t.end] == t.text for t in toks)


def test_spans_and_entity_scoring() -> None:
    assert spans(["B-PERS", "I-PERS", "O", "B-LOC", "I-ORG"]) == {
        (0, 2, "PERS"), (3, 4, "LOC"), (4, 5, "ORG")
    }
    scores = score_tags([["B-LOC", "O", "B-PERS", "I-PERS"]], [["B-LOC", "O", "B-PERS", "O"]])
    assert scores["ALL"].tp == 1 and scores["ALL"].fp == 1 and scores["ALL"].fn == 1
    assert scores["LOC"].f1 == 1.0 and scores["PERS"].f1 == 0.0


def test_conll_reader_with_and_without_tags() -> None:
    sents = list(parse_conll(["\ufeffa B-LOC\r\n", "b O\n", "\n", "c\n", "d\n", "\n"]))
    assert [s.tokens for s in sents] == [["a", "b"], ["c", "d"]]
    assert sents[0].tags == ["B-LOC", "O"] and sents[1].tags is None


def test_model_tags_news_sentence() -> None:
    words = [t.text for t in tokenize("وصل الرئيس الروسي فلاديمير بوتين إلى دمشق يوم الاثنين .")]
    tags = tag(words)
    assert tags[words.index("فلاديمير")] == "B-PERS"
    assert tags[words.index("بوتين")] == "I-PERS"
    assert tags[words.index("دمشق")] == "B-LOC"


@pytest.fixture(scope="module")
def anercorp_sample(shared: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The first 150 sentences of ANERcorp train, written to a temp file at run time."""
    sents = read_conll(shared / "data" / "anercorp" / "train.txt")[:150]
    path = tmp_path_factory.mktemp("conll") / "sample.txt"
    path.write_text(
        "".join("".join(f"{w} {t}\n" for w, t in zip(s.tokens, s.tags or [], strict=True)) + "\n"
                for s in sents),
        encoding="utf-8",
    )
    return path


def test_cli_conll_with_gold(anercorp_sample: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.txt"
    assert cli(["ner", "--conll", str(anercorp_sample), "-o", str(out)]) == 0
    src = anercorp_sample.read_text(encoding="utf-8").splitlines()
    got = out.read_text(encoding="utf-8").splitlines()
    assert len(got) == len(src)
    gold, pred = [], []
    g: list[str] = []
    p: list[str] = []
    for a, b in zip(src, got, strict=True):
        if not a:
            assert b == ""
            gold.append(g)
            pred.append(p)
            g, p = [], []
            continue
        token, gold_tag = a.split()
        cols = b.split()
        assert cols[:2] == [token, gold_tag] and len(cols) == 3
        g.append(gold_tag)
        p.append(cols[2])
    # training sentences: the model must know them well
    assert score_tags(gold, pred)["ALL"].f1 > 0.85


def test_cli_conll_without_tags(anercorp_sample: Path, tmp_path: Path) -> None:
    bare = tmp_path / "bare.txt"
    bare.write_text(
        "\n".join(line.split()[0] if line else "" for line in
                  anercorp_sample.read_text(encoding="utf-8").splitlines()) + "\n",
        encoding="utf-8",
    )
    out = tmp_path / "out.txt"
    assert cli(["ner", "--conll", str(bare), "-o", str(out)]) == 0
    lines = out.read_text(encoding="utf-8").splitlines()
    assert len(lines) == len(bare.read_text(encoding="utf-8").splitlines())
    assert all(len(x.split()) in (0, 2) for x in lines)
    assert any(x.endswith(" B-LOC") for x in lines)


def test_cli_conll_missing_file(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli(["ner", "--conll", "/nonexistent/file.txt"]) == 1
    err = capsys.readouterr().err
    assert "no such file" in err and len(err.strip().splitlines()) == 1


def test_propagation_tags_a_confident_name_everywhere() -> None:
    from marsad.extract.entities.ner_propagate import propagate

    sents = [["قصفت", "الطائرات", "الرقة"], ["دخل", "الجيش", "الرقة"], ["في", "الرقة", "هدوء"],
             ["وصل", "الوفد"]]
    tags = [["O", "O", "B-LOC"], ["O", "O", "B-LOC"], ["O", "O", "O"], ["O", "O"]]
    out = propagate(sents, tags)
    assert out[2] == ["O", "B-LOC", "O"]
    assert out[3] == ["O", "O"]
    # a single tagging is not enough, and mostly-untagged words stay untagged
    assert propagate(sents, [["O", "O", "B-LOC"], ["O", "O", "O"], ["O", "O", "O"], ["O", "O"]])[2] \
        == ["O", "O", "O"]


def test_word_vectors_place_similar_words_together() -> None:
    """The distributional vectors the CRF reads: capitals sit with capitals, not with verbs."""
    from marsad.extract.entities.ner_clusters import vectors
    from marsad.text.normalize import fold

    index, matrix = vectors()
    assert matrix.shape[1] == 50 and len(index) > 100_000

    def cos(a: str, b: str) -> float:
        va, vb = matrix[index[fold(a)]], matrix[index[fold(b)]]
        return float(va @ vb / ((va @ va) ** 0.5 * (vb @ vb) ** 0.5))

    assert cos("موسكو", "أنقرة") > cos("موسكو", "أكد") + 0.3
    assert cos("لافروف", "كيري") > cos("لافروف", "دمشق")


def test_vector_features_fall_back_to_the_clitic_free_form() -> None:
    from marsad.extract.entities.ner_features import sentence_features

    known, glued = sentence_features(["موسكو", "وبموسكو"])
    assert "e0" in known and "e49" in known
    # «وبموسكو» may be rare in the news, but «موسكو» is not
    assert "e0" in glued
    assert sentence_features(["ﻻﻻﻻﻻﻻقثصضش"])[0].get("e0") is None
