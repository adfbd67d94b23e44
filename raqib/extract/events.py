"""Events of one report: triggers typed, qualified by their cues, linked to entities.

Per sentence, each trigger (events.yaml) becomes an event if its group's needs are met
(a weapon for "أطلق", an armed actor or weapon for "نشر"). Then:

- negated: a negation right before the trigger ("لم تطلق", "did not fire"), or a denial
  earlier in the sentence ("نفت ... أن");
- modality: denied > claimed > reported (another party's media) > hedged > asserted;
  what others said happened, refuted later in the sentence, is denied ("reports of
  clashes were completely false");
- irrealis: a purpose or fear right before it ("خوفا من استهداف", "in order to
  attack"), or a plan or threat earlier in its clause ("هددت ... باستهداف", "was plotting
  to detonate a car bomb targeting"): not a fact, kept with low confidence and flagged;
- historical: its date lies days before the report's reference date, its sentence
  marks an anniversary ("الذكرى السابعة", "to mark six years since"), or weeks or years
  passed since it ("two weeks after a drone attack", "بعد أشهر من القصف");
- arguments from the same sentence: actor (nearest armed actor that is not a target),
  target (a facility, or what follows "باتجاه", "toward", "against"), location, weapons,
  quantity, time; a place named in an earlier sentence is carried over when none is.

Finally, explosions that the report explains as an exercise ("الانفجارات ... نتيجة
تدريبات عسكرية") are retyped `exercise`, together with the report's other explosions at a
compatible place.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from raqib.extract.context import CueSet
from raqib.extract.entities import Mention
from raqib.extract.unlisted import is_unlisted, without_place_noun
from raqib.geo import distance_km
from raqib.knowledge import lang
from raqib.knowledge.base import (
    CUE_LAYER,
    SECTION_CUE,
    TOPIC_CUE,
    TRIGGER_LAYER,
    Knowledge,
    TriggerGroup,
)
from raqib.knowledge.matcher import Hit
from raqib.text.fold import FoldedText
from raqib.text.tokens import Tokens

_PLACES = ("location", "facility")
_TARGET_TYPES = ("location", "facility", "actor")
_AIMED = ("strike", "troop_movement")  # event types that have a target
_NOT_ARMED = ("monitor", "media", "organisation", "government")
# cue words of the languages (data/lang/*/events.yaml): what a place is to an event
_TARGET_CUES = CueSet(lang.words("events.yaml", "target_cues"))
_LOCATIVE_CUES = CueSet(lang.words("events.yaml", "locative_cues"))
_ORIGIN_CUES = CueSet(lang.words("events.yaml", "origin_cues"))
_PATRON_CUES = CueSet(lang.words("events.yaml", "patron_cues"))
_ACCUSED_CUES = CueSet(lang.words("events.yaml", "accused_cues"))
_ANY = frozenset(lang.words("events.yaml", "any_words"))
_STATEMENT_OPENERS = frozenset(lang.words("events.yaml", "statement_openers"))
_SPEECH_AFTER = frozenset(lang.words("events.yaml", "speech_after"))
_SPEECH_BEFORE = CueSet(lang.words("events.yaml", "speech_before"))
# Words that end one clause and start another; a relative pronoun only ends one.
_CLAUSE_BREAK = re.compile(
    rf"(?<!\w)(?:{lang.alternation(lang.words('events.yaml', 'clause_break_prefixes'))}?"
    rf"{lang.alternation(lang.words('events.yaml', 'clause_breaks'))}|"
    rf"(?P<relative>{lang.alternation(lang.words('events.yaml', 'relative_pronouns'))}))"
    r"(?!\w)|[;؛]")
_COMMA = re.compile("[,،]")
# cue kind (events.yaml) -> modality, strongest first (a relayed report the outlet
# itself hedges is hedged)
_EXPLAINING_OTHERS = ("controlled_detonation", "defusal", "accident")
_MODALITY_OF_CUE = {"denial": "denied", "claim": "claimed", "hedged": "hedged",
                    "reported": "reported"}
#: an event's modality is the most direct of its mentions' ("denied" makes it negated)
_MODALITY_RANK = ("asserted", "reported", "hedged", "claimed", "denied")
#: a subtype a more specific mention of the same event replaces
_VAGUE_SUBTYPES = frozenset({"unknown", "intercepted"})
_NEGATION_GAP = 3  # words allowed between a negation and its trigger
_IRREALIS_GAP = 3
#: places this close are one neighbourhood: blasts heard there are the strike's
_NEAR_KM = 10.0
#: words between "reports of" and the trigger it frames, when the sentence refutes it:
#: "ما أوردته قناة المسيرة التابعة للميليشيا الحوثية بشأن شن طيران التحالف غارات"
_RUMOUR_GAP = 12
_STRUCK_GAP = 4  # words from a strike to the movement it hit: "struck a WFP aid convoy"
_RETRACTION_GAP = 5  # words from a denial to what it denies: "نفى مصدر في قسد ذلك"
_REFUTED_GAP = 3  # words from "the reports" to "false": "the reports were completely false"
_SUBJECT_GAP = 8  # words from a trigger to what is said of it: "the attack on X never happened"


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
    section: str = "body"  # or related, comments, trailer: not part of the report
    relative: bool = False  # its trigger sits in a relative clause ("التي نصبتها ...")
    struck: bool = False  # a movement a strike hit ("struck a convoy")
    #: its actor is who told it ("the Lebanese army said") or a patron ("قناة المسيرة
    #: التابعة لجماعة الحوثيين"): maybe not who did it, so no reason to tell events apart
    actor_uncertain: bool = False
    anaphoric: bool = False  # "the strike", "الهجوم": names again an event told before
    needs_antecedent: bool = False  # anaphoric, and only an event told before makes it one
    args: dict[str, Any] = field(default_factory=dict)
    carried_location: bool = False
    explained_by: Draft | None = None  # the exercise or detonation it was: one happening

    @property
    def status(self) -> tuple:
        """What must be alike for two mentions to be one event."""
        return (self.type, self.negated, self.irrealis, self.historical, self.generic,
                self.section)


#: Triggers read per sentence: real sentences have a handful; a hostile "sentence" of
#: 20,000 repeated verbs must not cost minutes (linking is linear in the sentence).
MAX_TRIGGERS_PER_SENTENCE = 20


class EventTyper:
    def __init__(self, kb: Knowledge) -> None:
        self.kb = kb

    def events(self, original: str, folded: FoldedText, doc: Tokens,
               sentences: list[tuple[int, int]], hits: dict[str, list[Hit]],
               mentions: list[Mention], entities: list[dict], reference: date) -> list[dict]:
        ids = {id(m): e["id"] for m, e in zip(mentions, entities, strict=True)}
        drafts: list[Draft] = []
        last_place: Mention | None = None
        triggers = _ByStart(hits.get(TRIGGER_LAYER, []))
        cues = _ByStart(hits.get(CUE_LAYER, []))
        named_places = [m for m in mentions if m.type in _PLACES]
        filed_from = [(lo, hi) for lo, hi in _datelines(doc.text)
                      if any(m.start == lo or m.end == hi for m in named_places)]
        by_start = _ByStart([m for m in mentions if not _in_any(m, filed_from)])
        dateline_places = [m for m in mentions if m.type in _PLACES and _in_any(m, filed_from)]
        sections = _sections(doc.text, sentences, cues.items)
        off_topic = _off_topic(sentences, cues.items)
        for (s_start, s_end), section, other_sense in zip(sentences, sections, off_topic,
                                                          strict=True):
            in_sentence = by_start.within(s_start, s_end)
            named = [m for m in in_sentence if m.entry is not None]
            sentence_drafts = []
            for hit in ([] if other_sense else
                        triggers.within(s_start, s_end)[:MAX_TRIGGERS_PER_SENTENCE]):
                if any(m.start <= hit.start and hit.end <= m.end for m in named):
                    continue  # part of a name: "منصات إطلاق صواريخ" is a weapon, not a launch
                draft = self._draft(doc, hit, (s_start, s_end), in_sentence)
                if draft is not None:
                    draft.section = section
                    sentence_drafts.append(draft)
            sentence_drafts = [one for draft in sentence_drafts
                               for one in _per_place(doc.text, draft, in_sentence)]
            _merge_attacks_into_clashes(sentence_drafts, self.kb.exchange_of_fire)
            _mark_struck_movements(doc.text, sentence_drafts)
            for draft in sentence_drafts:
                opening = _clause_opening(doc.text, draft.trigger, draft.sentence)
                self._qualify(doc, draft, cues.within(opening, draft.trigger.start),
                              cues.within(s_start, s_end), reference)
                draft.generic = _habitual(doc.text, draft, cues.within(s_start, s_end))
                # else where the last event was; else where a place was last named; else
                # where the report was filed from ("sent reinforcements to the area")
                carried = next((d.args["location"] for d in reversed(drafts)
                                if d.args.get("location") is not None
                                and d.section == draft.section), None) or last_place or next(
                    (m for m in reversed(dateline_places) if m.start < s_end), None)
                if draft.args.get("location") is None and carried is not None:
                    draft.args["location"] = carried
                    draft.carried_location = True
            _answer_denials(sentence_drafts)
            _retract(doc.text, cues.within(s_start, s_end), sentence_drafts, drafts)
            drafts.extend(sentence_drafts)
            # "in the Hawija district southwest of Kirkuk": Hawija, not its qualifier
            places = [m for m in _without_qualifiers(doc.text, in_sentence) if m.type in _PLACES]
            if places:
                last_place = places[-1]
        _recast_explained_strikes(doc.text, drafts, cues.items)
        drafts = [d for d in drafts if d.subtype != "accident"]  # not a security event
        drafts = _without_struck_movements(drafts)
        actors = {ids[id(m)]: e for m, e in zip(mentions, entities, strict=True)}
        happenings = _one_per_happening(drafts, lambda m: _actor_identity(m, ids, actors),
                                        self.kb.fires)
        return [self._event(original, folded, i, group, ids)
                for i, group in enumerate(happenings)]

    def _draft(self, doc: Tokens, hit: Hit, sentence: tuple[int, int],
               mentions: list[Mention]) -> Draft | None:
        for term in hit.terms:
            group: TriggerGroup = term.payload
            if not self._sense_fits(doc, hit, group, mentions):
                continue
            ranges = _clause(doc.text, hit, sentence)
            scope = [m for m in mentions if any(lo <= m.start < hi for lo, hi in ranges)]
            # what the trigger needs is looked for in its sentence, its arguments in its clause
            weapons = [m for m in mentions if m.type == "weapon"]
            armed = [m for m in mentions if m.type == "actor" and _armed(m)]
            # "وجاء الهجوم بعد ...": a mention of an event told before needs nothing more
            met = (group.requires is None or weapons if group.requires == "weapon"
                   else group.requires is None or weapons or armed)
            anaphoric = _anaphoric(doc, hit)
            if not met and not anaphoric:
                continue
            draft = Draft(group, hit, sentence, type=group.type, subtype=group.subtype,
                          relative=_in_relative_clause(doc.text, hit, sentence),
                          anaphoric=anaphoric, needs_antecedent=not met)
            draft.args = _link(doc, hit, scope, mentions, group.type)
            if group.subtype == "withdrawal":
                _from_where_they_left(doc, hit, scope, draft.args)
            if group.subtype == "intercepted":
                draft.args["actor"] = None  # who shot the drones down did not attack
            actor = draft.args.get("actor")
            draft.actor_uncertain = actor is not None and (
                _is_speaker(doc, actor) or _PATRON_CUES.before(doc, actor.start) is not None)
            return draft
        return None

    @staticmethod
    def _sense_fits(doc: Tokens, hit: Hit, group: TriggerGroup, mentions: list[Mention]) -> bool:
        """Words around the trigger that give it another sense ("نشر المرصد ... بأن")."""
        following = doc.first_after(hit.end)
        if following >= 0 and doc.words[following] in group.not_followed_by:
            return False
        preceding = doc.last_before(hit.start)
        if preceding >= 0 and doc.words[preceding] in group.not_preceded_by:
            return False
        if group.not_near and following >= 0:
            last = min(following + 6, doc.last_of_sentence(hit.end) + 1)
            if group.not_near.intersection(doc.words[following:last]):
                return False
        if group.not_followed_by and following >= 0:
            # "نشر المرصد السوري": a monitor or outlet right after it publishes, not deploys
            after = next((m for m in mentions if m.start == doc.starts[following]), None)
            if after is not None and after.type == "actor" and not _armed(after):
                return False
        return True

    def _qualify(self, doc: Tokens, draft: Draft, cues_before: list[Hit],
                 in_sentence: list[Hit], reference: date) -> None:
        """`cues_before`: in the trigger's clause before it; `in_sentence`: all of its
        sentence's."""
        hit = draft.trigger
        cues_after = [cue for cue in in_sentence if cue.start >= hit.end]
        kinds: dict[str, Hit] = {}
        for cue in cues_before:
            for term in cue.terms:
                kinds[term.payload] = cue  # the last one before the trigger
        negation = kinds.get("negation")
        if negation and self._negates(doc, negation, hit):
            draft.negated = True
        irrealis = kinds.get("irrealis")
        if irrealis and _words_between(doc.text, irrealis.end, hit.start) <= _IRREALIS_GAP:
            draft.irrealis = True
        if _purpose(doc, hit) or "plan" in kinds:
            draft.irrealis = True  # "كان يخطط لتفجير عجلة مفخخة تستهدف", "threatened to"
        if doc.text[draft.sentence[0]:draft.sentence[1]].rstrip().endswith(("?", "؟")):
            draft.irrealis = True  # a question: "هل تعود المعارك إلى شرق الفرات؟"
        if any(term.payload == "anniversary" for cue in in_sentence for term in cue.terms):
            draft.historical = True  # "الذكرى السابعة ل", "to mark six years since"
        # "two weeks after a drone attack set a tank on fire": the sentence's, as "after"
        # opens the trigger's clause
        if any(term.payload == "elapsed" and cue.end <= hit.start
               and _words_between(doc.text, cue.end, hit.start) <= _IRREALIS_GAP
               for cue in in_sentence for term in cue.terms):
            draft.historical = True
        rumour = kinds.get("rumour")
        if rumour and _words_between(doc.text, rumour.end, hit.start) <= _RUMOUR_GAP and any(
                term.payload == "refutation" for cue in cues_after for term in cue.terms):
            # "reports of clashes were completely false", "ما أوردته قناة المسيرة بشأن شن
            # طيران التحالف غارات على صعدة ادعاءات باطلة"
            kinds["denial"] = rumour
        if any(term.payload == "irrealis_after" and _words_between(doc.text, hit.end, cue.start)
               <= 1 for cue in cues_after for term in cue.terms):
            draft.irrealis = True  # "أي ضربة محتملة", "هجوم وشيك"
        after = next((cue for cue in cues_after for term in cue.terms
                      if term.payload == "not_happened"), None)
        if after is not None and _words_between(doc.text, hit.end, after.start) <= _SUBJECT_GAP:
            draft.negated = True  # "the attack never happened", "القصف لم يحدث"
        if "authorship_denial" in kinds and (
                "denial" not in kinds or kinds["denial"].start < kinds["authorship_denial"].start):
            kinds.pop("denial", None)  # "denied any involvement in the attack": it happened
        draft.modality = next(
            (modality for cue, modality in _MODALITY_OF_CUE.items() if cue in kinds), "asserted")
        if draft.modality == "denied":
            draft.negated = True
        time = draft.args.get("time")
        if time is not None and not draft.historical:
            draft.historical = _is_past(time.attrs, reference, self.kb.historical_after_days)
        if time is not None and _is_future(time.attrs, reference):
            draft.irrealis = True  # "exercises next week", "غدا": not yet a fact

    def _negates(self, doc: Tokens, negation: Hit, hit: Hit) -> bool:
        """Arabic negates the next verb: only fillers ("أي", "عمليات") may come between."""
        between = doc.text[negation.end : hit.start]
        if "," in between or "،" in between:
            return False
        words = between.split()
        if doc.text[hit.start : hit.end].isascii():
            return len(words) <= _NEGATION_GAP
        if all(w in self.kb.negation_fillers for w in words):
            return True
        # "لم تشهد المدينة أي اشتباكات": "any" carries the negation across a subject
        return len(words) <= _NEGATION_GAP and any(w in _ANY for w in words[1:])

    def _event(self, original: str, folded: FoldedText, index: int, mentions: list[Draft],
               ids: dict[int, str]) -> dict:
        """One event from the mentions of one happening (the first is its main one)."""
        d = mentions[0]
        args = _merged_args(mentions)

        def ref(key: str) -> str | None:
            mention = args.get(key)
            return ids[id(mention)] if mention is not None else None

        def span(m: Draft) -> dict:
            t_start, t_end = folded.span(m.trigger.start, m.trigger.end)
            s_start, s_end = folded.span(*m.sentence)
            return {"trigger": {"text": original[t_start:t_end], "start": t_start, "end": t_end},
                    "sentence": {"start": s_start, "end": s_end}}

        spans = [span(m) for m in mentions]
        told = [m for m in mentions if not m.anaphoric] or mentions
        modality = min((m.modality for m in told), key=_MODALITY_RANK.index)
        return {
            "id": f"v{index}",
            "type": d.type,
            "subtype": next((m.subtype for m in mentions if m.subtype not in _VAGUE_SUBTYPES),
                            d.subtype),
            "negated": d.negated,
            "modality": modality,
            "irrealis": d.irrealis,
            "historical": d.historical,
            "generic": d.generic,
            "section": d.section,
            "counts": not (d.negated or d.irrealis or d.historical or d.generic
                           or modality == "denied" or d.section != "body"),
            "trigger": spans[0]["trigger"],
            "sentence": spans[0]["sentence"],
            "mentions": spans,
            "actor": ref("actor"),
            "target": ref("target"),
            "location": ref("location"),
            "weapons": [ids[id(w)] for w in args["weapons"]],
            "quantity": ref("quantity"),
            "time": ref("time"),
            "confidence": max(_confidence(m) for m in mentions),
        }


class _ByStart:
    """Items (hits, mentions) sorted by start, sliced by a range of starts."""

    def __init__(self, items: list) -> None:
        self.items = sorted(items, key=lambda item: item.start)
        self.starts = [item.start for item in self.items]

    def within(self, lo: int, hi: int) -> list:
        return self.items[bisect_left(self.starts, lo) : bisect_left(self.starts, hi)]


def _centre(m: Mention) -> int:
    return (m.start + m.end) // 2


def _armed(m: Mention) -> bool:
    return m.entry is not None and m.entry.fields.get("actor_type") not in _NOT_ARMED


def _nearest(hit: Hit, mentions: list[Mention]) -> Mention | None:
    return min(mentions, key=lambda m: abs(_centre(m) - hit.start), default=None)


def _is_target(doc: Tokens, m: Mention) -> bool:
    return _TARGET_CUES.before(doc, m.start) is not None


def _clause_opening(text: str, hit: Hit, sentence: tuple[int, int]) -> int:
    """Where the trigger's clause opens, the word that opens it included: "خوفا من" both
    breaks the clause and makes what follows a fear, not a fact."""
    opening = sentence[0]
    for m in _CLAUSE_BREAK.finditer(text, sentence[0], hit.start):
        if not m.group("relative") and m.end() <= hit.start:
            opening = m.start()
    return opening


def _clause(text: str, hit: Hit, sentence: tuple[int, int]) -> list[tuple[int, int]]:
    """The folded ranges where the trigger's arguments are: its clause, within its sentence.

    Clause breaks ("في ظل", "بعد", "amid", ";") bound it. A relative clause ("التي
    نصبتها قرب ...") runs from its pronoun to the next comma: a trigger inside it also
    sees the noun it describes, before the pronoun; a trigger outside it skips it.
    """
    lo, hi = sentence
    relatives = []
    for m in _CLAUSE_BREAK.finditer(text, lo, hi):
        if m.group("relative"):
            relatives.append(m)
        elif m.end() <= hit.start:
            lo = m.end()
        elif m.start() >= hit.end:
            hi = m.start()
            break
    ranges = [(lo, hi)]
    own_end = None  # where the relative clause holding the trigger ends, if it is in one
    for m in relatives:
        if not lo <= m.start() < hi:
            continue
        comma = _COMMA.search(text, m.end(), hi)
        embedded_end = comma.start() if comma else hi
        if m.end() <= hit.start < embedded_end:
            own_end = embedded_end
            continue
        ranges = [(a2, b2) for a, b in ranges
                  for a2, b2 in ((a, min(b, m.start())), (max(a, embedded_end), b)) if a2 < b2]
    if own_end is not None:
        ranges = [(a, min(b, own_end)) for a, b in ranges if a < own_end]
    return ranges


def _link(doc: Tokens, hit: Hit, scope: list[Mention], sentence: list[Mention],
          event_type: str) -> dict[str, Any]:
    """Arguments from the trigger's clause; an actor or place from the sentence if none.

    Only strikes and movements have a target; when it is a place, it is also their
    location: where the strike hit, where the forces went (not where they came from).
    """
    scope = _without_qualifiers(doc.text, scope)
    sentence = _without_qualifiers(doc.text, sentence)
    after = [m for m in scope if m.start >= hit.end] if event_type in _AIMED else []
    # "strikes on Yemen's Amran province": Yemen only says whose province
    cued = [m for m in after if m.type in _TARGET_TYPES and _ORIGIN_CUES.before(doc, m.start)
            is None and (_is_target(doc, m) or _object_of(doc.text, hit, m))
            and not (m.type in _PLACES and _describes_actor(doc, m, scope))]
    aimed_at = [m for m in after if m.type == "facility"
                and _LOCATIVE_CUES.before(doc, m.start) is None]
    target = next(
        (m for m in cued if m.type in _PLACES),
        next(iter(aimed_at), next((m for m in cued if m.type == "actor"), None)),
    )
    actors = _agents(doc, [m for m in scope if m.type == "actor" and _armed(m)], cued)
    if not actors:  # "الميليشيات ... بدلت مواقعها، ونقلت عتادها": the subject came earlier
        actors = _agents(doc, [m for m in sentence if m.type == "actor" and _armed(m)
                                and m.end <= hit.start], cued)
    places = _finest([m for m in scope if m.type in _PLACES
                      and not _describes_actor(doc, m, scope)]) or _finest([
        m for m in sentence if m.type in _PLACES and not _describes_actor(doc, m, sentence)])
    if target is not None and target.type in _PLACES:
        location = target  # where the strike hit, where the forces went
    else:
        others = [m for m in places if m is not target]
        arrived = [m for m in others if _ORIGIN_CUES.before(doc, m.start) is None]
        location = _nearest(hit, arrived) or target or _nearest(hit, others)
    weapons = [m for m in scope if m.type == "weapon"]
    counted = {id(m) for m in weapons + actors}
    dates = [m for m in scope if m.type == "date" and not _dates_statement(doc, m)]
    quantity = next(
        (m for m in scope if m.type == "quantity" and m.counts is not None
         and id(m.counts) in counted),
        _nearest(hit, [m for m in scope if m.type == "quantity" and not m.attrs.get("unit")]),
    )
    return {
        "actor": _nearest(hit, actors),
        "target": target,
        "location": location,
        "weapons": weapons,
        "quantity": quantity,
        # a date in another clause belongs to that clause's event ("… الذي استهدف في 25 آب"),
        # but a year or month sets the time of its whole sentence ("In 2017, … after weeks
        # of airstrikes")
        "time": _nearest(hit, dates) or _nearest(hit, [
            m for m in sentence if m.type == "date" and m.attrs["granularity"] in (
                "year", "month")]),
    }


def _dates_statement(doc: Tokens, date: Mention) -> bool:
    """A date right before "that", "أن": when it was said, not when it happened ("HRW said
    Sunday that an air strike ... in October 2024", "أعلنت الوزارة، اليوم الأحد، أن")."""
    following = doc.first_after(date.end)
    return following >= 0 and doc.words[following] in _STATEMENT_OPENERS


# A line that opens with where it was filed from, in folded text: "دهوك - رووداو:",
# "محافظة ادلب:", "baghdad (reuters) -", "erbil, kurdistan region -".
_DATELINE = re.compile(
    r"^(?P<head>[^\W\d][^\n:|.!?؟،]{1,40}?)(?:\s*\([^)\n]{1,25}\))?\s*(?::|\||\s-)\s", re.M)
_DATELINE_WORDS = 5


def _datelines(text: str) -> list[tuple[int, int]]:
    """The heads of datelines (those that begin or end with a place name, where the report
    was written, not where its events happened: "KOYA, Kurdistan Region (Kurdistan24) -"
    when the town is not in the gazetteer)."""
    return [m.span("head") for m in _DATELINE.finditer(text)
            if len(m.group("head").split()) <= _DATELINE_WORDS]


def _in_any(m: Mention, spans: list[tuple[int, int]]) -> bool:
    return any(start <= m.start < end for start, end in spans)


_OBJECT_GAP = 2  # words between a transitive trigger and its object: "استهدف بلدة ذيبان"


def _object_of(text: str, hit: Hit, m: Mention) -> bool:
    """A place right after the trigger is what it aimed at: "استهدفت بلدة ذيبان",
    "shelled the village of X" (the word that says what the place is does not count)."""
    if m.type not in _PLACES:
        return False
    gap = without_place_noun(text[hit.end:m.start])
    words = gap.split()
    if any(" ".join(words[-n:]) in _LOCATIVE_CUES for n in (1, 2)):
        return False  # "نشرت صواريخ في منطقة X": where, not what
    return _words_between(gap, 0, len(gap)) <= _OBJECT_GAP


_FROM = frozenset(lang.words("events.yaml", "left_from"))  # "من نقطتها في بلدة X", "out of X"


def _from_where_they_left(doc: Tokens, hit: Hit, scope: list[Mention],
                          args: dict[str, Any]) -> None:
    """A withdrawal happens where the forces left ("انسحبت القوات الروسية من عين عيسى إلى
    مطار القامشلي", "withdrew from the base"), not where they went."""
    left = next((m for m in scope if m.type in _PLACES and m.start >= hit.end
                 and _FROM.intersection(doc.text[hit.end:m.start].split())), None)
    if left is not None:
        args["location"], args["target"] = left, None


def _finest(places: list[Mention]) -> list[Mention]:
    """A country says least where an event was: kept only when nothing finer is named."""
    finer = [m for m in places if _kind(m) != "country"]
    return finer or places


def _kind(m: Mention) -> str | None:
    return m.attrs.get("kind") or (m.entry.kind if m.entry else None)


def _without_qualifiers(text: str, mentions: list[Mention]) -> list[Mention]:
    """Drops a place that only says where the place before it lies: "بادية السخنة شرقي
    حمص", "Tarmiyah, north of Baghdad", "قرية حطلة بريف دير الزور"."""
    kept: list[Mention] = []
    for m in mentions:
        before = kept[-1] if kept else None
        if (before is not None and before.type in _PLACES and m.type in _PLACES
                and _qualifies(m) and text[before.end:m.start].strip(" ,،") in _JOINING):
            continue
        kept.append(m)
    return kept


#: what may stand between a place and the phrase that says where it lies: "بلدة الشحيل بريف
#: دير الزور", "قرية الدندنية جنوب سد تشرين", "Tarmiyah, north of Baghdad"
_JOINING = frozenset({"", "ب", "في", "in"})


def _qualifies(m: Mention) -> bool:
    """A place named relative to another: near, beside, in the countryside or a part of it."""
    ref = m.attrs.get("ref") or ""
    return "#" in ref and not ref.endswith("#district")


def _describes_actor(doc: Tokens, place: Mention, mentions: list[Mention]) -> bool:
    """A country in an actor's description, or blamed, is not where the event took place:
    "factions loyal to Iran", "ميليشيات تابعة لطهران", "Iraq's Federal Police", "محملة تركيا
    المسؤولية"."""
    if place.entry is None or _precision(place) < 3:  # a country, or a region
        return False
    if (_PATRON_CUES.before(doc, place.start) is not None
            or _ACCUSED_CUES.before(doc, place.start) is not None):
        return True  # "loyal to Iran", "held Turkey responsible"
    if doc.text[place.end:place.end + 2] in ("'s", "’s"):  # "Turkey's Defence Ministry"
        return True
    following = doc.first_after(place.end)
    return following >= 0 and any(
        m.type == "actor" and m.start == doc.starts[following] for m in mentions) and (
        doc.text[place.end:doc.starts[following]].strip() in ("'s", "’s", ""))


def _is_speaker(doc: Tokens, actor: Mention) -> bool:
    """Who tells the report: "the Lebanese army said", "قال الجيش", "according to the SDF"."""
    following = doc.first_after(actor.end)
    preceding = doc.last_before(actor.start)
    return (following >= 0 and doc.words[following] in _SPEECH_AFTER) or (
        _SPEECH_BEFORE.before(doc, actor.start) is not None) or (
        preceding >= 0 and doc.words[preceding] in _SPEECH_AFTER)


def _agents(doc: Tokens, actors: list[Mention], aimed_at: list[Mention]) -> list[Mention]:
    """Actors that may have acted: not a target, and not a patron ("الموالية لـ X")."""
    candidates = [m for m in actors if m not in aimed_at]
    agents = [m for m in candidates if _PATRON_CUES.before(doc, m.start) is None]
    return agents or candidates


# "تعرضت القاعدة لقصف": exposed to shelling, which happened; "لـ" is then not a purpose.
_UNDERGONE = frozenset(lang.words("events.yaml", "undergone"))
_UNDERGONE_WORDS = 12  # "تعرض مقر لميليشيا لواء فاطميون في حي ... بمدينة البوكمال لاستهداف"


def _purpose(doc: Tokens, hit: Hit) -> bool:
    """An infinitive or purpose: "to strike" (not "to shelling"), "لقصف" (to shell), but
    not what something underwent ("تعرض مقر للميليشيا ... لاستهداف")."""
    before = doc.last_before(hit.start)
    word = doc.text[hit.start : hit.end]
    if word.isascii():
        return before >= 0 and doc.words[before] == "to" and not word.endswith("ing")
    if hit.prefix not in ("ل", "ول", "فل"):
        return False
    first = max(doc.first_of_sentence(hit.start), before - _UNDERGONE_WORDS)
    return not _UNDERGONE.intersection(doc.words[first : before + 1])


def _words_between(text: str, start: int, end: int) -> int:
    if end <= start:
        return 0
    gap = text[start:end]
    if "," in gap or "،" in gap:
        return 99
    return len(gap.split())


def _is_future(attrs: dict, reference: date) -> bool:
    value, granularity = str(attrs["value"]), attrs.get("granularity", "day")
    if granularity == "year":
        return int(value) > reference.year
    if granularity == "month":
        return value > reference.strftime("%Y-%m")
    return date.fromisoformat(value[:10]) > reference


def _is_past(attrs: dict, reference: date, days: int) -> bool:
    value, granularity = str(attrs["value"]), attrs.get("granularity", "day")
    if granularity == "year":
        return int(value) < reference.year
    if granularity == "month":
        return value < reference.strftime("%Y-%m")
    return date.fromisoformat(value) <= reference - timedelta(days=days)


#: accounts another party gives, which a denial later in the sentence answers
_ACCOUNTS = ("claimed", "reported", "hedged")


def _answer_denials(drafts: list[Draft]) -> None:
    """An account answered by a denial in its sentence is denied: "activists accused the
    forces of shelling Ariqa, but the ministry said its units did not fire a single
    round", "اتهم ناشطون الجيش بقصف القرية، فيما نفت الوزارة أن تكون قواتها أطلقت أي قذيفة"."""
    for denial in drafts:
        if not denial.negated or denial.irrealis:
            continue
        for d in drafts:
            if (d.trigger.start < denial.trigger.start and d.type == denial.type
                    and not d.negated and d.modality in _ACCOUNTS
                    and _compatible(d.args.get("location"), denial.args.get("location"))):
                d.negated, d.modality = True, "denied"


def _retract(text: str, cues: list[Hit], sentence_drafts: list[Draft],
             drafts: list[Draft]) -> None:
    """A denial with no event of its own denies the accounts told just before it: "Local
    pages reported a drone strike near Mayadin. The SDF denied this", "أفادت صفحات بانسحاب
    القوات، إلا أن مصدرا نفى هذه الأنباء", "... said the reports were false"."""
    at = _retraction(text, cues, sentence_drafts)
    if at is None:
        return
    # the accounts of its own sentence ("وصف المتحدث هذه الأنباء بالمفبركة، بعد أن تحدثت
    # صفحات عن قصف"), else those just before it
    told = [d for d in sentence_drafts if d.modality in _RETRACTED]
    if not told and drafts:  # the latest sentence with events, before this one
        told = [d for d in drafts if d.sentence == drafts[-1].sentence]
    for d in told:
        if not d.negated and d.modality in _RETRACTED:
            d.negated, d.modality = True, "denied"


#: what a denial with no event of its own denies: what others reported, or the unconfirmed
_RETRACTED = ("reported", "hedged")


def _retraction(text: str, cues: list[Hit], drafts: list[Draft]) -> int | None:
    """Where the sentence denies something told before it: a denial and what it points back
    to ("denied this", "نفى مصدر ... ذلك"), or what it points back to refuted ("the reports
    were false"), with no event of the sentence's own (asserted) from there on."""
    def of_kind(payload: str) -> list[Hit]:
        return [c for c in cues if any(t.payload == payload for t in c.terms)]

    own = [d.trigger.start for d in drafts if not d.negated and d.modality not in _RETRACTED]
    authorship = of_kind("authorship_denial")
    for obj in of_kind("retracted"):
        for denial in of_kind("denial"):
            # "denied that it had carried out a strike": what follows "that" is what it denies
            if (denial.end <= obj.start
                    and _words_between(text, denial.end, obj.start) <= _RETRACTION_GAP
                    and not _STATEMENT_OPENERS.intersection(text[denial.end:obj.start].split())
                    and not any(a.start <= denial.start < a.end for a in authorship)
                    and not any(t >= denial.start for t in own)):
                return denial.start
        for refutation in of_kind("refutation"):
            if (obj.end <= refutation.start
                    and _words_between(text, obj.end, refutation.start) <= _REFUTED_GAP
                    and not any(t >= obj.start for t in own)):
                return obj.start
    return None


def _mark_struck_movements(text: str, drafts: list[Draft]) -> None:
    """A convoy or reinforcements a strike hit: "a drone struck a World Food Programme
    convoy", "استهدفت مسيرة رتلا للتعزيزات"."""
    strikes = [d for d in drafts if d.type == "strike"]
    for d in drafts:
        d.struck = d.type == "troop_movement" and any(
            d.trigger.start >= s.trigger.end
            and _words_between(text, s.trigger.end, d.trigger.start) <= _STRUCK_GAP
            and not _CLAUSE_BREAK.search(text, s.trigger.end, d.trigger.start) for s in strikes)


def _without_struck_movements(drafts: list[Draft]) -> list[Draft]:
    """A movement a strike hit is its target, unless the report tells the movement too
    ("The convoy, carrying weapons, had crossed into Syria from Iraq on Saturday")."""
    if any(d.type == "troop_movement" and not d.struck for d in drafts):
        return drafts
    return [d for d in drafts if not d.struck]


def _merge_attacks_into_clashes(drafts: list[Draft], exchange_of_fire: frozenset[str]) -> None:
    """An attack of unknown means in a sentence about a clash is how the clash began, fire
    from ground weapons there is its exchange of fire (mortars, machine guns), and a
    withdrawal there is how it ended ("اشتباك ... انتهى بانسحاب المهاجمين", "repelled the
    attack, and the attackers pulled back")."""
    clashes = [d for d in drafts if d.type == "clash" and not d.negated]
    if clashes:
        for d in drafts:
            classes = {_weapon_class(w) for w in d.args.get("weapons", [])}
            began = (d.type == "strike" and not d.anaphoric and classes <= exchange_of_fire
                     and (d.subtype == "unknown" or bool(classes)))
            ended = d.subtype == "withdrawal" and not d.negated and any(
                _compatible(d.args.get("location"), c.args.get("location")) for c in clashes)
            if began or ended:
                d.type, d.subtype = "clash", "armed_clash"


def _recast_explained_strikes(text: str, drafts: list[Draft], cues: list[Hit]) -> None:
    """Strikes the report explains (an exercise, a controlled detonation, an accident) take
    the explanation's type:
    - what an exercise rehearsed, told after it in its clause ("أجرت مناورات ... حاكت صد
      هجوم", "the drill included artillery fire"), at the drill's place;
    - explosions or a launch followed by their explanation in one sentence ("الانفجارات
      ناجمة عن تدريبات", "rockets launched ... were part of a live-fire exercise");
    - then the report's other explosions at a compatible place, and its other strikes at
      the same place, a party's claim included ("the sounds were a coalition exercise").
    """
    explanations = [c.start for c in cues if any(t.payload == "explanation" for t in c.terms)]
    consequences = [c.start for c in cues if any(t.payload == "consequence" for t in c.terms)]
    explained: list[tuple[Draft, Mention | None]] = []
    for d in drafts:
        drill = next((e for e in drafts if _rehearses(text, e, d)), None)
        if drill is not None:
            d.type, d.subtype, d.modality = drill.type, drill.subtype, drill.modality
            d.irrealis = d.irrealis or drill.irrealis  # "will hold drills ... explosions"
            d.historical = d.historical or drill.historical
            d.explained_by = drill  # one happening with the drill
            d.args["location"] = drill.args.get("location") or d.args.get("location")
            continue
        if d.type != "strike" or d.negated:
            continue
        cause = next((e for e in drafts if e.sentence == d.sentence and e is not d
                      and _explains(e) and _explained_by(d, e, explanations, consequences)),
                     None)
        if cause is not None:
            _retype(d, cause)
            explained.append((cause, d.args.get("location") or cause.args.get("location")))
    for cause in drafts:  # "الأصوات التي سمعت ناجمة عن تدريبات": it explains what was heard
        if _explains(cause) and any(0 <= cause.trigger.start - c <= _EXPLAINED_GAP
                                    for c in explanations):
            explained.append((cause, cause.args.get("location")))
    sounds = [(cause, cause.args.get("location")) for cause in drafts
              if _explains(cause) and not cause.irrealis and cause.section == "body"]
    for d in drafts:
        if d.type != "strike" or d.negated:
            continue
        # blasts heard, with no weapon named: a drill or a controlled detonation the report
        # tells anywhere explains them ("loud blasts shook ... engineers had carried out a
        # controlled detonation")
        heard = d.subtype == "explosion" and not d.args.get("weapons")
        for cause, place in explained + (sounds if heard else []):
            # explosions heard around, or a party's claim the report explains away, need
            # only a compatible place; other strikes, the same place
            near = (_compatible(d.args.get("location"), place)
                    if d.subtype == "explosion" or d.modality == "claimed"
                    else _same_ref(d.args.get("location"), place))
            if near:
                _retype(d, cause)
                break


def _rehearses(text: str, drill: Draft, d: Draft) -> bool:
    """Whether the strike or clash `d` is part of what the exercise `drill` rehearsed: told
    after it in one sentence, no clause break ("فيما", "while", "after") between."""
    if d.type not in ("strike", "clash") or d.negated or drill.type != "exercise" or drill.negated:
        return False
    if drill.sentence != d.sentence or drill.trigger.end > d.trigger.start:
        return False
    return not any(not m.group("relative") for m in
                   _CLAUSE_BREAK.finditer(text, drill.trigger.end, d.trigger.start))


#: an explanation cue this close before an exercise says it explains something
_EXPLAINED_GAP = 16
#: characters between an explosion and what it was, without an explanation cue
_EXPLAINED_NEAR = 30


def _same_ref(a: Mention | None, b: Mention | None) -> bool:
    return a is not None and b is not None and a.entry is not None and b.entry is not None \
        and a.entry.ref == b.entry.ref


def _explains(d: Draft) -> bool:
    return not d.negated and (d.type == "exercise" or d.subtype in _EXPLAINING_OTHERS)


def _explained_by(explosion: Draft, cause: Draft, explanations: list[int],
                  consequences: list[int]) -> bool:
    """"الانفجارات ... نتيجة تدريبات", "blasts were caused by a controlled detonation",
    "explosions during that period", the cause right after ("انفجار أسطوانة غاز"), or
    before with its consequence ("an electrical fault ... causing small explosions")."""
    right_after = 0 <= cause.trigger.start - explosion.trigger.end <= _EXPLAINED_NEAR
    # "defused a car bomb", "فككت عبوة ناسفة": the bomb that did not go off
    right_before = cause.type != "exercise" and (
        0 <= explosion.trigger.start - cause.trigger.end <= _EXPLAINED_NEAR)
    cued = any(explosion.trigger.end <= c < explosion.sentence[1] for c in explanations)
    caused = any(cause.trigger.end <= c < explosion.trigger.start for c in consequences)
    return right_after or right_before or cued or caused


def _retype(d: Draft, cause: Draft) -> None:
    d.explained_by = cause
    if cause.type == "exercise":
        d.type, d.subtype = "exercise", "explained_explosion"
    else:
        d.type, d.subtype = cause.type, cause.subtype
    d.irrealis = d.irrealis or cause.irrealis
    d.modality = cause.modality  # told as the explanation tells it, not as a claim


def _compatible(a: Mention | None, b: Mention | None) -> bool:
    """Same place, or same governorate, or one of them unplaced."""
    if a is None or b is None or a.entry is None or b.entry is None:
        return True
    if a.entry.ref == b.entry.ref:
        return True
    return a.entry.admin_key is not None and a.entry.admin_key == b.entry.admin_key


def _confidence(d: Draft) -> float:
    score = 0.55 if " " in d.trigger.key else 0.45
    score += 0.15 if d.args.get("actor") is not None else 0.0
    score += 0.1 if d.args.get("location") is not None and not d.carried_location else 0.05
    score += 0.05 if d.args.get("weapons") else 0.0
    score += 0.05 if d.args.get("target") is not None else 0.0
    score -= {"reported": 0.1, "hedged": 0.2, "claimed": 0.05}.get(d.modality, 0.0)
    if d.irrealis or d.historical:
        score = min(score, 0.2)
    return round(max(0.05, min(0.95, score)), 2)


# -- the parts of a page that are not the report ----------------------------------------

#: a line this long is prose, not a headline, a heading or a trailer
_HEADING_WORDS = 25
_COMMENTS_HEADING_WORDS = 6
#: headlines under a "read also" heading, at most
_RELATED_LINES = 6


def _sections(text: str, sentences: list[tuple[int, int]], cues: list[Hit]) -> list[str]:
    """Per sentence: "body", or the part of the page it is in that is not the report:
    "related" (other articles' headlines after "اقرأ أيضا", "Read also"), "comments"
    (everything after a comments heading) or "trailer" (the outlet's lines: copyright,
    "follow us")."""
    lines, start = [], 0
    for line in text.split("\n"):
        lines.append((start, start + len(line)))
        start += len(line) + 1
    kinds = [{} for _ in lines]  # line -> section kind -> where its cue starts
    for cue in cues:
        for term in cue.terms:
            if isinstance(term.payload, str) and term.payload.startswith(SECTION_CUE):
                line = _line_of(lines, cue.start)
                kinds[line].setdefault(term.payload.removeprefix(SECTION_CUE), cue.start)
    section = ["body"] * len(lines)
    related_left = 0
    for i, (lo, hi) in enumerate(lines):
        words = len(text[lo:hi].split())
        at_start = {kind for kind, where in kinds[i].items()
                    if not text[lo:where].strip(" -•*|#>:.")}
        if "comments" in at_start and words <= _COMMENTS_HEADING_WORDS:
            section[i:] = ["comments"] * (len(lines) - i)
            break
        if "trailer" in kinds[i] and words <= _HEADING_WORDS:
            section[i] = "trailer"
        elif "related" in at_start and words <= _HEADING_WORDS:
            section[i], related_left = "related", _RELATED_LINES
        elif related_left and words <= _HEADING_WORDS and not text[lo:hi].rstrip().endswith("."):
            section[i], related_left = "related", related_left - 1
        else:
            related_left = 0
    by_sentence = []
    for s_start, _ in sentences:
        line = _line_of(lines, s_start)
        inline = any(kind == "related" and not text[s_start:where].strip(" -•*|#>:.")
                     for kind, where in kinds[line].items())  # "... . اقرأ أيضا: ..."
        by_sentence.append("related" if inline and section[line] == "body" else section[line])
    return by_sentence


#: distinct words of one topic that make a report partly about it, and that a sentence of
#: it needs for its triggers to take that topic's sense
_TOPIC_REPORT_WORDS = 4
_TOPIC_SENTENCE_WORDS = 2


def _off_topic(sentences: list[tuple[int, int]], cues: list[Hit]) -> list[bool]:
    """Per sentence, whether its triggers are words of another topic: "شن لاعبو أربيل
    هجمات على مرمى زاخو", "انفجار في أسعار الذهب"."""
    words: list[tuple[int, str, str]] = [
        (cue.start, term.payload, cue.key) for cue in cues for term in cue.terms
        if isinstance(term.payload, str) and term.payload.startswith(TOPIC_CUE)]
    in_report = Counter(topic for topic, _ in {(topic, key) for _, topic, key in words})
    topics = {topic for topic, n in in_report.items() if n >= _TOPIC_REPORT_WORDS}
    flags = []
    for lo, hi in sentences:
        here = Counter(topic for topic, _ in {(topic, key) for start, topic, key in words
                                              if lo <= start < hi and topic in topics})
        flags.append(any(n >= _TOPIC_SENTENCE_WORDS for n in here.values()))
    return flags


def _line_of(lines: list[tuple[int, int]], offset: int) -> int:
    return max(0, bisect_left([hi for _, hi in lines], offset))


# -- factuality ---------------------------------------------------------------------------


def _habitual(text: str, draft: Draft, cues: list[Hit]) -> bool:
    """A habit or a general statement ("the bases are frequently attacked by factions
    loyal to Iran"): a habitual cue in the trigger's clause, and no date of its own; or a
    tally over a period ("منذ مطلع العام 37 هجوما"), dated or not; or a documented count
    ("documented 38 drone strikes")."""
    ranges = _clause(text, draft.trigger, draft.sentence)
    kinds = {t.payload for cue in cues for t in cue.terms
             if any(lo <= cue.start < hi for lo, hi in ranges)}
    if "documented" in kinds and _counted(draft) >= _TALLY_COUNT:
        return True  # "it had documented 38 Turkish drone strikes in June"
    return "tally" in kinds or ("habitual" in kinds and draft.args.get("time") is None)


_TALLY_COUNT = 3
_COUNT_GAP = 12  # characters from a count to its trigger: "38 Turkish drone strikes"


def _counted(draft: Draft) -> float:
    """The number the trigger is counted by right before it ("38 drone strikes"), or 0."""
    quantity = draft.args.get("quantity")
    if quantity is None or quantity.attrs.get("unit") or not (
            0 <= draft.trigger.start - quantity.end <= _COUNT_GAP):
        return 0
    return float(quantity.attrs.get("value") or 0)


#: words before a trigger noun that point back to an event told before
_POINTING_BACK = frozenset(lang.words("events.yaml", "pointing_back"))


def _anaphoric(doc: Tokens, hit: Hit) -> bool:
    """A trigger noun that names again an event told before: "the strike", "this attack",
    "الهجوم", "الاستهداف" (with the article), "هذه الضربة"."""
    word = doc.text[hit.start:hit.end]
    if " " in word.strip() or not _NOUN_TRIGGER.search(word):
        return False
    if word.isascii():
        before = doc.last_before(hit.start)
        return before >= 0 and doc.words[before] in _POINTING_BACK
    return "ال" in (hit.prefix or "")


#: trigger nouns (not verbs) that "the ..." or "ال..." makes a mention of an event told
_NOUN_TRIGGER = re.compile(rf"^{lang.alternation(lang.words('events.yaml', 'anaphoric_nouns'))}$")


def _in_relative_clause(text: str, hit: Hit, sentence: tuple[int, int]) -> bool:
    """Whether the trigger describes a noun of its sentence: after a relative pronoun,
    with no comma or clause break in between ("منصات الصواريخ التي نصبتها قرب المدرسة")."""
    breaks = [m for m in _CLAUSE_BREAK.finditer(text, sentence[0], hit.start)]
    return bool(breaks) and bool(breaks[-1].group("relative")) and not _COMMA.search(
        text, breaks[-1].end(), hit.start)


# -- one event per happening --------------------------------------------------------------

#: what stands between the places of a list: "الفطيرة وسفوهن وكنصفرة", "X, Y and Z"
_LIST_GAP = re.compile(r"^\s*(?:[,،]\s*(?:و|and|or|او)?|و|and|or|او)\s*$")


def _per_place(text: str, draft: Draft, mentions: list[Mention]) -> list[Draft]:
    """A strike, clash or movement over a list of places is one event per place (ACLED
    codes one event per location): "قصفت ... قرى الفطيرة وسفوهن وكنصفرة"."""
    place = draft.args.get("target") or draft.args.get("location")
    if draft.type == "exercise" or place is None or place.type not in _PLACES:
        return [draft]
    places = sorted((m for m in mentions if m.type in _PLACES and m.entry is not None
                     and _precision(m) < 3 and not _qualifies(m)), key=lambda m: m.start)
    if place not in places:
        return [draft]
    at = places.index(place)
    chain = [place]
    for before in reversed(places[:at]):  # the list may start before the place linked
        if not _LIST_GAP.match(text[before.end:chain[0].start]):
            break
        chain.insert(0, before)
    for after in places[at + 1:]:
        if not _LIST_GAP.match(text[chain[-1].end:after.start]):
            break
        chain.append(after)
    if len({m.entry.ref for m in chain}) < 2:
        return [draft]
    role = "target" if draft.args.get("target") is place else "location"
    copies = []
    for m in chain:
        copy = Draft(**{**draft.__dict__, "args": {**draft.args, role: m, "location": m}})
        copies.append(copy)
    return copies




def _actor_identity(mention: Mention | None, ids: dict[int, str],
                    entities: dict[str, dict]) -> str | None:
    """Who an actor mention stands for, to tell events apart: its affiliation (or the
    actor itself); a generic "the militias" stands for what it refers back to."""
    if mention is None:
        return None
    entity = entities[ids[id(mention)]]
    if entity.get("coref"):
        entity = entities.get(entity["coref"], entity)
    if entity.get("generic") and not entity.get("affiliation"):
        return None
    return entity.get("affiliation") or entity.get("ref")


def _one_per_happening(drafts: list[Draft], identity,
                       fires: Mapping[str, frozenset[str]]) -> list[list[Draft]]:
    """The mentions of the report grouped into events: same type and factuality, and
    compatible actor, place and time (PETRARCH's one-a-story key; ACLED: same day, place,
    actors and type is one event). "The strike", "الهجوم" names again the latest event
    of its type."""
    events: list[list[Draft]] = []
    for draft in drafts:
        if draft.anaphoric:
            event = next((e for e in reversed(events) if e[0].status == draft.status), None)
            if event is None and not _marked(draft):
                # "The strike took place during ...": as the strike told before was, a
                # plan, history or a denial
                event = next((e for e in reversed(events) if e[0].type == draft.type
                              and e[0].section == draft.section), None)
                if event is not None:
                    _take_status(draft, event[0])
                    if draft.historical:  # "... took place during the final battle"
                        for d in drafts:
                            if d.sentence == draft.sentence and d.args.get("time") is None:
                                d.historical = True
            if event is None and draft.needs_antecedent:
                continue  # "the attack" with nothing told before: not an event of its own
        else:
            event = next((e for e in events if _same_happening(e, draft, identity, fires)),
                         None)
        if event is None:
            events.append([draft])
        else:
            event.append(draft)
    merged: list[list[Draft]] = []
    for event in events:  # a claim and the exercise that explains it: one happening
        into = next((m for m in merged if any(_explained(m, d) for d in event)), None)
        if into is None:
            merged.append(event)
        else:
            into.extend(event)
    return merged


def _marked(d: Draft) -> bool:
    return d.negated or d.irrealis or d.historical or d.generic


def _take_status(d: Draft, antecedent: Draft) -> None:
    d.negated, d.irrealis = antecedent.negated, antecedent.irrealis
    d.historical, d.generic = antecedent.historical, antecedent.generic
    d.modality = antecedent.modality


def _explained(event: list[Draft], draft: Draft) -> bool:
    """Whether the event holds what `draft` explains, or what explains it: "rockets hit the
    base", "the explosions were a live-fire drill"."""
    return any(m.explained_by is draft or draft.explained_by is m for m in event)


def _same_happening(event: list[Draft], draft: Draft, identity,
                    fires: Mapping[str, frozenset[str]]) -> bool:
    if event[0].status != draft.status or not _times_agree(event, draft):
        return False
    ours, theirs = [p for m in event for p in _places(m)], _places(draft)
    if any(m.sentence == draft.sentence for m in event) and (
            _bare_blast(draft) or all(_bare_blast(m) for m in event)) and _near(ours, theirs):
        # "a strike on a depot by Mezzeh airport, as two blasts were heard in Mezzeh and
        # Kafr Sousa": the blasts heard around a strike are the strike
        return True
    if any(m.trigger is draft.trigger for m in event):
        return False  # one trigger over a list of places: one event per place
    shared = bool({m.entry.ref for m in ours} & {m.entry.ref for m in theirs})
    if any(m.sentence == draft.sentence for m in event) and (
            shared or _vague(ours) or _vague(theirs)):
        # actors read from one sentence can disagree ("a clash between X and Y"); its place,
        # or a place and a phrase around it ("قرب سد تشرين شرقي منبج"), does not
        return True
    actors = {identity(m.args.get("actor")) for m in event if not m.actor_uncertain} - {None}
    actor = None if draft.actor_uncertain else identity(draft.args.get("actor"))
    if actor is not None and actors and actor not in actors:
        return False
    # in one sentence: the verbs of one movement ("بدلت مواقعها، ونقلت عتادها ... التي
    # نصبتها"), or a relative clause describing its sentence's event
    if any(m.sentence == draft.sentence and (draft.type == "troop_movement" or m.relative
                                             or draft.relative) for m in event):
        return True
    if shared:
        return True
    # unplaced, or only somewhere around the event's place ("near X", "east of X", a
    # region): the same event, unless the mention brings details of its own (its own
    # weapons or numbers: another event)
    vague = not ours or not theirs or _around(theirs, ours) or _around(ours, theirs)
    return vague and not _adds_details(event, draft, fires)


def _bare_blast(d: Draft) -> bool:
    """An explosion told with nothing of its own: no actor, no weapon."""
    return d.subtype == "explosion" and d.args.get("actor") is None and not d.args.get("weapons")


def _near(ours: list[Mention], theirs: list[Mention]) -> bool:
    return any(distance_km(a.entry.fields["lat"], a.entry.fields["lon"], b.entry.fields["lat"],
                           b.entry.fields["lon"]) <= _NEAR_KM
               for a in ours for b in theirs
               if "lat" in a.entry.fields and "lat" in b.entry.fields)


def _places(draft: Draft) -> list[Mention]:
    """Where a mention says its event was (a place carried over from an earlier sentence
    says nothing of it)."""
    found = [draft.args.get("target")]
    if not draft.carried_location:
        found.append(draft.args.get("location"))
    return [m for m in found if m is not None and m.type in _PLACES and m.entry is not None]


def _around(vague: list[Mention], places: list[Mention]) -> bool:
    """Whether `vague` are all places near a place, or regions ("east of Kirkuk", "ريف دير
    الزور"), one of them in the same governorate as one of `places`; or a region wider
    than a governorate ("northern Iraq", "the Kurdistan Region", "Lebanon") in the same
    country."""
    if not all(_precision(v) >= 2 for v in vague):
        return False
    return any(_area(v) == _area(p) if _area(v)[1] is not None
               else _area(v)[0] is not None and _area(v)[0] == _area(p)[0]
               for v in vague for p in places)


def _vague(places: list[Mention]) -> bool:
    return bool(places) and all(_precision(p) >= 2 for p in places)


def _area(m: Mention) -> tuple[str | None, str | None]:
    return m.entry.fields.get("country"), m.entry.fields.get("admin1")


def _precision(m: Mention) -> int:
    if is_unlisted(m.entry):
        return 1  # a named village: as specific as a listed one, though placed near one
    return int(m.attrs.get("precision") or m.entry.fields.get("precision") or 1)


def _adds_details(event: list[Draft], draft: Draft, fires: Mapping[str, frozenset[str]]) -> bool:
    """Whether a mention brings numbers or weapons of its own: another event. The munitions
    of the event's platform are its own ("a drone struck a car ... with two missiles")."""
    if draft.subtype == "intercepted" or draft.type == "exercise":
        # "air defences shot down several other drones": the attack's own; a drill fires
        # all sorts of weapons
        return False
    ours = {_weapon_class(w) for m in event for w in m.args.get("weapons", [])} - {None}
    theirs = {_weapon_class(w) for w in draft.args.get("weapons", [])} - {None}
    armed = ours | {c for p in ours for c in fires.get(p, ())}
    rearmed = theirs | {c for p in theirs for c in fires.get(p, ())}
    if theirs and not (theirs & armed or ours & rearmed):
        return True
    quantity = draft.args.get("quantity")
    if quantity is None or quantity.counts is not None and quantity.counts.type == "weapon":
        return False  # how many shells or missiles: said of the weapons above
    quantities = {m.args["quantity"].attrs.get("value") for m in event if m.args.get("quantity")}
    return quantity.attrs.get("value") not in quantities


def _weapon_class(m: Mention) -> str | None:
    return m.entry.fields["weapon_class"] if m.entry else None


def _times_agree(event: list[Draft], draft: Draft) -> bool:
    time = draft.args.get("time")
    if time is None:
        return True
    values = [str(m.args["time"].attrs["value"]) for m in event if m.args.get("time")]
    value = str(time.attrs["value"])
    return all(v.startswith(value) or value.startswith(v) for v in values)


def _merged_args(mentions: list[Draft]) -> dict[str, Any]:
    """An event's arguments from its mentions: the first given of each, a named actor
    before a generic one, the place aimed at before a place of its own before one
    carried over, every weapon."""
    args: dict[str, Any] = {}
    for name in ("target", "quantity", "time"):
        args[name] = next((m.args[name] for m in mentions if m.args.get(name)), None)
    actors = [m.args["actor"] for m in mentions if m.args.get("actor") is not None]
    args["actor"] = next((a for a in actors if a.entry and not a.entry.generic),
                         next(iter(actors), None))
    # where a strike hit or forces went, before where a mention says it took place (but a
    # withdrawal is from where it left), the most precise of each
    aimed = [m.args["target"] for m in mentions
             if m.args.get("target") is not None and m.args["target"].type in _PLACES]
    own = [m.args["location"] for m in mentions
           if m.args.get("location") is not None and not m.carried_location]
    carried = [m.args["location"] for m in mentions if m.args.get("location") is not None]
    lead = mentions[0]
    left = [lead.args["location"]] if lead.subtype == "withdrawal" and lead.args.get(
        "location") is not None and not lead.carried_location else []
    tiers = (left, own, aimed) if lead.subtype == "withdrawal" else (aimed, own)
    found = next((tier for tier in (*tiers, carried) if tier), [])
    named = Counter(m.entry.ref for m in found if m.entry)
    # the most precise; then the place named most often; then a site before a town
    args["location"] = min(found, default=None, key=lambda m: (
        _precision(m) if m.entry else 3, -named[m.entry.ref] if m.entry else 0,
        m.type != "facility"))
    weapons: dict[int, Mention] = {}
    for m in mentions:
        for weapon in m.args.get("weapons", []):
            weapons.setdefault(id(weapon), weapon)
    args["weapons"] = list(weapons.values())
    return args
