"""Producing and consuming in tests, with kafka-python (a client independent of Faust)."""

from __future__ import annotations

import time

import orjson
from kafka import KafkaConsumer, KafkaProducer, TopicPartition

from raqib.config import Settings


def produce(settings: Settings, topic: str, values: list[bytes], key: bytes | None = None) -> None:
    producer = KafkaProducer(bootstrap_servers=settings.bootstrap_servers, acks="all")
    for value in values:
        producer.send(topic, key=key, value=value)
    producer.flush()
    producer.close()


def consume(settings: Settings, topic: str, count: int, timeout: float = 60.0,
            until=None) -> list:
    """Records of `topic` from the beginning, until `count` arrived (or `until(records)`)."""
    consumer = KafkaConsumer(bootstrap_servers=settings.bootstrap_servers, group_id=None,
                             enable_auto_commit=False, isolation_level="read_committed")
    records = []
    try:
        deadline = time.monotonic() + timeout
        partitions = None
        while partitions is None and time.monotonic() < deadline:
            ids = consumer.partitions_for_topic(topic)
            partitions = [TopicPartition(topic, p) for p in ids] if ids else None
            if partitions is None:
                time.sleep(0.3)
        assert partitions, f"topic {topic} never appeared"
        consumer.assign(partitions)
        consumer.seek_to_beginning(*partitions)
        while time.monotonic() < deadline:
            for batch in consumer.poll(timeout_ms=300).values():
                records.extend(batch)
            done = until(records) if until else len(records) >= count
            if done:
                return records
        raise AssertionError(f"{len(records)} of {count} records on {topic} after {timeout}s")
    finally:
        consumer.close()


def values(records: list) -> list[dict]:
    return [orjson.loads(r.value) for r in records]


def read_all(settings: Settings, topic: str, timeout: float = 60.0) -> list:
    """Every committed record of `topic`, read from the beginning up to its end offsets
    (for a read-committed consumer, the last stable offsets)."""
    consumer = KafkaConsumer(bootstrap_servers=settings.bootstrap_servers, group_id=None,
                             enable_auto_commit=False, isolation_level="read_committed")
    try:
        ids = consumer.partitions_for_topic(topic) or set()
        partitions = [TopicPartition(topic, p) for p in ids]
        if not partitions:
            return []
        consumer.assign(partitions)
        consumer.seek_to_beginning(*partitions)
        ends = consumer.end_offsets(partitions)
        records = []
        deadline = time.monotonic() + timeout
        while any(consumer.position(tp) < end for tp, end in ends.items()):
            if time.monotonic() > deadline:
                raise AssertionError(f"{topic}: not read to its end after {timeout}s")
            for batch in consumer.poll(timeout_ms=200).values():
                records.extend(batch)
        return records
    finally:
        consumer.close()


class Tail:
    """Committed records of a topic from its end at creation on: waiting for a topic to grow
    costs one poll, not a read of the whole topic (which, thousands of records long, would
    add seconds to a measured recovery)."""

    def __init__(self, settings: Settings, topic: str) -> None:
        self._consumer = KafkaConsumer(bootstrap_servers=settings.bootstrap_servers,
                                       group_id=None, enable_auto_commit=False,
                                       isolation_level="read_committed")
        partitions = [TopicPartition(topic, p)
                      for p in self._consumer.partitions_for_topic(topic) or ()]
        assert partitions, f"topic {topic} does not exist"
        self._consumer.assign(partitions)
        self._consumer.seek_to_end(*partitions)
        for partition in partitions:  # resolve the end now, not at the first poll
            self._consumer.position(partition)
        self.count = 0

    def grown(self, count: int) -> bool:
        """Whether `count` records arrived since creation (polls for up to 0.2 s)."""
        for batch in self._consumer.poll(timeout_ms=200).values():
            self.count += len(batch)
        return self.count >= count

    def close(self) -> None:
        self._consumer.close()
