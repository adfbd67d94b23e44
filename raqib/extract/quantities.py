"""Quantities in digits and in Arabic and English number words.

"10 مدافع", "عشرة عناصر", "عشرات الصواريخ", "three drones", "dozens of rockets". Vague
amounts take ACLED's conservative reading (several -> 3, dozens -> 12, hundreds -> 100)
and are flagged `approximate`. A quantity followed by a unit ("8 أمتار", "20 km") is a
measure, not a count, and carries its unit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from raqib.text.fold import fold

_WORDS = {
    # Arabic (masculine and feminine forms; folded on load)
    "واحد": 1, "واحدة": 1, "اثنان": 2, "اثنين": 2, "اثنتان": 2, "اثنتين": 2,
    "ثلاث": 3, "ثلاثة": 3, "أربع": 4, "أربعة": 4, "خمس": 5, "خمسة": 5, "ست": 6, "ستة": 6,
    "سبع": 7, "سبعة": 7, "ثمان": 8, "ثماني": 8, "ثمانية": 8, "تسع": 9, "تسعة": 9,
    "عشر": 10, "عشرة": 10, "عشرين": 20, "عشرون": 20, "ثلاثين": 30, "ثلاثون": 30,
    "أربعين": 40, "أربعون": 40, "خمسين": 50, "خمسون": 50, "مئة": 100, "مائة": 100,
    "مئتين": 200, "ألف": 1000, "ألفين": 2000,
    # English
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "hundred": 100, "a hundred": 100,
    "a dozen": 12, "thousand": 1000, "a thousand": 1000,
}
_VAGUE = {
    "عدة": 3, "عدد من": 3, "بضعة": 3, "بضع": 3, "several": 3, "a few": 3, "a number of": 3,
    "عشرات": 12, "dozens of": 12, "dozens": 12, "مئات": 100, "hundreds of": 100,
    "hundreds": 100, "آلاف": 1000, "thousands of": 1000, "thousands": 1000,
}
_UNITS = {
    "متر": "m", "مترا": "m", "أمتار": "m", "م": "m", "كم": "km", "كيلومتر": "km",
    "كيلومترات": "km", "كيلو متر": "km", "m": "m", "metres": "m", "meters": "m", "metre": "m",
    "meter": "m", "km": "km", "kilometres": "km", "kilometers": "km", "miles": "mi",
    "mile": "mi", "طن": "t", "أطنان": "t", "tons": "t", "tonnes": "t", "mm": "mm",
    "ملم": "mm", "ملم.": "mm", "كغ": "kg", "kg": "kg", "%": "%", "بالمئة": "%",
    "بالمائة": "%", "percent": "%", "per cent": "%",
}
_NUMBER_WORD = {fold(k).text: v for k, v in _WORDS.items()}
_VAGUE_WORD = {fold(k).text: v for k, v in _VAGUE.items()}
_UNIT_WORD = {fold(k).text: v for k, v in _UNITS.items()}


def _alternation(words) -> str:
    return "|".join(sorted(map(re.escape, words), key=len, reverse=True))


_QUANTITY = re.compile(
    rf"(?<![\w.,/:-])(?:(?P<num>\d{{1,3}}(?:,\d{{3}})+|\d+(?:\.\d+)?)"
    rf"|(?P<vague>{_alternation(_VAGUE_WORD)})|(?P<word>{_alternation(_NUMBER_WORD)}))"
    rf"(?![\w/:-])(?:\s*(?P<unit>{_alternation(_UNIT_WORD)})(?!\w))?"
)


@dataclass(frozen=True, slots=True)
class QuantityMention:
    start: int  # folded span of the number (and its unit, if any)
    end: int
    value: float | int
    approximate: bool
    unit: str | None


# After "one", these make it a pronoun or a phrase, not a count ("one of", "no one").
_NOT_COUNTED_AFTER_ONE = frozenset("of another side way day time hand point such more".split())
# A longer run of digits counts nothing (an id, a phone number, noise); it would not
# even convert (Python refuses int() of 4,300 digits) or travel in JSON (2**64 at most).
_MAX_DIGITS = 15


def find_quantities(text: str) -> list[QuantityMention]:
    """Numbers followed by a word (what they count or measure) in the same clause."""
    found = []
    for m in _QUANTITY.finditer(text):
        rest = text[m.end() : m.end() + 2]
        if not m.group("unit") and not (rest[:1] == " " and rest[1:2].isalpha()):
            continue  # a bare number ("61" under a headline) counts nothing
        if m.group("word") == "one" and text[m.end() + 1 :].split(" ", 1)[0] in (
                _NOT_COUNTED_AFTER_ONE):
            continue
        if m.group("num"):
            raw = m.group("num").replace(",", "")
            if len(raw.partition(".")[0]) > _MAX_DIGITS:
                continue
            value: float | int = float(raw) if "." in raw else int(raw)
            approximate = False
        elif m.group("vague"):
            value, approximate = _VAGUE_WORD[m.group("vague")], True
        else:
            value, approximate = _NUMBER_WORD[m.group("word")], False
        unit = _UNIT_WORD.get(m.group("unit")) if m.group("unit") else None
        found.append(QuantityMention(m.start(), m.end(), value, approximate, unit))
    return found
