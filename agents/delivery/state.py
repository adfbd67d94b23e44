"""A stage's state, kept exactly once: a store per input partition, backed by a changelog.

A store keeps the committed value of each key as the bytes of its latest changelog
record, and the changes of the open transaction apart, decoded, so that a stage reads and
updates them as it goes. At commit the changes become changelog records in the same
transaction as the outputs and the consumed offsets; once Kafka has committed it, the
store takes them as its committed values. An abort drops them: the store is again what
the changelog says.

A committed value is decoded once and kept decoded across transactions (decoding every
record a transaction reads again would cost more than the stage). So a value read from a
store is the store's own: a stage that changes it sets it again, in the same transaction.
An abort decodes again, from their bytes, the values its transaction read or set.

A worker that is given a partition restores its stores by reading their changelogs from
the beginning, committed records only, up to their ends (see `ChangelogReader`).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterator, MutableMapping
from typing import Any, Protocol

import orjson
from confluent_kafka import (
    OFFSET_BEGINNING,
    Consumer,
    IsolationLevel,
    KafkaError,
    KafkaException,
    TopicPartition,
)
from confluent_kafka.admin import AdminClient, OffsetSpec

log = logging.getLogger("raqib.delivery")


class Interrupted(Exception):
    """The worker was told to stop while it restored state, or tried a call again (the
    broker away, a previous owner's transaction still open): nothing more is committed,
    and what is open is aborted by the next start."""

#: how long a restore waits for an open transaction on a changelog to end before it
#: reads what is committed (a previous owner's transaction the broker has yet to abort)
OPEN_TRANSACTION_WAIT_S = 30.0
#: how long a changelog's end is asked for again while the broker settles after a restart
SETTLING_S = 60.0
#: what a broker that has just restarted answers until its partitions have leaders again
_SETTLING = frozenset({KafkaError.FENCED_LEADER_EPOCH, KafkaError.UNKNOWN_LEADER_EPOCH,
                       KafkaError.NOT_LEADER_FOR_PARTITION, KafkaError.LEADER_NOT_AVAILABLE})
#: a batch of changelog records is whatever arrived within this time
BATCH_WAIT_S = 0.05
POLL_S = 0.5


class Codec(Protocol):
    def encode(self, value: Any) -> bytes: ...
    def decode(self, data: bytes) -> Any: ...


class JsonCodec:
    def encode(self, value: Any) -> bytes:
        return orjson.dumps(value)

    def decode(self, data: bytes) -> Any:
        return orjson.loads(data)


JSON = JsonCodec()
_DELETED = object()


class Store(MutableMapping[str, Any]):
    """One partition of a store: committed values, and the open transaction's changes."""

    def __init__(self, codec: Codec = JSON) -> None:
        self.codec = codec
        self._committed: dict[str, bytes] = {}
        self._decoded: dict[str, Any] = {}  # committed values, decoded when first read
        self._changed: dict[str, Any] = {}  # key -> new value, or _DELETED
        self._read: set[str] = set()  # keys read in this transaction

    def __getitem__(self, key: str) -> Any:
        if key in self._changed:
            value = self._changed[key]
            if value is _DELETED:
                raise KeyError(key)
            return value
        self._read.add(key)
        if key in self._decoded:
            return self._decoded[key]
        value = self._decoded[key] = self.codec.decode(self._committed[key])
        return value

    def __setitem__(self, key: str, value: Any) -> None:
        self._changed[key] = value

    def __delitem__(self, key: str) -> None:
        if key not in self:
            raise KeyError(key)
        self._changed[key] = _DELETED

    def __contains__(self, key: object) -> bool:
        if key in self._changed:
            return self._changed[key] is not _DELETED
        return key in self._committed

    def __iter__(self) -> Iterator[str]:
        for key in self._committed:
            if key not in self._changed:
                yield key
        for key, value in self._changed.items():
            if value is not _DELETED:
                yield key

    def __len__(self) -> int:
        return sum(1 for _ in self)

    # -- the transaction ----------------------------------------------------------------

    def changes(self) -> list[tuple[bytes, bytes | None]]:
        """The open transaction's changes as changelog records (key, value; None deletes)."""
        return [(key.encode(), None if value is _DELETED else self.codec.encode(value))
                for key, value in self._changed.items()]

    def commit(self, records: list[tuple[bytes, bytes | None]]) -> None:
        """The changes are committed in Kafka (as `records`, from `changes`)."""
        for key, value in records:
            self.load(key, value)
        for key, value in self._changed.items():
            if value is not _DELETED:
                self._decoded[key] = value
        self._changed.clear()
        self._read.clear()

    def rollback(self) -> None:
        """The transaction was aborted: forget its changes, and the values it read (they
        may have been changed in place)."""
        for key in self._read | self._changed.keys():
            self._decoded.pop(key, None)
        self._changed.clear()
        self._read.clear()

    def load(self, key: bytes, value: bytes | None) -> None:
        """Take one changelog record as committed."""
        self._decoded.pop(key.decode(), None)
        if value is None:
            self._committed.pop(key.decode(), None)
        else:
            self._committed[key.decode()] = value

    @property
    def size_bytes(self) -> int:
        return sum(len(key) + len(value) for key, value in self._committed.items())


class ChangelogReader:
    """Restores stores from their changelog partitions.

    It reads committed records only (a dead owner's open or aborted transaction is not
    state), from the beginning of each changelog partition up to its end. The end is the
    last stable offset once no transaction is open on the partition: the owner that
    restores has already waited for the previous owner's transaction to end when it asked
    for the committed offsets, so what could still be open is a transaction that wrote
    state but never sent offsets, which the broker aborts after its timeout.
    """

    def __init__(self, consumer: Consumer, admin: AdminClient,
                 stopping: threading.Event) -> None:
        self.consumer = consumer
        self.admin = admin
        self.stopping = stopping

    def connect(self, timeout: float) -> None:
        """Connect before the first restore, which would otherwise wait for it (0.5-1 s)."""
        self.consumer.list_topics(timeout=timeout)

    def restore(self, stores: dict[str, Store], changelogs: dict[str, str],
                partition: int) -> int:
        """Fill `stores` (name -> empty store) from `changelogs` (name -> topic); return
        the number of records read."""
        by_topic = {changelogs[name]: store for name, store in stores.items()}
        ends = {topic: self._end(TopicPartition(topic, partition)) for topic in by_topic}
        todo = {topic for topic, end in ends.items() if end > 0}
        if not todo:
            return 0
        self.consumer.assign([TopicPartition(topic, partition, OFFSET_BEGINNING)
                              for topic in todo])
        records = 0
        try:
            while todo and not self.stopping.is_set():
                for message in self.consumer.consume(10_000, BATCH_WAIT_S):
                    if message.error():
                        log.warning("restore: %s", message.error())
                        continue
                    by_topic[message.topic()].load(message.key(), message.value())
                    records += 1
                positions = self.consumer.position([TopicPartition(t, partition) for t in todo])
                todo -= {p.topic for p in positions if p.offset >= ends[p.topic]}
        finally:
            self.consumer.unassign()
        if todo:
            raise Interrupted(f"restore of partition {partition} stopped")
        return records

    def _end(self, tp: TopicPartition) -> int:
        deadline = time.monotonic() + OPEN_TRANSACTION_WAIT_S
        warned = False
        while True:
            stable = self._latest(tp, IsolationLevel.READ_COMMITTED)
            if stable == self._latest(tp, IsolationLevel.READ_UNCOMMITTED):
                return stable
            if self.stopping.is_set():
                raise Interrupted(f"restore of {tp.topic}[{tp.partition}] stopped")
            if time.monotonic() >= deadline:
                log.warning("restore: %s[%d] still has an open transaction; reading the "
                            "%d committed records before it", tp.topic, tp.partition, stable)
                return stable
            if not warned:
                log.info("restore: waiting for an open transaction on %s[%d] to end",
                         tp.topic, tp.partition)
                warned = True
            time.sleep(POLL_S)

    def _latest(self, tp: TopicPartition, isolation: IsolationLevel) -> int:
        started = time.monotonic()
        while True:
            futures = self.admin.list_offsets({tp: OffsetSpec.latest()},
                                              isolation_level=isolation, request_timeout=30)
            try:
                return futures[tp].result().offset
            except KafkaException as exc:
                error: KafkaError = exc.args[0]
                if not (error.retriable() or error.code() in _SETTLING) or (
                        time.monotonic() - started > SETTLING_S):
                    raise
                if self.stopping.is_set():
                    raise Interrupted(f"restore of {tp.topic}[{tp.partition}] stopped") from exc
                log.info("restore: end of %s[%d] not known yet (%s); asking again", tp.topic,
                         tp.partition, error.str())
                time.sleep(POLL_S)
