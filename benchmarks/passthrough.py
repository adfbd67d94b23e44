"""The streaming limit: Raqib's topology with stages that only copy, on the same core.

    RAQIB_BROKER=... RAQIB_TOPIC_PREFIX=... python benchmarks/passthrough.py

Three stages (raw -> normalized -> enriched -> alerts) forward every message unchanged,
in the same Faust app and on the same delivery core as `raqib worker` (exactly once,
one transaction per batch, the same settings), so that the difference to `raqib worker`
on the same messages is the cost of Raqib's own work.
"""

from __future__ import annotations

import sys

from faust.worker import Worker

from raqib.agents.app import app_running
from raqib.agents.delivery.stage import Output, Record, Stage, Stores
from raqib.agents.topics import topic_names
from raqib.config import Settings

HOPS = {"normalize": ("raw", "normalized"), "extract": ("normalized", "enriched"),
        "detect": ("enriched", "alerts")}


def copying(name: str, source: str, target: str) -> Stage:
    def process(record: Record, _: Stores) -> list[Output]:
        return [Output(target, record.key, record.value)]

    return Stage(name, source, process)


if __name__ == "__main__":
    settings = Settings.from_env()
    topics = topic_names(settings)
    stages = [copying(name, topics[source], topics[target])
              for name, (source, target) in HOPS.items()]
    Worker(app_running(settings, stages), loglevel="warning", quiet=True).execute_from_commandline()
    sys.exit(0)
