"""One sense per document: a name the model tags in one place is a name elsewhere too.

The CRF decides each sentence alone, so it tags «الرقة» in one sentence and misses it
in the next.  Over a whole text (a CoNLL file, an article), every word sequence the
model tagged as an entity at least twice, and in at least half of its occurrences,
with one dominant type, is tagged with that type where it occurs untagged.
"""

from __future__ import annotations

from collections import Counter, defaultdict

from marsad.extract.entities.ner_conll import spans
from marsad.text.normalize import fold

MAX_LEN = 4


def propagate(sentences: list[list[str]], tags: list[list[str]], min_count: int = 2) -> list[list[str]]:
    """New tag lists where confidently tagged names are tagged at every occurrence."""
    folded = [[fold(w) for w in s] for s in sentences]
    typed: dict[tuple[str, ...], Counter[str]] = defaultdict(Counter)
    for words, tg in zip(folded, tags, strict=True):
        for start, end, typ in spans(tg):
            if end - start <= MAX_LEN:
                typed[tuple(words[start:end])][typ] += 1
    names: dict[tuple[str, ...], str] = {}
    for name, counts in typed.items():
        typ, n = counts.most_common(1)[0]
        if n >= min_count and n >= 0.75 * sum(counts.values()) and len("".join(name)) >= 3:
            names[name] = typ
    if not names:
        return [list(t) for t in tags]
    occurrences: Counter[tuple[str, ...]] = Counter()
    for words in folded:
        for n in range(1, MAX_LEN + 1):
            for i in range(len(words) - n + 1):
                key = tuple(words[i:i + n])
                if key in names:
                    occurrences[key] += 1
    names = {k: v for k, v in names.items() if sum(typed[k].values()) >= 0.5 * occurrences[k]}
    out: list[list[str]] = []
    for words, tg in zip(folded, tags, strict=True):
        new = list(tg)
        i = 0
        while i < len(words):
            for n in range(min(MAX_LEN, len(words) - i), 0, -1):
                key = tuple(words[i:i + n])
                if key in names and all(t == "O" for t in new[i:i + n]) and (
                    i + n == len(words) or not new[i + n].startswith("I-")
                ):
                    typ = names[key]
                    new[i:i + n] = [f"B-{typ}"] + [f"I-{typ}"] * (n - 1)
                    i += n
                    break
            else:
                i += 1
        out.append(new)
    return out
