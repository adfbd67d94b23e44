"""A reproducible stream of short reports, for the fault drills and the detector."""

import json
import random

REPORTS, MALFORMED = 4950, 50
PLACES = ["الميادين", "البوكمال", "هجين", "ذيبان", "الشحيل", "البصيرة", "العشارة", "Hajin",
          "al-Mayadin", "Albu Kamal", "Deir ez-Zor", "the Conoco gas field", "the al-Omar oil field"]
ACTORS = ["الميليشيات الموالية لإيران", "قوات النظام", "خلايا تنظيم داعش", "Iran-backed militias",
          "regime forces", "the SDF", "Hezbollah"]
TEMPLATES = [
    "قصفت {actor} بالمدفعية أطراف {place} صباح اليوم في الهجوم رقم {n}.",
    "نقلت {actor} منصات صواريخ إلى {place} بحسب مصادر محلية، التقرير {n}.",
    "{actor} shelled positions near {place} early on Monday, report {n} said.",
    "{actor} moved rocket launchers toward {place}, according to source {n}.",
    "أعلن مجلس {place} عن توزيع الخبز في الفرن رقم {n}.",
    "Vegetable prices rose in {place}, trader number {n} said.",
]


def stream(seed: int = 3) -> list[bytes]:
    """4,950 short reports with unique ids over six hours, and 50 malformed messages."""
    rng = random.Random(seed)
    messages = []
    for n in range(REPORTS):
        text = rng.choice(TEMPLATES).format(actor=rng.choice(ACTORS), place=rng.choice(PLACES),
                                            n=n)
        minute = n * 360 // REPORTS
        messages.append(json.dumps({
            "id": f"r{n}", "source": f"source-{n % 7}", "text": text,
            "published_at": f"2026-11-20T{6 + minute // 60:02d}:{minute % 60:02d}:00Z",
        }).encode())
    for n in range(MALFORMED):
        messages.insert(rng.randrange(len(messages)), b"\xff\xfe broken " + str(n).encode())
    return messages


def interleaved(messages: list[bytes], seed: int) -> list[bytes]:
    """The messages as a worker may see them from two partitions: each partition in
    order, the two interleaved in batches."""
    rng = random.Random(seed)
    partitions: list[list[bytes]] = [[], []]
    for message in messages:
        partitions[rng.randrange(2)].append(message)
    order = []
    while partitions[0] or partitions[1]:
        side = rng.randrange(2) if partitions[0] and partitions[1] else int(not partitions[0])
        batch = rng.randint(1, 60)
        order.extend(partitions[side][:batch])
        del partitions[side][:batch]
    return order
