"""The detect stage on real enriched reports: which alerts, which versions, and none twice."""

import json

import pytest

from raqib.alerts.detector import (
    AT,
    EVIDENCE,
    MAX_EVIDENCE,
    Detector,
    _recall,
    event_counts,
    report_time,
)
from raqib.alerts.rules import RuleBook, RuleError, load_rules
from raqib.config import Settings
from raqib.pipeline import Pipeline
from raqib.schemas import validate
from raqib.stages.extract import Extractor
from raqib.stages.normalize import normalize

from .conftest import SEED_REPORT
from .streams import interleaved, stream

SEED = SEED_REPORT.read_text()
WHEN = "2026-11-20T08:00:00Z"
SEED_RULES = {"movement-toward-site", "heavy-weapons-moved", "repeated-movements"}


@pytest.fixture(scope="module")
def extractor():
    return Extractor()


def enriched(extractor, text, **fields):
    return extractor(normalize(json.dumps({"text": text, **fields}).encode()))


def run(detector, extractor, text, **fields):
    return detector.process(enriched(extractor, text, **fields),
                            now=report_time({"published_at": fields.get("published_at", WHEN)}))


def test_seed_raises_movement_alerts_and_no_strike(extractor):
    alerts = run(Detector.in_memory(), extractor, SEED, published_at=WHEN, source="SOHR")
    assert {a["rule_id"] for a in alerts} == SEED_RULES
    toward = next(a for a in alerts if a["rule_id"] == "movement-toward-site")
    validate("alert", toward)
    assert toward["version"] == 1 and toward["status"] == "active"
    assert toward["severity"] == "high"
    assert "Iran-backed militias" in toward["actors"]
    assert {"al-Omar oil field", "T-2 oil pumping station"} <= set(toward["places"])
    assert toward["summary"].endswith("UTC.") and toward["count"] >= 3
    assert all(ev["sentence"] in SEED for ev in toward["evidence"])


def test_same_report_twice_or_a_repost_adds_nothing(extractor):
    detector = Detector.in_memory()
    assert run(detector, extractor, SEED, published_at=WHEN, source="SOHR")
    assert run(detector, extractor, SEED, published_at=WHEN, source="SOHR") == []
    assert run(detector, extractor, "عاجل: " + SEED, published_at=WHEN,
               source="another-site") == []  # a copy is not a second source


def test_independent_report_updates_the_alert(extractor):
    detector = Detector.in_memory()
    first = {a["rule_id"]: a for a in run(detector, extractor, SEED, published_at=WHEN,
                                           source="SOHR")}
    other = ("نقلت الميليشيات الموالية لإيران راجمات صواريخ من مدينة الميادين باتجاه حقل العمر "
             "النفطي في ريف دير الزور الشرقي.")
    update = {a["rule_id"]: a for a in run(detector, extractor, other, published_at=WHEN,
                                            source="Deir Ezzor 24")}
    toward = update["movement-toward-site"]
    assert toward["alert_id"] == first["movement-toward-site"]["alert_id"]
    assert toward["version"] == 2 and toward["status"] == "updated"
    assert toward["num_sources"] == 2 and toward["count"] > first["movement-toward-site"]["count"]


def test_events_outside_the_window_start_a_new_alert(extractor):
    detector = Detector.in_memory()
    first = run(detector, extractor, SEED, published_at=WHEN, source="SOHR")
    later = run(detector, extractor, SEED, published_at="2026-11-27T08:00:00Z", source="SOHR",
                id="next-week")
    assert {a["alert_id"] for a in later}.isdisjoint(a["alert_id"] for a in first)
    assert all(a["version"] == 1 for a in later)


@pytest.mark.parametrize("text", [
    "نفت وزارة الدفاع التركية أن تكون طائراتها المسيرة قد استهدفت مواقع قسد في ريف الحسكة.",
    "The militias did not fire a single shell at the coalition base in al-Omar oil field.",
    "Explosions heard at al-Omar oil field were caused by a military exercise of coalition forces.",
    "In 2017, ISIS fighters were driven out of al-Mayadin after weeks of airstrikes.",
    "Kata'ib Hezbollah threatened to strike US forces at Ain al-Asad if they do not leave.",
])
def test_denials_exercises_threats_and_history_raise_no_alert(extractor, text):
    assert run(Detector.in_memory(), extractor, text, published_at=WHEN) == []


CLAIM = ("The Ashab al-Kahf group claimed responsibility for firing two rockets at the "
         "coalition base at the Conoco gas field in eastern Deir ez-Zor.")
CONFIRM = ("Two rockets landed inside the coalition base at the Conoco gas field in the "
           "eastern countryside of Deir ez-Zor on Saturday night, sources at the base said.")


def test_a_lone_claim_is_provisional_until_a_second_source_confirms(extractor):
    detector = Detector.in_memory()
    (claim,) = run(detector, extractor, CLAIM, published_at=WHEN, source="Telegram")
    assert (claim["rule_id"], claim["status"], claim["severity"]) == (
        "claimed-attack", "provisional", "low")
    confirmed = {a["rule_id"]: a for a in run(detector, extractor, CONFIRM,
                                               published_at="2026-11-20T10:00:00Z",
                                               source="Deir Ezzor 24")}
    upgrade = confirmed["claimed-attack"]
    assert upgrade["alert_id"] == claim["alert_id"] and upgrade["version"] == 2
    assert (upgrade["status"], upgrade["severity"], upgrade["num_sources"]) == (
        "updated", "high", 2)
    assert "strike-on-critical-site" in confirmed


SHELLING = [
    ("2026-11-20T06:00:00Z", "قصفت قوات النظام بالمدفعية الثقيلة أطراف بلدة ذيبان بريف دير الزور الشرقي."),
    ("2026-11-20T07:00:00Z", "تجدد القصف المدفعي من قبل قوات النظام على بلدة الشحيل بريف دير الزور."),
    ("2026-11-20T08:00:00Z", "Regime forces shelled the town of Dhiban in eastern Deir ez-Zor again."),
]


def test_a_cluster_needs_three_strikes_in_six_hours(extractor):
    detector = Detector.in_memory()
    rules_seen = [{a["rule_id"] for a in run(detector, extractor, text, published_at=at,
                                              source=f"s{i}", id=f"c{i}")}
                  for i, (at, text) in enumerate(SHELLING)]
    assert "strike-cluster" not in rules_seen[0] | rules_seen[1]
    assert "strike-cluster" in rules_seen[2]
    spread = Detector.in_memory()
    for i, (_, text) in enumerate(SHELLING):  # the same strikes a day apart: no cluster
        alerts = run(spread, extractor, text, published_at=f"2026-11-{20 + i}T06:00:00Z",
                     source=f"s{i}", id=f"d{i}")
        assert "strike-cluster" not in {a["rule_id"] for a in alerts}


def test_escalation_is_measured_against_the_areas_baseline(extractor):
    quiet_week = Detector.in_memory()
    rules = set()
    for i, (at, text) in enumerate(SHELLING):
        rules |= {a["rule_id"] for a in run(quiet_week, extractor, text, published_at=at,
                                             source=f"s{i}", id=f"e{i}")}
    assert "strike-escalation" in rules
    busy_week = Detector.in_memory()
    villages = ["هجين", "السوسة", "العشارة", "البصيرة", "ذيبان", "الشحيل", "البوكمال"]
    for day in range(13, 20):  # three strikes a day all week: three more are no escalation
        for i in range(3):
            village = villages[(day + i) % len(villages)]
            text = (f"في اليوم {day} سقطت {i + 3} قذائف أطلقتها قوات النظام على {village} "
                    f"بريف دير الزور، وتحدث الأهالي عن أضرار في المنازل رقم {day * 10 + i}.")
            run(busy_week, extractor, text, published_at=f"2026-11-{day}T0{i + 1}:00:00Z",
                source=f"s{i}", id=f"b{day}{i}")
    rules = set()
    for i, (at, text) in enumerate(SHELLING):
        rules |= {a["rule_id"] for a in run(busy_week, extractor, text, published_at=at,
                                             source=f"s{i}", id=f"n{i}")}
    assert "strike-escalation" not in rules


def test_rules_filter_by_area_affiliation_and_weapons(extractor, tmp_path):
    rules = tmp_path / "mine.yaml"
    rules.write_text("""rules:
  - id: hasakah-only
    title: Anything in Hasakah
    match: {type: [strike, troop_movement], area: {name: Al-Hasakah}}
    severity: low
  - id: near-omar
    title: Near al-Omar
    match: {type: [troop_movement], area: {near: {lat: 35.15, lon: 40.58, km: 30}}}
    severity: high
  - id: iran-backed-launchers
    title: Launchers of Iran-backed groups
    match: {type: [troop_movement], affiliation: [iran_backed], weapon_class: [rocket_launcher]}
    severity: high
""")
    detector = Detector.in_memory(RuleBook([rules]))
    fired = {a["rule_id"] for a in run(detector, extractor, SEED, published_at=WHEN)}
    assert fired == {"near-omar", "iran-backed-launchers"}


def test_a_malformed_rule_file_is_refused_with_file_line_and_field(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("rules:\n  - id: x\n    title: X\n    match: {type: [strike]}\n"
                   "    severity: high\n    window: {size: soon}\n")
    with pytest.raises(RuleError, match=r"bad.yaml:6: rule x: rules/0/window/size"):
        load_rules([bad])
    code = tmp_path / "code.yaml"
    code.write_text("rules: !!python/object/apply:os.system ['echo hi']\n")
    with pytest.raises(RuleError, match="not valid YAML"):
        load_rules([code])


def test_rules_reload_and_a_bad_edit_keeps_the_rules_in_force(tmp_path):
    folder = tmp_path / "rules"
    folder.mkdir()
    book = RuleBook([folder])
    assert book.rules == []
    (folder / "a.yaml").write_text(
        "rules:\n  - id: a\n    title: A\n    match: {type: [strike]}\n    severity: low\n")
    assert book.reload_if_changed() == "reloaded" and [r.id for r in book.rules] == ["a"]
    (folder / "b.yaml").write_text("rules:\n  - id: b\n    title: B\n    severity: low\n")
    assert book.reload_if_changed() == "failed"  # b lacks `match`: refused
    assert [r.id for r in book.rules] == ["a"]


def incidents_of(detector, extractor, text, **fields):
    report = enriched(extractor, text, **fields)
    entities = {e["id"]: e for e in report["entities"]}
    events = [e for e in report["events"] if event_counts(e)]
    at = report_time(report)
    copy = detector.seen.check_and_add(report, at) is not None  # as Detector.process asks
    return detector.incidents.assign(report, events, entities, at, copy=copy)


STRIKE_AR = "قصفت طائرات مسيرة مواقع للميليشيات الموالية لإيران في حقل العمر النفطي بريف دير الزور."
STRIKE_EN = ("Drones struck positions of Iran-backed militias at the al-Omar oil field in the "
             "eastern Deir ez-Zor countryside, sources said.")


def test_reports_of_one_incident_join_it_and_copies_do_not_count(extractor):
    detector = Detector.in_memory()
    first = incidents_of(detector, extractor, STRIKE_AR, published_at=WHEN, source="SOHR")
    second = incidents_of(detector, extractor, STRIKE_EN, published_at="2026-11-20T11:00:00Z",
                          source="Deir Ezzor 24")
    copy = incidents_of(detector, extractor, "عاجل | " + STRIKE_AR,
                        published_at="2026-11-20T12:00:00Z", source="aggregator")
    (a,), (b,), (c,) = first.values(), second.values(), copy.values()
    assert a["id"] == b["id"] == c["id"]
    assert len(c["reports"]) == 2 and len(c["sources"]) == 2 and c["num_copies"] == 1


def test_far_apart_late_or_other_side_is_another_incident(extractor):
    detector = Detector.in_memory()
    (base,) = incidents_of(detector, extractor, STRIKE_AR, published_at=WHEN).values()
    far = incidents_of(detector, extractor, STRIKE_AR.replace("حقل العمر النفطي", "مدينة الرقة"),
                       published_at=WHEN, id="far")
    late = incidents_of(detector, extractor, STRIKE_AR, published_at="2026-11-23T08:00:00Z",
                        id="late")
    other = incidents_of(detector, extractor, STRIKE_AR.replace(
        "للميليشيات الموالية لإيران", "لقوات سوريا الديمقراطية"), published_at=WHEN, id="sdf")
    for result in (far, late, other):
        assert [i["id"] for i in result.values()] != [base["id"]]


def test_alerts_carry_their_incidents(extractor):
    detector = Detector.in_memory()
    run(detector, extractor, STRIKE_AR, published_at=WHEN, source="SOHR")
    update = {a["rule_id"]: a for a in run(detector, extractor, STRIKE_EN, published_at=WHEN,
                                            source="Deir Ezzor 24")}["strike"]
    validate("alert", update)
    assert update["version"] == 2
    assert update["incidents"][0]["num_reports"] == 2


def test_replay_prints_every_version_in_event_time(tmp_path):
    from io import StringIO

    from raqib.cli.replay import replay
    from raqib.config import Settings

    from .conftest import ROOT

    out = StringIO()
    assert replay(Settings.from_env({}), str(ROOT / "examples" / "history.jsonl"),
                  as_json=True, out=out) == 0
    alerts = [json.loads(line) for line in out.getvalue().splitlines()]
    claim = [a for a in alerts if a["rule_id"] == "claimed-attack"]
    assert [(a["version"], a["status"]) for a in claim] == [(1, "provisional"), (2, "updated")]
    assert claim[0]["updated_at"] == "2026-11-14T20:10:00Z"  # event time, not wall clock
    times = [a["updated_at"] for a in alerts]
    assert times == sorted(times)
    assert not any(a["rule_id"].startswith("strike") and "al-Omar" in a["title"]
                   for a in alerts)  # the exercise at al-Omar raised nothing


@pytest.mark.parametrize("seed", [0, 2])
def test_every_alert_version_is_published_once_and_in_order(seed):
    """Thousands of reports as two partitions deliver them, out of event-time order: an
    alert that closes and opens again in the same window goes on with its next version."""
    pipeline = Pipeline(Settings.from_env({}))
    versions = [(alert["alert_id"], alert["version"])
                for payload in interleaved(stream(), seed)
                for alert in pipeline.run(payload).alerts]
    assert len(versions) > 100
    latest: dict[str, int] = {}
    for alert_id, version in versions:
        assert version == latest.get(alert_id, 0) + 1, alert_id
        latest[alert_id] = version


def test_a_busy_group_keeps_its_window_small_and_its_windows_first_evidence():
    """A group's state is rewritten at each of its events, so its window's marks are
    compact and only the first MAX_EVIDENCE of each window-long stretch keep their
    sentence; counts are not cut."""
    pipeline = Pipeline(Settings.from_env({}))
    alerts = [alert for payload in stream()[:1500] for alert in pipeline.run(payload).alerts]
    key, state = max(pipeline.detector.state.items(), key=lambda kv: len(kv[1]["events"]))
    rule = next(r for r in pipeline.detector.rules if r.id == key.split("\x1f")[0])
    size = int(rule.window.total_seconds())
    marks = state["events"]
    assert len(marks) > 100
    for stretch in {mark[AT] // size for mark in marks}:
        in_stretch = [mark for mark in marks if mark[AT] // size == stretch]
        kept = [mark[EVIDENCE] is not None for mark in in_stretch]
        assert kept == [n < MAX_EVIDENCE for n in range(len(in_stretch))]
    assert all(len(alert["evidence"]) == min(alert["count"], MAX_EVIDENCE) for alert in alerts)
    assert max(alert["count"] for alert in alerts) > MAX_EVIDENCE


def test_a_state_saved_before_marks_were_compacted_is_read(extractor):
    """A worker upgraded over an older changelog reads its window's marks as they were."""
    fields = dict(published_at=WHEN, source="SOHR")
    fresh, upgraded = Detector.in_memory(), Detector.in_memory()
    first = run(fresh, extractor, SEED, **fields)
    assert run(upgraded, extractor, SEED, **fields) == first
    for state in upgraded.state.values():  # as the previous version saved it
        state["events"] = [_recall(state, mark) for mark in state["events"]]
        del state["places"], state["incidents"]
    later = dict(published_at="2026-11-20T09:00:00Z", source="Deir Ezzor 24")
    text = ("Iran-backed militias moved rocket launchers and heavy artillery toward the "
            "al-Omar oil field in Deir ez-Zor on Friday.")
    updates = run(fresh, extractor, text, **later)
    assert updates and {a["version"] for a in updates} == {2}
    assert run(upgraded, extractor, text, **later) == updates
