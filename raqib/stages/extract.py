"""extract: a normalized report -> the enriched report with entities and events.

One pass of the knowledge base's automaton over the folded text finds names, trigger
words and cues; entities and events are built from those hits. Offsets in the output
point into the original text.
"""

from __future__ import annotations

from datetime import date, datetime
from functools import cached_property

from raqib.extract.entities import EntityExtractor
from raqib.extract.events import EventTyper
from raqib.knowledge import base
from raqib.text import sentences
from raqib.text.fold import FoldedText
from raqib.text.tokens import Tokens

CARRIED = ("report_id", "source", "url", "title", "published_at", "ingested_at", "language",
           "text", "sentences", "content_hash", "minhash")


#: event fields that hold entity ids
EVENT_ARGUMENTS = ("actor", "target", "location", "quantity", "time")
#: entity fields that hold entity ids: the antecedent of a generic actor, what a quantity counts
ENTITY_REFERENCES = ("coref", "counts")


class Extractor:
    """Holds the loaded knowledge base; call it once per report."""

    def __init__(self, kb: base.Knowledge | None = None, max_entities: int = 500) -> None:
        self.kb = kb or base.load()
        self.kb.lexicon.compile()
        self.max_entities = max_entities

    @cached_property
    def _entities(self) -> EntityExtractor:
        return EntityExtractor(self.kb)

    @cached_property
    def _events(self) -> EventTyper:
        return EventTyper(self.kb)

    def __call__(self, report: dict) -> dict:
        original = report["text"]
        folded = FoldedText.from_wire(report["folded"], len(original))
        reference = reference_date(report)
        hits = self.kb.lexicon.find(folded.text)
        spans = sentences.split(folded.text)
        doc = Tokens(folded.text, spans)
        entities, mentions = self._entities.extract(original, folded, doc, hits, reference)
        events = self._events.events(original, folded, doc, spans, hits, mentions, entities,
                                     reference)
        enriched = {key: report[key] for key in CARRIED}
        if "extra" in report:
            enriched["extra"] = report["extra"]
        enriched["entities"], enriched["events"], truncated = bounded(entities, events,
                                                                      self.max_entities)
        if truncated:
            enriched["truncated"] = truncated
        return enriched


def bounded(entities: list[dict], events: list[dict],
            limit: int) -> tuple[list[dict], list[dict], list[str]]:
    """At most `limit` events and `limit` entities besides those the kept events point to,
    directly or through a kept entity's references (kept first, so that no id dangles),
    and the names of the lists that were cut."""
    truncated = []
    if len(events) > limit:
        events, truncated = events[:limit], ["events"]
    if len(entities) > limit:
        needed = {event[name] for event in events for name in EVENT_ARGUMENTS if event[name]}
        needed.update(weapon for event in events for weapon in event["weapons"])
        # and what a kept actor stands for ("الميليشيات" -> its affiliated antecedent)
        needed.update(entity[key] for entity in entities if entity["id"] in needed
                      for key in ENTITY_REFERENCES if entity.get(key))
        room = max(0, limit - len(needed))
        others = [entity["id"] for entity in entities if entity["id"] not in needed][:room]
        keep = needed | set(others)
        entities = [entity for entity in entities if entity["id"] in keep]
        for entity in entities:  # a reference to an entity cut off is dropped
            for key in ENTITY_REFERENCES:
                if entity.get(key) and entity[key] not in keep:
                    del entity[key]
        truncated.append("entities")
    return entities, events, truncated


def reference_date(report: dict) -> date:
    """Relative dates ("yesterday", "31 آب الفائت") resolve against publication, else ingestion."""
    moment = report.get("published_at") or report["ingested_at"]
    return datetime.fromisoformat(moment.replace("Z", "+00:00")).date()
