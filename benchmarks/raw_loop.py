"""The client limit: Raqib's topology as one kafka-python consume-and-produce loop.

    RAQIB_BROKER=... RAQIB_TOPIC_PREFIX=... python benchmarks/raw_loop.py

Reads raw, normalized and enriched, and copies every message to the next topic, with
acks from all replicas and offsets committed after the copies are flushed (at least
once, no transactions): the least a Python client can do for the same flow.
"""

from __future__ import annotations

import signal

from raqib.config import Settings
from raqib.kafka import clients

NEXT = {"reports.raw": "reports.normalized", "reports.normalized": "reports.enriched",
        "reports.enriched": "alerts"}


def main() -> None:
    settings = Settings.from_env()
    target = {settings.topic(source): settings.topic(then) for source, then in NEXT.items()}
    consumer = clients.consumer(settings, group_id=f"{settings.app_id}-rawloop",
                                auto_offset_reset="earliest", enable_auto_commit=False,
                                max_poll_records=500)
    consumer.subscribe(list(target))
    producer = clients.producer(settings)
    running = [True]
    signal.signal(signal.SIGTERM, lambda *_: running.__setitem__(0, False))
    while running[0]:
        batches = consumer.poll(timeout_ms=200)
        for tp, records in batches.items():
            for record in records:
                producer.send(target[tp.topic], key=record.key, value=record.value)
        if batches:
            producer.flush()
            consumer.commit()
    consumer.close()
    producer.close()


if __name__ == "__main__":
    main()
