"""Timestamped reports through the real broker and worker: which alerts, which versions.

The history in examples/history.jsonl is fed in publication order on one partition;
the worker must publish the same alert versions as `raqib replay` computes in process
(claims upgraded, clusters, escalation), and none for the denial, the repost and the
exercise.
"""

import json
import uuid
from dataclasses import replace
from io import StringIO

import pytest

from raqib.cli.replay import replay
from raqib.kafka.clients import ensure_topics
from raqib.schemas import validate

from .conftest import ROOT
from .kafka_io import consume, produce, values

pytestmark = pytest.mark.kafka
HISTORY = ROOT / "examples" / "history.jsonl"


def key(alert: dict) -> tuple:
    return alert["alert_id"], alert["version"], alert["rule_id"], alert["severity"], \
        alert["status"], alert["count"], alert["num_sources"]


def test_the_worker_publishes_the_alert_versions_replay_computes(kafka, start_worker):
    tag = uuid.uuid4().hex[:8]
    settings = replace(kafka, topic_prefix=f"t{tag}", app_id=f"raqib-t{tag}", partitions=1)
    ensure_topics(settings)
    start_worker(settings)
    lines = HISTORY.read_text().splitlines()
    produce(settings, settings.topic("reports.raw"), [line.encode() for line in lines])

    expected_out = StringIO()
    replay(settings, str(HISTORY), as_json=True, out=expected_out)
    expected = [json.loads(line) for line in expected_out.getvalue().splitlines()]
    published = values(consume(settings, settings.topic("alerts"), len(expected), timeout=90))
    for alert in published:
        validate("alert", alert)
    assert sorted(map(key, published)) == sorted(map(key, expected))
    claim = [a for a in published if a["rule_id"] == "claimed-attack"]
    assert [(a["version"], a["status"], a["severity"]) for a in claim] == [
        (1, "provisional", "low"), (2, "updated", "high")]
    # one alert_id never appears twice with the same version
    assert len({(a["alert_id"], a["version"]) for a in published}) == len(published)
    by_severity = values(consume(settings, settings.topic("alerts.high"), 1,
                                 until=lambda rs: len(rs) >= sum(
                                     a["severity"] == "high" for a in published)))
    assert {a["severity"] for a in by_severity} == {"high"}
