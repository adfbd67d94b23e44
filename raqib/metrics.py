"""Raqib's Prometheus metrics: the stages' work, what they find, and their delivery.

Labels stay low-cardinality: stages, reasons, entity and event types, rule ids and
severities; never report ids or place names.
"""

from __future__ import annotations

import time
from datetime import UTC, datetime

from prometheus_client import Counter, Gauge, Histogram, disable_created_metrics

disable_created_metrics()  # the *_created series only double what a scrape shows

STAGE_MESSAGES = Counter(
    "raqib_stage_messages_total", "Messages a stage consumed (in) and produced (out)",
    ["stage", "direction"])
STAGE_SECONDS = Histogram(
    "raqib_stage_seconds", "Time a stage spends on one message", ["stage"],
    buckets=(0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5))
END_TO_END_SECONDS = Histogram(
    "raqib_end_to_end_seconds",
    "From a report's arrival in Kafka (ingested_at) to its enriched record or alert",
    ["output"], buckets=(0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60))
ENTITIES = Counter("raqib_entities_total", "Entities extracted, by type", ["type"])
EVENTS = Counter("raqib_events_total", "Events typed, by type and whether they count",
                 ["type", "status"])
ALERTS = Counter("raqib_alerts_total", "Alert versions published",
                 ["rule", "severity", "change"])
DEAD_LETTERS = Counter("raqib_dead_letters_total", "Messages sent to the dead-letter topic",
                       ["stage", "reason"])
RULES_LOADED = Gauge("raqib_rules_loaded", "Alert rules in force")
RULE_RELOADS = Counter("raqib_rule_reloads_total", "Rule reloads, by outcome", ["outcome"])
CONSUMER_LAG = Gauge("raqib_consumer_lag",
                     "Committed records of an input partition not yet read by its stage",
                     ["stage", "topic", "partition"])
TRANSACTIONS = Counter("raqib_transactions_total",
                       "Kafka transactions a stage committed or aborted", ["stage", "outcome"])
COMMIT_SECONDS = Histogram(
    "raqib_commit_seconds", "Time to commit a stage's transaction (state, offsets, commit)",
    ["stage"], buckets=(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10))
REBALANCES = Counter("raqib_rebalances_total",
                     "Partitions a stage was assigned, had revoked, or lost", ["stage", "change"])
RESTORE_SECONDS = Histogram(
    "raqib_restore_seconds", "Time to restore a partition's state from its changelog",
    ["stage"], buckets=(0.01, 0.05, 0.1, 0.5, 1, 2, 5, 10, 30, 60))
LAST_REPORT = Gauge("raqib_last_report_timestamp_seconds",
                    "When the normalize stage last accepted a report (Unix time)")


def observe_normalized() -> None:
    LAST_REPORT.set(time.time())


def observe_enriched(enriched: dict) -> None:
    for entity in enriched["entities"]:
        ENTITIES.labels(entity["type"]).inc()
    for event in enriched["events"]:
        EVENTS.labels(event["type"], _status(event)).inc()
    END_TO_END_SECONDS.labels("enriched").observe(_since(enriched["ingested_at"]))


def observe_alert(alert: dict, report: dict) -> None:
    ALERTS.labels(alert["rule_id"], alert["severity"],
                  "new" if alert["version"] == 1 else "update").inc()
    END_TO_END_SECONDS.labels("alert").observe(_since(report["ingested_at"]))


def _status(event: dict) -> str:
    if event["negated"]:
        return "negated"
    for flag in ("irrealis", "historical", "generic"):
        if event.get(flag):
            return flag
    return "current" if event.get("section", "body") == "body" else "embedded"


def _since(moment: str) -> float:
    then = datetime.fromisoformat(moment.replace("Z", "+00:00"))
    return max(0.0, (datetime.now(UTC) - then).total_seconds())
