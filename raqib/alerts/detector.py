"""detect: enriched reports -> alerts that update instead of repeating.

For each event that may count (not negated, denied, irrealis or historical) and each
rule it matches, the rule's group (incident, area cell, actor, ...) keeps a state: the
recent reports and events in the rule's window, daily counts for a baseline, and the
open alert ("episode"). When the window holds enough events from enough sources (and,
for escalation rules, well above the group's baseline), the episode's alert is
published; more evidence publishes the next version of the same alert_id. Within the
cool-down after an alert, new events update it rather than opening another.

A report counted once is never counted again: redelivery after a restart, or a repost
or syndicated copy from another feed (same content hash or near-duplicate MinHash, see
seen.py), adds nothing. Time is the report's own (published_at, else ingested_at), so replaying
history gives the alerts it gave live.

The state lives in any mutable mapping: a dict in `raqib process` and `raqib replay`, a
changelog-backed Faust table in the worker.
"""

from __future__ import annotations

import hashlib
import math
from collections import Counter
from collections.abc import MutableMapping
from datetime import UTC, datetime, timedelta

from raqib.alerts.incidents import Incidents, IncidentSettings, summary
from raqib.alerts.rules import BUILTIN_RULES, Rule, RuleBook, actor_of
from raqib.alerts.seen import SeenReports
from raqib.alerts.sources import source_of
from raqib.alerts.summary import summarize

MAX_EVIDENCE = 20


def event_counts(event: dict) -> bool:
    """Negated, denied, feared or planned, and background events never raise an alert."""
    return not (event["negated"] or event.get("irrealis") or event.get("historical")
                or event["modality"] == "denied")


def report_time(report: dict) -> datetime:
    return _parse(report.get("published_at") or report["ingested_at"])


class Detector:
    """Alerts from reports; `state` holds the rules' groups, `incidents` the clusters."""

    def __init__(self, rules: RuleBook | list[Rule], state: MutableMapping[str, dict],
                 incidents: Incidents, seen: SeenReports) -> None:
        self.rulebook = rules if isinstance(rules, RuleBook) else None
        self._rules = None if isinstance(rules, RuleBook) else rules
        self.state = state
        self.incidents = incidents
        self.seen = seen

    @classmethod
    def in_memory(cls, rules: RuleBook | list[Rule] | None = None,
                  incident_settings: IncidentSettings | None = None) -> Detector:
        """A detector whose state is plain dicts, for `raqib process`, tests and benchmarks."""
        incident_settings = incident_settings or IncidentSettings()
        return cls(rules if rules is not None else RuleBook([BUILTIN_RULES]), {},
                   Incidents({}, incident_settings), SeenReports({}, incident_settings.copies))

    @property
    def rules(self) -> list[Rule]:
        return self.rulebook.rules if self.rulebook is not None else self._rules

    def process(self, report: dict, now: datetime | None = None) -> list[dict]:
        """The alert versions this report raises or updates, in a stable order."""
        now = now or datetime.now(UTC)
        entities = {e["id"]: e for e in report["entities"]}
        at = report_time(report)
        countable = [e for e in report["events"] if event_counts(e)]
        # a report counted before (redelivered, reposted, syndicated) joins its incident
        # as a copy, and counts for no alert
        seen_before = bool(countable) and self.seen.check_and_add(report, at) is not None
        incident_of = self.incidents.assign(report, countable, entities, at, copy=seen_before)
        if not countable or seen_before:
            return []
        groups: dict[str, tuple[Rule, list[dict]]] = {}
        rules = self.rules  # one set of rules for the whole report, even if they reload
        for event in countable:
            for rule in rules:
                values = [_group_value(key, rule, event, entities, incident_of)
                          for key in rule.group_by]
                key = "\x1f".join([rule.id, *values])
                if rule.matches(event, entities) or self._corroborates(rule, key, event):
                    groups.setdefault(key, (rule, []))[1].append(event)
        alerts = []
        for key, (rule, events) in sorted(groups.items()):
            alert = self._observe(key, rule, report, events, entities, incident_of, at, now)
            if alert is not None:
                alerts.append(alert)
        return alerts

    def _corroborates(self, rule: Rule, key: str, event: dict) -> bool:
        """Any report of the incident a provisional alert is about corroborates it: the
        claim opened the alert, an asserted or relayed report of it confirms it."""
        if rule.corroborating_sources is None or event["type"] not in rule.types:
            return False
        state = self.state.get(key)
        return bool(state and state["episode"])

    def _observe(self, key: str, rule: Rule, report: dict, events: list[dict],
                 entities: dict[str, dict], incident_of: dict[str, dict], at: datetime,
                 now: datetime) -> dict | None:
        state = self.state.get(key) or {"events": [], "places": {}, "incidents": {},
                                        "days": {}, "episode": None, "last_alert_at": None}
        if "places" not in state:  # written before the window's marks were compacted
            old, state["events"], state["places"], state["incidents"] = state["events"], [], {}, {}
            _remember(state, old, rule)
        stamp = _iso(at)
        marks = [_mark(at, report, e, entities, incident_of) for e in events]
        _remember(state, marks, rule)
        day = at.date().isoformat()
        state["days"][day] = state["days"].get(day, 0) + len(events)
        _forget_old(state, rule, at)

        episode = state["episode"]
        reached = _threshold_reached(state, rule, _in_window(state, rule, at), at)
        # an escalation also ends when the rate is normal again
        if episode is not None and (_episode_over(episode, state, rule, at)
                                    or rule.baseline_days and not reached):
            state["closed"], state["episode"] = episode, None
            episode = None
        if episode is None and not reached:
            self.state[key] = state
            return None
        if episode is None:  # it opens with every event of the window that reached it
            episode = state["episode"] = _open_episode(key, rule, at, state.get("closed"))
            if "admin1" in rule.group_by:
                episode["label"] = key.split("\x1f")[1 + rule.group_by.index("admin1")]
            start, end = int(_window_start(rule, at).timestamp()), int(at.timestamp())
            marks = [_recall(state, m) for m in state["events"] if start <= m[AT] <= end]
        _add_evidence(episode, marks)
        episode["last_event_at"] = stamp
        episode["updated_by"] = report["report_id"]
        episode["version"] += 1
        episode["created_at"] = episode["created_at"] or _iso(now)
        episode["updated_at"] = _iso(now)
        state["last_alert_at"] = stamp
        self.state[key] = state
        return _alert(rule, episode, at)


def _mark(at: datetime, report: dict, event: dict, entities: dict[str, dict],
          incident_of: dict[str, dict]) -> dict:
    """What an alert needs to remember of one event (`at` in epoch seconds)."""
    actor = actor_of(entities, event)
    incident = incident_of.get(event["id"])
    return {"at": int(at.timestamp()), "report_id": report["report_id"],
            "source": source_of(report),
            "type": event["type"], "actor": actor["canonical"] if actor else None,
            "place": _place(entities.get(event["location"])),
            "incident": summary(incident) if incident else None,
            "evidence": _evidence(report, event)}


# A group's state is rewritten (and, in the worker, sent to its changelog) at each of its
# events, so the marks of its window are kept small: a list each, places and incidents
# once per state, and the evidence sentence only on the first MAX_EVIDENCE marks of each
# window-long stretch of event time (an alert that opens takes its evidence from the
# first events of its window, and a late report still finds its window's evidence).
AT, REPORT, SOURCE, TYPE, ACTOR, PLACE, INCIDENT, EVIDENCE = range(8)


def _remember(state: dict, marks: list[dict], rule: Rule) -> None:
    size = int(rule.window.total_seconds())
    with_evidence = Counter(m[AT] // size for m in state["events"] if m[EVIDENCE] is not None)
    for mark in marks:
        stretch = mark["at"] // size
        keep = with_evidence[stretch] < MAX_EVIDENCE
        with_evidence[stretch] += keep
        place, incident = mark["place"], mark["incident"]
        place_key = None
        if place is not None:
            place_key = f"{place['ref']}\x1f{place['precision']}\x1f{place['name']}"
            state["places"][place_key] = place
        if incident is not None:
            state["incidents"][incident["incident_id"]] = incident
        state["events"].append([mark["at"], mark["report_id"], mark["source"], mark["type"],
                                mark["actor"], place_key,
                                incident["incident_id"] if incident else None,
                                mark["evidence"] if keep else None])


def _recall(state: dict, compact: list) -> dict:
    """A compacted mark as `_mark` made it."""
    return {"at": compact[AT], "report_id": compact[REPORT], "source": compact[SOURCE],
            "type": compact[TYPE], "actor": compact[ACTOR],
            "place": state["places"].get(compact[PLACE]),
            "incident": state["incidents"].get(compact[INCIDENT]),
            "evidence": compact[EVIDENCE]}


def _forget_old(state: dict, rule: Rule, at: datetime) -> None:
    """Keep what the window (or the baseline, or the cool-down) can still need."""
    horizon = int((at - max(rule.window, rule.cooldown) - rule.window).timestamp())
    state["events"] = [m for m in state["events"] if m[AT] >= horizon]
    places = {m[PLACE] for m in state["events"]}
    incidents = {m[INCIDENT] for m in state["events"]}
    state["places"] = {k: v for k, v in state["places"].items() if k in places}
    state["incidents"] = {k: v for k, v in state["incidents"].items() if k in incidents}
    if rule.baseline_days:
        oldest = (at - timedelta(days=rule.baseline_days + 1)).date().isoformat()
        state["days"] = {d: n for d, n in state["days"].items() if d >= oldest}
    else:
        state["days"] = {}


def _window_start(rule: Rule, at: datetime) -> datetime:
    if rule.sliding:
        return at - rule.window
    size = int(rule.window.total_seconds())
    return datetime.fromtimestamp(int(at.timestamp()) // size * size, UTC)


def _in_window(state: dict, rule: Rule, at: datetime) -> tuple[int, int]:
    """Events and distinct sources in the window that ends (sliding) or holds (tumbling) `at`."""
    start, end = int(_window_start(rule, at).timestamp()), int(at.timestamp())
    events = [m for m in state["events"] if start <= m[AT] <= end]
    return len(events), len({m[SOURCE] for m in events})


def _threshold_reached(state: dict, rule: Rule, in_window: tuple[int, int],
                       at: datetime) -> bool:
    events, sources = in_window
    if events < rule.min_events or sources < rule.min_sources:
        return False
    if rule.baseline_days:
        today = at.date()
        past = [state["days"].get((today - timedelta(days=d)).isoformat(), 0)
                for d in range(1, rule.baseline_days + 1)]
        average = sum(past) / rule.baseline_days
        return events >= rule.baseline_factor * average and events >= rule.min_events
    return True


def _episode_over(episode: dict, state: dict, rule: Rule, at: datetime) -> bool:
    """An alert stays open while its events keep coming within window + cool-down."""
    quiet = at - _parse(episode["last_event_at"])
    if rule.sliding:
        return quiet > rule.window + rule.cooldown
    since_alert = at - _parse(state["last_alert_at"])
    return _window_start(rule, at) > _parse(episode["window"]["start"]) and (
        since_alert > rule.cooldown)


def _open_episode(key: str, rule: Rule, at: datetime, closed: dict | None) -> dict:
    start = _window_start(rule, at)
    opening = start if not rule.sliding else at
    alert_id = "a-" + hashlib.blake2b(f"{key}\x1f{_iso(opening)}".encode(),
                                      digest_size=10).hexdigest()
    if closed is not None and closed["alert_id"] == alert_id:
        return closed  # the same window again: its alert goes on with its next version
    return {"alert_id": alert_id, "version": 0, "count": 0, "reports": [], "sources": [],
            "actors": [], "location": None, "places": [], "label": None, "event_types": [],
            "evidence": [],
            "incidents": {}, "window": {"start": _iso(start), "end": _iso(start + rule.window)},
            "last_event_at": _iso(at), "created_at": None, "updated_at": None}


def _add_evidence(episode: dict, marks: list[dict]) -> None:
    for mark in marks:
        episode["reports"] = _merge(episode["reports"], mark["report_id"])
        episode["sources"] = _merge(episode["sources"], mark["source"])
        episode["count"] += 1
        episode["actors"] = _merge(episode["actors"], mark["actor"])
        episode["location"] = _better_place(episode["location"], mark["place"])
        if mark["place"]:
            episode["places"] = _merge(episode["places"], mark["place"]["name"])
        episode["event_types"] = _merge(episode["event_types"], mark["type"])
        if len(episode["evidence"]) < MAX_EVIDENCE and mark["evidence"] is not None:
            episode["evidence"].append(mark["evidence"])
        if mark["incident"]:
            episode["incidents"][mark["incident"]["incident_id"]] = mark["incident"]


def _alert(rule: Rule, episode: dict, at: datetime) -> dict:
    location = episode["location"]
    sources = len(episode["sources"])
    provisional = rule.corroborating_sources is not None and sources < rule.corroborating_sources
    window = dict(episode["window"])
    if rule.sliding:
        window = {"start": _iso(at - rule.window), "end": _iso(at)}
    alert = {
        "alert_id": episode["alert_id"],
        "version": episode["version"],
        "rule_id": rule.id,
        "severity": rule.provisional_severity if provisional else rule.severity,
        "status": "provisional" if provisional else (
            "active" if episode["version"] == 1 else "updated"),
        "title": f"{rule.title}: {episode['label'] or location['name']}" if (
            episode["label"] or location) else rule.title,
        "summary": "",
        "event_type": episode["event_types"][0],
        "location": location,
        "places": episode["places"],
        "actors": episode["actors"],
        "window": window,
        "count": episode["count"],
        "num_sources": sources,
        "evidence": list(episode["evidence"]),
        "updated_by": episode["updated_by"],
        "incidents": sorted(episode["incidents"].values(), key=lambda i: i["incident_id"]),
        "created_at": episode["created_at"],
        "updated_at": episode["updated_at"],
    }
    alert["summary"] = summarize(alert)
    return alert


def _group_value(key: str, rule: Rule, event: dict, entities: dict[str, dict],
                 incident_of: dict[str, dict]) -> str:
    actor = actor_of(entities, event) or {}
    place = entities.get(event["location"]) or {}
    if key == "incident":
        return incident_of[event["id"]]["id"] if event["id"] in incident_of else "none"
    if key == "cell":
        if "lat" not in place:
            return "none"
        degrees = rule.cell_km / 111.0
        return f"{math.floor(place['lat'] / degrees)}:{math.floor(place['lon'] / degrees)}"
    if key == "actor":
        return actor.get("ref") or "unknown"
    if key == "affiliation":
        return actor.get("affiliation") or actor.get("ref") or "unknown"
    if key == "admin1":
        return place.get("admin1") or place.get("country") or "unknown"
    return place.get("ref") or "unknown"  # place


def _merge(values: list[str], value: str | None) -> list[str]:
    return values if value is None or value in values else [*values, value]


def _place(entity: dict | None) -> dict | None:
    if not entity or "lat" not in entity:
        return None
    return {"name": entity["canonical"], "lat": entity["lat"], "lon": entity["lon"],
            "ref": entity["ref"], "precision": entity.get("precision", 3)}


def _better_place(current: dict | None, candidate: dict | None) -> dict | None:
    """Keep the most precise place seen (precision 1 beats 3)."""
    if candidate is None:
        return current
    if current is None or candidate["precision"] < current["precision"]:
        return candidate
    return current


def _evidence(report: dict, event: dict) -> dict:
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
