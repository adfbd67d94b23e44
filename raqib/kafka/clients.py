"""kafka-python clients for the CLI (feed, alerts, topics): one place builds their config."""

from __future__ import annotations

import time

from kafka import KafkaAdminClient, KafkaConsumer, KafkaProducer
from kafka.admin import NewTopic
from kafka.errors import (
    KafkaConnectionError,
    KafkaError,
    KafkaTimeoutError,
    SaslAuthenticationFailedError,
    TopicAlreadyExistsError,
)

from raqib.agents.topics import changelogs, partitions_of, topic_names
from raqib.config import Settings
from raqib.kafka.security import client_security


class BrokerUnavailable(RuntimeError):
    """No broker answered at the configured address."""


def _common(settings: Settings) -> dict:
    return {"bootstrap_servers": settings.bootstrap_servers, "client_id": "raqib-cli",
            **client_security(settings)}


def _connect(factory, settings: Settings, timeout: float, **config):
    deadline = time.monotonic() + timeout
    while True:
        try:
            return factory(**_common(settings), **config)
        except SaslAuthenticationFailedError as exc:
            raise BrokerUnavailable(
                f"the broker at {settings.broker} refused Raqib's credentials "
                f"({settings.sasl_mechanism} as {settings.sasl_username!r}; check "
                "RAQIB_SASL_USERNAME and RAQIB_SASL_PASSWORD): {exc}") from exc
        except (KafkaTimeoutError, KafkaConnectionError) as exc:  # nobody answered yet
            if time.monotonic() >= deadline:
                hint = ("or it refused Raqib's credentials (it closes the connection without "
                        "saying): check RAQIB_SASL_MECHANISM, RAQIB_SASL_USERNAME and "
                        "RAQIB_SASL_PASSWORD" if settings.uses_sasl else
                        "start the local one with `raqib broker start`")
                raise BrokerUnavailable(
                    f"no Kafka broker answers at {settings.broker} (RAQIB_BROKER); "
                    f"{hint}") from exc
            time.sleep(0.5)


def producer(settings: Settings, timeout: float = 15.0) -> KafkaProducer:
    return _connect(KafkaProducer, settings, timeout, acks="all", linger_ms=5,
                    max_request_size=max(settings.max_message_bytes * 2, 1_048_576))


def consumer(settings: Settings, timeout: float = 15.0, **config) -> KafkaConsumer:
    """A consumer without subscriptions; the caller assigns or subscribes.

    It reads committed messages only: with exactly-once processing, outputs of a
    transaction that a crash aborted stay in the log but must not be seen.
    """
    return _connect(KafkaConsumer, settings, timeout, isolation_level="read_committed",
                    **config)


def wanted_topics(settings: Settings) -> dict[str, tuple[int, dict[str, str]]]:
    """Every topic Raqib needs: name -> (partitions, topic configs). Records may be up to
    `max_record_bytes`; changelogs keep the latest record of each key."""
    limit = {"max.message.bytes": str(settings.max_record_bytes)}
    topics = {name: (partitions_of(logical, settings), limit)
              for logical, name in topic_names(settings).items()}
    topics.update({name: (partitions, {**limit, "cleanup.policy": "compact"})
                   for name, partitions in changelogs(settings).items()})
    return topics


def _check_partitions(admin: KafkaAdminClient, settings: Settings,
                      wanted: dict[str, int]) -> None:
    """Existing topics must have the partitions Raqib would give them (agents/topics.py)."""
    if not wanted:
        return
    for topic in admin.describe_topics(list(wanted)):
        count = len(topic["partitions"])
        if count != wanted[topic["name"]]:
            raise BrokerUnavailable(
                f"topic {topic['name']} has {count} partitions where Raqib needs "
                f"{wanted[topic['name']]} (RAQIB_PARTITIONS={settings.partitions}; the "
                "enriched topic and the detect changelogs have one); delete it, or choose "
                "another RAQIB_TOPIC_PREFIX and RAQIB_APP_ID")


def admin(settings: Settings, timeout: float = 15.0) -> KafkaAdminClient:
    return _connect(KafkaAdminClient, settings, timeout)


def ensure_topics(settings: Settings, timeout: float = 30.0) -> list[str]:
    """Create Raqib's topics that do not exist yet; return the names created."""
    client = admin(settings, timeout)
    try:
        wanted = wanted_topics(settings)
        existing = set(client.list_topics())
        _check_partitions(client, settings, {name: partitions for name, (partitions, _)
                                            in wanted.items() if name in existing})
        new = [NewTopic(name, partitions, settings.replication, topic_configs=configs)
               for name, (partitions, configs) in wanted.items() if name not in existing]
        if not new:
            return []
        try:
            client.create_topics(new, raise_errors=False)
        except TopicAlreadyExistsError:  # another worker created them first
            pass
        except KafkaError as exc:
            raise BrokerUnavailable(f"could not create topics {[t.name for t in new]}: "
                                    f"{exc}") from exc
        return [topic.name for topic in new]
    finally:
        client.close()
