"""detect: enriched reports -> alerts, with state so that alerts update, not repeat.

For each event that may count (not negated, not irrealis, not historical) and each rule
it matches, the alert key is (rule, group values, window start). The alert's state
holds the events, sources and duplicate keys seen so far; a report that adds new
evidence raises the next version of the alert. Processing the same report twice, or a
copy of it from another feed, adds nothing.

The state lives in any mutable mapping: a dict in `raqib process`, a changelog-backed
Faust table in the worker.
"""

from __future__ import annotations

import hashlib
from collections.abc import MutableMapping
from datetime import UTC, datetime

from raqib.alerts.incidents import Incidents, IncidentSettings, summary
from raqib.alerts.rules import Rule, load_rules
from raqib.alerts.sources import is_copy, source_of
from raqib.alerts.summary import summarize

MAX_EVIDENCE = 20


def event_counts(event: dict) -> bool:
    """Negated, denied, feared or planned, and background events never raise an alert."""
    return not (event["negated"] or event.get("irrealis") or event.get("historical")
                or event["modality"] == "denied")


def report_time(report: dict) -> datetime:
    return _parse(report.get("published_at") or report["ingested_at"])


class Detector:
    """Alerts from reports; `state` holds the alerts, `incidents` the incident clusters."""

    def __init__(self, rules: list[Rule], state: MutableMapping[str, dict],
                 incidents: Incidents) -> None:
        self.rules = rules
        self.state = state
        self.incidents = incidents

    @classmethod
    def in_memory(cls, rules: list[Rule] | None = None,
                  incident_settings: IncidentSettings | None = None) -> Detector:
        """A detector whose state is plain dicts, for `raqib process`, tests and benchmarks."""
        return cls(load_rules() if rules is None else rules, {},
                   Incidents({}, incident_settings or IncidentSettings()))

    def process(self, report: dict, now: datetime | None = None) -> list[dict]:
        """The alert versions this report raises or updates, in a stable order."""
        now = now or datetime.now(UTC)
        entities = {e["id"]: e for e in report["entities"]}
        at = report_time(report)
        countable = [e for e in report["events"] if event_counts(e)]
        incident_of = self.incidents.assign(report, countable, entities, at)
        touched: dict[str, tuple[Rule, tuple[str, ...], datetime, list[dict]]] = {}
        for event in countable:
            for rule in self.rules:
                if not rule.matches(event):
                    continue
                group = tuple(_group_value(key, event, entities, incident_of)
                              for key in rule.group_by)
                start = _window_start(at, rule)
                key = _alert_id(rule.id, group, start)
                touched.setdefault(key, (rule, group, start, []))[3].append(event)
        alerts = []
        for alert_id, (rule, _group, start, events) in sorted(touched.items()):
            alert = self._update(alert_id, rule, start, report, events, entities, now,
                                 incident_of)
            if alert is not None:
                alerts.append(alert)
        return alerts

    def _update(self, alert_id: str, rule: Rule, window_start: datetime, report: dict,
                events: list[dict], entities: dict[str, dict], now: datetime,
                incident_of: dict[str, dict]) -> dict | None:
        state = self.state.get(alert_id) or _new_state(rule, window_start)
        if report["report_id"] in state["reports"] or is_copy(report, state["copies"]):
            return None
        state["reports"].append(report["report_id"])
        state["copies"].append([report["content_hash"], report["minhash"]])
        source = source_of(report)
        if source not in state["sources"]:
            state["sources"].append(source)
        for event in events:
            state["count"] += 1
            actor = _actor(entities, event["actor"])
            state["actors"] = _merge(state["actors"], actor["canonical"] if actor else None)
            state["location"] = _better_place(state["location"], entities.get(event["location"]))
            state["event_types"] = _merge(state["event_types"], event["type"])
            if len(state["evidence"]) < MAX_EVIDENCE:
                state["evidence"].append(_evidence(report, event, entities))
            if event["id"] in incident_of:
                incident = summary(incident_of[event["id"]])
                state["incidents"][incident["incident_id"]] = incident
        if state["count"] < rule.min_events:
            self.state[alert_id] = state
            return None
        state["version"] += 1
        stamp = _iso(now)
        state["created_at"] = state["created_at"] or stamp
        state["updated_at"] = stamp
        self.state[alert_id] = state
        return _alert(alert_id, rule, state)


def _new_state(rule: Rule, window_start: datetime) -> dict:
    return {
        "rule_id": rule.id, "version": 0, "count": 0, "reports": [], "copies": [],
        "sources": [], "actors": [], "location": None, "event_types": [], "evidence": [],
        "incidents": {},
        "window": {"start": _iso(window_start), "end": _iso(window_start + rule.window)},
        "created_at": None, "updated_at": None,
    }


def _alert(alert_id: str, rule: Rule, state: dict) -> dict:
    location = state["location"]
    alert = {
        "alert_id": alert_id,
        "version": state["version"],
        "rule_id": rule.id,
        "severity": rule.severity,
        "status": "active" if state["version"] == 1 else "updated",
        "title": f"{rule.title}: {location['name']}" if location else rule.title,
        "summary": "",
        "event_type": state["event_types"][0],
        "location": location,
        "actors": state["actors"],
        "window": dict(state["window"]),
        "count": state["count"],
        "num_sources": len(state["sources"]),
        "evidence": list(state["evidence"]),
        "incidents": sorted(state["incidents"].values(), key=lambda i: i["incident_id"]),
        "created_at": state["created_at"],
        "updated_at": state["updated_at"],
    }
    alert["summary"] = summarize(alert)
    return alert


def _actor(entities: dict[str, dict], entity_id: str | None) -> dict | None:
    """The actor entity, or the one a generic mention ("the militias") refers back to."""
    entity = entities.get(entity_id) if entity_id else None
    if entity is not None and entity.get("coref"):
        return entities.get(entity["coref"], entity)
    return entity


def _group_value(key: str, event: dict, entities: dict[str, dict],
                 incident_of: dict[str, dict]) -> str:
    actor = _actor(entities, event["actor"]) or {}
    place = entities.get(event["location"]) or {}
    if key == "incident":
        return incident_of[event["id"]]["id"] if event["id"] in incident_of else "none"
    if key == "actor":
        return actor.get("ref") or "unknown"
    if key == "affiliation":
        return actor.get("affiliation") or actor.get("ref") or "unknown"
    if key == "admin1":
        return place.get("admin1") or place.get("country") or "unknown"
    return place.get("ref") or "unknown"  # place


def _window_start(at: datetime, rule: Rule) -> datetime:
    size = int(rule.window.total_seconds())
    return datetime.fromtimestamp(int(at.timestamp()) // size * size, UTC)


def _alert_id(rule_id: str, group: tuple[str, ...], start: datetime) -> str:
    key = "\x1f".join([rule_id, *group, _iso(start)])
    return "a-" + hashlib.blake2b(key.encode(), digest_size=10).hexdigest()


def _merge(values: list[str], value: str | None) -> list[str]:
    return values if value is None or value in values else [*values, value]


def _better_place(current: dict | None, entity: dict | None) -> dict | None:
    """Keep the most precise place seen (precision 1 beats 3)."""
    if not entity or "lat" not in entity:
        return current
    candidate = {"name": entity["canonical"], "lat": entity["lat"], "lon": entity["lon"],
                 "ref": entity["ref"], "precision": entity.get("precision", 3)}
    if current is None or candidate["precision"] < current["precision"]:
        return candidate
    return current


def _evidence(report: dict, event: dict, entities: dict[str, dict]) -> dict:
    sentence = event["sentence"]
    return {
        "report_id": report["report_id"],
        "event_id": event["id"],
        "sentence": report["text"][sentence["start"] : sentence["end"]],
        "url": report.get("url"),
        "source": report.get("source"),
    }


def _parse(moment: str) -> datetime:
    return datetime.fromisoformat(moment.replace("Z", "+00:00"))


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")
