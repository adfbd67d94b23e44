"""One stage's open Kafka transaction, and the steps that commit or abort it.

The steps of a commit, in order (after Kafka Streams' task commit and Quix Streams'
`Checkpoint.commit`):

1. Begin. The first record processed after a commit opens a transaction.
2. Produce. Each record read is noted (its partition's first and next offsets), and its
   outputs or its dead letter are produced in the transaction.
3. State. At commit, each store's changes become changelog records, one per changed
   key, in the same transaction.
4. Offsets. The next offset of every partition read is sent to the transaction, with the
   consumer's group metadata: if a rebalance has given the partition to another worker
   since (KIP-447), the broker refuses, and the transaction is aborted instead. Any other
   failure here aborts too, never a second try (see `Checkpoint.commit`).
5. Commit. Kafka makes the outputs, the dead letters, the changelog records and the
   offsets visible together, to read-committed consumers, or none of them.
6. Acknowledge. The stores take their changes as committed.

An abort (a step refused, or a transaction that the broker timed out) drops the stores'
changes and seeks every partition back to its committed position, so that the records
read since, processed or only fetched, are read again into the next transaction. Before
that, records of the aborted transaction that reached a partition the coordinator did not
know of are aborted too (hanging.py): the next commit would otherwise make them visible. A
fatal error (a newer instance of this worker has fenced it) ends the worker, without
another word to Kafka; its supervisor starts it again.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterable

from confluent_kafka import Consumer, KafkaError, KafkaException, Producer, TopicPartition

from raqib import metrics
from raqib.agents.delivery.stage import Output, StoreSpec
from raqib.agents.delivery.state import Interrupted, Store
from raqib.agents.delivery.watchdog import WATCHDOG

log = logging.getLogger("raqib.delivery")

#: each call to the broker waits this long before it is tried again
CALL_TIMEOUT_S = 10.0
#: a call that keeps failing with retriable errors this long ends the worker
RETRY_FOR_S = 300.0
#: ... except an abort: one that still times out after the broker is back will not
#: finish (the broker-restart soak saw librdkafka's abort time out for minutes); the next
#: instance's producer aborts the transaction at its start instead
ABORT_FOR_S = 3 * CALL_TIMEOUT_S
#: transactions aborted one after the other without a commit before the worker gives up
ABORTS_IN_A_ROW = 5


class Fatal(RuntimeError):
    """The worker cannot go on (fenced by a newer instance, or its producer is unusable);
    it exits, and `raqib worker` starts it again."""


class Aborted(RuntimeError):
    """The transaction had to be aborted; its records are processed again."""


#: errors that say a newer instance of this worker runs: this one must send nothing more,
#: not even an abort
FENCED = frozenset({KafkaError.FENCED_INSTANCE_ID, KafkaError.PRODUCER_FENCED,
                    KafkaError.INVALID_PRODUCER_EPOCH, KafkaError._FENCED})


def is_fatal(error: KafkaError) -> bool:
    """Whether the error ends the worker. A consumer fenced by a newer instance reports a
    `_FATAL` error whose own `fatal()` flag is not set."""
    return error.fatal() or error.code() in FENCED or error.code() == KafkaError._FATAL


def call(what: str, function: Callable, *args, stopping: threading.Event | None = None,
         retry: bool = True, retry_for: float = RETRY_FOR_S):
    """A transactional producer call: retriable errors are retried for `retry_for` seconds
    (until the worker is told to stop; without `retry`, they abort), an error that needs
    an abort raises `Aborted`, anything else `Fatal`."""
    started, delay = time.monotonic(), 0.05
    while True:
        try:
            with WATCHDOG.watching(what):
                return function(*args)
        except KafkaException as exc:
            error: KafkaError = exc.args[0]
            if error.code() in FENCED:
                raise Fatal(f"{what}: {error.str()}; a newer instance of this worker runs "
                            "(or another worker has the same RAQIB_WORKER_ID)") from exc
            if is_fatal(error):
                raise Fatal(f"{what}: {error.str()}") from exc
            if error.txn_requires_abort() or (error.retriable() and not retry):
                raise Aborted(f"{what}: {error.str()}") from exc
            if not error.retriable() or time.monotonic() - started > retry_for:
                raise Fatal(f"{what}: {error.str()}") from exc
            if stopping is not None and stopping.is_set():
                raise Interrupted(f"{what}: {error.str()}") from exc
            log.warning("%s: %s; trying again", what, error.str())
            time.sleep(delay)
            delay = min(2 * delay, 2.0)


#: (partition, store spec, store) of every store the stage holds
StoreRefs = Callable[[], Iterable[tuple[int, StoreSpec, Store]]]


class Checkpoint:
    def __init__(self, stage: str, producer: Producer, consumer: Consumer, stores: StoreRefs,
                 interval_s: float, step: Callable[[str], None],
                 stopping: threading.Event, end_hanging: Callable[[], object]) -> None:
        self.stage = stage
        self.end_hanging = end_hanging  # aborts records an ended transaction left open
        self.stopping = stopping
        self.producer = producer
        self.consumer = consumer
        self.stores = stores
        self.interval_s = interval_s
        self.step = step  # named points of the protocol, for the crash-injection tests
        self.open = False
        #: set once the worker must stop: nothing more is sent, not even an abort, for a
        #: newer instance may hold the same transactional id
        self.failed = False
        self._begun = 0.0
        self._next: dict[tuple[str, int], int] = {}  # next offset to commit, per partition
        self._aborts_in_a_row = 0
        #: per assigned partition, where its committed records end: the next offset to read
        #: after an abort (a logical offset such as OFFSET_BEGINNING before any commit)
        self.positions: dict[tuple[str, int], int] = {}
        self._committed = metrics.TRANSACTIONS.labels(stage, "committed")
        self._aborted = metrics.TRANSACTIONS.labels(stage, "aborted")
        self._commit_seconds = metrics.COMMIT_SECONDS.labels(stage)

    def due(self) -> bool:
        return self.open and time.monotonic() - self._begun >= self.interval_s

    def consume(self, topic: str, partition: int, offset: int) -> None:
        """Step 1, and the first half of step 2: a record is read into the transaction."""
        if not self.open:
            self._call("begin transaction", self.producer.begin_transaction)
            self.open, self._begun = True, time.monotonic()
        self._next[(topic, partition)] = offset + 1

    def produce(self, outputs: Iterable[Output]) -> bool:
        """The second half of step 2: the record's outputs. False if the transaction had
        to be aborted instead (its records will be read again)."""
        try:
            for output in outputs:
                self._produce(output.topic, output.key, output.value)
        except Aborted as exc:
            self.abort(str(exc))
            return False
        self.step("produced")
        return True

    def commit(self) -> bool:
        """Steps 3 to 6. False if the transaction had to be aborted instead (its records
        will be read again)."""
        if not self.open or self.failed:
            return not self.failed
        started = time.monotonic()
        changes = []
        try:
            for partition, spec, store in self.stores():
                records = store.changes()
                for key, value in records:
                    self._produce(spec.changelog, key, value, partition)
                changes.append((store, records))
            self.step("state_sent")
            offsets = [TopicPartition(topic, partition, offset)
                       for (topic, partition), offset in self._next.items()]
            # not tried again: after a timeout (a broker restarting), a second call can
            # report success with the offsets never stored, and the commit then makes the
            # outputs visible without them; the fault-drill soak saw 37 reports twice so
            call("send offsets", self.producer.send_offsets_to_transaction, offsets,
                 self.consumer.consumer_group_metadata(), CALL_TIMEOUT_S,
                 stopping=self.stopping, retry=False)
            self.step("offsets_sent")
            self._call("commit", self.producer.commit_transaction, CALL_TIMEOUT_S)
        except Aborted as exc:
            self.abort(str(exc))
            return False
        self.step("committed")
        for store, records in changes:
            store.commit(records)
        self.positions.update(self._next)
        self._reset()
        self._aborts_in_a_row = 0
        self._committed.inc()
        self._commit_seconds.observe(time.monotonic() - started)
        return True

    def abort(self, reason: str, rewind: bool = True, failure: bool = True) -> None:
        """Abort the open transaction; with `rewind`, read its records again. Only a
        `failure` (not a record's own failure, say) counts towards giving up."""
        if not self.open or self.failed:
            return
        log.warning("%s: transaction aborted (%s); reading again from the last commit",
                    self.stage, reason)
        self._aborted.inc()
        self._aborts_in_a_row += failure
        if self._aborts_in_a_row > ABORTS_IN_A_ROW:
            raise Fatal(f"{self.stage}: {ABORTS_IN_A_ROW} transactions aborted in a row; "
                        f"the last because {reason}")
        # sent first, so that no partition is still being added to the transaction when
        # it ends: librdkafka aborts without waiting, and the broker then refuses the abort
        # as fatal (librdkafka issue #4849)
        with WATCHDOG.watching("flush before abort"):
            self.producer.flush(CALL_TIMEOUT_S)
        self._abort_call()
        self.end_hanging()
        for _, _, store in self.stores():
            store.rollback()
        if rewind:
            self._rewind()
        self._reset()

    def end_pending_offsets(self, partitions: Iterable[TopicPartition]) -> None:
        """End the offsets a transaction of this worker left pending in the consumer group:
        send offsets for `partitions` in a transaction of their own, then abort it. The
        abort's markers end every pending offset of this producer, the late ones
        included; the offsets sent are discarded with it."""
        if self.open or self.failed:
            return
        self._call("begin transaction", self.producer.begin_transaction)
        try:
            self._call("send offsets", self.producer.send_offsets_to_transaction,
                       [TopicPartition(tp.topic, tp.partition, 0) for tp in partitions],
                       self.consumer.consumer_group_metadata(), CALL_TIMEOUT_S)
        except Aborted as exc:
            log.info("%s: sending offsets to end pending ones: %s", self.stage, exc)
        self._abort_call()

    def _abort_call(self) -> None:
        try:
            call("abort", self.producer.abort_transaction, CALL_TIMEOUT_S,
                 stopping=self.stopping, retry_for=ABORT_FOR_S)
        except Aborted as exc:  # an abort cannot need an abort
            raise Fatal(str(exc)) from exc

    def _call(self, what: str, function: Callable, *args):
        return call(what, function, *args, stopping=self.stopping)

    def _rewind(self) -> None:
        for (topic, partition), offset in self.positions.items():
            try:
                self.consumer.seek(TopicPartition(topic, partition, offset))
            except KafkaException as exc:  # no longer assigned: its next owner reads it
                log.info("%s: no rewind of %s[%d]: %s", self.stage, topic, partition, exc)

    def _reset(self) -> None:
        self.open = False
        self._next.clear()

    def _produce(self, topic: str, key: bytes | None, value: bytes | None,
                 partition: int = -1) -> None:
        while True:
            try:
                self.producer.produce(topic, value, key, partition)
                return
            except BufferError:  # the producer's queue is full: let it send
                self.producer.poll(0.05)
            except KafkaException as exc:
                error: KafkaError = exc.args[0]
                if is_fatal(error):
                    raise Fatal(f"produce to {topic}: {error.str()}") from exc
                raise Aborted(f"produce to {topic}: {error.str()}") from exc
