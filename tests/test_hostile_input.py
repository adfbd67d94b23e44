"""Hostile input: property-based tests of the normalize and extract stages.

A stage may reject a message (`Rejected`, which the agents dead-letter with its reason);
anything else escaping is a bug that a producer could trigger at will. Whatever the
stages do accept must come out schema-valid, encodable for the next topic, and with
offsets that point into the original text.
"""

from __future__ import annotations

import copy
import json
import re
from datetime import UTC, datetime, timedelta, timezone
from functools import cache

import orjson
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from raqib.schemas import load, validate
from raqib.stages.errors import Rejected
from raqib.stages.extract import EVENT_ARGUMENTS, Extractor, bounded
from raqib.stages.normalize import KNOWN_FIELDS, MAX_NESTING, Limits, normalize
from raqib.text.fold import fold

from .conftest import ROOT, SEED_REPORT

RECEIVED = datetime(2024, 3, 5, 10, 0, tzinfo=UTC)
DLQ_REASONS = frozenset(load("dlq")["properties"]["reason"]["enum"])
# The schemas say "format": "date-time", which jsonschema checks only when an optional
# package is installed; the stages always write this one form.
TIMESTAMP = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$")

FAST = settings(max_examples=150, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
SLOW = settings(FAST, max_examples=15)


@cache
def extractor() -> Extractor:
    """One extractor for the module: loading the knowledge base takes a second."""
    return Extractor()


# --- running the stages and checking what they give -----------------------------------


def outcome(raw: bytes, limits: Limits | None = None) -> dict | Rejected:
    """The normalized report, checked, or the `Rejected` normalize raised, checked."""
    try:
        report = normalize(raw, received_at=RECEIVED, limits=limits or Limits())
    except Rejected as rejected:
        assert rejected.reason in DLQ_REASONS, rejected
        assert rejected.detail.strip(), rejected
        return rejected
    check_normalized(report, limits or Limits())
    return report


def normalize_and_extract(raw: bytes) -> tuple[dict, dict] | None:
    """Both stages as the agents chain them (through the wire), or None if rejected."""
    report = outcome(raw)
    if isinstance(report, Rejected):
        return None
    enriched = extractor()(orjson.loads(orjson.dumps(report)))
    check_enriched(enriched, report)
    return report, enriched


def check_normalized(report: dict, limits: Limits) -> None:
    validate("normalized", report)
    assert orjson.loads(orjson.dumps(report)) == report  # what the agent sends on
    assert TIMESTAMP.match(report["ingested_at"])
    assert report["published_at"] is None or TIMESTAMP.match(report["published_at"])
    text, folded = report["text"], report["folded"]["text"]
    assert len(text) <= limits.max_text_chars and len(folded) <= limits.max_text_chars
    check_sentences(text, report["sentences"])
    previous = (-1, -1)
    for folded_at, original_at in report["folded"]["offsets"]:
        assert 0 <= folded_at <= len(folded)  # len(folded): where trailing blanks begin
        assert 0 <= original_at <= len(text)
        assert folded_at > previous[0] and original_at >= previous[1]
        previous = (folded_at, original_at)


def check_trimmed(text: str, start: int, end: int) -> None:
    """No white space around a span."""
    surface = text[start:end]
    assert surface.strip(), (start, end)
    assert surface.strip() == surface, (start, end)


def check_sentences(text: str, sentences: list) -> None:
    end_of_last = 0
    for start, end in sentences:
        assert end_of_last <= start < end <= len(text), (start, end, len(text))
        check_trimmed(text, start, end)
        end_of_last = end


def check_span(text: str, span: dict) -> None:
    """`span` is a non-empty slice of the original text, and says so."""
    start, end = span["start"], span["end"]
    assert 0 <= start < end <= len(text), (span, len(text))
    if "text" in span:
        assert text[start:end] == span["text"]
        check_trimmed(text, start, end)


def check_enriched(enriched: dict, report: dict) -> None:
    validate("enriched", enriched)
    assert orjson.loads(orjson.dumps(enriched)) == enriched
    text = enriched["text"]
    assert text == report["text"] and enriched["sentences"] == report["sentences"]
    ids = [entity["id"] for entity in enriched["entities"]]
    assert len(set(ids)) == len(ids)
    for entity in enriched["entities"]:
        check_span(text, entity)
        for reference in ("counts", "coref"):
            assert entity.get(reference) in (None, *ids), (reference, entity)
    sentences = {tuple(pair) for pair in enriched["sentences"]}
    for event in enriched["events"]:
        trigger, sentence = event["trigger"], event["sentence"]
        check_span(text, trigger)
        check_span(text, sentence)
        assert (sentence["start"], sentence["end"]) in sentences
        assert sentence["start"] <= trigger["start"] and trigger["end"] <= sentence["end"]
        for name in EVENT_ARGUMENTS:
            assert event[name] in (None, *ids), (name, event)
        assert set(event["weapons"]) <= set(ids)


# --- strategies -----------------------------------------------------------------------

BIDI_AND_INVISIBLE = ("\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
                      "\u200b\u200c\u200d\u2060\ufeff\u00ad\u061c\u0640")
ARABIC_DIGITS = "٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹"
COMBINING = "\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652\u0670\u0300\u0301\u0327\u20dd"
# characters whose folded form is longer or shorter than they are, line and sentence
# breaks of every kind, quotes that fold to spaces
ODD = list("ﷺﷻﻻﻷ…¨İßŉ½ǅ№\u2028\u2029\x85\x0b\x0c\r\n\t\u3000\u00a0«»“”\"'.,،؛؟!?;:-_*|~")
SPECIAL = st.sampled_from([*BIDI_AND_INVISIBLE, *ARABIC_DIGITS, *COMBINING, *ODD])
HOSTILE_CHARS = st.one_of(
    st.characters(codec="utf-8"),  # every category, control characters included
    st.characters(min_codepoint=0x0600, max_codepoint=0x06FF),
    SPECIAL,
)


def _words(text: str) -> list[str]:
    return re.findall(r"\S+", text)


def _example_words() -> list[str]:
    texts = [SEED_REPORT.read_text("utf-8")]
    for name in ("reports.jsonl", "history.jsonl"):
        for line in (ROOT / "examples" / name).read_text("utf-8").splitlines():
            if line.strip():
                texts.append(json.loads(line).get("text") or "")
    return sorted({word for text in texts for word in _words(text)})


# names, triggers and cues of the knowledge base, and the words around them in reports
CORE_WORDS = sorted({
    *"قصفت الميليشيات دير الزور الميادين لم تطلق صواريخ Iran-backed militias shelled "
     "Deir ez-Zor near not".split(),
    "دير الزور", "ريف دير الزور الشرقي", "حقل العمر", "التحالف الدولي", "حزب الله", "قسد",
    "البوكمال", "قاعدة", "باتجاه", "أطلقت", "قذيفة", "طائرة مسيرة", "10 مدافع ثقيلة",
    "صباح اليوم", "31 آب الفائت", "نفت", "التي", "خوفا من", "تدريبات عسكرية", "انفجارات",
    "غارات جوية", "هجوم صاروخي", "اشتباكات", "تعزيزات عسكرية", "أعادت انتشارها",
    "عشرات", "Hezbollah", "US forces", "fired", "rockets", "at", "the", "base", "drone",
    "eastern countryside of", "Conoco gas field", "al-Mayadin", "did not fire", "denied",
    "in order to attack", "three", "dozens of", "yesterday", "on Monday", "2023-08-31",
    "12/03/2024", "in 2017", "٣ صواريخ", "ثلاثة", "airstrikes", "drone strike", "clashes",
})
VOCABULARY = sorted({*CORE_WORDS, *_example_words()})
NOISE = st.sampled_from(["\u0640", "\u0640\u0640\u0640", ".", " ", "\u200d", "\u200c", "_",
                         "*", "-", "\u0651", "\u064e", "\u200f", "·", "|"])
SEPARATORS = st.sampled_from([" ", "  ", "\n", "\n\n", "، ", ". ", ", ", "؛ ", "\t", "... ",
                              " - ", "\u200f ", " «", "» ", ' "', '" ', "؟ ", ": ", ""])


@st.composite
def noisy_word(draw) -> str:
    """A vocabulary word, sometimes with filler slipped inside it ("قصـ.ـفت")."""
    word = draw(st.sampled_from(CORE_WORDS) | st.sampled_from(VOCABULARY))
    for _ in range(draw(st.integers(0, 2))):
        at = draw(st.integers(0, len(word)))
        word = word[:at] + draw(NOISE) + word[at:]
    return word


@st.composite
def report_text(draw, max_words: int = 60) -> str:
    words = draw(st.lists(noisy_word(), min_size=1, max_size=max_words))
    parts = []
    for word in words:
        parts += [word, draw(SEPARATORS)]
    return "".join(parts)


def _plain(text: str) -> bytes:
    return text.encode("utf-8")


def _json(text: str) -> bytes:
    return orjson.dumps({"text": text})


ENCODINGS = pytest.mark.parametrize("encode", [_plain, _json], ids=["plain", "json"])


# --- 1. arbitrary bytes ---------------------------------------------------------------

JSONISH_BYTES = st.builds(
    bytes.__add__,
    st.sampled_from([b"", b"{", b"[", b'"', b" \n{", b'{"text": ', b'{"text": "', b"\xef\xbb\xbf"]),
    st.binary(max_size=200),
)


@FAST
@given(raw=st.one_of(st.binary(max_size=400), JSONISH_BYTES))
@example(raw=b"")
@example(raw=b"\x00")
@example(raw=b'{"text": "\\u0000"}')
@example(raw=b'{"text": "\\ud800"}')
@example(raw=b"\xed\xa0\x80")  # a surrogate, UTF-8 encoded: not UTF-8
def test_arbitrary_bytes_are_normalized_or_rejected(raw):
    """Producers can send anything: the only way to fail is a dead letter with a reason."""
    normalize_and_extract(raw)


# --- 2. arbitrary Unicode text --------------------------------------------------------


@ENCODINGS
@FAST
@given(text=st.text(HOSTILE_CHARS, max_size=300))
@example(text="\u200f\u200b\u0640")  # nothing but characters folding drops
@example(text="ﷺ. ﷺ\nﷺ")  # one character folding to a phrase, around sentence breaks
@example(text="قصـ\u200dـفت \u202eالميليشيات\u202c ٣ صواريخ")
def test_any_unicode_text_flows_through_both_stages(encode, text):
    """Control, bidi and zero-width characters, tatweel, combining marks and expanding
    ligatures change the length of the folded text: offsets must still map back."""
    normalize_and_extract(encode(text))


# --- 3. text built from real fragments ------------------------------------------------


@ENCODINGS
@FAST
@given(text=report_text())
@example(text="قصفت الميليشيات الموالية لإيران بالصواريخ قاعدة حقل العمر قرب الميادين. ")
@example(text="لم تطلق الميليشيات أي صـ.ـواريخ باتجاه ريف دير الـزور الشرقي")
@example(text="أطلقت 100000000000000000000 صاروخ")  # no count JSON cannot carry
@example(text="قاعدة al-.Mayadin ")  # a place noun, then an article and no name
def test_report_like_text_with_noise_keeps_offsets_valid(encode, text):
    """Names, triggers and cues with filler inside them reach the matcher, the entity
    and the event code: every span they produce must point into the original."""
    normalize_and_extract(encode(text))


def test_report_like_text_does_find_things():
    """The vocabulary is live: a sample of it yields entities and events."""
    found = normalize_and_extract(_json("قصفت الميليشيات الموالية لإيران بالصواريخ قاعدة "
                                        "حقل العمر قرب الميادين صباح اليوم."))
    assert found is not None
    _, enriched = found
    assert enriched["entities"] and enriched["events"]


@pytest.mark.parametrize("tail", ["\n", " \n\n  ", "\u200f \n", '"'])
def test_trailing_white_space_stays_out_of_the_last_span(tail):
    """A plain-text message usually ends in a line break: the last sentence and a name
    at the very end must not take it into their surface form."""
    text = "Iran-backed militias shelled al-Mayadin" + tail
    found = normalize_and_extract(_plain(text))
    assert found is not None
    report, enriched = found
    assert report["sentences"][-1][1] == len("Iran-backed militias shelled al-Mayadin")
    assert enriched["entities"][-1]["text"] == "al-Mayadin"


@FAST
@given(text=report_text(max_words=120), limit=st.integers(0, 30))
@example(text="قصفت الميليشيات الموالية لإيران بالصواريخ قاعدة حقل العمر. الميليشيات " * 8,
         limit=3)
def test_cutting_entities_and_events_leaves_no_dangling_id(text, limit):
    """RAQIB_MAX_ENTITIES cuts long reports: what stays must not refer to what was cut
    (an event's arguments, a generic actor's antecedent, what a quantity counts)."""
    found = normalize_and_extract(_json(text))
    assert found is not None
    report, enriched = found
    entities, events, truncated = bounded(copy.deepcopy(enriched["entities"]),
                                          copy.deepcopy(enriched["events"]), limit)
    check_enriched({**enriched, "entities": entities, "events": events,
                    "truncated": truncated}, report)
    assert len(events) <= limit and ("events" in truncated) == (len(enriched["events"]) > limit)


# --- 4. very long words and lines -----------------------------------------------------

LETTER_RUNS = st.one_of(
    st.sampled_from(["ب", "a", "ـ", "١", "\u0651", "ﷺ", "ال"]),
    st.sampled_from(VOCABULARY).map(lambda word: word.replace(" ", "")),
)


@SLOW
@given(unit=LETTER_RUNS, length=st.integers(10_000, 50_000), noise=st.booleans())
@example(unit="قصف", length=50_000, noise=False)
@example(unit="الميليشيات", length=50_000, noise=True)
def test_one_very_long_word_is_handled(unit, length, noise):
    """A word of tens of thousands of letters (a glued trigger, a repeated name)."""
    word = (unit * (length // len(unit) + 1))[:length]
    if noise:
        word = word[: length // 2] + "\u0640.\u200d" + word[length // 2 :]
    normalize_and_extract(_json(f"قصفت الميليشيات {word} قرب الميادين"))


@SLOW
@given(words=report_text(max_words=200), copies=st.integers(1, 5), lines=st.integers(1, 4),
       size=st.integers(5_000, 20_000), filler=st.sampled_from(["ب", "x", "ـ", " ", "ﻻ"]))
def test_very_long_lines_are_handled(words, copies, lines, size, filler):
    """Lines of up to 20k characters with no sentence break inside: report words, then
    filler. (Thousands of triggers in one sentence are slow, not wrong: the event code
    is quadratic in a sentence's triggers, so the words are repeated a few times only.)"""
    words = re.sub(r"[\n.!?؟…;؛]", " ", words)
    line = (words * copies + " " + filler * size)[:size]
    normalize_and_extract(_json("\n".join([line] * lines)))


# --- 5. deep and huge JSON ------------------------------------------------------------

DEEP_SHAPES = {
    "list": lambda n: b"[" * n + b"]" * n,
    "object": lambda n: b'{"a":' * n + b"1" + b"}" * n,
    "text": lambda n: b'{"text":' + b"[" * n + b"]" * n + b"}",
    "extra_list": lambda n: b'{"text":"x","a":' + b"[" * n + b"]" * n + b"}",
    "extra_object": lambda n: b'{"text":"x",' + b'"a":{' * n + b"}" * n + b"}",
}


@pytest.mark.parametrize("shape", DEEP_SHAPES)
@FAST
@given(depth=st.integers(1, 20_000))
@example(depth=10_000)
@example(depth=MAX_NESTING)
@example(depth=MAX_NESTING + 1)
@example(depth=254)  # the most orjson writes
@example(depth=1_025)  # one more than orjson reads
def test_deeply_nested_json_is_rejected_or_kept_encodable(shape, depth):
    """Nesting is cheap to send and expensive to walk: a deep document must be a dead
    letter naming the problem, never a RecursionError, and a report the stage lets
    through must still encode for the next topic."""
    result = outcome(DEEP_SHAPES[shape](depth))
    levels = depth if shape in ("list", "object") else depth + 1
    if levels > 1_024 or (shape != "list" and levels > MAX_NESTING):
        assert isinstance(result, Rejected) and result.reason == "invalid_json"
        assert re.search("depth|deep", result.detail), result.detail
    if isinstance(result, dict):
        extractor()(orjson.loads(orjson.dumps(result)))


@FAST
@given(limit=st.integers(2, 10_000), over=st.integers(1, 2_000), body=st.binary(max_size=64))
def test_message_over_the_byte_limit_is_rejected_as_too_large(limit, over, body):
    """The size check comes first: whatever the bytes, an oversized message is cut off
    before it is decoded or parsed."""
    raw = (body * (limit + over))[: limit + over] if body else b"{" * (limit + over)
    result = outcome(raw, Limits(max_message_bytes=limit, max_text_chars=limit))
    assert isinstance(result, Rejected) and result.reason == "too_large"
    assert str(limit) in result.detail and "RAQIB_MAX_MESSAGE_BYTES" in result.detail


def test_huge_json_at_the_default_limits():
    """A message one byte over 1 MiB is refused; one just under it, however many small
    containers it holds, goes through."""
    limits = Limits()
    head, tail = b'{"text":"Rockets hit the base.","a":[', b"[]]}"
    filler = b"[],[0]," * ((limits.max_message_bytes - len(head) - len(tail)) // 7)
    under = head + filler + tail
    assert len(under) <= limits.max_message_bytes
    assert isinstance(outcome(under), dict)
    over = b'{"text":"' + b"x" * limits.max_message_bytes + b'"}'
    result = outcome(over)
    assert isinstance(result, Rejected) and result.reason == "too_large"
    assert str(limits.max_message_bytes) in result.detail


# --- 6. wrong types in every field ----------------------------------------------------

JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-(10**400), 10**400)
    | st.floats(allow_nan=True, allow_infinity=True) | st.text(max_size=20),
    lambda children: st.lists(children, max_size=4)
    | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=12,
)
RAW_LITERALS = st.sampled_from([
    "NaN", "-NaN", "Infinity", "-Infinity", "1e999", "-1e999", "1E400", "-0", "0.0", "9" * 500,
    "18446744073709551615", "18446744073709551616", "-9223372036854775809", "true", "false",
    "null", "[]", "{}", '""', '"   "', '"\\u0000"', '"2024-13-45T99:99:99Z"',
    '"0001-01-01T00:00:00+01:00"', '"9999-12-31T23:59:59-01:00"', '"2024-03-05"',
])
LITERALS = st.one_of(RAW_LITERALS, JSON_VALUES.map(lambda value: json.dumps(value)))


def _allowed(field: str, value: object) -> bool:
    """The types the raw schema lets each field have (to JSON Schema, 2.0 is an integer)."""
    if field == "text":
        return isinstance(value, str)
    if field == "id":
        return isinstance(value, str) or (isinstance(value, int | float) and not isinstance(
            value, bool) and float(value).is_integer())
    return value is None or isinstance(value, str)


@pytest.mark.parametrize("field", KNOWN_FIELDS)
@FAST
@given(literal=LITERALS, others_valid=st.booleans())
@example(literal='"0001-01-01T00:00:00+01:00"', others_valid=False)
@example(literal="NaN", others_valid=True)
def test_wrong_types_in_any_field_are_rejected_not_crashed_on(field, literal, others_valid):
    """Each known field, sent with a value of any JSON type (or a non-JSON number such as
    NaN written raw), gives a valid report or a dead letter, never a TypeError; a value
    of a type the schema does not allow is never let through."""
    fields = {"text": '"Rockets hit the base near al-Mayadin."'}
    if others_valid:
        fields.update(id='"r-1"', title='"t"', source='"s"', url='"u"', language='"en"',
                      published_at='"2024-03-05T10:00:00Z"')
    fields[field] = literal
    raw = ("{" + ", ".join(f'"{k}": {v}' for k, v in fields.items()) + "}").encode()
    result = outcome(raw)
    if isinstance(result, dict):
        assert _allowed(field, orjson.loads(literal))
        extractor()(orjson.loads(orjson.dumps(result)))
    elif result.reason == "schema_violation":
        assert f"raw schema: {field}: " in result.detail  # the dead letter names the field


# RFC 3339 offsets are whole minutes
OFFSETS = st.integers(-(23 * 60 + 59), 23 * 60 + 59).map(
    lambda minutes: timezone(timedelta(minutes=minutes)))


@FAST
@given(moment=st.datetimes(timezones=st.none() | OFFSETS), zulu=st.booleans(),
       spec=st.sampled_from(["auto", "seconds", "milliseconds", "microseconds"]))
@example(moment=datetime(1, 1, 1, tzinfo=timezone(timedelta(hours=1))), zulu=False, spec="auto")
@example(moment=datetime(9999, 12, 31, 23, 59, tzinfo=timezone(timedelta(hours=-1))),
         zulu=False, spec="auto")
def test_any_date_time_as_published_at_is_converted_or_rejected(moment, zulu, spec):
    """Dates at the ends of the calendar leave it once moved to UTC: a dead letter, not
    an OverflowError."""
    written = moment.isoformat(timespec=spec)
    if zulu and moment.utcoffset() == timedelta(0):
        written = written.replace("+00:00", "Z")
    result = outcome(orjson.dumps({"text": "Rockets hit the base.", "published_at": written}))
    if isinstance(result, Rejected):
        assert result.reason == "schema_violation" and "published_at" in result.detail
    else:
        utc = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
        assert result["published_at"][:19] == utc.astimezone(UTC).isoformat()[:19]


# --- 7. text over the character limit -------------------------------------------------


@ENCODINGS
@FAST
@given(limit=st.integers(1, 3_000), over=st.integers(1, 300),
       unit=st.sampled_from(["a", "ب", "قصفت ", "x\u0640", "٣", "ﷺ"]))
def test_text_over_the_character_limit_is_rejected(encode, limit, over, unit):
    """The text limit is in characters of the original, and the dead letter says which
    limit was hit so that an operator can raise it."""
    text = (unit * (limit + over))[: limit + over]
    result = outcome(encode(text), Limits(max_message_bytes=1_048_576, max_text_chars=limit))
    assert isinstance(result, Rejected) and result.reason == "too_large"
    assert str(limit) in result.detail and "RAQIB_MAX_TEXT_CHARS" in result.detail
    assert str(len(text)) in result.detail


@FAST
@given(unit=st.sampled_from(["ﷺ", "ﷻ", "ﷲ", "ﻻ", "½", "ǆ"]), limit=st.integers(1, 5_000),
       share=st.floats(0.0, 1.0))
def test_text_that_folds_to_more_than_the_limit_is_rejected(unit, limit, share):
    """One character can fold to a phrase (ﷺ to 18 characters, with as many offsets):
    the folded text is held to the text limit too, or a 300 KB message would become a
    30 MB normalized report."""
    growth = len(fold(unit).text)
    count = min(limit, limit // growth + 1 + int(share * limit))  # folds to over `limit`
    result = outcome(_json(unit * count), Limits(max_text_chars=limit))
    assert isinstance(result, Rejected) and result.reason == "too_large"
    assert f"folds to {count * growth} characters" in result.detail
    assert str(limit) in result.detail and "RAQIB_MAX_TEXT_CHARS" in result.detail


def test_text_limit_at_the_default_is_inclusive():
    limit = Limits().max_text_chars
    assert isinstance(outcome(_json("a" * limit)), dict)
    result = outcome(_json("a" * (limit + 1)))
    assert isinstance(result, Rejected) and result.reason == "too_large"
    assert str(limit) in result.detail
