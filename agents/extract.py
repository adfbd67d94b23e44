"""extract agent: normalized reports -> enriched reports with entities and events."""

from __future__ import annotations

import faust
import orjson

from raqib import metrics
from raqib.agents.stage_runner import run_stage
from raqib.agents.topics import Topics
from raqib.config import Settings
from raqib.stages.extract import Extractor
from raqib.stages.messages import load_message


def register(app: faust.App, topics: Topics, settings: Settings) -> None:
    # loads the knowledge base once, at start-up
    extractor = Extractor(max_entities=settings.max_entities)

    def apply(event: faust.EventT):
        report = load_message(event.value, "normalized")
        enriched = extractor(report)
        metrics.observe_enriched(enriched)
        yield topics.enriched, enriched["report_id"].encode(), orjson.dumps(enriched)

    @app.agent(topics.normalized, name="extract")
    async def extract_reports(stream: faust.StreamT) -> None:
        await run_stage(app, stream, "extract", topics, apply)
