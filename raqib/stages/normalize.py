"""normalize: raw bytes -> a validated report with a stable id, language, folded text.

Accepts a JSON object (see schemas/raw.schema.json) or plain UTF-8 text. Rejects,
with a reason the dead-letter topic records: bytes that are not UTF-8, a JSON
document that does not parse or is not an object, a report without text, a message or
text over the configured limits, fields of the wrong type, and JSON nested deeper
than the next topic can carry.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime

import orjson

from raqib.schemas import SchemaViolation, validate
from raqib.stages.errors import Rejected
from raqib.text import fingerprints, langid, sentences
from raqib.text.fold import fold

KNOWN_FIELDS = ("text", "id", "title", "source", "url", "published_at", "language")
#: Levels of arrays and objects a raw report may nest. The agents pass reports on with
#: orjson.dumps, which refuses more than 254 levels, and a producer's extra fields sit
#: one level deeper in the normalized report than in the raw one.
MAX_NESTING = 200


@dataclass(frozen=True)
class Limits:
    max_message_bytes: int = 1_048_576
    max_text_chars: int = 100_000


def parse_raw(raw: bytes, limits: Limits = Limits()) -> dict:
    """Decode and validate a raw message; the report as sent, or `Rejected`."""
    if len(raw) > limits.max_message_bytes:
        raise Rejected("too_large", f"message is {len(raw)} bytes; the limit is "
                                    f"{limits.max_message_bytes} (RAQIB_MAX_MESSAGE_BYTES)")
    report = _decode(raw)
    text = report.get("text")
    if isinstance(text, str) and not text.strip():
        raise Rejected("empty_text", "the report's text is empty or only white space",
                       _given_id(report))
    try:
        validate("raw", report)
    except SchemaViolation as exc:
        raise Rejected("schema_violation", str(exc), _given_id(report)) from exc
    if len(text) > limits.max_text_chars:
        raise Rejected("too_large", f"text is {len(text)} characters; the limit is "
                                    f"{limits.max_text_chars} (RAQIB_MAX_TEXT_CHARS)",
                       _given_id(report))
    report["published_at"] = _published_at(report)
    return report


def report_id(report: dict) -> str:
    """The producer's id if it gave one, else a hash of the report's content."""
    return _given_id(report) or _content_id(report)


def normalize(raw: bytes, *, received_at: datetime | None = None,
              limits: Limits = Limits()) -> dict:
    report = parse_raw(raw, limits)
    text = report["text"]
    folded = fold(text)
    if len(folded.text) > limits.max_text_chars:  # a ligature such as ﷺ folds to a phrase
        raise Rejected("too_large", f"text folds to {len(folded.text)} characters; the limit "
                                    f"is {limits.max_text_chars} (RAQIB_MAX_TEXT_CHARS)",
                       _given_id(report))
    language = (report.get("language") or "").strip().lower()[:2] or langid.identify(folded.text)
    normalized = {
        "report_id": report_id(report),
        "source": report.get("source"),
        "url": report.get("url"),
        "title": report.get("title"),
        "published_at": report["published_at"],
        "ingested_at": _iso(received_at or datetime.now(UTC)),
        "language": language,
        "text": text,
        "folded": folded.to_wire(),
        "sentences": [list(folded.span(s, e)) for s, e in sentences.split(folded.text)],
        "content_hash": fingerprints.content_hash(folded.text),
        "minhash": fingerprints.minhash(folded.text),
    }
    extra = {k: v for k, v in report.items() if k not in KNOWN_FIELDS}
    if extra:
        normalized["extra"] = extra
    return normalized


def _decode(raw: bytes) -> dict:
    try:
        body = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise Rejected("invalid_utf8", f"byte 0x{raw[exc.start]:02x} at position {exc.start} "
                                       "is not UTF-8; send UTF-8 text or JSON") from exc
    head = body.lstrip()[:1]
    if head not in ("{", "[", '"'):
        return {"text": body}
    try:
        document = orjson.loads(body)
    except orjson.JSONDecodeError as exc:
        raise Rejected("invalid_json",
                       f"message starts like JSON but does not parse: {exc}") from exc
    if isinstance(document, str):
        return {"text": document}
    if not isinstance(document, dict):
        raise Rejected("not_an_object", f"JSON message is a {type(document).__name__}, "
                                        "expected an object with a \"text\" field")
    if _nesting(document) > MAX_NESTING:
        raise Rejected("invalid_json", "JSON message nests arrays and objects more than "
                                       f"{MAX_NESTING} levels deep")
    return document


def _nesting(document: dict) -> int:
    """How many levels of arrays and objects the document nests, walked level by level
    (no recursion, and it stops one level past the limit)."""
    level: list = [document]
    depth = 0
    while level and depth <= MAX_NESTING:
        depth += 1
        level = [child for node in level
                 for child in (node.values() if isinstance(node, dict) else node)
                 if isinstance(child, dict | list)]
    return depth


def _given_id(report: dict) -> str | None:
    given = report.get("id")
    if isinstance(given, float) and given.is_integer():
        given = int(given)  # JSON Schema's integer: 2.0 is the id 2
    if isinstance(given, bool) or not isinstance(given, str | int):
        return None
    given = str(given).strip()
    return given or None


def _content_id(report: dict) -> str:
    """Same report fed twice -> same id; the same text from another source -> another id."""
    key = "\x1f".join(str(report.get(k) or "") for k in ("source", "url", "title", "text"))
    return "r-" + hashlib.blake2b(key.encode(), digest_size=10).hexdigest()


def _published_at(report: dict) -> str | None:
    value = report.get("published_at")
    if value in (None, ""):
        return None
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError as exc:
        raise Rejected("schema_violation", f"raw schema: published_at: {value!r} is not an "
                                           "RFC 3339 date-time", _given_id(report)) from exc
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    try:
        return _iso(moment)
    except OverflowError as exc:  # "0001-01-01T00:00:00+01:00" is in year 0 in UTC
        raise Rejected("schema_violation", f"raw schema: published_at: {value!r} is out of "
                                           "range in UTC", _given_id(report)) from exc


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")
