"""Alert rules: YAML files checked against schemas/rules.schema.json. Data, never code.

A rule selects events (type, subtype, modality, confidence, actor or affiliation, the
kind of place aimed at, weapons, an area), groups them (by incident, area cell, actor,
affiliation, governorate or place), counts them in a tumbling or sliding window, and
raises an alert at a threshold of distinct events, incidents and sources, optionally
only above the group's own baseline (with the history to know it), optionally
provisional until corroborated. Rules relate as data: while a rule's alert is open, the
rules it inhibits publish nothing for the same situation (the labels in `equal`), as
in Alertmanager's inhibition: one situation, one alert.

Rules come from the built-in pack (data/rules/) and the folder named by RAQIB_RULES_DIR.
A file that does not follow the schema is refused with its name, line and field; a
`RuleBook` then keeps the rules it had.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

import yaml
from jsonschema import Draft202012Validator

from raqib.geo import distance_km
from raqib.knowledge.base import DATA_DIR
from raqib.schemas import validator

BUILTIN_RULES = DATA_DIR / "rules"
SEVERITIES = ("low", "medium", "high", "critical")
ALERTABLE_MODALITIES = frozenset({"asserted", "reported", "claimed", "hedged"})
_DURATION = re.compile(r"^\s*(\d+)\s*([smhd])\s*$")
_UNITS = {"s": "seconds", "m": "minutes", "h": "hours", "d": "days"}
log = logging.getLogger("raqib.rules")


class RuleError(ValueError):
    """A rule file is malformed; the message names the file, the line and the field."""


@dataclass(frozen=True)
class Area:
    name: str | None = None
    bbox: tuple[float, float, float, float] | None = None
    near: tuple[float, float, float] | None = None  # lat, lon, km

    def contains(self, place: dict) -> bool:
        if self.name is not None:
            names = {place.get("admin1"), place.get("canonical"), place.get("ref")}
            if self.name not in names and not str(place.get("ref", "")).startswith(self.name):
                return False
        if "lat" not in place:
            return self.bbox is None and self.near is None
        lat, lon = place["lat"], place["lon"]
        if self.bbox is not None:
            min_lon, min_lat, max_lon, max_lat = self.bbox
            if not (min_lon <= lon <= max_lon and min_lat <= lat <= max_lat):
                return False
        if self.near is not None:
            near_lat, near_lon, km = self.near
            if distance_km(lat, lon, near_lat, near_lon) > km:
                return False
        return True


@dataclass(frozen=True)
class Rule:
    id: str
    title: str
    severity: str
    types: frozenset[str]
    description: str = ""
    subtypes: frozenset[str] | None = None
    modalities: frozenset[str] = ALERTABLE_MODALITIES
    min_confidence: float = 0.5
    actors: frozenset[str] | None = None
    affiliations: frozenset[str] | None = None
    target_kinds: frozenset[str] | None = None
    weapon_classes: frozenset[str] | None = None
    heavy_weapons: bool = False
    area: Area | None = None
    group_by: tuple[str, ...] = ()
    cell_km: float = 25.0
    window: timedelta = timedelta(hours=24)
    sliding: bool = False
    min_events: int = 1
    min_incidents: int = 1
    min_sources: int = 1
    baseline_days: int | None = None
    baseline_factor: float | None = None
    corroborating_sources: int | None = None
    provisional_severity: str | None = None
    cooldown: timedelta = timedelta(0)
    inhibits: frozenset[str] = frozenset()
    equal: tuple[str, ...] = ()  # the labels an inhibited alert shares with this one

    def matches(self, event: dict, entities: dict[str, dict]) -> bool:
        """Whether the event counts for this rule (negation etc. are checked before)."""
        if not (event["type"] in self.types
                and (self.subtypes is None or event["subtype"] in self.subtypes)
                and event["modality"] in self.modalities
                and event["confidence"] >= self.min_confidence):
            return False
        actor = actor_of(entities, event)
        if self.actors is not None and (actor or {}).get("ref") not in self.actors:
            return False
        if self.affiliations is not None and (actor or {}).get("affiliation") not in (
                self.affiliations):
            return False
        if self.target_kinds is not None and not self.target_kinds.intersection(
                _aimed_kinds(event, entities)):
            return False
        weapons = [entities[w] for w in event["weapons"] if w in entities]
        if self.heavy_weapons and not any(w.get("heavy") for w in weapons):
            return False
        if self.weapon_classes is not None and not any(
                w.get("weapon_class") in self.weapon_classes for w in weapons):
            return False
        return self.area is None or self.area.contains(entities.get(event["location"]) or {})


def actor_of(entities: dict[str, dict], event: dict) -> dict | None:
    """The event's actor, or the one a generic mention ("the militias") refers back to."""
    actor = entities.get(event["actor"]) if event["actor"] else None
    if actor is not None and actor.get("coref"):
        return entities.get(actor["coref"], actor)
    return actor


def _aimed_kinds(event: dict, entities: dict[str, dict]) -> set[str]:
    """Kinds of the place the event aimed at or moved toward, or else took place at."""
    kinds = set()
    for role in ("target", "location"):
        place = entities.get(event[role]) if event[role] else None
        if place and place.get("kind"):
            kinds.add(place["kind"])
    return kinds


def parse_duration(text: str) -> timedelta:
    m = _DURATION.match(str(text))
    if not m:
        raise ValueError(f"{text!r} is not a duration such as 30m, 6h or 2d")
    return timedelta(**{_UNITS[m.group(2)]: int(m.group(1))})


def _rule(item: dict) -> Rule:
    match = item["match"]
    window = item.get("window") or {}
    threshold = item.get("threshold") or {}
    baseline = item.get("baseline") or {}
    corroboration = item.get("corroboration") or {}
    area = match.get("area")

    def optional(key: str) -> frozenset[str] | None:
        return frozenset(match[key]) if key in match else None

    return Rule(
        id=item["id"], title=item["title"], severity=item["severity"],
        description=" ".join(str(item.get("description", "")).split()),
        types=frozenset(match["type"]), subtypes=optional("subtype"),
        modalities=optional("modality") or ALERTABLE_MODALITIES,
        min_confidence=float(match.get("min_confidence", 0.5)),
        actors=optional("actor"), affiliations=optional("affiliation"),
        target_kinds=optional("target_kind"), weapon_classes=optional("weapon_class"),
        heavy_weapons=bool(match.get("heavy_weapons", False)),
        area=Area(area.get("name"), tuple(area["bbox"]) if "bbox" in area else None,
                  (area["near"]["lat"], area["near"]["lon"], area["near"]["km"])
                  if "near" in area else None) if area else None,
        group_by=tuple(item.get("group_by") or ()),
        cell_km=float(item.get("cell_km", 25.0)),
        window=parse_duration(window.get("size", "24h")),
        sliding=window.get("kind", "tumbling") == "sliding",
        min_events=int(threshold.get("events", 1)),
        min_incidents=int(threshold.get("incidents", 1)),
        min_sources=int(threshold.get("sources", 1)),
        baseline_days=baseline.get("days"), baseline_factor=baseline.get("factor"),
        corroborating_sources=corroboration.get("sources"),
        provisional_severity=corroboration.get("provisional_severity"),
        cooldown=parse_duration(item.get("cooldown", "0s")),
        inhibits=frozenset((item.get("inhibits") or {}).get("rules", ())),
        equal=tuple((item.get("inhibits") or {}).get("equal", ())),
    )


def load_rule_file(path: Path) -> list[Rule]:
    """The enabled rules of one file; `RuleError` names the file, line and field."""
    try:
        text = path.read_text("utf-8")
    except OSError as exc:
        raise RuleError(f"{path}: cannot read: {exc}") from exc
    try:
        data = yaml.safe_load(text)
        lines = _line_index(yaml.compose(text))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{path}:{mark.line + 1}" if mark else str(path)
        raise RuleError(f"{where}: not valid YAML: {getattr(exc, 'problem', exc)}") from exc
    checker: Draft202012Validator = validator("rules")
    errors = sorted(checker.iter_errors(data), key=lambda e: list(e.absolute_path))
    if errors:
        error = errors[0]
        field_path = list(error.absolute_path)
        line = _nearest_line(lines, field_path)
        rule_id = _rule_id(data, field_path)
        where = "/".join(str(p) for p in field_path) or "(file)"
        raise RuleError(f"{path}:{line}: {rule_id}{where}: {error.message}")
    rules = []
    for i, item in enumerate(data["rules"]):
        if item.get("enabled", True):
            try:
                rules.append(_rule(item))
            except ValueError as exc:
                raise RuleError(f"{path}:{_nearest_line(lines, ['rules', i])}: "
                                f"rule {item['id']}: {exc}") from exc
    return rules


def _line_index(node, path: tuple = ()) -> dict[tuple, int]:
    """JSON path of every YAML node -> its 1-based line."""
    index = {path: node.start_mark.line + 1} if node is not None else {}
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            index[(*path, key.value)] = key.start_mark.line + 1
            index.update(_line_index(value, (*path, key.value)))
    elif isinstance(node, yaml.SequenceNode):
        for i, value in enumerate(node.value):
            index.update(_line_index(value, (*path, i)))
    return index


def _nearest_line(lines: dict[tuple, int], field_path: list) -> int:
    path = tuple(field_path)
    while path not in lines and path:
        path = path[:-1]
    return lines.get(path, 1)


def _rule_id(data, field_path: list) -> str:
    if len(field_path) >= 2 and field_path[0] == "rules" and isinstance(field_path[1], int):
        try:
            return f"rule {data['rules'][field_path[1]].get('id', '?')}: "
        except (KeyError, IndexError, TypeError, AttributeError):
            return ""
    return ""


def rule_files(paths: list[Path]) -> list[Path]:
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(sorted([*path.glob("*.yaml"), *path.glob("*.yml")]))
        elif path.exists():
            files.append(path)
        else:
            raise RuleError(f"{path}: no such rule file or folder")
    return files


def load_rules(paths: list[Path]) -> list[Rule]:
    """Every enabled rule of the files and folders given."""
    rules = [rule for file in rule_files(paths) for rule in load_rule_file(file)]
    seen: dict[str, int] = {}
    for rule in rules:
        seen[rule.id] = seen.get(rule.id, 0) + 1
    duplicates = sorted(rule_id for rule_id, n in seen.items() if n > 1)
    if duplicates:
        raise RuleError(f"rule ids used twice: {', '.join(duplicates)}")
    for rule in rules:
        unknown = sorted(rule.inhibits - set(seen))
        if unknown:
            raise RuleError(f"rule {rule.id} inhibits rules that are not loaded: "
                            f"{', '.join(unknown)}")
    return inhibitors_first(rules)


def inhibitors_first(rules: list[Rule]) -> list[Rule]:
    """The rules in file order, except that a rule comes before those it inhibits, so that
    within one report the alert that inhibits opens before the inhibited one is looked at
    (rules that inhibit each other keep their order: the first to open wins)."""
    ordered: list[Rule] = []
    placed: set[str] = set()

    def place(rule: Rule, visiting: frozenset[str]) -> None:
        if rule.id in placed or rule.id in visiting:
            return
        for other in rules:
            if rule.id in other.inhibits and other.id not in rule.inhibits:
                place(other, visiting | {rule.id})
        placed.add(rule.id)
        ordered.append(rule)

    for rule in rules:
        place(rule, frozenset())
    return ordered


@dataclass
class RuleBook:
    """The rules in force, reloaded when their files change; a bad edit keeps the old ones."""

    paths: list[Path] = field(default_factory=lambda: [BUILTIN_RULES])
    rules: list[Rule] = field(default_factory=list)
    _stamps: dict[Path, float] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.rules = load_rules(self.paths)
        self._stamps = self._current_stamps()

    def _current_stamps(self) -> dict[Path, float]:
        return {file: file.stat().st_mtime for file in rule_files(self.paths)}

    def reload_if_changed(self) -> str:
        """Reload if a file was added, removed or edited: "unchanged", "reloaded" or
        "failed" (the rules in force stay, and the log says why)."""
        try:
            stamps = self._current_stamps()
        except RuleError as exc:
            log.error("rules not reloaded: %s; keeping %d rules", exc, len(self.rules))
            return "failed"
        if stamps == self._stamps:
            return "unchanged"
        self._stamps = stamps
        try:
            self.rules = load_rules(self.paths)
        except RuleError as exc:
            log.error("rules not reloaded: %s; keeping the %d rules in force",
                      exc, len(self.rules))
            return "failed"
        log.info("rules reloaded: %d rules from %s", len(self.rules),
                 ", ".join(str(p) for p in self.paths))
        return "reloaded"
