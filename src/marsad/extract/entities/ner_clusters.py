"""Distributional word vectors and clusters for the NER features.

Words that occur in the same contexts in unlabeled news get close vectors and the
same cluster ids, so the CRF generalises from «موسكو» seen in training to «أنقرة»
unseen, and from one Russian surname to another.  The unlabeled text: SaudiNewsNet
(8.8M words), the Baly Syria-war pages, WikiFANE's and ANERcorp's tokens without
their tags — 14M folded tokens.

Build (scripts/train_ner.py calls ``build``): folded words, ±2-word directional
co-occurrence counts with the most frequent context words, positive PMI (context
distribution smoothed by 0.75), truncated SVD (singular values weighted by their
square root), unit-length rows; k-means at two granularities (100 and 600 clusters).
Stored in ``resources/``:

- ``ner_clusters.tsv.gz``: ``word<TAB>id<TAB>id`` (coarse to fine), also used as the
  news vocabulary by the entity rules;
- ``ner_vectors.npz``: the first :data:`STORED_DIMS` dimensions as int8 (×1/127),
  which the CRF reads as real-valued features.

Cross-validated on ANERcorp train (entity F1, 5 folds): clusters from the Baly pages
only 73.7; from all 14M tokens 74.0; plus the vectors 74.8.  A third, finer level
(2000 clusters) and vectors of the neighbouring words did not help.
"""

from __future__ import annotations

import gzip
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

RESOURCES = Path(__file__).resolve().parents[2] / "resources"
CLUSTERS_PATH = RESOURCES / "ner_clusters.tsv.gz"
VECTORS_PATH = RESOURCES / "ner_vectors.npz"
#: vector dimensions kept for the CRF
STORED_DIMS = 50


@lru_cache(maxsize=1)
def clusters() -> dict[str, tuple[str, ...]]:
    """word -> cluster ids, coarse to fine; empty if not built."""
    if not CLUSTERS_PATH.exists():
        return {}
    lines = gzip.decompress(CLUSTERS_PATH.read_bytes()).decode("utf-8").split("\n")
    if lines and not lines[-1]:
        lines.pop()  # after the file's last newline
    out: dict[str, tuple[str, ...]] = {}
    for line in lines:
        word, *ids = line.split("\t")
        out[word] = tuple(ids)
    return out


@lru_cache(maxsize=1)
def vectors() -> tuple[dict[str, int], np.ndarray]:
    """(word -> row, float32 matrix of unit-scale vectors); empty if not built."""
    if not VECTORS_PATH.exists():
        return {}, np.zeros((0, STORED_DIMS), dtype=np.float32)
    with np.load(VECTORS_PATH) as data:
        words = str(data["words"].item()).split("\n")
        matrix = data["vectors"].astype(np.float32) / 127.0
    return {w: i for i, w in enumerate(words)}, matrix


def _ppmi(sentences: list[list[str]], words: list[str], context_size: int) -> Any:
    from scipy.sparse import coo_matrix

    index = {w: i for i, w in enumerate(words)}
    flat: list[int] = []
    for s in sentences:
        flat.extend(index.get(w, -1) for w in s)
        flat.append(-2)  # sentence boundary
    ids = np.array(flat, dtype=np.int64)
    rows, cols = [], []
    for d in (-2, -1, 1, 2):
        w, c = (ids[:-d], ids[d:]) if d > 0 else (ids[-d:], ids[:d])
        ok = (w >= 0) & (c >= 0) & (c < context_size)
        if abs(d) == 2:
            ok &= ids[1:-1] != -2  # a window never crosses a sentence end
        rows.append(w[ok])
        cols.append(c[ok] * 2 + (d > 0))  # left and right contexts apart
    r, c = np.concatenate(rows), np.concatenate(cols)
    m = coo_matrix((np.ones(len(r), dtype=np.float32), (r, c)),
                   shape=(len(words), 2 * context_size)).tocsr()
    m.sum_duplicates()
    total = m.sum()
    row_sum = np.asarray(m.sum(axis=1)).ravel()
    col_sum = np.asarray(m.sum(axis=0)).ravel() ** 0.75
    col_sum = col_sum / col_sum.sum() * total
    coo = m.tocoo()
    pmi = np.log(coo.data * total / (row_sum[coo.row] * col_sum[coo.col]))
    keep = pmi > 0
    return coo_matrix((pmi[keep], (coo.row[keep], coo.col[keep])), shape=m.shape).tocsr()


def build(
    sentences: Iterable[list[str]],
    vocab_size: int = 200_000,
    context_size: int = 20_000,
    dims: int = 200,
    ks: tuple[int, ...] = (100, 600),
    min_count: int = 3,
) -> int:
    """Compute vectors and clusters from tokenized, folded sentences and write them;
    returns the vocabulary size."""
    from sklearn.cluster import MiniBatchKMeans
    from sklearn.decomposition import TruncatedSVD
    from sklearn.preprocessing import normalize

    sents = [s for s in sentences if s]
    freq: Counter[str] = Counter(w for s in sents for w in s)
    words = [w for w, c in freq.most_common(vocab_size) if c >= min_count]
    ppmi = _ppmi(sents, words, context_size)
    svd = TruncatedSVD(n_components=dims, random_state=0, n_iter=5)
    u = svd.fit_transform(ppmi) / np.sqrt(svd.singular_values_)[None, :]
    vecs = normalize(u).astype(np.float32)
    labels = [
        MiniBatchKMeans(n_clusters=k, random_state=0, n_init=3, batch_size=8192).fit_predict(vecs)
        for k in ks
    ]
    RESOURCES.mkdir(parents=True, exist_ok=True)
    with gzip.open(CLUSTERS_PATH, "wt", encoding="utf-8", compresslevel=9) as fh:
        for i, w in enumerate(words):
            fh.write(w + "".join(f"\t{lab[i]}" for lab in labels) + "\n")
    quantized = np.clip(np.rint(vecs[:, :STORED_DIMS] * 127), -127, 127).astype(np.int8)
    np.savez_compressed(VECTORS_PATH, words=np.array("\n".join(words)), vectors=quantized)
    clusters.cache_clear()
    vectors.cache_clear()
    return len(words)
