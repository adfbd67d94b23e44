"""extract: normalized reports -> enriched reports with entities and events."""

from __future__ import annotations

import orjson

from raqib import metrics
from raqib.agents.delivery.stage import Output, Record, Stage, Stores
from raqib.config import Settings
from raqib.stages.extract import Extractor
from raqib.stages.messages import load_message


def stage(settings: Settings, topics: dict[str, str]) -> Stage:
    extractor = Extractor(max_entities=settings.max_entities)  # loads the knowledge base

    def process(record: Record, _: Stores) -> list[Output]:
        enriched = extractor(load_message(record.value, "normalized"))
        metrics.observe_enriched(enriched)
        return [Output(topics["enriched"], enriched["report_id"].encode(),
                       orjson.dumps(enriched))]

    return Stage("extract", topics["normalized"], process)
