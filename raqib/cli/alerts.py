"""raqib alerts: subscribe to the alert topic and print each alert version as it arrives.

Reads without a consumer group (every partition, assigned directly), so any number
of people can watch the same alerts without taking them from each other.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from dataclasses import dataclass

import orjson
from kafka import TopicPartition

from raqib.config import Settings
from raqib.kafka.clients import consumer


@dataclass(frozen=True)
class AlertFilter:
    """Which alerts to show: every criterion given must hold (case-insensitive)."""

    event_type: str | None = None
    area: str | None = None  # a substring of the alert's place name
    actor: str | None = None  # a substring of one of its actors

    def __call__(self, alert: dict) -> bool:
        place = (alert.get("location") or {}).get("name", "")
        return ((self.event_type is None or alert["event_type"] == self.event_type)
                and (self.area is None or self.area.lower() in place.lower())
                and (self.actor is None or any(self.actor.lower() in a.lower()
                                               for a in alert["actors"])))


def watch(settings: Settings, *, severity: str | None = None, from_beginning: bool = False,
          follow: bool = False, as_json: bool = False, idle_seconds: float = 5.0,
          keep: AlertFilter | None = None,
          until: Callable[[list[dict]], bool] | None = None, out=sys.stdout) -> list[dict]:
    """Print alerts; stop when idle (unless following) or when `until(seen)` is true."""
    topic = settings.topic(f"alerts.{severity}" if severity else "alerts")
    client = consumer(settings, group_id=None, enable_auto_commit=False)
    seen: list[dict] = []
    versions: dict[str, dict] = {}
    try:
        partitions = _partitions(client, topic)
        client.assign(partitions)
        (client.seek_to_beginning if from_beginning else client.seek_to_end)(*partitions)
        last_message = time.monotonic()
        while True:
            batches = client.poll(timeout_ms=500)
            for records in batches.values():
                for record in records:
                    alert = orjson.loads(record.value)
                    last_message = time.monotonic()
                    if keep is not None and not keep(alert):
                        continue
                    seen.append(alert)
                    out.write(_json(alert) if as_json else describe(alert, versions.get(
                        alert["alert_id"])))
                    out.flush()
                    versions[alert["alert_id"]] = alert
            if until is not None and until(seen):
                return seen
            if not follow and time.monotonic() - last_message > idle_seconds:
                return seen
    finally:
        client.close()


def _partitions(client, topic: str, timeout: float = 15.0) -> list[TopicPartition]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        ids = client.partitions_for_topic(topic)
        if ids:
            return [TopicPartition(topic, p) for p in sorted(ids)]
        time.sleep(0.5)
    raise SystemExit(f"raqib: topic {topic} does not exist yet; is a worker running?")


def describe(alert: dict, previous: dict | None = None) -> str:
    """One readable line; an update says what changed since the version seen before."""
    change = "NEW" if alert["version"] == 1 else "UPDATE"
    delta = ""
    if previous is not None:
        delta = f" (count {previous['count']}->{alert['count']}, sources " \
                f"{previous['num_sources']}->{alert['num_sources']})"
    status = " (provisional)" if alert["status"] == "provisional" else ""
    return (f"{alert['updated_at']}  {alert['severity'].upper():8} {change:6} "
            f"{alert['alert_id']} v{alert['version']}{status}{delta}  {alert['title']}: "
            f"{alert['summary']}\n")


def _json(alert: dict) -> str:
    return orjson.dumps(alert).decode() + "\n"
