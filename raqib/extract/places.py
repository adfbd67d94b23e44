"""Place phrases around a gazetteer hit: nearness, countryside, and directions.

- "قرب الميادين", "near al-Mayadin": the place itself, precision 2 (near a place).
- "ريف دير الزور الشرقي", "الريف الشرقي لدير الزور", "eastern countryside of Deir ez-Zor",
  "rural Deir ez-Zor", "Deir ez-Zor countryside": a derived region, precision 3, its
  point moved toward the side named.
- "جنوب غرب محافظة دير الزور", "southern Deir ez-Zor province": part of a region,
  precision 3. "جنوب الميادين", "south of al-Mayadin": beside a town, precision 2.
- "قضاء القائم", "ناحية هجين", "Sinjar District": the district named after the town
  (its seat), precision 3, at the town's point.

A derived region's ref is its base's ref with a fragment ("geonames:170794#countryside-e"),
stable across reports.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from raqib.extract.context import Cue, CueSet, cue_set
from raqib.knowledge.base import Entry, Knowledge
from raqib.text.tokens import Tokens

_SIDES = {0: "n", 45: "ne", 90: "e", 135: "se", 180: "s", 225: "sw", 270: "w", 315: "nw"}
_SIDE_NAMES = {"n": "northern", "ne": "north-eastern", "e": "eastern", "se": "south-eastern",
               "s": "southern", "sw": "south-western", "w": "western", "nw": "north-western"}
# How far a derived point moves toward the side named, in km.
_SHIFT_KM = {"countryside": 25.0, "part": 5.0, "part-region": 50.0, "near": 10.0}
_REGION_KINDS = {"governorate", "province", "district", "region", "macro_region", "country"}


@dataclass
class PlacePhrase:
    start: int  # folded span of the whole phrase
    end: int
    ref: str
    canonical: str
    kind: str
    precision: int
    lat: float
    lon: float


class PlacePhrases:
    def __init__(self, kb: Knowledge) -> None:
        self.near = cue_set(kb.cues, "near")
        self.countryside = cue_set(kb.cues, "countryside")
        self.district = cue_set(kb.cues, "district")
        self.of = CueSet(["of", "'s"])
        self.noun = cue_set(kb.cues, "place_nouns")
        self.bearings: dict[str, int] = {}
        for direction in kb.cues.get("directions", []):
            self.bearings.update(
                {p: int(direction["bearing"])
                 for p in CueSet([*direction.get("ar", []), *direction.get("en", [])]).phrases}
            )
        self.direction = CueSet(self.bearings)
        self.adjectives = cue_set(kb.cues, "place_adjectives")

    def around(self, doc: Tokens, start: int, end: int, entry: Entry) -> PlacePhrase | None:
        """The phrase that a place hit at [start, end) heads, or None for the bare place."""
        # Before the name, nearest first: "of", a countryside word, a direction.
        of = self.of.before(doc, start)
        edge = of.start if of else start
        noun = self.noun.before(doc, edge)  # "غربي مدينة القصير", "west of the town of X"
        edge = noun.start if noun else edge
        rural = self.countryside.before(doc, edge)
        side = self.direction.before(doc, rural.start if rural else edge)
        if (side is not None and noun is not None and rural is None
                and side.phrase in self.adjectives.phrases):
            side = None  # "the southern town of Majdal Selm": which town, not a part of it
        if rural is None and side is not None:
            # Arabic puts the adjective after the noun: "الريف الشرقي لـ X".
            rural = self.countryside.before(doc, side.start)
        # After the name: "ريف X الشرقي", "X countryside", "X's eastern countryside".
        tail_end = end
        tail_of = self.of.after(doc, end)
        tail_side = self.direction.after(doc, tail_of.end if tail_of else end)
        tail_rural = self.countryside.after(doc, tail_side.end if tail_side else end)
        if tail_rural:
            rural = rural or tail_rural
            tail_end = tail_rural.end
            side = side or tail_side
        elif tail_side and rural and _is_adjective(tail_side.phrase):
            side = side or tail_side
            tail_end = tail_side.end

        head = min([start] + [c.start for c in (rural, side) if c])  # a cue before the name
        district = entry.kind == "populated_place" and (
            self.district.before(doc, start) or self.district.after(doc, end))
        if district and not (rural or side):
            return PlacePhrase(min(start, district.start), max(end, district.end),
                               f"{entry.ref}#district", f"{entry.canonical} District", "district",
                               3, entry.fields["lat"], entry.fields["lon"])
        if rural:
            return self._derive(entry, head, tail_end, "countryside", side,
                                f"countryside of {entry.canonical}")
        if side and entry.kind in _REGION_KINDS:
            return self._derive(entry, head, end, "part-region", side, entry.canonical)
        if side and _is_adjective(side.phrase):
            return self._derive(entry, head, end, "part", side, entry.canonical)
        if side:
            return self._derive(entry, head, end, "near", side, entry.canonical, precision=2)
        if self.near.before(doc, start):
            return PlacePhrase(start, end, entry.ref, entry.canonical, entry.kind or "",
                               2, entry.fields["lat"], entry.fields["lon"])
        return None

    def _derive(self, entry: Entry, start: int, end: int, how: str, side: Cue | None,
                name: str, precision: int = 3) -> PlacePhrase:
        lat, lon = entry.fields["lat"], entry.fields["lon"]
        suffix = how
        bearing = self.bearings.get(side.phrase) if side else None
        if bearing is not None:
            lat, lon = _move(lat, lon, bearing, _SHIFT_KM[how])
            side_code = _SIDES[bearing]
            suffix = f"{how.split('-')[0]}-{side_code}"
            if how == "near":
                name = f"{_SIDE_NAMES[side_code].removesuffix('ern')} of {name}"
            else:
                name = f"{_SIDE_NAMES[side_code]} {name}"
        return PlacePhrase(start, end, f"{entry.ref}#{suffix}", name,
                           "countryside" if how == "countryside" else "area", precision,
                           round(lat, 5), round(lon, 5))


def _is_adjective(phrase: str) -> bool:
    """"eastern X", "X الشرقي": a part of X, not a place beside it."""
    return phrase.endswith("ern") or phrase.startswith("ال")


def _move(lat: float, lon: float, bearing: int, km: float) -> tuple[float, float]:
    rad = math.radians(bearing)
    dlat = km * math.cos(rad) / 111.0
    dlon = km * math.sin(rad) / (111.0 * math.cos(math.radians(lat)))
    return lat + dlat, lon + dlon
