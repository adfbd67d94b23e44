"""raqib demo: the whole chain on the embedded Kafka, then everything stopped again.

Starts a local broker on a free loopback port (data under RAQIB_HOME/demo), a worker
process running every stage, feeds the seed bulletin and the example reports shipped
in examples/, prints the alerts they raise, and stops the worker and the broker it
started; with --stay, only once Ctrl-C is pressed, so that the live map can be watched.
(examples/history.jsonl is for `raqib replay`.)
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

from raqib.cli.alerts import watch
from raqib.cli.feed import feed
from raqib.config import PROJECT_ROOT, Settings, to_env
from raqib.kafka.local_broker import LocalBroker, free_port

EXAMPLES = [PROJECT_ROOT / "examples" / "seed_report_ar.txt",
            PROJECT_ROOT / "examples" / "reports.jsonl"]
QUIET_AFTER_LAST_ALERT = 8.0  # seconds without a new alert before the demo stops
DEADLINE = 180.0


def demo(settings: Settings, examples: list[Path] = EXAMPLES, stay: bool = False) -> int:
    home = settings.home / "demo"
    shutil.rmtree(home, ignore_errors=True)
    port = free_port()
    settings = replace(settings, broker=f"127.0.0.1:{port}", home=home,
                       web_port=free_port(), app_id="raqib-demo")
    broker = LocalBroker(home, port=port)
    step("fetching the Kafka jars with Maven (first run only)")
    broker.fetch()
    step(f"starting the local Kafka broker on {broker.address}")
    broker.start()
    worker = None
    try:
        log = home / "worker.log"
        step(f"starting a worker (log: {log})")
        with log.open("ab") as out:
            worker = subprocess.Popen(
                [sys.executable, "-m", "raqib", "worker"], stdout=out, stderr=subprocess.STDOUT,
                env={**os.environ, **to_env(settings)}, start_new_session=True)
        step("feeding " + ", ".join(str(p.relative_to(PROJECT_ROOT)) for p in examples))
        fed = rejected = 0
        for path in examples:
            result = feed(settings, str(path))
            fed, rejected = fed + result.fed, rejected + result.rejected
        print(f"   fed {fed} reports, {rejected} rejected")
        step("alerts, as the worker publishes them:")
        alerts = watch(settings, from_beginning=True, follow=True, until=_settled(worker))
        print(f"   {len(alerts)} alert versions")
        if stay:
            _stay(settings, worker)
        return 0 if alerts else 1
    finally:
        step("stopping the worker and the broker")
        if worker is not None:
            _stop(worker)
        broker.stop()
        shutil.rmtree(home, ignore_errors=True)


def _stay(settings: Settings, worker: subprocess.Popen) -> None:
    step(f"the live map: http://127.0.0.1:{settings.web_port}/map "
         f"(feed more with RAQIB_BROKER={settings.broker} raqib feed FILE); Ctrl-C stops")
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    try:
        while worker.poll() is None:
            time.sleep(1)
    except KeyboardInterrupt:
        print()


def step(message: str) -> None:
    print(f"-- {message}", flush=True)


def _settled(worker: subprocess.Popen):
    started = time.monotonic()
    state = {"count": 0, "at": started}

    def done(seen: list[dict]) -> bool:
        now = time.monotonic()
        if worker.poll() is not None:
            raise SystemExit(f"raqib: the worker exited with code {worker.returncode}")
        if len(seen) != state["count"]:
            state.update(count=len(seen), at=now)
        if seen and now - state["at"] >= QUIET_AFTER_LAST_ALERT:
            return True
        return now - started >= DEADLINE

    return done


def _stop(process: subprocess.Popen, timeout: float = 30.0) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
