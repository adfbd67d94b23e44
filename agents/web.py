"""The worker's HTTP endpoints (bound to RAQIB_WEB_HOST, 127.0.0.1 by default).

- /metrics: Prometheus metrics, Faust's sensors (prefixed `faust_`) and Raqib's own;
- /health: whether the worker is connected to Kafka and consuming, as JSON; 200 when
  it is, 503 while it starts, rebalances or has lost the broker.
"""

from __future__ import annotations

import faust
from faust.sensors.prometheus import setup_prometheus_sensors
from faust.web import Request, Response, View

from raqib.config import Settings


def register(app: faust.App, settings: Settings) -> None:
    setup_prometheus_sensors(app, pattern="/metrics", name_prefix="faust")

    @app.page("/health")
    async def health(self: View, request: Request) -> Response:
        status = health_of(app, settings)
        return self.json(status, status=200 if status["ok"] else 503)


def health_of(app: faust.App, settings: Settings) -> dict:
    producer_up = app.producer.started and not app.producer.should_stop
    consumer = app.consumer
    assigned = sorted(f"{tp.topic}[{tp.partition}]" for tp in consumer.assignment())
    consuming = consumer.started and not app.rebalancing and bool(assigned)
    return {
        "ok": producer_up and consuming,
        "connected": producer_up and consumer.started,
        "consuming": consuming,
        "rebalancing": app.rebalancing,
        "stages": list(settings.stages),
        "assigned_partitions": assigned,
    }
