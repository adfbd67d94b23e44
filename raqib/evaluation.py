"""Scoring the extractor against annotated documents: precision, recall and F1 per type.

Two annotation formats are read:

- re3d (https://github.com/dstl/re3d): a folder with documents.json and entities.json
  (one JSON object per line each). Its types map to Raqib's: Location -> location,
  Organisation -> actor, Weapon and MilitaryPlatform -> weapon, Quantity -> quantity,
  Temporal -> date; the others (Person, Nationality, Money, ...) are not scored.
- Raqib's JSONL: one report per line, the raw report's fields plus
  `entities: [{type, start, end}]` and, for events, one entry per event
  `events: [{type, negated, modality, place, lat, lon}]` (docs/annotation-guide.md).

Entities are scored twice: strict (same type, same span) and lenient (same type,
overlapping spans, each gold span matched at most once). Facilities count as
locations, as re3d annotates them.

Events are scored event by event: a predicted event that counts (a current fact of the
report: not negated, denied, planned, generic, historical, nor outside the report
proper) matches an annotated event that is not negated when both have the same type and
the same place (the annotated place as written, or within 30 km of its coordinates; an
event annotated without a place matches on type), one to one. Also reported: per report
and type, as before; the denied events that Raqib asserts (a predicted event that
matches only a negated annotated one); and false alarms on the reports that only deny
an event or explain it away (annotated with a negated event or an exercise, and with no
strike that is not negated): any strike predicted there.

Alerts are scored by replaying the dated reports through the whole pipeline in event
time, as `raqib replay` does: the alert versions published per report that raised any
(one situation, one alert: a report should add one version, not one per mention or
rule), the distinct alerts, and the reports that raised one though annotated with no
strike or troop movement that happened.
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import orjson

from raqib.config import Settings
from raqib.extract.draft import PLACES
from raqib.geo import distance_km
from raqib.pipeline import Pipeline
from raqib.stages.errors import Rejected
from raqib.stages.extract import Extractor
from raqib.stages.normalize import normalize
from raqib.text.fold import fold_words

EVENT_TYPES = ("strike", "troop_movement", "exercise", "clash", "other")
RE3D_TYPES = {"Location": "location", "Organisation": "actor", "Weapon": "weapon",
              "MilitaryPlatform": "weapon", "Quantity": "quantity", "Temporal": "date"}
ENTITY_TYPES = ("location", "actor", "weapon", "quantity", "date")
_SCORED_AS = {"facility": "location"}


@dataclass
class Document:
    id: str
    raw: dict  # the raw report (text and metadata) fed to the pipeline
    entities: list[tuple[str, int, int]]  # (type, start, end) into raw["text"]
    events: list[dict] | None = None  # one per annotated event, when annotated


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict:
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn, "precision": round(self.precision, 3),
                "recall": round(self.recall, 3), "f1": round(self.f1, 3)}


@dataclass
class Scores:
    documents: int = 0
    strict: dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))
    lenient: dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))

    def as_dict(self) -> dict:
        return {"documents": self.documents,
                "strict": {t: c.as_dict() for t, c in sorted(self.strict.items())},
                "lenient": {t: c.as_dict() for t, c in sorted(self.lenient.items())}}


@dataclass
class EventScores:
    documents: int = 0
    by_type: dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))
    reports: dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))
    denied: int = 0  # annotated events the text denies or negates
    denied_asserted: list[str] = field(default_factory=list)  # "report:type" Raqib asserted
    deny_or_explain_reports: int = 0
    false_alarms: list[str] = field(default_factory=list)  # ids of those reports alerted on
    # the places and actors the annotated events name, as the text writes them: how many
    # Raqib found as entities (places: and how many of those with coordinates)
    places: Counter = field(default_factory=Counter)
    actors: Counter = field(default_factory=Counter)

    @property
    def overall(self) -> Counts:
        total = Counts()
        for counts in self.by_type.values():
            total.tp, total.fp, total.fn = (total.tp + counts.tp, total.fp + counts.fp,
                                            total.fn + counts.fn)
        return total

    def as_dict(self) -> dict:
        return {"documents": self.documents, "events": self.overall.as_dict(),
                "by_type": {t: c.as_dict() for t, c in sorted(self.by_type.items())},
                "reports_by_type": {t: c.as_dict() for t, c in sorted(self.reports.items())},
                "denied_events": self.denied, "denied_asserted": len(self.denied_asserted),
                "denied_asserted_events": self.denied_asserted,
                "deny_or_explain_reports": self.deny_or_explain_reports,
                "false_alarms": len(self.false_alarms), "false_alarm_reports": self.false_alarms,
                "places": {**self.places, "recall": self.share(self.places, "found"),
                           "located_share": self.share(self.places, "located")},
                "actors": {**self.actors, "recall": self.share(self.actors, "found")}}

    @staticmethod
    def share(counts: Counter, part: str) -> float:
        """Of the places or actors the events name, the share `part` ("found", "located")."""
        return round(counts[part] / counts["named"], 3) if counts["named"] else 0.0


@dataclass
class AlertScores:
    reports: int = 0  # dated reports replayed
    versions: Counter = field(default_factory=Counter)  # report id -> alert versions raised
    alerts: int = 0  # distinct alerts
    unwarranted: list[str] = field(default_factory=list)  # alerted, no strike or movement

    @property
    def per_alerting_report(self) -> float:
        return sum(self.versions.values()) / len(self.versions) if self.versions else 0.0

    def as_dict(self) -> dict:
        return {"reports": self.reports, "alerting_reports": len(self.versions),
                "alert_versions": sum(self.versions.values()), "alerts": self.alerts,
                "versions_per_alerting_report": round(self.per_alerting_report, 3),
                "unwarranted": len(self.unwarranted), "unwarranted_reports": self.unwarranted}


def load(path: Path) -> list[Document]:
    """Documents of a re3d folder (or a folder of re3d folders) or of a Raqib JSONL file."""
    if path.is_dir():
        folders = [path] if (path / "documents.json").exists() else sorted(
            p for p in path.iterdir() if (p / "documents.json").exists())
        if not folders:
            raise FileNotFoundError(f"{path}: no re3d documents.json found")
        return [doc for folder in folders for doc in load_re3d(folder)]
    return load_jsonl(path)


def load_re3d(folder: Path) -> list[Document]:
    documents = {}
    for line in (folder / "documents.json").read_text("utf-8").splitlines():
        if line.strip():
            item = json.loads(line)
            documents[item["_id"]] = Document(item["_id"], {
                "id": item["_id"], "text": item["text"], "title": item.get("title"),
                "url": item.get("sourceUrl"), "source": item.get("sourceName")}, [])
    for line in (folder / "entities.json").read_text("utf-8").splitlines():
        if not line.strip():
            continue
        item = json.loads(line)
        kind = RE3D_TYPES.get(item["type"])
        doc = documents.get(item["documentId"])
        if kind and doc and doc.raw["text"][item["begin"]:item["end"]] == item["value"]:
            doc.entities.append((kind, item["begin"], item["end"]))
    return list(documents.values())


def load_jsonl(path: Path) -> list[Document]:
    documents = []
    for number, line in enumerate(path.read_text("utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        item = json.loads(line)
        raw = {k: v for k, v in item.items() if k not in ("entities", "events")}
        entities = [(e["type"], e["start"], e["end"]) for e in item.get("entities", [])]
        events = item.get("events")
        documents.append(Document(str(item.get("id", f"{path.name}:{number}")), raw, entities,
                                  events))
    return documents


def score_entities(documents: list[Document], extractor: Extractor | None = None) -> Scores:
    extractor = extractor or Extractor()
    scores = Scores()
    for doc in documents:
        try:
            enriched = extractor(normalize(orjson.dumps(doc.raw)))
        except Rejected:
            enriched = {"entities": []}
        predicted = [(_SCORED_AS.get(e["type"], e["type"]), e["start"], e["end"])
                     for e in enriched["entities"]]
        scores.documents += 1
        for kind in ENTITY_TYPES:
            gold = {(s, e) for t, s, e in doc.entities if t == kind}
            guess = {(s, e) for t, s, e in predicted if t == kind}
            _count(scores.strict[kind], gold, guess, lambda a, b: a == b)
            _count(scores.lenient[kind], gold, guess, lambda a, b: a[0] < b[1] and b[0] < a[1])
    return scores


def score_events(documents: list[Document], extractor: Extractor | None = None) -> EventScores:
    from raqib.alerts.detector import event_counts

    extractor = extractor or Extractor()
    scores = EventScores()
    for doc in (d for d in documents if d.events is not None):
        enriched = extractor(normalize(orjson.dumps(doc.raw)))
        entities = {e["id"]: e for e in enriched["entities"]}
        predicted = [e for e in enriched["events"] if event_counts(e)]
        positive = [g for g in doc.events if not g["negated"]]
        negated = [g for g in doc.events if g["negated"]]
        scores.documents += 1
        unmatched = _match_events(scores.by_type, positive, predicted, entities)
        scores.denied += len(negated)
        for event in unmatched:
            if any(_same_event(g, event, entities) for g in negated):
                scores.denied_asserted.append(f"{doc.id}:{event['type']}")
        predicted_types = {e["type"] for e in predicted}
        positive_types = {g["type"] for g in positive}
        for kind in EVENT_TYPES:
            counts = scores.reports[kind]
            counts.tp += kind in predicted_types and kind in positive_types
            counts.fp += kind in predicted_types and kind not in positive_types
            counts.fn += kind not in predicted_types and kind in positive_types
        if "strike" not in positive_types and (negated or "exercise" in positive_types):
            scores.deny_or_explain_reports += 1
            if "strike" in predicted_types:
                scores.false_alarms.append(doc.id)
        text = doc.raw.get("text") or ""
        for gold in doc.events:
            places = _written(text, gold.get("place"), enriched["entities"], PLACES)
            if places is not None:
                scores.places.update(named=1, found=bool(places),
                                     located=any("lat" in p for p in places))
            actors = _written(text, gold.get("actor"), enriched["entities"], ("actor",))
            if actors is not None:
                scores.actors.update(named=1, found=bool(actors))
    return scores


def _written(text: str, name: str | None, entities: list[dict],
             types: tuple[str, ...]) -> list[dict] | None:
    """The entities of `types` over any place the text writes `name`; None where the
    annotation names nothing the text writes as is."""
    if not name or name not in text:
        return None
    spans = [(m.start(), m.end()) for m in re.finditer(re.escape(name), text)]
    return [e for e in entities if e["type"] in types
            and any(e["start"] < end and start < e["end"] for start, end in spans)]


def score_alerts(documents: list[Document], settings: Settings | None = None) -> AlertScores:
    """Replay the dated, event-annotated reports in event time through the pipeline."""
    dated = [d for d in documents if d.events is not None and d.raw.get("published_at")]
    timeline = [(datetime.fromisoformat(d.raw["published_at"].replace("Z", "+00:00")),
                 orjson.dumps(d.raw)) for d in dated]
    scores = AlertScores(reports=len(dated))
    alert_ids = set()
    for index, outcome in Pipeline(settings or Settings()).replay(timeline):
        if not outcome.alerts:
            continue
        doc = dated[index]
        scores.versions[doc.id] += len(outcome.alerts)
        alert_ids.update(a["alert_id"] for a in outcome.alerts)
        if not any(g["type"] in ("strike", "troop_movement") and not g["negated"]
                   for g in doc.events):
            scores.unwarranted.append(doc.id)
    scores.alerts = len(alert_ids)
    return scores


#: an annotated event's coordinates and a predicted place this close are one place
SAME_PLACE_KM = 30.0


def _match_events(by_type: dict[str, Counts], gold: list[dict], predicted: list[dict],
                  entities: dict[str, dict]) -> list[dict]:
    """Count matches one to one (places given before places left out); return the
    predicted events left unmatched."""
    left = list(predicted)
    for g in sorted(gold, key=lambda g: g.get("place") is None):
        match = next((p for p in left if _same_event(g, p, entities)), None)
        if match is None:
            by_type[g["type"]].fn += 1
        else:
            by_type[g["type"]].tp += 1
            left.remove(match)
    for p in left:
        by_type[p["type"]].fp += 1
    return left


def _same_event(gold: dict, event: dict, entities: dict[str, dict]) -> bool:
    if gold["type"] != event["type"]:
        return False
    if gold.get("place") is None:
        return True
    places = [entities[ref] for ref in (event["location"], event["target"])
              if ref and ref in entities]
    return any(_same_place(gold, place) for place in places)


def _same_place(gold: dict, place: dict) -> bool:
    if gold.get("lat") is not None and "lat" in place and distance_km(
            gold["lat"], gold["lon"], place["lat"], place["lon"]) <= SAME_PLACE_KM:
        return True
    wanted = fold_words(gold["place"])
    return any(name and (wanted in name or name in wanted)
               for name in (fold_words(place.get("text") or ""),
                            fold_words(place.get("canonical") or "")))


def _count(counts: Counts, gold: set, guess: set, same) -> None:
    unmatched = set(gold)
    for span in sorted(guess):
        match = next((g for g in sorted(unmatched) if same(span, g)), None)
        if match is None:
            counts.fp += 1
        else:
            counts.tp += 1
            unmatched.discard(match)
    counts.fn += len(unmatched)


def event_table(scores: EventScores) -> str:
    lines = [f"{scores.documents} reports; events matched one to one by type and place",
             f"{'type':15} {'P':>6} {'R':>6} {'F1':>6}   {'tp':>3} {'fp':>3} {'fn':>3}"
             f"   per report: {'P':>6} {'R':>6} {'F1':>6}"]
    for kind in EVENT_TYPES:
        c, r = scores.by_type[kind], scores.reports[kind]
        lines.append(f"{kind:15} {c.precision:6.3f} {c.recall:6.3f} {c.f1:6.3f}   "
                     f"{c.tp:3d} {c.fp:3d} {c.fn:3d}               "
                     f"{r.precision:6.3f} {r.recall:6.3f} {r.f1:6.3f}")
    c = scores.overall
    lines.append(f"{'all':15} {c.precision:6.3f} {c.recall:6.3f} {c.f1:6.3f}   "
                 f"{c.tp:3d} {c.fp:3d} {c.fn:3d}")
    lines.append(f"denied or negated events asserted: {len(scores.denied_asserted)} of "
                 f"{scores.denied}" + (f" ({', '.join(scores.denied_asserted)})"
                                      if scores.denied_asserted else ""))
    lines.append(f"false alarms: a strike predicted on {len(scores.false_alarms)} of "
                 f"{scores.deny_or_explain_reports} reports that only deny or explain away one"
                 + (f" ({', '.join(scores.false_alarms)})" if scores.false_alarms else ""))
    places, actors, share = scores.places, scores.actors, scores.share
    lines.append(f"places the events name, found: {share(places, 'found'):.3f} (with "
                 f"coordinates {share(places, 'located'):.3f}) of {places['named']}; their "
                 f"actors found: {share(actors, 'found'):.3f} of {actors['named']}")
    return "\n".join(lines)


def alert_table(scores: AlertScores) -> str:
    versions = sum(scores.versions.values())
    lines = [f"{scores.reports} dated reports replayed in event time",
             f"alert versions per report that raised any: {scores.per_alerting_report:.2f} "
             f"({versions} versions from {len(scores.versions)} reports; {scores.alerts} "
             "distinct alerts)",
             f"reports alerted on with no strike or troop movement annotated: "
             f"{len(scores.unwarranted)}"
             + (f" ({', '.join(sorted(scores.unwarranted))})" if scores.unwarranted else "")]
    return "\n".join(lines)


def table(scores: Scores) -> str:
    lines = [f"{scores.documents} documents",
             f"{'type':10} {'strict P':>9} {'R':>6} {'F1':>6}   {'lenient P':>9} {'R':>6} "
             f"{'F1':>6}   {'gold':>5}"]
    for kind in ENTITY_TYPES:
        s, le = scores.strict[kind], scores.lenient[kind]
        lines.append(f"{kind:10} {s.precision:9.3f} {s.recall:6.3f} {s.f1:6.3f}   "
                     f"{le.precision:9.3f} {le.recall:6.3f} {le.f1:6.3f}   {s.tp + s.fn:5d}")
    return "\n".join(lines)
