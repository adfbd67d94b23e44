"""detect agent: enriched reports -> alerts, on raqib.alerts and raqib.alerts.<severity>.

Alert and incident state live in changelog-backed Faust tables, so a restarted worker
continues the alerts it had open instead of raising them again. Rule files are
reloaded when they change; a malformed edit leaves the rules in force.
"""

from __future__ import annotations

import faust
import orjson

from raqib import metrics
from raqib.agents.stage_runner import run_stage
from raqib.agents.topics import Topics
from raqib.alerts.detector import Detector
from raqib.alerts.incidents import Incidents
from raqib.alerts.rules import RuleBook
from raqib.alerts.seen import SeenReports
from raqib.config import Settings
from raqib.stages.messages import load_message


def register(app: faust.App, topics: Topics, settings: Settings) -> None:
    # untyped tables: keys and values travel as JSON in their changelog topics, and come
    # back as the same dicts and lists when a restarted worker recovers them
    # one partition, like the enriched topic: detection is sequential, so that every
    # alert's versions are counted in one place (see agents/topics.py)
    alerts = app.Table("alert-state", default=None, partitions=1)
    cells = app.Table("incident-cells", default=None, partitions=1)
    seen = app.Table("seen-reports", default=None, partitions=1)
    rules = RuleBook(settings.rule_paths)
    detector = Detector(rules, alerts, Incidents(cells, settings.incidents),
                        SeenReports(seen, settings.incidents.copies))

    metrics.RULES_LOADED.set(len(rules.rules))

    @app.timer(interval=settings.rules_reload_seconds)
    async def reload_rules() -> None:
        outcome = rules.reload_if_changed()  # logs what changed, or why the old rules stay
        if outcome != "unchanged":
            metrics.RULE_RELOADS.labels(outcome).inc()
            metrics.RULES_LOADED.set(len(rules.rules))

    def apply(event: faust.EventT):
        report = load_message(event.value, "enriched")
        for alert in detector.process(report):
            metrics.observe_alert(alert, report)
            key, value = alert["alert_id"].encode(), orjson.dumps(alert)
            yield topics.alerts, key, value
            yield topics.alerts_by_severity[alert["severity"]], key, value

    @app.agent(topics.enriched, name="detect")
    async def detect_alerts(stream: faust.StreamT) -> None:
        await run_stage(app, stream, "detect", topics, apply)
