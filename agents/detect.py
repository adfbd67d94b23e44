"""detect agent: enriched reports -> alerts, on raqib.alerts and raqib.alerts.<severity>.

Alert state lives in a changelog-backed Faust table, so a restarted worker continues
the alerts it had open instead of raising them again.
"""

from __future__ import annotations

import faust
import orjson

from raqib.agents.stage_runner import run_stage
from raqib.agents.topics import Topics
from raqib.alerts.detector import Detector
from raqib.alerts.rules import load_rules
from raqib.config import Settings
from raqib.stages.messages import load_message


def register(app: faust.App, topics: Topics, settings: Settings) -> None:
    # keys (alert ids) and values (alert state dicts) travel as JSON in the changelog
    state = app.Table("alert-state", default=None, key_type=str, value_type=dict,
                      partitions=settings.partitions)
    detector = Detector(load_rules(), state)

    def apply(event: faust.EventT):
        report = load_message(event.value, "enriched")
        for alert in detector.process(report):
            key, value = alert["alert_id"].encode(), orjson.dumps(alert)
            yield topics.alerts, key, value
            yield topics.alerts_by_severity[alert["severity"]], key, value

    @app.agent(topics.enriched, name="detect")
    async def detect_alerts(stream: faust.StreamT) -> None:
        await run_stage(stream, "detect", topics, apply)
