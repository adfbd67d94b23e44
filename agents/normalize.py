"""normalize agent: raw reports -> normalized reports (or dead letters)."""

from __future__ import annotations

from datetime import UTC, datetime

import faust
import orjson

from raqib import metrics
from raqib.agents.stage_runner import run_stage
from raqib.agents.topics import Topics
from raqib.config import Settings
from raqib.stages.normalize import Limits, normalize


def register(app: faust.App, topics: Topics, settings: Settings) -> None:
    limits = Limits(settings.max_message_bytes, settings.max_text_chars)

    def apply(event: faust.EventT):
        # ingested_at: when the producer handed the report to Kafka (the record timestamp)
        received = datetime.fromtimestamp(event.message.timestamp, UTC)
        report = normalize(event.value, received_at=received, limits=limits)
        metrics.observe_normalized()
        yield topics.normalized, report["report_id"].encode(), orjson.dumps(report)

    @app.agent(topics.raw, name="normalize")
    async def normalize_reports(stream: faust.StreamT) -> None:
        await run_stage(app, stream, "normalize", topics, apply)
