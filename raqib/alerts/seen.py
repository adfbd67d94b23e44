"""Reports already counted, so that none counts twice.

A report is skipped when its id was seen (a redelivery after a restart), when its
content hash was seen, or when its MinHash signature resembles one seen within the
horizon (a repost, a syndicated copy, a lightly edited copy). Near duplicates are
found by locality-sensitive hashing: the 32-bin signature is cut into 8 bands of 4
bins; reports sharing a band are compared in full.

The index is a mapping from keys (report id, content hash, band) to the reports seen
under them: a dict in process, a changelog-backed Faust table in the worker.
"""

from __future__ import annotations

from collections.abc import MutableMapping
from datetime import datetime, timedelta

from raqib.alerts.sources import COPY_RESEMBLANCE
from raqib.text.fingerprints import BINS, resemblance

BANDS = 8
_BAND_HEX = 4 * BINS // BANDS


class SeenReports:
    def __init__(self, index: MutableMapping[str, list], horizon: timedelta) -> None:
        self.index = index
        self.horizon = horizon

    def check_and_add(self, report: dict, at: datetime) -> str | None:
        """None for a report not seen before (now recorded), else why it is skipped."""
        now = int(at.timestamp())
        oldest = now - int(self.horizon.total_seconds())
        signature = report["minhash"]
        keys = [f"id:{report['report_id']}", f"hash:{report['content_hash']}",
                *(f"band:{b}:{signature[b * _BAND_HEX:(b + 1) * _BAND_HEX]}"
                  for b in range(BANDS))]
        entries = {key: [e for e in self.index.get(key) or [] if e[2] >= oldest]
                   for key in keys}
        if entries[keys[0]]:
            return "redelivered"
        if entries[keys[1]]:
            return f"copy of {entries[keys[1]][0][0]}"
        for key in keys[2:]:
            for report_id, other, _ in entries[key]:
                if resemblance(signature, other) >= COPY_RESEMBLANCE:
                    return f"near copy of {report_id}"
        entry = [report["report_id"], signature, now]
        for key in keys:
            self.index[key] = [*entries[key], entry]
        return None
