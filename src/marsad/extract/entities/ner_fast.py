"""CRF inference on the weights of the trained model, in numpy.

The crfsuite model (resources/ner_crf.crfsuite) is read once: its attribute names and
labels from ``Tagger.dump``, its feature weights (exact doubles) from the FEAT chunk of
the file.  A token's state score is the sum of the weights of its attributes, and the
attributes of marsad.extract.entities.ner_features.sentence_features come in three
kinds: those of the token's own word, those of a neighbour's word at distance d, and
the two word bigrams.  The first two are summed once per distinct word (cached), so a
sentence costs a few array additions instead of a hundred feature strings per token.
Viterbi and forward-backward then run over all the sentences of a document at once.
The word sums live in one table (a row per word seen), so a batch's state scores
are a gather, four shifted adds and the bigram rows; the sentences run longest
first, so that each step works on the prefix of the batch still going.

The result is crfsuite's: the same tags and, per token, the same marginal
probabilities up to floating-point rounding (the sums run in another order).
"""

from __future__ import annotations

import struct
import sys
import tempfile
from dataclasses import dataclass, field
from itertools import chain
from pathlib import Path
from typing import Any

import numpy as np
import pycrfsuite

from marsad.extract.entities.ner_features import _VEC_NAMES, shape, token_info, vectors

_FEATURE = np.dtype([("type", "<u4"), ("src", "<u4"), ("dst", "<u4"), ("w", "<f8")])
_OFFSETS = (-2, -1, 1, 2)


def _dump_sections(tagger: pycrfsuite.Tagger) -> dict[str, list[str]]:
    """The LABELS and ATTRIBUTES sections of the model's text dump, names by id."""
    # Not ``tagger.dump(filename)``: crfsuite closes the file's descriptor itself and
    # pycrfsuite then closes the same number again, which, in a process with other
    # threads (a Dask worker's event loop, the scheduler of a local cluster), closes
    # whatever socket got that number in between.  ``dump()`` with no file name
    # writes to a duplicate of ``sys.stdout.fileno()``, closed once: point it at a file.
    with tempfile.TemporaryFile(mode="w+", encoding="utf-8", suffix=".txt") as fh:
        saved, sys.stdout = sys.stdout, fh
        try:
            tagger.dump()
        finally:
            sys.stdout = saved
        fh.seek(0)
        text = fh.read()
    sections: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in text.split("\n"):
        if line in ("LABELS = {", "ATTRIBUTES = {"):
            current = sections.setdefault(line[:-4], [])
        elif line == "}":
            current = None
        elif current is not None:
            num, _, value = line.lstrip().partition(": ")
            if int(num) != len(current):
                raise ValueError(f"unexpected model dump line {line!r}")
            current.append(value)
    return sections


@dataclass(eq=False)
class Weights:
    labels: list[str]
    attrs: dict[str, int]  # attribute name -> row of ``state``
    state: np.ndarray  # (attributes, labels)
    trans: np.ndarray  # (labels, labels): from -> to
    cache: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def load(cls, path: Path) -> Weights:
        tagger = pycrfsuite.Tagger()
        tagger.open(str(path))
        sections = _dump_sections(tagger)
        labels, attr_names = sections["LABELS"], sections["ATTRIBUTES"]
        data = path.read_bytes()
        off_features = struct.unpack_from("<I", data, 28)[0]
        chunk, _size, num = struct.unpack_from("<4sII", data, off_features)
        if chunk != b"FEAT":
            raise ValueError(f"{path}: no FEAT chunk at {off_features}")
        feats = np.frombuffer(data, dtype=_FEATURE, count=num, offset=off_features + 12)
        n_labels = len(labels)
        state = np.zeros((len(attr_names) + 1, n_labels))  # the last row stays zero
        trans = np.zeros((n_labels, n_labels))
        st = feats[feats["type"] == 0]
        tr = feats[feats["type"] == 1]
        state[st["src"], st["dst"]] = st["w"]
        trans[tr["src"], tr["dst"]] = tr["w"]
        attrs = {name: k for k, name in enumerate(attr_names)}
        return cls(labels, attrs, state, trans)

    @property
    def vec_weights(self) -> np.ndarray:
        """(vector dimensions, labels): the weights of the e0… features."""
        if "vec" not in self.cache:
            rows = np.zeros((len(_VEC_NAMES), len(self.labels)))
            for k, name in enumerate(_VEC_NAMES):
                if name in self.attrs:
                    rows[k] = self.state[self.attrs[name]]
            self.cache["vec"] = rows
        return self.cache["vec"]


def _flag_scores(weights: Weights, flag: str) -> np.ndarray:
    """(1 + offsets, labels): a lexicon or cluster flag's score for its own token and
    for its neighbours at ±1 (the features ``f:…``, ``-1:f:…``, ``1:f:…``)."""
    cache: dict[str, np.ndarray] = weights.cache.setdefault("flags", {})
    hit = cache.get(flag)
    if hit is None:
        hit = np.zeros((1 + len(_OFFSETS), len(weights.labels)))
        for g, name in ((0, f"f:{flag}"), (2, f"-1:f:{flag}"), (3, f"1:f:{flag}")):
            row = weights.attrs.get(name)
            if row is not None:
                hit[g] = weights.state[row]
        cache[flag] = hit
    return hit


def _flags_scores(weights: Weights, flags: tuple[str, ...]) -> np.ndarray:
    """The sum of _flag_scores over a word's flags (cached: words share flag sets)."""
    cache: dict[tuple[str, ...], np.ndarray] = weights.cache.setdefault("flag_sets", {})
    hit = cache.get(flags)
    if hit is None:
        hit = np.zeros((1 + len(_OFFSETS), len(weights.labels)))
        for flag in dict.fromkeys(flags):
            hit += _flag_scores(weights, flag)
        if len(cache) >= 100_000:
            cache.clear()
        cache[flags] = hit
    return hit


def _known_values(weights: Weights) -> dict[str, set[str]]:
    """Per attribute kind (``w``, ``k``, ``st``), the values some attribute of the
    model has at any offset («w:X», «-1:w:X» … give X)."""
    known: dict[str, set[str]] | None = weights.cache.get("known")
    if known is None:
        known = {"w": set(), "k": set(), "st": set()}
        offsets = tuple(f"{d}:" for d in _OFFSETS)
        for name in weights.attrs:
            for prefix in offsets:
                if name.startswith(prefix):
                    name = name[len(prefix):]
                    break
            kind, colon, value = name.partition(":")
            if colon and kind in known:
                known[kind].add(value)
        weights.cache["known"] = known
    return known


def _own_batch(weights: Weights, words: list[str]) -> np.ndarray:
    """(words, 1 + offsets, labels): per word, its own attributes' score and per
    offset d the score it gives the token at -d as a neighbour (rows in _OFFSETS
    order).  The attribute weights of all the words are summed in one reduction."""
    attrs, state = weights.attrs, weights.state
    groups = 1 + len(_OFFSETS)
    zero = len(state) - 1  # an all-zero row: every (word, group) segment has an entry
    rows: list[int] = []
    values: list[float] = []
    starts: list[int] = []
    extra = np.zeros((len(words), groups, len(weights.labels)))
    vec_rows: list[int] = []
    vec_words: list[int] = []
    index, matrix = vectors()
    known = _known_values(weights)
    known_w, known_k, known_st = known["w"], known["k"], known["st"]
    for k, word in enumerate(words):
        w, key, stem, flags = token_info(word)
        sh = shape(w)
        # a word or key the model has no attribute for (at any offset) is not looked up
        has_w, has_k = w in known_w, key in known_k
        own = ["b"]
        if has_w:
            own.append("w:" + w)
        if has_k:
            own.append("k:" + key)
        if stem in known_st:
            own.append("st:" + stem)
        own += ["p2:" + w[:2], "p3:" + w[:3], "s2:" + w[-2:], "s3:" + w[-3:], "sh:" + sh]
        per_group: list[list[str]] = [own]
        for d in _OFFSETS:
            near = []
            if has_w:
                near.append(f"{d}:w:{w}")
            if has_k:
                near.append(f"{d}:k:{key}")
            near.append(f"{d}:sh:{sh}")
            if abs(d) == 1:
                near.append(f"{d}:s2:{w[-2:]}")
            per_group.append(near)
        for g, names in enumerate(per_group):
            starts.append(len(rows))
            rows.append(zero)
            values.append(0.0)
            for name in names:
                row = attrs.get(name)
                if row is not None:
                    rows.append(row)
                    values.append(1.0)
            if g == 0:
                row = attrs.get("len")
                if row is not None:
                    rows.append(row)
                    values.append(float(min(len(w), 8)))
                row = attrs.get("al")
                if row is not None and (w.startswith("ال") or key != w and ("ال" + key) in w):
                    rows.append(row)
                    values.append(1.0)
        extra[k] = _flags_scores(weights, flags)
        vec = index.get(w, index.get(key, -1))
        if vec >= 0:
            vec_rows.append(vec)
            vec_words.append(k)
    weighted = state[rows] * np.asarray(values)[:, None]
    scores = np.add.reduceat(weighted, starts, axis=0).reshape(len(words), groups, -1) + extra
    if vec_rows:
        scores[vec_words, 0] += matrix[vec_rows].astype(np.float64) @ weights.vec_weights
    return scores


def _word_scores(weights: Weights, words: list[str]) -> list[np.ndarray]:
    """Per word, the (1 + offsets, labels) array of _own_batch, cached across documents."""
    cache: dict[str, np.ndarray] = weights.cache.setdefault("words", {})
    new = [w for w in dict.fromkeys(words) if w not in cache]
    if new:
        if len(cache) + len(new) > 200_000:
            cache.clear()
            new = list(dict.fromkeys(words))
        for w, scores in zip(new, _own_batch(weights, new), strict=True):
            cache[w] = scores
    return [cache[w] for w in words]


def state_scores(weights: Weights, words: list[str]) -> np.ndarray:
    """(tokens, labels) state scores of one sentence."""
    n = len(words)
    both = np.array(_word_scores(weights, words))  # (tokens, 1 + offsets, labels)
    scores = both[:, 0].copy()
    side = both[:, 1:]
    for k, d in enumerate(_OFFSETS):  # token i sees word i+d at offset d
        if d < 0 and n > -d:
            scores[-d:] += side[:d, k]
        elif d > 0 and n > d:
            scores[:-d] += side[d:, k]
    attrs, state = weights.attrs, weights.state
    if "BOS" in attrs:
        scores[0] += state[attrs["BOS"]]
    if "EOS" in attrs:
        scores[n - 1] += state[attrs["EOS"]]
    keys = [token_info(w)[1] for w in words]
    for i in range(n - 1):
        bigram = keys[i] + "|" + keys[i + 1]
        row = attrs.get("-1|0:" + bigram)
        if row is not None:
            scores[i + 1] += state[row]
        row = attrs.get("0|+1:" + bigram)
        if row is not None:
            scores[i] += state[row]
    return scores


class _WordTable:
    """The _own_batch scores of every word seen, in one array (row 0 all zeros, the
    padding of a batch), with each word's row and its clitic-free key."""

    def __init__(self, n_labels: int) -> None:
        self.rows: dict[str, int] = {}
        self.keys: list[str] = [""]
        self.table = np.zeros((1024, 1 + len(_OFFSETS), n_labels))
        self.bigrams: dict[int, tuple[int, int]] = {}  # pair of rows -> attribute rows (-1: none)
        # the bigrams as of the last snapshot, as arrays: pair keys sorted, their attribute rows
        self.known = np.empty(0, dtype=np.int64)
        self.known_rows = np.empty((0, 2), dtype=np.intp)

    def bigram_rows(self, left: np.ndarray, right: np.ndarray, attrs: dict[str, int]) -> np.ndarray:
        """(pairs, 2): per pair of table rows, the rows of its «-1|0» and «0|+1» bigram
        attributes (-1: none).  Pairs in the snapshot are looked up at once; the others
        go through the dict (computed on first sight), and the snapshot is rebuilt when
        the dict has outgrown it by a quarter."""
        pairs = left.astype(np.int64) * (1 << 32) + right
        found = np.empty((len(pairs), 2), dtype=np.intp)
        known = self.known
        if len(known):
            pos = np.searchsorted(known, pairs)
            pos[pos == len(known)] = 0
            hit = known[pos] == pairs
            found[hit] = self.known_rows[pos[hit]]
            miss = np.flatnonzero(~hit)
        else:
            miss = np.arange(len(pairs))
        if len(miss):
            bigrams, keys = self.bigrams, self.keys
            rows: list[tuple[int, int]] = []
            for j, p in zip(miss.tolist(), pairs[miss].tolist(), strict=True):
                got = bigrams.get(p)
                if got is None:
                    bigram = keys[left[j]] + "|" + keys[right[j]]
                    got = bigrams[p] = (attrs.get("-1|0:" + bigram, -1), attrs.get("0|+1:" + bigram, -1))
                rows.append(got)
            found[miss] = np.array(rows, dtype=np.intp).reshape(-1, 2)
            if len(bigrams) > 500_000:
                bigrams.clear()
                self.known, self.known_rows = np.empty(0, dtype=np.int64), np.empty((0, 2), dtype=np.intp)
            elif len(bigrams) > max(1000, len(known) * 5 // 4):
                keys_now = np.fromiter(bigrams, dtype=np.int64, count=len(bigrams))
                order = np.argsort(keys_now)
                self.known = keys_now[order]
                self.known_rows = np.array(list(bigrams.values()), dtype=np.intp).reshape(-1, 2)[order]
        return found

    def add(self, words: list[str], scores: np.ndarray) -> None:
        n = len(self.keys)
        if n + len(words) > len(self.table):
            grown = np.zeros((max(2 * len(self.table), n + len(words)), *self.table.shape[1:]))
            grown[:n] = self.table[:n]
            self.table = grown
        self.table[n:n + len(words)] = scores
        for k, w in enumerate(words, n):
            self.rows[w] = k
        self.keys += [token_info(w)[1] for w in words]


def _word_table(weights: Weights, words: list[str]) -> _WordTable:
    """The table with every word of ``words`` in it (the words not seen yet are
    scored together, as _word_scores does; both are emptied past 200,000 words)."""
    table: _WordTable | None = weights.cache.get("table")
    if table is None:
        table = weights.cache["table"] = _WordTable(len(weights.labels))
    new = [w for w in dict.fromkeys(words) if w not in table.rows]
    if new:
        if len(table.rows) + len(new) > 200_000:
            table = weights.cache["table"] = _WordTable(len(weights.labels))
            new = list(dict.fromkeys(words))
        table.add(new, _own_batch(weights, new))
    return table


def _batch_scores(weights: Weights, table: _WordTable, sentences: list[list[str]], steps: int) -> np.ndarray:
    """(sentences, steps, labels) state scores of non-empty sentences (all their words
    in ``table``), zeros past each one's end: state_scores for the whole batch at
    once, the same sums in the same order (a missing neighbour or feature adds an
    exact 0.0)."""
    attrs = weights.attrs
    pad = max(-min(_OFFSETS), max(_OFFSETS))
    index = np.zeros((len(sentences), steps + 2 * pad), dtype=np.intp)
    lengths = np.array([len(s) for s in sentences])
    live = np.arange(steps)[None, :] < lengths[:, None]
    index[:, pad:pad + steps][live] = list(map(table.rows.__getitem__, chain.from_iterable(sentences)))
    # word bigrams (i, i + 1) of every sentence, row-major: their attribute rows
    sent, pos = np.nonzero(np.arange(steps - 1)[None, :] < (lengths - 1)[:, None])
    left, right = index[sent, pos + pad], index[sent, pos + pad + 1]
    found = table.bigram_rows(left, right, attrs)
    flat_pos = sent * steps + pos  # the bigram's first token in scores.reshape(-1, labels)
    both = table.table[index]  # (sentences, steps + 2 pad, 1 + offsets, labels)
    scores = both[:, pad:pad + steps, 0].copy()
    for k, d in enumerate(_OFFSETS):  # token i sees word i+d at offset d
        scores += both[:, pad + d:pad + d + steps, k + 1]
    scores[~live] = 0.0  # past the end: a last word's neighbour sums
    state = weights.state
    if "BOS" in attrs:
        scores[:, 0] += state[attrs["BOS"]]
    if "EOS" in attrs:
        scores[np.arange(len(sentences)), lengths - 1] += state[attrs["EOS"]]
    flat = scores.reshape(-1, scores.shape[-1])  # a view: the adds go to scores
    on = found[:, 0] >= 0  # «-1|0»: the pair's second token gets it, then
    flat[flat_pos[on] + 1] += state[found[on, 0]]
    on = found[:, 1] >= 0  # «0|+1»: the first token
    flat[flat_pos[on]] += state[found[on, 1]]
    return scores


def tag_batch(
    weights: Weights, sentences: list[list[str]], types: tuple[str, ...],
    extra: list[np.ndarray] | None = None,
) -> list[tuple[list[str], list[dict[str, float]]]]:
    """Viterbi tags and per-type inside marginals of every sentence, batched.
    ``extra``: per sentence, (tokens, labels) scores to add to its state scores (the
    accurate profile's context features, marsad.extract.entities.ner_accurate)."""
    out: list[tuple[list[str], list[dict[str, float]]]] = [([], []) for _ in sentences]
    todo = [k for k, s in enumerate(sentences) if s]
    if not todo:
        return out
    table = _word_table(weights, [w for k in todo for w in sentences[k]])  # new words at once, in order
    # longest first: at step t the sentences still going are a prefix of the batch
    todo.sort(key=lambda k: -len(sentences[k]))
    n_labels = len(weights.labels)
    lengths = np.array([len(sentences[k]) for k in todo])
    batch, steps = len(todo), int(lengths.max())
    scores = _batch_scores(weights, table, [sentences[k] for k in todo], steps)
    if extra is not None:
        for b, k in enumerate(todo):
            scores[b, :len(sentences[k])] += extra[k]
    live = np.arange(steps)[None, :] < lengths[:, None]  # (batch, steps)
    going = live.sum(axis=0).tolist()  # per step, how many sentences are still going
    trans = weights.trans

    # Viterbi (a finished sentence keeps its last delta), laid out label-major:
    # delta (labels, batch), the candidates (from, to, batch).  The max and argmax
    # over ``from`` are then reductions over the first axis, quicker than over a
    # middle one for these small shapes, and the same values (a max picks, it does
    # not round; ties go to the first label either way)
    scores_t = np.ascontiguousarray(scores.transpose(1, 2, 0))  # (steps, labels, batch)
    delta = scores_t[0].copy()
    trans_from = trans[:, :, None]  # (from, to, 1)
    back = np.empty((steps, n_labels, batch), dtype=np.intp)
    best = np.maximum.reduce
    for t in range(1, steps):
        m = going[t]
        cand = delta[:, None, :m] + trans_from  # (from, to, batch)
        back[t, :, :m] = cand.argmax(axis=0)
        delta[:, :m] = best(cand, axis=0) + scores_t[t, :, :m]
    last = delta.argmax(axis=0)
    # the back pointers of every sentence still going at step t, followed at once
    # (sentence b's path ends at lengths[b] - 1 on its last label)
    paths = np.zeros((batch, steps), dtype=np.intp)
    paths[np.arange(batch), lengths - 1] = last
    y = last.copy()
    every = np.arange(batch)
    for t in range(steps - 1, 0, -1):
        m = going[t]
        y[:m] = back[t, y[:m], every[:m]]
        paths[:m, t - 1] = y[:m]

    # forward-backward in scaled probability space (as crfsuite does)
    exp_trans = np.exp(trans)
    # numpy multiplies one row by a matrix another way than several rows (the last
    # bits differ): a lone sentence still going is multiplied with a finished one
    rows_of = [min(max(m, 2), batch) for m in range(batch + 1)]
    exp_state = np.exp(scores - scores.max(axis=2, keepdims=True))
    alpha = np.zeros((batch, steps, n_labels))
    total = np.add.reduce  # ndarray.sum's own reduction, without its Python wrapper
    a = exp_state[:, 0]
    alpha[:, 0] = a / total(a, axis=1, keepdims=True)
    for t in range(1, steps):
        m, rows = going[t], rows_of[going[t]]
        a = (alpha[:rows, t - 1] @ exp_trans)[:m] * exp_state[:m, t]
        alpha[:m, t] = a / total(a, axis=1, keepdims=True)
    beta = np.zeros((batch, steps, n_labels))
    beta[np.arange(batch), lengths - 1] = 1.0
    exp_trans_back = exp_trans.T  # the same view each step (not a contiguous copy)
    for t in range(steps - 2, -1, -1):
        m, rows = going[t + 1], rows_of[going[t + 1]]
        bt = ((beta[:rows, t + 1] * exp_state[:rows, t + 1]) @ exp_trans_back)[:m]
        beta[:m, t] = bt / total(bt, axis=1, keepdims=True)
    marg = alpha * beta
    marg /= np.where(live, marg.sum(axis=2), 1.0)[:, :, None]

    groups = [(typ, [j for j, lb in enumerate(weights.labels) if lb.partition("-")[2] == typ])
              for typ in types]
    groups = [(typ, cols) for typ, cols in groups if cols]
    # every live token, sentence after sentence (row-major), then cut per sentence
    tags_all = np.array(weights.labels, dtype=object)[paths[live]].tolist()
    on = marg[live]  # (tokens, labels)
    columns = [on[:, cols].sum(axis=1).tolist() for _, cols in groups]
    names = [typ for typ, _ in groups]
    if len(names) == 2:  # the recogniser's (PERS, LOC): a dict display is quickest
        first, second = names
        probs_all = [{first: p, second: q} for p, q in zip(*columns, strict=True)]
    elif names:
        probs_all = [dict(zip(names, values, strict=True)) for values in zip(*columns, strict=True)]
    else:
        probs_all = [{} for _ in tags_all]
    ends = np.cumsum(lengths).tolist()
    for b, k in enumerate(todo):
        a, z = ends[b] - int(lengths[b]), ends[b]
        out[k] = (tags_all[a:z], probs_all[a:z])
    return out

