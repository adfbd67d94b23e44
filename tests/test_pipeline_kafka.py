"""The pipeline end to end on the real local broker, with a real worker process.

One worker serves the module: kcat (a third-party client) produces the seed report,
malformed messages go in around a valid report, and the tests read what came out.
"""

import base64
import json
import shutil
import subprocess
from dataclasses import replace

import pytest

from raqib.kafka.clients import ensure_topics
from raqib.pipeline import Pipeline
from raqib.schemas import validate

from .conftest import SEED_REPORT
from .kafka_io import consume, produce, values

pytestmark = pytest.mark.kafka

MALFORMED = {
    b"\xff\xfe\x00 not UTF-8": "invalid_utf8",
    b'{"text": "an unterminated JSON object': "invalid_json",
    b'["a", "JSON", "array"]': "not_an_object",
    b'{"text": "   ", "id": "blank"}': "empty_text",
    b'{"text": 17, "id": "number"}': "schema_violation",
    b'{"text": "' + b"x" * 30_000 + b'"}': "too_large",
}
VALID_AFTER = json.dumps({"id": "valid-after-malformed", "text": (
    "Iran-backed militias moved rocket launchers from al-Mayadin toward the Conoco gas field "
    "in the eastern countryside of Deir ez-Zor.")}).encode()


def kcat() -> str:
    path = shutil.which("kcat")
    if path is None:
        pytest.fail("kcat is needed (Debian: apt-get install kcat); .ci/run installs it")
    return path


@pytest.fixture(scope="module")
def run(kafka, tmp_path_factory):
    """Start a worker, feed everything, and return the settings to read the topics with."""
    import uuid

    from .conftest import Worker

    tag = uuid.uuid4().hex[:8]
    settings = replace(kafka, topic_prefix=f"t{tag}", app_id=f"raqib-t{tag}",
                       max_message_bytes=20_000)
    ensure_topics(settings)
    worker = Worker(settings, tmp_path_factory.mktemp("worker") / "worker.log")
    try:
        worker.wait_ready()
        subprocess.run([kcat(), "-P", "-b", settings.broker, "-t", settings.topic("reports.raw"),
                        "-k", "seed", str(SEED_REPORT)], check=True, timeout=30)
        produce(settings, settings.topic("reports.raw"), list(MALFORMED))
        produce(settings, settings.topic("reports.raw"), [VALID_AFTER])
        yield settings, worker
    finally:
        worker.stop()


def test_seed_from_kcat_raises_a_troop_movement_alert_readable_by_kcat(run):
    settings, _ = run
    consume(settings, settings.topic("alerts"), 1, until=lambda rs: any(
        json.loads(r.value)["rule_id"] == "movement-toward-site" for r in rs))
    result = subprocess.run(
        [kcat(), "-C", "-b", settings.broker, "-t", settings.topic("alerts"), "-o", "beginning",
         "-X", "isolation.level=read_committed", "-e", "-q", "-f", "%k\t%s\n"],
        capture_output=True, text=True, check=True, timeout=30)
    alerts = []
    for line in result.stdout.splitlines():
        key, _, value = line.partition("\t")
        alert = json.loads(value)
        assert key == alert["alert_id"]
        validate("alert", alert)
        alerts.append(alert)
    seed_alerts = [a for a in alerts if any(
        ev["sentence"] in SEED_REPORT.read_text() for ev in a["evidence"])]
    # one situation, one alert: troop movements toward the coalition's bases, and no strike
    # alert for the explosions the report explains away
    assert {a["rule_id"] for a in seed_alerts} == {"movement-toward-site"}
    assert len({a["alert_id"] for a in seed_alerts}) == 1  # updated by the report after it
    high = values(consume(settings, settings.topic("alerts.high"), 1))
    assert {a["rule_id"] for a in high} == {"movement-toward-site"}


def test_malformed_messages_are_dead_lettered_and_the_worker_goes_on(run):
    settings, worker = run
    letters = values(consume(settings, settings.topic("dlq"), len(MALFORMED)))
    by_original = {base64.b64decode(d["original"]): d for d in letters}
    for original, reason in MALFORMED.items():
        letter = by_original[original]
        validate("dlq", letter)
        assert letter["reason"] == reason and letter["stage"] == "normalize"
        assert letter["detail"] and letter["topic"] == settings.topic("reports.raw")
    enriched = values(consume(settings, settings.topic("reports.enriched"), 2, until=lambda rs: any(
        json.loads(r.value)["report_id"] == "valid-after-malformed" for r in rs)))
    assert any(r["report_id"] == "valid-after-malformed" for r in enriched)
    assert worker.process.poll() is None
    assert worker.output().count("dead-lettered") == len(MALFORMED)  # one clear line each


def test_process_gives_the_same_enriched_record_as_the_kafka_path(run):
    settings, _ = run
    records = consume(settings, settings.topic("reports.enriched"), 1, until=lambda rs: any(
        r.key == b"seed" or json.loads(r.value)["text"] == SEED_REPORT.read_text() for r in rs))
    from_kafka = next(json.loads(r.value) for r in records
                      if json.loads(r.value)["text"] == SEED_REPORT.read_text())
    validate("enriched", from_kafka)
    in_process = Pipeline(settings).run(SEED_REPORT.read_bytes()).enriched
    for record in (from_kafka, in_process):
        record.pop("ingested_at")
    assert in_process == from_kafka
