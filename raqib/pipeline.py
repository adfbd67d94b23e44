"""The three stages chained in one process, without Kafka.

`raqib process`, `raqib replay`, evaluation and the benchmarks run reports through
exactly the functions the agents run, in the same order.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime

from raqib.alerts.detector import Detector
from raqib.alerts.rules import RuleBook
from raqib.config import Settings
from raqib.stages.errors import Rejected
from raqib.stages.extract import Extractor
from raqib.stages.normalize import Limits, normalize


@dataclass
class Outcome:
    enriched: dict | None = None
    alerts: list[dict] = field(default_factory=list)
    stage: str | None = None  # where it was rejected, if it was
    rejection: Rejected | None = None


class Pipeline:
    def __init__(self, settings: Settings | None = None) -> None:
        settings = settings or Settings.from_env()
        self.limits = Limits(settings.max_message_bytes, settings.max_text_chars)
        self.extract = Extractor(max_entities=settings.max_entities)
        self.detector = Detector.in_memory(RuleBook(settings.rule_paths), settings.incidents)

    def run(self, payload: bytes, received_at: datetime | None = None,
            now: datetime | None = None) -> Outcome:
        """One report through the stages; `now` stamps alerts (replay passes event time)."""
        stage = "normalize"
        try:
            normalized = normalize(payload, received_at=received_at, limits=self.limits)
            stage = "extract"
            enriched = self.extract(normalized)
            stage = "detect"
            return Outcome(enriched, self.detector.process(enriched, now=now))
        except Rejected as exc:
            return Outcome(stage=stage, rejection=exc)

    def replay(self, timeline: Iterable[tuple[datetime, bytes]]) -> Iterator[tuple[int, Outcome]]:
        """Reports in event time: sorted by their time (ties in the order given), each run
        as if it arrived then, so windows, cool-downs and baselines follow the reports'
        own times. Yields each report's index in `timeline` with its outcome."""
        ordered = sorted(enumerate(timeline), key=lambda item: (item[1][0], item[0]))
        for index, (at, payload) in ordered:
            yield index, self.run(payload, received_at=at, now=at)
