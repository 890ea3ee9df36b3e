"""CRF features for Arabic NER, computed on the normalized view of each token.

Per token: the folded word, its clitic-free form (و/ف/ب/ل/ك/ال stripped, the way our
search index does it), an ARLSTem2 light stem, prefixes and suffixes, a word shape,
and lexicon flags; the same for the two tokens either side, plus word bigrams.

Word clusters from unlabeled news (marsad.extract.entities.ner_clusters) for the word, its
clitic-free form and its neighbours, and the word's distributional vector (50
real-valued features, the clitic-free form's when the word itself is unseen).

Lexicons (``resources/ner_lexicon.json.gz``, built by scripts/train_ner.py from
WikiFANE's Wikipedia annotation and our place gazetteer, never from ANERcorp):
person first names and name tokens, organisation and location name tokens, place
names by size.  Hand trigger lists (titles, organisation heads, place heads) are here.
"""

from __future__ import annotations

import gzip
import importlib
import importlib.util
import json
import re
import sys
import types
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any

from marsad.extract.entities.ner_clusters import STORED_DIMS, clusters, vectors
from marsad.text.normalize import WORD_CACHE, fold, strip_clitics

RESOURCES = Path(__file__).resolve().parents[2] / "resources"
LEXICON_PATH = RESOURCES / "ner_lexicon.json.gz"

#: words that introduce a person: titles, ranks, offices, kinship
PERSON_TRIGGERS = {fold(w) for w in """
الرئيس رئيس الملك الأمير الشيخ السيد السيدة الوزير وزير وزيرة نائب اللواء العميد العقيد
المقدم الرائد النقيب الملازم الفريق المشير الجنرال العماد الأدميرال المستشار المتحدث الناطق
الدكتور د الأستاذ المهندس القاضي المحامي الإمام البابا المطران الكاردينال السفير المبعوث
المندوب الأمين السكرتير المدير مدير قائد القائد زعيم الزعيم رئيسة النائب العضو الأب الشاعر
الكاتب الفنان المخرج اللاعب المدرب الصحفي الناشط المراسل نجل ابن بن بنت زوجة زوج شقيق
المتحدثة الجنرالات السيناتور الحاخام الحاج المفتي مفتي آية
""".split()}

#: heads of organisation names
ORG_TRIGGERS = {fold(w) for w in """
وزارة هيئة حزب جبهة حركة تنظيم جيش الجيش قوات القوات لواء كتائب كتيبة فيلق الفيلق فرقة
مجلس المجلس منظمة المنظمة اتحاد الاتحاد جمعية مؤسسة شركة بنك البنك مصرف جامعة الجامعة
وكالة الوكالة صحيفة الصحيفة قناة إذاعة تلفزيون مركز المركز لجنة اللجنة تحالف التحالف
حكومة الحكومة الأمم البرلمان برلمان الكونغرس الكرملين البنتاغون محكمة المحكمة مكتب ديوان
مديرية قيادة القيادة أركان الأركان الاستخبارات المخابرات الشرطة الأمن الحرس ميليشيا ميليشيات
فصائل فصيل غرفة الهلال الصليب نادي النادي فريق المنتخب
""".split()}

#: words that introduce a place
LOC_TRIGGERS = {fold(w) for w in """
مدينة المدينة بلدة البلدة قرية القرية بلدات قرى مدن حي الحي أحياء محافظة المحافظة ريف
منطقة المنطقة مناطق ولاية الولاية إقليم الإقليم مخيم المخيم جبل جبال نهر سهل وادي بحيرة
العاصمة عاصمة شمال جنوب شرق غرب شمالي جنوبي شرقي غربي محيط أطراف ضواحي مطار ميناء
قاعدة معبر طريق جزيرة مقاطعة دولة دول بلاد
""".split()}

def _arlstem2() -> Any:
    """nltk's ARLSTem2 class, imported without running ``nltk/__init__.py``: the
    package's init imports scipy, sklearn and most of nltk (seconds of a cold start)
    for a stemmer that needs none of it.  The two parent packages are stood in for by
    bare package modules while the stemmer's module (and nltk.redos, nltk.termsec,
    nltk.stem.api, which it imports) load, then taken out again, so that a later
    ``import nltk`` runs the real init and finds the same stemmer module."""
    loaded = sys.modules.get("nltk.stem.arlstem2")
    if loaded is not None:
        return loaded.ARLSTem2
    spec = importlib.util.find_spec("nltk")
    if spec is None or not spec.submodule_search_locations:
        from nltk.stem.arlstem2 import ARLSTem2  # let the import error speak

        return ARLSTem2
    root = Path(next(iter(spec.submodule_search_locations)))
    stood_in = []
    for name, path in (("nltk", root), ("nltk.stem", root / "stem")):
        if name not in sys.modules:
            package = types.ModuleType(name)
            package.__path__ = [str(path)]
            sys.modules[name] = package
            stood_in.append(name)
    before = set(sys.modules)
    module = None
    try:
        module = importlib.import_module("nltk.stem.arlstem2")
    except ImportError:  # a later nltk whose stemmer needs more of the package
        for name in set(sys.modules) - before:
            del sys.modules[name]
    finally:
        for name in stood_in:
            sys.modules.pop(name, None)
    if module is None:  # then the usual way
        from nltk.stem.arlstem2 import ARLSTem2

        return ARLSTem2
    return module.ARLSTem2


class _FoldedARLSTem2(_arlstem2()):  # type: ignore[misc]
    """ARLSTem2 on text our normalizer already folded: its own ``norm`` (diacritics,
    hamza, alif maqsura, done with slow timeout-guarded regexes) only has the
    leading-و rule left to do."""

    def norm(self, token: str) -> str:
        if token.startswith("و") and len(token) > 3:
            return token[1:]
        return token


_STEMMER = _FoldedARLSTem2()
_ARABIC = re.compile(r"[\u0621-\u064A]")
_LATIN = re.compile(r"[a-z]")


@lru_cache(maxsize=1)
def lexicon() -> dict[str, frozenset[str]]:
    """The NER lexicons (name -> set of folded tokens); empty sets if not built yet."""
    if not LEXICON_PATH.exists():
        return {}
    with gzip.open(LEXICON_PATH, "rt", encoding="utf-8") as fh:
        data = json.load(fh)
    return {name: frozenset(words) for name, words in data.items()}


@lru_cache(maxsize=WORD_CACHE)
def _stem(word: str) -> str:
    try:
        return str(_STEMMER.stem(word))
    except Exception:  # noqa: BLE001 - the stemmer fails on odd input; the word will do
        return word


def shape(word: str) -> str:
    if word.isdigit():
        return "D"
    if _ARABIC.search(word):
        return "A" if word.isalpha() else "Ax"
    if _LATIN.search(word):
        return "L"
    if len(word) == 1:
        return "P"
    return "X"


#: feature names of the vector dimensions
_VEC_NAMES = tuple(f"e{k}" for k in range(STORED_DIMS))


def _vector(w: str, key: str) -> Iterator[tuple[str, float]]:
    """The word's vector as (feature name, value) pairs; nothing if unseen.  Not
    cached: a row read is cheap, and 50 floats per cached word would cost ~1 GB."""
    index, matrix = vectors()
    row = index.get(w, index.get(key, -1))
    return zip(_VEC_NAMES, matrix[row].tolist(), strict=True) if row >= 0 else iter(())


@lru_cache(maxsize=WORD_CACHE)
def token_info(word: str) -> tuple[str, str, str, tuple[str, ...]]:
    """(folded word, clitic-free key, light stem, flags) of a raw token; flags are the
    lexicons and trigger lists it is in and its word clusters (``c1=…``, ``c2=…``)."""
    w = fold(word)
    forms = strip_clitics(w) if len(w) > 3 else [w]
    key = min(forms, key=len)
    flags: list[str] = []
    lex = lexicon()
    for name, words in lex.items():
        if any(f in words for f in forms):
            flags.append(name)
    if w in PERSON_TRIGGERS or key in PERSON_TRIGGERS:
        flags.append("trig_per")
    if any(f in ORG_TRIGGERS for f in forms):
        flags.append("trig_org")
    if any(f in LOC_TRIGGERS for f in forms):
        flags.append("trig_loc")
    cl = clusters()
    for name, form in (("c", w), ("ck", key)):
        for level, cid in enumerate(cl.get(form, ()), 1):
            flags.append(f"{name}{level}={cid}")
    return w, key, _stem(w), tuple(flags)


def sentence_features(words: list[str]) -> list[dict[str, object]]:
    """One feature dict per token of a sentence."""
    infos = [token_info(w) for w in words]
    n = len(words)
    feats: list[dict[str, object]] = []
    for i, (w, key, stem, flags) in enumerate(infos):
        f: dict[str, object] = {
            "b": 1.0,
            "w": w,
            "k": key,
            "st": stem,
            "p2": w[:2],
            "p3": w[:3],
            "s2": w[-2:],
            "s3": w[-3:],
            "sh": shape(w),
            "len": min(len(w), 8),
            "al": w.startswith("ال") or key != w and ("ال" + key) in w,
        }
        for flag in flags:
            f["f:" + flag] = 1.0
        f.update(_vector(w, key))
        if i == 0:
            f["BOS"] = 1.0
        if i == n - 1:
            f["EOS"] = 1.0
        for d in (-2, -1, 1, 2):
            j = i + d
            if 0 <= j < n:
                wj, kj, _, fj = infos[j]
                f[f"{d}:w"] = wj
                f[f"{d}:k"] = kj
                f[f"{d}:sh"] = shape(wj)
                if abs(d) == 1:
                    f[f"{d}:s2"] = wj[-2:]
                    for flag in fj:
                        f[f"{d}:f:{flag}"] = 1.0
        if i > 0:
            f["-1|0"] = infos[i - 1][1] + "|" + key
        if i < n - 1:
            f["0|+1"] = key + "|" + infos[i + 1][1]
        feats.append(f)
    return feats
