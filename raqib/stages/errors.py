"""The one exception a stage raises on bad input; the agents turn it into a dead letter."""

from __future__ import annotations


class Rejected(Exception):
    """A message this stage cannot process. `reason` is a code from dlq.schema.json."""

    def __init__(self, reason: str, detail: str, report_id: str | None = None) -> None:
        super().__init__(f"{reason}: {detail}")
        self.reason = reason
        self.detail = detail
        self.report_id = report_id
