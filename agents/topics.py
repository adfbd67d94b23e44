"""Raqib's topics. Every message is JSON bytes; keys are report ids (reports) or alert ids.

Every topic has RAQIB_PARTITIONS partitions except the enriched topic, which has one:
normalize and extract scale out over the partitions, while detection reads the enriched
reports in one place, so that incidents, baselines and each alert's versions are
counted once and in order. One worker of the group holds that partition; if it dies,
another takes it over with the detection tables' state.
"""

from __future__ import annotations

from dataclasses import dataclass

import faust

from raqib.alerts.rules import SEVERITIES
from raqib.config import Settings


def partitions_of(logical: str, settings: Settings) -> int:
    return 1 if logical == "enriched" else settings.partitions


def topic_names(settings: Settings) -> dict[str, str]:
    """Logical name -> Kafka topic name, for every topic Raqib reads or writes."""
    names = {
        "raw": settings.topic("reports.raw"),
        "normalized": settings.topic("reports.normalized"),
        "enriched": settings.topic("reports.enriched"),
        "alerts": settings.topic("alerts"),
        "dlq": settings.topic("dlq"),
    }
    names.update({f"alerts.{s}": settings.topic(f"alerts.{s}") for s in SEVERITIES})
    return names


@dataclass(frozen=True)
class Topics:
    raw: faust.TopicT
    normalized: faust.TopicT
    enriched: faust.TopicT
    alerts: faust.TopicT
    alerts_by_severity: dict[str, faust.TopicT]
    dlq: faust.TopicT

    @classmethod
    def declare(cls, app: faust.App, settings: Settings) -> Topics:
        names = topic_names(settings)

        def topic(logical: str) -> faust.TopicT:
            return app.topic(names[logical], key_type=bytes, value_type=bytes,
                             key_serializer="raw", value_serializer="raw",
                             partitions=partitions_of(logical, settings))

        return cls(
            raw=topic("raw"),
            normalized=topic("normalized"),
            enriched=topic("enriched"),
            alerts=topic("alerts"),
            alerts_by_severity={s: topic(f"alerts.{s}") for s in SEVERITIES},
            dlq=topic("dlq"),
        )
