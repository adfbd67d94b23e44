"""raqib eval: print the extractor's scores on annotated documents."""

from __future__ import annotations

import json
from pathlib import Path

from raqib import evaluation


def evaluate(path: Path, *, as_json: bool = False) -> int:
    documents = evaluation.load(path)
    scores = evaluation.score_entities(documents)
    if as_json:
        print(json.dumps({"entities": scores.as_dict()}, indent=2))
    else:
        print(f"entities ({path})")
        print(evaluation.table(scores))
    return 0
