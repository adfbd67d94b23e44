"""Incident clustering: the reports that describe one incident join one incident.

An event joins an open incident of the same type when its place is within
`distance_km`, its report time within `window` of the incident's last report, and its
actors are compatible (same affiliation, or one side unknown). Otherwise it opens a
new incident, whose id is stable: derived from the first report and event.

An incident counts its reports and its independent sources; a repost or syndicated
copy of a report already counted (SeenReports says so: same content hash, or a
near-duplicate MinHash) is recorded as a copy and adds neither. Events without
coordinates are not merged.

State is a mapping from grid cells to the incidents in them (a dict in process, a
changelog-backed Faust table in the worker); cells are at least `distance_km` wide, so
the 3x3 cells around an event hold every incident that could match.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import MutableMapping
from dataclasses import dataclass
from datetime import datetime, timedelta

from raqib.alerts.sources import source_of

CLUSTERED_TYPES = frozenset({"strike", "troop_movement", "clash", "exercise"})


@dataclass(frozen=True)
class IncidentSettings:
    window: timedelta = timedelta(hours=24)
    distance_km: float = 25.0
    copies: timedelta = timedelta(days=7)  # how long a report's copies are recognised


class Incidents:
    def __init__(self, state: MutableMapping[str, list], settings: IncidentSettings) -> None:
        self.state = state
        self.settings = settings
        self.cell_degrees = max(settings.distance_km / 111.0, 0.01)

    def assign(self, report: dict, events: list[dict], entities: dict[str, dict],
               at: datetime, copy: bool = False) -> dict[str, dict]:
        """Event id -> the incident it belongs to (after this report), for clustered
        events; `copy` says the report copies one counted before."""
        assigned: dict[str, dict] = {}
        for event in events:
            if event["type"] not in CLUSTERED_TYPES:
                continue
            place = entities.get(event["location"]) or {}
            if "lat" not in place:
                assigned[event["id"]] = self._unplaced(report, event, at)
                continue
            assigned[event["id"]] = self._join(report, event, place, entities, at, copy)
        return assigned

    def _join(self, report: dict, event: dict, place: dict, entities: dict[str, dict],
              at: datetime, copy: bool) -> dict:
        lat, lon = place["lat"], place["lon"]
        affiliation = _affiliation(entities, event)
        home = self._cell(event["type"], lat, lon)
        for key in self._neighbours(event["type"], lat, lon):
            incidents = self.state.get(key) or []
            live = [i for i in incidents if at - _time(i["last_at"]) <= self.settings.window]
            for incident in live:
                if (_km(lat, lon, incident["lat"], incident["lon"]) <= self.settings.distance_km
                        and _compatible(affiliation, incident["affiliation"])
                        and abs(at - _time(incident["last_at"])) <= self.settings.window):
                    self._add(incident, report, at, affiliation, copy)
                    self.state[key] = live
                    return incident
            if len(live) != len(incidents):
                self.state[key] = live  # forget incidents past their window
        incident = _new(report, event, at, lat, lon, affiliation)
        self.state[home] = [*(self.state.get(home) or []), incident]
        return incident

    def _unplaced(self, report: dict, event: dict, at: datetime) -> dict:
        return _new(report, event, at, None, None, None)

    def _add(self, incident: dict, report: dict, at: datetime, affiliation: str | None,
             copy: bool) -> None:
        if report["report_id"] in incident["reports"]:
            return
        incident.pop("copies", None)  # fingerprints an older version kept here
        if copy:
            incident["num_copies"] += 1
            return
        incident["reports"].append(report["report_id"])
        source = source_of(report)
        if source not in incident["sources"]:
            incident["sources"].append(source)
        incident["last_at"] = max(incident["last_at"], _iso(at))
        incident["affiliation"] = incident["affiliation"] or affiliation

    def _cell(self, event_type: str, lat: float, lon: float) -> str:
        return f"{event_type}:{math.floor(lat / self.cell_degrees)}:" \
               f"{math.floor(lon / self.cell_degrees)}"

    def _neighbours(self, event_type: str, lat: float, lon: float) -> list[str]:
        row, col = math.floor(lat / self.cell_degrees), math.floor(lon / self.cell_degrees)
        return [f"{event_type}:{row + dr}:{col + dc}" for dr in (-1, 0, 1) for dc in (-1, 0, 1)]


def summary(incident: dict) -> dict:
    """What an alert carries of its incident."""
    return {"incident_id": incident["id"], "num_reports": len(incident["reports"]),
            "num_sources": len(incident["sources"]), "num_copies": incident["num_copies"]}


def _new(report: dict, event: dict, at: datetime, lat: float | None, lon: float | None,
         affiliation: str | None) -> dict:
    key = f"{report['report_id']}\x1f{event['id']}"
    return {
        "id": "i-" + hashlib.blake2b(key.encode(), digest_size=8).hexdigest(),
        "type": event["type"], "lat": lat, "lon": lon, "affiliation": affiliation,
        "first_at": _iso(at), "last_at": _iso(at), "reports": [report["report_id"]],
        "sources": [source_of(report)], "num_copies": 0,
    }


def _affiliation(entities: dict[str, dict], event: dict) -> str | None:
    actor = entities.get(event["actor"]) if event["actor"] else None
    if actor and actor.get("coref"):
        actor = entities.get(actor["coref"], actor)
    return actor.get("affiliation") if actor else None


def _compatible(a: str | None, b: str | None) -> bool:
    return a is None or b is None or a == b


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    h = (math.sin((p2 - p1) / 2) ** 2
         + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2)
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def _time(moment: str) -> datetime:
    return datetime.fromisoformat(moment.replace("Z", "+00:00"))


def _iso(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds").replace("+00:00", "Z")
