"""Detection state, written down: one typed record per kind, with a version, a key and a
codec. The worker keeps these records in stores backed by changelog topics; `raqib
process` and `raqib replay` keep them in dicts.

- `Group`: what one rule remembers of one group (an incident, an area cell, an actor, a
  governorate ...): the newest marks of the events in its window, incidents per day for
  its baseline, and its open alert (`Episode`).
- `Page`: older marks of one group, sealed in pages of at most `PAGE_MARKS` (marks.py).
- `Cell`: the incidents of one kind of event in one grid cell (incidents.py).
- `Sightings`: the reports seen under one key, a report id, a content hash or a MinHash
  band (seen.py).

Keys are JSON arrays written as text (`["strike-on-critical-site","i-5f0c..."]`), so
that a key reads the same in a changelog as in the code. A record is encoded as a JSON
object with its version in `v`; a record of a version its type does not list in `READS`
is refused with a message that says so, rather than read by position.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from functools import cache
from typing import Any, ClassVar

import orjson


class StateVersionError(ValueError):
    """A stored record was written by another version of Raqib's detection state."""


def key(*parts: str | int) -> str:
    """A store key: the parts as a JSON array."""
    return orjson.dumps(parts).decode()


@dataclass(slots=True)
class Place:
    name: str
    lat: float
    lon: float
    ref: str | None
    precision: int  # 1 exact, 2 near a place, 3 a region
    admin1: str | None = None  # its governorate, or its country


@dataclass(slots=True)
class Evidence:
    report_id: str
    event_id: str
    sentence: str
    url: str | None
    source: str | None


@dataclass(slots=True)
class IncidentRef:
    """What an alert carries of an incident."""

    incident_id: str
    num_reports: int
    num_sources: int
    num_copies: int


@dataclass(slots=True)
class Mark:
    """One event of one report, as a group's window remembers it."""

    at: int  # event time, epoch seconds
    report_id: str
    event_id: str
    source: str
    type: str
    actor: str | None  # the actor's display name
    actor_ref: str | None
    affiliation: str | None
    place: str | None  # a key of Group.places
    incident: str | None  # a key of Group.incidents
    evidence: Evidence | None  # kept on the first marks of each window-long stretch


@dataclass(slots=True)
class Window:
    start: str
    end: str


@dataclass(slots=True)
class Episode:
    """A group's open alert: what its next version will say."""

    alert_id: str
    rule_id: str
    version: int
    window: Window
    last_event_at: str
    label: str | None = None  # the group's name when the rule groups by governorate
    reports: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    actors: list[str] = field(default_factory=list)
    location: Place | None = None
    places: list[str] = field(default_factory=list)
    event_types: list[str] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)
    incidents: dict[str, IncidentRef] = field(default_factory=dict)
    #: per incident, per report: the report's distinct events in it
    events: dict[str, dict[str, int]] = field(default_factory=dict)
    #: label -> values of the alert's events (incident, cell, actor, affiliation, admin1,
    #: place): what an inhibited rule's alert must share with it
    labels: dict[str, list[str]] = field(default_factory=dict)
    created_at: str | None = None
    updated_at: str | None = None
    updated_by: str | None = None
    shown: str | None = None  # what the last published version said, to publish changes only


@dataclass(slots=True)
class Group:
    VERSION: ClassVar[int] = 2
    #: a version-1 group is one whose marks are all in its own record, none in pages
    READS: ClassVar[tuple[int, ...]] = (1, 2)
    first_at: int  # the group's first event: its history, for baselines
    marks: list[Mark] = field(default_factory=list)  # the newest, after those in pages
    pages: list[int] = field(default_factory=list)  # its sealed pages, oldest first
    places: dict[str, Place] = field(default_factory=dict)
    incidents: dict[str, IncidentRef] = field(default_factory=dict)
    days: dict[str, int] = field(default_factory=dict)  # day -> incidents that day
    episode: Episode | None = None
    closed: Episode | None = None  # the last alert, reopened if its window comes back
    last_alert_at: str | None = None


@dataclass(slots=True)
class Page:
    VERSION: ClassVar[int] = 1
    marks: list[Mark] = field(default_factory=list)


@dataclass(slots=True)
class Incident:
    """Reports describing one incident: same type, near in place and time, compatible
    actors (incidents.py)."""

    id: str
    type: str
    lat: float | None
    lon: float | None
    ref: str | None  # the place, without its "near" or "countryside" suffix
    precision: int  # of the most precise place reported (1 exact, 2 near, 3 region)
    affiliation: str | None
    first_at: str
    last_at: str
    reports: list[str]
    sources: list[str]
    num_copies: int = 0


@dataclass(slots=True)
class Cell:
    VERSION: ClassVar[int] = 1
    incidents: list[Incident] = field(default_factory=list)


@dataclass(slots=True)
class Sighting:
    report_id: str
    signature: str  # MinHash, hex
    at: int  # epoch seconds


@dataclass(slots=True)
class Sightings:
    VERSION: ClassVar[int] = 1
    entries: list[Sighting] = field(default_factory=list)


# -- encoding ---------------------------------------------------------------------------

#: the records inside records: (record, field) -> (how they are held, their type)
_NESTED: dict[tuple[type, str], tuple[str, type]] = {
    (Group, "marks"): ("list", Mark), (Group, "places"): ("dict", Place),
    (Group, "incidents"): ("dict", IncidentRef), (Group, "episode"): ("one", Episode),
    (Group, "closed"): ("one", Episode), (Mark, "evidence"): ("one", Evidence),
    (Episode, "window"): ("one", Window), (Episode, "location"): ("one", Place),
    (Episode, "evidence"): ("list", Evidence), (Episode, "incidents"): ("dict", IncidentRef),
    (Page, "marks"): ("list", Mark), (Cell, "incidents"): ("list", Incident),
    (Sightings, "entries"): ("list", Sighting),
}


class RecordCodec:
    """Encodes one record type as versioned JSON, and decodes it back."""

    def __init__(self, record: type) -> None:
        self.record = record
        self.version = record.VERSION
        self.reads = getattr(record, "READS", (record.VERSION,))

    def encode(self, value: Any) -> bytes:
        return orjson.dumps({"v": self.version, **_plain(value)})

    def decode(self, data: bytes) -> Any:
        raw = orjson.loads(data)
        if raw.get("v") not in self.reads:
            raise StateVersionError(
                f"a {self.record.__name__} record of version {raw.get('v')} is stored; this "
                f"Raqib reads version {' or '.join(map(str, self.reads))}: empty the "
                "detection state (delete the changelog topics, or choose another "
                "RAQIB_APP_ID) and replay")
        return _build(self.record, raw)


@cache
def _layout(record: type) -> tuple[tuple[str, str, type | None], ...]:
    """Each field of a record type: its name, and how a record inside it is held."""
    return tuple((f.name, *_NESTED.get((record, f.name), ("", None))) for f in fields(record))


def _plain(value: Any) -> Any:
    """Records as dicts and lists, for orjson (which writes a slotted dataclass whole)."""
    return {name: getattr(value, name) for name, _, _ in _layout(type(value))}


def _build(record: type, raw: dict) -> Any:
    values = {}
    for name, held, nested in _layout(record):
        if name not in raw:
            continue  # the field's default
        value = raw[name]
        if value is not None and held == "one":
            value = _build(nested, value)
        elif held == "list":
            value = [_build(nested, item) for item in value]
        elif held == "dict":
            value = {name: _build(nested, item) for name, item in value.items()}
        values[name] = value
    return record(**values)


GROUP = RecordCodec(Group)
PAGE = RecordCodec(Page)
CELL = RecordCodec(Cell)
SIGHTINGS = RecordCodec(Sightings)

#: detection's stores, each holding one record type
STORES = {"groups": GROUP, "pages": PAGE, "incidents": CELL, "seen": SIGHTINGS}
