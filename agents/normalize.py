"""normalize: raw reports -> normalized reports (or dead letters)."""

from __future__ import annotations

from datetime import UTC, datetime

import orjson

from raqib import metrics
from raqib.agents.delivery.stage import Output, Record, Stage, Stores
from raqib.config import Settings
from raqib.stages.normalize import Limits, normalize


def stage(settings: Settings, topics: dict[str, str]) -> Stage:
    limits = Limits(settings.max_message_bytes, settings.max_text_chars)

    def process(record: Record, _: Stores) -> list[Output]:
        # ingested_at: when the producer handed the report to Kafka (the record timestamp;
        # now, for a record without one)
        received = (datetime.fromtimestamp(record.timestamp_ms / 1000, UTC)
                    if record.timestamp_ms > 0 else datetime.now(UTC))
        report = normalize(record.value, received_at=received, limits=limits)
        metrics.observe_normalized()
        return [Output(topics["normalized"], report["report_id"].encode(), orjson.dumps(report))]

    return Stage("normalize", topics["raw"], process)
