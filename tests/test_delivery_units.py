"""The delivery core's parts that need no broker: a store's transaction, and how a
Kafka error decides between trying again, aborting and ending the worker."""

from __future__ import annotations

import threading

import pytest
from confluent_kafka import KafkaError, KafkaException
from kafka import TopicPartition
from kafka.admin import (
    PartitionProducerState,
    ProducerState,
    TransactionDescription,
    TransactionState,
)

from raqib.agents.delivery import checkpoint
from raqib.agents.delivery.checkpoint import Aborted, Checkpoint, Fatal, call, is_fatal
from raqib.agents.delivery.hanging import HangingSweep
from raqib.agents.delivery.service import FAILED_STOP_S, STOP_TIMEOUT_S, Shutdown
from raqib.agents.delivery.state import ChangelogReader, Interrupted, JsonCodec, Store


def committed(values: dict) -> Store:
    store = Store()
    store["x"] = None  # something to commit, so that the store has a transaction
    store.commit([(key.encode(), store.codec.encode(value)) for key, value in values.items()])
    return store


def test_a_store_keeps_a_transactions_changes_apart_until_they_are_committed():
    store = committed({"a": {"n": 1}, "b": [1, 2]})
    store["a"] = {"n": 2}
    del store["b"]
    store["c"] = "new"
    assert dict(store) == {"a": {"n": 2}, "c": "new"} and len(store) == 2
    records = store.changes()
    assert sorted(records) == [(b"a", b'{"n":2}'), (b"b", None), (b"c", b'"new"')]
    store.commit(records)
    assert dict(store) == {"a": {"n": 2}, "c": "new"}
    assert store.changes() == []


def test_a_rolled_back_store_is_what_was_committed_even_after_changes_in_place():
    store = committed({"a": {"events": [1]}})
    value = store["a"]
    value["events"].append(2)  # changed in place, then set
    store["a"] = value
    store["b"] = 1
    store.rollback()
    assert dict(store) == {"a": {"events": [1]}}
    unset = store["a"]
    unset["events"].append(3)  # changed in place but never set: not a change
    assert store.changes() == []
    store.rollback()
    assert store["a"] == {"events": [1]}


class CountingCodec(JsonCodec):
    def __init__(self) -> None:
        self.decoded = 0

    def decode(self, data: bytes):
        self.decoded += 1
        return super().decode(data)


def test_a_committed_value_is_decoded_once_and_again_only_after_an_abort():
    store = Store(CountingCodec())
    store["a"] = {"events": [1]}
    store.commit(store.changes())
    store.load(b"b", b'{"events":[]}')  # restored from the changelog
    for _ in range(3):  # transactions that read both
        assert store["a"] == {"events": [1]} and store["b"] == {"events": []}
        store.commit(store.changes())
    assert store.codec.decoded == 1  # "b"; "a" is kept as it was set
    store["b"]["events"].append(2)  # changed in place in a transaction that aborts
    store.rollback()
    assert store["b"] == {"events": []} and store.codec.decoded == 2


def test_deleting_a_missing_key_raises_as_a_dict_does():
    store = committed({})
    with pytest.raises(KeyError):
        del store["nothing"]
    assert store.get("nothing", 7) == 7


def failing(*errors: KafkaError):
    """A call that fails with each error in turn, then answers "done"."""
    remaining = list(errors)

    def function():
        if remaining:
            raise KafkaException(remaining.pop(0))
        return "done"

    return function


def test_retriable_errors_are_tried_again():
    timeout = KafkaError(KafkaError._TIMED_OUT, "timed out", retriable=True)
    assert call("commit", failing(timeout, timeout)) == "done"


def test_a_call_not_to_be_tried_again_aborts_on_a_retriable_error():
    timeout = KafkaError(KafkaError._TIMED_OUT, "timed out", retriable=True)
    with pytest.raises(Aborted):
        call("send offsets", failing(timeout), retry=False)


def test_an_error_that_needs_an_abort_aborts():
    with pytest.raises(Aborted):
        call("commit", failing(KafkaError(KafkaError._STATE, "x", txn_requires_abort=True)))


@pytest.mark.parametrize("code", [KafkaError.PRODUCER_FENCED, KafkaError.FENCED_INSTANCE_ID,
                                  KafkaError.INVALID_PRODUCER_EPOCH, KafkaError._FENCED])
def test_a_fenced_worker_ends_without_another_call_even_when_told_to_abort(code):
    # librdkafka reports a static member fenced by its next instance as needing an abort;
    # the abort itself could then disturb the next instance's transaction
    with pytest.raises(Fatal, match="RAQIB_WORKER_ID"):
        call("send offsets", failing(KafkaError(code, "fenced", txn_requires_abort=True)))


def test_a_fatal_error_ends_the_worker():
    with pytest.raises(Fatal):
        call("commit", failing(KafkaError(KafkaError._FATAL, "gone", fatal=True)))


def test_a_consumer_fenced_by_its_next_instance_ends_the_worker():
    # what the consumer hands over after a newer instance took its place in the group:
    # code _FATAL, without the error's fatal flag
    fenced = KafkaError(KafkaError._FATAL, "Static consumer fenced by other consumer")
    assert not fenced.fatal()
    assert is_fatal(fenced)
    assert not is_fatal(KafkaError(KafkaError._TRANSPORT, "down", retriable=True))


def test_an_abort_that_keeps_timing_out_ends_the_worker_soon(monkeypatch):
    # librdkafka's abort can time out for minutes after a broker restart; the next
    # instance's producer aborts the transaction at its start instead
    class Producer:
        calls = 0

        def abort_transaction(self, timeout):
            Producer.calls += 1
            raise KafkaException(KafkaError(KafkaError._TIMED_OUT, "x", retriable=True))

    assert checkpoint.ABORT_FOR_S <= 60 < checkpoint.RETRY_FOR_S
    monkeypatch.setattr(checkpoint, "ABORT_FOR_S", 0.3)
    point = Checkpoint("stage", Producer(), None, list, 1.0, print, threading.Event(), list)
    with pytest.raises(Fatal, match="abort"):
        point._abort_call()
    assert Producer.calls > 1, "tried again first"


def test_a_worker_told_to_stop_does_not_try_again():
    stopping = threading.Event()
    stopping.set()
    with pytest.raises(Interrupted):
        call("commit", failing(KafkaError(KafkaError._TIMED_OUT, "x", retriable=True)),
             stopping=stopping)


def test_after_a_stage_failed_the_others_get_a_short_time_to_stop():
    asked = Shutdown()
    asked.begin(failed=False)
    assert asked.stopping.is_set() and FAILED_STOP_S < asked.remaining() <= STOP_TIMEOUT_S
    failed = Shutdown()
    failed.begin(failed=True)
    failed.begin(failed=False)  # the app stopping each stage does not give more time
    assert failed.stopping.is_set() and failed.remaining() <= FAILED_STOP_S


class SettlingBroker:
    """An admin client whose broker has just restarted: its first answers are errors."""

    def __init__(self, *errors: KafkaError) -> None:
        self.errors = list(errors)

    def list_offsets(self, request, **_):
        error = self.errors.pop(0) if self.errors else None

        class Answer:
            def result(self):
                if error is not None:
                    raise KafkaException(error)
                return type("Offset", (), {"offset": 42})()

        return {tp: Answer() for tp in request}


def test_a_changelogs_end_is_asked_again_while_the_broker_settles():
    from confluent_kafka import IsolationLevel, TopicPartition

    settling = KafkaError(KafkaError.FENCED_LEADER_EPOCH, "leader epoch is older")
    reader = ChangelogReader(None, SettlingBroker(settling, settling), threading.Event())
    assert reader._latest(TopicPartition("t", 0), IsolationLevel.READ_COMMITTED) == 42


class _Admin:
    """The admin calls the hanging-transaction sweep makes, answered from a script."""

    def __init__(self, states, producers):
        self.states = list(states)  # the coordinator's answers, one per call
        self.producers = producers
        self.aborted = []

    def describe_transactions(self, ids):
        state, partitions = self.states.pop(0) if len(self.states) > 1 else self.states[0]
        return {ids[0]: TransactionDescription(1, state, 7, 3, 10_000, 0, partitions)}

    def list_topics(self):
        return ["r.dlq", "r.reports.normalized", "other.topic"]

    def describe_topics(self, topics):
        return [{"name": t, "partitions": [{"partition_index": 0}]} for t in topics]

    def describe_producers(self, partitions):
        return {tp: PartitionProducerState(active_producers=self.producers.get(tp.topic, []))
                for tp in partitions}

    def abort_transaction(self, spec):
        self.aborted.append((spec.topic_partition.topic, spec.producer_id, spec.producer_epoch,
                             spec.coordinator_epoch))


def _producer(pid: int, epoch: int, open_from: int) -> ProducerState:
    return ProducerState(producer_id=pid, producer_epoch=epoch, last_sequence=0,
                         last_timestamp=0, coordinator_epoch=4,
                         current_transaction_start_offset=open_from)


def _sweep(admin) -> HangingSweep:
    return HangingSweep(admin, "raqib-normalize-w1", lambda t: t.startswith("r."),
                        threading.Event())


def test_records_left_open_by_this_producers_ended_transaction_are_aborted():
    ended = (TransactionState.COMPLETE_ABORT, set())
    admin = _Admin([ended], {"r.dlq": [_producer(7, 0, 18), _producer(9, 0, 40)],
                             "r.reports.normalized": [_producer(7, 3, -1)]})
    assert _sweep(admin).run() == 1
    # only this producer's (id 7), only where it left something open; another worker's
    # open transaction (id 9) is its own business; the marker carries the partition's
    # coordinator epoch, which the leader checks
    assert admin.aborted == [("r.dlq", 7, 0, 4)]


def test_a_transaction_still_open_or_ending_is_left_to_the_coordinator():
    dlq = TopicPartition("r.dlq", 0)
    admin = _Admin([(TransactionState.PREPARE_COMMIT, {dlq}),  # markers being written
                    (TransactionState.ONGOING, {dlq})],
                   {"r.dlq": [_producer(7, 3, 18)]})
    assert _sweep(admin).run() == 0 and admin.aborted == []
