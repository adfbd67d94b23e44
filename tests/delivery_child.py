"""A stage on the delivery core in a process of its own, for the crash-injection tests.

    python tests/delivery_child.py PREFIX [--crash-at STEP --after N]

Settings come from RAQIB_* variables (broker, app id, worker id, commit interval,
session timeout). The stage, `count`, reads PREFIX.in, whose records are `key:n`; it
keeps a count per key in the store `counts` and writes `key:n:count` to PREFIX.out. A
record `bad:n` is rejected (a dead letter on PREFIX.dlq), and `boom:n` raises after it
changed the store: its change must never be committed. With --crash-at, the process
dies (os._exit, as kill -9 would leave it) the N-th time the runner reaches STEP.
"""

from __future__ import annotations

import argparse
import logging
import os
import signal
import sys
import threading

from raqib.agents.delivery.runner import StageRunner
from raqib.agents.delivery.stage import Output, Record, Stage, Stores, StoreSpec
from raqib.config import Settings
from raqib.stages.errors import Rejected

CRASHED = 86  # the exit code of an injected crash
LIMIT = 4 * 1000  # the record limit, with RAQIB_MAX_MESSAGE_BYTES=1000


def count_stage(prefix: str) -> Stage:
    def process(record: Record, stores: Stores) -> list[Output]:
        key, n = record.value.decode().split(":")
        if key == "bad":
            raise Rejected("invalid_json", f"record {n} is bad")
        counts = stores["counts"]
        counts[key] = counts.get(key, 0) + 1
        if key == "boom":
            raise RuntimeError(f"record {n} fails after changing the store")
        padding = "x" * (2 * LIMIT if key == "big" else 0)
        return [Output(f"{prefix}.out", key.encode(), f"{key}:{n}:{counts[key]}{padding}".encode())]

    return Stage("count", f"{prefix}.in", process,
                 (StoreSpec("counts", f"{prefix}.counts-changelog"),))


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("prefix")
    parser.add_argument("--crash-at")
    parser.add_argument("--after", type=int, default=1)
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")
    hits = {"n": 0}

    def step(name: str) -> None:
        if name == args.crash_at:
            hits["n"] += 1
            if hits["n"] >= args.after:
                os._exit(CRASHED)

    stopping = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stopping.set())
    runner = StageRunner(count_stage(args.prefix), Settings.from_env(), f"{args.prefix}.dlq",
                         step)
    runner.run(stopping)
    return 0


if __name__ == "__main__":
    sys.exit(main())
