"""The fast paths of the extraction pipeline give what the plain ones give.

* ``tag_sentences`` (the CRF scored in numpy, a batch of sentences at once) against
  pycrfsuite's own ``tag_with_marginals`` sentence by sentence;
* ``normalize``/``fold`` (``str.translate`` with a lazily filled table) against folding
  character by character with ``_fold_char``;
* ``strip_clitics`` (cached) hands out lists a caller may change without harm.
"""

from __future__ import annotations

import pytest

from marsad.extract.entities.ner_model import MODEL_PATH, tag_sentences, tag_with_marginals
from marsad.extract.entities.ner_tokens import tokenize
from marsad.text.normalize import _fold_char, fold, normalize, strip_clitics

SENTENCES = [
    "قال وزير الخارجية الروسي سيرغي لافروف في موسكو إن المحادثات مع الجانب التركي ستستمر.",
    "وسيطرت قوات سوريا الديمقراطية على بلدات الصالحية والخرطية شرق دير الزور.",
    "أعلنت وكالة الأنباء السعودية (واس) أن الملك سلمان بن عبدالعزيز استقبل السفير الفرنسي.",
    "قتل 12 مدنيا وأصيب آخرون في غارات على ريف إدلب الجنوبي، بحسب المرصد السوري لحقوق الإنسان.",
    "«داعش»",
    "ذكرت صحيفة نيويورك تايمز أن البنتاغون يدرس إرسال 3,500 جندي إلى العراق",
]


def _words(text: str) -> list[str]:
    return [t.text for t in tokenize(text)]


@pytest.mark.skipif(not MODEL_PATH.exists(), reason="NER model not built")
def test_batched_crf_matches_pycrfsuite() -> None:
    batch = [_words(s) for s in SENTENCES] + [[]]
    fast = tag_sentences(batch, ("PERS", "LOC", "ORG"))
    assert len(fast) == len(batch)
    assert fast[-1] == ([], [])
    named = 0
    for words, (tags, probs) in zip(batch[:-1], fast[:-1], strict=True):
        ref_tags, ref_probs = tag_with_marginals(words, ("PERS", "LOC", "ORG"))
        assert tags == ref_tags
        named += sum(t != "O" for t in tags)
        assert len(probs) == len(words)
        for p, q in zip(probs, ref_probs, strict=True):
            assert p.keys() == q.keys()
            for typ in p:
                assert p[typ] == pytest.approx(q[typ], abs=1e-9)
    assert named >= 10  # the sentences do name people, places and bodies


@pytest.mark.skipif(not MODEL_PATH.exists(), reason="NER model not built")
def test_batch_does_not_depend_on_neighbours() -> None:
    one = [_words(SENTENCES[0])]
    alone = tag_sentences(one, ("PERS", "LOC"))[0]
    among = tag_sentences([_words(SENTENCES[3]), one[0], _words(SENTENCES[4])], ("PERS", "LOC"))[1]
    assert alone[0] == among[0]
    for p, q in zip(alone[1], among[1], strict=True):
        assert p == pytest.approx(q, abs=1e-12)


def _slow_normalize(text: str) -> tuple[str, tuple[int, ...]]:
    out: list[str] = []
    offsets: list[int] = []
    for i, ch in enumerate(text):
        for f in _fold_char(ch):
            out.append(f)
            offsets.append(i)
    return "".join(out), (*offsets, len(text))


@pytest.mark.parametrize("text", [
    "قالَ الرئيسُ إنّ الوضعَ مستقرٌ",  # harakat: dropped, offsets shift
    "ﻻ تـــراجع عن القرار ٢٠١٧",  # a lam-alef ligature (two letters), tatweel, digits
    "مدينة الرقة\u200f تقع شمال سوريا",  # an invisible mark
    "ISTANBUL İstanbul ﷺ ﴾الآية﴿",
    "بلا تشكيل ولا علامات",
])
def test_normalize_matches_folding_by_character(text: str) -> None:
    norm = normalize(text)
    assert (norm.text, norm.offsets) == _slow_normalize(text)
    assert fold(text) == norm.text
    for word in text.split():
        assert fold(word) == "".join(_fold_char(c) for c in word)


def test_strip_clitics_lists_are_the_callers() -> None:
    forms = strip_clitics(fold("وبالمدينة"))
    assert forms == ["وبالمدينه", "مدينه", "بالمدينه"]
    forms.append("x")
    assert strip_clitics(fold("وبالمدينة")) == ["وبالمدينه", "مدينه", "بالمدينه"]


def test_clause_bounds_by_bisection_match_a_scan() -> None:
    from marsad.document import Document
    from marsad.extract.events.tokens import clause_bounds, sentence_tokens
    from marsad.pipeline import run

    text = ("قصفت الطائرات بلدة في ريف حلب، وقتل ثلاثة مدنيين؛ ثم انسحبت القوات: "
            "وقال مصدر إن «المعارك مستمرة. والقصف لم يتوقف» حتى المساء.")
    doc = run(Document(id="t", text=text), ("sentences",))
    seen = 0
    for sent in doc.sentences:
        toks = sentence_tokens(doc, sent)
        clauses = {t.clause for t in toks}
        seen += len(clauses)
        for clause in clauses:
            idx = [i for i, t in enumerate(toks) if t.clause == clause]
            assert clause_bounds(toks, clause) == (idx[0], idx[-1] + 1)
        with pytest.raises(IndexError):
            clause_bounds(toks, max(clauses) + 1)
    assert seen >= 4  # commas, semicolons, colons and a quote's full stop break clauses


@pytest.mark.skipif(not MODEL_PATH.exists(), reason="NER model not built")
def test_batch_scores_are_the_sentence_scores() -> None:
    """The state scores of a whole batch (one table of word scores, shifted sums,
    bigram rows added at once) are, bit for bit, those of each sentence alone."""
    import numpy as np

    from marsad.extract.entities import ner_fast
    from marsad.extract.entities.ner_model import weights

    w = weights()
    batch = sorted((_words(s) for s in SENTENCES), key=len, reverse=True)
    table = ner_fast._word_table(w, [x for s in batch for x in s])
    steps = len(batch[0])
    scores = ner_fast._batch_scores(w, table, batch, steps)
    assert scores.shape == (len(batch), steps, len(w.labels))
    # state_scores sums the same word scores (scored in another batch, BLAS may round
    # a word's vector product otherwise in the last bit)
    cache = w.cache.setdefault("words", {})
    cache.update({x: table.table[table.rows[x]] for s in batch for x in s})
    bigrams = 0
    for b, words in enumerate(batch):
        alone = ner_fast.state_scores(w, words)
        assert np.array_equal(scores[b, :len(words)], alone)
        assert not scores[b, len(words):].any()
        keys = [ner_fast.token_info(x)[1] for x in words]
        bigrams += sum(f"-1|0:{a}|{c}" in w.attrs for a, c in zip(keys, keys[1:], strict=False))
    assert bigrams >= 2  # the bigram features do take part


def test_alias_pruning_keeps_every_alias() -> None:
    """_dictionary_mentions looks aliases up only as far as some alias key starts
    with the phrase: every key of the alias table, as a sentence, is still found whole."""
    from marsad.extract.entities import canonical_aliases
    from marsad.extract.entities.propose import _dictionary_mentions

    keys = list(canonical_aliases.alias_index())
    assert len(keys) > 200 and max(len(k.split()) for k in keys) >= 5
    for key in keys:
        words = key.split()
        found = _dictionary_mentions(words, [{} for _ in words])
        assert found and (found[0].start, found[0].end, found[0].source) == (0, len(words), "alias"), key


def test_bigram_rows_same_from_dict_and_from_snapshot() -> None:
    """The word table's bigram lookup gives the same attribute rows whether a pair is
    met for the first time (the dict), again (the sorted snapshot) or is new beside
    snapshotted ones."""
    import numpy as np

    from marsad.extract.entities import ner_fast

    words = [f"كلمة{k}" for k in range(40)]
    table = ner_fast._WordTable(3)
    table.add(words, np.zeros((len(words), 5, 3)))
    rows = [table.rows[w] for w in words]
    left = np.repeat(rows, len(rows))
    right = np.tile(rows, len(rows))  # 1600 pairs: past the size that takes a snapshot
    key = table.keys
    attrs = {f"-1|0:{key[rows[1]]}|{key[rows[2]]}": 7, f"0|+1:{key[rows[3]]}|{key[rows[4]]}": 9}
    expected = np.full((len(left), 2), -1)
    expected[1 * 40 + 2, 0] = 7
    expected[3 * 40 + 4, 1] = 9
    first = table.bigram_rows(left, right, attrs)
    assert len(table.known) == len(left)  # the snapshot was taken
    again = table.bigram_rows(left[::-1], right[::-1], attrs)
    assert (first == expected).all() and (again == expected[::-1]).all()
    table.add(["كلمة_جديدة"], np.zeros((1, 5, 3)))
    new = table.rows["كلمة_جديدة"]
    mixed = table.bigram_rows(np.array([rows[1], new]), np.array([rows[2], rows[2]]), attrs)
    assert mixed.tolist() == [[7, -1], [-1, -1]]


def test_alias_reach_matches_the_plain_loop() -> None:
    """_alias_reach (its first word's test cached) gives what testing every length
    against the alias prefixes gives."""
    from marsad.extract.entities.mention import _first_forms
    from marsad.extract.entities.propose import _alias_prefixes, _alias_reach

    def plain(firsts: tuple[str, ...], folded: list[str], i: int, top: int) -> int:
        reach = 0
        for length in range(1, top + 1):
            rest = " ".join(folded[i + 1:i + length])
            if not any(" ".join(fold(f"{f} {rest}".strip()).split()) in _alias_prefixes() for f in firsts):
                break
            reach = length
        return reach

    checked = 0
    for text in SENTENCES:
        words = _words(text)
        folded = [fold(w) for w in words]
        for i, w in enumerate(words):
            for top in range(0, min(6, len(words) - i) + 1):
                got = _alias_reach(_first_forms(w), folded, i, top)
                assert got == plain(_first_forms(w), folded, i, top), (w, top)
                checked += got > 1
    assert checked  # some phrase does reach past its first word («قوات سوريا …»)


def test_stemmer_loads_without_nltk_package() -> None:
    """The features' ARLSTem2 comes without nltk's package init (scipy, sklearn …);
    a later ``import nltk`` still gets the whole package and the same stemmer module."""
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from marsad.extract.entities import ner_features as f\n"
        "assert 'nltk' not in sys.modules and 'scipy' not in sys.modules\n"
        "print(f._stem('والمقاتلين'), f._stem('يعملون'))\n"
        "import nltk\n"
        "from nltk.stem.arlstem2 import ARLSTem2\n"
        "assert hasattr(nltk, 'word_tokenize') and type(f._STEMMER).__mro__[1] is ARLSTem2\n"
        "print(ARLSTem2().stem('والمقاتلين'))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    from nltk.stem.arlstem2 import ARLSTem2

    assert out == [ARLSTem2().stem("المقاتلين"), ARLSTem2().stem("يعملون"), ARLSTem2().stem("والمقاتلين")]
