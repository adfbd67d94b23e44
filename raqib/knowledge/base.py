"""The knowledge base: every data file under data/, loaded into entries and one lexicon.

Entries are what an entity can refer to (a GeoNames place, a curated site, a region,
a country, an armed actor, a weapon). The lexicon maps every alias to its entries and
also holds the event-trigger and cue words, so that one automaton pass over a report
finds everything (see `matcher.py`).
"""

from __future__ import annotations

import csv
import hashlib
import logging
import os
import pickle
import tempfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from raqib.knowledge.matcher import Lexicon
from raqib.text.fold import fold_words

DATA_DIR = Path(__file__).parent / "data"

log = logging.getLogger("raqib.knowledge")

FIRST_LEVEL = ("governorate", "province")

ENTITY_LAYER = "entity"
TRIGGER_LAYER = "trigger"
CUE_LAYER = "cue"
#: cue payloads that open a part of the page that is not the report ("section:related")
SECTION_CUE = "section:"
#: cue payloads that are words of another topic than security ("topic:sport")
TOPIC_CUE = "topic:"


class KnowledgeError(ValueError):
    """A data file is missing or malformed; the message names the file and entry."""


@dataclass(frozen=True, slots=True)
class Entry:
    type: str  # location | facility | actor | weapon
    ref: str  # geonames:170794, site:omar_oil_field, region:sy_deir_ez_zor, actor:..., weapon:...
    canonical: str
    fields: Mapping[str, Any]  # copied into the entity: lat, lon, country, admin1, kind, ...
    population: int = 0
    admin_key: str | None = None  # "SY.07": country and GeoNames admin1 code
    curated: bool = True
    generic: bool = False

    @property
    def kind(self) -> str | None:
        return self.fields.get("kind")


@dataclass(frozen=True, slots=True)
class TriggerGroup:
    """Words that signal one event type and subtype, and what they need to count."""

    type: str
    subtype: str
    requires: str | None = None  # "weapon" | "armed" | None
    not_followed_by: frozenset[str] = frozenset()
    not_preceded_by: frozenset[str] = frozenset()
    not_near: frozenset[str] = frozenset()
    near: frozenset[str] = frozenset()  # one must follow it closely: what "sent" sent
    means: frozenset[str] = frozenset()  # weapon classes the words name ("قصف مدفعي": artillery)
    article: bool = True  # False: with the article it names something else ("الحشد")


@dataclass
class Knowledge:
    entries: dict[str, Entry] = field(default_factory=dict)
    lexicon: Lexicon = field(default_factory=Lexicon)
    regions_by_admin: dict[str, Entry] = field(default_factory=dict)
    cues: dict[str, Any] = field(default_factory=dict)  # cues.yaml as written
    historical_after_days: int = 7
    negation_fillers: frozenset[str] = frozenset()
    fires: dict[str, frozenset[str]] = field(default_factory=dict)  # weapon class -> classes
    named_alike: dict[str, frozenset[str]] = field(default_factory=dict)  # class -> classes
    exchange_of_fire: frozenset[str] = frozenset()  # weapon classes of a ground fight
    # strike subtype -> the weapon classes that tell it, the first subtype first
    strike_means: dict[str, frozenset[str]] = field(default_factory=dict)
    numbered_unit: str | None = None  # the ref of the actor "اللواء 47", "Brigade 47" name
    state_forces: dict[str, str] = field(default_factory=dict)  # country or capital -> actor
    # a nationality's folded adjective -> its forces ("تركية", "turkish" -> actor:turkish_forces)
    forces_by_adjective: dict[str, str] = field(default_factory=dict)
    # the folded name one side gives the other's forces -> theirs ("الاحتلال الاسراييلي");
    # `owner_words` are those names' first words
    forces_by_owner: dict[str, str] = field(default_factory=dict)
    owner_words: frozenset[str] = frozenset()
    # "government forces" (its ref) stand for the forces of the report's country
    government_forces: str | None = None
    governments: dict[str, str] = field(default_factory=dict)  # country code -> actor ref

    def add(self, entry: Entry, aliases: Iterable[str], context_only: Iterable[str] = ()) -> None:
        if entry.ref in self.entries:
            raise KnowledgeError(f"duplicate knowledge-base id {entry.ref}")
        self.entries[entry.ref] = entry
        needs_cue = set(context_only)
        place = entry.type in ("location", "facility")  # respelt as reporters transliterate
        for alias in aliases:
            self.lexicon.add(alias, entry, layer=ENTITY_LAYER, context_only=alias in needs_cue,
                             respell=place)

    def admin1_name(self, admin_key: str | None) -> str | None:
        region = self.regions_by_admin.get(admin_key or "")
        return region.fields["admin1"] if region else None


#: libyaml's parser when PyYAML has it (its wheels do): ten times faster than Python's
SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_yaml(path: Path) -> Any:
    try:
        with path.open(encoding="utf-8") as handle:
            return yaml.load(handle, Loader=SafeLoader)
    except FileNotFoundError as exc:
        raise KnowledgeError(f"{path}: missing data file") from exc
    except yaml.YAMLError as exc:
        raise KnowledgeError(f"{path}: not valid YAML: {exc}") from exc


def _need(item: Mapping, key: str, where: str) -> Any:
    if key not in item or item[key] in (None, ""):
        raise KnowledgeError(f"{where}: missing field {key!r}")
    return item[key]


def _add_item(kb: Knowledge, entry: Entry, item: Mapping, where: str,
              described: Iterable[str] = ()) -> None:
    """Add a curated entry under its names and aliases (and the phrases that describe it);
    those in `context_only` are matched only after a cue word, so each must be one of them."""
    aliases = _aliases(item, "name", "name_ar", "aliases_en", "aliases_ar")
    own = set(aliases)
    aliases += [a for a in described if a not in own]
    context_only = _aliases(item, "context_only")
    unlisted = [a for a in context_only if a not in own]
    if unlisted:
        raise KnowledgeError(f"{where}: context_only {', '.join(unlisted)} not among its "
                             "names or aliases")
    kb.add(entry, aliases, context_only)


def _aliases(item: Mapping, *names: str) -> list[str]:
    aliases: list[str] = []
    for name in names:
        value = item.get(name)
        if isinstance(value, str):
            aliases.append(value)
        elif value:
            for alias in value:
                if not isinstance(alias, str):  # YAML reads a bare no, yes, on or 12 so
                    raise KnowledgeError(f"{name}: {alias!r} is not text; YAML reads bare "
                                         "no, yes, on, off and numbers so: quote them")
                aliases.append(alias)
    return aliases


def _short_admin(name: str) -> str:
    for suffix in (" Governorate", " Province", " governorate", " province"):
        name = name.removesuffix(suffix)
    return name


def load_regions(kb: Knowledge, path: Path) -> None:
    """Governorates first, so that named sub-regions can name their governorate."""
    items = list(enumerate(read_yaml(path)["regions"]))
    first_level = [(i, item) for i, item in items if item.get("kind") in FIRST_LEVEL]
    for i, item in first_level + [pair for pair in items if pair not in first_level]:
        where = f"{path.name} entry {i + 1} ({item.get('id', '?')})"
        country = item.get("country")  # none for regions across borders ("the Middle East")
        code = item.get("admin1_code")
        admin_key = f"{country}.{code}" if code else None
        name = _need(item, "name", where)
        is_first_level = item.get("kind") in FIRST_LEVEL
        entry = Entry(
            type="location",
            ref=f"region:{_need(item, 'id', where)}",
            canonical=name,
            fields={
                "lat": float(_need(item, "lat", where)),
                "lon": float(_need(item, "lon", where)),
                "country": country,
                "admin1": _short_admin(name) if is_first_level else kb.admin1_name(admin_key),
                "kind": _need(item, "kind", where),
                "precision": 3,
            },
            admin_key=admin_key,
        )
        _add_item(kb, entry, item, where)
        if code and is_first_level:
            kb.regions_by_admin[admin_key] = entry


def load_countries(kb: Knowledge, path: Path) -> None:
    for i, item in enumerate(read_yaml(path)["countries"]):
        where = f"{path.name} entry {i + 1}"
        code = _need(item, "code", where)
        entry = Entry(
            type="location",
            ref=f"geonames:{_need(item, 'geonameid', where)}",
            canonical=_need(item, "name", where),
            fields={"lat": float(item["lat"]), "lon": float(item["lon"]), "country": code,
                    "admin1": None, "kind": "country", "precision": 3},
            population=10**7,
        )
        _add_item(kb, entry, item, where)
        if item.get("forces"):
            kb.state_forces[entry.ref] = f"actor:{item['forces']}"
            if item.get("capital"):
                kb.state_forces[f"geonames:{item['capital']}"] = kb.state_forces[entry.ref]


#: what GeoNames' alternate names carry around the name itself: a full stop, direction
#: marks ("مجدل شمس.\u200e")
_NAME_MARKS = " .\u200e\u200f"


def load_geonames(kb: Knowledge, path: Path, overrides_path: Path) -> None:
    """GeoNames places with the corrections of place_overrides.yaml; generic place nouns
    (cues.yaml `never_names`) are never taken as names.

    The region's file has an admin1 column; the world file has a kind column instead
    (city, or country at its capital's point, precision 3).
    """
    overrides = (read_yaml(overrides_path) or {}).get("places") or {}
    generic = kb.cues.get("never_names") or {}
    never = {fold_words(n) for n in [*generic.get("ar", []), *generic.get("en", [])]}
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            geonameid = int(row["geonameid"])
            fix = overrides.get(geonameid) or {}
            # the GeoNames name too: its romanisation ("‘Āmūdā") may be missing from the
            # alternate names, and variants.py derives the press's spellings from it
            names = [n for n in dict.fromkeys(
                name.strip(_NAME_MARKS) for name in
                [row["name"], *row["names_ar"].split("|"), *row["names_en"].split("|")]) if n]
            names = [n for n in names if n not in set(fix.get("remove") or ())
                     and fold_words(n) not in never]
            names += [str(n) for n in fix.get("add") or ()]
            admin_key = f"{row['country']}.{row['admin1']}" if "admin1" in row else None
            kind = row.get("kind", "populated_place")
            entry = Entry(
                type="location",
                ref=f"geonames:{geonameid}",
                canonical=row["name"],
                fields={
                    "lat": float(row["lat"]),
                    "lon": float(row["lon"]),
                    "country": row["country"],
                    "admin1": kb.admin1_name(admin_key),
                    "kind": kind,
                    "precision": 3 if kind == "country" else 1,
                },
                population=int(row["population"] or 0),
                admin_key=admin_key,
                curated=False,
            )
            context_only = [n for n in row["context_only"].split("|") if n]
            kb.add(entry, names, context_only + [str(n) for n in fix.get("context") or ()])


def load_sites(kb: Knowledge, path: Path) -> None:
    for i, item in enumerate(read_yaml(path)["sites"]):
        where = f"{path.name} entry {i + 1} ({item.get('id', '?')})"
        country = _need(item, "country", where)
        admin_key = f"{country}.{item['admin1_code']}" if item.get("admin1_code") else None
        entry = Entry(
            type="facility" if item.get("facility") else "location",
            ref=f"site:{_need(item, 'id', where)}",
            canonical=_need(item, "name", where),
            fields={
                "lat": float(_need(item, "lat", where)),
                "lon": float(_need(item, "lon", where)),
                "country": country,
                "admin1": kb.admin1_name(admin_key),
                "kind": _need(item, "kind", where),
                "precision": int(item.get("precision", 1)),
            },
            population=int(item.get("population") or 0),
            admin_key=admin_key,
        )
        _add_item(kb, entry, item, where)


def load_actors(kb: Knowledge, path: Path) -> None:
    data = read_yaml(path)
    # a phrase an entry lists keeps that entry ("الطيران الروسي" is Russia's air force,
    # not only its forces; "الفرقة الرابعة" the Fourth Division, not a numbered unit)
    listed = {fold_words(alias) for item in data["actors"]
              for alias in _aliases(item, "name", "name_ar", "aliases_en", "aliases_ar")}
    phrases = {actor: [p for p in described if fold_words(p) not in listed]
               for actor, described in described_actors(data.get("phrases") or {},
                                                        path.name).items()}
    units = (data.get("phrases") or {}).get("units")
    kb.numbered_unit = f"actor:{units['actor']}" if units else None
    forces = (data.get("phrases") or {}).get("forces") or {"rules": []}
    kb.forces_by_adjective = {fold_words(adjective): f"actor:{rule['actor']}"
                              for rule in forces["rules"] for language in ("en", "ar")
                              for adjective in rule[language] if " " not in adjective}
    kb.forces_by_owner = {fold_words(owner): f"actor:{rule['actor']}"
                          for rule in forces["rules"] for owner in rule.get("owners_ar", ())}
    kb.owner_words = frozenset(owner.split()[0] for owner in kb.forces_by_owner)
    governments = data.get("government_forces")
    if governments:
        kb.government_forces = f"actor:{governments['actor']}"
        kb.governments = {code: f"actor:{actor}"
                          for code, actor in governments["by_country"].items()}
    for i, item in enumerate(data["actors"]):
        where = f"{path.name} entry {i + 1} ({item.get('id', '?')})"
        entry = Entry(
            type="actor",
            ref=f"actor:{_need(item, 'id', where)}",
            canonical=_need(item, "name", where),
            fields={
                "actor_type": _need(item, "actor_type", where),
                "affiliation": item.get("affiliation"),
                "parent": f"actor:{item['parent']}" if item.get("parent") else None,
                "country": item.get("country"),
            },
            generic=bool(item.get("generic")),
        )
        _add_item(kb, entry, item, where, phrases.pop(item["id"], []))
    if phrases:
        raise KnowledgeError(f"{path.name}: phrases for unknown actors {', '.join(phrases)}")


def described_actors(phrases: Mapping, where: str) -> dict[str, list[str]]:
    """Per actor id, the phrases that describe it by its patron (actors.yaml `phrases`):
    "Tehran-backed militias", "groups loyal to Iran", "فصائل موالية لطهران"; or by its
    country: "an Israeli force", "قوة إسرائيلية"."""
    if not phrases:
        return {}
    nouns, links = phrases["nouns"], phrases["links"]
    found: dict[str, list[str]] = {}
    for rule in phrases["rules"]:
        actor = _need(rule, "actor", f"{where} phrases")
        out = found.setdefault(actor, [])
        for noun in nouns["en"]:
            out += [f"{adjective} {noun}" for adjective in rule.get("adjectives_en", [])]
            out += [f"{noun} {link} {patron}" for link in links["en"]
                    for patron in rule.get("patrons_en", [])]
        for noun in nouns["ar"]:
            out += [f"{noun} {link}{patron}" if link.endswith(" ل") else f"{noun} {link} {patron}"
                    for link in links["ar"] for patron in rule.get("patrons_ar", [])]
    units = phrases.get("units")
    if units:
        found.setdefault(_need(units, "actor", f"{where} phrases units"), []).extend(
            _numbered_units(units))
    forces = phrases.get("forces") or {"nouns": {}, "rules": []}
    for rule in forces["rules"]:  # "an Israeli force", "قوة إسرائيلية", "الدورية الروسية"
        out = found.setdefault(_need(rule, "actor", f"{where} phrases forces"), [])
        out += [f"{adjective} {noun}" for noun in forces["nouns"]["en"] for adjective in rule["en"]]
        for noun in forces["nouns"]["ar"]:
            for adjective in rule["ar"]:
                out += [f"{noun} {adjective}", f"ال{noun} ال{adjective}"]
        for noun in forces.get("owned_ar", ()):
            for owner in rule.get("owners_ar", ()):  # "قوات الاحتلال", "قوة للاحتلال"
                out += [f"{noun} {owner}", f"{noun} ل{owner.removeprefix('ا')}"]
    return found


def _numbered_units(units: Mapping) -> list[str]:
    """"اللواء 47", "Brigade 47", "the 47th Brigade"; by ordinal word: "الفرقة الرابعة", "the
    Fourth Division"."""
    ar, en, ordinals = units["ar"], units["en"], units.get("ordinals") or {}
    feminine = set(units.get("ar_feminine") or ())
    out = []
    for n in range(1, int(units["numbers"]) + 1):
        out += [f"{noun} {n}" for noun in ar + en]
        out += [f"{_ordinal(n)} {noun}" for noun in en]
    for noun in ar:
        if noun.startswith("ال"):  # the ordinal agrees with its noun, article and gender
            words = ordinals.get("ar_feminine" if noun in feminine else "ar_masculine", ())
            out += [f"{noun} {word}" for word in words]
    out += [f"{word} {noun}" for word in ordinals.get("en", ()) for noun in en]
    return out


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def load_weapons(kb: Knowledge, path: Path) -> None:
    data = read_yaml(path)
    for i, item in enumerate(data["weapons"]):
        where = f"{path.name} entry {i + 1} ({item.get('id', '?')})"
        entry = Entry(
            type="weapon",
            ref=f"weapon:{_need(item, 'id', where)}",
            canonical=_need(item, "name", where),
            fields={"weapon_class": _need(item, "class", where), "heavy": bool(item.get("heavy"))},
        )
        _add_item(kb, entry, item, where, _accusative(_aliases(item, "name_ar", "aliases_ar")))
    classes = _weapon_classes(kb)
    for section, relation in (("fires", kb.fires), ("named_alike", kb.named_alike),
                              ("strike_means", kb.strike_means)):
        for one, others in (data.get(section) or {}).items():
            named = set(others) if section == "strike_means" else {one, *others}
            unknown = sorted(named - classes)  # (a subtype names no class)
            if unknown:
                raise KnowledgeError(f"{path.name}: {section}: unknown class "
                                     f"{', '.join(unknown)}")
            relation[one] = frozenset(others)
    kb.exchange_of_fire = frozenset(data.get("exchange_of_fire") or ())
    unknown = sorted(kb.exchange_of_fire - classes)
    if unknown:
        raise KnowledgeError(f"{path.name}: exchange_of_fire: unknown class {', '.join(unknown)}")


# a word that ends so takes no alif in the accusative: "قذيفة", "مدفعية", "كاتيوشا"
_NO_ALIF = frozenset("ةىاءئ")
_PLURAL_ENDINGS = ("ات", "ان", "ين")  # "مسيرات", "صاروخان", "صاروخين"


def _accusative(aliases: Iterable[str]) -> list[str]:
    """What a sentence's object looks like, its noun and adjectives in the indefinite
    accusative: "أطلقوا صاروخا باليستيا" (the alif that carries the tanween)."""
    forms = []
    for alias in aliases:
        words = alias.split()
        takes = [not w.startswith("ال") and not w[0].isdigit() and w[-1] not in _NO_ALIF
                 and not w.endswith(_PLURAL_ENDINGS) for w in words]
        if takes[0]:
            forms.append(" ".join([words[0] + "ا", *words[1:]]))
            if all(takes):
                forms.append(" ".join(w + "ا" for w in words))
    return forms


def load_cues(kb: Knowledge, path: Path) -> None:
    """Cue words by purpose (place context, nearness, directions, ...)."""
    data = read_yaml(path)
    if not isinstance(data, dict):
        raise KnowledgeError(f"{path}: expected a mapping of cue lists")
    kb.cues.update(data)


def _weapon_classes(kb: Knowledge) -> set[str]:
    return {e.fields["weapon_class"] for e in kb.entries.values() if e.type == "weapon"}


def load_events(kb: Knowledge, path: Path) -> None:
    """Trigger groups and event cues (negation, modality, ...) into the lexicon; weapons
    are loaded first (a group's `means` names weapon classes)."""
    data = read_yaml(path)
    classes = _weapon_classes(kb)
    for i, item in enumerate(data["triggers"]):
        where = f"{path.name} trigger group {i + 1}"
        requires = item.get("requires")
        if requires not in (None, "weapon", "armed"):
            raise KnowledgeError(f"{where}: requires must be weapon or armed, not {requires!r}")
        unknown = sorted(set(item.get("means") or ()) - classes)
        if unknown:
            raise KnowledgeError(f"{where}: means: unknown class {', '.join(unknown)}")
        group = TriggerGroup(
            type=_need(item, "type", where),
            subtype=_need(item, "subtype", where),
            requires=requires,
            not_followed_by=frozenset(fold_words(w) for w in item.get("not_followed_by") or ()),
            not_preceded_by=frozenset(fold_words(w) for w in item.get("not_preceded_by") or ()),
            not_near=frozenset(fold_words(w) for w in item.get("not_near") or ()),
            near=frozenset(fold_words(w) for w in item.get("near") or ()),
            means=frozenset(item.get("means") or ()),
            article=item.get("article", True),
        )
        # a pronoun or plural ending may follow a trigger ("استهدفها"), unless the group
        # says that it changes the word ("فجرا" is at dawn)
        suffixes = item.get("suffixes", True)
        for word in _aliases(item, "ar", "en"):
            kb.lexicon.add(word, group, layer=TRIGGER_LAYER, suffixes=suffixes)
    for kind, by_language in data["cues"].items():
        for word in _aliases(by_language, "ar", "en"):
            kb.lexicon.add(word, kind, layer=CUE_LAYER)
    for section, by_language in (data.get("sections") or {}).items():
        for word in _aliases(by_language, "ar", "en"):
            kb.lexicon.add(word, SECTION_CUE + section, layer=CUE_LAYER)
    for topic, by_language in (data.get("topics") or {}).items():
        for word in _aliases(by_language, "ar", "en"):
            kb.lexicon.add(word, TOPIC_CUE + topic, layer=CUE_LAYER)
    kb.historical_after_days = int(data.get("historical_after_days", 7))
    kb.negation_fillers = frozenset(fold_words(w) for w in data.get("negation_fillers") or ())


#: Building the knowledge base (folding and spelling some 30,000 names) takes seconds;
#: reading back a built one, a fraction of a second. A worker restarting after a crash
#: reads it from here; it is built again whenever a data file or the code that builds it
#: changes. A cache that cannot be written (a read-only home) is simply not kept.
CACHE_DIR = Path(os.environ.get("RAQIB_CACHE_DIR") or Path.home() / ".cache" / "raqib")
_BUILT_FROM = (Path(__file__).parent, Path(__file__).parent.parent / "text")
KEEP_CACHES = 3


@cache
def load(data_dir: Path = DATA_DIR) -> Knowledge:
    """The knowledge base of the data files, once per process, from the cache when it was
    built from the same files."""
    path = CACHE_DIR / f"knowledge-{_fingerprint(data_dir)}.pickle"
    try:
        with path.open("rb") as kept:
            return pickle.load(kept)
    except FileNotFoundError:
        pass
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError) as exc:
        log.warning("knowledge cache %s unreadable (%s); building it again", path, exc)
    kb = build(data_dir)
    kb.lexicon.compile()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, delete=False) as out:
            pickle.dump(kb, out, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(out.name, path)  # whole or not at all, for workers starting together
        # a few are kept, for checkouts of other versions; older ones go
        kept = sorted(path.parent.glob("knowledge-*.pickle"), key=lambda p: p.stat().st_mtime)
        for stale in kept[:-KEEP_CACHES]:
            stale.unlink(missing_ok=True)
    except OSError as exc:
        log.info("knowledge cache not kept in %s: %s", path.parent, exc)
    return kb


def _fingerprint(data_dir: Path) -> str:
    """A digest of the data files and of the code that builds the knowledge base."""
    digest = hashlib.sha256()
    files = sorted(p for p in data_dir.rglob("*") if p.is_file())
    files += sorted(p for folder in _BUILT_FROM for p in folder.glob("*.py"))
    for file in files:
        digest.update(str(file.relative_to(file.parent.parent)).encode())
        digest.update(file.read_bytes())
    return digest.hexdigest()[:24]


def build(data_dir: Path = DATA_DIR) -> Knowledge:
    """Read every data file into a knowledge base."""
    kb = Knowledge()
    load_cues(kb, data_dir / "cues.yaml")
    load_regions(kb, data_dir / "regions.yaml")  # first: places name their admin1 through it
    load_countries(kb, data_dir / "countries.yaml")
    load_sites(kb, data_dir / "sites.yaml")
    load_geonames(kb, data_dir / "geonames_places.tsv", data_dir / "place_overrides.yaml")
    load_geonames(kb, data_dir / "world_places.tsv", data_dir / "place_overrides.yaml")
    load_actors(kb, data_dir / "actors.yaml")
    unknown = sorted({ref for pair in kb.state_forces.items() for ref in pair
                      if ref not in kb.entries})
    if unknown:
        raise KnowledgeError(f"countries.yaml: forces or capitals {', '.join(unknown)} "
                             "not in actors.yaml or the gazetteer")
    unknown = sorted(ref for ref in (kb.government_forces, *kb.governments.values())
                     if ref is not None and ref not in kb.entries)
    if unknown:
        raise KnowledgeError(f"actors.yaml: government_forces names unknown actors "
                             f"{', '.join(unknown)}")
    load_weapons(kb, data_dir / "weapons.yaml")
    load_events(kb, data_dir / "events.yaml")
    return kb
