"""The dead-letter record: what failed, where, why, and the original bytes to replay it."""

from __future__ import annotations

import base64
from datetime import UTC, datetime


def dead_letter(*, stage: str, reason: str, detail: str, original: bytes, key: bytes | None,
                topic: str, partition: int, offset: int, report_id: str | None = None) -> dict:
    return {
        "stage": stage,
        "reason": reason,
        "detail": detail,
        "original": base64.b64encode(original).decode("ascii"),
        "key": base64.b64encode(key).decode("ascii") if key is not None else None,
        "topic": topic,
        "partition": partition,
        "offset": offset,
        "report_id": report_id,
        "failed_at": datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z"),
    }
