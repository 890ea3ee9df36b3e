"""Distributional word clusters for the NER features (the classic Brown-cluster idea).

Words that occur in the same contexts in unlabeled news (the Baly Syria-war pages,
WikiFANE's and ANERcorp's tokens without their tags) get the same cluster id, so
the CRF generalises from «موسكو» seen in training to «أنقرة» unseen.

Build (scripts/train_ner.py calls ``build``): folded words, ±2-word co-occurrence
counts with the most frequent context words, positive PMI, truncated SVD to dense
vectors, then k-means at two granularities (100 and 600 clusters; a third of 2000
with clusters of the ±2 words as features did not help in cross-validation).  Stored as
``word<TAB>id<TAB>id…`` (coarse to fine) in resources/ner_clusters.tsv.gz.
"""

from __future__ import annotations

import gzip
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

CLUSTERS_PATH = Path(__file__).resolve().parents[1] / "resources" / "ner_clusters.tsv.gz"


@lru_cache(maxsize=1)
def clusters() -> dict[str, tuple[str, ...]]:
    """word -> cluster ids, coarse to fine; empty if not built."""
    if not CLUSTERS_PATH.exists():
        return {}
    out: dict[str, tuple[str, ...]] = {}
    with gzip.open(CLUSTERS_PATH, "rt", encoding="utf-8") as fh:
        for line in fh:
            word, *ids = line.rstrip("\n").split("\t")
            out[word] = tuple(ids)
    return out


def build(
    sentences: Iterable[list[str]],
    vocab_size: int = 60_000,
    context_size: int = 8_000,
    dims: int = 100,
    ks: tuple[int, ...] = (100, 600),
    min_count: int = 3,
) -> int:
    """Compute clusters from tokenized, folded sentences and write them; returns the vocab size."""
    import numpy as np
    from scipy.sparse import coo_matrix
    from sklearn.cluster import MiniBatchKMeans
    from sklearn.decomposition import TruncatedSVD
    from sklearn.preprocessing import normalize

    sents = [s for s in sentences if s]
    freq: Counter[str] = Counter(w for s in sents for w in s)
    words = [w for w, c in freq.most_common(vocab_size) if c >= min_count]
    index = {w: i for i, w in enumerate(words)}
    ctx_index = {w: i for i, w in enumerate(words[:context_size])}
    rows: list[int] = []
    cols: list[int] = []
    for s in sents:
        ids = [index.get(w, -1) for w in s]
        cids = [ctx_index.get(w, -1) for w in s]
        n = len(s)
        for i, wi in enumerate(ids):
            if wi < 0:
                continue
            for j in range(max(0, i - 2), min(n, i + 3)):
                if j != i and cids[j] >= 0:
                    # left and right contexts are different features
                    rows.append(wi)
                    cols.append(cids[j] * 2 + (j > i))
    data = np.ones(len(rows), dtype=np.float64)
    m = coo_matrix((data, (rows, cols)), shape=(len(words), 2 * len(ctx_index))).tocsr()
    m.sum_duplicates()
    total = m.sum()
    row_sum = np.asarray(m.sum(axis=1)).ravel()
    col_sum = np.asarray(m.sum(axis=0)).ravel() ** 0.75
    col_sum = col_sum / col_sum.sum() * total
    coo = m.tocoo()
    pmi = np.log(coo.data * total / (row_sum[coo.row] * col_sum[coo.col]))
    keep = pmi > 0
    ppmi = coo_matrix((pmi[keep], (coo.row[keep], coo.col[keep])), shape=m.shape).tocsr()
    vectors = TruncatedSVD(n_components=dims, random_state=0).fit_transform(ppmi)
    vectors = normalize(vectors)
    labels = [
        MiniBatchKMeans(n_clusters=k, random_state=0, n_init=3, batch_size=4096).fit_predict(vectors)
        for k in ks
    ]
    CLUSTERS_PATH.parent.mkdir(parents=True, exist_ok=True)
    with gzip.open(CLUSTERS_PATH, "wt", encoding="utf-8", compresslevel=9) as fh:
        for i, w in enumerate(words):
            fh.write(w + "".join(f"\t{lab[i]}" for lab in labels) + "\n")
    clusters.cache_clear()
    return len(words)
