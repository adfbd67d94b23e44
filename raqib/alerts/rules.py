"""Alert rules, read from YAML files: data, never code.

A rule selects events (type, subtype, modality, confidence), groups them (by actor,
affiliation, governorate or place), counts them in a tumbling time window and raises
an alert at a threshold. See data/rules/builtin.yaml.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import yaml

from raqib.knowledge.base import DATA_DIR

BUILTIN_RULES = DATA_DIR / "rules"
SEVERITIES = ("low", "medium", "high", "critical")
GROUP_KEYS = ("actor", "affiliation", "admin1", "place", "incident")
# Modalities that can raise an alert; a denied event never does.
ALERTABLE_MODALITIES = frozenset({"asserted", "reported", "claimed", "hedged"})
_DURATION = re.compile(r"^\s*(\d+)\s*([smhd])\s*$")
_UNITS = {"s": "seconds", "m": "minutes", "h": "hours", "d": "days"}


class RuleError(ValueError):
    """A rule file is malformed; the message names the file, the rule and the field."""


@dataclass(frozen=True)
class Rule:
    id: str
    title: str
    types: frozenset[str]
    subtypes: frozenset[str] | None
    modalities: frozenset[str]
    min_confidence: float
    group_by: tuple[str, ...]
    window: timedelta
    min_events: int
    severity: str

    def matches(self, event: dict) -> bool:
        return (
            event["type"] in self.types
            and (self.subtypes is None or event["subtype"] in self.subtypes)
            and event["modality"] in self.modalities
            and event["confidence"] >= self.min_confidence
        )


def parse_duration(text: str, where: str) -> timedelta:
    m = _DURATION.match(str(text))
    if not m:
        raise RuleError(f"{where}: {text!r} is not a duration such as 30m, 6h or 2d")
    return timedelta(**{_UNITS[m.group(2)]: int(m.group(1))})


def _rule(item: dict, where: str) -> Rule:
    try:
        match = item.get("match") or {}
        rule = Rule(
            id=str(item["id"]),
            title=str(item["title"]),
            types=frozenset(match["type"]),
            subtypes=frozenset(match["subtype"]) if match.get("subtype") else None,
            modalities=frozenset(match.get("modality") or ALERTABLE_MODALITIES),
            min_confidence=float(match.get("min_confidence", 0.5)),
            group_by=tuple(item.get("group_by") or ()),
            window=parse_duration(item.get("window", "24h"), f"{where}: window"),
            min_events=int((item.get("threshold") or {}).get("events", 1)),
            severity=str(item.get("severity", "medium")),
        )
    except KeyError as exc:
        raise RuleError(f"{where}: missing field {exc.args[0]!r}") from exc
    if rule.severity not in SEVERITIES:
        raise RuleError(f"{where}: severity must be one of {', '.join(SEVERITIES)}")
    unknown = set(rule.group_by) - set(GROUP_KEYS)
    if unknown:
        raise RuleError(f"{where}: group_by {sorted(unknown)} unknown; use {', '.join(GROUP_KEYS)}")
    if "denied" in rule.modalities:
        raise RuleError(f"{where}: denied events cannot raise alerts")
    return rule


def load_rules(paths: Iterable[Path] = (BUILTIN_RULES,)) -> list[Rule]:
    rules: list[Rule] = []
    for path in paths:
        files = sorted(path.glob("*.yaml")) if path.is_dir() else [path]
        for file in files:
            try:
                data = yaml.safe_load(file.read_text("utf-8")) or {}
            except yaml.YAMLError as exc:
                raise RuleError(f"{file}: not valid YAML: {exc}") from exc
            for i, item in enumerate(data.get("rules") or []):
                rules.append(_rule(item, f"{file} rule {i + 1} ({item.get('id', '?')})"))
    ids = [r.id for r in rules]
    duplicates = {i for i in ids if ids.count(i) > 1}
    if duplicates:
        raise RuleError(f"rule ids used twice: {', '.join(sorted(duplicates))}")
    return rules
