"""Runs one stage exactly once: its consumer, its transactional producer, its state.

The steps around the checkpoint's (see checkpoint.py):

1. Start. The producer's `init_transactions` fences any earlier instance of this worker
   (same transactional id) and aborts the transaction it left open; records of it that
   the coordinator did not know of are aborted next (hanging.py). Only then does the
   consumer join the stage's group, reading committed records only.
2. Assignment. For the partitions given: the committed offsets are fetched, which waits
   until a previous owner's transaction on them has ended (committed or aborted); each
   store is restored from its changelog up to the end; then, and only then, the
   consumer starts reading the partitions at the committed offsets.
3. Processing. Records are processed in the order of their partition into the open
   transaction, which is committed when the input runs dry or the commit interval has
   passed. A record the stage rejects (before changing any state) becomes a dead letter
   in the same transaction. A record the stage fails on becomes one too; if the stage
   keeps state, the transaction is first aborted, so that none of the failed record's
   half-made changes is committed.
4. Revocation. Before the partitions go to another worker, the open transaction is
   committed, under the group generation that still holds them; their stores are dropped.
5. Loss. Partitions lost without a revocation (the session expired) may already be
   another worker's: the open transaction is aborted, and the stores dropped.
6. Stop. The open transaction is committed, then the clients are closed.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterator

import orjson
from confluent_kafka import OFFSET_BEGINNING, Consumer, KafkaError, KafkaException, TopicPartition

from raqib import metrics
from raqib.agents.delivery import clients
from raqib.agents.delivery.checkpoint import (
    CALL_TIMEOUT_S,
    RETRY_FOR_S,
    Checkpoint,
    Fatal,
    call,
    is_fatal,
)
from raqib.agents.delivery.hanging import HangingSweep
from raqib.agents.delivery.stage import Output, Record, Stage, StoreSpec, describe
from raqib.agents.delivery.state import ChangelogReader, Interrupted, Store
from raqib.agents.delivery.watchdog import WATCHDOG
from raqib.config import Settings
from raqib.kafka.clients import admin as kafka_admin
from raqib.stages.dead_letters import dead_letter
from raqib.stages.errors import Rejected

log = logging.getLogger("raqib.delivery")

POLL_S = 0.2
#: unstable committed offsets this long (one timed-out ask) may be this worker's own, pending
HANGING_AFTER_S = 5.0
BATCH = 500
LAG_EVERY_S = 5.0


def _no_step(name: str) -> None:
    pass


class StageRunner:
    def __init__(self, stage: Stage, settings: Settings, dead_letter_topic: str,
                 step: Callable[[str], None] = _no_step) -> None:
        self.stage = stage
        self.settings = settings
        self.group = stage.group(settings.app_id)
        self.dead_letter_topic = dead_letter_topic
        self.step = step
        #: starting, restoring, running, stopped or failed (read by /health)
        self.status = "starting"
        self.partitions: list[int] = []
        self._stores: dict[int, dict[str, Store]] = {}
        self._failed: dict[tuple[str, int, int], Rejected] = {}  # records to dead-letter
        self._lagging: set[tuple[str, str]] = set()
        self._checkpoint: Checkpoint | None = None
        self._stopping = threading.Event()
        self._reader: ChangelogReader | None = None
        name = stage.name
        self._consumed = metrics.STAGE_MESSAGES.labels(name, "in")
        self._produced = metrics.STAGE_MESSAGES.labels(name, "out")
        self._timing = metrics.STAGE_SECONDS.labels(name)

    # -- 1. start, 6. stop ------------------------------------------------------------

    def run(self, stopping: threading.Event) -> None:
        """Process until `stopping` is set. Raises `Fatal` when the worker must restart."""
        try:
            self._run(stopping)
        except Interrupted as exc:
            log.warning("%s: stopped before it could commit (%s); its next start aborts what "
                        "was open", self.stage.name, exc)
        except BaseException:
            self.status = "failed"
            raise
        self.status = "stopped"

    def _run(self, stopping: threading.Event) -> None:
        self._stopping = stopping
        producer = clients.producer(self.settings, self.group)
        call("init transactions", producer.init_transactions, CALL_TIMEOUT_S, stopping=stopping)
        admin = kafka_admin(self.settings, CALL_TIMEOUT_S)
        sweep = HangingSweep(admin, clients.transactional_id(self.group, self.settings),
                             self._ours, stopping)
        sweep.run()
        consumer = clients.consumer(self.settings, self.group)
        restore_consumer = None
        if self.stage.stores:
            restore_consumer = clients.restore_consumer(self.settings, self.group)
            self._reader = ChangelogReader(restore_consumer,
                                           clients.admin(self.settings, self.group), stopping)
            with WATCHDOG.watching("connect"):
                self._reader.connect(CALL_TIMEOUT_S)
        self._checkpoint = Checkpoint(self.stage.name, producer, consumer, self._all_stores,
                                      self.settings.commit_interval_ms / 1000, self.step,
                                      stopping, sweep.run)
        consumer.subscribe([self.stage.source], on_assign=self._assigned,
                           on_revoke=self._revoked, on_lost=self._lost)
        try:
            self._loop(consumer, stopping)
            self._checkpoint.commit()
        except BaseException:
            self._checkpoint.failed = True  # closing the consumer below must not commit
            raise
        finally:
            consumer.close()
            if restore_consumer is not None:
                restore_consumer.close()
            admin.close()
            producer.flush(CALL_TIMEOUT_S)

    # -- 3. processing ---------------------------------------------------------------

    def _loop(self, consumer: Consumer, stopping: threading.Event) -> None:
        checkpoint = self._checkpoint
        lag_due = 0.0
        while not stopping.is_set():
            # while a transaction is open, only what has already arrived joins it; else
            # the first record to arrive opens one (consume() waits for a whole batch)
            messages = (consumer.consume(BATCH, 0) if checkpoint.open
                        else consumer.consume(1, POLL_S))
            if not messages:
                checkpoint.commit()
            for message in messages:
                if message.error():
                    if is_fatal(message.error()):  # fenced by a newer instance, say
                        raise Fatal(f"{self.stage.name}: {message.error().str()}")
                    log.warning("%s: %s", self.stage.name, message.error())
                    continue
                record = Record(message.topic(), message.partition(), message.offset(),
                                message.key(), message.value() or b"", message.timestamp()[1])
                checkpoint.consume(record.topic, record.partition, record.offset)
                failed = self._failed.get((record.topic, record.partition, record.offset))
                if failed is not None:  # failed before: committed at once, so that another
                    # failure does not send the stream back before it again
                    if not checkpoint.produce([self._dead_letter(record, failed)]):
                        break
                    self._consumed.inc()
                    if not checkpoint.commit():
                        break
                    continue
                outputs = self._process(record)
                if outputs is None or not checkpoint.produce(outputs):
                    break  # aborted: this batch's records are read again
                if checkpoint.due() and not checkpoint.commit():
                    break
            if self._failed and not checkpoint.open:
                self._forget_committed_failures()
            if time.monotonic() >= lag_due:
                self._observe_lag(consumer)
                lag_due = time.monotonic() + LAG_EVERY_S

    def _process(self, record: Record) -> list[Output] | None:
        """The record's outputs, or its dead letter; None when the transaction was aborted
        so that a failed record's state changes are not committed."""
        self._consumed.inc()
        started = time.perf_counter()
        try:
            outputs = list(self.stage.process(record, self._stores.get(record.partition, {})))
            failure = self._too_large(outputs)
        except Rejected as exc:  # a bad message: rejected before it changed any state
            log.warning("%s: dead-lettered %s: %s", self.stage.name, describe(record), exc)
            return [self._dead_letter(record, exc)]
        except Exception as exc:  # a bug: the stream goes on, without what it half did
            log.exception("%s: internal error on %s", self.stage.name, describe(record))
            failure = Rejected("internal_error", f"{type(exc).__name__}: {exc}")
        finally:
            self._timing.observe(time.perf_counter() - started)
        if failure is not None:
            if not self.stage.stores:
                return [self._dead_letter(record, failure)]
            self._failed[(record.topic, record.partition, record.offset)] = failure
            self._checkpoint.abort(f"{describe(record)} failed; it is dead-lettered next",
                                   failure=False)
            return None
        self._produced.inc(len(outputs))
        return outputs

    def _forget_committed_failures(self) -> None:
        committed = self._checkpoint.positions
        self._failed = {(topic, partition, offset): rejection
                        for (topic, partition, offset), rejection in self._failed.items()
                        if offset >= committed.get((topic, partition), 0)}

    def _too_large(self, outputs: list[Output]) -> Rejected | None:
        limit = self.settings.max_record_bytes
        for output in outputs:
            size = len(output.value) + len(output.key or b"")
            if size > limit:
                log.warning("%s: an output for %s would be %d bytes", self.stage.name,
                            output.topic, size)
                return Rejected("output_too_large",
                                f"the record for {output.topic} would be {size} bytes; the "
                                f"limit is {limit} (4 x RAQIB_MAX_MESSAGE_BYTES)")
        return None

    def _dead_letter(self, record: Record, rejection: Rejected) -> Output:
        metrics.DEAD_LETTERS.labels(self.stage.name, rejection.reason).inc()
        letter = dead_letter(stage=self.stage.name, reason=rejection.reason,
                             detail=rejection.detail, original=record.value, key=record.key,
                             topic=record.topic, partition=record.partition,
                             offset=record.offset, report_id=rejection.report_id)
        return Output(self.dead_letter_topic, record.key, orjson.dumps(letter))

    # -- 2. assignment, 4. revocation, 5. loss ---------------------------------------

    def _assigned(self, consumer: Consumer, partitions: list[TopicPartition]) -> None:
        self.step("assigning")
        started = time.monotonic()
        offsets = self._committed(consumer, partitions)
        if self.stage.stores:
            self.status = "restoring"
            for tp in partitions:
                self._restore(tp.partition)
        consumer.assign(offsets)
        self._checkpoint.positions = {(tp.topic, tp.partition): tp.offset for tp in offsets}
        self.partitions = sorted(tp.partition for tp in partitions)
        self.status = "running"
        metrics.REBALANCES.labels(self.stage.name, "assigned").inc()
        log.info("%s: reading %s from %s (ready in %.1f s)", self.stage.name,
                 self.stage.source, ", ".join(f"[{o.partition}]@{o.offset}" for o in offsets)
                 or "no partition", time.monotonic() - started)

    def _committed(self, consumer: Consumer, partitions: list[TopicPartition]
                   ) -> list[TopicPartition]:
        """Where to start each partition: its committed offset, once stable."""
        started, cleared = time.monotonic(), False
        while True:
            try:
                with WATCHDOG.watching("committed offsets"):
                    offsets = consumer.committed(partitions, timeout=CALL_TIMEOUT_S)
                if not any(tp.error for tp in offsets):
                    return [TopicPartition(tp.topic, tp.partition,
                                           tp.offset if tp.offset >= 0 else OFFSET_BEGINNING)
                            for tp in offsets]
                reason = next(str(tp.error) for tp in offsets if tp.error)
            except KafkaException as exc:
                error = exc.args[0]
                if not (error.retriable() or error.code() == KafkaError._TIMED_OUT):
                    raise Fatal(f"{self.stage.name}: committed offsets: {exc}") from exc
                reason = str(exc)
            if self._stopping.is_set():
                raise Interrupted(f"waiting for committed offsets: {reason}")
            waited = time.monotonic() - started
            if waited > RETRY_FOR_S:
                raise Fatal(f"{self.stage.name}: no stable committed offsets: {reason}")
            if waited > HANGING_AFTER_S and not cleared:
                # a transaction's offsets that reached the group after the transaction
                # ended (the broker restarting as they were sent) stay pending for good
                # (Kafka's "hanging transaction", KIP-890): an aborted transaction of
                # this worker's own, holding offsets only, ends them
                log.warning("%s: committed offsets still not stable after %.0f s (%s); "
                            "ending offsets this worker left pending", self.stage.name,
                            waited, reason)
                self._checkpoint.end_pending_offsets(partitions)
                cleared = True
                continue
            log.info("%s: committed offsets not yet stable (%s): a previous owner's "
                     "transaction is still open; waiting", self.stage.name, reason)
            time.sleep(POLL_S)

    def _restore(self, partition: int) -> None:
        self.step("restoring")
        started = time.monotonic()
        stores = {spec.name: Store(spec.codec) for spec in self.stage.stores}
        changelogs = {spec.name: spec.changelog for spec in self.stage.stores}
        records = self._reader.restore(stores, changelogs, partition)
        self._stores[partition] = stores
        seconds = time.monotonic() - started
        metrics.RESTORE_SECONDS.labels(self.stage.name).observe(seconds)
        log.info("%s: restored partition %d from %d changelog records in %.1f s (%.1f MB)",
                 self.stage.name, partition, records, seconds,
                 sum(store.size_bytes for store in stores.values()) / 1e6)

    def _revoked(self, consumer: Consumer, partitions: list[TopicPartition]) -> None:
        self.step("revoking")
        self._checkpoint.commit()
        self._drop(consumer, "revoked")

    def _lost(self, consumer: Consumer, partitions: list[TopicPartition]) -> None:
        self._checkpoint.abort("partitions lost: their session expired", rewind=False,
                               failure=False)
        self._drop(consumer, "lost")

    def _drop(self, consumer: Consumer, how: str) -> None:
        self._stores.clear()
        self._failed.clear()
        self._checkpoint.positions.clear()
        consumer.unassign()
        self.partitions = []
        for labels in self._lagging:
            metrics.CONSUMER_LAG.remove(self.stage.name, *labels)
        self._lagging.clear()
        metrics.REBALANCES.labels(self.stage.name, how).inc()

    def _ours(self, topic: str) -> bool:
        """Raqib's topics, and its changelogs: where a transaction of this stage writes."""
        return topic.startswith((f"{self.settings.topic_prefix}.", f"{self.settings.app_id}-"))

    def _all_stores(self) -> Iterator[tuple[int, StoreSpec, Store]]:
        for partition, stores in self._stores.items():
            for spec in self.stage.stores:
                yield partition, spec, stores[spec.name]

    def _observe_lag(self, consumer: Consumer) -> None:
        try:
            assigned = consumer.assignment()
            positions = {(tp.topic, tp.partition): tp.offset
                         for tp in consumer.position(assigned)}
            for tp in assigned:
                _, end = consumer.get_watermark_offsets(tp, cached=True)
                position = positions.get((tp.topic, tp.partition), -1)
                if end is None or end < 0 or position < 0:
                    continue
                labels = (tp.topic, str(tp.partition))
                metrics.CONSUMER_LAG.labels(self.stage.name, *labels).set(max(0, end - position))
                self._lagging.add(labels)
        except KafkaException as exc:
            log.debug("%s: no lag figures: %s", self.stage.name, exc)
