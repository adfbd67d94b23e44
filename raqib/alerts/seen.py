"""Reports already counted, so that none counts twice.

A report is skipped when its id was seen (a redelivery after a restart), when its
content hash was seen, or when its MinHash signature resembles one seen within the
horizon (a repost, a syndicated copy, a lightly edited copy). Near duplicates are
found by locality-sensitive hashing: the 32-bin signature is cut into 8 bands of 4
bins; reports sharing a band are compared in full.

The index is a mapping from keys (report id, content hash, band) to the reports seen
under them (`Sightings` records): a dict in process, a changelog-backed store in the
worker.
"""

from __future__ import annotations

from collections.abc import MutableMapping
from datetime import datetime, timedelta

from raqib.alerts.sources import COPY_RESEMBLANCE
from raqib.alerts.state import Sighting, Sightings, key
from raqib.text.fingerprints import BINS, resemblance

BANDS = 8
_BAND_HEX = 4 * BINS // BANDS


class SeenReports:
    def __init__(self, index: MutableMapping[str, Sightings], horizon: timedelta) -> None:
        self.index = index
        self.horizon = horizon

    def check_and_add(self, report: dict, at: datetime) -> str | None:
        """None for a report not seen before (now recorded), else why it is skipped."""
        now = int(at.timestamp())
        oldest = now - int(self.horizon.total_seconds())
        signature = report["minhash"]
        keys = [key("id", report["report_id"]), key("hash", report["content_hash"]),
                *(key("band", b, signature[b * _BAND_HEX:(b + 1) * _BAND_HEX])
                  for b in range(BANDS))]
        entries = {k: [e for e in (self.index.get(k) or Sightings()).entries if e.at >= oldest]
                   for k in keys}
        if entries[keys[0]]:
            return "redelivered"
        if entries[keys[1]]:
            return f"copy of {entries[keys[1]][0].report_id}"
        for k in keys[2:]:
            for entry in entries[k]:
                if resemblance(signature, entry.signature) >= COPY_RESEMBLANCE:
                    return f"near copy of {entry.report_id}"
        entry = Sighting(report["report_id"], signature, now)
        for k in keys:
            self.index[k] = Sightings([*entries[k], entry])
        return None
