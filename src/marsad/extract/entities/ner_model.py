"""The trained CRF tagger (resources/ner_crf.crfsuite), loaded once per process.

``tag(words)`` gives ANERcorp-scheme IOB2 tags (B-PERS, I-LOC, B-ORG, B-MISC, O) for
one sentence of raw tokens; ``tag_with_marginals`` also gives, per token, the
probability that it is inside an entity of each type.

``tag_sentences`` does what ``tag_with_marginals`` does for all the sentences of a
document at once, on the model's weights read into numpy (marsad.extract.entities.ner_fast):
a word's part of the score is computed once per word, and Viterbi and forward-backward
run over the whole batch of sentences.

Two profiles: ``fast`` (this CRF) and ``accurate`` (the CRF with contextual word states
from multilingual-e5-small, marsad.extract.entities.ner_accurate).  ``tag`` and
``tag_sentences`` use :func:`profile`: $MARSAD_NER, else ``fast``; the CLI's
``--ner`` sets it (so worker processes see it too).
"""

from __future__ import annotations

import os
import threading
from functools import lru_cache
from pathlib import Path

import pycrfsuite

from marsad.errors import MarsadError
from marsad.extract.entities import ner_fast
from marsad.extract.entities.ner_features import RESOURCES, sentence_features

MODEL_PATH: Path = RESOURCES / "ner_crf.crfsuite"
_LOCK = threading.Lock()
PROFILES = ("fast", "accurate")


def profile() -> str:
    """The NER profile in use: $MARSAD_NER (``fast`` or ``accurate``), default ``fast``."""
    name = os.environ.get("MARSAD_NER") or "fast"
    if name not in PROFILES:
        raise MarsadError(f"MARSAD_NER={name!r}: unknown NER profile (known: {', '.join(PROFILES)})")
    return name


def set_profile(name: str) -> None:
    """Use profile ``name`` from now on, in this process and the ones it starts."""
    if name not in PROFILES:
        raise MarsadError(f"{name!r}: unknown NER profile (known: {', '.join(PROFILES)})")
    os.environ["MARSAD_NER"] = name


@lru_cache(maxsize=1)
def tagger() -> pycrfsuite.Tagger:
    if not MODEL_PATH.exists():
        raise MarsadError(f"{MODEL_PATH}: NER model missing; run `make train-ner`")
    t = pycrfsuite.Tagger()
    t.open(str(MODEL_PATH))
    return t


def _items(words: list[str]) -> pycrfsuite.ItemSequence:
    return pycrfsuite.ItemSequence(sentence_features(words))


def tag(words: list[str]) -> list[str]:
    if not words:
        return []
    if profile() == "accurate":
        from marsad.extract.entities import ner_accurate

        return ner_accurate.tag(words)
    items = _items(words)
    with _LOCK:
        return list(tagger().tag(items))


def tag_with_marginals(
    words: list[str], types: tuple[str, ...] = ("PERS", "LOC", "ORG", "MISC")
) -> tuple[list[str], list[dict[str, float]]]:
    """Tags and, per token, P(inside an entity of type T) for each T in ``types``."""
    if not words:
        return [], []
    items = _items(words)
    with _LOCK:
        t = tagger()
        tags = list(t.tag(items))
        labels = [lb for lb in t.labels() if lb.partition("-")[2] in types]
        probs: list[dict[str, float]] = []
        for i in range(len(words)):
            p: dict[str, float] = {}
            for label in labels:
                typ = label.partition("-")[2]
                p[typ] = p.get(typ, 0.0) + t.marginal(label, i)
            probs.append(p)
    return tags, probs


@lru_cache(maxsize=1)
def weights() -> ner_fast.Weights:
    tagger()  # the same error when the model is missing
    return ner_fast.Weights.load(MODEL_PATH)


def tag_sentences(
    sentences: list[list[str]], types: tuple[str, ...] = ("PERS", "LOC", "ORG", "MISC")
) -> list[tuple[list[str], list[dict[str, float]]]]:
    """``tag_with_marginals`` of each sentence (the same tags, the same probabilities
    up to rounding in the last digits), computed for the batch at once; in the
    ``accurate`` profile, marsad.extract.entities.ner_accurate's."""
    if profile() == "accurate":
        from marsad.extract.entities import ner_accurate

        return ner_accurate.tag_sentences(sentences, types)
    return ner_fast.tag_batch(weights(), sentences, types)
