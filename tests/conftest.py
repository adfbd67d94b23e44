"""Fixtures: a real Kafka broker for the session, and real worker processes.

The broker is the project's embedded Kafka (raqib.kafka.local_broker) on a free
loopback port with a temporary home; integration tests isolate themselves from each
other with their own topic prefix and consumer group.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
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
    """`raqib worker` in a child process, logging to a file the test can read. A worker
    started as `restart_of` another takes its identity (its web port, hence its worker id),
    as a worker restarted by its supervisor or orchestrator does."""

    def __init__(self, settings: Settings, log: Path, restart_of: Worker | None = None) -> None:
        self.settings = restart_of.settings if restart_of else replace(settings,
                                                                       web_port=free_port())
        self.log = log
        with log.open("wb") as out:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "raqib", "worker"], stdout=out, stderr=subprocess.STDOUT,
                env={**os.environ, **to_env(self.settings)}, start_new_session=True)

    def wait_ready(self, timeout: float = 90.0) -> None:
        """Until /health says every stage runs: joined its group, its state restored."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise AssertionError(f"worker exited ({self.process.returncode}):\n{self.output()}")
            if self.health().get("ok"):
                return
            time.sleep(0.2)
        raise AssertionError(f"worker not ready after {timeout}s:\n{self.output()[-4000:]}")

    def health(self) -> dict:
        url = f"http://127.0.0.1:{self.settings.web_port}/health"
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                return json.load(response)
        except urllib.error.HTTPError as exc:  # 503 while starting: the body says why
            return json.load(exc)
        except OSError:  # not listening yet
            return {}

    def output(self) -> str:
        return self.log.read_text("utf-8", errors="replace")

    def kill(self) -> None:
        """kill -9 of the worker and its child: no shutdown, open transactions left behind."""
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait()
        deadline = time.monotonic() + 10
        while _group_alive(self.process.pid) and time.monotonic() < deadline:
            time.sleep(0.05)  # the child dies too: then its web port is free again

    def stop(self, timeout: float = 30.0) -> int:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        return self.process.returncode


def _group_alive(group: int) -> bool:
    """Whether a process of the group still runs (a zombie does not)."""
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == group and fields[0] != "Z":
            return True
    return False


@pytest.fixture
def start_worker(tmp_path):
    workers: list[Worker] = []

    def start(settings: Settings, name: str = "worker", restart_of: Worker | None = None) -> Worker:
        worker = Worker(settings, tmp_path / f"{name}-{len(workers)}.log", restart_of)
        workers.append(worker)
        worker.wait_ready()
        return worker

    yield start
    for worker in workers:
        worker.stop()
