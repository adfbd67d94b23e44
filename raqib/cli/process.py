"""raqib process: the pipeline in process over a file, enriched reports (or alerts) out."""

from __future__ import annotations

import sys

import orjson

from raqib.cli.inputs import read_inputs
from raqib.config import Settings
from raqib.pipeline import Pipeline


def process(settings: Settings, path: str, *, output: str = "enriched", out=sys.stdout) -> int:
    """Write one JSON line per enriched report (or alert); return how many were rejected."""
    pipeline = Pipeline(settings)
    rejected = 0
    for item in read_inputs(path):
        outcome = pipeline.run(item.payload)
        if outcome.rejection is not None:
            rejected += 1
            print(f"{item.origin}: rejected by {outcome.stage}: {outcome.rejection.reason}: "
                  f"{outcome.rejection.detail}", file=sys.stderr)
            continue
        records = [outcome.enriched] if output == "enriched" else outcome.alerts
        for record in records:
            out.write(orjson.dumps(record).decode() + "\n")
    out.flush()
    return rejected
