"""raqib feed: send reports to the raw topic, each checked first like the worker would."""

from __future__ import annotations

import sys
from dataclasses import dataclass

from raqib.cli.inputs import count_items, read_inputs
from raqib.cli.progress import Progress
from raqib.config import Settings
from raqib.kafka.clients import ensure_topics, producer
from raqib.stages.errors import Rejected
from raqib.stages.normalize import Limits, parse_raw, report_id


@dataclass
class FeedResult:
    fed: int = 0
    rejected: int = 0


def feed(settings: Settings, path: str, *, check: bool = True) -> FeedResult:
    """Send every item of `path`; with `check`, items the pipeline would reject are not sent
    but reported on standard error with the reason (use check=False to send them anyway)."""
    topic = settings.topic("reports.raw")
    limits = Limits(settings.max_message_bytes, settings.max_text_chars)
    ensure_topics(settings)
    client = producer(settings)
    result = FeedResult()
    progress = Progress(count_items(path), f"feeding {topic}")
    try:
        for item in read_inputs(path):
            key = None
            try:
                report = parse_raw(item.payload, limits)
                key = report_id(report).encode()
            except Rejected as exc:
                if check:
                    print(f"{item.origin}: rejected: {exc.reason}: {exc.detail}", file=sys.stderr)
                    result.rejected += 1
                    progress.step()
                    continue
            client.send(topic, key=key, value=item.payload)
            result.fed += 1
            progress.step()
        client.flush()
    finally:
        progress.close()
        client.close()
    return result
