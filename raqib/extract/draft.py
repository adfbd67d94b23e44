"""An event under construction, and what the stages of event typing ask of mentions."""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from typing import Any

from raqib.extract.entities import Mention
from raqib.extract.unlisted import is_unlisted
from raqib.knowledge.base import TriggerGroup
from raqib.knowledge.matcher import Hit

PLACES = ("location", "facility")


@dataclass
class Draft:
    """An event under construction, in folded offsets."""

    group: TriggerGroup
    trigger: Hit
    sentence: tuple[int, int]
    type: str = ""
    subtype: str = ""
    negated: bool = False
    modality: str = "asserted"
    irrealis: bool = False
    historical: bool = False
    generic: bool = False
    section: str = "body"  # or related, comments, trailer, caption: not part of the report
    relative: bool = False  # its trigger sits in a relative clause ("التي نصبتها ...")
    struck: bool = False  # a movement a strike hit ("struck a convoy")
    #: its actor is who told it ("the Lebanese army said") or a patron ("قناة المسيرة
    #: التابعة لجماعة الحوثيين"): maybe not who did it, so no reason to tell events apart
    actor_uncertain: bool = False
    accused: bool = False  # told as a party's accusation of another ("accused X of")
    another: bool = False  # "also", "كما": another event than the one told before
    sequel: bool = False  # in a clause set before or after another ("a day after", "بعد")
    #: told in a sentence set against what came before ("في المقابل", "on the other hand"):
    #: a denial before it does not answer it
    countered: bool = False
    until: int = sys.maxsize  # where a clause with a subject of its own opens after it
    headline: bool = False  # told in the report's headline: the body tells it again
    headed: bool = False  # placed only where it was heading: "a convoy ... toward Kobani"
    anaphoric: bool = False  # "the strike", "الهجوم": names again an event told before
    needs_antecedent: bool = False  # anaphoric, and only an event told before makes it one
    args: dict[str, Any] = field(default_factory=dict)
    carried_location: bool = False
    explained_by: Draft | None = None  # the exercise or detonation it was: one happening

    @property
    def bare_blast(self) -> bool:
        """An explosion told with nothing of its own: no actor, no weapon."""
        return (self.subtype == "explosion" and self.args.get("actor") is None
                and not self.args.get("weapons"))

    @property
    def status(self) -> tuple:
        """What must be alike for two mentions to be one event."""
        return (self.type, self.negated, self.irrealis, self.historical, self.generic,
                self.section)

def qualifies(m: Mention) -> bool:
    """A place named relative to another: near, beside, in the countryside or a part of it."""
    ref = m.attrs.get("ref") or ""
    return "#" in ref and not ref.endswith("#district")


def precision(m: Mention) -> int:
    if is_unlisted(m.entry):
        return 1  # a named village: as specific as a listed one, though placed near one
    return int(m.attrs.get("precision") or m.entry.fields.get("precision") or 1)


def weapon_class(m: Mention) -> str | None:
    return m.entry.fields["weapon_class"] if m.entry else None
