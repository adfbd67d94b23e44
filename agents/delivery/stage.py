"""What a stage is to the delivery core: a function from one input record to output records.

A stage never talks to Kafka. It receives a `Record` (and, if it keeps state, the stores of
the record's partition) and returns the `Output`s to send. It raises `Rejected` for a
message it cannot process, before it changes any store; the core turns it into a dead
letter. Any other exception is a bug: the record becomes a dead letter too, and if it
may have half changed the stores, their changes since the last commit are undone first.
The core decides when outputs, dead letters, state changes and offsets are committed,
together.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import NamedTuple

from raqib.agents.delivery.state import JSON, Codec, Store


class Record(NamedTuple):
    """One consumed message."""

    topic: str
    partition: int
    offset: int
    key: bytes | None
    value: bytes
    timestamp_ms: int  # the producer's (or the broker's) timestamp


class Output(NamedTuple):
    """One message to send, in the transaction of the record that caused it."""

    topic: str
    key: bytes | None
    value: bytes


@dataclass(frozen=True)
class StoreSpec:
    """A state store a stage keeps: one store per input partition, one changelog topic."""

    name: str
    changelog: str  # the compacted topic that backs it, partitioned like the input
    codec: Codec = JSON


#: the stores of one input partition, by name
Stores = Mapping[str, Store]


@dataclass(frozen=True)
class Stage:
    name: str
    source: str  # the topic it reads
    process: Callable[[Record, Stores], Iterable[Output]]
    stores: tuple[StoreSpec, ...] = ()

    def group(self, app_id: str) -> str:
        """The consumer group of this stage: every worker running it shares the partitions."""
        return f"{app_id}-{self.name}"


def describe(record: Record) -> str:
    return f"{record.topic}[{record.partition}]@{record.offset}"

