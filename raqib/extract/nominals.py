"""Places named by a common noun: "the camp", "the city", "المخيم" name the last place of
that kind the report named ("clashes broke out in al-Hol camp ... the camp's residents").

Each takes its antecedent's entry, and points to it (`coref`). A noun with no such place
before it names nothing. The nouns live in data/lang/<language>/places.yaml
(`nominals`), by the kind of place they name.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from raqib.knowledge.lang import alternation, table
from raqib.text.spans import Occupied

if TYPE_CHECKING:
    from raqib.extract.entities import Mention

#: what each group of nouns names: its antecedent's kind
_KINDS = {
    "town": frozenset({"populated_place", "city", "town", "village"}),
    "camp": frozenset({"camp"}),
    "country": frozenset({"country"}),
    "field": frozenset({"oil_field", "gas_field"}),
    "airport": frozenset({"airport", "airbase"}),
}
_NOMINALS = table("places.yaml", "nominals", {group: group for group in _KINDS})
# a conjunction or preposition may be attached in front: "والمخيم", "بالمدينة"
_NOMINAL = re.compile(rf"(?<!\w)(?:[وف]?[بل]?)(?P<noun>{alternation(_NOMINALS)})(?!\w)")


def find_nominals(text: str, taken: Occupied,
                  places: list[Mention]) -> list[tuple[int, int, Mention]]:
    """(start, end, antecedent) of each place noun naming a place named before it;
    `places` in text order. One pass over both: a page of place names and nouns costs
    their number, not its square."""
    found = []
    latest: dict[str, Mention] = {}  # group of nouns -> the last place they would name
    told = iter(places)
    upcoming = next(told, None)
    for match in _NOMINAL.finditer(text):
        start, end = match.span("noun")
        while upcoming is not None and upcoming.end <= start:
            # as the report names it: "south of Jenin" is an area beside the town, not it
            kind = upcoming.attrs.get("kind") or (upcoming.entry and upcoming.entry.kind)
            for group, kinds in _KINDS.items():
                if kind in kinds:
                    latest[group] = upcoming
            upcoming = next(told, None)
        if taken.overlaps(start, end) or text.startswith(" of ", end):
            continue  # "the city of Hasakah" names Hasakah
        antecedent = latest.get(_NOMINALS[match.group("noun")])
        if antecedent is not None:
            found.append((start, end, antecedent))
    return found
