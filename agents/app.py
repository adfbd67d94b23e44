"""The Faust app: topics, and the agents of the stages this worker runs.

`create_app(settings)` builds it; `raqib worker` runs it. By default one worker runs
every stage; RAQIB_STAGES (or `raqib worker --stages`) selects a subset so that stages
can be scaled apart. Workers that run the same stages form one consumer group and share
the partitions; each distinct stage set gets its own group (`raqib-extract`, ...).
"""

from __future__ import annotations

import faust

from raqib.agents import detect, extract, normalize, web
from raqib.agents.faust_app import App
from raqib.agents.topics import Topics
from raqib.config import Settings
from raqib.kafka.security import faust_credentials

_REGISTER = {"normalize": normalize.register, "extract": extract.register,
             "detect": detect.register}


def group_id(settings: Settings) -> str:
    if set(settings.stages) == set(_REGISTER):
        return settings.app_id
    return "-".join([settings.app_id, *settings.stages])


def faust_config(settings: Settings, group: str) -> dict:
    """Faust settings of a worker of `group` (the benchmark's pass-through chain uses them too)."""
    datadir = settings.home / "worker" / group
    datadir.mkdir(parents=True, exist_ok=True)
    return dict(
        broker=[f"kafka://{server}" for server in settings.bootstrap_servers],
        broker_credentials=faust_credentials(settings),  # TLS and SASL, if configured
        key_serializer="raw",
        value_serializer="raw",
        topic_partitions=settings.partitions,
        topic_replication_factor=settings.replication,
        store="memory://",  # tables rebuild from their changelog topics on start
        datadir=str(datadir),
        web_enabled=True,
        web_bind=settings.web_host,
        web_host=settings.web_host,
        web_port=settings.web_port,
        producer_acks=-1,  # an output counts as sent once every in-sync replica has it
        # exactly once: each commit writes the outputs, the tables' changelogs and the
        # consumed offsets in one Kafka transaction (see README, "Delivery guarantee")
        processing_guarantee=settings.guarantee,
        broker_commit_interval=settings.commit_interval_ms / 1000,
        # a killed worker's partitions move to the others after this long
        broker_session_timeout=settings.session_timeout_s,
        broker_heartbeat_interval=max(1, settings.session_timeout_s // 4),
        consumer_auto_offset_reset="earliest",
    )


def create_app(settings: Settings) -> faust.App:
    group = group_id(settings)
    app = App(group, **faust_config(settings, group))
    topics = Topics.declare(app, settings)
    for stage in settings.stages:
        _REGISTER[stage](app, topics, settings)
    web.register(app, settings)
    return app
