"""The detect stage on real enriched reports: which alerts, which versions, and none twice."""

import json

import pytest

from raqib.alerts.detector import Detector
from raqib.alerts.rules import RuleError, load_rules
from raqib.schemas import validate
from raqib.stages.extract import Extractor
from raqib.stages.normalize import normalize

from .conftest import SEED_REPORT


@pytest.fixture(scope="module")
def extractor():
    return Extractor()


def enriched(extractor, text, **fields):
    return extractor(normalize(json.dumps({"text": text, **fields}).encode()))


SEED = SEED_REPORT.read_text()
WHEN = "2026-11-20T08:00:00Z"


def test_seed_raises_one_troop_movement_alert_and_no_strike(extractor):
    detector = Detector.in_memory()
    alerts = detector.process(enriched(extractor, SEED, published_at=WHEN, source="SOHR"))
    assert [a["rule_id"] for a in alerts] == ["troop-movement"]
    alert = alerts[0]
    validate("alert", alert)
    assert alert["version"] == 1 and alert["status"] == "active"
    assert "Iran-backed militias" in alert["actors"]
    assert alert["location"]["name"] and alert["count"] >= 3
    assert alert["summary"].endswith("UTC.")
    assert all(ev["sentence"] in SEED for ev in alert["evidence"])


def test_same_report_twice_or_a_repost_adds_nothing(extractor):
    detector = Detector.in_memory()
    report = enriched(extractor, SEED, published_at=WHEN, source="SOHR")
    assert detector.process(report)
    assert detector.process(report) == []  # redelivered after a restart
    repost = enriched(extractor, "عاجل: " + SEED, published_at=WHEN, source="another-site")
    assert detector.process(repost) == []  # a copy is not a second source


def test_independent_report_updates_the_alert(extractor):
    detector = Detector.in_memory()
    first = detector.process(enriched(extractor, SEED, published_at=WHEN, source="SOHR"))[0]
    other = ("نقلت الميليشيات الموالية لإيران راجمات صواريخ من مدينة الميادين باتجاه حقل العمر "
             "النفطي في ريف دير الزور الشرقي.")
    update = detector.process(enriched(extractor, other, published_at=WHEN, source="Deir Ezzor 24"))
    assert [a["alert_id"] for a in update] == [first["alert_id"]]
    assert update[0]["version"] == 2 and update[0]["status"] == "updated"
    assert update[0]["num_sources"] == 2 and update[0]["count"] > first["count"]


def test_events_outside_the_window_start_a_new_alert(extractor):
    detector = Detector.in_memory()
    first = detector.process(enriched(extractor, SEED, published_at=WHEN, source="SOHR"))[0]
    later = detector.process(enriched(extractor, SEED, published_at="2026-11-23T08:00:00Z",
                                      source="SOHR", id="next-week"))[0]
    assert later["alert_id"] != first["alert_id"] and later["version"] == 1


@pytest.mark.parametrize("text", [
    "نفت وزارة الدفاع التركية أن تكون طائراتها المسيرة قد استهدفت مواقع قسد في ريف الحسكة.",
    "The militias did not fire a single shell at the coalition base in al-Omar oil field.",
    "Explosions heard at al-Omar oil field were caused by a military exercise of coalition forces.",
    "In 2017, ISIS fighters were driven out of al-Mayadin after weeks of airstrikes.",
])
def test_denials_exercises_and_history_raise_no_alert(extractor, text):
    detector = Detector.in_memory()
    assert detector.process(enriched(extractor, text, published_at=WHEN)) == []


def test_malformed_rule_file_is_refused_with_its_name(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("rules:\n  - id: x\n    title: X\n    match: {type: [strike]}\n    window: soon\n")
    with pytest.raises(RuleError, match=r"bad.yaml rule 1 \(x\): window"):
        load_rules([bad])


def incidents_of(detector, extractor, text, **fields):
    report = enriched(extractor, text, **fields)
    entities = {e["id"]: e for e in report["entities"]}
    from raqib.alerts.detector import event_counts, report_time

    events = [e for e in report["events"] if event_counts(e)]
    return detector.incidents.assign(report, events, entities, report_time(report))


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
    detector.process(enriched(extractor, STRIKE_AR, published_at=WHEN, source="SOHR"))
    (update,) = detector.process(enriched(extractor, STRIKE_EN, published_at=WHEN,
                                          source="Deir Ezzor 24"))
    validate("alert", update)
    assert update["version"] == 2
    assert update["incidents"][0]["num_reports"] == 2
