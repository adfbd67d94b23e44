"""The streaming limit: Raqib's topology with stages that only copy, as a Faust worker.

    RAQIB_BROKER=... RAQIB_TOPIC_PREFIX=... python benchmarks/passthrough.py

Three agents (raw -> normalized -> enriched -> alerts) forward every message unchanged,
with the Faust app and settings of a Raqib worker (exactly once, commit interval,
acks), so
that the difference to `raqib worker` on the same messages is the cost of Raqib's work.
"""

from __future__ import annotations

import sys

import faust
from faust.worker import Worker

from raqib.agents.app import faust_config
from raqib.agents.faust_app import App
from raqib.agents.stage_runner import run_stage
from raqib.agents.topics import Topics
from raqib.config import Settings


def create_app(settings: Settings) -> faust.App:
    group = f"{settings.app_id}-passthrough"
    app = App(group, **faust_config(settings, group))
    topics = Topics.declare(app, settings)
    for source, target in ((topics.raw, topics.normalized), (topics.normalized, topics.enriched),
                           (topics.enriched, topics.alerts)):
        forward(app, topics, source, target)
    return app


def forward(app: faust.App, topics: Topics, source: faust.TopicT, target: faust.TopicT) -> None:
    def copy(event: faust.EventT):
        return [(target, event.key, event.value)]

    async def agent(stream: faust.StreamT) -> None:
        await run_stage(app, stream, "passthrough", topics, copy)

    # Faust names an agent after its function: one name per stage
    agent.__name__ = agent.__qualname__ = f"copy_{source.get_topic_name().replace('.', '_')}"
    app.agent(source)(agent)


if __name__ == "__main__":
    settings = Settings.from_env()
    Worker(create_app(settings), loglevel="warning", quiet=True).execute_from_commandline()
    sys.exit(0)
