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
}
_NOMINALS = table("places.yaml", "nominals", _KINDS)
# a conjunction or preposition may be attached in front: "والمخيم", "بالمدينة"
_NOMINAL = re.compile(rf"(?<!\w)(?:[وف]?[بل]?)(?P<noun>{alternation(_NOMINALS)})(?!\w)")


def find_nominals(text: str, taken: Occupied,
                  places: list[Mention]) -> list[tuple[int, int, Mention]]:
    """(start, end, antecedent) of each place noun naming a place named before it."""
    found = []
    for match in _NOMINAL.finditer(text):
        start, end = match.span("noun")
        if taken.overlaps(start, end) or text.startswith(" of ", end):
            continue  # "the city of Hasakah" names Hasakah
        kinds = _NOMINALS[match.group("noun")]
        antecedent = next((p for p in reversed(places) if p.end <= start and p.entry is not None
                           and p.entry.kind in kinds), None)
        if antecedent is not None:
            found.append((start, end, antecedent))
    return found
