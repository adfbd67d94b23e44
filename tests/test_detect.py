"""The detect stage on real enriched reports: which alerts, which versions, and none twice."""

import json
from datetime import UTC, datetime

import pytest

from raqib.agents.delivery.state import Store
from raqib.alerts.detector import MAX_EVIDENCE, Detector, event_counts, report_time
from raqib.alerts.incidents import IncidentSettings
from raqib.alerts.marks import PAGE_MARKS, Marks
from raqib.alerts.rules import RuleBook, RuleError, load_rules
from raqib.alerts.state import GROUP, STORES, Group, Mark, StateVersionError
from raqib.config import Settings
from raqib.pipeline import Pipeline
from raqib.schemas import validate
from raqib.stages.extract import Extractor
from raqib.stages.normalize import normalize

from .conftest import SEED_REPORT
from .streams import interleaved, stream

SEED = SEED_REPORT.read_text()
WHEN = "2026-11-20T08:00:00Z"



@pytest.fixture(scope="module")
def extractor():
    return Extractor()


def enriched(extractor, text, **fields):
    return extractor(normalize(json.dumps({"text": text, **fields}).encode()))


def run(detector, extractor, text, **fields):
    return detector.process(enriched(extractor, text, **fields),
                            now=report_time({"published_at": fields.get("published_at", WHEN)}))


def test_the_seed_raises_one_alert_for_one_situation(extractor):
    """seed_expected.md: militias repositioning launchers and guns against the coalition's
    bases, four distinct movements: one high alert, no strike alert."""
    alerts = run(Detector.in_memory(), extractor, SEED, published_at=WHEN, source="SOHR")
    assert [a["rule_id"] for a in alerts] == ["movement-toward-site"]
    (toward,) = alerts
    validate("alert", toward)
    assert toward["version"] == 1 and toward["status"] == "active"
    assert toward["severity"] == "high"
    assert {"Iran-backed militias", "Liwa Fatemiyoun"} <= set(toward["actors"])
    assert {"al-Omar oil field", "T-2 oil pumping station",
            "Conoco gas field and plant"} <= set(toward["places"])
    assert toward["count"] == 4
    assert toward["summary"].startswith("4 troop or weapons movements")
    assert all(ev["sentence"] in SEED for ev in toward["evidence"])


def test_same_report_twice_or_a_repost_adds_nothing(extractor):
    detector = Detector.in_memory()
    assert run(detector, extractor, SEED, published_at=WHEN, source="SOHR")
    assert run(detector, extractor, SEED, published_at=WHEN, source="SOHR") == []
    assert run(detector, extractor, "عاجل: " + SEED, published_at=WHEN,
               source="another-site") == []  # a copy is not a second source


def test_an_independent_report_updates_the_alert_and_a_repeat_adds_no_version(extractor):
    detector = Detector.in_memory()
    (first,) = run(detector, extractor, SEED, published_at=WHEN, source="SOHR")
    other = ("نقلت الميليشيات الموالية لإيران راجمات صواريخ من مدينة الميادين باتجاه حقل العمر "
             "النفطي في ريف دير الزور الشرقي.")
    (update,) = run(detector, extractor, other, published_at=WHEN, source="Deir Ezzor 24")
    assert update["alert_id"] == first["alert_id"]
    assert update["version"] == 2 and update["status"] == "updated"
    assert update["num_sources"] == 2
    # the same source again, on a movement the alert already counts: nothing an analyst
    # reads changes, so no version
    again = other.replace("راجمات صواريخ", "منصات إطلاق صواريخ")
    assert run(detector, extractor, again, published_at=WHEN, source="Deir Ezzor 24",
               id="again") == []


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
    # a rumour refuted later in its sentence
    "SDF spokesman said reports on social media of clashes with the army in Tabqa were "
    "completely false.",
    "قالت وزارة البيشمركة إنه لا صحة لما نشرته وسائل الإعلام عن إعادة انتشار قواتها في مخمور.",
    "The ministry said the reported rocket attack on Ain al-Asad air base never happened.",
    "قالت وزارة الدفاع إن القصف المدفعي على بلدة ذيبان لم يحدث.",
    "فندت قيادة العمليات المشتركة الأنباء عن قصف مدفعي على قضاء سنجار.",
    "Explosions rocked the outskirts of Hama on Sunday. Syrian state media said air defences "
    "were being tested.",
    "انفجار ضخم يهز مدينة الحديدة.. والحوثيون: انفجار خزان وقود بسبب ارتفاع درجات الحرارة",
    "The Turkish defence ministry rejected as baseless claims that its drones struck a "
    "hospital in Qamishli.",
    # not the result of any shelling
    "The NOC said the fire at the Zawiya refinery was caused by a technical fault and was not "
    "the result of any shelling.",
    "وأكد المصدر أن الحريق في مصفاة الزاوية لم يكن نتيجة قصف، بل بسبب عطل فني.",
    # what a channel or a video said, called baseless, fabricated or old
    "صرح المتحدث باسم التحالف بأن ما أوردته قناة المسيرة التابعة للميليشيا الحوثية بشأن شن "
    "طيران التحالف غارات على مدينة صعدة ادعاءات باطلة لا أساس لها من الصحة.",
    "A video claiming to show an air strike on Sanaa International Airport on Saturday is old "
    "footage, AFP Fact Check found.",
    "يتم التداول عبر بعض مواقع التواصل الاجتماعي بأخبار تزعم دخول وحدات من الجيش السوري إلى "
    "بلدات في قضاء الهرمل وتمركزها فيها. وتوضح قيادة الجيش أن هذه الأخبار لا تمت إلى الحقيقة "
    "بصلة.",
    "وصف المتحدث العسكري هذه الأنباء بالمفبركة، بعد أن تحدثت صفحات عن قصف تركي على بلدة "
    "عين عيسى.",
    # what a party is in the habit of doing
    "ولم يصدر تعليق رسمي من أنقرة، التي دأبت على استهداف مواقع تقول إنها تابعة لحزب العمال "
    "الكردستاني في المنطقة.",
    # a strike that may come; options kept open
    "ويقول مراقبون إن أي ضربة محتملة قد تستهدف مخازن الصواريخ في مناطق جنوب بغداد.",
    "حذر عضو المجلس السياسي في حزب الله من أن كل الخيارات مفتوحة بما فيها استهداف مواقع "
    "العدو على طول الحدود.",
    # reports told first, then denied as a whole ("denied this", "نفى ... ذلك")
    "Local pages reported that a drone struck a car near Mayadin on Monday. The SDF denied "
    "this, saying calm prevailed in the area.",
    "Pro-government pages said rockets hit the US base at the Conoco gas field. A coalition "
    "spokesman said the reports were false.",
    "تداولت صفحات محلية أنباء عن قصف مدفعي تركي على قرية تل طويل. ونفى مصدر في قسد ذلك، "
    "مؤكدا أن المنطقة تشهد هدوءا.",
    "أفادت صفحات بانسحاب القوات الروسية من مطار القامشلي، إلا أن مصدرا عسكريا نفى هذه الأنباء "
    "جملة وتفصيلا.",
    # blasts told as troops blowing up a depot, by a speaker rejecting rumours of a strike
    "Loud explosions near Khan Arnabeh on Monday were caused by troops blowing up an old "
    "munitions store, the governor said, dismissing rumours of an Israeli air strike.",
    "سمعت انفجارات قرب خان أرنبة، وقال مسؤول محلي إن الأصوات ناجمة عن تفجير الجيش مستودعا "
    "قديما، نافيا ما تم تداوله عن غارة جوية.",
    # a withdrawal others reported, answered by "nothing changed" in the forces' deployment
    "Reports said Russian troops were withdrawing from Qamishli airport. Moscow said there "
    "was no change in the deployment of its forces.",
    "تحدثت تقارير عن انسحاب القوات الروسية من مطار القامشلي. وأكدت موسكو عدم وجود أي تغيير "
    "في انتشار قواتها.",
    # a party that knows of no strikes, after media said there were some
    "وقال متحدث باسم الجيش الإسرائيلي إنه ليس على علم بأي غارات في المنطقة، بعد أن تحدثت "
    "وسائل إعلام سورية عن ضربات قرب دمشق.",
    # blasts that were buildings brought down on purpose
    "The explosions heard in Raqqa on Sunday were the demolition of damaged buildings by "
    "engineering teams, the city council said.",
    "سمعت انفجارات في مدينة الرقة، وقال مجلس المدينة إنها ناجمة عن أعمال هدم مبان متضررة.",
    # an accusation the accused party denies in the next sentence
    "Pro-government outlets accused rebels of shelling Aleppo's Hamdaniya district on Friday. "
    "The rebels denied it.",
    "اتهمت وسائل إعلام موالية الفصائل بقصف حي الحمدانية في حلب. ونفت الفصائل ذلك جملة وتفصيلا.",
    # a claim the report explains away in a later sentence
    "A Telegram channel claimed that rockets hit the coalition base near Rmeilan on Sunday. "
    "The SDF said the explosions heard around the base were artillery fire during a "
    "live-fire drill.",
    "تبنت مجموعة تطلق على نفسها اسم سرايا أولياء الدم استهداف قاعدة حرير الجوية بطائرتين "
    "مسيرتين. وقال مصدر أمني إن أصوات الانفجارات ناجمة عن تمارين بالذخيرة الحية في ميدان رمي "
    "قرب قاعدة حرير الجوية، مؤكدا أن القاعدة لم تتعرض لأي هجوم.",
    "تداول ناشطون مقاطع تظهر إطلاق صواريخ من محيط تلعفر. وقال الجيش العراقي إن عمليات "
    "الإطلاق جزء من تمرين مقرر مسبقا.",
    # plans, threats, anniversaries, habits, and a later mention of a past strike
    "أعلن جهاز الأمن الوطني القبض على إرهابي في الفلوجة كان يخطط لتفجير عجلة مفخخة تستهدف "
    "تجمعا للقوات الأمنية في مدينة الرمادي.",
    "هددت كتائب حزب الله العراقية، في بيان اليوم، باستهداف جميع المصالح الأمريكية في العراق.",
    "يصادف اليوم الذكرى السابعة لإعلان القضاء على تنظيم الدولة في بلدة الباغوز شرقي دير "
    "الزور، بعد معارك رافقتها غارات جوية مكثفة.",
    "Hundreds marched to Beirut's port to mark six years since the explosion that devastated "
    "the capital.",
    "A Pentagon review found that a 2019 U.S. air strike near Baghuz killed dozens of "
    "civilians. The strike took place during the final battle against Islamic State.",
    "Human Rights Watch said Sunday that an Israeli air strike that killed 23 people in the "
    "village of Aitou in October 2024 was an apparent war crime.",
    "The families returned to their homes near the Khurmala oil field, nearly three weeks "
    "after a drone attack set a storage tank at the field on fire.",
    "عاد الإنتاج إلى حقل كورمور الغازي بعد أربعة أشهر من هجوم بطائرة مسيرة استهدف الحقل.",
    "تتعرض القواعد الأمريكية في ريف دير الزور الشرقي باستمرار لهجمات بالصواريخ، فيما ترد "
    "القوات الأمريكية في أغلب الأحيان بضربات جوية على مواقع الفصائل في البوكمال.",
    "Rocket attacks on Ain al-Asad air base next week, the group warned in a statement.",
    "قصف مدفعي على بلدة ذيبان الأسبوع المقبل، بحسب ما توعدت به الفصائل.",
    "دون وقوع أي اشتباكات بين الطرفين في بلدة الكسرة بريف دير الزور.",
    "ووثق المرصد السوري منذ مطلع العام الجاري 37 هجوما على قاعدتي حقل العمر وكونيكو، مقابل "
    "12 ضربة جوية أمريكية على مواقع الفصائل.",
    "The Observatory said it had documented 38 Turkish drone strikes in northeast Syria in "
    "June, killing 19 people.",
    # a bomb defused is no explosion; explosions likely from training are the training
    "فككت فرق الهندسة عبوة ناسفة مزروعة على طريق بيجي في محافظة صلاح الدين.",
    "Army engineers defused a car bomb parked near a market in Baiji on Monday.",
    "Several explosions were heard near the Turkish base at Bashiqa. An official said the "
    "blasts were most likely from Turkish troops training at the base.",
    # another topic's sense of the words
    "حذر خبراء من انفجار سكاني في مدينة الرقة خلال السنوات المقبلة.",
    "انفجار أنبوب مياه رئيسي في حي الجورة بدير الزور يقطع المياه عن آلاف السكان.",
    "شن الإعلام الحكومي حملة قصف إعلامي على المعارضة في دير الزور.",
    "شن لاعبو أربيل هجمات متتالية على مرمى زاخو في مباراة الدوري، قبل أن يطلق المهاجم قذيفة "
    "سكنت الشباك في الدقيقة 71 على ملعب فرانسوا حريري.",
    "Zakho launched wave after wave of attacks in the derby but their defence was bombarded "
    "in the second half, the coach said after the match at the stadium.",
    "Al-Shorta won 2-1 with a late goal from a substitute in stoppage time. Al-Zawraa had "
    "levelled through a header, after their defence was bombarded with crosses for most of "
    "the first 45 minutes.",
    "فاز الشرطة على الزوراء وسجل البديل هدف الفوز في الوقت بدل الضائع. وكان الزوراء قد أدرك "
    "التعادل بضربة رأسية، بعد أن تعرض دفاعه لقصف متواصل بالعرضيات.",
    "شهدت أسواق دمشق انفجارا في أسعار الذهب، بالتزامن مع هجوم الدولار على الليرة، وقال تاجر "
    "إن المصرف المركزي أطلق حزمة إجراءات.",
])
def test_denials_exercises_threats_and_history_raise_no_alert(extractor, text):
    assert run(Detector.in_memory(), extractor, text, published_at=WHEN) == []


@pytest.mark.parametrize("text", [
    "A drone struck a car near Mayadin, killing two, local pages said. The SDF denied it was "
    "behind the attack.",
    "أفادت صفحات محلية بمقتل شخصين باستهداف طائرة مسيرة سيارة قرب الميادين. ونفت قسد أن تكون "
    "وراء الهجوم.",
])
def test_a_party_denying_its_part_does_not_deny_the_strike(extractor, text):
    (alert,) = run(Detector.in_memory(), extractor, text, published_at=WHEN)
    assert alert["rule_id"] == "strike"


CLAIM = ("The Ashab al-Kahf group claimed responsibility for firing two rockets at the "
         "coalition base at the Conoco gas field in eastern Deir ez-Zor.")
CONFIRM = ("Two rockets landed inside the coalition base at the Conoco gas field in the "
           "eastern countryside of Deir ez-Zor on Saturday night, sources at the base said.")


def test_a_lone_claim_is_provisional_until_a_second_source_confirms_it(extractor):
    detector = Detector.in_memory()
    (claim,) = run(detector, extractor, CLAIM, published_at=WHEN, source="Telegram")
    assert (claim["rule_id"], claim["status"], claim["severity"]) == (
        "claimed-attack", "provisional", "low")
    # the confirmation is the same situation: the claim's alert goes on, high, and no
    # strike or strike-on-a-site alert opens beside it
    (upgrade,) = run(detector, extractor, CONFIRM, published_at="2026-11-20T10:00:00Z",
                     source="Deir Ezzor 24")
    assert upgrade["alert_id"] == claim["alert_id"] and upgrade["version"] == 2
    assert (upgrade["status"], upgrade["severity"], upgrade["num_sources"]) == (
        "updated", "high", 2)


def test_a_strike_on_a_critical_site_is_one_high_alert(extractor):
    (alert,) = run(Detector.in_memory(), extractor, CONFIRM, published_at=WHEN,
                   source="Deir Ezzor 24")
    assert (alert["rule_id"], alert["severity"], alert["count"]) == (
        "strike-on-critical-site", "high", 1)


def counted_strikes(extractor, text):
    """The enriched report, and its strikes that rules may count."""
    report = enriched(extractor, text, published_at=WHEN)
    return report, [e for e in report["events"] if e["type"] == "strike" and event_counts(e)]


def test_one_strike_named_three_times_in_a_report_is_one_strike(extractor):
    text = ("هجوم بطائرة مسيرة على حقل كونيكو. استهدفت طائرة مسيرة مجهولة فجر اليوم محيط القاعدة "
            "الأمريكية في حقل كونيكو للغاز بريف دير الزور، ما أدى إلى أضرار مادية. وجاء "
            "الهجوم بعد ساعات من تحليق مكثف للطائرات فوق المنطقة، ولم يتبن أي طرف الاستهداف.")
    report, strikes = counted_strikes(extractor, text)
    assert len(strikes) == 1 and len(strikes[0]["mentions"]) >= 3
    (alert,) = Detector.in_memory().process(report, now=report_time(report))
    assert alert["rule_id"] == "strike-on-critical-site" and alert["count"] == 1


def test_a_strike_told_again_at_a_wider_region_is_the_same_strike(extractor):
    text = ("An Iranian drone struck a camp of a Kurdish opposition party near Koysinjaq on "
            "Tuesday, a party official said. The IRGC said its drones targeted the "
            "headquarters of separatist groups in northern Iraq.")
    _, strikes = counted_strikes(extractor, text)
    assert len(strikes) == 1 and len(strikes[0]["mentions"]) == 2


SHELLING = [  # three villages of one district, an hour apart
    ("2026-11-20T06:00:00Z", "قصفت قوات النظام بالمدفعية الثقيلة أطراف بلدة ذيبان بريف دير الزور الشرقي."),
    ("2026-11-20T07:00:00Z", "تجدد القصف المدفعي من قبل قوات النظام على بلدة الشحيل بريف دير الزور."),
    ("2026-11-20T08:00:00Z", "Regime forces shelled the town of al-Busayrah in eastern Deir ez-Zor."),
]


def test_a_cluster_needs_three_strike_incidents_in_six_hours(extractor):
    detector = Detector.in_memory()
    rules_seen = [{a["rule_id"] for a in run(detector, extractor, text, published_at=at,
                                              source=f"s{i}", id=f"c{i}")}
                  for i, (at, text) in enumerate(SHELLING)]
    assert rules_seen[:2] == [{"strike"}, {"strike"}]
    assert rules_seen[2] == {"strike-cluster"}  # which now stands for the strikes too
    spread = Detector.in_memory()
    for i, (_, text) in enumerate(SHELLING):  # the same strikes a day apart: no cluster
        alerts = run(spread, extractor, text, published_at=f"2026-11-{20 + i}T06:00:00Z",
                     source=f"s{i}", id=f"d{i}")
        assert "strike-cluster" not in {a["rule_id"] for a in alerts}
    again = Detector.in_memory()  # one village's shelling reported three times: one incident
    for i in range(3):
        alerts = run(again, extractor, SHELLING[0][1], published_at=SHELLING[i][0],
                     source=f"s{i}", id=f"r{i}")
        assert "strike-cluster" not in {a["rule_id"] for a in alerts}


def test_escalation_needs_a_baseline_and_the_history_to_know_it(extractor):
    def shelling(detector, prefix: str) -> set[str]:
        rules = set()
        for i, (at, text) in enumerate(SHELLING):
            rules |= {a["rule_id"] for a in run(detector, extractor, text, published_at=at,
                                                 source=f"s{i}", id=f"{prefix}{i}")}
        return rules

    assert "strike-escalation" not in shelling(Detector.in_memory(), "cold")  # a cold start
    quiet_week = Detector.in_memory()
    run(quiet_week, extractor, "قصفت قوات النظام بالمدفعية بلدة هجين بريف دير الزور.",
        published_at="2026-11-12T06:00:00Z", source="s9", id="before")
    assert "strike-escalation" in shelling(quiet_week, "quiet")
    busy_week = Detector.in_memory()
    villages = ["هجين", "السوسة", "العشارة", "البصيرة", "ذيبان", "الشحيل", "البوكمال"]
    for day in range(12, 20):  # strikes in three villages a day: three more are no escalation
        for i in range(3):
            village = villages[(day + i) % len(villages)]
            text = (f"في اليوم {day} سقطت {i + 3} قذائف أطلقتها قوات النظام على {village} "
                    f"بريف دير الزور، وتحدث الأهالي عن أضرار في المنازل رقم {day * 10 + i}.")
            run(busy_week, extractor, text, published_at=f"2026-11-{day}T0{i + 1}:00:00Z",
                source=f"s{i}", id=f"b{day}{i}")
    assert "strike-escalation" not in shelling(busy_week, "busy")


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


def test_an_inhibiting_rule_takes_the_inhibited_rules_events(extractor, tmp_path):
    rules = tmp_path / "mine.yaml"
    rules.write_text("""rules:
  - id: launchers
    title: Launchers moved
    match: {type: [troop_movement], weapon_class: [rocket_launcher]}
    group_by: [affiliation]
    severity: high
    inhibits: {rules: [any-movement], equal: [affiliation]}
  - id: any-movement
    title: Any movement
    match: {type: [troop_movement]}
    group_by: [actor]
    severity: low
""")
    alerts = run(Detector.in_memory(RuleBook([rules])), extractor, SEED, published_at=WHEN)
    assert [a["rule_id"] for a in alerts] == ["launchers"]
    assert alerts[0]["count"] == 4  # its own events and the movements it inhibited


def test_a_rule_inhibiting_an_unknown_rule_is_refused(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("rules:\n  - id: a\n    title: A\n    match: {type: [strike]}\n"
                   "    severity: high\n    inhibits: {rules: [nope], equal: [incident]}\n")
    with pytest.raises(RuleError, match="rule a inhibits rules that are not loaded: nope"):
        load_rules([bad])


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
    assert a.id == b.id == c.id
    assert len(c.reports) == 2 and len(c.sources) == 2 and c.num_copies == 1


def test_far_apart_late_other_side_or_another_village_is_another_incident(extractor):
    detector = Detector.in_memory()
    (base,) = incidents_of(detector, extractor, STRIKE_AR, published_at=WHEN).values()
    far = incidents_of(detector, extractor, STRIKE_AR.replace("حقل العمر النفطي", "مدينة الرقة"),
                       published_at=WHEN, id="far")
    late = incidents_of(detector, extractor, STRIKE_AR, published_at="2026-11-23T08:00:00Z",
                        id="late")
    other = incidents_of(detector, extractor, STRIKE_AR.replace(
        "للميليشيات الموالية لإيران", "لقوات سوريا الديمقراطية"), published_at=WHEN, id="sdf")
    village = incidents_of(detector, extractor, STRIKE_AR.replace("حقل العمر النفطي", "بلدة ذيبان"),
                           published_at=WHEN, id="village")
    for result in (far, late, other, village):
        assert [i.id for i in result.values()] != [base.id]


def test_alerts_carry_their_incidents(extractor):
    detector = Detector.in_memory()
    run(detector, extractor, STRIKE_AR, published_at=WHEN, source="SOHR")
    (update,) = run(detector, extractor, STRIKE_EN, published_at=WHEN, source="Deir Ezzor 24")
    validate("alert", update)
    assert update["version"] == 2 and update["count"] == 1
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
    conoco = [a for a in alerts if "Conoco" in a["title"]]
    assert {a["alert_id"] for a in conoco} == {claim[0]["alert_id"]}  # one situation


def test_an_alert_on_a_region_of_no_province_is_titled_by_the_region(extractor):
    alerts = run(Detector.in_memory(), extractor, "أعادت الميليشيات الموالية لإيران انتشارها في محيط مدينة "
                 "البوكمال، ونقلت مدافع ثقيلة إلى مواقع جديدة قرب الحدود السورية العراقية.")
    titles = [a["title"] for a in alerts]
    assert titles and not any("unknown" in t for t in titles)


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
    """A group's marks are rewritten as they change, so only the first MAX_EVIDENCE marks
    of each window-long stretch keep their sentence; counts are not cut. Its record holds
    only its newest marks: the others are sealed in pages."""
    pipeline = Pipeline(Settings.from_env({}))
    alerts = [alert for payload in stream()[:1500] for alert in pipeline.run(payload).alerts]
    detector = pipeline.detector
    key, group = max(detector.groups.items(),
                     key=lambda kv: len(detector.marks.of(kv[0], kv[1])))
    marks = detector.marks.of(key, group)
    rule = next(r for r in detector.rules if r.id == json.loads(key)[0])
    size = int(rule.window.total_seconds())
    assert len(marks) > 100
    assert len(group.marks) < PAGE_MARKS and len(group.pages) >= 100 // PAGE_MARKS
    for stretch in {mark.at // size for mark in marks}:
        in_stretch = [mark for mark in marks if mark.at // size == stretch]
        kept = [mark.evidence is not None for mark in in_stretch]
        assert kept == [n < MAX_EVIDENCE for n in range(len(in_stretch))]
    assert all(len(alert["evidence"]) <= MAX_EVIDENCE for alert in alerts)


def marked(*times: int) -> list[Mark]:
    return [Mark(at=at, report_id=f"r{at}", event_id="v0", source="s", type="strike",
                 actor=None, actor_ref=None, affiliation=None, place=None, incident=None,
                 evidence=None) for at in times]


class WrittenKeys(dict):
    """A dict that lists the keys set."""

    def __init__(self) -> None:
        super().__init__()
        self.written: list[str] = []

    def __setitem__(self, key, value) -> None:
        self.written.append(key)
        super().__setitem__(key, value)


def test_a_groups_marks_are_sealed_in_pages_and_a_page_is_rewritten_only_when_it_loses_some():
    pages = WrittenKeys()
    marks, group = Marks(pages), Group(first_at=0)
    marks.add('["r","g"]', group, marked(*range(PAGE_MARKS * 2 + 5)))
    assert group.pages == [0, 1] and len(group.marks) == 5
    assert sorted(pages) == ['["r","g",0]', '["r","g",1]']
    assert [m.at for m in marks.of('["r","g"]', group)] == list(range(PAGE_MARKS * 2 + 5))
    pages.written.clear()
    marks.forget_before('["r","g"]', group, PAGE_MARKS + 3)  # page 0 goes, page 1 shrinks
    assert group.pages == [1] and list(pages) == ['["r","g",1]']
    assert pages.written == ['["r","g",1]']
    assert [m.at for m in marks.of('["r","g"]', group)] == list(
        range(PAGE_MARKS + 3, PAGE_MARKS * 2 + 5))
    pages.written.clear()
    marks.forget_before('["r","g"]', group, PAGE_MARKS + 3)  # nothing older: nothing written
    assert pages.written == []


def test_detection_over_changelog_stores_alerts_as_over_dicts_and_keeps_its_values_true():
    """The worker's stores keep committed values decoded across transactions: detection
    over them raises the alerts it raises over dicts, and every value it keeps decoded
    is what its changelog record says (a value changed in place is set again)."""
    plain = Pipeline(Settings.from_env({}))
    stores = {name: Store(codec) for name, codec in STORES.items()}
    worker = Detector.over(plain.detector.rulebook, stores, IncidentSettings())
    now = datetime(2026, 12, 1, tzinfo=UTC)
    for n, payload in enumerate(stream()[:600]):
        outcome = plain.run(payload, now=now)
        if outcome.enriched is None:
            continue  # rejected before detection
        assert worker.process(outcome.enriched, now=now) == outcome.alerts
        if n % 7 == 6:  # a transaction of seven reports
            for store in stores.values():
                store.commit(store.changes())
                for key, value in store._decoded.items():
                    assert store.codec.encode(value) == store._committed[key], key
    assert any(group.pages for group in stores["groups"].values())


def test_state_records_round_trip_and_refuse_another_version(extractor):
    detector = Detector.in_memory()
    run(detector, extractor, SEED, published_at=WHEN, source="SOHR")
    for key, group in detector.groups.items():
        assert json.loads(key)[0] in {r.id for r in detector.rules}  # keys are JSON arrays
        assert GROUP.decode(GROUP.encode(group)) == group
    stored = json.loads(GROUP.encode(Group(first_at=0)))
    assert stored["v"] == Group.VERSION
    older = {key: value for key, value in stored.items() if key != "pages"}  # version 1:
    older["v"] = 1  # all its marks in its own record
    assert GROUP.decode(json.dumps(older).encode()) == Group(first_at=0)
    stored["v"] = Group.VERSION + 1
    with pytest.raises(StateVersionError, match="Group record of version"):
        GROUP.decode(json.dumps(stored).encode())
