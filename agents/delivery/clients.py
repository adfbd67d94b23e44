"""The librdkafka clients of the delivery core, configured in one place.

Why confluent-kafka (librdkafka) and not aiokafka, which Faust uses: its transactional
producer implements KIP-447, so one producer per stage and worker is fenced by the
consumer group's generation (aiokafka's needs one producer per input partition for the
same safety); its consumer asks for stable offsets when it reads committed ones, so a
worker taking a partition over waits for the previous owner's transaction to end; and
it does the protocol's work in C, several times faster than a Python client.
"""

from __future__ import annotations

from confluent_kafka import Consumer, Producer
from confluent_kafka.admin import AdminClient

from raqib.config import Settings
from raqib.kafka.security import librdkafka_security

#: prefetched messages a consumer may buffer (its memory, whatever the partitions)
PREFETCH_KBYTES = 16_384


def _common(settings: Settings, client_id: str) -> dict:
    return {"bootstrap.servers": settings.broker, "client.id": client_id,
            **librdkafka_security(settings)}


def transactional_id(group: str, settings: Settings) -> str:
    """Stable across restarts of a worker, so that its next start fences the last one and
    aborts the transaction it left open."""
    return f"{group}-{settings.worker}"


def producer(settings: Settings, group: str) -> Producer:
    return Producer({
        **_common(settings, f"{group}-{settings.worker}"),
        "transactional.id": transactional_id(group, settings),
        # a transaction open longer than this (its worker hung or died) is aborted by
        # the broker; as long as the session, so that a partition's next owner never
        # waits for both one after the other
        "transaction.timeout.ms": settings.session_timeout_s * 1000,
        "linger.ms": 5,
        # the broker answers CONCURRENT_TRANSACTIONS to the next transaction's first call
        # while it writes the last one's commit markers, a few milliseconds; librdkafka's
        # default backoff (100 ms) would put that wait before every transaction. The
        # backoff still grows to retry.backoff.max.ms (1 s) while the broker is away
        "retry.backoff.ms": 10,
        "message.max.bytes": settings.max_record_bytes + 65_536,
    })


def consumer(settings: Settings, group: str) -> Consumer:
    return Consumer({
        **_common(settings, f"{group}-{settings.worker}"),
        "group.id": group,
        # static membership: a worker restarted under the same id gets its partitions
        # back at once, without a rebalance or waiting for its old session to expire
        "group.instance.id": settings.worker,
        "session.timeout.ms": settings.session_timeout_s * 1000,
        "heartbeat.interval.ms": max(250, settings.session_timeout_s * 250),
        "isolation.level": "read_committed",
        "enable.auto.commit": False,
        "enable.auto.offset.store": False,
        "auto.offset.reset": "earliest",
        "queued.max.messages.kbytes": PREFETCH_KBYTES,
        # an idle fetch returns after this long: new committed records, and a seek after
        # an aborted transaction, are served sooner
        "fetch.wait.max.ms": 100,
    })


def restore_consumer(settings: Settings, group: str) -> Consumer:
    """Reads changelogs by assignment; it never joins its group or commits."""
    return Consumer({
        **_common(settings, f"{group}-restore-{settings.worker}"),
        "group.id": f"{group}-restore",
        "isolation.level": "read_committed",
        "enable.auto.commit": False,
        "enable.auto.offset.store": False,
        "queued.max.messages.kbytes": PREFETCH_KBYTES,
        # a changelog is read to an end known in advance: a fetch that finds nothing new
        # (the last transaction marker) answers at once rather than waiting for more
        "fetch.wait.max.ms": 10,
    })


def admin(settings: Settings, group: str) -> AdminClient:
    return AdminClient(_common(settings, f"{group}-admin-{settings.worker}"))
