"""raqib eval: print the extractor's scores on annotated documents."""

from __future__ import annotations

import json
from pathlib import Path

from raqib import evaluation


def evaluate(path: Path, *, as_json: bool = False) -> int:
    documents = evaluation.load(path)
    extractor = evaluation.Extractor()
    results = {}
    if any(doc.entities for doc in documents):
        results["entities"] = evaluation.score_entities(documents, extractor)
    if any(doc.events is not None for doc in documents):
        results["events"] = evaluation.score_events(documents, extractor)
        results["alerts"] = evaluation.score_alerts(documents)
    if as_json:
        print(json.dumps({name: s.as_dict() for name, s in results.items()}, indent=2))
        return 0
    if "entities" in results:
        print(f"entities ({path})\n{evaluation.table(results['entities'])}")
    if "events" in results:
        print(f"events ({path})\n{evaluation.event_table(results['events'])}")
        print(f"alerts ({path})\n{evaluation.alert_table(results['alerts'])}")
    return 0
