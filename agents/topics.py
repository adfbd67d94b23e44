"""Raqib's topics. Every message is JSON bytes; keys are report ids (reports) or alert ids.

Every topic has RAQIB_PARTITIONS partitions except the enriched topic, which has one:
normalize and extract scale out over the partitions, while detection reads the enriched
reports in one place, so that incidents, baselines and each alert's versions are
counted once and in order. One worker of the detect group holds that partition; if it
dies, another takes it over with the detection state, restored from its changelogs.
"""

from __future__ import annotations

from raqib.alerts.rules import SEVERITIES
from raqib.alerts.state import STORES
from raqib.config import Settings

#: the state stores of each stage that keeps state, each backed by a changelog topic
STATE_STORES = {"detect": tuple(STORES)}


def partitions_of(logical: str, settings: Settings) -> int:
    return 1 if logical == "enriched" else settings.partitions


def topic_names(settings: Settings) -> dict[str, str]:
    """Logical name -> Kafka topic name, for every topic Raqib's stages read or write."""
    names = {
        "raw": settings.topic("reports.raw"),
        "normalized": settings.topic("reports.normalized"),
        "enriched": settings.topic("reports.enriched"),
        "alerts": settings.topic("alerts"),
        "dlq": settings.topic("dlq"),
    }
    names.update({f"alerts.{s}": settings.topic(f"alerts.{s}") for s in SEVERITIES})
    return names


def changelog(settings: Settings, stage: str, store: str) -> str:
    """The compacted topic that backs a stage's store (named as Kafka Streams names them)."""
    return f"{settings.app_id}-{stage}-{store}-changelog"


def changelogs(settings: Settings) -> dict[str, int]:
    """Changelog topic -> partitions (those of the stage's input)."""
    inputs = {"detect": "enriched"}
    return {changelog(settings, stage, store): partitions_of(inputs[stage], settings)
            for stage, stores in STATE_STORES.items() for store in stores}
