"""The delivery core's protocol, crashed at each of its steps, on the real local broker.

A stage that counts records per key (tests/delivery_child.py) runs in a process of its
own; the process dies (as under kill -9) at one named step of the protocol, then a new
instance finishes the stream. Whatever the step, every record has exactly one outcome
on the committed topics: one output, whose count shows that the state was neither lost
nor applied twice, or one dead letter; and a record that failed after changing the
state (an exception, an output over the size limit) left no trace in the state's
changelog. Each test takes seconds.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import orjson
import pytest
from kafka import KafkaAdminClient, KafkaProducer
from kafka.admin import NewTopic

from .kafka_io import read_all

pytestmark = pytest.mark.kafka

CHILD = Path(__file__).with_name("delivery_child.py")
CRASHED = 86
KEYS = ["a", "b", "c", "d", "e", "f", "g"]
GOOD, BAD, BOOM, BIG = 280, 12, 8, 4


def stream() -> list[tuple[bytes, bytes]]:
    """(key, value): good records of seven keys, with rejected and failing ones among them."""
    records = [(KEYS[n % len(KEYS)], n) for n in range(GOOD)]
    for n in range(BAD):
        records.insert(23 * n + 5, ("bad", GOOD + n))
    for n in range(BOOM):
        records.insert(31 * n + 11, ("boom", GOOD + BAD + n))
    for n in range(BIG):
        records.insert(67 * n + 40, ("big", GOOD + BAD + BOOM + n))
    return [(key.encode(), f"{key}:{n}".encode()) for key, n in records]


@dataclass
class Rig:
    broker: str
    prefix: str
    log_dir: Path
    processes: list[subprocess.Popen] = field(default_factory=list)

    def topic(self, name: str) -> str:
        return f"{self.prefix}.{name}"

    def start(self, worker: str = "w1", crash_at: str | None = None, after: int = 1,
              session_timeout_s: int = 6) -> subprocess.Popen:
        env = {**os.environ, "RAQIB_BROKER": self.broker, "RAQIB_APP_ID": self.prefix,
               "RAQIB_WORKER_ID": worker, "RAQIB_COMMIT_INTERVAL_MS": "50",
               "RAQIB_SESSION_TIMEOUT_S": str(session_timeout_s),
               "RAQIB_MAX_MESSAGE_BYTES": "1000"}
        crash = ["--crash-at", crash_at, "--after", str(after)] if crash_at else []
        log = (self.log_dir / f"{worker}-{len(self.processes)}.log").open("wb")
        process = subprocess.Popen([sys.executable, str(CHILD), self.prefix, *crash],
                                   env=env, stdout=log, stderr=subprocess.STDOUT)
        self.processes.append(process)
        return process

    def feed(self, records: list[tuple[bytes, bytes]], seconds: float = 1.5) -> threading.Thread:
        """Send the records over `seconds`, in the background."""
        def send() -> None:
            producer = KafkaProducer(bootstrap_servers=self.broker, acks="all")
            for n, (key, value) in enumerate(records):
                producer.send(self.topic("in"), key=key, value=value)
                if n % 20 == 19:
                    producer.flush()
                    time.sleep(seconds * 20 / len(records))
            producer.flush()
            producer.close()

        thread = threading.Thread(target=send)
        thread.start()
        return thread

    def crashed(self, process: subprocess.Popen, timeout: float = 60) -> None:
        assert process.wait(timeout) == CRASHED, self.logs()

    def wait_for_outputs(self, count: int, timeout: float = 30) -> None:
        deadline = time.monotonic() + timeout
        while len(read_all(self, self.topic("out"))) < count:
            assert time.monotonic() < deadline, f"fewer than {count} outputs\n{self.logs()}"
            time.sleep(0.1)

    def outcome(self, timeout: float = 90) -> dict:
        """The committed outputs, dead letters and changelog, once every record has one."""
        deadline = time.monotonic() + timeout
        while True:
            outputs = read_all(self, self.topic("out"))
            letters = read_all(self, self.topic("dlq"))
            if len(outputs) + len(letters) >= GOOD + BAD + BOOM + BIG or time.monotonic() > deadline:
                time.sleep(0.3)  # a repeat would show up now
                return {"outputs": read_all(self, self.topic("out")),
                        "letters": read_all(self, self.topic("dlq")),
                        "changelog": read_all(self, self.topic("counts-changelog"))}

    def check(self) -> None:
        outcome = self.outcome()
        seen = [tuple(r.value.decode().split(":")) for r in outcome["outputs"]]
        numbers = [int(n) for _, n, _ in seen]
        assert sorted(numbers) == list(range(GOOD)), f"outputs lost or repeated\n{self.logs()}"
        counts = defaultdict(list)
        for record, (key, _, count) in zip(outcome["outputs"], seen, strict=True):
            counts[(record.partition, key)].append(int(count))
        for (_, key), values in counts.items():
            # every count once, in order: the state was never lost nor applied twice
            assert values == list(range(1, len(values) + 1)), f"{key}: counts {values}"
        letters = [orjson.loads(r.value) for r in outcome["letters"]]
        originals = sorted(letter["original"] for letter in letters)
        assert len(originals) == BAD + BOOM + BIG == len(set(originals)), \
            "dead letters lost or repeated"
        reasons = {letter["reason"] for letter in letters}
        assert reasons == {"invalid_json", "internal_error", "output_too_large"}
        assert not [r for r in outcome["changelog"] if r.key in (b"boom", b"big")], \
            "a failed record's change of the state was committed"

    def logs(self) -> str:
        return "\n".join(f"--- {p.name}\n{p.read_text(errors='replace')[-3000:]}"
                         for p in sorted(self.log_dir.glob("*.log")))

    def stop(self) -> None:
        for process in self.processes:
            if process.poll() is None:
                process.send_signal(signal.SIGCONT)
                process.terminate()
        for process in self.processes:
            try:
                process.wait(30)
            except subprocess.TimeoutExpired:
                process.kill()

    # kafka_io's helpers read the broker address from `bootstrap_servers`
    @property
    def bootstrap_servers(self) -> list[str]:
        return [self.broker]


@pytest.fixture
def rig(kafka, tmp_path):
    prefix = f"d{uuid.uuid4().hex[:8]}"
    admin = KafkaAdminClient(bootstrap_servers=kafka.broker)
    admin.create_topics([NewTopic(f"{prefix}.in", 2, 1), NewTopic(f"{prefix}.out", 2, 1),
                         NewTopic(f"{prefix}.dlq", 1, 1),
                         NewTopic(f"{prefix}.counts-changelog", 2, 1,
                                  topic_configs={"cleanup.policy": "compact"})])
    admin.close()
    rig = Rig(kafka.broker, prefix, tmp_path)
    yield rig
    rig.stop()


@pytest.mark.parametrize(("step", "after"), [
    ("produced", 60),  # outputs sent, the transaction not committed
    ("state_sent", 4),  # changelog records sent too
    ("offsets_sent", 4),  # offsets sent to the transaction too
    ("committed", 4),  # committed in Kafka, not yet taken by the store
])
def test_a_crash_at_a_step_of_the_commit_loses_and_repeats_nothing(rig, step, after):
    worker = rig.start(crash_at=step, after=after)
    feeding = rig.feed(stream(), seconds=1.5)
    rig.crashed(worker)
    feeding.join()
    rig.start()  # the same worker, restarted
    rig.check()


def test_a_crash_while_restoring_the_state_loses_and_repeats_nothing(rig):
    worker = rig.start(crash_at="committed", after=6)  # some state to restore
    feeding = rig.feed(stream(), seconds=1.5)
    rig.crashed(worker)
    rig.crashed(rig.start(crash_at="restoring"))
    feeding.join()
    rig.start()
    rig.check()


def test_a_crash_in_the_middle_of_a_rebalance_loses_and_repeats_nothing(rig):
    feeding = rig.feed(stream(), seconds=1.5)
    first = rig.start("w1", crash_at="revoking")
    time.sleep(1)
    rig.start("w2")  # joins: the first worker's partitions are revoked, and it dies
    rig.crashed(first)
    rig.start("w1")
    feeding.join()
    rig.check()


def test_a_partition_taken_over_from_a_killed_worker_waits_for_its_transaction(rig):
    worker = rig.start("w1", crash_at="produced", after=60, session_timeout_s=6)
    feeding = rig.feed(stream(), seconds=1.5)
    rig.crashed(worker)
    feeding.join()
    rig.start("w2", session_timeout_s=6)  # another worker: w1's transaction times out first
    rig.check()


def test_a_stalled_worker_is_fenced_by_its_next_instance(rig):
    zombie = rig.start("w1")
    feeding = rig.feed(stream(), seconds=3)
    rig.wait_for_outputs(60)
    zombie.send_signal(signal.SIGSTOP)  # hung mid-stream, maybe mid-transaction
    rig.start("w1")  # its next instance fences it, and takes its partitions
    time.sleep(2)
    zombie.send_signal(signal.SIGCONT)
    feeding.join()
    rig.check()
    assert zombie.wait(30) != 0, "the fenced instance went on"
