"""Typed mirrors of the topic schemas, for readers and type checkers.

Messages travel as plain dicts (orjson in, orjson out); these TypedDicts name their
fields. `tests/test_schemas.py` checks that each one matches its JSON Schema.
"""


from typing import Literal, NotRequired, TypedDict

EntityType = Literal["location", "actor", "weapon", "facility", "quantity", "date"]
EventType = Literal["strike", "troop_movement", "exercise", "clash", "other"]
Modality = Literal["asserted", "claimed", "reported", "denied", "hedged"]
Severity = Literal["low", "medium", "high", "critical"]


class RawReport(TypedDict):
    text: str
    id: NotRequired[str | int]
    title: NotRequired[str | None]
    source: NotRequired[str | None]
    url: NotRequired[str | None]
    published_at: NotRequired[str | None]
    language: NotRequired[str | None]


class Folded(TypedDict):
    text: str
    offsets: list[list[int]]


class NormalizedReport(TypedDict):
    report_id: str
    source: str | None
    url: str | None
    title: str | None
    published_at: str | None
    ingested_at: str
    language: str
    text: str
    folded: Folded
    sentences: list[list[int]]
    content_hash: str
    minhash: str
    extra: NotRequired[dict]


class Span(TypedDict):
    text: NotRequired[str]
    start: int
    end: int


class Entity(TypedDict):
    id: str
    type: EntityType
    text: str
    start: int
    end: int
    canonical: str
    ref: str | None
    lat: NotRequired[float]
    lon: NotRequired[float]
    country: NotRequired[str | None]
    admin1: NotRequired[str | None]
    precision: NotRequired[Literal[1, 2, 3]]
    kind: NotRequired[str]
    actor_type: NotRequired[str]
    affiliation: NotRequired[str | None]
    weapon_class: NotRequired[str]
    value: NotRequired[object]
    unit: NotRequired[str | None]


class Event(TypedDict):
    id: str
    type: EventType
    subtype: str | None
    negated: bool
    modality: Modality
    historical: NotRequired[bool]
    trigger: Span
    sentence: Span
    actor: str | None
    target: str | None
    location: str | None
    weapons: list[str]
    quantity: str | None
    time: str | None
    confidence: float


class EnrichedReport(TypedDict):
    report_id: str
    source: str | None
    url: str | None
    title: str | None
    published_at: str | None
    ingested_at: str
    language: str
    text: str
    sentences: list[list[int]]
    content_hash: str
    minhash: str
    extra: NotRequired[dict]
    entities: list[Entity]
    events: list[Event]


class AlertLocation(TypedDict):
    name: str
    lat: float
    lon: float
    ref: NotRequired[str | None]


class Window(TypedDict):
    start: str
    end: str


class Evidence(TypedDict):
    report_id: str
    event_id: str
    sentence: str
    url: str | None
    source: NotRequired[str | None]


class Alert(TypedDict):
    alert_id: str
    version: int
    rule_id: str
    severity: Severity
    status: Literal["provisional", "active", "updated", "closed"]
    title: str
    summary: str
    event_type: EventType
    location: AlertLocation | None
    places: NotRequired[list[str]]
    actors: list[str]
    window: Window
    count: int
    num_sources: int
    evidence: list[Evidence]
    updated_by: str  # the report whose events made this version
    created_at: str
    updated_at: str


class DeadLetter(TypedDict):
    stage: Literal["normalize", "extract", "detect"]
    reason: str
    detail: str
    original: str
    key: NotRequired[str | None]
    topic: str
    partition: int
    offset: int
    report_id: NotRequired[str | None]
    failed_at: str


#: schema name -> the TypedDict that mirrors it
RECORDS = {
    "raw": RawReport,
    "normalized": NormalizedReport,
    "enriched": EnrichedReport,
    "alert": Alert,
    "dlq": DeadLetter,
}
