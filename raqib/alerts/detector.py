"""detect: enriched reports -> alerts. One situation, one alert, updated rather than repeated.

For each event that counts (a current fact of the report: not negated, denied, planned,
generic, historical, nor in another article's headline, a comment or a trailer) and
each rule it matches, the rule's group (an incident, an area cell, an actor, ...) keeps
a `Group` record: the marks of the events in the rule's window, new incidents per day
for its baseline, and its open alert (an `Episode`). When the window holds enough
distinct events, incidents and sources (and, for escalation rules, well above a
baseline the group has the history for), the episode opens and its alert is published;
more evidence publishes the next version of the same alert_id, but only when something
an analyst reads has changed.

Rules relate as data: while a rule's alert is open, the rules it inhibits do not open
alerts of their own for the same situation; their events join the open alert instead
(a strike on a gas field is one high alert, not a strike alert beside it). Within one
report each alert is published at most once.

Counting: the mentions of one event in a report are already one event (extract); the
reports of one incident are one incident (incidents.py); an alert's count is, per
incident, the most distinct events any one report gives it. A report counted once is
never counted again: redelivered, reposted or syndicated (seen.py), it adds nothing.
Time is the report's own (published_at, else ingested_at), so replaying history gives
the alerts it gave live.

The state lives in mappings of typed records (state.py): dicts in `raqib process` and
`raqib replay`, changelog-backed stores in the worker.
"""

from __future__ import annotations

import hashlib
import math
from collections import Counter
from collections.abc import Mapping, MutableMapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from raqib.alerts.incidents import Incidents, IncidentSettings, summary
from raqib.alerts.marks import Marks
from raqib.alerts.rules import (
    BUILTIN_RULES,
    Rule,
    RuleBook,
    actor_of,
    inhibitors_first,
)
from raqib.alerts.seen import SeenReports
from raqib.alerts.sources import source_of
from raqib.alerts.state import (
    STORES,
    Episode,
    Evidence,
    Group,
    Incident,
    Mark,
    Page,
    Place,
    Window,
    key,
)
from raqib.alerts.summary import summarize
from raqib.geo import distance_km

MAX_EVIDENCE = 20
#: the area cells an `equal: [cell]` inhibition compares (a rule's own cells may differ)
LABEL_CELL_KM = 25.0


def event_counts(event: dict) -> bool:
    """Whether rules may count the event: a current fact of the report (whether a claim or
    a relayed report counts is the rule's choice, by modality)."""
    if "counts" in event:
        return event["counts"]
    return not (event["negated"] or event.get("irrealis") or event.get("historical")
                or event["modality"] == "denied")


def report_time(report: dict) -> datetime:
    return _parse(report.get("published_at") or report["ingested_at"])


class Detector:
    """Alerts from reports; `groups` holds the rules' groups, `pages` their older marks,
    `incidents` the clusters."""

    def __init__(self, rules: RuleBook | list[Rule], groups: MutableMapping[str, Group],
                 pages: MutableMapping[str, Page], incidents: Incidents,
                 seen: SeenReports) -> None:
        self.rulebook = rules if isinstance(rules, RuleBook) else None
        self._rules = None if isinstance(rules, RuleBook) else inhibitors_first(rules)
        self.groups = groups
        self.marks = Marks(pages)
        self.incidents = incidents
        self.seen = seen

    @classmethod
    def over(cls, rules: RuleBook | list[Rule], stores: Mapping[str, MutableMapping],
             incident_settings: IncidentSettings) -> Detector:
        """A detector whose state is in `stores`, one mapping per name of `STORES`."""
        return cls(rules, stores["groups"], stores["pages"],
                   Incidents(stores["incidents"], incident_settings),
                   SeenReports(stores["seen"], incident_settings.copies))

    @classmethod
    def in_memory(cls, rules: RuleBook | list[Rule] | None = None,
                  incident_settings: IncidentSettings | None = None) -> Detector:
        """A detector whose state is plain dicts, for `raqib process`, tests and benchmarks."""
        return cls.over(rules if rules is not None else RuleBook([BUILTIN_RULES]),
                        {name: {} for name in STORES}, incident_settings or IncidentSettings())

    @property
    def rules(self) -> list[Rule]:
        return self.rulebook.rules if self.rulebook is not None else self._rules

    def process(self, report: dict, now: datetime | None = None) -> list[dict]:
        """The alert versions this report raises or updates, in a stable order."""
        now = now or datetime.now(UTC)
        at = report_time(report)
        entities = {e["id"]: e for e in report["entities"]}
        countable = [e for e in report["events"] if event_counts(e)]
        # a report counted before (redelivered, reposted, syndicated) joins its incident
        # as a copy, and counts for no alert
        seen_before = bool(countable) and self.seen.check_and_add(report, at) is not None
        incident_of = self.incidents.assign(report, countable, entities, at, copy=seen_before)
        if not countable or seen_before:
            return []
        view = _View(report, entities, incident_of, at)
        rules = self.rules  # one set of rules for the whole report, even if they reload
        changed: dict[str, tuple[Rule, Group]] = {}  # group key -> its rule and record
        for rule in rules:
            for group_key, events in sorted(self._groups_of(rule, countable, view).items()):
                group = self.groups.get(group_key) or Group(first_at=view.at_s)
                marks, history = self._remember(group_key, group, events, view, rule)
                inhibitor = (self._inhibitor(rule, rules, events, view)
                             or self._next_door(rule, group_key, events, view))
                if inhibitor is not None:  # the situation has its alert: they join it
                    other_key, other_rule, other_group = inhibitor
                    _add_to_episode(other_group.episode, marks, group, view.at)
                    changed[other_key] = (other_rule, other_group)
                elif self._observe(group_key, rule, group, events, marks, history, view,
                                   now):
                    changed[group_key] = (rule, group)
                self.groups[group_key] = group
        alerts = []
        for group_key, (rule, group) in changed.items():
            alert = _publish(rule, group.episode, view.at, now)
            if alert is not None:
                group.last_alert_at = _iso(view.at)
                alerts.append(alert)
            self.groups[group_key] = group
        return alerts

    def _groups_of(self, rule: Rule, events: list[dict], view: _View) -> dict[str, list[dict]]:
        groups: dict[str, list[dict]] = {}
        for event in events:
            if rule.matches(event, view.entities) or self._corroborates(rule, event, view):
                groups.setdefault(_group_key(rule, event, view), []).append(event)
        return groups

    def _corroborates(self, rule: Rule, event: dict, view: _View) -> bool:
        """Any report of the incident a provisional alert is about corroborates it: the
        claim opened the alert, an asserted or relayed report of it confirms it."""
        if rule.corroborating_sources is None or event["type"] not in rule.types:
            return False
        group = self.groups.get(_group_key(rule, event, view))
        return bool(group and group.episode)

    def _inhibitor(self, rule: Rule, rules: list[Rule], events: list[dict],
                   view: _View) -> tuple[str, Rule, Group] | None:
        """The open alert of a rule that inhibits `rule` for these events, if any."""
        for other in rules:
            if rule.id not in other.inhibits:
                continue
            for event in events:
                other_key = _group_key(other, event, view)
                group = self.groups.get(other_key)
                episode = group.episode if group else None
                if (episode is not None and not _episode_over(episode, group, other, view.at)
                        and all(view.label(name, event) in episode.labels.get(name, ())
                                for name in other.equal)):
                    return other_key, other, group
        return None

    def _next_door(self, rule: Rule, group_key: str, events: list[dict],
                   view: _View) -> tuple[str, Rule, Group] | None:
        """For a rule grouping by area cell: the open alert of a neighbouring cell, which
        the events join (a cluster does not stop at a cell's edge)."""
        if "cell" not in rule.group_by:
            return None
        for other_key in _neighbour_keys(rule, events[0], view):
            group = self.groups.get(other_key)
            if (other_key != group_key and group is not None and group.episode is not None
                    and not _episode_over(group.episode, group, rule, view.at)):
                return other_key, rule, group
        return None

    def _nearby(self, rule: Rule, group_key: str, event: dict, view: _View) -> Group:
        """For a rule grouping by area cell: the marks of the neighbouring cells within
        the cell's size of the event, with their places and incidents."""
        nearby = Group(first_at=view.at_s)
        place = view.place(event)
        if "cell" not in rule.group_by or place is None:
            return nearby
        for other_key in _neighbour_keys(rule, event, view):
            group = self.groups.get(other_key)
            if other_key == group_key or group is None:
                continue
            for mark in self.marks.of(other_key, group):
                there = group.places.get(mark.place) if mark.place else None
                if there and distance_km(place.lat, place.lon, there.lat,
                                         there.lon) <= rule.cell_km:
                    nearby.marks.append(mark)
                    nearby.places[mark.place] = there
                    if mark.incident in group.incidents:
                        nearby.incidents[mark.incident] = group.incidents[mark.incident]
        return nearby

    def _observe(self, group_key: str, rule: Rule, group: Group, events: list[dict],
                 marks: list[Mark], history: list[Mark], view: _View, now: datetime) -> bool:
        """Open or update the group's episode with the report's marks; whether it did."""
        at = view.at
        episode = group.episode
        nearby = self._nearby(rule, group_key, events[0], view)
        reached = _threshold_reached(group, rule,
                                     _in_window(history + nearby.marks, rule, at), at)
        # an escalation also ends when the rate is normal again
        if episode is not None and (_episode_over(episode, group, rule, at)
                                    or rule.baseline_days and not reached):
            group.closed, group.episode = episode, None
            episode = None
        if episode is None and not reached:
            return False
        if episode is None:  # it opens with every event of the window that reached it
            episode = group.episode = _open_episode(group_key, rule, at, group.closed)
            if "admin1" in rule.group_by:  # (a region of no province is named by itself)
                label = view.group_value("admin1", events[0], rule)
                episode.label = None if label == UNKNOWN else label
            start, end = int(_window_start(rule, at).timestamp()), int(at.timestamp())
            marks = [m for m in history if start <= m.at <= end]
            _add_to_episode(episode, [m for m in nearby.marks if start <= m.at <= end],
                            nearby, at)
        _add_to_episode(episode, marks, group, at)
        episode.created_at = episode.created_at or _iso(now)
        return True

    def _remember(self, group_key: str, group: Group, events: list[dict], view: _View,
                  rule: Rule) -> tuple[list[Mark], list[Mark]]:
        """The report's events as marks in the group; those marks, and all the group keeps.

        Marks are kept small, as they are written to changelogs: places and incidents
        once per group record, and the evidence sentence only on the first MAX_EVIDENCE
        marks of each window-long stretch of event time (an alert that opens takes its
        evidence from the first events of its window, and a late report still finds its
        window's evidence)."""
        size = int(rule.window.total_seconds())
        history = self.marks.of(group_key, group)
        with_evidence = Counter(m.at // size for m in history if m.evidence is not None)
        day = view.at.date().isoformat()
        start_of_day = int(datetime.combine(view.at.date(), datetime.min.time(),
                                            UTC).timestamp())
        known = {m.incident for m in history if m.at >= start_of_day}  # today's incidents
        marks = []
        for event in events:
            actor = actor_of(view.entities, event) or {}
            place = view.place(event)
            place_key = _place_key(place) if place else None
            if place is not None:
                group.places[place_key] = place
            incident = view.incident_of.get(event["id"])
            if incident is not None:
                group.incidents[incident.id] = summary(incident)
            stretch = view.at_s // size
            keep = with_evidence[stretch] < MAX_EVIDENCE
            with_evidence[stretch] += keep
            mark = Mark(at=view.at_s, report_id=view.report["report_id"], event_id=event["id"],
                        source=source_of(view.report), type=event["type"],
                        actor=actor.get("canonical"), actor_ref=actor.get("ref"),
                        affiliation=actor.get("affiliation"), place=place_key,
                        incident=view.incident_id(event),
                        evidence=_evidence(view.report, event) if keep else None)
            if mark.incident not in known:  # one more incident today, for the baseline
                group.days[day] = group.days.get(day, 0) + 1
                known.add(mark.incident)
            marks.append(mark)
        self.marks.add(group_key, group, marks)
        return marks, self._forget_old(group_key, group, rule, view.at)

    def _forget_old(self, group_key: str, group: Group, rule: Rule,
                    at: datetime) -> list[Mark]:
        """Keep what the window (or the baseline, or the cool-down) can still need; the
        marks kept."""
        horizon = int((at - max(rule.window, rule.cooldown) - rule.window).timestamp())
        self.marks.forget_before(group_key, group, horizon)
        history = self.marks.of(group_key, group)
        places = {m.place for m in history}
        incidents = {m.incident for m in history}
        group.places = {k: v for k, v in group.places.items() if k in places}
        group.incidents = {k: v for k, v in group.incidents.items() if k in incidents}
        if rule.baseline_days:
            oldest = (at - timedelta(days=rule.baseline_days + 1)).date().isoformat()
            group.days = {d: n for d, n in group.days.items() if d >= oldest}
        else:
            group.days = {}
        return history


@dataclass
class _View:
    """One report as the rules see it: its entities, its events' incidents, and the
    labels of its events."""

    report: dict
    entities: dict[str, dict]
    incident_of: dict[str, Incident]
    at: datetime

    @property
    def at_s(self) -> int:
        return int(self.at.timestamp())

    def incident_id(self, event: dict) -> str:
        incident = self.incident_of.get(event["id"])
        return incident.id if incident else f"{self.report['report_id']}/{event['id']}"

    def place(self, event: dict) -> Place | None:
        entity = self.entities.get(event["location"])
        if not entity or "lat" not in entity:
            return None
        return Place(entity["canonical"], entity["lat"], entity["lon"], entity["ref"],
                     entity.get("precision", 3), entity.get("admin1") or entity.get("country"))

    def group_value(self, name: str, event: dict, rule: Rule) -> str:
        if name == "cell":
            return _cell(self.place(event), rule.cell_km)
        return self.label(name, event)

    def label(self, name: str, event: dict) -> str:
        actor = actor_of(self.entities, event) or {}
        return _label(name, self.incident_id(event), self.place(event), actor.get("ref"),
                      actor.get("affiliation"))


#: what rules group by, and inhibitions compare
LABELS = ("incident", "cell", "actor", "affiliation", "admin1", "place")
#: a label's value when the event has none (no actor named, a region of no province)
UNKNOWN = "unknown"


def _label(name: str, incident: str, place: Place | None, actor_ref: str | None,
           affiliation: str | None) -> str:
    """An event's value of a label."""
    if name == "incident":
        return incident
    if name == "cell":
        return _cell(place, LABEL_CELL_KM)
    if name == "actor":
        return actor_ref or UNKNOWN
    if name == "affiliation":
        return affiliation or actor_ref or UNKNOWN
    if name == "admin1":
        return (place.admin1 if place else None) or UNKNOWN
    return (place.ref if place else None) or UNKNOWN  # place


def _group_key(rule: Rule, event: dict, view: _View) -> str:
    return key(rule.id, *(view.group_value(name, event, rule) for name in rule.group_by))


def _neighbour_keys(rule: Rule, event: dict, view: _View) -> list[str]:
    """The group keys of the event's cell and the eight around it."""
    cell = view.group_value("cell", event, rule)
    if cell == "none":
        return []
    row, col = map(int, cell.split(":"))
    values = [view.group_value(name, event, rule) for name in rule.group_by]
    at = rule.group_by.index("cell")
    keys = []
    for dr in (-1, 0, 1):
        for dc in (-1, 0, 1):
            values[at] = f"{row + dr}:{col + dc}"
            keys.append(key(rule.id, *values))
    return keys


def _cell(place: Place | None, km: float) -> str:
    if place is None:
        return "none"
    degrees = km / 111.0
    return f"{math.floor(place.lat / degrees)}:{math.floor(place.lon / degrees)}"


@dataclass(frozen=True)
class _Counts:
    events: int  # distinct events: per incident, the most any one report gives it
    incidents: int
    sources: int


def _in_window(marks: list[Mark], rule: Rule, at: datetime) -> _Counts:
    """What the window that ends (sliding) or holds (tumbling) `at` has seen."""
    start, end = int(_window_start(rule, at).timestamp()), int(at.timestamp())
    marks = [m for m in marks if start <= m.at <= end]
    per_report: dict[str, Counter] = {}
    for m in marks:
        per_report.setdefault(m.incident, Counter())[m.report_id] += 1
    return _Counts(events=sum(max(c.values()) for c in per_report.values()),
                   incidents=len(per_report), sources=len({m.source for m in marks}))


def _threshold_reached(group: Group, rule: Rule, counts: _Counts, at: datetime) -> bool:
    if (counts.events < rule.min_events or counts.incidents < rule.min_incidents
            or counts.sources < rule.min_sources):
        return False
    if rule.baseline_days:
        # a cold start is not an escalation: the group needs the history to compare with
        if at.timestamp() - group.first_at < rule.baseline_days * 86400:
            return False
        today = at.date()
        past = [group.days.get((today - timedelta(days=d)).isoformat(), 0)
                for d in range(1, rule.baseline_days + 1)]
        average = sum(past) / rule.baseline_days
        return counts.incidents >= rule.baseline_factor * average
    return True


def _window_start(rule: Rule, at: datetime) -> datetime:
    if rule.sliding:
        return at - rule.window
    size = int(rule.window.total_seconds())
    return datetime.fromtimestamp(int(at.timestamp()) // size * size, UTC)


def _episode_over(episode: Episode, group: Group, rule: Rule, at: datetime) -> bool:
    """An alert stays open while its events keep coming within window + cool-down."""
    quiet = at - _parse(episode.last_event_at)
    if rule.sliding:
        return quiet > rule.window + rule.cooldown
    since_alert = at - _parse(group.last_alert_at or episode.last_event_at)
    return _window_start(rule, at) > _parse(episode.window.start) and (
        since_alert > rule.cooldown)


def _open_episode(group_key: str, rule: Rule, at: datetime, closed: Episode | None) -> Episode:
    start = _window_start(rule, at)
    opening = start if not rule.sliding else at
    alert_id = "a-" + hashlib.blake2b(f"{group_key}\x1f{_iso(opening)}".encode(),
                                      digest_size=10).hexdigest()
    if closed is not None and closed.alert_id == alert_id:
        return closed  # the same window again: its alert goes on with its next version
    return Episode(alert_id=alert_id, rule_id=rule.id, version=0,
                   window=Window(_iso(start), _iso(start + rule.window)),
                   last_event_at=_iso(at))


def _add_to_episode(episode: Episode, marks: list[Mark], group: Group, at: datetime) -> None:
    """The episode takes marks: of its own group, or of a rule it inhibits (`group` is the
    record the marks are in, for their places and incidents)."""
    for mark in marks:
        events = episode.events.setdefault(mark.incident or "", {}).setdefault(
            mark.report_id, [])
        if mark.event_id in events:
            continue  # the same event, through another rule
        events.append(mark.event_id)
        place = group.places.get(mark.place) if mark.place else None
        _merge(episode.sources, mark.source)
        _merge(episode.actors, mark.actor)
        _merge(episode.event_types, mark.type)
        if place is not None:
            episode.location = _better_place(episode.location, place)
            _merge(episode.places, place.name)
        if len(episode.evidence) < MAX_EVIDENCE and mark.evidence is not None:
            episode.evidence.append(mark.evidence)
        if mark.incident in group.incidents:
            episode.incidents[mark.incident] = group.incidents[mark.incident]
        for name in LABELS:
            _merge(episode.labels.setdefault(name, []),
                   _label(name, mark.incident, place, mark.actor_ref, mark.affiliation))
        episode.last_event_at = max(episode.last_event_at, _iso(at))
        episode.updated_by = mark.report_id


def _merge(values: list[str], value: str | None) -> None:
    if value is not None and value not in values:
        values.append(value)


def _publish(rule: Rule, episode: Episode | None, at: datetime, now: datetime) -> dict | None:
    """The episode's next alert version, if an analyst would read something new in it."""
    if episode is None:
        return None
    alert = _alert(rule, episode, at)
    shown = _what_is_read(alert)
    if shown == episode.shown:
        return None
    episode.version += 1
    episode.shown = shown
    episode.updated_at = _iso(now)
    alert.update(version=episode.version, updated_at=episode.updated_at,
                 status=alert["status"] if alert["status"] == "provisional" else (
                     "active" if episode.version == 1 else "updated"))
    return alert


def _what_is_read(alert: dict) -> str:
    """What an analyst reads in an alert, apart from its window and timestamps: a new
    version is published only when this changes."""
    location = alert["location"]
    return repr((alert["rule_id"], alert["severity"], alert["status"] == "provisional",
                 alert["title"], alert["count"], alert["num_sources"], alert["actors"],
                 alert["places"], location["name"] if location else None, alert["event_type"],
                 [(i["incident_id"], i["num_reports"], i["num_sources"])
                  for i in alert["incidents"]]))


def _alert(rule: Rule, episode: Episode, at: datetime) -> dict:
    location = episode.location
    sources = len(episode.sources)
    provisional = rule.corroborating_sources is not None and sources < rule.corroborating_sources
    window = {"start": episode.window.start, "end": episode.window.end}
    if rule.sliding:
        window = {"start": _iso(at - rule.window), "end": _iso(at)}
    alert = {
        "alert_id": episode.alert_id,
        "version": episode.version,
        "rule_id": rule.id,
        "severity": rule.provisional_severity if provisional else rule.severity,
        "status": "provisional" if provisional else "active",
        "title": f"{rule.title}: {episode.label or location.name}" if (
            episode.label or location) else rule.title,
        "summary": "",
        "event_type": episode.event_types[0],
        "location": _place_dict(location),
        "places": list(episode.places),
        "actors": list(episode.actors),
        "window": window,
        "count": sum(max(len(events) for events in reports.values())
                     for reports in episode.events.values()),
        "num_sources": sources,
        "evidence": [_evidence_dict(e) for e in episode.evidence],
        "updated_by": episode.updated_by,
        "incidents": [_incident_dict(episode.incidents[i]) for i in sorted(episode.incidents)],
        "created_at": episode.created_at,
        "updated_at": episode.updated_at,
    }
    alert["summary"] = summarize(alert)
    return alert


def _place_key(place: Place) -> str:
    return key(place.ref or "", place.precision, place.name)


def _place_dict(place: Place | None) -> dict | None:
    if place is None:
        return None
    return {"name": place.name, "lat": place.lat, "lon": place.lon, "ref": place.ref,
            "precision": place.precision}


def _incident_dict(incident) -> dict:
    return {"incident_id": incident.incident_id, "num_reports": incident.num_reports,
            "num_sources": incident.num_sources, "num_copies": incident.num_copies}


def _evidence_dict(evidence: Evidence) -> dict:
    return {"report_id": evidence.report_id, "event_id": evidence.event_id,
            "sentence": evidence.sentence, "url": evidence.url, "source": evidence.source}


def _better_place(current: Place | None, candidate: Place) -> Place:
    """Keep the most precise place seen (precision 1 beats 3)."""
    if current is None or candidate.precision < current.precision:
        return candidate
    return current


def _evidence(report: dict, event: dict) -> Evidence:
    sentence = event["sentence"]
    return Evidence(report_id=report["report_id"], event_id=event["id"],
                    sentence=report["text"][sentence["start"]:sentence["end"]],
                    url=report.get("url"), source=report.get("source"))


def _parse(moment: str) -> datetime:
    return datetime.fromisoformat(moment.replace("Z", "+00:00"))


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")
