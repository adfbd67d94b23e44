"""A reproducible load of Arabic and English reports for the benchmarks.

Reports of a chosen size are assembled from sentence templates filled with real
places, actors and weapons of the knowledge base, plus the seed bulletin and the
example reports. The mix is controlled: strikes, troop movements, denials, exercises,
unrelated news, and a share of exact reposts (duplicates). The same seed gives the
same corpus.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

PLACES_AR = ["الميادين", "البوكمال", "دير الزور", "حقل العمر النفطي", "حقل كونيكو للغاز", "هجين",
             "الحسكة", "القامشلي", "منبج", "الرقة", "تدمر", "البصيرة", "ذيبان", "الشحيل"]
PLACES_EN = ["al-Mayadin", "Albu Kamal", "Deir ez-Zor", "the al-Omar oil field",
             "the Conoco gas field", "Hajin", "Hasakah", "Qamishli", "Manbij", "Raqqa", "Palmyra"]
ACTORS_AR = ["الميليشيات الموالية لإيران", "حزب الله", "ميليشيا فاطميون", "قوات النظام",
             "قوات سوريا الديمقراطية", "التحالف الدولي", "خلايا تنظيم داعش", "القوات التركية"]
ACTORS_EN = ["Iran-backed militias", "Hezbollah", "the Fatemiyoun militia", "regime forces",
             "the SDF", "the US-led coalition", "ISIS cells", "Turkish forces"]
WEAPONS_AR = ["منصات صواريخ", "مدافع ثقيلة", "طائرات مسيرة", "قذائف هاون", "دبابات"]
WEAPONS_EN = ["rocket launchers", "heavy artillery", "drones", "mortar shells", "tanks"]

TEMPLATES = {
    "strike": (
        ["استهدفت {actor} بـ{weapon} مواقع في {place} صباح اليوم، ما أدى إلى أضرار مادية.",
         "شنت طائرات حربية غارات جوية على أطراف {place}، وفق ما أفادت مصادر محلية."],
        ["{actor} fired {weapon} at positions near {place} early on Monday.",
         "Airstrikes hit the outskirts of {place}, local sources said."]),
    "movement": (
        ["نقلت {actor} {weapon} من {place} باتجاه {place2} خلال الساعات الماضية.",
         "أعادت {actor} انتشارها في المناطق المواجهة لـ{place}."],
        ["{actor} moved {weapon} from {place} toward {place2} overnight.",
         "{actor} redeployed around {place}, according to local sources."]),
    "denial": (
        ["نفت {actor} أن تكون قد استهدفت مواقع في {place}.",
         "أكدت مصادر أن {actor} لم تطلق أي قذيفة من {place}."],
        ["{actor} denied that it struck positions in {place}.",
         "Sources said {actor} did not fire a single shell from {place}."]),
    "exercise": (
        ["أجرت {actor} تدريبات عسكرية بالذخيرة الحية قرب {place}.",
         "سمعت انفجارات في {place} نتيجة تدريبات عسكرية تجريها {actor}."],
        ["{actor} held a live-fire exercise near {place}.",
         "Explosions heard in {place} were caused by a military exercise of {actor}."]),
    "unrelated": (
        ["أعلن مجلس مدينة {place} عن جدول جديد لتوزيع الخبز على الأفران.",
         "ارتفعت أسعار الخضار في أسواق {place} مع بداية فصل الشتاء."],
        ["The council in {place} announced a new schedule for bread distribution.",
         "Vegetable prices rose in the markets of {place} as winter began."]),
}
MIX = {"strike": 0.25, "movement": 0.25, "denial": 0.15, "exercise": 0.1, "unrelated": 0.25}
DUPLICATE_SHARE = 0.05


def sentence(rng: random.Random, kind: str, arabic: bool) -> str:
    templates = TEMPLATES[kind][0 if arabic else 1]
    places, actors, weapons = ((PLACES_AR, ACTORS_AR, WEAPONS_AR) if arabic
                               else (PLACES_EN, ACTORS_EN, WEAPONS_EN))
    return rng.choice(templates).format(place=rng.choice(places), place2=rng.choice(places),
                                        actor=rng.choice(actors), weapon=rng.choice(weapons))


def report_text(rng: random.Random, size_bytes: int, arabic: bool, kind: str) -> str:
    """A report of about `size_bytes` UTF-8 bytes whose first sentence is of `kind`."""
    parts = [sentence(rng, kind, arabic)]
    while len(" ".join(parts).encode()) < size_bytes:
        parts.append(sentence(rng, rng.choice(["unrelated", "unrelated", kind]), arabic))
    return " ".join(parts)


def reports(count: int, size_bytes: int | tuple[int, int] = 5000, arabic_share: float = 0.6,
            seed: int = 7) -> Iterator[dict]:
    """Reports of `size_bytes` (or sizes drawn from a (low, high) range), in the MIX."""
    rng = random.Random(seed)
    low, high = size_bytes if isinstance(size_bytes, tuple) else (size_bytes, size_bytes)
    kinds, weights = zip(*MIX.items(), strict=True)
    made: list[dict] = []
    for i in range(count):
        if made and rng.random() < DUPLICATE_SHARE:
            original = rng.choice(made)
            report = {**original, "id": f"bench-{i}", "source": "repost"}
        else:
            arabic = rng.random() < arabic_share
            kind = rng.choices(kinds, weights)[0]
            report = {"id": f"bench-{i}", "source": f"source-{rng.randrange(5)}",
                      "language": "ar" if arabic else "en",
                      "text": report_text(rng, rng.randint(low, high), arabic, kind)}
            made.append(report)
        yield report


def fixtures() -> list[dict]:
    """The real texts shipped in the repository: the seed bulletin and the examples."""
    examples = [json.loads(line) for line in
                (ROOT / "examples" / "reports.jsonl").read_text("utf-8").splitlines() if line]
    seed = {"id": "seed", "text": (ROOT / "examples" / "seed_report_ar.txt").read_text("utf-8")}
    return [seed, *examples]
