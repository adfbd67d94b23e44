"""Scoring the extractor against annotated documents: precision, recall and F1 per type.

Two annotation formats are read:

- re3d (https://github.com/dstl/re3d): a folder with documents.json and entities.json
  (one JSON object per line each). Its types map to Raqib's: Location -> location,
  Organisation -> actor, Weapon and MilitaryPlatform -> weapon, Quantity -> quantity,
  Temporal -> date; the others (Person, Nationality, Money, ...) are not scored.
- Raqib's JSONL: one report per line, the raw report's fields plus
  `entities: [{type, start, end}]` and, for events, `events: [{type, negated}]`
  (docs/annotation-guide.md).

Entities are scored twice: strict (same type, same span) and lenient (same type,
overlapping spans, each gold span matched at most once). Facilities count as
locations, as re3d annotates them.

Events are scored per report and type: a predicted event counts when it is current
(not negated, denied, irrealis or historical) and is correct when the report is
annotated with that type non-negated. False alarms are counted apart on the reports
that only deny an event or explain it away (annotated with a negated event or an
exercise, and with no non-negated strike): any current strike predicted there.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import orjson

from raqib.stages.errors import Rejected
from raqib.stages.extract import Extractor
from raqib.stages.normalize import normalize

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
    events: list[tuple[str, bool]] | None = None  # (type, negated) when annotated


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
    deny_or_explain_reports: int = 0
    false_alarms: list[str] = field(default_factory=list)  # ids of those reports alerted on

    def as_dict(self) -> dict:
        return {"documents": self.documents,
                "by_type": {t: c.as_dict() for t, c in sorted(self.by_type.items())},
                "deny_or_explain_reports": self.deny_or_explain_reports,
                "false_alarms": len(self.false_alarms), "false_alarm_reports": self.false_alarms}


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
        events = ([(e["type"], bool(e.get("negated"))) for e in item["events"]]
                  if "events" in item else None)
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
        predicted = {e["type"] for e in enriched["events"] if event_counts(e)}
        positive = {t for t, negated in doc.events if not negated}
        scores.documents += 1
        for kind in EVENT_TYPES:
            counts = scores.by_type[kind]
            counts.tp += kind in predicted and kind in positive
            counts.fp += kind in predicted and kind not in positive
            counts.fn += kind not in predicted and kind in positive
        denies_or_explains = "strike" not in positive and (
            any(negated for _, negated in doc.events) or "exercise" in positive)
        if denies_or_explains:
            scores.deny_or_explain_reports += 1
            if "strike" in predicted:
                scores.false_alarms.append(doc.id)
    return scores


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
    lines = [f"{scores.documents} reports",
             f"{'type':15} {'P':>6} {'R':>6} {'F1':>6}   {'tp':>3} {'fp':>3} {'fn':>3}"]
    for kind in EVENT_TYPES:
        c = scores.by_type[kind]
        lines.append(f"{kind:15} {c.precision:6.3f} {c.recall:6.3f} {c.f1:6.3f}   "
                     f"{c.tp:3d} {c.fp:3d} {c.fn:3d}")
    lines.append(f"false alarms: a current strike predicted on {len(scores.false_alarms)} of "
                 f"{scores.deny_or_explain_reports} reports that only deny or explain away one"
                 + (f" ({', '.join(scores.false_alarms)})" if scores.false_alarms else ""))
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
