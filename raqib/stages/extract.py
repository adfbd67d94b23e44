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


class Extractor:
    """Holds the loaded knowledge base; call it once per report."""

    def __init__(self, kb: base.Knowledge | None = None) -> None:
        self.kb = kb or base.load()
        self.kb.lexicon.compile()

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
        enriched["entities"] = entities
        enriched["events"] = events
        return enriched


def reference_date(report: dict) -> date:
    """Relative dates ("yesterday", "31 آب الفائت") resolve against publication, else ingestion."""
    moment = report.get("published_at") or report["ingested_at"]
    return datetime.fromisoformat(moment.replace("Z", "+00:00")).date()
