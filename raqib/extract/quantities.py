"""Quantities in digits and in Arabic and English number words.

"10 مدافع", "عشرة عناصر", "عشرات الصواريخ", "three drones", "dozens of rockets". Vague
amounts take ACLED's conservative reading (several -> 3, dozens -> 12, hundreds -> 100)
and are flagged `approximate`. A quantity followed by a unit ("8 أمتار", "20 km") is a
measure, not a count, and carries its unit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from raqib.knowledge.lang import alternation, table, words

# The words live in data/lang/<language>/numbers.yaml, each section with a comment on
# what it is for; these tables merge the languages and map folded words to values.
_DATA = "numbers.yaml"
NUMBER_WORD = table(_DATA, "numbers", int)  # folded word -> its number
_VAGUE_WORD = table(_DATA, "vague", int)
_UNIT_WORD = table(_DATA, "units", str)  # word -> unit symbol
# After a word for one, these make it a pronoun or a phrase, not a count ("one of").
_NOT_COUNTED_AFTER_ONE = frozenset(words(_DATA, "not_counted_after_one"))

_QUANTITY = re.compile(
    rf"(?<![\w.,/:-])(?:(?P<num>\d{{1,3}}(?:,\d{{3}})+|\d+(?:\.\d+)?)"
    rf"|(?P<vague>{alternation(_VAGUE_WORD)})|(?P<word>{alternation(NUMBER_WORD)}))"
    rf"(?![\w/:-])(?:\s*(?P<unit>{alternation(_UNIT_WORD)})(?!\w))?"
)


@dataclass(frozen=True, slots=True)
class QuantityMention:
    start: int  # folded span of the number (and its unit, if any)
    end: int
    value: float | int
    approximate: bool
    unit: str | None


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
        if (NUMBER_WORD.get(m.group("word")) == 1
                and text[m.end() + 1 :].split(" ", 1)[0] in _NOT_COUNTED_AFTER_ONE):
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
            value, approximate = NUMBER_WORD[m.group("word")], False
        unit = _UNIT_WORD.get(m.group("unit")) if m.group("unit") else None
        found.append(QuantityMention(m.start(), m.end(), value, approximate, unit))
    return found
