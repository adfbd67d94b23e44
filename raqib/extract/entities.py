"""Entities of one report: gazetteer and lexicon hits resolved, plus quantities and dates.

Resolution, in order:
1. a name flagged context-only (an ordinary word such as "الباب", a bare "العمر") is kept
   only after a cue for its type ("في", "حقل", "ميليشيا", ...) or an attached "ب"/"ل";
2. a name with several readings takes the curated entry over a GeoNames namesake, then
   the place in a governorate the report's unambiguous places are in, then the one in
   their country, then the most populous;
3. place phrases ("ريف دير الزور الشرقي", "near X") widen or qualify the place;
4. places the gazetteer does not list, announced by a word such as "قرية" (unlisted.py),
   take the coordinates of a listed place around them;
5. quantities attach to the entity they count ("10 مدافع ثقيلة");
6. a bare generic actor ("الميليشيات") points (`coref`) to the last affiliated actor of
   its type named before it; a place noun ("the camp", "المدينة") is the last place of
   its kind named before it, and points to it (nominals.py).
Offsets are mapped back to the original text, so `text[start:end]` is the surface form.
"""

from __future__ import annotations

import itertools
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from raqib.extract.context import CueSet, cue_set
from raqib.extract.dates import find_dates
from raqib.extract.nominals import find_nominals
from raqib.extract.places import PlacePhrases
from raqib.extract.quantities import find_quantities
from raqib.extract.self_named import find_self_named
from raqib.extract.unlisted import SMALL_KINDS, find_unlisted, repeated, unit_bases
from raqib.knowledge import lang
from raqib.knowledge.base import ENTITY_LAYER, TRIGGER_LAYER, Entry, Knowledge
from raqib.knowledge.matcher import Hit
from raqib.text.fold import FoldedText, fold_words
from raqib.text.spans import Occupied
from raqib.text.tokens import Tokens

_CONTEXT_PURPOSE = {"location": "place_context", "facility": "place_context",
                    "actor": "actor_context", "weapon": "weapon_context"}
_PLACE_TYPES = ("location", "facility")
_COUNTABLE = ("weapon", "actor", "facility")


@dataclass
class Mention:
    start: int  # folded offsets
    end: int
    type: str
    entry: Entry | None = None
    candidates: list[Entry] = field(default_factory=list)
    attrs: dict[str, Any] = field(default_factory=dict)
    counts: Mention | None = None  # for a quantity: what it counts
    antecedent: Mention | None = None  # for "the camp": the camp named before
    #: for a nationality told of equipment or a convoy ("دبابة إسرائيلية", "a Turkish
    #: convoy"): where that starts; a strike may have hit it
    owns: int | None = None


class EntityExtractor:
    def __init__(self, kb: Knowledge) -> None:
        self.kb = kb
        self.cues: dict[str, CueSet] = {
            purpose: cue_set(kb.cues, purpose) for purpose in set(_CONTEXT_PURPOSE.values())
        }
        # ... or after: "Hashd fighters", "مسيرة إسرائيلية"
        self.cues_after: dict[str, CueSet] = {
            kind: cue_set(kb.cues, f"{kind}_context_after") for kind in ("actor", "weapon")}
        self.places = PlacePhrases(kb)
        # the weapon classes a strike is made with (weapons.yaml `strike_means`)
        self.means = frozenset().union(*kb.strike_means.values())
        self.not_a_place_before = cue_set(kb.cues, "not_a_place_before")

    def extract(self, original: str, folded: FoldedText, doc: Tokens,
                hits: dict[str, list[Hit]], reference: date) -> tuple[list[dict], list[Mention]]:
        """Entity dicts (contract fields, original offsets) and the mentions behind them."""
        text = folded.text
        mentions = [m for hit in hits.get(ENTITY_LAYER, [])
                    if (m := self._mention(original, folded, doc, hit))]
        acting = [h for h in hits.get(TRIGGER_LAYER, [])
                  if any(t.payload.type in _ACTING for t in h.terms)]
        mentions += self._army_acting(doc, mentions, acting)
        self._disambiguate(mentions)
        for mention in mentions:
            if mention.type in _PLACE_TYPES:
                self._place_phrase(doc, mention)
        mentions = [m for m in _drop_overlaps(mentions) if m.type not in _PLACE_TYPES
                    or not (_in_a_quoted_name(original, folded, m)
                            or _in_an_outlets_name(original, folded, doc, m))]
        mentions = _join_named_and_generic_actors(original, folded, mentions)
        mentions = _with_self_named(original, folded, doc, mentions)
        _acronyms_as_defined(text, mentions)
        self._states_acting(doc, mentions, acting)
        mentions += self._forces_told_by_equipment(doc, mentions, acting)
        dates = [Mention(d.start, d.end, "date", attrs={"value": d.value,
                                                       "granularity": d.granularity})
                 for d in find_dates(doc, reference)]
        # "في آب 2017": a month's name that a year or a day follows is the month, not Ibb;
        # "سوق الجمعة": a weekday's name inside a place's is the place
        mentions = [m for m in mentions if not any(_within(m, d) for d in dates)]
        dates = [d for d in dates if not any(_within(d, m) for m in mentions)]
        taken = Occupied()
        for m in mentions + dates:
            taken.take(m.start, m.end)
        listed = sorted((m for m in mentions if m.type in _PLACE_TYPES), key=lambda m: m.start)
        # "مقر اللواء 137": the unit's base, a place, not the unit
        units = [m for m in mentions if m.entry is not None
                 and m.entry.ref == self.kb.numbered_unit]
        bases = []
        for start, end, entry, unit in unit_bases(original, folded, doc, units, listed):
            mentions.remove(unit)
            taken.release(unit.start)
            taken.take(start, end)
            bases.append(Mention(start, end, entry.type, entry=entry, candidates=[entry]))
        unlisted = bases + [
            Mention(start, end, entry.type, entry=entry, candidates=[entry])
            for start, end, entry in find_unlisted(original, folded, doc, taken, listed)]
        # a listed place inside an unlisted name is part of that name ("Zor Maghar"), and
        # one that a name took back is none, located or not ("ناحية أبي صيدا" is not Sidon)
        still_listed = set(map(id, listed))
        mentions = [m for m in mentions if not any(
            u.start <= m.start and m.end <= u.end for u in unlisted) and (
            m.type not in _PLACE_TYPES or id(m) in still_listed)] + unlisted
        for m in unlisted:
            taken.take(m.start, m.end)
        _one_place_per_name(text, mentions, unlisted)
        mentions += [Mention(start, end, first.type, entry=first.entry, candidates=[first.entry])
                     for start, end, first in repeated(doc, unlisted, taken)]
        places = sorted((m for m in mentions if m.type in _PLACE_TYPES), key=lambda m: m.start)
        nominals = [Mention(start, end, place.type, entry=place.entry, candidates=[place.entry],
                            antecedent=place)
                    for start, end, place in find_nominals(text, taken, places)]
        mentions += nominals
        quantities = [
            Mention(q.start, q.end, "quantity",
                    attrs={"value": q.value, "approximate": q.approximate, "unit": q.unit})
            for q in find_quantities(text) if not taken.overlaps(q.start, q.end)
        ]
        mentions = sorted(mentions + dates + quantities, key=lambda m: m.start)
        entities = [self._entity(original, folded, i, m) for i, m in enumerate(mentions)]
        ids = {id(m): e["id"] for m, e in zip(mentions, entities, strict=True)}
        for m, entity in zip(mentions, entities, strict=True):
            if m.antecedent is not None:
                entity["coref"] = ids[id(m.antecedent)]
        _attach_counts(text, mentions, entities)
        _resolve_generic_actors(entities)
        return entities, mentions

    def _mention(self, original: str, folded: FoldedText, doc: Tokens,
                 hit: Hit) -> Mention | None:
        candidates: list[Entry] = []
        for term in hit.terms:
            entry: Entry = term.payload
            if term.context_only and not self._has_context(doc, hit, entry.type):
                continue
            if (term.context_only and entry.type in _PLACE_TYPES
                    and _written_as_a_word(original, folded, hit)):
                continue  # "sources at the base said": a word, not the village of Said
            if entry.kind == "country" and (hit.prefix.endswith("ال")
                                            or _with_tanween(original, folded, hit)):
                continue  # "السورية", "رتلاً تركياً": the adjective, not the country
            if entry.kind == "country" and (_RIVER_BEFORE.before(doc, hit.start) is not None
                                            or _RIVER_AFTER.after(doc, hit.end) is not None):
                continue  # "the Niger river", "نهر النيجر": the river
            candidates.append(entry)
        if not candidates:
            return None
        if candidates[0].type in _PLACE_TYPES and self.not_a_place_before.after(doc, hit.end):
            return None  # "الضفة الغربية لنهر الفرات": a river's bank
        # the article belongs to the name's surface ("الصواريخ"); a conjunction or a
        # preposition in front ("و", "ب") does not
        start = hit.start - 2 if hit.prefix.endswith("ال") else hit.start
        return Mention(start, hit.end, candidates[0].type, candidates=candidates)

    def _has_context(self, doc: Tokens, hit: Hit, entity_type: str) -> bool:
        clitics = hit.prefix.removesuffix("ال")  # the article is no cue: "المؤدية"
        if entity_type in _PLACE_TYPES and any(c in clitics for c in "بل"):
            return True  # "بالباب", "للباب": the attached preposition is the cue
        after = self.cues_after.get(entity_type)
        if after is not None and after.after(doc, hit.end):
            return True  # "Hashd fighters", "مسيرة إسرائيلية"
        return self.cues[_CONTEXT_PURPOSE[entity_type]].before(doc, hit.start) is not None

    def _army_acting(self, doc: Tokens, mentions: list[Mention],
                     acting: list[Hit]) -> list[Mention]:
        """"The army" alone, where it strikes or moves, is the forces of the report's
        government ("the army sent reinforcements", "أرسل الجيش تعزيزات", "بعد انسحاب الجيش");
        elsewhere it may be an institution, a target or a place."""
        if self.kb.government_forces is None or _ARMY.isdisjoint(doc.words):
            return []
        entry = self.kb.entries[self.kb.government_forces]
        found = []
        for i, word in enumerate(doc.words):
            if word not in _ARMY or (word.isascii() and (i == 0 or doc.words[i - 1] != "the")):
                continue
            army = Mention(doc.starts[i], doc.ends[i], "actor", entry=entry, candidates=[entry])
            if any(m.start < army.end and army.start < m.end for m in mentions):
                continue  # "الجيش السوري", "army units": named already
            if any(subject_of(doc, army, hit) or whose_movement(doc, hit, army)
                   for hit in acting):
                found.append(army)
        return found

    def _states_acting(self, doc: Tokens, mentions: list[Mention], acting: list[Hit]) -> None:
        """A country that is a strike's or a movement's subject is its forces: "Israel
        struck", "أطلقت إيران عشرات المسيرات"."""
        for m in mentions:
            forces = self.kb.state_forces.get(m.entry.ref) if m.entry is not None else None
            if forces is not None and any(subject_of(doc, m, hit) for hit in acting):
                entry = self.kb.entries[forces]
                m.type, m.entry, m.candidates = "actor", entry, [entry]

    def _forces_told_by_equipment(self, doc: Tokens, mentions: list[Mention],
                                  acting: list[Hit]) -> list[Mention]:
        """Whose forces a weapon, a convoy or a strike or movement is, told by its
        nationality ("a Turkish drone", "مسيرة إسرائيلية", "U.S. aircraft", "رتل عسكري تركي",
        "Israeli air strikes", "غارات إسرائيلية") or by the name one side gives the other
        ("طائرات الاحتلال", "رتل للاحتلال", "قصف العدوان"): an actor beside it; not where it
        was made ("مسيرة إيرانية الصنع")."""
        carriers = [(w.start, w.end, w.entry.fields["weapon_class"] in self.means)
                    for w in mentions if w.type == "weapon"]
        # (only a trigger that needs nothing more: "Israeli or US strikes" is no strike)
        carriers += [(h.start, h.end, True) for h in acting
                     if all(t.payload.requires is None for t in h.terms)]
        if not _CONVOYS.isdisjoint(doc.words):  # (most reports name no convoy)
            carriers += [(doc.starts[i], doc.ends[i], False)
                         for i, word in enumerate(doc.words) if word in _CONVOYS]
        found = []
        for start, end, means in carriers:
            told = (self._nationality_before(doc, start) if doc.text[start:end].isascii()
                    else self._told_after(doc, end))
            if told is None or any(m.start < told[1] and told[0] < m.end
                                   for m in mentions + found):
                continue
            entry = self.kb.entries[told[2]]
            found.append(Mention(told[0], told[1], "actor", entry=entry, candidates=[entry],
                                 owns=None if means else start))
        return found

    def _nationality_before(self, doc: Tokens, start: int) -> tuple[int, int, str] | None:
        """"Israeli tanks", "U.S. aircraft": the adjective right before `start`."""
        i = doc.last_before(start)
        if i < 0 or doc.text[doc.ends[i]:start] not in (" ", ". "):
            return None
        first = i  # an abbreviation's letters: "U.S."
        while (first > 0 and len(doc.words[first]) == 1
               and doc.text[doc.ends[first - 1]:doc.starts[first]] == "."):
            first -= 1
        if (first == i) != (doc.text[doc.ends[i]:start] == " "):
            return None
        forces = self.kb.forces_by_adjective.get(" ".join(doc.words[first:i + 1]))
        end = doc.ends[i] + (first < i)  # with an abbreviation's last dot
        return None if forces is None else (doc.starts[first], end, forces)

    def _told_after(self, doc: Tokens, end: int) -> tuple[int, int, str] | None:
        """"دبابات إسرائيلية", "رتل عسكري تركي", "طائرات الاحتلال الإسرائيلي", "رتل
        للاحتلال": the adjective or the owner right after `end`."""
        i = _word_right_after(doc, end)
        if i >= 0 and doc.words[i] in _MILITARY:
            i = _word_right_after(doc, doc.ends[i])
        if i < 0:
            return None
        word = doc.words[i]
        forces = self.kb.forces_by_adjective.get(word.removeprefix("ال"))
        if forces is not None:
            following = doc.first_after(doc.ends[i])
            if following >= 0 and doc.words[following] in _MADE:
                return None
            return doc.starts[i], doc.ends[i], forces
        owner = "ا" + word[1:] if word.startswith("لل") else word  # "للاحتلال"
        if owner not in self.kb.owner_words:
            return None
        following = _word_right_after(doc, doc.ends[i])
        if following >= 0:  # "الاحتلال الإسرائيلي": the longer name
            forces = self.kb.forces_by_owner.get(f"{owner} {doc.words[following]}")
            if forces is not None:
                return doc.starts[i], doc.ends[following], forces
        forces = self.kb.forces_by_owner.get(owner)
        return None if forces is None else (doc.starts[i], doc.ends[i], forces)

    def _disambiguate(self, mentions: list[Mention]) -> None:
        anchors = Counter(
            m.candidates[0].admin_key for m in mentions
            if len({c.admin_key for c in m.candidates}) == 1 and m.candidates[0].admin_key
        )
        countries = Counter(key.split(".")[0] for key in anchors.elements())
        for mention in mentions:
            mention.entry = max(
                mention.candidates,
                key=lambda e: (
                    e.curated,
                    anchors.get(e.admin_key or "", 0),
                    countries.get(e.fields.get("country") or "", 0),
                    e.population,
                ),
            )
            mention.type = mention.entry.type
        self._governments(mentions, countries)

    def _governments(self, mentions: list[Mention], countries: Counter) -> None:
        """"القوات الحكومية", "government troops": the forces of the government of the
        country most of the report's places lie in (Yemen's, Sudan's, Syria's), when Raqib
        knows them."""
        country = countries.most_common(1)[0][0] if countries else None
        forces = self.kb.governments.get(country or "")
        if forces is None:
            return
        entry = self.kb.entries[forces]
        for m in mentions:
            if m.entry.ref == self.kb.government_forces:
                m.entry, m.candidates = entry, [entry]

    def _place_phrase(self, doc: Tokens, mention: Mention) -> None:
        phrase = self.places.around(doc, mention.start, mention.end, mention.entry)
        if phrase is None:
            return
        mention.start, mention.end = phrase.start, phrase.end
        mention.attrs.update(
            ref=phrase.ref, canonical=phrase.canonical, kind=phrase.kind,
            precision=phrase.precision, lat=phrase.lat, lon=phrase.lon,
        )

    def _entity(self, original: str, folded: FoldedText, index: int, m: Mention) -> dict:
        start, end = folded.span(m.start, m.end)
        entity: dict[str, Any] = {"id": f"e{index}", "type": m.type,
                                  "text": original[start:end], "start": start, "end": end}
        if m.entry is not None:
            entity["canonical"] = m.entry.canonical
            entity["ref"] = m.entry.ref
            entity.update({k: v for k, v in m.entry.fields.items() if k != "heavy"})
            if m.type == "weapon":
                entity["heavy"] = bool(m.entry.fields.get("heavy"))
            if m.type == "actor":
                entity["generic"] = m.entry.generic
        else:
            entity["canonical"] = str(m.attrs["value"])
            entity["ref"] = None
        entity.update(m.attrs)
        return entity


#: the event types a state acts in with its forces
_ACTING = ("strike", "troop_movement")
#: "Israel said its jets struck": the state telling what it did
_SELF_REPORT = frozenset(map(fold_words, lang.words("events.yaml", "self_report")))
_SELF_REPORT_WORDS = frozenset(map(fold_words, lang.words("events.yaml", "self_report_words")))
_STATEMENT_OPENERS = frozenset(map(fold_words, lang.words("events.yaml", "statement_openers")))


def _within(inner: Mention, outer: Mention) -> bool:
    """Whether `inner` lies inside the longer `outer`."""
    return (outer.start <= inner.start and inner.end <= outer.end
            and outer.end - outer.start > inner.end - inner.start)


#: the quotation marks around a name; a name in them has at most this many words
_QUOTES = {"«": "»", "“": "”", '"': '"'}
_QUOTED_NAME_WORDS = 3


def _in_a_quoted_name(original: str, folded: FoldedText, m: Mention) -> bool:
    """A place that is one word of a short quoted name names an outlet or an operation, not
    where anything was ("تحدث لـ«أخبار البقاع»", "عملية «درع الفرات»"); a place quoted
    alone ("بلدة «الجرذي»") is still the place."""
    start, end = folded.origin(m.start), folded.origin(m.end)
    before = original[max(0, start - 40):start]
    for opening, closing in _QUOTES.items():
        at, close = before.rfind(opening), original.find(closing, end, end + 40)
        if at < 0 or close < 0 or closing in before[at + 1:] or "\n" in before[at:]:
            continue
        quoted = original[start - len(before) + at + 1:close]
        line = original.rfind("\n", 0, start) + 1
        if opening == closing and (original.count(opening, line, start) % 2 == 0
                                   or not quoted.isascii()):
            # a straight quote before it closed a name: outside quotes; Arabic puts them
            # around any phrase it stresses
            continue
        return "\n" not in quoted and len(quoted.split()) <= _QUOTED_NAME_WORDS and (
            quoted.strip() != original[start:end].strip())
    return False


def _one_place_per_name(text: str, mentions: list[Mention], unlisted: list[Mention]) -> None:
    """A name the report gives twice is one place: an unlisted place is where the report
    first tells it (a quarter in the headline and again in the body); a village the report
    names as such ("بلدة الطيبة في قضاء مرجعيون") is the place its name means elsewhere in
    the report too ("الجيش يدخل الطيبة"), not a namesake of another country the gazetteer
    lists."""
    first: dict[tuple[str | None, str], Entry] = {}
    for u in sorted(unlisted, key=lambda m: m.start):
        first.setdefault((u.entry.fields["country"], text[u.start:u.end]), u.entry)
    for u in unlisted:
        u.entry = first[(u.entry.fields["country"], text[u.start:u.end])]
        u.type, u.candidates = u.entry.type, [u.entry]
    villages = {text[u.start:u.end]: u for u in unlisted
                if u.entry.fields.get("kind") in SMALL_KINDS}
    for m in mentions:
        village = villages.get(text[m.start:m.end])
        if (village is not None and m.entry is not None and m.entry.fields.get("country")
                != village.entry.fields.get("country")):
            m.type, m.entry, m.candidates = village.type, village.entry, [village.entry]


_ARMY = frozenset(lang.words("events.yaml", "army"))  # "الجيش", "army" (after "the")
_MADE = frozenset(lang.words("events.yaml", "made"))  # "إيرانية الصنع": where it was made
_CONVOYS = frozenset(lang.words("events.yaml", "convoys"))  # "رتل", "convoy"
_MILITARY = frozenset(lang.words("events.yaml", "military"))  # "عسكري" in "رتل عسكري تركي"

_RIVER_BEFORE = CueSet(lang.words("places.yaml", "river_before"))
_RIVER_AFTER = CueSet(lang.words("places.yaml", "river_after"))
_OUTLET_BEFORE = CueSet(lang.words("places.yaml", "outlet_before"))
_OUTLET_AFTER = CueSet(lang.words("places.yaml", "outlet_after"))


def _word_right_after(doc: Tokens, end: int) -> int:
    """The word one space after `end`, or -1."""
    i = doc.first_after(end)
    return i if i >= 0 and doc.text[end:doc.starts[i]] == " " else -1


def _in_an_outlets_name(original: str, folded: FoldedText, doc: Tokens, m: Mention) -> bool:
    """A place in an outlet's name ("(Levant Wire)", "told Kirkuk Post", "(Gulf Maritime
    Wire)") is where the outlet is, not where anything happened."""
    if _OUTLET_BEFORE.before(doc, m.start) is not None:
        return True
    end = m.end
    for _ in range(_OUTLET_WORDS_BETWEEN + 1):
        after = _OUTLET_AFTER.after(doc, end)
        i = doc.first_after(end)
        if i < 0 or doc.text[end:doc.starts[i]] != " " or not (
                doc.words[i].isascii() and original[folded.origin(doc.starts[i])].isupper()):
            return False
        if after is not None:
            return True
        end = doc.ends[i]  # a capitalised word of the name: "Maritime"
    return False


_OUTLET_WORDS_BETWEEN = 1


def _surface(original: str, folded: FoldedText, start: int, end: int, tail: int = 0) -> str:
    """The original text of the folded span [start, end), and `tail` characters after it."""
    return original[folded.origin(start):folded.origin(end) + tail]


def _with_tanween(original: str, folded: FoldedText, hit: Hit) -> bool:
    """Whether the word ends in the accusative's double fatha (folding drops it)."""
    return "\u064b" in _surface(original, folded, hit.start, hit.end, tail=1)


def _written_as_a_word(original: str, folded: FoldedText, hit: Hit) -> bool:
    """An English name in lower case is the word it is also: "said", "hit"."""
    surface = _surface(original, folded, hit.start, hit.end)
    return surface.isascii() and surface.islower()


def subject_of(doc: Tokens, m: Mention, hit: Hit) -> bool:
    """Whether `m` is the subject of the trigger at `hit`: named right before an English
    trigger ("Iran launched drones at Israel"), or right after an Arabic one that agrees
    with it ("أطلقت إيران عشرات المسيرات", "غارات إسرائيل": a verb or plural in -ت), or
    right before an Arabic verb that agrees with it, opening its sentence or a statement
    ("واشنطن تقصف مواقع", "قال إن إيران أطلقت")."""
    word = doc.text[hit.start:hit.end]
    if word.isascii():
        between = doc.text[m.end:hit.start].split()
        return m.end <= hit.start and (not between or (
            between[0] in _SELF_REPORT and _SELF_REPORT_WORDS.issuperset(between[1:])))
    following = doc.first_after(hit.end)
    if following >= 0 and word.endswith("ت") and m.start == doc.starts[following]:
        return True
    if m.end > hit.start or doc.text[m.end:hit.start] != " " or not (
            word.startswith("ت") or word.endswith("ت")):
        return False
    before = doc.last_before(m.start)
    return before < doc.first_of_sentence(m.start) or doc.words[before] in _STATEMENT_OPENERS


def _with_self_named(original: str, folded: FoldedText, doc: Tokens,
                     mentions: list[Mention]) -> list[Mention]:
    """The mentions with the groups named as they name themselves, which hold the names
    inside theirs ("«قوات تحرير عفرين»" is no place)."""
    named = find_self_named(original, folded, doc, [(m.start, m.end) for m in mentions])
    if not named:
        return mentions
    return [m for m in mentions if not any(m.start < end and start < m.end
                                           for start, end, _ in named)] + [
        Mention(start, end, "actor", entry=entry, candidates=[entry])
        for start, end, entry in named]


def whose_movement(doc: Tokens, hit: Hit, m: Mention) -> bool:
    """Whether `m` is whose the movement at `hit` is, named right after it: "انسحاب الجيش"."""
    return (not doc.text[hit.start:hit.end].isascii() and doc.text[hit.end:m.start] == " "
            and any(t.payload.type == "troop_movement" for t in hit.terms))


def _drop_overlaps(mentions: list[Mention]) -> list[Mention]:
    """A widened place phrase swallows the names inside it ("ريف" + direction words)."""
    occupied = Occupied()
    return [m for m in sorted(mentions, key=lambda m: (-(m.end - m.start), m.start))
            if occupied.take(m.start, m.end)]


def _join_named_and_generic_actors(original: str, folded: FoldedText,
                                   mentions: list[Mention]) -> list[Mention]:
    """A named actor and a generic noun right beside it are one actor, the named one:
    "HTS militants", "Asayish security forces"."""
    ordered = sorted(mentions, key=lambda m: m.start)
    dropped: set[int] = set()
    for a, b in zip(ordered, ordered[1:], strict=False):
        if (a.type == b.type == "actor" and a.entry is not None and b.entry is not None
                and a.entry.generic != b.entry.generic and id(a) not in dropped
                and original[folded.span(a.start, a.end)[1]:folded.origin(b.start)] == " "):
            named, generic = (b, a) if a.entry.generic else (a, b)
            named.start, named.end = a.start, b.end
            dropped.add(id(generic))
    return [m for m in ordered if id(m) not in dropped]


def _acronyms_as_defined(text: str, mentions: list[Mention]) -> None:
    """An actor's short name in brackets after its full name is that actor in the whole
    report: "Somali National Army (SNA) troops" (not the Syrian National Army), "قوات
    سوريا الديمقراطية (قسد)". A description with the name in brackets is the named actor:
    "قوى الأمن الداخلي (الأسايش)"."""
    actors = sorted((m for m in mentions if m.type == "actor"), key=lambda m: m.start)
    defined: dict[str, Entry] = {}
    for full, short in itertools.pairwise(actors):
        if (full.entry is not None and short.entry is not None and short.entry.ref != full.entry.ref
                and text[full.end:short.start] == " (" and text.startswith(")", short.end)):
            if full.entry.generic and not short.entry.generic:
                full.entry, full.candidates = short.entry, [short.entry]
            else:
                defined.setdefault(text[short.start:short.end], full.entry)
    if not defined:
        return
    for m in actors:
        entry = defined.get(text[m.start:m.end])
        if entry is not None:
            m.entry, m.candidates = entry, [entry]


def _resolve_generic_actors(entities: list[dict]) -> None:
    """A bare "الميليشيات" refers back to the last affiliated actor of its kind ("coref")."""
    last_of_type: dict[str, dict] = {}
    for entity in entities:
        if entity["type"] != "actor":
            continue
        if entity.get("generic") and entity.get("affiliation") is None:
            antecedent = last_of_type.get(entity["actor_type"])
            if antecedent is not None:
                entity["coref"] = antecedent["id"]
        elif entity.get("affiliation"):
            last_of_type[entity["actor_type"]] = entity


def _attach_counts(text: str, mentions: list[Mention], entities: list[dict]) -> None:
    """A quantity counts the entity that starts right after it ("10 مدافع", "three drones")."""
    for i, m in enumerate(mentions[:-1]):
        if m.type != "quantity" or m.attrs.get("unit"):
            continue
        nxt = mentions[i + 1]
        gap = text[m.end : nxt.start].split()
        if nxt.type in _COUNTABLE and (not gap or gap in (["of"], ["من"])):
            m.counts = nxt
            entities[i]["counts"] = entities[i + 1]["id"]
