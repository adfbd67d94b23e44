"""raqib replay: history through the same stages and rules, in event time.

Reports are sorted by `published_at` and processed as if each arrived at that moment:
windows, cool-downs and baselines follow the reports' own times, not the wall clock.
Every alert version is printed in order, readable by default or as JSON lines.
"""

from __future__ import annotations

import sys
from datetime import datetime

import orjson

from raqib.cli.alerts import AlertFilter, describe
from raqib.cli.inputs import read_inputs
from raqib.config import Settings
from raqib.pipeline import Pipeline
from raqib.stages.errors import Rejected
from raqib.stages.normalize import Limits, parse_raw


def replay(settings: Settings, path: str, *, as_json: bool = False,
           keep: AlertFilter | None = None, out=sys.stdout) -> int:
    """Print the alert timeline; return how many reports could not be replayed."""
    limits = Limits(settings.max_message_bytes, settings.max_text_chars)
    timeline: list[tuple[datetime, bytes]] = []
    skipped = 0
    for item in read_inputs(path):
        try:
            published = parse_raw(item.payload, limits).get("published_at")
        except Rejected as exc:
            published, reason = None, f"{exc.reason}: {exc.detail}"
        else:
            reason = "no published_at: replay needs each report's time"
        if published is None:
            print(f"{item.origin}: not replayed: {reason}", file=sys.stderr)
            skipped += 1
            continue
        timeline.append((datetime.fromisoformat(published.replace("Z", "+00:00")),
                         item.payload))
    seen: dict[str, dict] = {}
    for _, outcome in Pipeline(settings).replay(timeline):
        for alert in outcome.alerts:
            if keep is None or keep(alert):
                out.write(orjson.dumps(alert).decode() + "\n" if as_json
                          else describe(alert, seen.get(alert["alert_id"])))
            seen[alert["alert_id"]] = alert
    out.flush()
    return skipped
