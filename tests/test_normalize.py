import base64
import json

import pytest

from raqib.schemas import validate
from raqib.stages.errors import Rejected
from raqib.stages.normalize import Limits, normalize

from .conftest import SEED_REPORT


def test_plain_text_seed_report_is_normalized_and_valid():
    raw = SEED_REPORT.read_bytes()
    report = normalize(raw)
    validate("normalized", report)
    assert report["text"] == raw.decode()
    assert report["language"] == "ar"
    assert report["report_id"].startswith("r-")
    assert report["report_id"] == normalize(raw)["report_id"]  # stable
    assert len(report["sentences"]) > 10
    for start, end in report["sentences"]:
        assert report["text"][start:end].strip() == report["text"][start:end]


def test_json_report_keeps_given_id_and_metadata():
    raw = json.dumps({"id": 42, "text": "Rockets hit the base.", "source": "X",
                      "published_at": "2024-03-05T10:00:00+03:00", "feed": "rss-7"}).encode()
    report = normalize(raw)
    validate("normalized", report)
    assert report["report_id"] == "42"
    assert report["published_at"] == "2024-03-05T07:00:00.000Z"
    assert report["language"] == "en"
    assert report["extra"] == {"feed": "rss-7"}


@pytest.mark.parametrize(("given", "report_id"), [(42, "42"), (42.0, "42"), (" x-1 ", "x-1")])
def test_a_given_id_is_kept_as_the_schema_reads_it(given, report_id):
    """To JSON Schema, 42.0 is the integer 42: the report keeps it as its id."""
    raw = json.dumps({"id": given, "text": "Rockets hit the base."}).encode()
    assert normalize(raw)["report_id"] == report_id


@pytest.mark.parametrize(("raw", "reason"), [
    (b"\xff\xfe not utf-8", "invalid_utf8"),
    (b'{"text": "unterminated', "invalid_json"),
    (b"[1, 2, 3]", "not_an_object"),
    (b'{"text": "   "}', "empty_text"),
    (b'{"title": "no text"}', "schema_violation"),
    (b'{"text": 17}', "schema_violation"),
    (b'{"text": "x", "published_at": "last tuesday"}', "schema_violation"),
    (b'{"text": "' + b"x" * 200 + b'"}', "too_large"),
])
def test_bad_input_is_rejected_with_a_reason(raw, reason):
    with pytest.raises(Rejected) as caught:
        normalize(raw, limits=Limits(max_message_bytes=150, max_text_chars=100))
    assert caught.value.reason == reason
    assert caught.value.detail


def test_dead_letter_carries_original_bytes():
    from raqib.stages.dead_letters import dead_letter

    record = dead_letter(stage="normalize", reason="invalid_utf8", detail="d", original=b"\xff",
                         key=None, topic="raqib.reports.raw", partition=0, offset=7)
    validate("dlq", record)
    assert base64.b64decode(record["original"]) == b"\xff"
