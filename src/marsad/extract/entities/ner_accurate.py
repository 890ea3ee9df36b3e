"""The ``accurate`` NER profile: the CRF with contextual word states as features.

Each word gets multilingual-e5-small's states after layers 6 and 8 (its pieces
averaged, marsad.extract.entities.ner_context), standardised and projected by a PCA
fitted on ANERcorp train (``resources/ner_context_pca.npz``: mean, scale, the layers
and a whitened 768 -> 128 projection), as 128 real-valued CRF attributes ``x0`` …
``x127`` next to every feature of the fast profile (marsad.extract.entities.ner_features).
The model is ``resources/ner_crf_accurate.crfsuite`` (scripts/train_ner.py
--profile accurate).  Inference is the fast profile's numpy CRF
(marsad.extract.entities.ner_fast) with the context's part of each token's score
(projection @ weights of x0…) added: the states of a document's sentences are
computed once, in batches.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import numpy as np

from marsad.errors import MarsadError
from marsad.extract.entities import ner_context, ner_fast
from marsad.extract.entities.ner_features import RESOURCES

MODEL_PATH: Path = RESOURCES / "ner_crf_accurate.crfsuite"
PCA_PATH: Path = RESOURCES / "ner_context_pca.npz"
DIMS = 128
CTX_NAMES = tuple(f"x{k}" for k in range(DIMS))


#: how PCA components are scaled: "whiten" (each to unit variance), "plain" (each keeps
#: its variance), "scaled" (each keeps its share, all divided so their mean variance is 1)
SCALINGS = ("whiten", "plain", "scaled")


def fit_projection(states: np.ndarray, dims: int = DIMS, scaling: str = "whiten",
                   layers: tuple[int, ...] = ner_context.DEFAULT_LAYERS
                   ) -> dict[str, np.ndarray]:
    """Standardise (per dimension) then a PCA to ``dims``, components scaled as
    ``scaling`` says (:data:`SCALINGS`): the arrays of ``ner_context_pca.npz``, with
    ``proj`` folding the scale in and ``layers`` the e5 layers the states are of."""
    if scaling not in SCALINGS:
        raise ValueError(f"scaling: {scaling!r}, not one of {SCALINGS}")
    x = states.astype(np.float64)
    mean = x.mean(axis=0)
    std = x.std(axis=0)
    std[std < 1e-6] = 1.0
    z = (x - mean) / std
    cov = z.T @ z / max(len(z) - 1, 1)
    eig, vec = np.linalg.eigh(cov)
    order = np.argsort(eig)[::-1][:dims]
    kept = np.maximum(eig[order], 1e-9)
    divisor = {"whiten": np.sqrt(kept), "plain": 1.0, "scaled": np.sqrt(kept.mean())}[scaling]
    proj = vec[:, order] / divisor
    # the sign of an eigenvector is arbitrary: fix it (largest loading positive)
    signs = np.sign(proj[np.abs(proj).argmax(axis=0), np.arange(proj.shape[1])])
    proj *= np.where(signs == 0, 1.0, signs)
    return {"mean": mean.astype(np.float32), "std": std.astype(np.float32),
            "proj": proj.astype(np.float32), "explained": (eig[order] / eig.sum()).astype(np.float32),
            "layers": np.array(layers, dtype=np.int32)}


def project(pca: dict[str, np.ndarray], states: np.ndarray) -> np.ndarray:
    """``(words, dims)`` features of ``(words, 768)`` states."""
    return ((states - pca["mean"]) / pca["std"]) @ pca["proj"]


def context_features(features: np.ndarray) -> list[dict[str, float]]:
    """The CRF attributes of a sentence's projected states (for training)."""
    names = CTX_NAMES if features.shape[1] == DIMS else tuple(f"x{k}" for k in range(features.shape[1]))
    return [dict(zip(names, row.tolist(), strict=True)) for row in features]


@lru_cache(maxsize=1)
def projection() -> dict[str, np.ndarray]:
    if not PCA_PATH.exists():
        raise MarsadError(f"{PCA_PATH}: accurate NER projection missing; run "
                          "`python scripts/train_ner.py --profile accurate`")
    with np.load(PCA_PATH) as data:
        return {k: data[k] for k in data.files}


@lru_cache(maxsize=1)
def weights() -> ner_fast.Weights:
    if not MODEL_PATH.exists():
        raise MarsadError(f"{MODEL_PATH}: accurate NER model missing; run "
                          "`python scripts/train_ner.py --profile accurate`")
    return ner_fast.Weights.load(MODEL_PATH)


def _ctx_weights(w: ner_fast.Weights, dims: int) -> np.ndarray:
    """(dims, labels): the weights of the x0… attributes."""
    if "ctx" not in w.cache:
        rows = np.zeros((dims, len(w.labels)))
        for k in range(dims):
            row = w.attrs.get(f"x{k}")
            if row is not None:
                rows[k] = w.state[row]
        w.cache["ctx"] = rows
    out: np.ndarray = w.cache["ctx"]
    return out


def tag_sentences(
    sentences: list[list[str]], types: tuple[str, ...] = ("PERS", "LOC", "ORG", "MISC")
) -> list[tuple[list[str], list[dict[str, float]]]]:
    """Tags and per-type inside probabilities of each sentence, as
    marsad.extract.entities.ner_model.tag_sentences, with the context features."""
    w, pca = weights(), projection()
    layers = tuple(int(x) for x in pca["layers"])
    states = ner_context.states().word_states(sentences, layers)
    cw = _ctx_weights(w, pca["proj"].shape[1])
    extra = [project(pca, s).astype(np.float64) @ cw if len(s) else np.zeros((0, len(w.labels)))
             for s in states]
    return ner_fast.tag_batch(w, sentences, types, extra=extra)


def tag(words: list[str]) -> list[str]:
    return tag_sentences([words])[0][0] if words else []
