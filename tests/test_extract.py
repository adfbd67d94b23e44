"""Entities and events of the seed report and the examples, from the real knowledge base."""

import json

import pytest

from raqib.schemas import validate
from raqib.stages.extract import Extractor
from raqib.stages.normalize import normalize

from .conftest import ROOT, SEED_REPORT


@pytest.fixture(scope="module")
def extractor():
    return Extractor()


@pytest.fixture(scope="module")
def seed(extractor):
    raw = json.dumps({"text": SEED_REPORT.read_text(), "published_at": "2023-09-03T06:00:00Z",
                      "source": "SOHR"}).encode()
    return extractor(normalize(raw))


def refs(report, entity_type):
    return {e["ref"] for e in report["entities"] if e["type"] == entity_type}


def test_enriched_seed_is_valid_and_offsets_are_exact(seed):
    validate("enriched", seed)
    for entity in seed["entities"]:
        assert seed["text"][entity["start"]:entity["end"]] == entity["text"]
    for event in seed["events"]:
        trigger = event["trigger"]
        assert seed["text"][trigger["start"]:trigger["end"]] == trigger["text"]


def test_every_place_of_the_seed_is_found_and_geocoded(seed):
    places = refs(seed, "location") | refs(seed, "facility")
    expected = {
        "geonames:173480",  # al-Mayadin
        "geonames:174448",  # Albu Kamal
        "geonames:170794",  # Deir ez-Zor city
        "site:omar_oil_field",
        "site:conoco_gas_field",
        "site:t2_pumping_station",  # the second oil pumping station
        "site:hawijat_saqr",
        "region:sy_east_euphrates",  # شرقي الفرات
        "region:sy_deir_ez_zor#part-sw",  # جنوب غرب محافظة دير الزور
        "geonames:170794#countryside-e",  # ريف دير الزور الشرقي
    }
    assert expected <= places
    for entity in seed["entities"]:
        if entity["type"] in ("location", "facility"):
            assert -90 <= entity["lat"] <= 90 and -180 <= entity["lon"] <= 180
            assert entity["precision"] in (1, 2, 3)


def test_every_armed_actor_of_the_seed_is_found_with_its_affiliation(seed):
    actors = {e["ref"]: e["affiliation"] for e in seed["entities"] if e["type"] == "actor"}
    assert actors["actor:iran_backed_militias"] == "iran_backed"
    assert actors["actor:us_led_coalition"] == "us_led_coalition"
    assert actors["actor:sdf"] == "sdf"
    assert actors["actor:hezbollah"] == "iran_backed"
    assert actors["actor:fatemiyoun"] == "iran_backed"
    assert actors["actor:irgc"] == "iran"
    assert actors["actor:us_forces"] == "usa"


def test_weapons_and_quantities_of_the_seed(seed):
    weapons = {e["weapon_class"] for e in seed["entities"] if e["type"] == "weapon"}
    assert {"rocket_launcher", "artillery", "drone", "shell", "missile"} <= weapons
    ten = next(e for e in seed["entities"] if e["type"] == "quantity" and e["value"] == 10)
    counted = next(e for e in seed["entities"] if e["id"] == ten["counts"])
    assert counted["text"] == "مدافع ثقيلة"


def test_relative_dates_resolve_against_publication(seed):
    dates = {e["text"]: e["value"] for e in seed["entities"] if e["type"] == "date"}
    assert dates["صباح اليوم"] == "2023-09-03"
    assert dates["31 آب الفائت"] == "2023-08-31"


def _events(report, event_type):
    return [e for e in report["events"] if e["type"] == event_type]


def _report(extractor, text):
    return extractor(normalize(json.dumps({"text": text}).encode()))


def _counted(report):
    """The events rules may count."""
    return [e for e in report["events"] if e["counts"]]


def _types_counted(extractor, text):
    return [e["type"] for e in _counted(_report(extractor, text))]


def _entity(report, entity_id):
    return next(e for e in report["entities"] if e["id"] == entity_id)


def _counted_places(report):
    """Where the events rules may count are placed, as the text names them."""
    return [_entity(report, e["location"])["text"] for e in _counted(report)]


def _counted_types(report):
    """The type of each event rules may count, and where it is placed, as the text names it."""
    return [(e["type"], _entity(report, e["location"])["text"]) for e in _counted(report)]


def test_troop_movements_of_the_seed(seed):
    moves = [e for e in _events(seed, "troop_movement") if not e["negated"]]
    subtypes = {e["subtype"] for e in moves}
    assert "redeployment" in subtypes  # الميليشيات أعادت انتشارها
    targets = {_entity(seed, e["target"])["ref"] for e in moves if e["target"]}
    assert "site:t2_pumping_station" in targets  # launchers moved toward the pumping station
    artillery = [e for e in moves if e["quantity"]
                 and _entity(seed, e["quantity"])["value"] == 10]
    assert artillery and _entity(seed, artillery[0]["location"])["ref"] == (
        "region:sy_deir_ez_zor#part-sw")


def test_exercises_and_no_strike_by_the_militias(seed):
    exercise_places = {_entity(seed, e["location"])["ref"] for e in _events(seed, "exercise")}
    assert "site:omar_oil_field" in exercise_places
    assert any(ref.startswith(("site:conoco", "geonames:170794#countryside"))
               for ref in exercise_places)
    current_strikes = [e for e in _events(seed, "strike") if not (
        e["negated"] or e["irrealis"] or e["historical"])]
    assert current_strikes == []
    denied = [e for e in _events(seed, "strike") if e["negated"]]
    assert any(m["trigger"]["text"] == "تطلق" for e in denied
               for m in e["mentions"])  # لم تطلق أي قذيفة


@pytest.mark.parametrize(("report_id", "expected"), [
    ("example-rocket-conoco", {("strike", False)}),
    ("example-denial-hasakah", {("strike", True)}),
    ("example-exercise-omar", {("exercise", False)}),
    ("example-unrelated-bread", set()),
    ("example-reinforcements-bukamal", {("troop_movement", False)}),
])
def test_example_reports(extractor, report_id, expected):
    line = next(row for row in (ROOT / "examples" / "reports.jsonl").read_text().splitlines()
                if report_id in row)
    report = extractor(normalize(line.encode()))
    assert {(e["type"], e["negated"]) for e in report["events"]
            if not e["historical"]} == expected


def test_a_report_with_too_many_entities_is_cut_and_marked(extractor):
    raw = json.dumps({"text": SEED_REPORT.read_text() * 3}).encode()
    full = extractor(normalize(raw))
    small = Extractor(extractor.kb, max_entities=6)(normalize(raw))
    assert len(full["entities"]) > 6 and len(full["events"]) > 6
    assert "truncated" not in full
    assert small["truncated"] == ["events", "entities"]
    assert len(small["events"]) == 6
    ids = {entity["id"] for entity in small["entities"]}
    for event in small["events"]:  # the kept events' arguments are kept with them
        arguments = [event[name] for name in ("actor", "target", "location", "quantity", "time")]
        assert {a for a in arguments + event["weapons"] if a} <= ids
    validate("enriched", small)


@pytest.mark.parametrize(("text", "place"), [
    ("انسحبت القوات الروسية صباح اليوم من نقطتها العسكرية في بلدة عين عيسى شمالي الرقة، "
     "ونقلت آلياتها إلى مطار القامشلي.", "عين عيسى"),
    ("U.S. forces withdrew from the al-Tanf garrison and moved their equipment to Erbil.",
     "al-Tanf garrison"),
])
def test_a_withdrawal_is_placed_where_the_forces_left(extractor, text, place):
    report = _report(extractor, text)
    entities = {e["id"]: e for e in report["entities"]}
    (withdrawal,) = [e for e in report["events"] if e["subtype"] == "withdrawal"]
    assert entities[withdrawal["location"]]["text"] == place


@pytest.mark.parametrize(("text", "places"), [
    # the dateline says where the report was filed, even when only its region is known
    ("KOYA, Kurdistan Region (Kurdistan24) - Iranian drones struck a camp belonging to an "
     "opposition party near the town of Koya on Thursday.", ["Koya"]),
    # "the area" is where the last event was, not the place that qualified it
    ("Islamic State militants attacked an army post in the Hawija district southwest of "
     "Kirkuk on Monday. The army sent reinforcements to the area on Tuesday.",
     ["Hawija district", "Hawija district"]),
    ("هاجم مسلحون حاجزا للجيش في بلدة الطيبة شرقي درعا، وأرسل الجيش تعزيزات إلى المنطقة.",
     ["الطيبة", "الطيبة"]),
    # what says where a place lies is no place of the event, whatever the words between
    ("اندلعت اشتباكات بين الجيش ومسلحين في محيط قرية حاويك غربي مدينة القصير بريف حمص.",
     ["حاويك"]),
    ("قالت قسد إن مقاتليها تصدوا لهجوم شنته فصائل مسلحة موالية لتركيا على محور قرية "
     "الدندنية جنوب سد تشرين، واشتبكوا معها لأكثر من ساعتين.", ["الدندنية"]),
    # a country that only says whose province, or whose rebels
    ("Saba said U.S. warplanes carried out strikes on Yemen's northern Amran province.",
     ["northern Amran province"]),
    ("An Israeli airstrike flattened a house in central Gaza's Deir al-Balah early Saturday.",
     ["Deir al-Balah"]),
    # a border near the place only says where it lies
    ("Unidentified aircraft struck a convoy of trucks on the desert road south of Boukamal "
     "near the Syrian-Iraqi border late on Friday.", ["south of Boukamal"]),
    ("A ballistic missile fired by Yemen's Houthi rebels struck a residential neighbourhood in "
     "the government-held city of Marib on Tuesday.", ["Marib"]),
    # where the forces went, not the positions they left
    ("Iran-backed militias have redeployed dozens of fighters from positions in al-Mayadeen "
     "to the desert south of Abu Kamal.", ["south of Abu Kamal"]),
    # the district and governorate that hold the site only say where it lies
    ("تعرض حقل كورمور الغازي في قضاء جمجمال بمحافظة السليمانية لهجوم بطائرة مسيرة.",
     ["حقل كورمور الغازي"]),
    # a convoy is where it went, not the crossing or the country it entered on the way
    ("A coalition convoy of 40 trucks crossed into Syria through the al-Waleed crossing on "
     "Thursday. The convoy headed to the Qasrak base near Tal Tamr.", ["Qasrak base"]),
    # where the convoy set out from, told after, does not make its place finer
    ("أرسلت فصائل الجيش الوطني رتلا عسكريا إلى خطوط التماس مع قسد في ريف منبج. وقال مصدر "
     "عسكري إن الرتل انطلق من مدينة الباب صباح اليوم.", ["ريف منبج"]),
    # the base they were moved from is not where they went; a convoy told only leaving
    # a base is placed there
    ("أفادت مصادر بأن الحرس الثوري نقل منظومات دفاع جوي من مطار T4 إلى مطار حماة.",
     ["مطار حماة"]),
    ("The IRGC moved air defence systems from the T4 airbase to positions near Palmyra.",
     ["Palmyra"]),
    ("US troops redeployed from the Conoco field to al-Shaddadi base on Thursday.",
     ["al-Shaddadi base"]),
    # the depots they were moved from lie in a town; where they went is the other town
    ("نقلت شاحنات تابعة لحزب الله شحنة أسلحة من مستودعات في مدينة حمص إلى بلدة ربلة.",
     ["ربلة"]),
    # a sea right before a site only says where the site lies
    ("Israeli warplanes struck the Red Sea port of Hodeidah on Monday.", ["port of Hodeidah"]),
    # a base named with its other name in brackets
    ("The IRGC moved drones from Palmyra to the Tiyas (T4) air base on Monday.",
     ["Tiyas (T4) air base"]),
    ("أفاد مصدر أمني بخروج رتل للقوات الأمريكية من قاعدة عين الأسد الجوية في قضاء البغدادي.",
     ["قاعدة عين الأسد الجوية"]),
    # a base they came from is not what they went for
    ("Reinforcements arrived in rural Hama coming from the Shayrat air base.",
     ["rural Hama"]),
    ("وصلت تعزيزات عسكرية لقوات النظام إلى ريف حماة الشمالي قادمة من مطار الشعيرات.",
     ["ريف حماة الشمالي"]),
    # ... or, when no finer place is told, the region it went to
    ("دخل رتل عسكري تركي، اليوم السبت، عبر معبر كفرلوسين الحدودي شمال إدلب. وأفاد مراسلنا "
     "بأن الرتل توجه نحو النقاط التركية في جبل الزاوية جنوبي إدلب.", ["جبل الزاوية"]),
    # a region pinned down by a place, not the route taken into it
    ("Kataib Hezbollah sent fighters and rocket launchers to the Iraqi-Syrian border near "
     "Husaybah.", ["Husaybah"]),
    ("A coalition convoy crossed from the Kurdistan Region into northeast Syria via the "
     "al-Waleed crossing on Thursday.", ["northeast Syria"]),
    # a strike on a region, told again where it hit
    ("Israeli warplanes struck southern Lebanon on Monday. The strike hit a house in Bint "
     "Jbeil.", ["Bint Jbeil"]),
    # where they were sent, told after a headline that named only the region
    ("SDF sends reinforcements to eastern Deir al-Zour\n\nThe SDF on Sunday sent "
     "reinforcements from Hasaka to the town of Dhiban, a local source said.", ["Dhiban"]),
    # a village's name holds the name of a town far away (Maghar, in Galilee)
    ("Turkish forces shelled the villages of Zor Maghar, Boraz and Ashma west of Kobani on "
     "Monday.", ["Zor Maghar", "Boraz", "Ashma"]),
    # a road between two towns is one place, not one event at each town
    ("انفجرت عبوة ناسفة على الطريق الواصل بين بلدتي طفس والمزيريب بريف درعا الغربي.",
     ["طفس"]),
    ("A roadside bomb exploded on the road between the towns of Tafas and Muzayrib.",
     ["Tafas"]),
    ("أنباء عن استهداف طائرة مسيرة سيارة على الطريق الواصل بين مدينة نوى وبلدة تسيل.",
     ["نوى"]),
    # places each announced by its kind: one event at each (ACLED)...
    ("قصفت قوات الحكومة مدينة محردة وبلدة السقيلبية بريف حماة.", ["محردة", "السقيلبية"]),
    ("Government forces shelled the town of Kafr Nabl and the village of Hass.",
     ["Kafr Nabl", "Hass"]),
    # ... but a movement so told went to one area
    ("وصلت عشرات الآليات إلى مدينة محردة وبلدة السقيلبية قادمة من دمشق.", ["محردة"]),
    # what underwent the attack, named before it, not the district it lies in
    ("تعرض حقل كورمور للغاز في قضاء جمجمال، فجر اليوم، لهجوم بطائرة مسيرة مفخخة.",
     ["حقل كورمور"]),
    # what had happened before is another clause, with its own place
    ("قصفت إسرائيل مواقع في محيط دمشق فجر اليوم، وكانت قد شنت عشرات الغارات على سوريا منذ "
     "سقوط النظام في كانون الأول 2024.", ["دمشق", "سوريا"]),
    # an event named again beside another one of its type keeps its own place
    ("استهدفت غارة جوية فجر اليوم موقعاً عسكرياً في ريف القنيطرة الشمالي. وتأتي هذه الغارة بعد "
     "أيام من استهداف مماثل طال مستودعات للأسلحة في محيط مطار الشعيرات.",
     ["ريف القنيطرة الشمالي"]),
    ("Israeli jets struck a radar site in southern Syria on Monday. The strike came days after "
     "an attack on a weapons depot near Masyaf.", ["southern Syria"]),
    # a drone that crossed in is a drone strike, where the sirens sounded rather than where
    # it came from; where it came from when its sentence names nothing else
    ("Sirens sounded in the Upper Galilee after a drone infiltrated from Lebanon.",
     ["the Upper Galilee"]),
    ("دوّت صافرات الإنذار في الجليل الأعلى إثر تسلل طائرة مسيرة من لبنان.", ["الجليل الأعلى"]),
    ("Rockets were fired from Gaza.", ["Gaza"]),
    # shells that came down, at the airport the gazetteer lists
    ("Several mortar shells landed near Aden Adde International Airport in Mogadishu on "
     "Tuesday.", ["Aden Adde International Airport"]),
    # a forest named by the word after its name
    ("Malian warplanes struck fighters in the Serma forest, in central Mali.", ["Serma"]),
    # what the rockets were fired from, near a place, is not where they fell
    ("Three rockets launched from an orchard near al-Baghdadi struck the Ain al-Asad air base "
     "on Sunday.", ["Ain al-Asad air base"]),
    ("سقطت ثلاثة صواريخ أطلقت من أحد البساتين قرب ناحية البغدادي على قاعدة عين الأسد.",
     ["قاعدة عين الأسد"]),
    # fire made to happen happened ("prompting ... to shell")
    ("Militias fired rockets at the Conoco gas field, prompting coalition artillery to shell "
     "positions near the village of Khasham.", ["Conoco gas field", "Khasham"]),
    # a launch at a ship is a strike
    ("Houthis launched a missile at a ship in the Red Sea.", ["the Red Sea"]),
    # a drone told by its adjective, told as a separate event after a planned detonation
    ("ستقوم وحدة من الجيش اليوم بتفجير ذخائر غير منفجرة في خراج بلدة يارون. وفي سياق منفصل، "
     "استهدفت مسيّرة إسرائيلية دراجة نارية في بنت جبيل، ما أدى إلى سقوط شهيد.",
     ["يارون", "بنت جبيل"]),
    # a raid told by its verb
    ("أعلنت إسرائيل أن طائراتها أغارت على مستودعات في القصير.", ["القصير"]),
    # a drone or rockets that slammed into something
    ("Two people were killed when a drone slammed into a house in Bint Jbeil.", ["Bint Jbeil"]),
    # where the source is, not where it happened; local sources are where it happened
    ("أفاد مصدر أمني في محافظة صلاح الدين باندلاع اشتباكات بين قوة من الحشد الشعبي وعناصر "
     "من تنظيم داعش في منطقة زراعية شرقي قضاء الدور.", ["قضاء الدور"]),
    ("A security source in Nineveh province said ISIS militants attacked an army checkpoint "
     "near Tal Afar.", ["Tal Afar"]),
    ("أفادت مصادر محلية في قضاء القائم بأن فصائل من الحشد الشعبي نقلت عناصرها من مقار داخل "
     "المدينة إلى مواقع قرب الشريط الحدودي مع سوريا.", ["قضاء القائم"]),
    # what happened a day before is another event, not a finer place of this one
    ("Israel said its jets struck Hezbollah infrastructure in southern Lebanon overnight, a "
     "day after a rocket fired from Lebanon landed in an open area near Kiryat Shmona.",
     ["southern Lebanon", "Kiryat Shmona"]),
    # the state that acts, not where it struck
    ("Iran launched dozens of drones at Israel overnight.", ["Israel"]),
    ("أطلقت إيران عشرات المسيرات باتجاه إسرائيل.", ["إسرائيل"]),
    # drones told short, after how many there were
    ("أطلقت جماعة الحوثي عشرات المسيرات باتجاه مدينة إيلات.", ["إيلات"]),
])
def test_an_event_is_placed_where_its_report_says(extractor, text, places):
    report = _report(extractor, text)
    entities = {e["id"]: e for e in report["entities"]}
    assert [entities[e["location"]]["text"] for e in report["events"]] == places


@pytest.mark.parametrize(("text", "count"), [
    # the drone's missiles are the drone strike's own, and a blamed country is no place
    ("قتل شخصان إثر استهداف طائرة مسيرة تركية سيارة مدنية قرب قرية خربة عمو شرقي القامشلي. "
     "وقال المراسل إن المسيرة استهدفت السيارة بصاروخين متتاليين. وأدانت الإدارة الذاتية "
     "الهجوم، محملة تركيا المسؤولية.", 1),
    # a mortar is not what the drone fired: another strike
    ("A drone struck a car near the village of Khirbet Amo east of Qamishli on Monday. "
     "Mortar shells hit the village hours later.", 2),
    # an attack shot down on its way is a strike, and the drones shot down are its own; who
    # shot them down did not attack
    ("U.S. forces shot down two one-way attack drones approaching the al-Tanf garrison on "
     "Thursday. The Islamic Resistance in Iraq claimed that it had targeted the base at "
     "al-Tanf with drones.", 1),
    ("نفذ العدو الإسرائيلي عدوانا جويا من اتجاه شمال لبنان، مستهدفا بعض النقاط في محيط مدينة "
     "مصياف. وأضاف المصدر أن وسائط الدفاع الجوي تصدت للعدوان وأسقطت عددا من الصواريخ.", 1),
    ("اعترضت الدفاعات الجوية طائرة مسيرة مفخخة قرب قاعدة حرير.", 1),
    # a party denies its own strike, not the explosion reported ("denied that it": "it" is
    # not the reports denied)
    ("Israel's military denied on Tuesday that it had carried out a strike on the town of "
     "Nawa, after Syrian state media reported an explosion at a depot there on Monday.", 1),
    # who told it ("the Lebanese army said") and whose channel are not who struck
    ("A Lebanese soldier was wounded on Wednesday when an Israeli drone strike hit a car near "
     "an army checkpoint on the outskirts of Marjayoun, the Lebanese army said. The Israeli "
     "military said it had targeted a Hezbollah member in the vehicle.", 1),
    ("أفادت قناة المسيرة التابعة لجماعة الحوثيين بأن العدوان الإسرائيلي شن مساء اليوم سلسلة "
     "غارات على ميناء الحديدة. في حين قال الجيش الإسرائيلي إن طائراته ضربت بنى تحتية في "
     "الميناء.", 1),
    # the blasts heard in the neighbourhoods around the struck airbase are the strike
    ("تحدثت مصادر عن غارة جوية استهدفت مستودعا في محيط مطار المزة العسكري غربي دمشق، تزامنا "
     "مع سماع دوي انفجارين في أحياء المزة وكفرسوسة.", 1),
    ("An air strike hit a depot at the Mezzeh military airport, and explosions were heard "
     "in Kafr Sousa.", 1),
    # ... and those heard in the city of the struck base's governorate
    ("Explosions were heard in Erbil on Tuesday night after a drone struck the Harir base, "
     "officials said.", 1),
    ("سمع دوي انفجارات في مدينة أربيل مساء الثلاثاء، بعد أن استهدفت طائرة مسيرة قاعدة حرير "
     "شمالي العراق.", 1),
    # blasts heard in a later sentence, however many, are the strike's
    ("Drones struck fuel tanks near the airport in Port Sudan early on Thursday. Witnesses "
     "said they heard at least three explosions shortly before dawn.", 1),
    # the side that struck tells it again: its own strike, not one by whose depots it hit
    ("Israeli warplanes struck a hillside near Brital on Thursday. Israel's military said it "
     "had hit Hezbollah weapons depots.", 1),
    # "الصواريخ" names the Katyusha rockets again: the word is said of rockets and missiles
    ("أفاد مصدر أمني بسقوط ثلاثة صواريخ كاتيوشا في محيط مطار بغداد الدولي. وقال المصدر إن "
     "الصواريخ أُطلقت من منطقة الرضوانية جنوب غربي العاصمة.", 1),
    # the shells of a shelling told again where they fell
    ("قتل ثلاثة مدنيين جراء قصف مدفعي شنته قوات الدعم السريع على أحياء سكنية في مدينة "
     "الفاشر. وقال مصدر طبي إن القذائف سقطت على أحياء وسط المدينة.", 1),
    # "aircraft" names the drone again
    ("An Israeli drone strike hit a car in the Nur Shams camp near Tulkarm on Friday. The "
     "military said it had targeted gunmen in the camp with an aircraft.", 1),
    # the town struck, then the site in it
    ("Israeli warplanes struck Hodeida on Sunday, Houthi media said. Israel's military said "
     "its jets had hit the port of Hodeida.", 1),
    # told again with what it hit and nowhere of its own: where it was told before
    ("Twelve raids hit the al-Dailami air base north of Sanaa on Monday, Houthi media said. "
     "The US Central Command said its forces struck radar sites and missile storage "
     "facilities.", 1),
    # the missile fired at a town, shot down on its way; another told as another
    ("The Houthis said they fired a ballistic missile at Eilat; the Israeli army said the "
     "missile was intercepted over the Red Sea.", 1),
    ("أعلن الحوثيون إطلاق صاروخ باليستي باتجاه مدينة إيلات، فيما قال الجيش الإسرائيلي إنه "
     "اعترض الصاروخ فوق البحر الأحمر.", 1),
    ("Iran launched dozens of drones at Israel overnight. Separately, US forces shot down a "
     "drone near the al-Tanf garrison in Syria.", 2),
    # strikes on a side's targets in a list of towns: one per town
    ("US and British warplanes carried out strikes on Houthi targets in Sanaa and Hodeidah "
     "overnight.", 2),
    # another told short after the first, at another place
    ("شنت طائرات التحالف الدولي غارة جوية استهدفت مخبأً لخلية من التنظيم في بادية السخنة "
     "شرقي حمص، وأخرى على موقع للتنظيم في منطقة جبل البشري بريف دير الزور الغربي.", 2),
    ("Two drone strikes hit SDF-held areas on Thursday, one targeting a military vehicle on "
     "the outskirts of Tabqa and the other a checkpoint at the eastern entrance of Raqqah "
     "city.", 2),
    # the headline sums up the strike the body tells, with its own details
    ("Drone strike hits militia convoy in eastern Syria\n\nUnidentified drones struck a "
     "convoy of Iran-backed militias near Albu Kamal late on Sunday, killing at least six "
     "fighters, a war monitor said.", 1),
    ("غارات أمريكية على الحديدة\n\nشنت طائرات أمريكية فجر اليوم ثلاث غارات على ميناء رأس "
     "عيسى في محافظة الحديدة، وفق ما أفادت قناة المسيرة.", 1),
    # ... but not one in another country
    ("Israeli jets strike Damascus\n\nIsraeli warplanes struck a weapons depot near Beirut "
     "on Monday.", 2),
    # a projectile that hit a ship, told later as the missile it likely was
    ("A bulk carrier was hit by a projectile about 42 nautical miles southeast of Aden on "
     "Tuesday, UKMTO said. Ambrey said the vessel was likely struck by an anti-ship ballistic "
     "missile.", 1),
    # ... nor a bulletin's first sentence, which has no full stop
    ("قصفت طائرات حربية روسية مواقع للفصائل في محيط بلدة كفرنبل بريف إدلب الجنوبي صباح اليوم "
     "دون ورود أنباء عن إصابات\nوفي ريف حماة قصفت الطائرات قرية اللطامنة", 2),
])
def test_a_strike_told_again_with_its_munitions_is_one_event(extractor, text, count):
    report = _report(extractor, text)
    assert len([e for e in _counted(report) if e["type"] == "strike"]) == count


@pytest.mark.parametrize(("text", "event_type"), [
    # casualties "fell", not shells
    ("استخدمت في الاشتباكات قذائف آر بي جي، وسط أنباء عن سقوط قتلى في صفوف الطرفين.", "strike"),
    # a threat
    ("طالب أبناء العشائر بالإفراج عن المعتقل، مهددين بتوسيع المواجهات لتشمل بلدات أخرى.",
     "clash"),
    # an accusation answered by a denial in its sentence
    ("Activists accused government forces of shelling the village of Ariqa, but the Defence "
     "Ministry said its units \"did not fire a single artillery round\" and were only "
     "\"responding to sources of fire\".", "strike"),
    # a subject between the negation and "any"
    ("وأكد المصدر أنه لم تشهد المدينة أي اشتباكات.", "clash"),
    # a correction: what an earlier version said, then denied
    ("CORRECTION: An earlier version of this story said Syrian government forces had pulled "
     "out of the town of Palmyra. They did not withdraw.", "troop_movement"),
    # "any" over a list of events
    ("إذ لم تسجل أي اشتباكات أو عمليات قصف في ريف السويداء الغربي منذ يوم الثلاثاء.",
     "strike"),
    # an accusation the accused party denies in another sentence
    ("The SDF said on Friday that its forces had not fired any shells toward Ras al-Ain. The "
     "statement came after Turkish-backed factions accused the SDF of shelling residential "
     "areas of the town on Thursday.", "strike"),
    # a mistaken belief, then what it was
    ("أثار إطلاق نار كثيف حالة من الذعر بين السكان الذين ظنوا أن اشتباكات اندلعت في المدينة.",
     "clash"),
    ("وقال أحد المزارعين: \"ظننا أن الأتراك يقصفون القرية مجدداً\" في تل عدس قرب رميلان.",
     "strike"),
    ("\"At first we thought the Turks were shelling again,\" said a farmer in Tal Adas near "
     "Rmeilan.", "strike"),
    # bangs explained: a sonic boom, a fire that set off explosions
    ("دوى صوت انفجار قوي في سماء بيروت قبل أن يتبين أنه ناجم عن خرق طائرة حربية جدار الصوت.",
     "strike"),
    ("A fire broke out in a storage building because of an electrical fault, causing several "
     "small explosions at the camp.", "strike"),
    # blasts that the report explains in another sentence, with no explanation word
    ("A series of loud blasts shook the countryside south of al-Shaddadi on Tuesday. A "
     "spokesman said engineers had carried out a controlled detonation of seized explosives "
     "near the town.", "strike"),
    # what the denying party goes on to say is its own statement, not denied: the
    # detonation explains the blasts told after it too
    ("Iraq's Joint Operations Command dismissed reports that aircraft had struck a depot near "
     "Amerli, saying the explosions heard overnight were a controlled detonation of expired "
     "munitions. Videos shared on Telegram showed a column of smoke and several secondary "
     "blasts.", "strike"),
    # what a party rarely does is a habit, not an event
    ("There was no immediate comment from U.S. Central Command, which rarely confirms "
     "individual strikes.", "strike"),
    # what happens again and again is a habit, not an event
    ("وتشهد قرى حوض اليرموك توغلات شبه يومية للقوات الإسرائيلية.", "troop_movement"),
    # a convoy of civilians or aid
    ("Gunmen abducted two aid workers from a World Food Programme convoy near the town of "
     "Mellit in North Darfur on Thursday.", "troop_movement"),
    ("The convoy of cars and buses was carrying residents of Kobani to a protest at the "
     "Tishreen Dam.", "troop_movement"),
    ("وصلت قافلة مساعدات إلى مدينة السويداء، وسبقها رتل مدني من الأهالي.", "troop_movement"),
    # what will be done; what "this day" years ago saw
    ("أعلنت القيادة أن وحداتها ستجري تدريبات بالذخيرة الحية في ميدان الرماية قرب بلدة "
     "كفرتخاريم يومي الأحد والاثنين المقبلين.", "exercise"),
    ("وقال القائد العام إن القوات المسلحة ستواصل معركة الكرامة حتى تحرير آخر شبر من أرض "
     "السودان.", "clash"),
    ("في مثل هذا اليوم قبل عامين، انفجرت آلاف أجهزة البيجر في الضاحية الجنوبية لبيروت "
     "والبقاع، وتلته في اليوم التالي موجة تفجيرات لأجهزة ووكي توكي.", "strike"),
    # launchers a convoy carries
    ("خرج رتل عسكري من مطار كويرس يضم ناقلات جند وقواعد إطلاق صواريخ محمولة على شاحنات.",
     "strike"),
    # a toll since a war's turning point, not an event (and the regime's fall is no shell)
    ("ومنذ سقوط النظام، قُتل مئات المدنيين بانفجار الألغام ومخلفات الحرب في أرياف إدلب وحماة "
     "وحلب.", "strike"),
    ("Since the fall of the Assad regime, hundreds of civilians have been killed by landmine "
     "explosions in rural Idlib, Hama and Aleppo.", "strike"),
    # what a town saw back then
    ("يستذكر أهالي الشرقاط الذكرى العاشرة لتحرير مدينتهم. وقال المختار إن المدينة شهدت حينها "
     "قصفاً عنيفاً من الطائرات الحربية.", "strike"),
    # who a party is, not what it did
    ("The Saudi-led coalition fighting in Yemen said on Sunday that it would keep the truce.",
     "clash"),
    # forces named by what they are, after a negation
    ("\"No units of the armed forces have moved toward Ghadames,\" the LNA spokesman said.",
     "troop_movement"),
    # a trend; what countries plan
    ("Attacks by ISIS cells along the border have dropped by nearly 60 percent this year "
     "compared to 2025, the adviser said.", "strike"),
    ("Iraq, Syria and Jordan also plan to hold their first joint border exercise in the "
     "spring.", "exercise"),
    # the wounded taken to a medical point; a photo published
    ("انفجرت عبوة ناسفة بسيارة عسكرية تابعة لقسد، ما أدى إلى إصابة عنصرين نقلا إلى نقطة طبية "
     "في هجين.", "troop_movement"),
    ("تبنى التنظيم تفجير عبوة بعربة للجيش شرقي حماة. ونشر التنظيم صورة قال إنها للعربة بعد "
     "استهدافها.", "troop_movement"),
    # the wounded taken to hospital; what an outlet relayed
    ("استهدفت مسيّرة معادية سيارة في بلدة طير حرفا ما أدى إلى إصابة سائقها، وقد نقلته سيارة "
     "إسعاف إلى أحد مستشفيات المدينة.", "troop_movement"),
    ("شن الطيران الحربي للجيش غارات جوية على تجمعات للدعم السريع في مدينة الضعين، وفق ما "
     "نقلته قناة الجزيرة مباشر عن مصادر محلية.", "troop_movement"),
    ("نقلت قناة المسيرة التابعة للحوثيين عن مصدر محلي أن قصفاً مدفعياً سعودياً استهدف مديرية "
     "شدا.", "troop_movement"),
    # what was sent or built was no force and no position
    ("The army sent a delegation to the town of Sinuni to meet tribal elders.",
     "troop_movement"),
    ("أنشأت قوات سوريا الديمقراطية مدرسة جديدة في بلدة العشارة.", "troop_movement"),
    ("أقام الأهالي وقفة احتجاجية أمام مقر القوات الروسية في القامشلي.", "troop_movement"),
    ("The festival rolled into its third day in Erbil with concerts in the citadel.",
     "troop_movement"),
    ("Iraqi customs seized trucks carrying weapons at the al-Qaim crossing.",
     "troop_movement"),
    ("تقدمت الفصائل المسلحة بطلب إلى الأمم المتحدة لفتح ممر نحو المدينة.", "troop_movement"),
    # an aircraft that fell crashed; only what is fired falls as a strike
    ("سقطت مروحية عسكرية خلال رحلة تدريبية قرب كركوك ما أدى إلى مقتل طاقمها.", "strike"),
    # "publishing fabricated stories", a four-wheel-drive car, talk called exaggeration
    ("وأضاف المصدر أن الجيش ملتزم بالتهدئة، متهماً قسد بنشر روايات مفبركة عن المعارك.",
     "troop_movement"),
    ("استهدفت طائرة مسيرة عجلة رباعية الدفع تابعة للحشد الشعبي قرب القائم.", "troop_movement"),
    ("وقال المصدر إن الحديث عن تعزيزات روسية في مطار القامشلي يندرج في إطار التهويل "
     "الإعلامي.", "troop_movement"),
    # a launcher found and seized, a cache blown up under control: no strike
    ("وأضاف أن قوة من الجيش عثرت لاحقا على منصة الإطلاق، وهي محملة بصاروخ ثالث، في منطقة "
     "زراعية قرب ناحية البغدادي، وقامت بضبطها.", "strike"),
    ("عثرت القوة على مضافة تحتوي على أسلحة وأحزمة ناسفة في وادي الشاي، وتم تفجيرها تفجيرا "
     "مسيطرا عليه.", "strike"),
    # questions and conditions
    ("هل تقصف إسرائيل مواقع الفصائل المسلحة في جرف الصخر؟", "strike"),
    ("ولو نشرت الحكومة قوات إضافية على الحدود الغربية، فإن ذلك قد يطمئن الشارع.",
     "troop_movement"),
    # the convoy a drone struck is its target, when the report tells no movement of it
    ("A drone struck a World Food Programme convoy near Bara in North Kordofan on Saturday.",
     "troop_movement"),
    ("استهدفت طائرة مسيرة رتلا لشاحنات مدنية قرب الميادين.", "troop_movement"),
    # an attack others reported, when the report explains the blasts around it
    ("The explosions heard across western Baghdad early on Tuesday were a controlled "
     "detonation of old munitions near Baghdad airport, the Security Media Cell said. Social "
     "media users had reported a drone attack on the airport.", "strike"),
    # blasts that were a test of weapons; blasts told at two places, explained at one
    ("Blasts heard over Port Sudan on Thursday were part of a test of the city's air "
     "defence systems, the army said.", "strike"),
    ("Residents of nearby Alma al-Shaab and Naqoura reported hearing explosions in the "
     "morning; a spokesperson said the blasts came from charges used in the drill.",
     "strike"),
    # explosions residents will hear during next week's drills
    ("The coalition and Peshmerga forces will hold live-fire exercises near the Harir air "
     "base next week, the ministry said, urging residents not to be alarmed by the sound of "
     "explosions.", "exercise"),
    # warheads destroyed on purpose; explosive belts ready for use
    ("Residents of Port Sudan heard several loud explosions on Thursday that the navy said "
     "came from the controlled destruction of unexploded drone warheads.", "strike"),
    ("ضبطت قوة من الاستخبارات العسكرية وكرا لداعش في قضاء تلعفر يحتوي على أسلحة خفيفة "
     "وأحزمة ناسفة معدة للتفجير.", "strike"),
    # "الحشد" is the Popular Mobilisation Forces, not a build-up; what reinforcements are
    # to prevent has not happened
    ("وقال قائد عمليات الأنبار للحشد إن التعزيزات تهدف إلى منع أي تسلل لعناصر داعش.",
     "clash"),
    ("وقال قائد عمليات الأنبار للحشد إن القوات الأمنية أمنت الطريق الدولي.", "troop_movement"),
    # since the campaign was launched: no launch
    ("وأتلفت الفرق الهندسية أكثر من 300 لغم وقذيفة منذ انطلاقه في محافظة البريقة.", "strike"),
    # a generator that caught fire
    ("هز انفجار عنيف حي فوه بمدينة المكلا. وأوضح مصدر أمني أن الانفجار نتج عن احتراق مولد "
     "كهربائي تجاري.", "strike"),
    # overthrowing the regime, dropping the charges: nothing shot down
    ("رفع المتظاهرون شعارات تطالب بإسقاط النظام، فيما انتشرت عربات مدرعة في الساحة.",
     "strike"),
    # a ceasefire is no launch
    ("وأكد المصدر أن وحداتنا ملتزمة التزاما تاما باتفاق وقف إطلاق النار في ريف السويداء.",
     "strike"),
    # no one who could have struck did
    ("A coalition spokesman said no coalition aircraft had conducted strikes near al-Bukamal.",
     "strike"),
    ("وأكد المصدر عدم تعرض أي موقع عسكري في ريف دير الزور للقصف.", "strike"),
    ("Israel's military said it was unaware of any strike near Quneitra.", "strike"),
    # a topic of a meeting
    ("وصل وزير الدفاع إلى بغداد لبحث هجمات الميليشيات على القواعد", "strike"),
    ("The ministers met to discuss attacks on U.S. bases in Iraq.", "strike"),
    # air defence answering, not a launch
    ("Residents of Port Sudan heard bursts of anti-aircraft fire overnight.", "strike"),
    # a report flatly rejected
    ("Activists in Jisr al-Shughur flatly rejected a report that security forces had raided "
     "the town.", "other"),
    # a denial, then the account it denies told again ("had spoken of"), later
    ("نفت قيادة الشرطة الأنباء عن قصف استهدف قرية الحصوة. وكانت حسابات محلية قد تحدثت "
     "مساء أمس عن سقوط قذائف هاون على الحصوة.", "strike"),
    ("The army denied reports that its artillery had shelled Kafr Nabl. Local pages had "
     "reported mortar rounds landing on Kafr Nabl overnight.", "strike"),
    # "no strike", "لأي استهداف": the one reported, said not to have happened
    ("Local pages reported that a drone had struck a position near al-Qaim. The Security "
     "Media Cell said no strike took place.", "strike"),
    ("تحدثت صفحات محلية عن قصف مدفعي على بلدة الشحيل. وقال مصدر إن البلدة لم تتعرض لأي "
     "استهداف.", "strike"),
    # what is published, not deployed ("وما يُنشر")
    ("وقال المكتب إن قواتنا لم تطلق أي قذيفة، وما يُنشر يهدف إلى إثارة الفتنة في ذيبان.",
     "troop_movement"),
    # a bare "did not withdraw" denies the withdrawal reported before it
    ("Local pages reported that government forces had pulled out of Palmyra. They did not "
     "withdraw, a military source said.", "troop_movement"),
    ("أفادت صفحات محلية بانسحاب قوات النظام من مدينة تدمر. وقال مصدر عسكري إنها لم تنسحب.",
     "troop_movement"),
    # what did not happen, told before it; not a single one
    ("وقال المصدر إنه لم يحدث أي اشتباك في حي غويران.", "clash"),
    ("Not a single rocket was launched at the base near Haditha, the spokesman said.",
     "strike"),
    ("وقال مصدر إن أي رتل عسكري لم يتحرك باتجاه السويداء.", "troop_movement"),
    # a photo's caption
    ("وصل رتل للتحالف الدولي إلى قاعدة قسرك.\n(صورة أرشيفية: آثار قصف تركي على قرية أم الكيف)",
     "strike"),
    ("Coalition trucks reached the Qasrak base.\nFile photo: smoke rises after a Turkish "
     "strike on Tal Tamr.", "strike"),
    # a movement promised for the coming days
    ("قال الجيش إنه سيرسل خلال الأيام المقبلة تعزيزات إلى مدينة الدلنج.", "troop_movement"),
    ("The army said it would send in the coming days reinforcements to Kadugli.",
     "troop_movement"),
    # an analysis piece's undated strikes are a pattern
    ("ANALYSIS-Why drone strikes on Kurdish fighters in Sinjar keep coming\n\nA drone "
     "strike on a car near Sinjar follows a pattern analysts know well.", "strike"),
    ("تحليل: لماذا تتكرر الغارات على ريف دير الزور؟\n\nتستهدف غارات مجهولة مواقع "
     "الميليشيات في البوكمال والميادين.", "strike"),
    # a war of the past
    ("During the civil war, government air strikes flattened much of the old city of Homs.",
     "strike"),
    ("وتعرضت المدينة خلال سنوات الحرب لقصف متكرر من قوات النظام.", "strike"),
    # a habit over years, not an event of the report
    ("Turkey has for years carried out drone strikes in Sinjar against Kurdish militants.",
     "strike"),
    ("وشهدت المقدادية خلال السنوات الماضية هجمات متفرقة لخلايا داعش.", "strike"),
    # other articles' headlines after "المزيد:" and "شاهد:"
    ("هدد الوزير بعملية جديدة.\n\nالمزيد:\nمقتل عنصرين بقصف مسيرة تركية قرب عين عيسى\n"
     "شاهد: غارة إسرائيلية على منزل في حي الزيتون", "strike"),
    ("وصلت تعزيزات عسكرية إلى مدينة منبج.\nأخبار متعلقة\nغارات إسرائيلية تستهدف مواقع في "
     "ريف حمص\nانفجار يهز مدينة الباب", "strike"),
    ("The army reinforced its positions near Kobani.\nTop stories\nIsraeli air strikes hit "
     "Hezbollah positions in the Bekaa", "strike"),
    # a warning of what may come
    ("وقال أحد الوجهاء إن أبناء العشائر ملتزمون بالسلم الأهلي، محذراً من محاولات جر المنطقة "
     "إلى الاقتتال في بلدة هجين.", "clash"),
    ("The governor warned of renewed clashes in the town of Hajin.", "clash"),
    # the dead taken to a medical complex
    ("وأفاد مراسلنا بأن الطائرات الحربية أطلقت صاروخاً على الخيمة، وأن جثامين الشهداء نقلت إلى "
     "مجمع ناصر الطبي.", "troop_movement"),
    # what people fear may come
    ("وتخشى مصادر محلية من أن تنفذ قسد حملة دهم واسعة في البلدة خلال الساعات المقبلة.",
     "other"),
    ("Residents fear that the militias are massing fighters near the town of Hajin.",
     "troop_movement"),
    # people held, taken somewhere; a place of detention
    ("نقلت قوات الأمن الموقوفين إلى مقر قيادة الشرطة في المدينة للتحقيق معهم.",
     "troop_movement"),
    ("Prisoners were transferred from the al-Hol camp to a detention centre in Hasakah.",
     "other"),
    # what happened days before the news
    ("The deployment comes days after Turkish drones struck villages near Tal Tamr.",
     "strike"),
    ("وتأتي هذه التعزيزات بعد أيام من قصف تركي استهدف قرى في ريف تل تمر.", "strike"),
    # forces said to hold where a withdrawal was reported from
    ("Pro-government Telegram channels reported that SDF forces had withdrawn from the "
     "Tishreen Dam. The SDF said its fighters were still holding their positions at the dam.",
     "troop_movement"),
    ("ذكرت وسائل إعلام موالية أن القوات الروسية انسحبت من مطار القامشلي، إلا أن مصادر محلية "
     "أكدت أن القوات ما تزال متمركزة في المطار.", "troop_movement"),
    ("Hezbollah fighters remain deployed along the border despite the ceasefire.",
     "troop_movement"),
    ("The Pentagon said about 2,000 US troops are currently stationed in Syria.",
     "troop_movement"),
    ("The army denied reports that it had sent battalions into Tulkarm, saying forces "
     "already stationed there were continuing routine activity.", "troop_movement"),
    # rumours that came to nothing, or turned out to be something else
    ("Rumours of a rocket attack on the Victory base near Baghdad airport spread online on "
     "Tuesday, but a security official told AFP nothing had happened.", "strike"),
    ("Initial reports of an airstrike on the village turned out to be a fire at a fuel depot, "
     "the civil defence said.", "strike"),
    # an old device blown up by bomb squads
    ("The Iraqi Security Media Cell said an explosion heard in the Dora district was caused "
     "by the detonation of an old explosive device by bomb squads.", "strike"),
    # what is expected to come
    ("ويتوقع محللون أن تشن تركيا عملية عسكرية جديدة تستهدف مواقع قسد في منبج.", "strike"),
    ("Analysts expect Turkey to launch a new offensive targeting SDF positions in Manbij.",
     "strike"),
    # a denial in the plural present; what was circulated, called inaccurate; "the reports
    # of", not the reports told before
    ("الحوثيون ينفون استهداف سفينة تجارية في البحر الأحمر.", "strike"),
    ("أوضح المتحدث أن ما جرى تداوله عن تحرك أرتال عسكرية باتجاه الحدود مع سوريا غير دقيق.",
     "troop_movement"),
    ("The reports of US troops withdrawing from Deir Hafer were false.", "troop_movement"),
    # the blast a denial gives as the cause of what was heard
    ("نفى مصدر عسكري ما تداولته حسابات عن غارة استهدفت معبرا في جرود بلدة القصر، مؤكداً أن "
     "الأصوات التي سمعها الأهالي ناجمة عن تفجير الجيش لمخزن ذخائر قديم.", "strike"),
    # ... in the sentence right after the denial
    ("نفى مصدر أمني سقوط أي صواريخ على بلدة الخيام. وأوضح المصدر أن الانفجارات التي سمعت في "
     "البلدة ناجمة عن تفجير وحدة الهندسة في الجيش اللبناني ذخائر غير منفجرة.", "strike"),
    # old tunnels blown up, a quarry's blasting
    ("أوضحت مصادر محلية أن أصوات الانفجارات التي سمعت في مدينة الحسكة ناتجة عن عمليات تفجير "
     "أنفاق قديمة تنفذها قوى الأمن الداخلي.", "strike"),
    ("The explosion at the quarry near Tal Afar was part of routine blasting work, the local "
     "council said.", "strike"),
    # an electrical short circuit
    ("أوضح مصدر في الدفاع المدني أن الانفجار الذي وقع في مستودع بمدينة القامشلي ناجم عن تماس "
     "كهربائي.", "strike"),
    # ammunition badly stored in the heat
    ("The Popular Mobilisation Forces said the blasts at the Saqr base were due to poor "
     "storage of ammunition in the heat, and not an airstrike.", "strike"),
    # what others said, rejected right before it
    ("Officials in Khartoum rejected RSF claims that the army had bombed a market in Nyala.",
     "strike"),
    ("رفضت وزارة الدفاع التركية ما تداولته وسائل إعلام عن قصف مدفعي طال قرى في ريف تل تمر.",
     "strike"),
    # ... or called false right before it
    ("Sudan's army spokesman described as baseless reports that the RSF had shelled "
     "Omdurman's Karari district.", "strike"),
    # what a party threatens
    ("The warships arrived after threats by the Houthis to resume attacks on vessels in the "
     "Red Sea.", "strike"),
    ("Iraqi militia leader demands foreign troops leave Kurdistan, threatens attacks", "strike"),
    ("وجاء ذلك بعد تهديدات الحوثيين باستئناف الهجمات على السفن في البحر الأحمر.", "strike"),
    # what is asked or agreed for
    ("Iraqi lawmakers renewed calls for the withdrawal of US forces from the country.",
     "troop_movement"),
    ("The agreement provides for the withdrawal of Israeli forces from southern Lebanon "
     "within 60 days.", "troop_movement"),
    ("دعت الفصائل إلى انسحاب القوات التركية من ريف حلب الشمالي.", "troop_movement"),
    # what is talked of or negotiated
    ("Talks on the withdrawal of Turkish troops from the Bashiqa camp have stalled.",
     "troop_movement"),
    ("Iraq's parliament voted to demand the withdrawal of US forces from the country.",
     "troop_movement"),
    ("رفض الحزب أي حديث عن سحب سلاحه أو انسحاب مقاتليه من جنوب الليطاني.", "troop_movement"),
    # footage relayed as the event, which a party says is old
    ("Pro-government accounts said Israeli jets bombed a depot in Masyaf. A military source "
     "told SANA the video was old and dated from 2023.", "strike"),
    ("Local pages reported shelling on the town of Dhiban. The SDF said the footage dates "
     "back to 2019.", "strike"),
    # a claim others dispute; reports a party calls premature
    ("Witnesses disputed the army's claim that militants had attacked the checkpoint.",
     "strike"),
    ("A spokesman for the Iraqi Joint Operations Command said reports of a US withdrawal from "
     "Ain al-Asad were 'premature'.", "troop_movement"),
    ("قال متحدث إن الأنباء عن انسحاب القوات الأمريكية من عين الأسد سابقة لأوانها.",
     "troop_movement"),
    ("وصف مصدر عسكري الأنباء عن قصف تركي على منبج بأنها محض افتراء.", "strike"),
    # blasts said to be "from" a disposal of old munitions
    ("The blasts heard near Ain al-Asad were from the disposal of unexploded ordnance by "
     "Iraqi engineers.", "strike"),
    # unexploded munitions blown up by engineers, told whole
    ("أكدت مصادر أن الأصوات التي سمعت في محيط مطار المزة ناتجة عن تفجير ذخائر غير منفجرة من "
     "قبل وحدات الهندسة.", "strike"),
    # a launch at a drill's target
    ("Footage aired by the channel showed fast boats manoeuvring near Kamaran island and a "
     "missile being launched at a floating target.", "strike"),
    ("أطلقت القوات صواريخ على أهداف وهمية خلال المناورات.", "strike"),
    # what people fear or brace for
    ("Residents of al-Mayadin fear renewed airstrikes after the militias moved into the "
     "town's schools.", "strike"),
    ("Residents are bracing for renewed shelling as militias mass near al-Bukamal.", "strike"),
    ("استنفرت القوات الأمريكية في قاعدة حقل العمر تأهبا لأي هجوم على القاعدة.", "strike"),
    # rumours the speaker asks people to pay no heed to
    ("دعت الشركة المواطنين إلى عدم الالتفات إلى الشائعات التي تحدثت عن هجوم بقذيفة على سوق "
     "الجمعة في طرابلس.", "strike"),
    ("Police urged residents to ignore rumours of a drone strike on the market in Kadugli.",
     "strike"),
    # the background a dated sentence of years ago opens, told on
    ("Ten years ago today, on November 1, 2016, soldiers of Iraq's Counter-Terrorism Service "
     "pushed into Gogjali, on the eastern edge of Mosul. The advance followed two weeks of "
     "fighting between the army and Islamic State across the Nineveh Plains.", "clash"),
    ("في 17 تشرين الأول 2016 تقدمت القوات العراقية نحو الأحياء الشرقية لمدينة الموصل. وسبقت "
     "ذلك معارك عنيفة بين الجيش وتنظيم داعش في سهل نينوى.", "clash"),
    # a football report's words
    ("الأهلي طرابلس \"يقصف\" شباك الاتحاد برباعية ويعتلي صدارة الدوري", "strike"),
    # ready for it, not yet in it
    ("وأضاف أن القوات المسلحة مستعدة لمواصلة المعركة ضد الدعم السريع في الفاشر.", "clash"),
    # what is asked for: an end to the shelling
    ("قال المجلس إن أي ترتيبات لا تضمن وقف القصف المدفعي على أحياء الفاشر لن تجد القبول.",
     "strike"),
    # the body of one killed, recovered
    ("وعملت فرق الدفاع المدني على سحب جثة الشهيد، فيما تجمع عناصر من حزب الله في بنت جبيل.",
     "troop_movement"),
    # an accident: a transformer or a gas cylinder that blew up
    ("أوضحت شركة الكهرباء أن الدوي الذي سمع في منطقة سوق الجمعة بطرابلس نتج عن انفجار محول "
     "كهربائي.", "strike"),
    ("A transformer explosion caused the loud bang heard in Souq al-Juma, the electricity "
     "company said.", "strike"),
    # dawn, with the article: no verb "blew up"
    ("استمر حظر التجول من الفجر حتى الظهر في مدينة جيبو.", "strike"),
    # where rockets were or may be fired from, found or destroyed
    ("Security forces found a launch pad with two unfired rockets in al-Baghdadi on Monday.",
     "strike"),
    ("The army said it destroyed several Hezbollah rocket launch sites near Kafr Kila.",
     "strike"),
    ("عثرت القوات الأمنية على مكان إطلاق الصواريخ في ناحية البغدادي.", "strike"),
    # every attempt, none in particular
    ("كذبت القوات المسلحة ما روجته منصات الدعم السريع عن انسحاب الفرقة 22 مشاة من مدينة "
     "بابنوسة، مؤكدةً أن قواتنا ثابتة في مواقعها وتتصدى لكل محاولات التسلل.", "clash"),
    # a trend over months, told beside a deployment
    ("The Rwanda Defence Force said it had deployed an additional battalion to Mocímboa da "
     "Praia, where insurgents have stepped up attacks on the coastal road in recent months.",
     "strike"),
    ("وقال الجيش إنه نشر كتيبة إضافية في مدينة بالما التي صعّد المسلحون هجماتهم على طرقها "
     "في الأشهر الأخيرة.", "strike"),
    # strikes years ago, told with the dual "in the years 2021 and 2023"
    ("وسبق أن تعرض مخيم مخمور لضربات جوية تركية في عامي 2021 و2023.", "strike"),
    # a habit of past years
    ("Rocket attacks on the airport area were frequent between 2019 and 2024, when "
     "Iran-aligned factions targeted the U.S. presence in Iraq.", "strike"),
    # blasts that, in a resident's dialect, "turned out" to be old munitions blown up
    ("وقال أحد سكان البغدادي: سمعنا ثلاث ضربات ورا بعض، گلنا خلص هاي صواريخ على القاعدة، بس "
     "بعدين طلع تفجير للمخلفات.", "strike"),
    # what people said they feared
    ("JNIM fighters were reportedly massing in forests south of Nioro du Sahel, according to "
     "two local sources who said they feared an attack on the town.", "strike"),
    # a barrage of words in parliament
    ("ونواب يتحدثون عن «قصف سياسي» متبادل بين الكتل تحت قبة البرلمان", "strike"),
    # how attackers came, not forces arriving somewhere
    ("Moments after the explosion, several gunmen who had arrived in a second vehicle opened "
     "fire on the troops.", "troop_movement"),
    # a habit: every night, whenever
    ("Russian missiles and drones strike Ukrainian cities almost every night.", "strike"),
    ("تقصف المدفعية أطراف بلدة كفرنبل كل ليلة منذ أشهر.", "strike"),
    ("Russian forces have been pressing attacks near Huliaipole for months.", "strike"),
    # a kind of unit, not an assault
    ("Assault troops previously positioned on the left bank of the Dnipro were redeployed to "
     "Huliaipole.", "strike"),
    # a battle remembered years on
    ("Ten years on, Mosul remembers the battle that broke Islamic State's caliphate.",
     "clash"),
    # what a minister says they will go on doing
    ("وزير الدفاع الإسرائيلي: سنواصل ضرب الحوثيين بقوة وسيدفعون ثمناً باهظاً", "strike"),
    # posts published, not forces deployed
    ("وكانت فصائل مسلحة قد نشرت منشورات تحدثت عن دوي انفجارات في محيط قاعدة عين الأسد.",
     "troop_movement"),
])
def test_what_did_not_happen_counts_for_nothing(extractor, text, event_type):
    report = _report(extractor, text)
    assert [e["trigger"]["text"] for e in _counted(report) if e["type"] == event_type] == []


@pytest.mark.parametrize(("text", "modality"), [
    # what pages and posts "claim" is a rumour, which a later denial refutes
    ("Social media posts claimed a drone struck the Harir base on Tuesday. The Kurdistan "
     "Region's counter-terrorism service said the reports were fabricated.", "denied"),
    ("زعمت حسابات موالية للميليشيات استهداف قاعدة حرير بطائرة مسيرة، إلا أن جهاز مكافحة "
     "الإرهاب في الإقليم قال إن هذه الأنباء مفبركة.", "denied"),
    # what reports or footage are said to show is what others tell, which a denial answers
    ("There were reports of a drone strike on a car near Nabatieh on Monday. The Lebanese "
     "army denied this.", "denied"),
    ("Footage purporting to show shelling of the town of Ariha circulated on Monday night. A "
     "military source told SANA it was old.", "denied"),
    # ... even when the refuting sentence names events of the past
    ("CENTCOM said US forces did not conduct any strikes in Yemen, responding to videos "
     "purporting to show explosions near Saada. A Houthi official told Reuters the videos "
     "were old and had been filmed during U.S. strikes in April 2025.", "denied"),
    # what a party's own media claim stays its claim, denied or not (annotation guide 4.4)
    ("زعمت وسائل إعلام تابعة لجماعة الحوثي أن قواتها استهدفت بقذائف المدفعية تجمعات للقوات "
     "المشتركة في مديرية حيس. في المقابل، نفى مصدر عسكري تعرض مواقعها لأي قصف.", "claimed"),
    # a party's claim carried by its own channels stays its claim
    ("The group claimed in a statement carried by its Telegram accounts and pages that its "
     "drones struck the Harir base.", "claimed"),
    # what no official has confirmed is hedged, not denied
    ("ولم تؤكد أي جهة رسمية حتى الآن وقوع الغارة على مطار التيفور.", "hedged"),
    ("الحوثيون يتبنّون إطلاق صاروخ باليستي فرط صوتي على أم الرشراش", "claimed"),
])
def test_an_attack_is_claimed_denied_or_hedged_as_who_tells_it_says(extractor, text, modality):
    report = _report(extractor, text)
    assert _events(report, "strike")[0]["modality"] == modality


@pytest.mark.parametrize(("text", "place"), [
    ("وصلت قوات إضافية من الجيش السوداني والقوة المشتركة إلى الفاشر.", "الفاشر"),
    ("دخلت دبابات إسرائيلية إلى بلدة الخيام فجر اليوم.", "بلدة الخيام"),
    ("دخلت وحدة من الجيش اللبناني إلى بلدة مركبا بعد الظهر.", "بلدة مركبا"),
    ("Residents reported the arrival of Russian troops at Qamishli airport.",
     "Qamishli airport"),
    # a withdrawal told around its object: from where they left
    ("The SDF said it had pulled its fighters back from Deir Hafer under a deal with "
     "Damascus.", "Deir Hafer"),
    # positions taken up, bolstered, handed over or vacated; a push deeper in
    ("Iranian-backed fighters have taken up positions in abandoned houses in the town of "
     "al-Quriyah.", "al-Quriyah"),
    ("The Syrian army bolstered its positions around Tal Rifaat with tanks.", "Tal Rifaat"),
    ("Russian forces handed over their positions in the Tal Tamr countryside to the Syrian "
     "army.", "Tal Tamr countryside"),
    ("سلمت القوات الروسية مواقعها في ريف تل تمر لقوات النظام.", "ريف تل تمر"),
    ("US forces vacated the Tower 22 outpost.", "Tower 22"),
    ("Israeli troops pushed deeper into the village of Beit Jinn overnight.", "Beit Jinn"),
    ("Turkish tanks crossed the border near the village of al-Ghandoura on Sunday morning.",
     "al-Ghandoura"),
    # a state pulling its troops out; forces that entered a town
    ("Israel has begun pulling troops out of southern Lebanon under the ceasefire deal.",
     "southern Lebanon"),
    ("Israeli forces began pulling out of southern Lebanon.", "southern Lebanon"),
    ("Syrian government forces have entered the city of Manbij under a deal with the SDF.",
     "Manbij"),
    ("بدأت إسرائيل سحب قواتها من جنوب لبنان بموجب اتفاق وقف إطلاق النار.", "جنوب لبنان"),
    ("أخلت روسيا قاعدتها في القامشلي.", "القامشلي"),
    ("تحشد القوات الإسرائيلية قرب بلدة الخيام.", "بلدة الخيام"),
    ("بدأت الولايات المتحدة بنقل جنودها من قاعدة عين الأسد إلى أربيل.", "أربيل"),
    # a presence bolstered; an advance toward a town
    ("The US has bolstered its military presence in eastern Syria with additional Bradley "
     "fighting vehicles.", "eastern Syria"),
    ("Regime forces advanced toward the town of Saraqib from the east.", "Saraqib"),
    # tanks seen entering; soldiers flown out; positions left
    ("Several Turkish tanks were seen entering Syrian territory near Jarablus.", "Jarablus"),
    ("Dozens of Russian soldiers were flown out of Qamishli airport.", "Qamishli airport"),
    ("Fighters of the Fatemiyoun brigade left their positions in al-Bukamal.", "al-Bukamal"),
    # a context-only actor named before its fighters
    ("Large numbers of Hashd fighters massed near the border crossing at al-Qaim.", "al-Qaim"),
])
def test_forces_arriving_or_leaving_move(extractor, text, place):
    report = _report(extractor, text)
    entities = {e["id"]: e["text"] for e in report["entities"]}
    assert [(e["type"], entities[e["location"]]) for e in _counted(report)] == [
        ("troop_movement", place)]


def test_a_readers_comment_is_not_what_the_report_explains(extractor):
    report = _report(extractor, "أفادت مصادر محلية بسماع أصوات انفجارات في محيط قاعدة عين "
                                "الأسد، تبين لاحقاً أنها ناجمة عن تفجير مخلفات حربية.\n"
                                "التعليقات:\nأبو علي: الله ينتقم منهم، قصفوا بيتنا")
    assert sorted((e["type"], e["section"]) for e in report["events"]) == [
        ("other", "body"), ("strike", "comments")]


def test_a_denial_does_not_reach_the_statement_said_after_it(extractor):
    report = _report(extractor, "نفت الدفاعات الجوية تعرض المنطقة لأي هجوم، وقالت إن ما رصد "
                                "كان تجربة لمنظومات الدفاع.")
    assert [e["negated"] for e in _events(report, "exercise")] == [False]


def test_footage_of_a_strike_told_as_fact_is_no_refutation(extractor):
    report = _report(extractor, "Israeli jets struck a depot in Masyaf. The video showed a "
                                "huge fireball over the old town.")
    assert [e["type"] for e in _counted(report)] == ["strike"]


def test_a_toll_that_reached_a_number_is_no_arrival(extractor):
    assert not _counted(_report(extractor, "وصل عدد قتلى قوات النظام إلى 20 عنصرا."))


@pytest.mark.parametrize("text", [
    "سلمت الميليشيات عدداً من الأسرى إلى الصليب الأحمر.",  # prisoners, not positions
    "Residents vacated their homes in the town.",  # no armed party
    "Smugglers crossed the border near al-Qaim.",
    "The company pulled its staff out of Iraq.",
    "The company increased its presence in Erbil.",
    "Talks advanced toward a deal in Doha.",
    "نقلت الميليشيات جنودها الجرحى إلى المستشفى.",
    "سحب الأهالي أبناءهم من المدارس.",
    "The Houthis entered into talks with Saudi Arabia.",
    "The siege of El Fasher by the RSF entered its third week.",
    "The conflict is entering its third year.",
    # what spreads that is no force
    "يشكو الأهالي في بلدة الباغوز من انتشار مخلفات الحرب التي تقتل الرعاة.",
    "يشكو أهالي الميادين من انتشار السلاح المنفلت بين أيدي عناصر الميليشيات.",
])
def test_prisoners_handed_over_or_people_on_the_move_are_no_troop_movement(extractor, text):
    assert not [e for e in _counted(_report(extractor, text)) if e["type"] == "troop_movement"]


@pytest.mark.parametrize(("text", "types"), [
    ("An Israeli force of six military vehicles entered the village of Jubata al-Khashab on "
     "Monday night, searched several houses and detained two young men before pulling back "
     "toward the ceasefire line.", ["other"]),
    ("توغلت قوة إسرائيلية في قرية جباتا الخشب، وفتشت عدة منازل واعتقلت شابين قبل أن تنسحب "
     "باتجاه خط وقف إطلاق النار.", ["other"]),
    # forces flown in for a search operation: a movement, and the operation
    ("نقلت طائرات طيران الجيش العراقي قوة من الفرقة الخامسة عشرة إلى عمق صحراء قضاء البعاج "
     "ضمن عملية إنزال جوي لتفتيش الوديان.", ["troop_movement", "other"]),
])
def test_forces_that_entered_a_place_to_raid_it_are_the_raid(extractor, text, types):
    assert _types_counted(extractor, text) == types


@pytest.mark.parametrize(("text", "places"), [
    # a region named to say where the place lies
    ("A drone strike hit a crowded livestock market in the North Darfur town of Kabkabiya "
     "on Sunday.", ["Kabkabiya"]),
    ("تعرضت مدينة الدمازين، عاصمة إقليم النيل الأزرق، فجر الجمعة، لهجوم بطائرة مسيّرة.",
     ["الدمازين"]),
    ("The RSF have massed hundreds of fighters around Um Sumeima, west of El Obeid, in what "
     "they described as preparation for an assault on the North Kordofan capital.",
     ["Um Sumeima"]),
    # a state says where only when no place inside it is named
    ("وفي شمال كردفان، دارت اشتباكات عنيفة بين الجيش وقوات الدعم السريع في منطقة كازقيل "
     "جنوب مدينة الأبيض.", ["كازقيل"]),
    ("وفي جنوب كردفان، شن الطيران الحربي غارات على تجمعات للدعم السريع في محيط مدينة "
     "الدلنج.", ["مدينة الدلنج"]),
    ("Drones struck RSF positions in South Kordofan on Monday.", ["South Kordofan"]),
    # a quarter the report names twice, in the headline and in the body, is one place
    ("تعز: قناص حوثي يقتل امرأة في حي الروضة.. وقصف بالهاون على حي ثعبات شرقي المدينة\n\n"
     "وفي وقت لاحق، قصفت الميليشيا بقذائف الهاون حي ثعبات شرقي مدينة تعز.", ["ثعبات"]),
])
def test_where_an_event_in_a_region_was(extractor, text, places):
    assert _counted_places(_report(extractor, text)) == places


def test_a_withdrawal_is_not_placed_where_the_forces_headed(extractor):
    """"evacuated their bases in the city and headed west toward Darfur": the city, told
    before, is where; here that denied withdrawal from al-Fula."""
    report = _report(extractor, "The RSF on Monday denied that its troops had pulled out of "
                     "al-Fula, the capital of West Kordofan state.\nPro-army accounts had "
                     "claimed on Sunday that RSF fighters evacuated their bases in the city and "
                     "headed west toward Darfur.")
    moves = _events(report, "troop_movement")
    assert len(moves) == 1 and moves[0]["negated"]
    assert _entity(report, moves[0]["location"])["text"] == "al-Fula"


@pytest.mark.parametrize(("text", "places"), [
    ("انسحبت قوات النظام من مواقعها في الميادين واتجهت نحو البادية.", ["الميادين"]),
    ("انسحبت القوات من مواقعها واتجهت نحو البادية.", [None]),
    ("Regime forces withdrew from their positions and headed toward the Badia.", [None]),
])
def test_a_withdrawal_is_where_the_forces_left_not_where_they_headed(extractor, text, places):
    report = _report(extractor, text)
    assert [e["location"] and _entity(report, e["location"])["text"]
            for e in _counted(report)] == places


def test_a_blast_explained_by_the_governorates_security_is_no_strike(extractor):
    report = _report(extractor, "هزّ انفجار عنيف، مساء الأحد، حي فوه بمدينة المكلا، ما أثار "
                     "حالة من الذعر بين السكان الذين اعتقد بعضهم أنه ناجم عن هجوم بطائرة مسيّرة."
                     "\nوأوضح مصدر في إدارة أمن ساحل حضرموت أن الانفجار نتج عن احتراق مولد "
                     "كهربائي تجاري وانفجار خزان الوقود الملحق به.")
    assert not _counted(report)


@pytest.mark.parametrize(("text", "places"), [
    ("Soldiers deployed near al-Qasr on Tuesday.", ["al-Qasr"]),
    ("It added that units had set up four new checkpoints near al-Qasr on Tuesday.",
     ["al-Qasr"]),
    ("The army said troops have also been deployed around Hawija.", ["Hawija"]),
    ("نشرت القوات حواجز جديدة قرب القصر.", ["القصر"]),
    # a movement of others, seen
    ("وذكر البيان أن القوة رصدت تحركاً مشبوهاً لعناصر الخلية قرب القصر.", []),
])
def test_forces_named_by_what_they_are_move(extractor, text, places):
    """Troops, units, soldiers: who moved when no actor is named."""
    report = _report(extractor, text)
    assert [_entity(report, e["location"])["text"] for e in _counted(report)
            if e["type"] == "troop_movement"] == places


@pytest.mark.parametrize(("text", "types"), [
    # a strike on a place where forces train is a strike, not a drill explaining it
    ("استهدفت غارة إسرائيلية معسكرا لتدريب عناصر حزب الله في البقاع.", ["strike"]),
    ("استهدفت مسيرة تركية موقع تدريب لقسد قرب القامشلي.", ["strike"]),
    ("Israeli jets struck a Hezbollah training ground in the Bekaa valley.", ["strike"]),
    # what civilians rehearse
    ("Schools in the city held evacuation drills on Monday in case of rocket fire.", []),
    ("نفذ الدفاع المدني تمرين إخلاء في مبنى المحافظة.", []),
    # kinds of ship and plane
    ("The amphibious assault ship USS Iwo Jima, with US Marines aboard, is operating in the "
     "Gulf of Aden, CENTCOM said.", []),
    ("Crowds watched newly acquired training aircraft fly over the corniche in Benghazi.", []),
    # a workers' strike; a road accident
    ("A general strike on Monday shut shops across Beirut.", []),
    ("A truck crashed into a wall in Erbil.", []),
    # what is taken apart that is no bomb; a vehicle of a kind
    ("انسحبت القوات الإسرائيلية من نقطة عسكرية قرب سد المنطرة، وفككت منها الكرفانات "
     "والسواتر الترابية.", ["troop_movement"]),
    ("The two sides defused tensions after talks in Qamishli.", []),
    ("وشوهدت شاحنات نقل الدبابات على طريق أثريا – خناصر حتى ساعات الظهر.", []),
    # ... and the bombs taken apart
    ("Engineering teams found and defused an explosive device planted in a motorcycle in "
     "Manbij.", ["other"]),
    ("عثرت القوات الأمنية على منصة الإطلاق في منطقة زراعية بقضاء أبو غريب، وقامت بتفكيكها.",
     ["other"]),
])
def test_training_and_strike_words_in_their_other_senses(extractor, text, types):
    assert _types_counted(extractor, text) == types


@pytest.mark.parametrize("text", [
    # what was heard, said to be the sound of a drill
    ("ادعت منصات إعلامية إيرانية أن قاعدة التنف تعرضت لهجوم صاروخي، إلا أن مصدرا في التحالف "
     "أوضح أن ما سمع هو صوت رمايات تدريبية بالذخيرة الحية."),
    ("Iranian media claimed an attack on the al-Tanf base, but a coalition source said what "
     "was heard was the sound of live-fire training."),
])
def test_a_claimed_attack_the_report_explains_as_a_drill_is_the_drill(extractor, text):
    assert _types_counted(extractor, text) == ["exercise"]


@pytest.mark.parametrize("text", [
    # a drill held as planned is no plan
    ("Loud explosions were heard near the Conoco base on Monday. A coalition spokesman later "
     "said they came from a planned training exercise."),
    # what a source explained the blasts were
    ("سمع دوي انفجارات قوية في محيط قاعدة الشدادي مساء اليوم، وأوضحت مصادر محلية أن قوات "
     "التحالف تجري تدريبات عسكرية بالذخيرة الحية في المنطقة."),
    # weapons tried out, named by the general word
    ("Witnesses reported hearing blasts near the Conoco gas field. An SDF official said the "
     "sounds were from coalition forces testing weapons at the field."),
    ("سمع دوي انفجارات في محيط حقل كونيكو، وأوضح مصدر في قسد أن الأصوات ناجمة عن تجربة أسلحة "
     "تجريها قوات التحالف في الحقل."),
])
def test_blasts_explained_as_a_drill_are_the_drill(extractor, text):
    report = _report(extractor, text)
    assert [(e["type"], e["subtype"]) for e in _counted(report)] == [
        ("exercise", "explained_explosion")]


@pytest.mark.parametrize("text", [
    "Residents of Tal Tamr said they heard loud blasts on Monday evening. A coalition "
    "spokesman said the blasts came from a live-fire exercise near Tal Baydar.",
    "سمع أهالي بلدة تل تمر دوي انفجارات مساء اليوم. وأوضحت مصادر أن الانفجارات ناجمة عن "
    "تدريبات بالذخيرة الحية تجريها قوات التحالف في بلدة تل بيدر.",
])
def test_a_drill_is_where_it_was_held_not_where_it_was_heard(extractor, text):
    report = _report(extractor, text)
    assert [(e["type"], _entity(report, e["location"])["ref"]) for e in _counted(report)] == [
        ("exercise", "site:qasrak_base")]


def test_blasts_heard_in_a_town_near_a_drill_are_the_drill(extractor):
    text = ("Units of the Counter-Terrorism Service carried out a night-time exercise in the "
            "Habbaniyah area east of Ramadi on Sunday. Residents of nearby Khalidiya said they "
            "heard several blasts during the night. The service said the exercise was part of "
            "its annual training plan.")
    assert _types_counted(extractor, text) == ["exercise"]


def test_a_drill_is_one_event_whatever_it_fired(extractor):
    text = ("A group claimed to have attacked the Harir air base with drones, but officials "
            "said the explosions heard in the area were part of a live-fire exercise. What "
            "residents heard were artillery and mortar rounds fired during the joint drill in "
            "the Kurdistan region, a spokesman said.")
    report = _report(extractor, text)
    assert [e["type"] for e in _counted(report)] == ["exercise"]


@pytest.mark.parametrize(("text", "trigger"), [
    # a habit, told by "from time to time"
    ("وتتعرض مأرب بين حين وآخر لهجمات بالصواريخ والطائرات المسيّرة.", "هجمات"),
    # getting ready to send, weighing a transfer: plans
    ("قال مصدر عسكري إن القوات الحكومية تستعد لإرسال تعزيزات إضافية إلى جبهة صرواح غرب "
     "مأرب.", "تعزيزات"),
    ("The army is considering sending reinforcements to Sirwah, west of Marib.",
     "reinforcements"),
    # what people take the sounds for
    ("\"People hear mortars and think it is an attack. It was training,\" a Peshmerga officer "
     "at the Harir base said.", "attack"),
    # clouds of smoke, spelt like "withdrew"
    ("أطلقت طائرة مسيرة صاروخين على سيارة في كفررمان، فيما تصاعدت سحب الدخان الأسود من "
     "المكان.", "سحب"),
    # disengagement, and a training programme
    ("وصلت أرتال عسكرية تابعة لوزارة الدفاع السورية إلى محيط بلدة المزرعة بريف السويداء، في "
     "إطار مساعي \"فض الاشتباك\" بين المجموعات المحلية.", "اشتباك"),
    ("وقالت الوزارة إن الوحدات المتمركزة في طرابلس بدأت برنامج التدريب السنوي.", "تدريب"),
    # what a party calls for
    ("واتهمت قسد مجموعات منفلتة في دير الزور بإطلاق القذائف، داعية الحكومة السورية إلى "
     "ضبطها.", "ضبطها"),
])
def test_habits_plans_mistaken_sounds_and_other_senses_are_no_events(extractor, text, trigger):
    assert trigger not in [e["trigger"]["text"] for e in _counted(_report(extractor, text))]


def test_an_assault_on_a_base_fought_off_is_one_clash_however_it_is_told(extractor):
    text = ("Somali troops repel al-Shabaab assault on Mahaday base\n\n"
            "MOGADISHU - Somali National Army troops fought off an attack by al-Shabaab "
            "militants on their base in Mahaday, in Middle Shabelle region, early on Monday.\n\n"
            "The militants approached the base before dawn and opened fire with machine guns and "
            "rocket-propelled grenades, a commander said. Soldiers returned fire and forced the "
            "attackers to retreat.\n\nAl-Shabaab claimed it had killed dozens of soldiers in "
            "the raid on Mahaday.\n\nSeparately, U.S. Africa Command said it had conducted an "
            "airstrike against al-Shabaab fighters about 30 km northeast of Jilib.")
    assert sorted(_counted_types(_report(extractor, text))) == [
        ("clash", "Mahaday"), ("strike", "northeast of Jilib")]


def test_this_drill_names_again_the_drill_told_before(extractor):
    text = ("نفذت ألوية العمالقة مناورة عسكرية بالذخيرة الحية في قاعدة العند الجوية بمحافظة "
            "لحج.\n\nوأوضح المصدر أن هذه المناورة هي الأولى من نوعها هذا العام في عدن.")
    assert _counted_types(_report(extractor, text)) == [("exercise", "قاعدة العند الجوية")]


def test_the_drill_that_is_to_follow_is_not_held_yet(extractor):
    text = ("أجرت قوات العمالقة مناورة بالذخيرة الحية في قاعدة العند، على أن تتبعها مناورة "
            "بحرية قبالة سواحل عدن.")
    assert [e["counts"] for e in _report(extractor, text)["events"]] == [True, False]


def test_a_dateline_of_two_places_is_where_the_report_was_written(extractor):
    text = ("AL-QAIM, Iraq / DEIR AL-ZOUR, Syria (Agencies) - A drone struck a pickup truck on "
            "the outskirts of the Iraqi border town of al-Qaim on Monday morning, killing three "
            "men, Iraqi security officials said.")
    assert _counted_types(_report(extractor, text)) == [("strike", "al-Qaim")]


def test_a_rumour_the_party_calls_baseless_is_denied(extractor):
    text = ("وقال المركز الإعلامي لقسد في بيان إن \"ما يروَّج عن انسحاب قواتنا من دير حافر "
            "عارٍ عن الصحة\".")
    assert _counted(_report(extractor, text)) == []


def test_a_football_report_bombarded_with_long_balls_is_no_strike(extractor):
    text = ("Erbil SC beat Duhok 2-1 in the derby at the Franso Hariri stadium, where a late "
            "goal by a substitute sealed it in stoppage time before 25,000 fans. The coach of "
            "Duhok complained of \"a bombardment of long balls\" that his defence could not "
            "handle.")
    assert _counted(_report(extractor, text)) == []


@pytest.mark.parametrize(("text", "where"), [
    ("سمع سكان دوي انفجارات قادمة من قاعدة الوطية الجوية. وأوضح مصدرا عسكريا في رئاسة "
     "الأركان العامة بطرابلس أن الأصوات ناجمة عن مناورات عسكرية بالذخيرة الحية.", "الوطية"),
    ("Residents heard blasts from the al-Watiya air base. A military source at the general "
     "staff in Tripoli said the sounds came from a live-fire exercise.", "Watiya"),
])
def test_the_place_of_the_office_a_source_speaks_from_is_not_where_the_event_was(
        extractor, text, where):
    report = _report(extractor, text)
    assert [(e["type"], where in _entity(report, e["location"])["text"])
            for e in _counted(report)] == [("exercise", True)]


def test_the_syrian_defence_ministry_that_sends_reinforcements_is_their_actor(extractor):
    text = ("الجيش السوري يدفع بتعزيزات إلى بادية السخنة\n\nدفعت وزارة الدفاع السورية، خلال "
            "الساعات الماضية، بتعزيزات عسكرية جديدة إلى منطقة السخنة في البادية الشرقية "
            "لمحافظة حمص، في إطار عمليات ملاحقة خلايا تنظيم الدولة الإسلامية.")
    assert _counted_types(_report(extractor, text)) == [("troop_movement", "السخنة")]


@pytest.mark.parametrize(("text", "office"), [
    ("Gunmen attacked a checkpoint on Monday night, the Diyala police chief said.", "Diyala"),
    ("وقال قائد عمليات الأنبار إن مسلحين هاجموا نقطة للجيش فجر اليوم.", "الأنبار"),
    ("Militants attacked an army post overnight, the governor of Kirkuk told reporters.",
     "Kirkuk"),
    ("The defence ministry in Damascus stationed additional units and several tanks in Deir "
     "Hafer on Monday.",
     "Damascus"),
])
def test_a_place_in_an_office_is_not_where_it_happened(extractor, text, office):
    report = _report(extractor, text)
    entities = {e["id"]: e for e in report["entities"]}
    assert report["events"] and all(
        entities.get(e["location"], {}).get("text") != office for e in report["events"])


@pytest.mark.parametrize(("text", "described"), [
    ("A convoy of armed vehicles belonging to Misrata-based brigades entered Tajoura on "
     "Friday.", "Misrata"),
    ("Fighters of a Zintan-backed militia shelled the airport on Sunday.", "Zintan"),
])
def test_a_place_joined_to_an_actors_description_is_not_where_it_happened(
        extractor, text, described):
    report = _report(extractor, text)
    entities = {e["id"]: e for e in report["entities"]}
    assert report["events"] and all(
        entities.get(e[role], {}).get("text") != described
        for e in report["events"] for role in ("location", "target"))


@pytest.mark.parametrize(("text", "event_type", "actor"), [
    # people shot by gunmen or a sniper
    ("أصيبت امرأة برصاص قناص حوثي، صباح اليوم، في حي الجحملية شرقي مدينة تعز.", "other", None),
    ("A local official was shot dead by gunmen on a motorbike in the town of Tafas.", "other",
     None),
    # a grenade thrown; a kidnapping told in the present; a launcher found
    ("أصيب طفلان بإلقاء قنبلة يدوية على منزل من قبل مجهولين في بلدة معدان شرقي الرقة.", "strike",
     None),
    ("#ديالى | مسلحون مجهولون يختطفون راعي أغنام في أطراف قضاء بلدروز.", "other", None),
    ("Security forces found the launcher in the Abu Ghraib area west of Baghdad.", "other", None),
    # an attack fought off is a clash; a shipment seized is no movement
    ("Government forces said they repelled a Houthi attack on their positions near the town "
     "of Hays.", "clash", None),
    ("صدت قوات الجيش هجوما لمسلحين على نقطة عسكرية قرب بلدة الصالحية.", "clash", None),
    ("The army said its 22nd Infantry Division repelled a large RSF assault on Babanusa.",
     "clash", "RSF"),
    # ... so is an advance fought off, but drones fought off were shot down
    ("وأضافت أن مقاتلي قسد تصدوا لمحاولة تقدم لفصائل حكومية باتجاه قرية حميمة قرب مسكنة.",
     "clash", None),
    ("أعلنت الفرقة أن المضادات الأرضية تصدت لثلاث مسيّرات حاولت استهداف محطة كهرباء سنار.",
     "strike", None),
    ("The brigade said it had seized a shipment of weapons being smuggled in two trucks near "
     "Ubari.", "other", None),
    # two armed groups, with medium and heavy weapons
    ("شهدت منطقة جنزور غربي العاصمة طرابلس، ليل الثلاثاء، اشتباكات بالأسلحة المتوسطة والثقيلة "
     "بين مجموعتين مسلحتين.", "clash", "مجموعتين مسلحتين"),
    # "عناصر من الأمن العام": Syria's General Security, armed, after "members of"
    ("اندلعت اشتباكات بالأسلحة الرشاشة بين مجموعة محلية مسلحة وعناصر من الأمن العام على "
     "أطراف مدينة شهبا.", "clash", "الأمن العام"),
])
def test_shootings_and_clashes_as_bulletins_tell_them(extractor, text, event_type, actor):
    report = _report(extractor, text)
    assert [e["type"] for e in _counted(report)] == [event_type]
    if actor:
        assert actor in [e["text"] for e in report["entities"] if e["type"] == "actor"]


@pytest.mark.parametrize(("text", "actor"), [
    # English names who acted before the verb; after it, whose target, or in the passive
    ("Israel's military said it had hit Hezbollah weapons depots near Brital.",
     "actor:israeli_forces"),
    ("A depot near Brital was hit by Israeli warplanes, Hezbollah said.",
     "actor:israeli_air_force"),
    # an actor whose words the trigger shares
    ("Saudi-led coalition warplanes struck Houthi positions in Saada province.",
     "actor:saudi_led_coalition"),
    # Arabic names it after the verb, or after the noun with "لـ", whoever was named before
    ("قصفت القوات التركية مواقع لقسد قرب بلدة عين عيسى", "actor:turkish_forces"),
    ("قتل عنصران من قوات الأمن العام بهجوم لمسلحين مجهولين على حاجز في ريف درعا الغربي.",
     "actor:unknown_gunmen"),
])
def test_who_struck_is_read_as_each_language_orders_it(extractor, text, actor):
    report = _report(extractor, text)
    entities = {e["id"]: e for e in report["entities"]}
    assert entities[report["events"][-1]["actor"]]["ref"] == actor


def test_what_an_english_verb_hit_is_not_who_acted(extractor):
    report = _report(extractor, "Iraqi Kurdish officials said a drone struck a vehicle near "
                                "Sulaimaniyah airport, in a region where Ankara has targeted "
                                "PKK members.")
    assert [e["actor"] for e in _events(report, "strike")] == [None]


@pytest.mark.parametrize(("text", "event_type"), [
    # a denial of a role leaves the strike
    ("The militia said it was not responsible for the drone attack on the base near Erbil.",
     "strike"),
    ("Kataib Hezbollah said it had nothing to do with the rocket attack on Balad air base.",
     "strike"),
    ("قالت الفصائل إنها غير مسؤولة عن القصف الذي استهدف قاعدة عين الأسد", "strike"),
    # forces pushing into a village move
    ("وتوغلت قوات الاحتلال الإسرائيلي في بلدة الرفيد بريف القنيطرة الجنوبي.", "troop_movement"),
    ("Israeli troops advanced into the village of Jubata al-Khashab in Quneitra on Tuesday.",
     "troop_movement"),
    # an analysis piece's dated strike is news
    ("ANALYSIS-Why drone strikes keep coming\n\nOn Monday a drone struck a car near Sinjar.",
     "strike"),
    # a negation in a clause of its own leaves the strike
    ("No militia fighters were killed when drones struck the base near al-Mayadin.", "strike"),
    ("No casualties were reported after militias shelled the town of Hajin.", "strike"),
    # forces named in the verb phrase move
    ("The Interior Ministry said it had deployed forces to Zawiya to separate the two sides.",
     "troop_movement"),
    ("The Lebanese army later sent additional troops to the Hermel border area.",
     "troop_movement"),
    ("وقالت وزارة الداخلية إنها أرسلت قوات إلى مدينة الزاوية للفصل بين الطرفين.",
     "troop_movement"),
    ("The army sent additional units to the town of Sinuni in the afternoon.",
     "troop_movement"),
    ("ودفعت الفرقة الرابعة بمزيد من العناصر إلى بلدة الصنمين شمال درعا.", "troop_movement"),
    # a position built, its object maybe after the subject
    ("Israeli troops were building a new military outpost near the village of Hamidiyah.",
     "troop_movement"),
    ("Israeli tanks rolled into the eastern neighbourhoods of Deir al-Balah overnight.",
     "troop_movement"),
    # trucks carrying weapons moved them; a country's commandos are its forces
    ("Dozens of trucks carrying weapons crossed into Syria from Iraq via the al-Qaim "
     "crossing.", "troop_movement"),
    ("دخلت عشرات الشاحنات المحملة بالأسلحة إلى سوريا عبر معبر القائم.", "troop_movement"),
    ("Turkish commandos were deployed in Jabal al-Zawiya on Sunday.", "troop_movement"),
    # forces advancing on a town, or widening a ground operation into it
    ("RSF fighters advanced on El Fasher from the east on Saturday.", "troop_movement"),
    ("تقدمت قوات الدعم السريع نحو مدينة الفاشر من الجهة الشرقية.", "troop_movement"),
    ("Israeli forces expanded their ground operation into eastern Rafah.", "troop_movement"),
    # forces that take down their own post leave it
    ("فككت القوات التركية نقطتها العسكرية في بلدة مورك بريف حماة الشمالي.", "troop_movement"),
    ("Turkish forces dismantled their observation post in Morek on Sunday.", "troop_movement"),
    # border guards are forces
    ("أعلنت قيادة قوات الحدود العراقية نشر فوج إضافي على الشريط الحدودي مع سوريا ضمن قاطع "
     "قضاء سنجار.", "troop_movement"),
    ("وصلت قوات كوماندوز تركية إلى جبل الزاوية.", "troop_movement"),
    ("أنشأت قوات سوريا الديمقراطية، خلال اليومين الماضيين، نقاط مراقبة وتحصينات جديدة قبالة "
     "بلدة العشارة.", "troop_movement"),
    ("أقامت الشرطة العسكرية الروسية نقطة جديدة على الطريق الدولي قرب بلدة تل تمر.",
     "troop_movement"),
    ("رفعت قسد ساترا ترابيا على أطراف بلدة العشارة.", "troop_movement"),
    # who has no information on it, or will not confirm it, does not deny it
    ("Unidentified aircraft reportedly struck trucks near Albu Kamal on Monday. A coalition "
     "spokesman said he had no information on the strike.", "strike"),
    ("Local media reported that drones struck a depot near al-Kiswah. A military spokesman "
     "neither confirmed nor denied the strike.", "strike"),
    ("Russian warplanes bombed a market in Idlib.", "strike"),
    # strikes told by what they did, no one named
    ("Israeli strikes hit Beirut.", "strike"),
    ("Overnight strikes killed 12 people in Khan Younis, the civil defence said.", "strike"),
    # what the speaker explains after the denial is no longer denied
    ("نفت قيادة قوات سوريا الديمقراطية تعرض حقل العمر لأي هجوم، موضحة أن الأصوات ناجمة عن "
     "مناورات عسكرية للتحالف.", "exercise"),
])
def test_one_event_that_happened(extractor, text, event_type):
    report = _report(extractor, text)
    assert [e["type"] for e in _counted(report)] == [event_type]


@pytest.mark.parametrize(("text", "movements"), [
    # the convoy the strike hit is its target; the militias' move is a movement
    ("ارتفع عدد القتلى جراء الاستهداف الجوي الذي طال رتل الشاحنات عند معبر السكك قرب "
     "البوكمال. وفي سياق متصل، نقلت الميليشيات عناصرها إلى مزارع في محيط المدينة.", 1),
    # the convoy told again, moving: a movement too
    ("Unidentified aircraft struck a convoy of trucks near Albu Kamal on Sunday. The convoy, "
     "carrying weapons, had crossed into Syria from Iraq on Saturday.", 1),
    # a convoy blown up
    ("A group claimed on Telegram that it had blown up a convoy carrying equipment for the "
     "U.S.-led coalition on the highway near Diwaniyah.", 0),
])
def test_a_convoy_struck_is_a_movement_only_when_told_moving(extractor, text, movements):
    assert _types_counted(extractor, text).count("troop_movement") == movements


@pytest.mark.parametrize("text", [
    "استهدفت طائرة مسيّرة مجهولة سيارة مدنية عند مدخل بلدة تل حميس بريف القامشلي. وقال مراسل "
    "عنب بلدي في الحسكة إن المسيّرة أطلقت صاروخاً واحداً على السيارة.",
    "A drone struck a car near Tal Hamis on Tuesday. A Rudaw reporter in Hasaka said the drone "
    "fired one missile at the car.",
    # a monitor named after its country
    "A drone strike hit a crowded livestock market in the North Darfur town of Kabkabiya on "
    "Sunday. The Sudan Doctors Network said the drone fired at least two missiles into the "
    "market.",
])
def test_where_a_correspondent_reports_from_is_no_place_of_the_event(extractor, text):
    assert _types_counted(extractor, text) == ["strike"]


@pytest.mark.parametrize(("text", "place"), [
    ("A Russian navy landing ship docked at the port of Tobruk on Monday and unloaded military "
     "trucks and containers, local media said.", "Tobruk"),
    ("رست سفينة تابعة للبحرية الروسية في ميناء طبرق وأفرغت حمولتها من الشاحنات العسكرية.",
     "طبرق"),
])
def test_a_warship_that_docks_and_unloads_delivers_forces(extractor, text, place):
    report = _report(extractor, text)
    assert _counted_types(report) == [
        ("troop_movement", place)]


@pytest.mark.parametrize("text", [
    "The RSF have massed hundreds of fighters around the town of al-Khuwei in West Kordofan in "
    "preparation for an assault on El Obeid.",
    "حشدت قوات الدعم السريع مئات المقاتلين في بلدة الخوي تمهيدا لهجوم على مدينة الأبيض.",
])
def test_forces_massed_are_where_they_massed_not_where_they_will_attack(extractor, text):
    report = _report(extractor, text)
    assert _counted_places(report) == [
        "al-Khuwei" if text.isascii() else "الخوي"]


@pytest.mark.parametrize(("text", "movements"), [
    # the convoy that carried out the withdrawal, with its size and vehicles
    ("U.S. troops pulled out of their base at the al-Omar oil field on Sunday, residents "
     "said. A convoy of about 40 trucks and armoured vehicles left the field and headed east "
     "toward the Iraqi border.", 1),
    # another movement, told as another
    ("أفادت مصادر بانسحاب مجموعات من الحرس الثوري من مواقعها في بلدة الحاضر بريف حلب "
     "الجنوبي. كما نقلت الميليشيات الموالية لإيران صواريخ ومعدات من مستودعات قرب مطار "
     "النيرب إلى مدينة السفيرة.", 2),
    # "the third such convoy": the one told, counted among others
    ("Turkish forces sent a new convoy into Idlib on Saturday through the Kafr Lusin "
     "crossing, a monitor said. The convoy, made up of 30 vehicles, headed to Turkish posts "
     "near Jabal al-Zawiya. It was the third such convoy this week.", 1),
])
def test_a_movement_told_again_with_its_vehicles_is_one_event(extractor, text, movements):
    assert _types_counted(extractor, text).count("troop_movement") == movements


@pytest.mark.parametrize(("text", "where"), [
    # where they came from is not where they went, told in one clause
    ("Somali troops moved from Afgoye on Sunday and set up two new forward bases near "
     "Jowhar, officials said.", "Jowhar"),
    # a convoy seen leaving where the forces set out from is how they went
    ("Two sources said army units and VDP volunteers were redeployed from Dori to Djibo on "
     "Friday. A convoy escorting them was seen leaving Dori in the early morning.", "Djibo"),
    # a withdrawal is where they pulled out of, not where they went
    ("Malian troops pulled out of their camp in Tessit, in the Gao region near the border "
     "with Niger, on Tuesday, and moved to Gao, officials said.", "Tessit"),
    # where the convoy arrived, not where it was heading when seen
    ("رصد شهود عيان رتلاً من نحو 60 عربة قتالية تابعة لقوات الدعم السريع يغادر نيالا "
     "متجهاً شرقاً نحو الضعين. وقال الشهود لاحقاً إن الرتل وصل مساءً إلى بلدة ياسين.", "ياسين"),
    ("Witnesses saw a convoy of some 60 RSF combat vehicles leaving Nyala and heading east "
     "toward Ed Daein. They said later that the convoy reached the town of Yassin in the "
     "evening.", "Yassin"),
    # the crossing is the way they took, not where they went
    ("دخل رتل عسكري تركي مؤلف من نحو 25 آلية عبر معبر كفرلوسين الحدودي، واتجه إلى القاعدة "
     "التركية في بلدة المسطومة جنوب مدينة إدلب.", "المسطومة"),
    # forces told arriving after their subject
    ("Russian armoured vehicles arrived in Qamishli on Monday.", "Qamishli"),
    ("Reinforcements of the Congolese army have arrived in Goma, a military source said.",
     "Goma"),
    # where they went on to and stayed, after a place they entered or passed
    ("دخل رتل عسكري قادم من مدينة مصراتة إلى العاصمة طرابلس عبر الطريق الساحلي، وتمركز في "
     "منطقة تاجوراء شرقي العاصمة.", "تاجوراء"),
    ("A coalition convoy crossed into northeast Syria through the al-Waleed crossing on "
     "Wednesday and headed to the Qasrak base in the Hasakah countryside.", "Qasrak base"),
    # where they went, not where the units were
    ("نقلت هيئة الحشد الشعبي، خلال اليومين الماضيين، لواءين من ألويتها المنتشرة في قضاء "
     "سامراء بمحافظة صلاح الدين إلى قضاء القائم غربي الأنبار.", "قضاء القائم"),
    # ... but a convoy only heading somewhere is seen where it left, and launchers set up
    # along a stretch where it begins
    ("أكد شهود عيان مشاهدة رتل عسكري من نحو 20 آلية يغادر سيئون باتجاه مدينة المكلا.",
     "سيئون"),
    ("نصبت الميليشيات منصات إطلاق صواريخ على ضفة نهر الفرات في منطقة الميادين وصولا إلى "
     "البوكمال.", "الميادين"),
    # a river named after a country is not the country
    ("The army set up a new forward outpost at Sinder, a village on the Niger river between "
     "Tillaberi and Ayorou.", "Sinder"),
])
def test_a_movement_is_where_the_forces_went_or_left(extractor, text, where):
    assert _counted_types(_report(extractor, text)) == [("troop_movement", where)]


def test_a_headline_telling_a_withdrawal_and_an_ambush_tells_both(extractor):
    text = ("Mali: army and Africa Corps pull out of Tessit camp, JNIM claims ambush\n\n"
            "BAMAKO, Oct 7 — Malian troops pulled out of their camp in Tessit on Tuesday.")
    told = {e["trigger"]["text"]: e["type"] for e in _report(extractor, text)["events"]}
    assert (told["pull out"], told["ambush"]) == ("troop_movement", "clash")


def test_a_column_of_vehicles_is_a_convoy_and_the_place_it_left_is_not_where_it_went(extractor):
    text = ("Turkish-backed factions sent a column of around 30 vehicles toward the Tishreen "
            "Dam on Tuesday. The column, made up of armoured vehicles, left Manbij in the "
            "morning and took up positions in villages west of the dam, a correspondent saw.")
    assert _counted_types(_report(extractor, text)) == [("troop_movement", "Tishreen Dam")]
    # (not a column of smoke)
    assert _types_counted(extractor, "Smoke rose in a column over the port of Aden.") == []


def test_the_district_a_village_belongs_to_is_not_where_an_event_was(extractor):
    text = ("أفاد مصدر أمني بأن مسلحين هاجموا نقطة للجيش في قرية المخيسة التابعة لناحية "
            "العظيم في محافظة ديالى، مبيناً أن القوة الماسكة للنقطة اشتبكت معهم لنحو نصف ساعة.")
    assert _counted_types(_report(extractor, text)) == [("clash", "المخيسة")]


def test_the_district_an_area_lies_in_is_not_where_its_event_was(extractor):
    text = ("أعلنت قوات المقاومة الوطنية أن مسلحي جماعة الحوثي انسحبوا من ثلاثة مواقع في منطقة "
            "الجبلية بمديرية التحيتا جنوبي محافظة الحديدة، بعد مواجهات استمرت يومين.")
    assert _counted_places(_report(extractor, text)) == ["الجبلية"]


def test_the_column_names_again_the_convoy_told_before_and_tells_where_it_arrived(extractor):
    text = ("A column of around 40 Iraqi army vehicles left Ramadi late on Thursday and headed "
            "west along the international highway.\n\nThe column reached al-Qaim shortly after "
            "dawn, the same source said.")
    assert _counted_types(_report(extractor, text)) == [("troop_movement", "al-Qaim")]
    # with no convoy told before, "the column" is no movement of its own
    assert _types_counted(extractor, "The column reached al-Qaim shortly after dawn.") == []


def test_a_checkpoint_on_the_road_from_a_village_is_not_at_that_village(extractor):
    text = ("Lebanese army units rolled into the border village of Odaisseh on Saturday "
            "afternoon, the army said in a statement.\nThe army said its engineering units began "
            "clearing roads and checking houses for unexploded ordnance, and that soldiers set up "
            "a checkpoint at the village entrance on the road from Kfar Kila.")
    report = _report(extractor, text)
    assert _counted_places(report) == ["Odaisseh"]


@pytest.mark.parametrize("text", [
    "وقال المراسل إن رتلاً يضم عشرات الآليات خرج من دير حافر عبر طريق حلب – الرقة، وتسلمت "
    "وحدات من الجيش السوري المواقع التي أخلتها قسد.",
    "The convoy left Deir Hafer on the Aleppo-Raqqa highway, and the army took over the "
    "positions the SDF had evacuated.",
])
def test_the_far_end_of_a_road_is_no_place_of_an_event(extractor, text):
    report = _report(extractor, text)
    entities = {e["id"]: e for e in report["entities"]}
    places = {entities[e["location"]]["canonical"] for e in report["events"] if e["location"]}
    assert places and "Ar Raqqah" not in places


@pytest.mark.parametrize("text", [
    "وقال المراسل إن رتلاً يضم عشرات الآليات لقسد خرج من دير حافر عبر طريق حلب – الرقة.",
    "A convoy of SDF vehicles left Deir Hafer via the Aleppo–Raqqa road.",
])
def test_a_road_taken_is_no_place_the_convoy_went(extractor, text):
    report = _report(extractor, text)
    assert {_entity(report, e["location"])["canonical"] for e in _counted(report)} == {
        "Dayr Ḩāfir"}


def test_an_attack_named_again_in_a_sentence_about_a_clash_began_it(extractor):
    text = ("وذلك عقب هجوم مسلح استهدف دورية لقوات الأمن العام قرب بلدة عين الشرقية مساء الثلاثاء. "
            "وقال مصدر إن الهجوم نفذه مسلحون، وإن اشتباكا قصيرا دار بين الطرفين قبل فرار "
            "المهاجمين.")
    report = _report(extractor, text)
    assert [e["type"] for e in _counted(report)] == ["clash"]


@pytest.mark.parametrize("text", [
    "Gunmen from local tribes attacked one of its checkpoints in Dhiban on Sunday night. "
    "Fighters at the checkpoint returned fire and the exchange lasted nearly an hour.",
    "هاجم مسلحون مجهولون حاجزاً لقوات الأمن في بلدة الطيبة شرقي درعا مساء الأحد. "
    "وتبادل عناصر الحاجز إطلاق النار مع المهاجمين قرابة ساعة.",
])
def test_an_attack_answered_with_fire_in_the_next_sentence_is_one_clash(extractor, text):
    assert _types_counted(extractor, text) == ["clash"]


@pytest.mark.parametrize("text", [
    "هجوم تبنته نصرة الإسلام والمسلمين على ثكنة للجيش في جيبو\n\nشن مقاتلو جماعة نصرة الإسلام "
    "والمسلمين يوم الخميس هجوماً على ثكنة للجيش في مدينة جيبو، وخاضوا معارك ضارية مع الجنود "
    "استمرت ساعات. ولم يتطرق المتحدث إلى الهجوم الذي أعلنته الجماعة.",
    "JNIM fighters attack army camp at Boulkessi\n\nJNIM fighters attacked a Malian army camp "
    "at Boulkessi on Wednesday, triggering hours of fighting, security sources said. JNIM "
    "claimed the attack on its media outlet.",
])
def test_an_attack_the_report_tells_as_a_clash_is_that_clash_where_else_it_is_named(
        extractor, text):
    assert _types_counted(extractor, text) == ["clash"]


@pytest.mark.parametrize("text", [
    "Armed clashes broke out on Tuesday night between two armed groups in the city of Zawiya, "
    "residents said, with heavy gunfire and RPG blasts heard until late on Wednesday.",
    "اندلعت اشتباكات مساء الثلاثاء بين مجموعتين مسلحتين في مدينة الزاوية، وسمع دوي انفجارات "
    "حتى فجر الأربعاء.",
])
def test_a_time_a_clash_lasted_until_is_not_another_clash(extractor, text):
    assert _types_counted(extractor, text) == ["clash"]


def test_a_denied_launch_named_again_after_another_strike_stays_denied(extractor):
    text = ("نفى الجيش الإسرائيلي الأنباء عن إطلاق صواريخ من جنوب لبنان باتجاه الجليل الأعلى. "
            "في الأثناء، قصفت المدفعية الإسرائيلية أطراف بلدة كفرشوبا بعدة قذائف. ولم يصدر أي "
            "تعليق عن حزب الله بشأن الأنباء عن إطلاق الصواريخ.")
    assert _counted_types(_report(extractor, text)) == [("strike", "كفرشوبا")]


def test_an_attack_told_again_before_a_clash_of_other_years_stays_a_strike(extractor):
    # the attack named again is the drone strike; the battles are of other years
    text = ("استهدفت طائرات مسيّرة فجر الأربعاء مصفاة الجيلي شمالي الخرطوم بحري. "
            "واتهمت الحكومة قوات الدعم السريع بالوقوف وراء الهجوم. "
            "وتعرضت المصفاة لأضرار واسعة خلال المعارك التي شهدتها المنطقة بين عامي 2023 و2025.")
    assert _types_counted(extractor, text) == ["strike"]


@pytest.mark.parametrize("text, place", [
    ("وفي محافظة كركوك، نشرت قوات الشرطة الاتحادية لواءين إضافيين في قضاء الحويجة.",
     "قضاء الحويجة"),
    ("In Kirkuk province, federal police deployed two brigades in the Hawija district.",
     "Hawija district"),
])
def test_a_governorate_gives_way_to_a_place_inside_it(extractor, text, place):
    report = _report(extractor, text)
    assert _counted_places(report) == [place]


@pytest.mark.parametrize("text", [
    "اقتحمت القوات الإسرائيلية فجر السبت بلدة طمون في شمال الضفة الغربية واعتقلت شابين.",
    "Israeli forces raided the town of Tammun in the northern West Bank before dawn on "
    "Saturday, detaining two young men.",
])
def test_a_region_after_in_the_only_says_where_the_town_lies(extractor, text):
    report = _report(extractor, text)
    assert _counted_places(report) in (["طمون"], ["Tammun"])


@pytest.mark.parametrize("text, places", [
    ("وفي مرزق، أعادت كتيبة تابعة للقيادة العامة تموضع عناصرها على البوابات المحيطة "
     "بالمدينة، عقب انسحاب مجموعة مسلحة محلية من بوابة القطرون الشمالية.",
     ["مرزق", "القطرون"]),
    ("The army redeployed a battalion to Murzuq after a local armed group pulled out of "
     "al-Qatrun.", ["Murzuq", "al-Qatrun"]),
])
def test_a_movement_after_another_elsewhere_is_another_movement(extractor, text, places):
    report = _report(extractor, text)
    assert _counted_places(report) == places


def test_a_headline_joining_two_movements_at_two_places_tells_two(extractor):
    text = ("حشود للدعم السريع حول بارا والجيش يعيد تموضعه في الأبيض\n"
            "دفعت قوات الدعم السريع بحشود كبيرة من المقاتلين إلى محيط مدينة بارا في ولاية "
            "شمال كردفان.")
    report = _report(extractor, text)
    assert sorted(_counted_places(report)) == [
        "الأبيض", "مدينة بارا"]


def test_a_claim_by_al_qaeda_builds_no_base(extractor):
    # "القاعدة" in the group's name is not the base a verb of building needs
    text = ("تبنى تنظيم القاعدة في جزيرة العرب، في بيان، تفجير عبوة ناسفة استهدفت طقماً "
            "عسكرياً في مديرية المحفد مساء الثلاثاء.")
    assert [e["type"] for e in _report(extractor, text)["events"]] == ["strike"]


@pytest.mark.parametrize(("text", "place"), [
    ("دخل رتل للتحالف الدولي يضم نحو 40 شاحنة عبر معبر الوليد الحدودي، واتجه إلى قاعدة "
     "قسرك في ريف الحسكة الشمالي.", "قاعدة قسرك"),
    ("A coalition convoy of 40 trucks entered via the al-Waleed crossing and headed to the "
     "Qasrak base.", "Qasrak base"),
])
def test_a_convoy_goes_where_it_headed_not_the_way_it_came(extractor, text, place):
    report = _report(extractor, text)
    assert _counted_places(report) == [place]


def test_strikes_of_previous_years_are_no_news(extractor):
    text = ("وكانت طائرات مسيّرة تركية قد استهدفت في سنوات سابقة مواقع في مخيم مخمور، إذ تتهم "
            "أنقرة حزب العمال الكردستاني باستخدامه قاعدة خلفية لعناصره.")
    report = _report(extractor, text)
    assert _counted(report) == []
    assert "خلفية" not in [e["text"] for e in report["entities"]]  # a rear base: no name


@pytest.mark.parametrize("text", [
    "Explosions heard in Sarmada on Monday afternoon were caused by a fire at a fuel depot, "
    "the civil defence said. No one was hurt.",
    "سمع دوي انفجارات في سرمدا، وقال الدفاع المدني إن الانفجارات ناجمة عن حريق في مستودع "
    "للوقود.",
])
def test_blasts_given_a_fire_as_their_cause_are_no_strike(extractor, text):
    assert _report(extractor, text)["events"] == []


@pytest.mark.parametrize("text", [
    "The dam was the scene of months of fighting between the SDF and Turkey-backed factions "
    "in early 2025.",
    "وشهدت المنطقة معارك بين قسد والفصائل مطلع 2025.",
])
def test_a_year_with_early_or_late_dates_its_sentence(extractor, text):
    assert _counted(_report(extractor, text)) == []


def test_a_span_begun_in_a_past_year_does_not_date_what_comes_before_it(extractor):
    text = ("WAFA said dozens of Israeli military vehicles had entered Tulkarm refugee camp, "
            "where troops have been operating since early 2025.")
    assert _types_counted(extractor, text) == ["troop_movement"]


def test_where_the_fire_came_from_is_not_where_it_fell(extractor):
    text = "وتناقلت مجموعات أنباء عن قصف مدفعي مصدره الأراضي السورية طال جرود عرسال."
    report = _report(extractor, text)
    assert [_entity(report, e["location"])["text"] for e in report["events"]] == ["جرود عرسال"]


@pytest.mark.parametrize("text", [
    "وأوقفت دورية للجيش في مدينة بعلبك مطلوباً بجرائم إطلاق نار وتجارة مخدرات.",
    "Police in Baalbek arrested a man wanted for firing rockets at Kiryat Shmona.",
])
def test_what_a_person_is_charged_with_is_no_event_of_the_report(extractor, text):
    assert [e for e in _counted(_report(extractor, text)) if e["type"] == "strike"] == []


def test_an_event_with_no_place_of_its_own_is_where_a_place_was_named_since(extractor):
    report = _report(extractor, "A drone struck a car in Jenin on Monday morning. In the "
                                "afternoon the focus shifted to Qabatiya, a local journalist "
                                "said. Armed men are exchanging fire with troops at the main "
                                "square.")
    assert _counted_types(report) == [("strike", "Jenin"), ("clash", "Qabatiya")]


def test_what_a_place_underwent_after_a_conjunction_happened(extractor):
    report = _report(extractor, "وتعرضت أطراف بلدة كفرشوبا لقصف مدفعي إسرائيلي ظهر اليوم.")
    assert _counted_types(report) == [("strike", "كفرشوبا")]


def test_the_positions_where_forces_are_are_no_movement(extractor):
    text = ("دعت القوة المشتركة المدنيين في مدينة الطينة إلى الابتعاد عن مواقع تمركز القوات "
            "العسكرية.")
    assert _types_counted(extractor, text) == []


def test_a_convoy_from_the_capital_is_placed_where_it_went(extractor):
    report = _report(extractor, "تحرك رتل عسكري صباح اليوم من العاصمة طرابلس باتجاه مدينة "
                                "الزاوية غربي البلاد.")
    assert _counted_types(report) == [("troop_movement", "الزاوية")]


def test_an_attack_forces_prepare_for_has_not_happened(extractor):
    text = ("Residents said the RSF massed hundreds of fighters around Bara, in what they "
            "described as preparation for an assault on El Obeid.")
    assert _types_counted(extractor, text) == ["troop_movement"]


def test_a_clash_is_one_event_from_the_attack_to_the_withdrawal(extractor):
    # "فجراً" is at dawn, the attack began the clash and the withdrawal ended it
    text = ("هاجم مسلحون فجراً نقطة للجيش في بلدة الطيبة شرقي درعا، ما أدى إلى اشتباك استمر "
            "نحو ساعة انتهى بانسحاب المهاجمين. وانفجرت عبوة ناسفة قرب ناحية أبي صيدا شمال "
            "شرقي بعقوبة.")
    report = _report(extractor, text)
    entities = {e["id"]: e for e in report["entities"]}
    assert [(e["type"], entities[e["location"]]["text"]) for e in _counted(report)] == [
        ("clash", "الطيبة"), ("strike", "أبي صيدا")]


@pytest.mark.parametrize(("text", "types"), [
    # the other side's words for the strikes: air raids
    ("U.S. forces struck Houthi radar sites in Yemen's Hodeidah province on Monday. The "
     "Houthi-run Al-Masirah TV said \"American aggression\" had carried out four raids on "
     "al-Salif district.", ["strike", "strike"]),
    # raids that arrest people are raids on the ground
    ("Israeli forces struck a house in Jenin on Monday. Troops carried out raids in Qabatiya "
     "and arrested ten people.", ["other", "strike"]),
    # blasts explained away are no strikes for raids to be air raids beside
    ("A series of loud blasts shook the countryside south of al-Shaddadi on Tuesday. A "
     "spokesman for the Syrian Democratic Forces said engineers had carried out a controlled "
     "detonation of explosives seized from Islamic State cells in recent raids.", ["other"]),
])
def test_raids_in_a_report_of_strikes_are_air_raids(extractor, text, types):
    report = _report(extractor, text)
    assert sorted(e["type"] for e in _counted(report)) == types


@pytest.mark.parametrize(("text", "types"), [
    # a depot struck is the strike's target
    ("استهدفت غارات جوية لم تعرف هويتها، فجر اليوم، مستودعا للأسلحة والذخائر في محيط مطار "
     "الضمير العسكري بريف دمشق.", ["strike"]),
    ("An air strike hit a weapons cache near the airport of al-Dumayr.", ["strike"]),
    # a depot seized or found is a seizure, the verb apart from its object
    ("ضبطت دورية أمنية مستودعاً للأسلحة والذخائر في بلدة بنش شرقي إدلب.", ["other"]),
    ("Troops uncovered a weapons cache containing rockets in a cave in the Hamrin mountains.",
     ["other"]),
    # a shipment seized, its seizers between, moved nowhere
    ("ضبطت دورية تابعة لقوات حرس الحدود السورية شحنة أسلحة قرب البوكمال.", ["other"]),
    ("Iraqi police seized two trucks carrying weapons near al-Qaim on Sunday.", ["other"]),
])
def test_a_weapons_depot_is_seized_only_by_its_verb(extractor, text, types):
    report = _report(extractor, text)
    assert sorted(e["type"] for e in _counted(report)) == types


def test_a_clash_is_one_event_whichever_side_each_mention_names(extractor):
    # the clash is told by both sides, then by one; its length is no detail of another clash
    text = ("Heavy fighting erupted on Tuesday between the Sudanese army and the Rapid Support "
            "Forces on the eastern edge of Babanusa. A military source said army troops "
            "repelled an RSF attack on the division's headquarters after battles lasting "
            "several hours, killing dozens of attackers.")
    report = _report(extractor, text)
    assert [e["type"] for e in _counted(report)] == ["clash"]


@pytest.mark.parametrize(("text", "types"), [
    # mortar rounds in a fight on the ground are its exchange of fire
    ("هاجم مسلحون نقطة للجيش في بلدة الطيبة شرقي درعا بقذائف الهاون، واندلع اشتباك بين "
     "الطرفين استمر ساعة.", ["clash"]),
    # blasts heard as they clash
    ("Heavy gunfire and explosions rang out in Tripoli overnight as fighters of the Radaa "
     "force clashed with units of the 444th Brigade, residents said.", ["clash"]),
    # a drone that strikes during the clashes still strikes
    ("اندلعت اشتباكات بين قسد والفصائل في قرية الدندنية جنوب سد تشرين، واستهدفت طائرة مسيرة "
     "تركية خلال الاشتباكات نقطة لقسد في القرية.", ["clash", "strike"]),
])
def test_fire_exchanged_in_a_clash_is_the_clash(extractor, text, types):
    report = _report(extractor, text)
    assert sorted(e["type"] for e in _counted(report)) == types


def test_a_party_telling_its_own_deed_is_who_acted(extractor):
    # the speaker who says "it fired" fired: not the other side's strike told before
    text = ("The Israeli military said it had struck more than 100 Hezbollah targets "
            "overnight, including rocket launchers and weapons depots. Hezbollah said it fired "
            "a barrage of rockets at the northern Israeli town of Kiryat Shmona.")
    report = _report(extractor, text)
    actors = sorted(_entity(report, e["actor"])["ref"] for e in _counted(report))
    assert actors == ["actor:hezbollah", "actor:israeli_forces"]


@pytest.mark.parametrize(("text", "event"), [
    ("The Israeli military said it had targeted a Hezbollah operative responsible for rocket "
     "launches in southern Lebanon.", ("strike", "unknown")),
    ("اغتالت مسيرة إسرائيلية القيادي المسؤول عن إطلاق الصواريخ في مدينة صور.",
     ("other", "assassination")),
])
def test_a_persons_role_is_no_event(extractor, text, event):
    # the strike or killing told is the only event; the launches are the person's role
    report = _report(extractor, text)
    assert [(e["type"], e["subtype"]) for e in _counted(report)] == [event]


@pytest.mark.parametrize(("text", "places"), [
    ("Israeli warplanes struck targets in Lebanon's northern Bekaa Valley on Saturday. The "
     "Israeli military said it had hit a rocket launching site near Nabatieh. The strikes "
     "near Hermel destroyed a warehouse.", ["Hermel", "Nabatieh"]),
    ("شنت طائرات حربية إسرائيلية غارات على مناطق في البقاع الشمالي يوم السبت. وقال الجيش "
     "الإسرائيلي إنه استهدف منصة لإطلاق الصواريخ قرب النبطية. ودمرت الغارات قرب الهرمل "
     "مستودعاً.", ["الهرمل", "النبطية"]),
])
def test_strikes_named_again_at_a_town_are_those_told_in_its_region(extractor, text, places):
    # not the strike told last, at another town
    report = _report(extractor, text)
    assert _counted_places(report) == places


@pytest.mark.parametrize(("text", "places"), [
    ("Syria security roundup\n"
     "- DARAA: Gunmen shot dead a former commander in the town of Jasim.\n"
     "- IDLIB: A roadside bomb exploded near a patrol on the outskirts of Ariha.\n"
     "- HOMS: Security forces arrested four men accused of kidnapping.",
     ["Jasim", "Ariha", "HOMS"]),
    ("حصاد اليوم الأمني\n"
     "• درعا: اغتال مسلحون قيادياً سابقاً في مدينة جاسم.\n"
     "• إدلب: انفجرت عبوة ناسفة بدورية على أطراف أريحا.\n"
     "• حمص: اعتقلت قوى الأمن أربعة رجال بتهمة الخطف.",
     ["جاسم", "أريحا", "حمص"]),
])
def test_the_province_opening_a_roundups_item_is_where_it_was_filed_from(extractor, text,
                                                                        places):
    # not where its event happened when the item names a town; where it did when it
    # names none, rather than the place of the item before
    report = _report(extractor, text)
    assert _counted_places(report) == places


@pytest.mark.parametrize(("text", "events"), [
    # an attack whose clash is denied is an attack
    ("استهدف مسلحون مجهولون حاجزاً لقسد في بلدة الكرامة بالأسلحة الرشاشة دون تسجيل أي "
     "اشتباك.", [("strike", "الكرامة")]),
    ("Unknown gunmen attacked an SDF checkpoint in al-Karama, without any clash being "
     "reported.", [("strike", "al-Karama")]),
    # what a raid targeted is the raid
    ("نفذت قوات التحالف الدولي عملية إنزال جوي في بلدة الكرامة، استهدفت منزلاً يتحصن فيه "
     "قيادي في داعش، وانتهت باعتقاله دون تسجيل أي اشتباك.", [("other", "الكرامة")]),
    ("Coalition forces carried out a heliborne raid in al-Karama that targeted a house "
     "where an ISIS leader was hiding, and detained him without any clash.",
     [("other", "al-Karama")]),
])
def test_attacks_raids_and_clashes_told_together(extractor, text, events):
    assert _counted_types(_report(extractor, text)) == events


def test_a_strike_named_again_beside_a_clash_is_still_the_strike(extractor):
    text = ("استهدفت طائرة مسيّرة تركية سيارة مدنية قرب سد تشرين. وجاء الاستهداف بعد ساعات من "
            "اشتباكات عنيفة بين قسد وفصائل الجيش الوطني قرب قرية أبو قلقل.")
    report = _report(extractor, text)
    strike, clash = _counted(report)
    said = [report["text"][m["trigger"]["start"]:m["trigger"]["end"]]
            for m in strike["mentions"]]
    assert (strike["type"], clash["type"]) == ("strike", "clash")
    assert said == ["استهدفت", "استهداف"]


@pytest.mark.parametrize(("text", "place"), [
    ("دارت اشتباكات عنيفة فجر اليوم بين قسد وفصائل «الجيش الوطني السوري» الموالية لأنقرة على "
     "محور قرية أبو قلقل.", "أبو قلقل"),
    ("نقلت الميليشيات الموالية لطهران راجمات صواريخ إلى بلدة الميادين.", "الميادين"),
    ("Clashes erupted between the SDF and National Army factions loyal to Ankara near Abu "
     "Qalqal.", "Abu Qalqal"),
])
def test_a_capital_backing_an_actor_is_not_where_it_acted(extractor, text, place):
    assert _counted_places(_report(extractor, text)) == [place]


@pytest.mark.parametrize("text", [
    "The army has not sent any reinforcements or convoys to Manbij.",
    "The SDF said it did not carry out any withdrawal or redeployment in Tal Tamr.",
    "لم يرسل الجيش أي تعزيزات أو أرتال إلى منبج.",
    "قالت قسد إنها لم تجر أي عملية انسحاب أو إعادة تموضع في تل تمر.",
])
def test_a_negation_reaches_every_event_listed_after_any(extractor, text):
    assert _counted(_report(extractor, text)) == []


@pytest.mark.parametrize(("text", "subtype"), [
    ("استهدفت مسيّرة سيارة في بنت جبيل", "drone_strike"),
    ("A drone struck a car in Bint Jbeil.", "drone_strike"),
    ("Air defences shot down a drone near Harir base.", "drone_strike"),  # intercepted
    ("Israeli jets struck rocket launchers near Tyre.", "air_strike"),
    ("Regime forces shelled the village of Kansafra with mortars.", "shelling"),
    ("Militants fired a barrage of rockets at the base.", "rocket_missile"),
    # ... or who struck, by its name
    ("US aircraft targeted an ISIS hideout in the Anbar desert.", "air_strike"),
    ("استهدف الطيران الإسرائيلي موقعاً عسكرياً قرب بلدة المزرعة غربي السويداء", "air_strike"),
    # what it hit, or a weapon further on, does not tell how
    ("The coalition targeted a rocket launcher near Deir ez-Zor.", "unknown"),
    ("The Israeli military said it had targeted a Hezbollah operative responsible for "
     "rocket launches in southern Lebanon.", "unknown"),
])
def test_a_strikes_weapons_tell_its_means_when_its_words_do_not(extractor, text, subtype):
    (strike,) = [e for e in _counted(_report(extractor, text)) if e["type"] == "strike"]
    assert strike["subtype"] == subtype


@pytest.mark.parametrize(("text", "modality"), [
    # a party denies its role, named between the denial and the role: the event happened
    ("نفى حزب الله أي علاقة له بإطلاق الصواريخ على المطلة", "asserted"),
    ("نفى حزب الله مسؤوليته عن إطلاق الصواريخ التي سقطت في المطلة", "asserted"),
    ("Kataib Hezbollah denied any role in the rocket attack on Ain al-Asad, in which three "
     "rockets landed inside the base.", "asserted"),
    # ... but a party that owns an attack claims it, and a report denied is denied
    ("أعلن تنظيم داعش مسؤوليته عن الهجوم على حاجز للجيش في البوكمال", "claimed"),
    ("نفى التحالف الدولي صحة الأنباء عن قصف طائراته مواقع في الميادين", "denied"),
])
def test_denying_a_role_is_not_denying_the_event(extractor, text, modality):
    (event,) = _report(extractor, text)["events"]
    assert (event["modality"], event["negated"]) == (modality, modality == "denied")


def test_a_role_denied_and_the_launch_told_by_the_other_side_are_one_strike(extractor):
    report = _report(extractor, (
        "نفى حزب الله أي علاقة له بإطلاق الصاروخين من جنوب لبنان باتجاه شمال فلسطين "
        "المحتلة. وكان الجيش الإسرائيلي قد أعلن أن صاروخين أطلقا من الأراضي اللبنانية "
        "وسقطا قرب المطلة."))
    assert [(e["type"], e["modality"]) for e in _counted(report)] == [("strike", "asserted")]


@pytest.mark.parametrize("text", [
    "وقال المصدر إنه من المقرر نشر تعزيزات عسكرية في ريف حمص بعد انتهاء الحملة",
    "US troops are scheduled to withdraw from Ain al-Asad base by September.",
    # what one is able to do
    "The militias retain the capability to resume attacks on US bases at any time.",
    "وتحتفظ الميليشيات بالقدرة على شن هجمات على القواعد الأمريكية في أي وقت",
    "The Houthi spokesman vowed further attacks on Israel until the war on Gaza stops.",
    # what is yet to be held, told after it
    "أعلنت البحرية عن مناورات ستجريها قواتها قرب جزيرة كمران.",
    "The navy announced drills to be held near Kamaran island.",
    # an intention
    "وربط ناشطون الاستنفار بأنباء عن نية خلايا داعش تنفيذ هجمات في الرقة.",
    "Activists linked the alert to reports of an intention by ISIS cells to carry out attacks "
    "in Raqqa.",
    # a headline's plan, and the drills named again
    "US Navy plans Red Sea drills\n\nThe Fifth Fleet said it would hold an exercise in the "
    "southern Red Sea next week.",
    "LNA to stage large drills near Sirte\n\nThe LNA said it would hold manoeuvres near "
    "Sirte. Analysts say the drills are mainly a message to Tripoli.",
    # what is judged unlikely
    "Analysts said Kataib Hezbollah is unlikely to resume attacks on US forces in Iraq.",
    "ويرى محللون أنه من غير المرجح أن تستأنف كتائب حزب الله هجماتها على القوات الأمريكية في "
    "العراق.",
])
def test_what_is_scheduled_or_possible_is_not_yet_an_event(extractor, text):
    report = _report(extractor, text)
    assert report["events"] and not _counted(report)


@pytest.mark.parametrize("text", [
    "وكانت مدفعية الجيش الإسرائيلي قد قصفت صباحاً أطراف بلدة كفرشوبا بأربع قذائف من عيار 155 "
    "ملم، سقط بعضها في محيط مزرعة حلتا.",
    "Israeli artillery fired four shells at the outskirts of Kfarchouba, one of which hit a "
    "house in the village of Halta.",
])
def test_where_some_of_the_shells_fell_is_the_same_strike(extractor, text):
    report = _report(extractor, text)
    assert [(e["type"], _entity(report, e["location"])["canonical"])
            for e in _counted(report)] == [("strike", "Kfar Shouba")]


@pytest.mark.parametrize("text", [
    "هاجم عناصر داعش نقطة للجيش في وادي الشاي. وانفجرت عبوة ناسفة بعجلة عسكرية على طريق "
    "الرياض – الحويجة. وعلى إثر الهجومين، نقلت قيادة العمليات فوجاً من اللواء 30 من قضاء "
    "داقوق إلى ناحية الرشاد.",
    "ISIS fighters attacked an army post in Wadi al-Shay. A roadside bomb hit a military "
    "vehicle on the Riyadh-Hawija road. Following the two attacks, the 30th Brigade moved a "
    "battalion from Daquq to al-Rashad.",
])
def test_two_attacks_named_again_are_no_third(extractor, text):
    report = _report(extractor, text)
    assert sorted(e["type"] for e in _counted(report)) == [
        "strike", "strike", "troop_movement"]


@pytest.mark.parametrize("text", [
    "دفع الجيش برتل عسكري نحو مسكنة. وبدأ الرتل بالتحرك من معسكرات ريف حماة الشرقي، وتوقف "
    "لساعات عند مفرق خناصر. وقال قيادي إن الحشود تهدف إلى التمهيد لهجوم على مناطق شرق الفرات.",
    "The army sent a convoy toward Maskanah. The convoy began its movement from camps in "
    "eastern Hama and stopped for hours at the Khanasir junction. A commander said the buildup "
    "aims to pave the way for an attack east of the Euphrates.",
])
def test_a_buildup_named_again_is_the_movement_told(extractor, text):
    report = _report(extractor, text)
    assert [e["type"] for e in _counted(report)] == ["troop_movement"]


@pytest.mark.parametrize(("text", "place"), [
    # where the attackers fled is not where they fought
    ("Islamic State militants attacked an army post in Tarmiyah late on Monday. Our soldiers "
     "fought them for 40 minutes before the attackers fled toward the Jallam desert.",
     "Tarmiyah"),
    ("هاجم عناصر من داعش نقطة للجيش في منطقة وادي الشاي. وقال المصدر إن قوة النقطة تصدت "
     "للمهاجمين واشتبكت معهم لنحو نصف ساعة، قبل أن ينسحبوا باتجاه وادي زغيتون.",
     "وادي الشاي"),
    # the attack the headline tells is the clash the body tells, where the body places it
    ("Tribal fighters attack SDF post in Abu Hamam\n\nGunmen from local clans attacked an SDF "
     "post in the town of Abu Hamam on Monday night, sparking clashes that lasted two hours.",
     "Abu Hamam"),
    ("مقتل جنديين بهجوم لداعش على نقطة للجيش في وادي الشاي\n\nهاجم عناصر من تنظيم داعش نقطة "
     "للجيش في منطقة وادي الشاي، واشتبكت معهم قوة النقطة لنحو نصف ساعة.", "وادي الشاي"),
    ("Government forces repel Houthi attack on Marib front\n\nGovernment forces repelled a "
     "Houthi attack on army positions in al-Kasara, west of Marib, on Monday night.",
     "al-Kasara"),
])
def test_an_attack_met_with_fire_is_one_clash_where_it_was_fought(extractor, text, place):
    report = _report(extractor, text)
    assert _counted_types(report) == [
        ("clash", place)]


@pytest.mark.parametrize(("text", "actor"), [
    # an Arabic name after the noun it owns is whose it was, not who acted
    ("استهدفت طائرة مسيرة سيارة عسكرية لقسد في ريف عين العرب", None),
    ("قوات النظام قصفت مواقع لهيئة تحرير الشام في ريف إدلب", "قوات النظام"),
    # ... also when the name's article is joined to the "ل" ("للجيش")
    ("استهدفت عبوة ناسفة آلية عسكرية للجيش السوري قرب درعا", None),
    # ... but right after the trigger it is who acted
    ("قتل جنديان بهجوم لمسلحين مجهولين على حاجز في درعا", "مسلحين مجهولين"),
])
def test_whose_target_it_was_is_not_who_acted(extractor, text, actor):
    report = _report(extractor, text)
    (event,) = _counted(report)
    assert (_entity(report, event["actor"])["text"] if event["actor"] else None) == actor


def test_a_state_told_by_its_weapon_does_not_split_one_strike(extractor):
    # "a Turkish drone": likely Turkey's forces, too weak to tell this strike from the one
    # the same report names again with another (wrong) actor
    report = _report(extractor, (
        "A Turkish drone hit a car on the outskirts of Kobani on Friday morning, killing two "
        "men, the SDF said. Turkey's defence ministry said its forces had neutralised two "
        "PKK/YPG terrorists in Ain al-Arab, in what appeared to be a reference to the same "
        "attack."))
    (strike,) = _counted(report)
    assert _entity(report, strike["actor"])["ref"] == "actor:turkish_forces"


@pytest.mark.parametrize(("text", "places"), [
    # a quarter after its town's possessive is where
    ("SDF intelligence arrested nine people in Raqqah's al-Mashlab neighbourhood on Monday.",
     ["Mashlab"]),
    ("A drone hit a car in Kirkuk's al-Wasiti on Monday.", ["al-Wasiti"]),
    # two movements told in clauses with subjects of their own are two, each where it was
    ("Iraq's Counter-Terrorism Service stationed a battalion in the Hawija district west of "
     "Kirkuk on Wednesday, and the Peshmerga repositioned units along the Qarachogh mountain "
     "near Makhmour, officials said.", ["Hawija district", "Qarachogh mountain"]),
    ("أرسلت قسد تعزيزات عسكرية إلى بلدة ذيبان، والجيش السوري نشر وحدات في مدينة الميادين",
     ["ذيبان", "الميادين"]),
    # a place "near" another only says where that one lies: not what was aimed at
    ("Israeli drone strikes hit a motorcycle on the outskirts of Kfar Rumman near Nabatieh.",
     ["Kfar Rumman"]),
    ("قصفت مسيرة تركية قرية المنصورة قرب الطبقة", ["المنصورة"]),
    # what the neighbourhood told before looks onto is not where the shells fell
    ("قتل طفل جراء قصف شنته جماعة الحوثي على حي ثعبات شرقي مدينة تعز. وأضاف شهود أن "
     "القذائف سقطت على منازل المدنيين في الحي المطل على مواقع الجماعة في منطقة الحوبان.",
     ["ثعبات"]),
    # ... but what new positions on hills look onto is where they are
    ("Fatemiyoun fighters have taken up new positions on hills overlooking Palmyra.",
     ["Palmyra"]),
    # the border a place lies on is not where forces went
    ("وصلت تعزيزات عسكرية جديدة لميليشيا حركة النجباء العراقية إلى مدينة البو كمال على الحدود "
     "السورية العراقية.", ["البو كمال"]),
    ("دفعت هيئة الحشد الشعبي بتعزيزات عسكرية جديدة إلى قضاء القائم على الحدود العراقية "
     "السورية.", ["قضاء القائم"]),
    ("The army sent reinforcements to Albu Kamal on the Syrian-Iraqi border.", ["Albu Kamal"]),
])
def test_each_event_is_placed_where_it_was(extractor, text, places):
    assert _counted_places(_report(extractor, text)) == places


def test_an_air_strike_beside_a_clash_is_not_its_exchange_of_fire(extractor):
    report = _report(extractor, (
        "استهدف الطيران الإسرائيلي، اليوم الثلاثاء، رتلاً عسكرياً على طريق بلدة المزرعة غربي "
        "السويداء. وتزامن القصف مع اشتباكات متقطعة بين فصائل محلية مسلحة ومقاتلين من العشائر "
        "في حي المقوس شرقي مدينة السويداء."))
    types = set(_counted_types(report))
    assert ("strike", "المزرعة") in types and ("clash", "المقوس") in types
    assert ("clash", "المزرعة") not in types


@pytest.mark.parametrize("text", [
    "Nablus blast caused by gas cylinder; three detained in Balata raid\n\nOvernight, Israeli "
    "forces raided Balata refugee camp east of the city and detained three young men after "
    "searching several homes.",
    "اعتقال ثلاثة شبان في مداهمة لمخيم بلاطة\n\nداهمت قوات الاحتلال فجر اليوم مخيم بلاطة شرق "
    "نابلس واعتقلت ثلاثة شبان بعد تفتيش عدة منازل.",
])
def test_a_raid_in_the_headline_is_the_raid_the_body_tells(extractor, text):
    report = _report(extractor, text)
    assert [e["type"] for e in _counted(report)] == ["other"]


@pytest.mark.parametrize(("text", "place"), [
    ("Army sends reinforcements to the north\n\nA column of reinforcements, including armoured "
     "vehicles and pick-up trucks with mounted guns, arrived in Tillaberi on Friday, a local "
     "official said.", "Tillaberi"),
    ("الحوثيون يدفعون بتعزيزات نحو غرب مأرب\n\nدفعت جماعة الحوثي بتعزيزات عسكرية كبيرة إلى "
     "جبهة صرواح غربي محافظة مأرب، شملت مقاتلين وعربات مدرعة وأسلحة متوسطة.", "صرواح"),
])
def test_a_movement_in_the_headline_is_the_one_the_body_tells_with_its_vehicles(
        extractor, text, place):
    assert _counted_places(_report(extractor, text)) == [place]


@pytest.mark.parametrize(("text", "place"), [
    ("توغل رتل للاحتلال الإسرائيلي صباح اليوم في محيط بلدة خان أرنبة، وأقام حاجزاً مؤقتاً على "
     "الطريق المؤدي إلى مدينة البعث قبل أن ينسحب بعد ساعات.", "خان أرنبة"),
    ("Israeli troops entered the outskirts of Khan Arnabah on Monday and set up a checkpoint "
     "on the road leading to the town of Madinat al-Baath before withdrawing hours later.",
     "Khan Arnabah"),
])
def test_the_town_a_road_leads_to_is_not_where_the_event_was(extractor, text, place):
    report = _report(extractor, text)
    assert _counted_types(report) == [
        ("troop_movement", place)]


@pytest.mark.parametrize("text", [
    "Militants launched an attack on an army checkpoint near Djibo on Monday, but the attack "
    "was repelled after an hour.",
    "شن مسلحون هجوماً على حاجز للجيش قرب درعا، إلا أن الهجوم تم صده بعد ساعة.",
])
def test_an_attack_told_as_repelled_after_it_is_a_clash(extractor, text):
    assert _types_counted(extractor, text) == ["clash"]


@pytest.mark.parametrize("text", [
    "تبادلت القوات التركية وفصائل موالية لها من جهة، وقوات مجلس تل تمر العسكري من جهة أخرى، "
    "القصف المدفعي والصاروخي على محور قرية تل طويل. وقال مصدر عسكري إن القصف المتبادل لم "
    "يسفر عن إصابات.",
    "Turkish forces and the SDF exchanged heavy shelling overnight near the village of Tal "
    "Tawil.",
    "Turkish troops and SDF fighters traded artillery fire near the village of Tal Tawil.",
])
def test_shelling_two_sides_exchanged_is_one_clash(extractor, text):
    assert _types_counted(extractor, text) == ["clash"]


def test_a_long_headline_above_a_blank_line_is_the_headline(extractor):
    # longer than a sentence's opening, yet a headline: the blank line under it says so
    report = _report(extractor, (
        "Hashd sends reinforcements to Sinjar after Turkish drone strike; army moves battalion "
        "to border\n\nThe PMF sent reinforcements to Sinjar district on Thursday, a day after a "
        "Turkish drone struck a vehicle in the Yazidi town of Khanasor, killing two members of "
        "the YBS."))
    assert [e["type"] for e in _counted(report)].count("strike") == 1


def test_a_roundups_headline_attack_in_a_governorate_is_the_clash_the_body_tells(extractor):
    report = _report(extractor, (
        "Syria round-up: ISIS cell attacks checkpoint in Deir al-Zour, gunmen kill "
        "ex-commander in Daraa\n\nDeir al-Zour: Fighters of an ISIS cell attacked a checkpoint "
        "of the Syrian army in the desert near al-Mayadeen on Monday evening. Soldiers returned "
        "fire and the exchange lasted about 30 minutes.\n\nBoukamal: An improvised explosive "
        "device went off next to a military vehicle in the city on Monday."))
    assert sorted(_counted_types(report)) == [("clash", "al-Mayadeen"),
                                              ("strike", "Boukamal")]


@pytest.mark.parametrize(("text", "types"), [
    # a bomb dropped from the air, not an arrest or a speech
    ("وألقت مسيّرة إسرائيلية قنبلة صوتية قرب صيادين في منطقة الوزاني.", ["strike"]),
    ("A drone dropped a grenade on a car in Marwahin.", ["strike"]),
    ("ألقى قائد المنطقة كلمة أمام الجنود في ثكنة مرجعيون.", []),
    ("Attacks dropped by half in Raqqa this year.", []),
    # the people a strike targeted are no strike of their own
    ("وزعمت وسائل إعلام إسرائيلية أن المستهدفين عنصران في خلية تابعة لحزب الله.", []),
    # a blast from a leaking tank is an accident
    ("An explosion at a gas station in southern Kirkuk was caused by a leaking fuel tank, "
     "not an attack.", []),
])
def test_what_is_dropped_and_what_leaks(extractor, text, types):
    assert _types_counted(extractor, text) == types


def test_a_headline_of_the_same_site_after_also_on_is_another_article(extractor):
    report = _report(extractor, (
        "Turkish convoy enters Idlib\n\nA Turkish convoy of 30 vehicles entered Idlib on Sunday "
        "and headed to Turkish posts in Jabal al-Zawiya.\n\nAlso on Levant 24: Russian jets "
        "strike outskirts of Jisr al-Shughur"))
    assert [e["type"] for e in _counted(report)] == ["troop_movement"]


@pytest.mark.parametrize(("text", "place"), [
    ("دفعت قسد بتعزيزات إلى بلدة الشحيل بعد هجوم على حاجز لها. وقال مصدر محلي إن المهاجمين "
     "أطلقوا النار من أسلحة رشاشة على عناصر الحاجز قبل أن يلوذوا بالفرار باتجاه البادية.",
     "الشحيل"),
    # where the fire went is where it struck
    ("أطلقت الفصائل صواريخ باتجاه الجولان.", "الجولان"),
])
def test_where_attackers_fled_is_not_where_they_struck(extractor, text, place):
    report = _report(extractor, text)
    assert [_entity(report, e["location"])["text"] for e in _counted(report)
            if e["type"] == "strike"] == [place]


@pytest.mark.parametrize(("text", "types"), [
    ("Islamic State militants ambushed an army patrol near Tarmiyah, killing two soldiers.",
     ["clash"]),
    ("قُتل جنديان في كمين نصبه مسلحون لدورية للجيش قرب الطارمية.", ["clash"]),
    ("The cell had been planning to ambush trucks on the Palmyra–Deir ez-Zor highway.", []),
])
def test_an_ambush_on_forces_is_fought(extractor, text, types):
    assert _types_counted(extractor, text) == types


@pytest.mark.parametrize(("text", "movements"), [
    ("Units of the SDF withdrew on Tuesday from positions on the western side of the Tishreen "
     "Dam. An SDF convoy of about 25 vehicles was seen crossing the dam toward Ain al-Arab.", 1),
    ("انسحبت قوات سوريا الديمقراطية اليوم من مواقعها غربي سد تشرين. وشوهد رتل لقسد يضم نحو 25 "
     "آلية يعبر السد باتجاه عين العرب.", 1),
])
def test_the_convoy_of_a_withdrawal_is_that_withdrawal(extractor, text, movements):
    assert _types_counted(extractor, text).count("troop_movement") == movements


@pytest.mark.parametrize("text", [
    "Israeli forces raided the town of Tammun before dawn, detaining two young men. Bulldozers "
    "tore up the main road during the raid, which lasted about five hours before the troops "
    "withdrew, residents said.",
    "داهمت قوات الاحتلال بلدة طمون فجر اليوم واعتقلت شابين. وجرفت الجرافات الطريق الرئيسي "
    "خلال المداهمة التي استمرت خمس ساعات قبل أن تنسحب القوات، بحسب الأهالي.",
])
def test_the_end_of_a_raid_by_forces_not_named_again_is_the_raid(extractor, text):
    report = _report(extractor, text)
    assert [e["type"] for e in _counted(report)] == ["other"]


@pytest.mark.parametrize("text", [
    "نفت وزارة الدفاع العراقية وجود أي تحركات لقطعاتها باتجاه قضاء سنجار. في المقابل، أفادت "
    "مصادر محلية بأن رتلاً تابعاً لهيئة الحشد الشعبي وصل مساء أمس إلى ناحية سنوني.",
    "The defence ministry said its troops had not moved toward Sinjar. On the other hand, "
    "local pages reported that a convoy of the Popular Mobilisation Forces had reached Sinuni.",
])
def test_an_account_set_against_a_denial_before_it_stays_an_account(extractor, text):
    assert _types_counted(extractor, text) == ["troop_movement"]


def test_a_headline_movement_is_not_done_by_the_actor_of_another_story_it_joins(extractor):
    text = ("Burkina Faso: JNIM attack on Djibo army post, troops redeployed from Dori\n\n"
            "OUAGADOUGOU, Oct 17 — Two security sources said army units and VDP volunteers "
            "were redeployed from Dori to Djibo on Friday to reinforce the garrison.")
    assert _types_counted(extractor, text).count("troop_movement") == 1


@pytest.mark.parametrize("text", [
    "قتل ستة مدنيين جراء قصف مدفعي لقوات الدعم السريع استهدف السوق الكبير في مدينة أم روابة. "
    "في المقابل، نفى الناطق باسم الدعم السريع أي صلة لقواته بالحادثة، واتهم الجيش السوداني بقصف "
    "السوق.",
    "Rapid Support Forces shelling killed six civilians in the main market of Um Ruwaba. The "
    "RSF denied any role and accused the Sudanese Armed Forces of shelling the market.",
])
def test_the_side_each_blames_does_not_make_a_second_strike(extractor, text):
    assert _types_counted(extractor, text) == ["strike"]


@pytest.mark.parametrize("text", [
    "ألقت القوات الأمنية القبض على متهم في ناحية جلولاء، وهو مطلوب لاشتراكه في هجمات ضد "
    "القوات الأمنية.",
    "Security forces arrested a suspect in Jalawla who was wanted for his involvement in "
    "attacks on the army.",
])
def test_attacks_a_suspect_is_wanted_for_are_no_event(extractor, text):
    assert _types_counted(extractor, text) == ["other"]


def test_a_deployment_the_army_will_reinforce_is_a_plan(extractor):
    text = ("قال البيان إن الجيش اللبناني سيعزز انتشاره في بلدة الخيام خلال الأيام المقبلة "
            "بوحدات إضافية.")
    assert _types_counted(extractor, text) == []


def test_the_attack_named_after_a_clash_it_became_is_that_clash(extractor):
    text = ("هاجم عناصر من تنظيم داعش نقطة للجيش العراقي في قرية الحاوي، واشتبكت القوة "
            "الماسكة للنقطة معهم لنحو نصف ساعة.\n"
            "وأضاف المصدر أن تعزيزات من الفرقة الخامسة انطلقت من بعقوبة بعد الهجوم بساعة.")
    assert sorted(_types_counted(extractor, text)) == ["clash", "troop_movement"]


def test_a_site_struck_in_the_town_attacked_in_one_sentence_is_that_strike(extractor):
    text = ("شنت مسيرات تابعة لقوات الدعم السريع هجمات على مدينة الأبيض عاصمة ولاية شمال "
            "كردفان، استهدفت مقر الفرقة الخامسة مشاة.")
    assert _types_counted(extractor, text) == ["strike"]


def test_a_headline_region_yields_to_where_the_body_tells_it(extractor):
    text = ("Iraqi troops kill three ISIS militants in Anbar desert clash, defuse IEDs\n\n"
            "Iraqi army troops killed three Islamic State militants in a firefight in the "
            "desert north of Rawa on Monday. A unit came under fire while searching caves in "
            "the area. Engineering teams later found and defused four IEDs the militants had "
            "planted near the caves.")
    report = _report(extractor, text)
    assert sorted(_counted_types(report)) == [("clash", "north of Rawa"), ("other", "north of Rawa")]


@pytest.mark.parametrize("text", [
    # a match told as a battle
    "وأشاد المحلل الرياضي بالأداء الهجومي، قائلاً إن خط الهجوم اليمني كان أشبه بكتيبة مدرعة "
    "اقتحمت دفاعات الخصم من كل الجهات في تعز.",
    # a drill's fire at targets that are not there
    "نفذت قطعات من الجيش العراقي مناورات في صحراء الرطبة. وأوضح البيان أن طائرات طيران الجيش "
    "قصفت أهدافاً افتراضية في الرطبة.",
    "Iraqi army helicopters struck dummy targets near Rutba on Tuesday, the army said.",
    # a fear or a mistake in dialect; the scars of shelling long past
    "وقالت أم خالد من حي الصاخور في حلب: بنفتكر إنو قصف كل ما نسمع صوت قوي.",
    "في الذكرى العاشرة لمعركة حلب.. الأحياء الشرقية ما تزال تحمل ندوب القصف",
])
def test_no_strike_in_a_match_a_drill_a_fear_or_a_scar(extractor, text):
    assert "strike" not in _types_counted(extractor, text)


_SHADDADI = (
    "سُمع دوي انفجارات متتالية صباح اليوم الأربعاء في محيط قاعدة التحالف الدولي بمدينة الشدادي "
    "جنوبي الحسكة.\n\nوتداولت صفحات محلية على مواقع التواصل الاجتماعي أنباء عن استهداف "
    "القاعدة بطائرة مسيّرة مفخخة، ونشر بعضها مقاطع مصورة تظهر أعمدة دخان تتصاعد من الجهة "
    "الجنوبية للمدينة.\n\nلكن مصدراً عسكرياً في قوات سوريا الديمقراطية (قسد) أوضح أن الانفجارات "
    "ناجمة عن تدريبات بالذخيرة الحية تجريها قوات التحالف بمشاركة وحدات من قسد في ميدان الرمي جنوب "
    "القاعدة. وأكد المصدر أن القاعدة لم تتعرض لأي هجوم.")


def test_the_blasts_a_drill_explains_are_that_drill_and_who_published_videos_moved_not(
        extractor):
    assert _types_counted(extractor, _SHADDADI) == ["exercise"]


def test_a_month_is_no_place(extractor):
    report = _report(extractor, "The truck exploded in Karrada during the last days of "
                                "Ramadan, killing 20 people.")
    assert "Ramadan" not in [e["text"] for e in report["entities"]]


_DHIBAN = (
    "اشتباكات عنيفة بين قسد ومسلحين من العشائر في ذيبان.. وتعزيزات تصل من الحسكة\n\n"
    "اندلعت مساء أمس اشتباكات عنيفة بين عناصر من قوات سوريا الديمقراطية ومسلحين من أبناء "
    "العشائر في بلدة ذيبان بريف ديرالزور الشرقي.\n\n"
    "وأفادت مصادر محلية بأن قسد استقدمت صباح اليوم تعزيزات عسكرية من الحسكة والشدادي، تضم "
    "عربات ومدرعات، إلى محيط ذيبان.\n\n"
    "وبالتزامن، تداولت صفحات على مواقع التواصل أنباء عن انسحاب مقاتلي العشائر من بلدة الطيانة "
    "المجاورة بعد وصول التعزيزات، إلا أن أحد وجهاء العشيرة نفى ذلك، قائلاً إن أبناء العشائر "
    "ما زالوا في مواقعهم ولم ينسحب أحد.")


def test_a_denied_withdrawal_leaves_the_reinforcements_told_before_it(extractor):
    report = _report(extractor, _DHIBAN)
    assert sorted(_counted_types(report)) == [("clash", "ذيبان"), ("troop_movement", "ذيبان")]


@pytest.mark.parametrize("text", [
    "Rebels accuse Kinshasa of drone strike on market in Rutshuru",
    "نددت حركة إم 23 بالغارة، متهمة كينشاسا بشن غارة بطائرة مسيرة على سوق في روتشورو.",
])
def test_a_capital_accused_of_a_strike_is_who_struck_not_where(extractor, text):
    report = _report(extractor, text)
    places = [_entity(report, e["location"])["text"] for e in _counted(report) if e["location"]]
    assert _counted(report) and not {"Kinshasa", "كينشاسا"} & set(places)


def test_a_claim_by_a_group_named_as_it_names_itself_is_the_groups(extractor):
    report = _report(extractor, (
        "A little-known group calling itself Ashab al-Kahf claimed on Telegram a drone "
        "attack on the coalition base at the Conoco gas field."))
    [strike] = _events(report, "strike")
    assert (strike["modality"], _entity(report, strike["actor"])["text"]) == (
        "claimed", "Ashab al-Kahf")


def test_whose_a_movement_is_is_named_right_after_it(extractor):
    report = _report(extractor, (
        "وكانت منصات الدعم السريع قد نشرت مقاطع قالت إنها من داخل مقر اللواء في الدلنج بعد "
        "انسحاب الجيش وفراره نحو كادقلي."))
    [movement] = _events(report, "troop_movement")
    assert _entity(report, movement["actor"])["text"] == "الجيش"


def test_blasts_heard_in_the_districts_around_a_detonation_are_the_detonation(extractor):
    # Kafr Sousa is a district of Damascus, not Sousa by the Iraqi border
    report = _report(extractor, (
        "Engineering teams carried out a controlled detonation of expired ammunition at the "
        "Mezzeh airport. Residents of the Mezzeh 86 and Kafr Sousa districts reported at least "
        "six blasts."))
    assert _counted_types(report) == [("other", "Mezzeh airport")]


def test_two_air_strikes_told_in_the_dual_are_a_strike(extractor):
    report = _report(extractor, "قناة المسيرة: غارتان على مدينة صعدة فجر اليوم")
    assert _counted_types(report) == [("strike", "صعدة")]


def test_where_the_wounded_were_taken_is_not_where_the_event_was(extractor):
    report = _report(extractor, (
        "اندلعت اشتباكات ليل السبت في بلدة ذيبان بريف دير الزور الشرقي. وبدأت المواجهات بهجوم "
        "شنه المسلحون على حاجز عند المدخل الغربي للبلدة، ما أسفر عن إصابة عنصرين نقلوا إلى "
        "مشفى في بلدة الشحيل المجاورة."))
    assert _counted_places(report) == ["ذيبان"]


def test_fire_at_vehicles_in_a_clash_is_the_clash(extractor):
    # the vehicles are what the fighters fired at, not what they fired
    report = _report(extractor, (
        "اندلعت اشتباكات مسلحة بين مقاومين وقوات الاحتلال خلال اقتحامها بلدة طمون، وأعلنت "
        "سرايا القدس أن مقاتليها استهدفوا آليات الاحتلال بصليات من الرصاص."))
    assert {e["type"] for e in report["events"]} == {"clash"}


@pytest.mark.parametrize("text", [
    "Blasts near Brital were army ordnance disposal, Lebanese army says",
    "أصوات الانفجارات قرب بريتال ناجمة عن التخلص من ذخائر قديمة، بحسب الجيش.",
])
def test_blasts_told_as_ordnance_disposal_are_no_strike(extractor, text):
    assert _types_counted(extractor, text) == ["other"]


@pytest.mark.parametrize(("text", "actor"), [
    # the nationality of equipment a strike hit is whose it was, not who struck
    ("A drone struck a Turkish convoy near Qamishli.", None),
    ("استهدفت المقاومة دبابة إسرائيلية قرب بلدة الخيام", None),
    # ... but the tank right after the verb is what fired
    ("قصفت دبابة ميركافا إسرائيلية منزلاً في بلدة الخيام", "إسرائيلية"),
    # ... unless the verb, in the plural, told its subject before it
    ("أعلنت سرايا القدس أن مقاتليها استهدفوا آليات الاحتلال بعبوة ناسفة قرب بلدة طمون",
     "سرايا القدس"),
])
def test_a_strike_is_not_made_by_the_owner_of_what_it_hit(extractor, text, actor):
    report = _report(extractor, text)
    [strike] = _events(report, "strike")
    assert (strike.get("actor") and _entity(report, strike["actor"])["text"]) == actor


def test_a_strike_long_past_is_not_explained_by_todays_drill(extractor):
    report = _report(extractor, (
        "زعمت قوات الدعم السريع أنها استهدفت بطائرات مسيرة مطار مروي. وقال مصدر عسكري إن "
        "الأصوات ناجمة عن تدريبات بالذخيرة الحية في ميدان الرماية شرق المطار. وكانت مسيرات "
        "تابعة للدعم السريع قد استهدفت سد مروي ومحطته الكهربائية في كانون الثاني/يناير 2025."))
    assert [(e["type"], e["historical"]) for e in report["events"]
            if _entity(report, e["location"])["text"] == "سد مروي"] == [("strike", True)]


def test_a_detonation_in_part_of_a_city_explains_no_strike_in_another_town(extractor):
    # Libya's places have no province in the gazetteer: "eastern Tripoli" must not hold Zawiya's
    report = _report(extractor, (
        "A series of loud explosions heard across eastern Tripoli on Wednesday came from the "
        "controlled detonation of unexploded ordnance by army engineers near Mitiga airport. In "
        "Zawiya, 45 km west of the capital, an unidentified drone struck a house in the Abu Issa "
        "area before dawn."))
    assert ("strike", "Abu Issa") in _counted_types(report)
