"""Records that a transaction of this worker left open on a partition after it ended.

Kafka's hanging transactions (KIP-890): a produce that reaches a partition while the
broker is going down can be appended there although the transaction coordinator never
recorded the partition in the transaction. Ending the transaction (a commit, an abort,
or the coordinator's own abort of one that timed out) writes no marker there, so those
records stay open, and the next marker this producer writes to that partition, the
commit of a later transaction, makes them visible. They were processed again since:
outputs twice. The broker-restart drill published two dead letters twice so (the soak
kept the broker's data: two records of the aborted transaction's epoch on the dead
letters' partition, committed by the next epoch's marker).

So, before this worker's producer begins a transaction again (when the worker starts,
and after every abort), its own records still open on Raqib's partitions while the
coordinator holds no transaction of it there are aborted, with the admin API of KIP-664
(DescribeProducers, then WriteTxnMarkers through `abort_transaction`).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable

from kafka import KafkaAdminClient, TopicPartition
from kafka.admin import AbortTransactionSpec, TransactionState
from kafka.errors import KafkaError

from raqib.agents.delivery.checkpoint import Fatal
from raqib.agents.delivery.state import Interrupted

log = logging.getLogger("raqib.delivery")
# kafka-python logs every refused connection at ERROR while the broker restarts; the sweep
# says itself what it waits for
logging.getLogger("kafka").setLevel(logging.CRITICAL)

#: how long the sweep may take, broker restarts included, before the worker gives up
SWEEP_FOR_S = 300.0
#: states in which the coordinator is still writing a transaction's markers
_ENDING = frozenset({TransactionState.PREPARE_COMMIT, TransactionState.PREPARE_ABORT,
                     TransactionState.PREPARE_EPOCH_FENCE})


class HangingSweep:
    """Aborts this producer's records left open on the partitions of Raqib's topics."""

    def __init__(self, admin: KafkaAdminClient, transactional_id: str,
                 ours: Callable[[str], bool], stopping: threading.Event) -> None:
        self.admin = admin
        self.transactional_id = transactional_id
        self.ours = ours  # which topics are Raqib's (its prefix, its changelogs)
        self.stopping = stopping
        self._partitions: list[TopicPartition] = []  # theirs, listed once: all exist at start

    def run(self) -> int:
        """Abort what hangs; the number of partitions where something did. Retries while
        the broker is away; raises `Interrupted` when the worker stops meanwhile, and
        `Fatal` after SWEEP_FOR_S."""
        # the coordinator writes an abort's markers in milliseconds, a broker restarts in
        # seconds: start short, then back off
        started, delay = time.monotonic(), 0.02
        while True:
            try:
                return self._sweep()
            except (KafkaError, OSError, _Ending) as exc:
                if self.stopping.is_set():
                    raise Interrupted(f"hanging-transaction sweep: {exc}") from exc
                if time.monotonic() - started > SWEEP_FOR_S:
                    raise Fatal(f"hanging-transaction sweep: {exc}") from exc
                if not isinstance(exc, _Ending):
                    log.info("hanging-transaction sweep: %s; trying again", exc)
                time.sleep(delay)
                delay = min(2 * delay, 2.0)

    def _sweep(self) -> int:
        txn = self.admin.describe_transactions([self.transactional_id])[self.transactional_id]
        if txn.state in _ENDING:
            raise _Ending(f"the coordinator is still ending {self.transactional_id}'s "
                          f"transaction ({txn.state.value})")
        open_here = txn.topic_partitions if txn.state == TransactionState.ONGOING else set()
        if not self._partitions:
            topics = [t for t in self.admin.list_topics() if self.ours(t)]
            self._partitions = [TopicPartition(d["name"], p["partition_index"])
                                for d in self.admin.describe_topics(topics)
                                for p in d["partitions"]]
        ended = 0
        for tp, state in self.admin.describe_producers(self._partitions).items():
            for producer in state.active_producers:
                if (producer.producer_id == txn.producer_id and tp not in open_here
                        and producer.current_transaction_start_offset >= 0):
                    log.warning("%s[%d]: records of %s's transaction (epoch %d, from offset "
                                "%d) were left open after it ended; aborting them",
                                tp.topic, tp.partition, self.transactional_id,
                                producer.producer_epoch,
                                producer.current_transaction_start_offset)
                    # the partition's own coordinator epoch: the leader refuses markers of
                    # an older coordinator, and -1 once the producer has had any marker
                    self.admin.abort_transaction(AbortTransactionSpec(
                        tp, producer.producer_id, producer.producer_epoch,
                        producer.coordinator_epoch))
                    ended += 1
        return ended


class _Ending(RuntimeError):
    """The coordinator has not finished writing the last transaction's markers."""
