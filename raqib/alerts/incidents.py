"""Incident clustering: the reports that describe one incident join one incident.

An event joins an open incident of the same type when it is at the same place (the
same place named, or two exact places within SAME_SITE_KM, or, when either place is
vague, "near X" or a region, within `distance_km`), its report time within `window` of
the incident's first report, and its actors are compatible (same affiliation, or one
side unknown). Two villages shelled the same morning are two incidents; "the strike in
eastern Deir ez-Zor" joins the strike at the oil field there. Otherwise the event
opens a new incident, whose id is stable: derived from the first report and event.

An incident counts its reports and its independent sources; a repost or syndicated
copy of a report already counted (SeenReports says so: same content hash, or a
near-duplicate MinHash) is recorded as a copy and adds neither. Events without
coordinates are not merged.

State is a mapping from grid cells to the incidents in them (`Cell` records: a dict in
process, a changelog-backed store in the worker); cells are at least `distance_km`
wide, so the 3x3 cells around an event hold every incident that could match.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import MutableMapping
from dataclasses import dataclass
from datetime import datetime, timedelta

from raqib.alerts.sources import source_of
from raqib.alerts.state import Cell, Incident, IncidentRef, key
from raqib.geo import distance_km

CLUSTERED_TYPES = frozenset({"strike", "troop_movement", "clash", "exercise"})
#: two exact places this close are one place named twice ("the Conoco field", "the base")
SAME_SITE_KM = 3.0


@dataclass(frozen=True)
class IncidentSettings:
    window: timedelta = timedelta(hours=24)
    distance_km: float = 25.0
    copies: timedelta = timedelta(days=7)  # how long a report's copies are recognised


class Incidents:
    def __init__(self, state: MutableMapping[str, Cell], settings: IncidentSettings) -> None:
        self.state = state
        self.settings = settings
        self.cell_degrees = max(settings.distance_km / 111.0, 0.01)

    def assign(self, report: dict, events: list[dict], entities: dict[str, dict],
               at: datetime, copy: bool = False) -> dict[str, Incident]:
        """Event id -> the incident it belongs to (after this report), for clustered
        events; `copy` says the report copies one counted before."""
        assigned: dict[str, Incident] = {}
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
              at: datetime, copy: bool) -> Incident:
        lat, lon = place["lat"], place["lon"]
        affiliation = _affiliation(entities, event)
        home = self._cell(event["type"], lat, lon)
        for cell_key in self._neighbours(event["type"], lat, lon):
            cell = self.state.get(cell_key)
            if cell is None:
                continue
            # an incident is what happened within `window` of its first report: the same
            # village shelled again the next day is another incident
            live = [i for i in cell.incidents if at - _time(i.first_at) <= self.settings.window]
            for incident in live:
                if (self._same_place(place, incident)
                        and _compatible(affiliation, incident.affiliation)
                        and abs(at - _time(incident.first_at)) <= self.settings.window):
                    self._add(incident, report, at, affiliation, copy)
                    self.state[cell_key] = Cell(live)
                    return incident
            if len(live) != len(cell.incidents):
                self.state[cell_key] = Cell(live)  # forget incidents past their window
        incident = _new(report, event, at, place, affiliation)
        cell = self.state.get(home) or Cell()
        self.state[home] = Cell([*cell.incidents, incident])
        return incident

    def _unplaced(self, report: dict, event: dict, at: datetime) -> Incident:
        return _new(report, event, at, None, None)

    def _same_place(self, place: dict, incident: Incident) -> bool:
        if _base_ref(place.get("ref")) == incident.ref is not None:
            return True
        km = distance_km(place["lat"], place["lon"], incident.lat, incident.lon)
        vague = place.get("precision", 3) > 1 or incident.precision > 1
        return km <= (self.settings.distance_km if vague else SAME_SITE_KM)

    def _add(self, incident: Incident, report: dict, at: datetime, affiliation: str | None,
             copy: bool) -> None:
        if report["report_id"] in incident.reports:
            return
        if copy:
            incident.num_copies += 1
            return
        incident.reports.append(report["report_id"])
        source = source_of(report)
        if source not in incident.sources:
            incident.sources.append(source)
        incident.last_at = max(incident.last_at, _iso(at))
        incident.affiliation = incident.affiliation or affiliation

    def _cell(self, event_type: str, lat: float, lon: float) -> str:
        return key(event_type, math.floor(lat / self.cell_degrees),
                   math.floor(lon / self.cell_degrees))

    def _neighbours(self, event_type: str, lat: float, lon: float) -> list[str]:
        row, col = math.floor(lat / self.cell_degrees), math.floor(lon / self.cell_degrees)
        return [key(event_type, row + dr, col + dc) for dr in (-1, 0, 1) for dc in (-1, 0, 1)]


def summary(incident: Incident) -> IncidentRef:
    """What an alert carries of its incident."""
    return IncidentRef(incident.id, len(incident.reports), len(incident.sources),
                       incident.num_copies)


def _new(report: dict, event: dict, at: datetime, place: dict | None,
         affiliation: str | None) -> Incident:
    seed = f"{report['report_id']}\x1f{event['id']}"
    place = place or {}
    return Incident(id="i-" + hashlib.blake2b(seed.encode(), digest_size=8).hexdigest(),
                    type=event["type"], lat=place.get("lat"), lon=place.get("lon"),
                    ref=_base_ref(place.get("ref")), precision=place.get("precision", 3),
                    affiliation=affiliation, first_at=_iso(at), last_at=_iso(at),
                    reports=[report["report_id"]], sources=[source_of(report)])


def _base_ref(ref: str | None) -> str | None:
    """The place a phrase is about: "geonames:94787#near-s" (south of Kirkuk) -> Kirkuk."""
    return ref.split("#", 1)[0] if ref else None


def _affiliation(entities: dict[str, dict], event: dict) -> str | None:
    actor = entities.get(event["actor"]) if event["actor"] else None
    if actor and actor.get("coref"):
        actor = entities.get(actor["coref"], actor)
    return actor.get("affiliation") if actor else None


def _compatible(a: str | None, b: str | None) -> bool:
    return a is None or b is None or a == b


def _time(moment: str) -> datetime:
    return datetime.fromisoformat(moment.replace("Z", "+00:00"))


def _iso(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds").replace("+00:00", "Z")
