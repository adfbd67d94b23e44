"""The Faust app: the stages this worker runs, its web views and its timers.

`create_app(settings)` builds it; `raqib worker` runs it. By default one worker runs
every stage; RAQIB_STAGES (or `raqib worker --stages`) selects a subset so that stages
can be scaled apart. Each stage has its own consumer group (`raqib-normalize`, ...):
every worker running a stage shares that stage's partitions.

Faust is the application here: the app and its lifecycle, the web server, the timers
and the sensors. The stages consume and produce through Raqib's delivery core
(agents/delivery), which owns the exactly-once protocol, so Faust's own Kafka consumer
and producer are not started.
"""

from __future__ import annotations

import faust
from faust.app import BootStrategy

from raqib import metrics
from raqib.agents import detect, extract, normalize, web
from raqib.agents.delivery.checkpoint import CALL_TIMEOUT_S
from raqib.agents.delivery.runner import StageRunner
from raqib.agents.delivery.service import Shutdown, StageService
from raqib.agents.delivery.stage import Stage
from raqib.agents.delivery.watchdog import WATCHDOG
from raqib.agents.topics import topic_names
from raqib.alerts.rules import RuleBook
from raqib.config import Settings

#: a Kafka call still running this long after its own timeout (CALL_TIMEOUT_S) hangs
HUNG_AFTER_S = 3 * CALL_TIMEOUT_S
HUNG_CHECK_S = 5.0


class _WithoutFaustKafka(BootStrategy):
    enable_kafka = False  # the stages' clients are the delivery core's


class App(faust.App):
    BootStrategy = _WithoutFaustKafka


def create_app(settings: Settings) -> App:
    topics = topic_names(settings)
    rules = RuleBook(settings.rule_paths)
    metrics.RULES_LOADED.set(len(rules.rules))
    stages = {"normalize": lambda: normalize.stage(settings, topics),
              "extract": lambda: extract.stage(settings, topics),
              "detect": lambda: detect.stage(settings, topics, rules)}
    app = app_running(settings, [stages[name]() for name in settings.stages])

    if "detect" in settings.stages:
        @app.timer(interval=settings.rules_reload_seconds)
        async def reload_rules() -> None:
            outcome = rules.reload_if_changed()  # logs what changed, or why the old rules stay
            if outcome != "unchanged":
                metrics.RULE_RELOADS.labels(outcome).inc()
                metrics.RULES_LOADED.set(len(rules.rules))

    return app


def app_running(settings: Settings, stages: list[Stage]) -> App:
    """A Faust app that runs `stages` on the delivery core and serves the web views (the
    benchmark's pass-through runs its copying stages in it too)."""
    datadir = settings.home / "worker" / settings.app_id
    datadir.mkdir(parents=True, exist_ok=True)
    app = App(settings.app_id, broker=[f"kafka://{s}" for s in settings.bootstrap_servers],
              datadir=str(datadir), web_enabled=True, web_bind=settings.web_host,
              web_host=settings.web_host, web_port=settings.web_port)
    runners = [StageRunner(stage, settings, topic_names(settings)["dlq"]) for stage in stages]
    shutdown = Shutdown()
    for runner in runners:
        app.service(StageService(runner, shutdown))

    @app.timer(interval=HUNG_CHECK_S)
    async def exit_if_a_call_hangs() -> None:
        WATCHDOG.exit_if_hung(HUNG_AFTER_S)

    web.register(app, settings, runners)
    return app
