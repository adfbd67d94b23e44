"""Fixtures: a real Kafka broker for the session, and real worker processes.

The broker is the project's embedded Kafka (raqib.kafka.local_broker) on a free
loopback port with a temporary home; integration tests isolate themselves from each
other with their own topic prefix and consumer group.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid
from dataclasses import replace
from pathlib import Path

import pytest

from raqib.config import Settings, to_env
from raqib.kafka.local_broker import LocalBroker, free_port

ROOT = Path(__file__).resolve().parent.parent
SEED_REPORT = ROOT / "examples" / "seed_report_ar.txt"


@pytest.fixture(scope="session")
def kafka(tmp_path_factory) -> Settings:
    """A running local broker; the Settings that reach it (a fresh prefix per use below)."""
    home = tmp_path_factory.mktemp("raqib-home")
    broker = LocalBroker(home, port=free_port())
    broker.start()
    try:
        yield Settings.from_env({}, broker=broker.address, home=home, partitions=2)
    finally:
        broker.stop()


@pytest.fixture
def isolated(kafka: Settings) -> Settings:
    """Settings with topics and a consumer group no other test uses."""
    tag = uuid.uuid4().hex[:8]
    return replace(kafka, topic_prefix=f"t{tag}", app_id=f"raqib-t{tag}")


class Worker:
    """`raqib worker` in a child process, logging to a file the test can read."""

    def __init__(self, settings: Settings, log: Path) -> None:
        self.settings = replace(settings, web_port=free_port())
        self.log = log
        with log.open("wb") as out:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "raqib", "worker"], stdout=out, stderr=subprocess.STDOUT,
                env={**os.environ, **to_env(self.settings)}, start_new_session=True)

    def wait_ready(self, timeout: float = 90.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise AssertionError(f"worker exited ({self.process.returncode}):\n{self.output()}")
            if "[^Worker]: Ready" in self.output():
                return
            time.sleep(0.2)
        raise AssertionError(f"worker not ready after {timeout}s:\n{self.output()[-4000:]}")

    def output(self) -> str:
        return self.log.read_text("utf-8", errors="replace")

    def stop(self, timeout: float = 30.0) -> int:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        return self.process.returncode


@pytest.fixture
def start_worker(tmp_path):
    workers: list[Worker] = []

    def start(settings: Settings, name: str = "worker") -> Worker:
        worker = Worker(settings, tmp_path / f"{name}-{len(workers)}.log")
        workers.append(worker)
        worker.wait_ready()
        return worker

    yield start
    for worker in workers:
        worker.stop()
