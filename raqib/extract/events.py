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

Then explosions that the report explains as an exercise ("الانفجارات ... نتيجة
تدريبات عسكرية") are retyped `exercise`, together with the report's other explosions at a
compatible place. Finally the mentions are grouped into events, one per happening
(happenings.py). Sentences in other articles' headlines, comments and trailers are told
apart by page.py; an event under construction is a `Draft` (draft.py).
"""

from __future__ import annotations

import itertools
import re
import sys
from bisect import bisect_left
from datetime import date, timedelta
from typing import Any

from raqib.extract.context import CueSet
from raqib.extract.draft import PLACES, Draft, precision, qualifies, weapon_class
from raqib.extract.entities import Mention, subject_of, whose_movement
from raqib.extract.happenings import actor_identity, merged_args, one_per_happening, per_place
from raqib.extract.page import headline, is_analysis, off_topic, sections
from raqib.extract.quantities import NUMBER_WORD
from raqib.extract.unlisted import is_unlisted, without_place_noun
from raqib.knowledge import lang
from raqib.knowledge.base import (
    CUE_LAYER,
    FIRST_LEVEL,
    TRIGGER_LAYER,
    Knowledge,
    TriggerGroup,
)
from raqib.knowledge.matcher import Hit, without_proclitics
from raqib.text.fold import FoldedText, fold_words
from raqib.text.tokens import Tokens

_TARGET_TYPES = ("location", "facility", "actor")
_AIMED = ("strike", "troop_movement")  # event types that have a target
_NOT_ARMED = ("monitor", "media", "organisation", "government")


def _words(name: str) -> list[str]:
    """Words of the languages from data/lang/*/events.yaml."""
    return lang.words("events.yaml", name)


# cue words: what a place is to an event
_TARGET_CUES = CueSet(_words("target_cues"))
_LOCATIVE_CUES = CueSet(_words("locative_cues"))
_ORIGIN_CUES = CueSet(_words("origin_cues"))
_COMING_FROM = CueSet(_words("coming_from"))
_VIA = CueSet(_words("via"))
_CAUSED = frozenset(map(fold_words, _words("caused")))
_CAUSED_GAP = 4  # words before "to": "prompting coalition artillery to shell"
_FIRED_FROM = CueSet(_words("fired_from"))
_FIRED_TOWARD = frozenset(map(fold_words, _words("fired_toward")))
_FIRED_FROM_WINDOW = 3  # words between: "launched from an orchard near al-Baghdadi"
_SINCE = frozenset(map(fold_words, _words("since")))
_UNTIL = frozenset(map(fold_words, _words("until")))
_UNTIL_WINDOW = 3  # words before the time: "until late on Wednesday"
_DESTINATION_CUES = CueSet(_words("destination_cues"))
_SOURCE_IN = CueSet(_words("source_in"))
_ONWARD = frozenset(map(fold_words, _words("onward")))
_PATRON_CUES = CueSet(_words("patron_cues"))
_ACCUSED_CUES = CueSet(_words("accused_cues"))
_PASSIVE_AGENT = CueSet(_words("passive_agent"))
_INSTRUMENTS = CueSet(_words("instruments"))
_HEADING = CueSet(_words("heading"))
_SETTLED = CueSet(_words("settled"))
_FLED = frozenset(_words("fled"))
_FLED_WINDOW = 5  # words before a place: "يلوذوا بالفرار باتجاه منطقة البادية"
_LOCATING = CueSet(_words("locating"))
_BELONGING = CueSet(_words("belonging"))
_AERIAL_ACTORS = lang.table("events.yaml", "aerial_actors", str)  # word -> strike subtype
#: ", and the" or "، و" right before a new clause's subject (English words stand apart)
_SUBJECT_JOINERS = "|".join(re.escape(w) + (r"\s+" if w.isascii() else "")
                            for w in sorted(_words("subject_joiners"), key=len, reverse=True))
_AND_THEN = re.compile(rf"[,،]\s*(?:{_SUBJECT_JOINERS})$")
_NOUN_WINDOW = 30  # characters before a place where the noun announcing it may stand
_MEANS_GAP = 3  # words between a trigger and the weapon it fired: "fired a barrage of"
_ANY = frozenset(_words("any_words"))
_OR = frozenset(_words("or_words"))
_STATEMENT_OPENERS = frozenset(_words("statement_openers"))
_SPEECH_AFTER = frozenset(_words("speech_after"))
_TITLE_BEFORE = frozenset(_words("title_before"))
_ROAD_BEFORE = frozenset(_words("road_before"))
_ROAD_FROM = CueSet(_words("road_from"))
# before a place that is not where the event was: the far end of a road it was on, where
# the wounded were taken (one look-up for both, per place and trigger)
_ELSEWHERE = CueSet([*_words("road_from"), *_words("treated_in")])
_EXTENT = CueSet(_words("extent"))
_ROAD_AFTER = frozenset(_words("road_after"))
_HOLDER_BEFORE = CueSet(lang.words("places.yaml", "holder_before"))
_HOLDER_AFTER = CueSet(lang.words("places.yaml", "holder_after"))
_OVERLOOKING_WORDS = lang.words("places.yaml", "overlooking")
_OVERLOOKING = CueSet(_OVERLOOKING_WORDS)
_OVERLOOKING_ANYWHERE = re.compile(lang.alternation(_OVERLOOKING_WORDS))
_OVERLOOKING_WINDOW = 4  # words between: "المطل على مواقع الجماعة في منطقة الحوبان"
#: the kinds of place a definite noun refers back to ("الحي", "the town"): a named place
_INHABITED = frozenset({"village", "town", "neighbourhood", "area", "camp"})
_INHABITED_NOUNS = frozenset(
    word for word, kind in {**lang.table("places.yaml", "nouns", str),
                            **lang.table("places.yaml", "suffix_nouns", str)}.items()
    if kind in _INHABITED and " " not in word)
_TITLE_AFTER = frozenset(_words("title_after"))
_TITLE_OF = CueSet(_words("title_of"))
_SPEECH_BEFORE = CueSet(_words("speech_before"))
# "no fighters were killed when drones struck": the negation is of another clause
_SUBORDINATE = frozenset(_words("subordinators"))
_RAIDS = frozenset(_words("air_or_ground_raids"))
_TARGETING_OPERATIONS = frozenset(_words("targeting_operations"))
_JOINED_DESCRIPTIONS = frozenset(_words("joined_descriptions"))
# Words that end one clause and start another; a relative pronoun only ends one.
_CLAUSE_BREAK = re.compile(
    rf"(?<!\w)(?:{lang.alternation(_words('clause_break_prefixes'))}?"
    rf"{lang.alternation(_words('clause_breaks'))}|"
    rf"(?P<relative>{lang.alternation(_words('relative_pronouns'))}))"
    r"(?!\w)|[;؛]")
_COMMA = re.compile("[,،]")
#: what opens a sentence that sets an account against what came before
_COUNTER = re.compile(rf"\s*(?:{lang.alternation(_words('counter_account'))})(?!\w)")
# a clause that opens so tells another event than its sentence's: "a day after", "بعد"
_IN_SEQUENCE = re.compile(
    rf"{lang.alternation(_words('clause_break_prefixes'))}?"
    rf"{lang.alternation(_words('in_sequence'))}(?!\w)")
# cue kind (events.yaml) -> modality, strongest first (a relayed report the outlet
# itself hedges is hedged)
_EXPLAINING_OTHERS = ("controlled_detonation", "defusal", "accident")
_MODALITY_OF_CUE = {"denial": "denied", "claim": "claimed", "accusation": "claimed",
                    "hedged": "hedged", "reported": "reported", "hearsay": "reported",
                    "rumour": "reported"}
#: an event's modality is the most direct of its mentions' ("denied" makes it negated)
_MODALITY_RANK = ("asserted", "reported", "hedged", "claimed", "denied")
#: a subtype a more specific mention of the same event replaces
_VAGUE_SUBTYPES = frozenset({"unknown", "intercepted"})
_NEGATION_GAP = 3  # words allowed between a negation and its trigger
_NEAR_WORDS = 8  # words after a trigger where what it needs (`near`) may stand
_LISTED = 2  # events listed between "any" and a trigger: "أي اشتباكات أو عمليات قصف"
_IRREALIS_GAP = 3
_AGENT_NEGATION_GAP = 7  # "no [coalition aircraft had conducted] strikes"
_REPELLED_GAP = 3  # words between "repelled" and the attack: "repelled a large RSF assault"
#: words between "reports of" and the trigger it frames, when the sentence refutes it:
#: "ما أوردته قناة المسيرة التابعة للميليشيا الحوثية بشأن شن طيران التحالف غارات"
_RUMOUR_GAP = 12
_REJECTED_GAP = 3  # "rejected the Israeli army's claims"
_STRUCK_GAP = 4  # words from a strike to the movement it hit: "struck a WFP aid convoy"
#: words from a seizure to the shipment seized, its subject maybe between ("ضبطت دورية
#: تابعة لحرس الحدود السوري شحنة أسلحة")
_SEIZED_GAP = 8
_CAUSE_GAP = 3  # words from an explanation to the blast it names: "caused by troops blowing up"
_ROLE_GAP = 2  # words from a role to the trigger: "responsible for (rocket) launches"
_RETRACTION_GAP = 5  # words from a denial to what it denies: "نفى مصدر في قسد ذلك"
_REFUTED_GAP = 3  # words from "the reports" to "false": "the reports were completely false"
_CLAIMER_GAP = 2  # words between a medium and its claim: "social media posts claimed"
_SUBJECT_GAP = 8  # words from a trigger to what is said of it: "the attack on X never happened"


#: Triggers read per sentence: real sentences have a handful; a hostile "sentence" of
#: 20,000 repeated verbs must not cost minutes (linking is linear in the sentence).
MAX_TRIGGERS_PER_SENTENCE = 20


class EventTyper:
    def __init__(self, kb: Knowledge) -> None:
        self.kb = kb
        # weapon classes one strike's weapons come in together
        self.kin = {c: kb.fires.get(c, frozenset()) | kb.named_alike.get(c, frozenset())
                    for c in kb.fires.keys() | kb.named_alike.keys()}
        # weapon classes that fire, in a ground fight or a strike (not a vehicle, a depot)
        self.fire = kb.exchange_of_fire.union(*kb.strike_means.values())

    def events(self, original: str, folded: FoldedText, doc: Tokens,
               sentences: list[tuple[int, int]], hits: dict[str, list[Hit]],
               mentions: list[Mention], entities: list[dict], reference: date) -> list[dict]:
        ids = {id(m): e["id"] for m, e in zip(mentions, entities, strict=True)}
        drafts: list[Draft] = []
        last_place: Mention | None = None
        triggers = _ByStart(hits.get(TRIGGER_LAYER, []))
        cues = _ByStart(hits.get(CUE_LAYER, []))
        named_places = [m for m in mentions if m.type in PLACES]
        filed_from = [(lo, hi) for lo, hi in _datelines(doc.text)
                      if any(m.start == lo or m.end == hi for m in named_places)]
        # "the camp" names a place told before: an event there is placed by what carries
        # its place, not by the noun; what a place looks onto is no event's place (few
        # reports tell of one)
        overlooking = _OVERLOOKING_ANYWHERE.search(doc.text) is not None
        by_start = _ByStart([m for m in mentions
                             if not _in_any(m, filed_from) and m.antecedent is None
                             and not (overlooking and m.type in PLACES and _looked_onto(doc, m))])
        dateline_places = [m for m in mentions if m.type in PLACES and _in_any(m, filed_from)]
        parts = sections(doc.text, sentences, cues.items)
        off = off_topic(sentences, cues.items)
        analysis = is_analysis(doc.text, cues.items)
        title = headline(original, doc.text)
        for (s_start, s_end), section, other_sense in zip(sentences, parts, off,
                                                          strict=True):
            in_sentence = by_start.within(s_start, s_end)
            named = [m for m in in_sentence if m.entry is not None]
            sentence_drafts = []
            for hit in ([] if other_sense else
                        triggers.within(s_start, s_end)[:MAX_TRIGGERS_PER_SENTENCE]):
                if any(m.start <= hit.start and hit.end <= m.end for m in named):
                    continue  # part of a name: "منصات إطلاق صواريخ" is a weapon, not a launch
                draft = self._draft(doc, hit, (s_start, s_end), in_sentence,
                                    _denied_outright(doc, hit, cues.within(s_start, hit.start)),
                                    triggers.within(hit.end, s_end))
                if draft is not None:
                    draft.section = section
                    draft.headline = title is not None and _in_any(hit, [title])
                    if draft.headline:
                        _own_story(doc.text, draft)
                    sentence_drafts.append(draft)
            _no_place_past_another_trigger(doc.text, sentence_drafts,
                                           triggers.within(s_start, s_end))
            sentence_drafts = [one for draft in sentence_drafts
                               for one in per_place(doc, draft, in_sentence)]
            _mark_struck_movements(doc.text, sentence_drafts)
            _exchanged_shelling(doc, sentence_drafts)
            countered = bool(_COUNTER.match(doc.text, s_start))
            for draft in sentence_drafts:
                opening = _clause_opening(doc.text, draft.trigger, draft.sentence)
                draft.sequel = opening > s_start and bool(
                    _IN_SEQUENCE.match(doc.text, opening))
                draft.countered = countered
                self._qualify(doc, draft, cues.within(opening, draft.trigger.start),
                              cues.within(s_start, s_end), reference)
                draft.generic = _habitual(doc.text, draft, cues.within(s_start, s_end)) or (
                    analysis and draft.args.get("time") is None)  # a pattern, not news
                # else where the last event was; else where a place was last named; else
                # where the report was filed from ("sent reinforcements to the area"), or
                # the province that opens a roundup's item, if it opens after them
                filed = next((m for m in reversed(dateline_places) if m.start < s_end), None)
                last = next((d for d in reversed(drafts) if d.args.get("location") is not None
                             and d.section == draft.section), None)
                carried = last_place  # unless named before the last event's sentence ended
                if last is not None and (last_place is None or last_place.start <= max(
                        last.args["location"].start, last.sentence[1])):
                    carried = last.args["location"]
                if carried is None or filed is not None and filed.start > carried.start:
                    carried = filed
                if draft.args.get("location") is None and carried is not None:
                    draft.args["location"] = carried
                    draft.carried_location = True
            _merge_attacks_into_clashes(doc.text, sentence_drafts, drafts,
                                        self.kb.exchange_of_fire, self.fire)
            sentence_drafts = _without_raid_entries(sentence_drafts)
            _retract(doc.text, cues.within(s_start, s_end), sentence_drafts, drafts)
            drafts.extend(sentence_drafts)
            # "in the Hawija district southwest of Kirkuk": Hawija, not its qualifier
            places = [m for m in _without_qualifiers(doc, in_sentence) if m.type in PLACES]
            if places:
                last_place = places[-1]
        _answer_denials(drafts)
        _background_told_on(doc.text, drafts)
        _blasts_given_as_cause(doc.text, drafts, cues.items)
        _recast_explained_strikes(doc.text, drafts, cues.items)
        _raids_from_the_air(doc.text, drafts)  # beside strikes not explained away
        _targets_of_operations(doc.text, drafts)
        _attacks_met_with_fire(drafts)
        drafts = [d for d in drafts if d.subtype != "accident"]  # not a security event
        drafts = _without_struck_movements(drafts)
        actors = {ids[id(m)]: e for m, e in zip(mentions, entities, strict=True)}
        happenings = one_per_happening(drafts, lambda m: actor_identity(m, ids, actors),
                                        self.kin)
        return [self._event(original, folded, i, group, ids)
                for i, group in enumerate(happenings)]

    def _draft(self, doc: Tokens, hit: Hit, sentence: tuple[int, int],
               mentions: list[Mention], denied: bool, later: list[Hit]) -> Draft | None:
        """`denied`: a negation right before the trigger ("They did not withdraw"): what it
        denies was told before, so it needs nothing of its own; `later`: the triggers after
        it in its sentence."""
        named_again = _anaphoric(doc, hit)
        for term in hit.terms:
            group: TriggerGroup = term.payload
            if not self._sense_fits(doc, hit, group, mentions):
                continue
            # "The column reached al-Qaim": what gives "column" its sense was told with the
            # event it names again, so it is a mention of that event or of none
            sense_told_before = bool(group.near) and not self._object_near(
                doc, hit, group, mentions)
            if sense_told_before and not named_again:
                continue
            ranges = _clause(doc.text, hit, sentence)
            bound = _next_subject(doc, hit, mentions, later)
            opening = _own_subject(doc, hit, mentions)
            scope = [m for m in mentions if any(lo <= m.start < hi for lo, hi in ranges)
                     and opening <= m.start < bound]
            # what the trigger needs is looked for in its sentence, its arguments in its clause
            weapons = [m for m in mentions if m.type == "weapon"]
            armed = [m for m in mentions if m.type == "actor" and _armed(m)]
            # "وجاء الهجوم بعد ...": a mention of an event told before needs nothing more
            met = (group.requires is None or weapons if group.requires == "weapon"
                   else group.requires is None or weapons or armed or _forces_by(doc, hit))
            anaphoric = named_again or (denied and not met)
            if not met and not anaphoric:
                continue
            draft = Draft(group, hit, sentence, type=group.type, subtype=group.subtype,
                          relative=_in_relative_clause(doc.text, hit, sentence),
                          anaphoric=anaphoric, needs_antecedent=not met or sense_told_before,
                          until=bound)
            draft.args = _link(doc, hit, scope, mentions, group.type)
            if group.subtype == "withdrawal":
                _from_where_they_left(doc, hit, scope, draft.args)
            place = draft.args.get("location")
            draft.headed = (group.type == "troop_movement" and place is not None
                            and _headed_for(doc, place))
            if group.subtype == "intercepted":
                draft.args["actor"] = None  # who shot the drones down did not attack
            actor = draft.args.get("actor")
            if draft.subtype == "unknown" and actor is not None:
                # "استهدف الطيران الإسرائيلي رتلا": told by who struck
                draft.subtype = next((subtype for word in doc.text[actor.start:actor.end].split()
                                      if (subtype := _AERIAL_ACTORS.get(word))), "unknown")
            # the speaker may not be who acted, unless it tells its own deed ("Hezbollah
            # said it fired rockets"); nor may the side one blames ("اتهم الجيش بقصف السوق")
            draft.actor_uncertain = actor is not None and (
                (_is_speaker(doc, actor) and not subject_of(doc, actor, hit))
                or _PATRON_CUES.before(doc, actor.start) is not None
                or _ACCUSED_CUES.before(doc, actor.start) is not None
                or self._nationality_only(doc, actor))
            return draft
        return None

    def _nationality_only(self, doc: Tokens, actor: Mention) -> bool:
        """Whether the actor is told only by the nationality of a weapon ("a Turkish
        drone"): a state that likely struck, too weak to tell two events apart."""
        return doc.text[actor.start:actor.end].removeprefix("ال") in self.kb.forces_by_adjective

    @staticmethod
    def _sense_fits(doc: Tokens, hit: Hit, group: TriggerGroup, mentions: list[Mention]) -> bool:
        """Words around the trigger that give it another sense ("نشر المرصد ... بأن")."""
        if not group.article and hit.prefix.endswith(("ال", "لل")):
            return False  # "الحشد", "للحشد": the Popular Mobilisation Forces
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

    @staticmethod
    def _object_near(doc: Tokens, hit: Hit, group: TriggerGroup, mentions: list[Mention]) -> bool:
        """Whether a word the trigger needs follows it: its object, maybe after its subject
        ("أنشأت قوات سوريا الديمقراطية، خلال اليومين الماضيين، نقاط مراقبة"); inside an
        actor's name only a force noun counts ("the arrival of Russian troops", but not the
        base of "تبنى تنظيم القاعدة")."""
        following = doc.first_after(hit.end)
        if following < 0:
            return False
        last = min(following + _NEAR_WORDS, doc.last_of_sentence(hit.end) + 1)
        names = [m for m in mentions if m.type == "actor"]
        return any(bare in group.near for i in range(following, last)
                   for bare in without_proclitics(doc.words[i])
                   if bare in _FORCE_NOUNS
                   or not any(m.start <= doc.starts[i] < m.end for m in names))

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
        # "لم يحدث أي اشتباك": what did not happen, told before it
        negation = kinds.get("negation") or kinds.get("not_happened")
        if negation and (self._negates(doc, negation, hit) or _negates_agent(doc, negation, draft)):
            draft.negated = True
        repelled = kinds.get("repelled")
        fought_off = (repelled and _words_between(doc.text, repelled.end, hit.start)
                      <= _REPELLED_GAP) or any(
            term.payload == "repelled_after" and _words_between(doc.text, hit.end, cue.start)
            <= 1 for cue in cues_after for term in cue.terms)
        if fought_off and (draft.type == "strike" and draft.subtype == "unknown"
                           and not draft.args.get("weapons") or draft.type == "troop_movement"):
            # "repelled an attack", "the assault was repelled", "تصدوا لمحاولة تقدم": fought
            # off, a clash (drones fought off were shot down: "تصدت لثلاث مسيّرات حاولت")
            draft.type, draft.subtype = "clash", "armed_clash"
        draft.another = "another" in kinds
        draft.accused = "accusation" in kinds
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
        if rumour and _words_between(doc.text, rumour.end, hit.start) <= _RUMOUR_GAP and (any(
                term.payload == "refutation" for cue in cues_after for term in cue.terms)
                or _rejected(doc.text, rumour, cues_before)):
            # "reports of clashes were completely false", "ما أوردته قناة المسيرة بشأن شن
            # طيران التحالف غارات على صعدة ادعاءات باطلة", "rejected RSF claims that"
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
            # "denied any involvement in the attack": it happened
            denial = kinds.pop("denial", None)
            claim = kinds.get("claim")
            if denial is not None and claim is not None and claim.start > denial.start:
                kinds.pop("claim")  # "نفى الحزب مسؤوليته عن": the role denied, not claimed
            actor = draft.args.get("actor")
            if actor is not None and actor.end <= kinds["authorship_denial"].start:
                draft.actor_uncertain = True  # who denies a role may not be who acted
        if "claim" in kinds and "hearsay" in kinds:
            first, second = sorted((kinds["claim"], kinds["hearsay"]), key=lambda c: c.start)
            if _words_between(doc.text, first.end, second.start) <= _CLAIMER_GAP:
                kinds.pop("claim")  # "social media posts claimed", "زعمت حسابات": a rumour
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
        if _listed_after_any(words, self.kb.negation_fillers):
            return True
        if doc.text[hit.start : hit.end].isascii():
            return len(words) <= _NEGATION_GAP
        if all(w in self.kb.negation_fillers for w in words):
            return True
        # "لم تشهد المدينة أي اشتباكات": "any" carries the negation across a subject; so
        # does what the subject underwent: "عدم تعرض أي موقع عسكري في المنطقة للقصف"
        gap = _UNDERGONE_WORDS if words and _undergone(words[0]) else _NEGATION_GAP
        return len(words) <= gap and any(w in _ANY for w in words[1:])

    def _event(self, original: str, folded: FoldedText, index: int, mentions: list[Draft],
               ids: dict[int, str]) -> dict:
        """One event from the mentions of one happening (the first is its main one)."""
        d = mentions[0]
        args = merged_args(mentions)

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
        subtype = next((m.subtype for m in mentions if m.subtype not in _VAGUE_SUBTYPES),
                       None)
        if subtype is None and d.type == "strike":  # "a drone targeted a car": a drone strike
            classes = {weapon_class(w) for m in mentions for w in m.args.get("means", ())}
            subtype = next((told for told, by in self.kb.strike_means.items()
                            if by & classes), None)
        return {
            "id": f"v{index}",
            "type": d.type,
            "subtype": subtype or d.subtype,
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


def _forces_by(doc: Tokens, hit: Hit) -> bool:
    """Forces named by what they are as the trigger's subject or object: "troops deployed",
    "units had set up", "deployed troops", "نشرت القوات" (not "تحركاً مشبوهاً لعناصر": the
    movement of others)."""
    before = doc.last_before(hit.start)
    first = doc.first_of_sentence(hit.start)
    while before > first and doc.words[before] in _BEFORE_VERB:
        before -= 1
    after = doc.first_after(hit.end)
    return any(i >= 0 and doc.words[i].removeprefix("ال") in _FORCE_NOUNS
               for i in (before, after))


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
    # "Iran launched drones at Israel": the state that acts is no place of its event
    acting = _state_acting(doc, hit, sentence)
    scope = [m for m in _without_qualifiers(doc, scope) if m is not acting]
    sentence = [m for m in _without_qualifiers(doc, sentence) if m is not acting]
    after = [m for m in scope if m.start >= hit.end] if event_type in _AIMED else []
    way = _way_past(doc, scope, after) if event_type == "troop_movement" else set()
    # "strikes on Yemen's Amran province": Yemen only says whose province
    cued = [m for m in after if m.type in _TARGET_TYPES and _ORIGIN_CUES.before(doc, m.start)
            is None and not _fired_from(doc, m) and not _locates(doc, m, after) and (
                _is_target(doc, m) or _object_of(doc.text, hit, m) or (
                event_type == "troop_movement" and m.type in PLACES
                and _DESTINATION_CUES.before(doc, m.start) is not None))
            and id(m) not in way
            and not (m.type in PLACES and (_describes_actor(doc, m, scope)
                                           or _at_roads_end(doc, m)))]
    aimed_at = [m for m in after if m.type == "facility"
                and _LOCATIVE_CUES.before(doc, m.start) is None
                and _COMING_FROM.before(doc, m.start) is None]
    if event_type == "troop_movement":
        # moved from a base to another place: not the base they left ("نقل منظومات من
        # مطار T4 إلى مطار حماة"); a convoy told leaving a base only is placed there
        aimed_at = [m for m in aimed_at if _ORIGIN_CUES.before(doc, m.start) is None
                    and not _via(doc, m)
                    or not any(p.type in PLACES and _ONWARD.intersection(
                        doc.text[m.end:p.start].split()) for p in after if p.start > m.end)]
    target = next(
        (m for m in cued if m.type in PLACES),
        next(iter(aimed_at), next((m for m in cued if m.type == "actor"), None)),
    ) or _undergoer(doc, hit, scope)
    if target is not None and target.type in PLACES:
        target = _pinned(doc, target, after)
    if event_type == "troop_movement":  # "entered Tripoli ... and took up positions in Tajoura"
        target = next((m for m in sentence if m.start > hit.end and m.type in PLACES
                       and _settled_in(doc, m)), target)
    english = doc.text[hit.start:hit.end].isascii()
    # (but "استهدفت مسيرة سيارة عسكرية لقسد": whose the car was, not who struck it)
    actors = _agents(doc, [m for m in scope if m.type == "actor" and _armed(m) and (
        english or m.start < hit.start or not _owner(doc, hit, m, event_type))], cued)
    if not actors or english:  # else the actors before the trigger are not needed
        before = _agents(doc, [m for m in sentence if m.type == "actor" and _armed(m)
                               and m.end <= hit.start], cued)
        if not actors:  # "الميليشيات ... بدلت مواقعها، ونقلت عتادها": the subject came earlier
            actors = before
        elif before and not any(
                _PASSIVE_AGENT.before(doc, m.start) for m in actors if m.start >= hit.end):
            # English puts who acted before the verb ("Israel's military said it had hit
            # Hezbollah weapons depots"); after it only in the passive ("struck by drones")
            actors = before
    if not english:
        # "بهجوم لمسلحين مجهولين على حاجز": the attack of the gunmen, whoever came before it
        actors = [m for m in actors if doc.text[hit.end:m.start] == " ل"][:1] or actors
        if event_type == "troop_movement":  # "بعد انسحاب الجيش": the army withdrew
            actors = [m for m in actors if whose_movement(doc, hit, m)][:1] or actors
    elif event_type in _AIMED:
        # "... where Ankara has targeted PKK members": what was hit, not who hit it
        actors = [m for m in actors if m.start < hit.start
                  or _PASSIVE_AGENT.before(doc, m.start) is not None]
    places = _finest(_event_places(doc, scope)) or _finest(_event_places(doc, sentence))
    if event_type == "clash":  # "fought them before the attackers fled toward the desert"
        places = [m for m in places if not _headed_for(doc, m)]
    elif event_type == "strike":  # "... before fleeing toward the desert" (but "fired
        places = [m for m in places if not _fled_to(doc, m)]  # rockets toward the Golan")
    came_from = {id(m) for m in places
                 if _ORIGIN_CUES.before(doc, m.start) is not None or _fired_from(doc, m)}
    # where the forces came from ("redeployed from Dori to Djibo")
    origin = next((m for m in places if m is not target and id(m) in came_from), None)
    if target is not None and target.type in PLACES:
        location = target  # where the strike hit, where the forces went
    else:
        others = [m for m in places if m is not target]
        arrived = [m for m in others if id(m) not in came_from and id(m) not in way]
        if event_type == "troop_movement":  # where they went, not where they were: "نقلت
            # لواءين من ألويتها المنتشرة في قضاء سامراء ... إلى قضاء القائم"
            arrived = [m for m in arrived if _went_to(doc, m)] or arrived
        if not arrived and event_type == "strike":
            # "sirens sounded in the Upper Galilee after a drone infiltrated from Lebanon":
            # where it came from is where the strike was only if its sentence names no other
            arrived = [m for m in _finest(_event_places(doc, sentence))
                       if m is not target and _ORIGIN_CUES.before(doc, m.start) is None
                       and not _fled_to(doc, m)]
        location = _nearest(hit, arrived) or target or _nearest(hit, others)
        if location in others and location not in arrived:
            origin = location  # the location is only where they came from
    weapons = [m for m in scope if m.type == "weapon"]
    counted = {id(m) for m in weapons + actors}
    dates = [m for m in scope if m.type == "date" and not _dates_statement(doc, m)
             and not _until(doc, m, hit)]
    quantity = next(
        (m for m in scope if m.type == "quantity" and m.counts is not None
         and id(m.counts) in counted),
        _nearest(hit, [m for m in scope if m.type == "quantity" and not m.attrs.get("unit")]),
    )
    return {
        "actor": _nearest(hit, actors),
        "target": target,
        "location": location,
        "origin": origin,
        "weapons": weapons,
        "means": [m for m in weapons if _means(doc, hit, m)],
        "quantity": quantity,
        # a date in another clause belongs to that clause's event ("… الذي استهدف في 25 آب"),
        # but a year or month sets the time of its whole sentence ("In 2017, … after weeks
        # of airstrikes")
        "time": _nearest(hit, dates) or _nearest(hit, [
            m for m in sentence if m.type == "date" and m.attrs["granularity"] in (
                "year", "month") and not (m.start > hit.end and _since(doc, m))]),
    }


def _next_subject(doc: Tokens, hit: Hit, mentions: list[Mention], later: list[Hit]) -> int:
    """Where a clause with a subject of its own opens after the trigger ("stationed a
    battalion in Hawija, and the Peshmerga repositioned units near Makhmour", "وأرسلت قسد
    تعزيزات إلى ...، والجيش نشر وحدات في ..."): the trigger's arguments end there; else
    no bound (sys.maxsize)."""
    for t in later:
        subject = next((m for m in mentions if m.type == "actor" and hit.end < m.start
                        and m.end <= t.start and not doc.text[m.end:t.start].strip()), None)
        if subject is not None and _and_then(doc, subject):
            return subject.start
    return sys.maxsize


def _and_then(doc: Tokens, subject: Mention) -> bool:
    """Whether ", and the" or "، و" stands right before the subject."""
    return _AND_THEN.search(doc.text, max(0, subject.start - len(", and the ")),
                            subject.start) is not None


def _own_subject(doc: Tokens, hit: Hit, mentions: list[Mention]) -> int:
    """Where the trigger's clause opens when it has a subject of its own after "and" ("...,
    and the Peshmerga repositioned units"): its arguments start there; else 0."""
    subject = next((m for m in mentions if m.type == "actor" and m.end <= hit.start
                    and not doc.text[m.end:hit.start].strip()), None)
    if subject is not None and _and_then(doc, subject):
        return subject.start
    return 0


def _owner(doc: Tokens, hit: Hit, name: Mention, event_type: str) -> bool:
    """Whether an Arabic name after the trigger owns the noun before it: "سيارة عسكرية
    لقسد", "مواقع للميليشيات"; and, of what a strike hit, also when the name's article is
    joined to the "ل" ("آلية عسكرية للجيش الصومالي": whose the vehicle was, not who struck
    it; but "نصب منصات تابعة للميليشيات": the militias' own launchers, which they set up);
    and the nationality of equipment a strike hit ("استهدفت المقاومة دبابة إسرائيلية", but
    not of the subject right after the verb: "قصفت دبابة إسرائيلية منزلا"; a verb in the
    plural told its subject before it: "مقاتلوها استهدفوا آليات الاحتلال")."""
    if name.owns is not None and event_type == "strike":
        return bool(doc.text[hit.end:name.owns].split()) or doc.text.endswith(
            "وا", hit.start, hit.end)
    words = doc.text[hit.end:name.start].split()
    if event_type == "strike" and doc.text.startswith("لل", name.start):
        return bool(words)
    return len(words) > 1 and words[-1] in ("ل", "لل")


def _fired_from(doc: Tokens, place: Mention) -> bool:
    """Whether the place is near what the fire came from: "rockets launched from an orchard
    near al-Baghdadi", "أطلقت من أحد البساتين قرب ناحية البغدادي" (but not "launched from
    Lebanon toward Kiryat Shmona")."""
    for i in reversed(doc.window_before(place.start, _FIRED_FROM_WINDOW)):
        if doc.words[i] in _FIRED_TOWARD:
            return False
        if _FIRED_FROM.before(doc, doc.starts[i]) is not None:
            return True
    return False


def _headed_for(doc: Tokens, place: Mention) -> bool:
    """Whether the place is where someone went: "toward the Jallam desert", "باتجاه وادي
    زغيتون" (the noun that announces a place read past)."""
    return _HEADING.before(doc, _before_place_noun(doc, place)) is not None


def _way_past(doc: Tokens, scope: list[Mention], after: list[Mention]) -> set[int]:
    """The places forces went through, when a town or a site beyond them is told: not where
    they went ("دخل رتل عبر معبر كفرلوسين ... واتجه إلى القاعدة التركية في بلدة المسطومة";
    but "عبر معبر الوليد، واتجه نحو قواعد التحالف في ريف الحسكة": the crossing)."""
    way = {id(m) for m in scope if m.type in PLACES and _via(doc, m)}
    beyond = any(m.type in PLACES and m.entry is not None and precision(m) < 3
                 and id(m) not in way for m in after)
    return way if beyond else set()


def _via(doc: Tokens, place: Mention) -> bool:
    """Whether the place is the way forces took: "عبر معبر كفرلوسين", "through the Kafr Lusin
    crossing"."""
    return _VIA.before(doc, _before_place_noun(doc, place)) is not None


def _before_place_noun(doc: Tokens, place: Mention) -> int:
    """Where the text before the place ends, the noun that announces it read past ("مدينة
    البعث", "the town of")."""
    window = doc.text[max(0, place.start - _NOUN_WINDOW):place.start]
    return place.start - len(window) + len(without_place_noun(window).rstrip())


def _went_to(doc: Tokens, place: Mention) -> bool:
    """Whether the place follows a word of going on to it: "إلى قضاء القائم", "to Qaim"
    (not only heading there, "يغادر سيئون باتجاه المكلا", nor the end of a stretch, "في
    منطقة الميادين وصولا إلى البوكمال")."""
    before = _before_place_noun(doc, place)
    i = doc.last_before(before)
    return (i >= 0 and doc.words[i] in _ONWARD and _HEADING.before(doc, before) is None
            and _EXTENT.before(doc, doc.starts[i]) is None)


def _settled_in(doc: Tokens, place: Mention) -> bool:
    """Whether the place is where forces went on to and stayed: "وتمركز في منطقة تاجوراء",
    "and headed to the Qasrak base"."""
    return _SETTLED.before(doc, _before_place_noun(doc, place)) is not None


def _fled_to(doc: Tokens, place: Mention) -> bool:
    """Whether the place is where attackers fled: "قبل أن يلوذوا بالفرار باتجاه البادية"."""
    if not _headed_for(doc, place):
        return False
    last = doc.last_before(place.start)
    first = max(doc.first_of_sentence(place.start), last - _FLED_WINDOW)
    return not _FLED.isdisjoint(doc.words[first:last + 1])


def _means(doc: Tokens, hit: Hit, weapon: Mention) -> bool:
    """Whether a weapon of the trigger's clause is what the event was done with: its
    subject ("a drone struck", "استهدفت مسيرة سيارة"), its object ("fired three rockets"),
    or told after "with", "بـ" ("shelled the village with mortars"); not a weapon further
    on ("targeted an operative responsible for rocket launches")."""
    if weapon.end <= hit.start:
        return True
    return (_words_between(doc.text, hit.end, weapon.start) <= _MEANS_GAP
            or _INSTRUMENTS.before(doc, weapon.start) is not None
            or doc.text[weapon.start - 2:weapon.start] in (" ب", "\nب"))


def _locates(doc: Tokens, place: Mention, others: list[Mention]) -> bool:
    """Whether the place only says where the place before it lies: "a motorcycle on the
    outskirts of Kfar Rumman near Nabatieh", "قرية المنصورة قرب الطبقة"."""
    cue = _LOCATING.before(doc, place.start)
    return cue is not None and any(
        p.type in PLACES and p.end <= cue.start and not doc.text[p.end:cue.start].strip(" ,،")
        for p in others)


def _pinned(doc: Tokens, place: Mention, after: list[Mention]) -> Mention:
    """A region pinned down by the place right after it: "to the Iraqi-Syrian border near
    Husaybah" is at Husaybah."""
    if precision(place) < 3:
        return place
    finer = next((m for m in after if m.start >= place.end), None)
    if (finer is not None and finer.type in PLACES and precision(finer) < 3
            and doc.text[place.end:finer.start].strip() in _PINNING):
        return finer
    return place


_PINNING = frozenset(_words("pinning"))


def _since(doc: Tokens, date: Mention) -> bool:
    """A year or month that starts a span ("troops have been operating there since early
    2025", "منذ مطلع 2024"): it dates no event told before it in its sentence."""
    before = doc.last_before(date.start)
    return before >= 0 and (doc.words[before] in _SINCE or (
        before > 0 and doc.words[before - 1] in _SINCE))


def _until(doc: Tokens, date: Mention, hit: Hit) -> bool:
    """A time that ends the span of what the trigger tells ("gunfire heard until late on
    Wednesday", "حتى فجر الأربعاء"): how long it lasted, not when it happened (but "until
    troops withdrew on Tuesday" dates the withdrawal)."""
    return any(doc.words[i] in _UNTIL and doc.starts[i] >= hit.end
               for i in doc.window_before(date.start, _UNTIL_WINDOW))


def _dates_statement(doc: Tokens, date: Mention) -> bool:
    """A date right before "that", "أن": when it was said, not when it happened ("HRW said
    Sunday that an air strike ... in October 2024", "أعلنت الوزارة، اليوم الأحد، أن")."""
    following = doc.first_after(date.end)
    return following >= 0 and doc.words[following] in _STATEMENT_OPENERS


# A line that opens with where it was filed from, in folded text: "دهوك - رووداو:",
# "محافظة ادلب:", "baghdad (reuters) -", "erbil, kurdistan region -", or an item of a
# roundup that opens with its province ("- daraa: gunmen shot dead ... in jasim").
_DATELINE = re.compile(
    r"^(?:[-–•*▪][^\S\n]*)?(?P<head>[^\W\d][^\n:|.!?؟،]{1,40}?)(?:[^\S\n]*\([^)\n]{1,25}\))?"
    r"[^\S\n]*(?::|\||[^\S\n]-)\s", re.M)  # (the head and its mark on one line)
_DATELINE_WORDS = 5


def _datelines(text: str) -> list[tuple[int, int]]:
    """The heads of datelines (those that begin or end with a place name, where the report
    was written, not where its events happened: "KOYA, Kurdistan Region (Kurdistan24) -"
    when the town is not in the gazetteer; "AL-QAIM, Iraq / DEIR AL-ZOUR, Syria (Agencies) -":
    the slash between two places is no word)."""
    return [m.span("head") for m in _DATELINE.finditer(text)
            if len(m.group("head").replace("/", " ").split()) <= _DATELINE_WORDS]


def _in_any(m: Mention, spans: list[tuple[int, int]]) -> bool:
    return any(start <= m.start < end for start, end in spans)


_OBJECT_GAP = 2  # words between a transitive trigger and its object: "استهدف بلدة ذيبان"


def _object_of(text: str, hit: Hit, m: Mention) -> bool:
    """A place right after the trigger is what it aimed at: "استهدفت بلدة ذيبان",
    "shelled the village of X" (the word that says what the place is does not count)."""
    if m.type not in PLACES:
        return False
    gap = without_place_noun(text[hit.end:m.start])
    words = gap.split()
    if any(" ".join(words[-n:]) in _LOCATIVE_CUES for n in (1, 2)):
        return False  # "نشرت صواريخ في منطقة X": where, not what
    return _words_between(gap, 0, len(gap)) <= _OBJECT_GAP


_FROM = frozenset(_words("left_from"))  # "من نقطتها في بلدة X", "out of X"


def _from_where_they_left(doc: Tokens, hit: Hit, scope: list[Mention],
                          args: dict[str, Any]) -> None:
    """A withdrawal happens where the forces left ("انسحبت القوات الروسية من عين عيسى إلى
    مطار القامشلي", "withdrew from the base"), not where they went ("evacuated their bases
    in the city and headed west toward Darfur": the city told before)."""
    # (the trigger's own words too: "pulled out of their camp in Tessit")
    left = next((m for m in scope if m.type in PLACES and m.start >= hit.end
                 and _FROM.intersection(doc.text[hit.start:m.start].split())
                 and not _headed_for(doc, m)), None)
    if left is not None:
        args["location"], args["target"] = left, None
    elif (went := args.get("location")) is not None and went.start > hit.end and _headed_for(
            doc, went):
        args["location"] = args["target"] = None


def _finest(places: list[Mention]) -> list[Mention]:
    """A country says least where an event was: kept only when nothing finer is named; a
    governorate or a province, only when no place inside it is ("In Kirkuk province, police
    deployed two brigades in the Hawija district")."""
    places = [m for m in places if _kind(m) != "country"] or places
    inside = {m.entry.admin_key for m in places
              if m.entry is not None and _kind(m) not in FIRST_LEVEL}
    return [m for m in places if _kind(m) not in FIRST_LEVEL or m.entry is None
            or m.entry.admin_key not in inside]


def _kind(m: Mention) -> str | None:
    return m.attrs.get("kind") or (m.entry.kind if m.entry else None)


def _without_qualifiers(doc: Tokens, mentions: list[Mention]) -> list[Mention]:
    """Drops a place that only says where the place before it lies: "بادية السخنة شرقي
    حمص", "Tarmiyah, north of Baghdad", "قرية حطلة بريف دير الزور", "حقل كورمور الغازي
    في قضاء جمجمال بمحافظة السليمانية"; or where another lies, named as such: "the North
    Darfur town of Kabkabiya", "the North Kordofan capital", "عاصمة إقليم النيل الأزرق"."""
    text = doc.text
    mentions = [m for m in mentions if not (m.type in PLACES and _holds_another(doc, m))]
    kept: list[Mention] = []
    last: Mention | None = None  # the mention before, kept or dropped
    for m in mentions:
        place = kept[-1] if kept and kept[-1].type in PLACES else None
        joint = text[last.end:m.start].strip(" ,،") if place is not None else ""
        if place is not None and m.type in PLACES and (
                (qualifies(m) or _contains(m, place)) and joint in _JOINING
                or _lies_on(place, m, joint)
                or last is place and _belongs_to(doc, m, place)):
            last = m
            continue
        kept.append(m)
        last = m
    # "central Gaza's Deir al-Balah", "Syria's northeastern province of Hasakah": the place
    # after a possessive is where; the one before it only says where that lies, as a region
    # or a sea right before a site does ("the Red Sea port of Hodeidah")
    return [m for i, m in enumerate(kept)
            if not (i + 1 < len(kept) and m.type in PLACES and kept[i + 1].type in PLACES
                    and (_POSSESSIVE.match(text, m.end, kept[i + 1].start) or (
                        kept[i + 1].type == "facility" and precision(m) == 3
                        and text[m.end:kept[i + 1].start] == " ")))]


def _belongs_to(doc: Tokens, area: Mention, place: Mention) -> bool:
    """Whether `area` is named as what `place`, right before it, belongs to: "قرية الحاوي
    التابعة لناحية العظيم", "منطقة الجبلية بمديرية التحيتا"."""
    cue = _BELONGING.before(doc, _before_place_noun(doc, area)) or _BELONGING.before(
        doc, area.start)
    return cue is not None and doc.text[place.end:cue.start].strip(" ,،") in _IN_ONE_WORD


_IN_ONE_WORD = frozenset({"", "ب", "في"})


#: a place's possessive, then up to three words before the place it holds (its article
#: may be joined to it: "Raqqah's al-Mashlab")
_POSSESSIVE = re.compile(r"['’]s(?: [a-z-]+){0,3}[ -]$")


def _lies_on(place: Mention, border: Mention, joint: str) -> bool:
    """Whether `border`, right after `place` and joined by "على" or "on", is the border the
    place lies on: "مدينة البو كمال على الحدود السورية العراقية", "Albu Kamal on the
    Syrian-Iraqi border"."""
    return (joint in _ON and _across_borders(border) and place.entry is not None
            and place.entry.fields.get("country") is not None)


def _across_borders(area: Mention) -> bool:
    """Whether the place is a region of no one country: a border strip, "the Syrian-Iraqi
    border"."""
    return area.entry is not None and area.entry.fields.get("country") is None and (
        area.entry.fields.get("kind") == "region")


def _contains(area: Mention | None, place: Mention | None) -> bool:
    """Whether `area` is a district, governorate or country that holds the finer `place`, or
    a region of no one country ("near the Syrian-Iraqi border")."""
    if (area is None or place is None or area.entry is None or place.entry is None
            or precision(place) > 2):
        return False
    fields, within = area.entry.fields, place.entry.fields
    if fields.get("country") is None:
        return _across_borders(area)
    if fields.get("admin1") is None and fields.get("kind") == "populated_place":
        # a part of a town whose province the gazetteer does not give ("eastern Tripoli"):
        # it holds that town, not every place of the country ("Abu Issa", in Zawiya)
        return area.entry.ref == place.entry.ref
    return precision(area) >= 3 and fields.get("country") == within.get("country") and (
        fields.get("admin1") in (None, within.get("admin1")))


#: what may stand between a place and the phrase that says where it lies: "بلدة الشحيل بريف
#: دير الزور", "قرية الدندنية جنوب سد تشرين", "Tarmiyah, north of Baghdad", "south of
#: Boukamal near the Syrian-Iraqi border"
# (folded, as the text between is: "على" is "علي")
_JOINING = frozenset(map(fold_words, ("", "ب", "في", "in", "in the", "near", "near the", "قرب",
                                      "بالقرب من")))
_ON = frozenset(map(fold_words, ("على", "on", "on the", "along", "along the")))




def _state_acting(doc: Tokens, hit: Hit, sentence: list[Mention]) -> Mention | None:
    """A country that is the trigger's subject (a state whose forces Raqib knows is already
    an actor: see EntityExtractor._states_acting)."""
    return next((m for m in sentence if m.type == "location" and m.entry is not None
                 and m.entry.fields.get("kind") == "country" and subject_of(doc, m, hit)),
                None)


def _event_places(doc: Tokens, mentions: list[Mention]) -> list[Mention]:
    """The places among the mentions that may be where an event was: not one in an actor's
    description, in an office's title, where the source is ("أفاد مصدر أمني في محافظة صلاح
    الدين باندلاع اشتباكات"), at the far end of a road named by its ends, nor where the
    wounded were taken ("نقلوا إلى مشفى في بلدة الشحيل المجاورة")."""
    places = [m for m in mentions if m.type in PLACES]
    # the road "a–b" runs from a: b is not where the event was, nor a when the road is only
    # the way taken ("خرج من دير حافر عبر طريق حلب – الرقة")
    on_road = {id(m) for a, b in itertools.pairwise(places) if _road(doc, a, b)
               for m in ((a, b) if _way_taken(doc, a) else (b,))}
    return [m for m in places if not _describes_actor(doc, m, mentions)
            and not _in_title(doc, m) and not _where_the_source_is(doc, m)
            and id(m) not in on_road
            and _ELSEWHERE.before(doc, _before_place_noun(doc, m)) is None]


def _at_roads_end(doc: Tokens, place: Mention) -> bool:
    """Whether the place is the far end of a road something was on ("on the road from Kfar
    Kila", "على الطريق المؤدي إلى مدينة البعث"): not where it was."""
    return _ROAD_FROM.before(doc, _before_place_noun(doc, place)) is not None


def _holds_another(doc: Tokens, place: Mention) -> bool:
    """A region named to say where another place lies: "the North Darfur town of
    Kabkabiya", "the North Kordofan capital", "الدمازين، عاصمة إقليم النيل الأزرق"."""
    return precision(place) == 3 and (_HOLDER_BEFORE.before(doc, place.start) is not None
                                      or _HOLDER_AFTER.after(doc, place.end) is not None)


def _looked_onto(doc: Tokens, place: Mention) -> bool:
    """Whether the place is what a place told before looks onto: "القذائف سقطت على منازل في
    الحي المطل على مواقع الجماعة في منطقة الحوبان" (the shells fell in the neighbourhood);
    but what a hill or a position looks onto is where they are ("new positions on hills
    overlooking Palmyra")."""
    starts = [doc.starts[i] for i in doc.window_before(place.start, _OVERLOOKING_WINDOW)]
    for start in [*starts, place.start]:
        cue = _OVERLOOKING.before(doc, start)
        noun = doc.last_before(cue.start) if cue is not None else -1
        if noun < 0 or doc.words[noun].removeprefix("ال") not in _INHABITED_NOUNS:
            continue
        if doc.words[noun].startswith("ال") or noun > 0 and doc.words[noun - 1] == "the":
            return True
    return False


def _road(doc: Tokens, a: Mention, b: Mention) -> bool:
    """Whether "a–b" names a road by the places it joins: "طريق حلب – الرقة", "the
    Aleppo-Raqqa road"."""
    if doc.text[a.end:b.start].strip() not in _DASHES:
        return False
    preceding, following = doc.last_before(a.start), doc.first_after(b.end)
    return (preceding >= 0 and doc.words[preceding] in _ROAD_BEFORE) or (
        following >= 0 and doc.words[following] in _ROAD_AFTER)


def _way_taken(doc: Tokens, start: Mention) -> bool:
    """Whether the road that `start` begins the name of is told as the way taken: "عبر
    طريق حلب – الرقة", "via the Aleppo-Raqqa road"."""
    at = doc.last_before(start.start)
    if at >= 0 and (doc.words[at] in _ROAD_BEFORE or doc.words[at] == "the"):
        return _VIA.before(doc, doc.starts[at]) is not None
    return _VIA.before(doc, start.start) is not None


_DASHES = frozenset("-–—")


def _listed_after_any(words: list[str], fillers: frozenset[str]) -> bool:
    """Whether the trigger after `words` is one of a list the negation reaches through
    "any": "لم يرسل الجيش أي تعزيزات أو أرتال", "had not sent any reinforcements or
    convoys" (the verb and its subject before "any", the events listed after it)."""
    at = next((i for i, w in enumerate(words) if w in _ANY), None)
    if at is None or at > _NEGATION_GAP:
        return False
    listed = [w for w in words[at + 1:] if w not in _OR and w not in fillers]
    return any(w in _OR for w in words[at + 1:]) and len(listed) <= _LISTED


def _negates_agent(doc: Tokens, negation: Hit, draft: Draft) -> bool:
    """"No coalition aircraft had conducted strikes", "no U.S. forces carried out any
    attack": a negation of whoever acted, a few words before the trigger, negates it."""
    between = doc.text[negation.end:draft.trigger.start]
    if (_COMMA.search(between) or len(between.split()) > _AGENT_NEGATION_GAP
            or _CLAUSE_BREAK.search(between) or _SUBORDINATE.intersection(between.split())):
        return False
    agents = [draft.args.get("actor"), *draft.args.get("weapons", [])]
    # right after the negation, or after "any" ("لم تنفذ أي طائرة للتحالف غارات")
    if any(m is not None and negation.end <= m.start and m.end <= draft.trigger.start
           and (not (lead := doc.text[negation.end:m.start].split())
                or len(lead) <= 2 and lead[-1] in _ANY) for m in agents):
        return True
    # forces named by what they are: "No units of the armed forces have moved"
    words = between.split()
    return bool(words) and (words[0] in _FORCE_NOUNS or (
        len(words) > 1 and words[0] in _ANY and words[1] in _FORCE_NOUNS))


_FORCE_NOUNS = frozenset(_words("force_nouns"))
_BEFORE_VERB = frozenset(_words("before_verb"))


def _describes_actor(doc: Tokens, place: Mention, mentions: list[Mention]) -> bool:
    """A country in an actor's description, or blamed, is not where the event took place:
    "factions loyal to Iran", "ميليشيات تابعة لطهران", "Iraq's Federal Police", "محملة تركيا
    المسؤولية"; nor is any place joined to such a description ("Misrata-based brigades")."""
    following = doc.first_after(place.end)
    if (following >= 0 and doc.text[place.end:doc.starts[following]] in _DASHES
            and doc.words[following] in _JOINED_DESCRIPTIONS):
        return True
    if _PATRON_CUES.before(doc, place.start) is not None:
        return True  # a patron, a state or its capital: "loyal to Iran", "الموالية لأنقرة"
    if _ACCUSED_CUES.before(doc, place.start) is not None:
        return True  # "held Turkey responsible", "accuse Kinshasa of a drone strike"
    if place.entry is None or precision(place) < 3:  # a country, or a region
        return False
    if doc.text[place.end:place.end + 2] in ("'s", "’s"):  # "Turkey's Defence Ministry"
        return True
    following = doc.first_after(place.end)
    return following >= 0 and any(
        m.type == "actor" and m.start == doc.starts[following] for m in mentions) and (
        doc.text[place.end:doc.starts[following]].strip() in ("'s", "’s", ""))


def _where_the_source_is(doc: Tokens, place: Mention) -> bool:
    """"a security source in Salahuddin", "مراسل عنب بلدي في الحسكة": where the report
    comes from, not where its event was."""
    if _SOURCE_IN.before(doc, place.start) is not None or _at_the_sources_office(doc, place):
        return True
    preposition = _LOCATIVE_CUES.before(doc, place.start)
    if preposition is None:
        return False
    before = doc.last_before(preposition.start)
    return bool(_CORRESPONDENTS.intersection(
        doc.words[max(0, before + 1 - _CORRESPONDENT_WORDS):before + 1]))


def _at_the_sources_office(doc: Tokens, place: Mention) -> bool:
    """"مصدرا عسكريا في رئاسة الأركان العامة بطرابلس", "a source at the defence ministry in
    Khartoum": the place of the office the source speaks from, a few words after it, with
    no statement opened between."""
    at = doc.last_before(place.start)
    english = doc.text[place.start:place.end].isascii()
    if at < 0 or (doc.words[at] not in _IN_OR_AT if english
                  else doc.text[place.start - 1:place.start] != "ب"):
        return False
    for i in reversed(doc.window_before(place.start, _OFFICE_WINDOW)):
        if doc.words[i] in _STATEMENT_OPENERS or _COMMA.search(doc.text, doc.ends[i],
                                                                place.start):
            return False
        if _SOURCE_IN.before(doc, doc.starts[i]) is not None:
            return True
    return False


_IN_OR_AT = frozenset({"in", "at"})
_OFFICE_WINDOW = 5  # "a source in the army's general command in", "مصدر في رئاسة الأركان العامة ب"
_CORRESPONDENTS = frozenset(_words("correspondents"))
_CORRESPONDENT_WORDS = 4  # "a correspondent of the Syrian Observatory in", "مراسل عنب بلدي في"


def _in_title(doc: Tokens, place: Mention) -> bool:
    """A place in an office's name is not where the event was: "قائد عمليات الأنبار",
    "محافظ دير الزور", "the Diyala police chief", "the governor of Kirkuk" (but "مديرية هودن"
    is a district the noun announced: a place no gazetteer lists)."""
    preceding = doc.last_before(place.start)
    following = doc.first_after(place.end)
    return (preceding >= 0 and doc.words[preceding] in _TITLE_BEFORE
            and not is_unlisted(place.entry)) or (
        following >= 0 and doc.words[following] in _TITLE_AFTER) or (
        _TITLE_OF.before(doc, place.start) is not None)


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
_UNDERGONE = frozenset(_words("undergone"))
_UNDERGONE_WORDS = 12  # "تعرض مقر لميليشيا لواء فاطميون في حي ... بمدينة البوكمال لاستهداف"


def _undergoer(doc: Tokens, hit: Hit, scope: list[Mention]) -> Mention | None:
    """The place that underwent the event, named right after the verb that says so: "تعرض
    حقل كورمور للغاز في قضاء جمجمال ... لهجوم بطائرة مسيرة" (the field, not the district)."""
    verb = _undergone_verb(doc, hit) if hit.prefix in ("ل", "ول", "فل") else None
    if verb is None or verb + 1 >= len(doc.words):
        return None
    return next((m for m in scope if m.type in PLACES and m.start == doc.starts[verb + 1]),
                None)


def _undergone_verb(doc: Tokens, hit: Hit) -> int | None:
    """The word that says what underwent the event at `hit`, a few words before it."""
    before = doc.last_before(hit.start)
    first = max(doc.first_of_sentence(hit.start), before - _UNDERGONE_WORDS)
    return next((i for i in range(before, first - 1, -1) if _undergone(doc.words[i])), None)


def _undergone(word: str) -> bool:
    """Whether the word says what something underwent, with "و" or "ف" attached or not:
    "وتعرضت أطراف البلدة لقصف"."""
    return word in _UNDERGONE or word[:1] in ("و", "ف") and word[1:] in _UNDERGONE


def _purpose(doc: Tokens, hit: Hit) -> bool:
    """An infinitive or purpose: "to strike" (not "to shelling"), "لقصف" (to shell), but
    not what something underwent ("تعرض مقر للميليشيا ... لاستهداف")."""
    word = doc.text[hit.start : hit.end]
    if word.isascii():
        to = doc.last_before(hit.start)
        if to < 0 or doc.words[to] != "to" or word.endswith("ing"):
            return False
        opens = doc.starts[to]
    else:
        if hit.prefix not in ("ل", "ول", "فل") or _undergone_verb(doc, hit) is not None:
            return False
        opens = hit.start  # the verb that carries "ل"
    # "prompting coalition artillery to shell", "ما دفع المدفعية لقصف": what was done
    return not any(doc.words[i] in _CAUSED for i in doc.window_before(opens, _CAUSED_GAP))


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
    """An account answered by a denial is denied: any account before it in its sentence
    ("activists accused the forces of shelling Ariqa, but the ministry said its units did
    not fire a single round"); elsewhere in the report, what others reported or the
    unconfirmed ("نفى المكتب الأنباء عن قصف استهدف ذيبان ... وكانت صفحات قد تحدثت عن سقوط
    قذائف على ذيبان"), blasts heard aside ("the IDF did not strike" leaves the explosion
    SANA reported), and what a party accused another of ("factions accused the SDF of
    shelling the town" answers "the SDF said it had not fired any shells"). A party's claim
    of its own deed stays a claim, and an account set against the denial after it stays
    an account ("نفت الوزارة وجود أي تحركات ... في المقابل، أفادت مصادر محلية بأن رتلاً
    وصل")."""
    for denial in drafts:
        if not denial.negated or denial.irrealis:
            continue
        for d in drafts:
            # in its sentence, what was told before it, or a strike others reported after
            # it ("... ليس على علم بأي غارات، بعد أن تحدثت وسائل إعلام عن ضربات"); a blast
            # heard is not answered by a party denying it struck
            blast = d.subtype == "explosion" and not d.args.get("weapons")
            answered = ((d.trigger.start < denial.trigger.start
                         or (d.modality in _RETRACTED and not blast))
                        if d.sentence == denial.sentence else _retractable(d) and not blast
                        and not (d.countered and d.sentence[0] > denial.sentence[0]))
            # (a place carried over from the sentence before says nothing of where it was)
            place = None if d.carried_location else d.args.get("location")
            # (a denied withdrawal answers no account of forces arriving somewhere: "قسد
            # استقدمت تعزيزات من الحسكة إلى محيط ذيبان" stands beside "نفى ... انسحاب مقاتلي
            # العشائر"; "had moved its fighters out of the area" it answers)
            arriving = (denial.subtype == "withdrawal" and d.subtype != "withdrawal"
                        and d.args.get("target") is not None)
            if (answered and d.type == denial.type and not d.negated
                    and d.modality in _ACCOUNTS and not arriving
                    and _compatible(place, denial.args.get("location"))):
                d.negated, d.modality = True, "denied"


def _background_told_on(text: str, drafts: list[Draft]) -> None:
    """An undated mention in the sentence right after one that tells only events dated long
    before, on its line, is of that time too: "Ten years ago today, on November 1, 2016,
    soldiers pushed into Gogjali ... The advance followed two weeks of fighting across the
    Nineveh Plains" (past a line's end, what follows is as often today's news)."""
    told: dict[tuple[int, int], list[Draft]] = {}
    for d in drafts:
        told.setdefault(d.sentence, []).append(d)
    sentences = list(told)
    for before, sentence in zip(sentences, sentences[1:], strict=False):
        gap = text[before[1]:sentence[0]]
        if gap.strip() or "\n" in gap or not all(
                d.historical and d.args.get("time") is not None for d in told[before]):
            continue
        for d in told[sentence]:
            if d.args.get("time") is None and not d.another:
                d.historical = True


def _blasts_given_as_cause(text: str, drafts: list[Draft], cues: list[Hit]) -> None:
    """A blast that a sentence denying a strike gives as the cause of what was heard is no
    attack but a detonation: "نفى مصدر ... غارة ...، مؤكداً أن الأصوات ناجمة عن تفجير
    الجيش لمخزن ذخائر قديم", "explosions were caused by troops blowing up an old depot,
    an official said, rejecting rumours of an airstrike"."""
    causes = _of_kind(cues, "explanation")
    denying = {x.sentence for x in drafts if x.type == "strike" and x.negated and not x.irrealis}
    for d in drafts:
        # (or the sentence right after the denial: "نفى مصدر أمني سقوط أي صواريخ ... وأوضح
        # المصدر أن الانفجارات ناجمة عن تفجير وحدة الهندسة ذخائر غير منفجرة")
        if d.subtype != "explosion" or d.negated or not any(
                d.sentence == s or _right_before(text, s, d.sentence) for s in denying):
            continue
        if any(c.start >= d.trigger.end and _words_between(text, d.trigger.end, c.start)
               <= _CAUSE_GAP for c in causes):
            continue  # "الانفجارات ناجمة عن تدريبات": the blasts explained, not the cause
        if any(c.end <= d.trigger.start and _words_between(text, c.end, d.trigger.start)
               <= _CAUSE_GAP for c in causes):
            d.type, d.subtype = "other", "controlled_detonation"


def _retract(text: str, cues: list[Hit], sentence_drafts: list[Draft],
             drafts: list[Draft]) -> None:
    """A denial with no event of its own denies the accounts told just before it: "Local
    pages reported a drone strike near Mayadin. The SDF denied this", "أفادت صفحات بانسحاب
    القوات، إلا أن مصدرا نفى هذه الأنباء", "... said the reports were false"."""
    everything = _retracts(text, cues, sentence_drafts)
    if not (everything or _still_there(cues, sentence_drafts)):
        return
    # the accounts of its own sentence ("وصف المتحدث هذه الأنباء بالمفبركة، بعد أن تحدثت
    # صفحات عن قصف"), else those of the latest sentence with events before it
    told = [d for d in sentence_drafts if _retractable(d)] or [
        d for d in drafts if d.sentence == drafts[-1].sentence and _retractable(d)]
    for d in told:
        if not d.negated and (everything or d.subtype == "withdrawal"):
            d.negated, d.modality = True, "denied"


#: what a denial with no event of its own denies: what others reported, or the unconfirmed
_RETRACTED = ("reported", "hedged")


def _retractable(draft: Draft) -> bool:
    """Whether a denial with no event of its own can answer the account: what others
    reported, the unconfirmed, or what a party accused another of ("accused the rebels of
    shelling Hamdaniya. The rebels denied it")."""
    return draft.modality in _RETRACTED or draft.accused


def _still_there(cues: list[Hit], drafts: list[Draft]) -> bool:
    """Whether the sentence says forces hold where they were, with no withdrawal of its own
    told as a fact."""
    return bool(_of_kind(cues, "still_there")) and not any(
        d.subtype == "withdrawal" and not d.negated and d.modality not in _RETRACTED
        for d in drafts)


def _rejected(text: str, rumour: Hit, cues: list[Hit]) -> bool:
    """Whether what others said is rejected or refuted right before it: "dismissed Israeli
    claims that", "رفضت وزارة الدفاع التركية ما تداولته", "described as baseless reports
    that"."""
    return any(c.end <= rumour.start and _words_between(text, c.end, rumour.start)
               <= _REJECTED_GAP
               for c in _of_kind(cues, "rejecting") + _of_kind(cues, "refutation"))


def _of_kind(cues: list[Hit], payload: str) -> list[Hit]:
    """The cues of one kind (a section of events.yaml's `cues`)."""
    return [c for c in cues if any(t.payload == payload for t in c.terms)]


def _retracts(text: str, cues: list[Hit], drafts: list[Draft]) -> bool:
    """Whether the sentence denies something told: a denial and what it points back to
    ("denied this", "نفى مصدر ... ذلك"), or what it points back to refuted ("the reports
    were false"), with no event of the sentence's own (asserted, and current: "the videos
    were old, filmed during U.S. strikes in April 2025") from there on."""
    own = [d.trigger.start for d in drafts if not (
        d.negated or d.modality in _RETRACTED or d.historical or d.irrealis)]
    authorship, denials, refutations = (_of_kind(cues, "authorship_denial"),
                                        _of_kind(cues, "denial"), _of_kind(cues, "refutation"))
    for obj in _of_kind(cues, "retracted"):
        for denial in denials:
            # "denied that it had carried out a strike": what follows "that" is what it denies
            if (denial.end <= obj.start
                    and _words_between(text, denial.end, obj.start) <= _RETRACTION_GAP
                    and not _STATEMENT_OPENERS.intersection(text[denial.end:obj.start].split())
                    and not any(a.start <= denial.start < a.end for a in authorship)
                    and not any(t >= denial.start for t in own)):
                return True
        for refutation in refutations:
            if (obj.end <= refutation.start
                    and _words_between(text, obj.end, refutation.start) <= _REFUTED_GAP
                    and not any(t >= obj.start for t in own)):
                return True
    return False


def _exchanged_shelling(doc: Tokens, drafts: list[Draft]) -> None:
    """Shelling two sides exchanged is a clash: "تبادلت القوات التركية وفصائل موالية لها من
    جهة، وقوات مجلس تل تمر العسكري من جهة أخرى، القصف المدفعي" (the verb opens the sentence;
    both sides, commas and all, stand between it and the shelling)."""
    for d in drafts:
        if d.type == "strike" and d.subtype == "shelling" and not _EXCHANGED.isdisjoint(
                w.removeprefix("و") for w in doc.text[d.sentence[0]:d.trigger.start].split()):
            d.type, d.subtype = "clash", "armed_clash"


_EXCHANGED = frozenset(_words("exchanged"))


def _mark_struck_movements(text: str, drafts: list[Draft]) -> None:
    """A convoy or reinforcements a strike hit, a shipment seized: "a drone struck a World
    Food Programme convoy", "استهدفت مسيرة رتلا للتعزيزات", "ضبطت دورية شحنة أسلحة"."""
    takers = [d for d in drafts if d.type == "strike" or d.subtype == "seizure"]
    for d in drafts:
        # "the air strike that hit the truck convoy": a relative pronoun may stand between
        d.struck = d.type == "troop_movement" and any(
            d.trigger.start >= s.trigger.end
            and _words_between(text, s.trigger.end, d.trigger.start)
            <= (_SEIZED_GAP if s.subtype == "seizure" else _STRUCK_GAP)
            and not any(m.group("relative") is None for m in
                        _CLAUSE_BREAK.finditer(text, s.trigger.end, d.trigger.start))
            for s in takers)


def _without_raid_entries(drafts: list[Draft]) -> list[Draft]:
    """Forces that entered a place to raid it, and left: the raid, not a movement ("an
    Israeli force entered Jubata al-Khashab, searched several houses and detained two young
    men before pulling back", "توغلت قوة ... واعتقلت شابين قبل أن تنسحب")."""
    raids = [d for d in drafts if d.subtype == "security_operation" and not d.negated]

    def part_of(d: Draft, raid: Draft) -> bool:
        actor = d.args.get("actor")
        if d.trigger.key in _ENTERING:  # how the raid began
            return actor is not None and actor is raid.args.get("actor")
        # and how it ended, by its forces or by forces not named again ("the raid lasted
        # about five hours before the troops withdrew")
        return (d.subtype == "withdrawal" and raid.trigger.start < d.trigger.start
                and (actor is None or actor is raid.args.get("actor")))

    return [d for d in drafts if not (d.type == "troop_movement" and not d.negated
                                      and any(part_of(d, r) for r in raids))]


_ENTERING = frozenset(_words("entering"))


def _without_struck_movements(drafts: list[Draft]) -> list[Draft]:
    """A movement a strike hit is its target, unless the report tells that movement again
    ("The convoy, carrying weapons, had crossed into Syria from Iraq on Saturday")."""
    told = {d.trigger.key for d in drafts if d.type == "troop_movement" and not d.struck}
    return [d for d in drafts if not d.struck or d.trigger.key in told]


def _merge_attacks_into_clashes(text: str, drafts: list[Draft], earlier: list[Draft],
                                exchange_of_fire: frozenset[str],
                                fire: frozenset[str]) -> None:
    """An attack of unknown means in a sentence about a clash is how the clash began, fire
    from ground weapons or blasts there are its exchange of fire (mortars, machine guns,
    "heavy gunfire and explosions rang out as fighters clashed"), and a
    withdrawal there is how it ended ("اشتباك ... انتهى بانسحاب المهاجمين", "repelled the
    attack, and the attackers pulled back"). So is an attack told before (`earlier`) that
    the sentence names again ("هجوم مسلح استهدف دورية ... وإن الهجوم نفذه مسلحون، وإن
    اشتباكا قصيرا دار بين الطرفين"), and an attack of unknown means told in the sentence
    right before, at the same place, or by the ground weapons a clash exchanges between two
    sentences of the clash ("gunmen attacked a checkpoint. Fighters there returned fire",
    "... after a gun battle. Militants opened fire with machine guns and RPGs. Soldiers
    returned fire")."""
    clashes = [d for d in drafts if d.type == "clash" and not d.negated]
    if not clashes:
        return

    def fired(d: Draft) -> bool:  # an attack by means a clash exchanges
        # (of the weapons that fire: "استهدفوا آليات الاحتلال بصليات من الرصاص" hit vehicles)
        classes = {c for w in d.args.get("weapons", []) if (c := weapon_class(w)) in fire}
        return d.type == "strike" and not d.negated and classes <= exchange_of_fire and (
            d.subtype in ("unknown", "explosion") or bool(classes))

    named_again = [d for d in drafts if d.anaphoric and fired(d)]
    antecedent = next((d for d in reversed(earlier) if d.type == "strike"), None)
    if antecedent is not None and not fired(antecedent):
        # the strike told before by its means ("استهدفت طائرة مسيّرة سيارة ... وجاء الاستهداف
        # بعد ساعات من اشتباكات"): named again, it is still that strike
        named_again = []
    told: list[Draft] = []
    if named_again and antecedent is not None:
        # the attack's words in its sentence ("هجوم مسلح استهدف دورية") and its names again
        told = [d for d in earlier if d.sentence == antecedent.sentence and fired(d)]
    elif earlier and _right_before(text, earlier[-1].sentence, clashes[0].sentence):
        before = [d for d in earlier if d.sentence == earlier[-1].sentence
                  and not d.negated and d.type in ("strike", "clash")]
        if before and all(
                d.type == "clash" or (
                    fired(d) and (d.subtype == "unknown" or _amid_a_clash(text, d, earlier))
                    and not d.anaphoric and d.section == clashes[0].section and any(
                        _compatible(d.args.get("location"), c.args.get("location"))
                        for c in clashes))
                for d in before):
            told = before
    for d in told + named_again:
        d.type, d.subtype = "clash", "armed_clash"
    for d in drafts:
        began = fired(d) and not d.anaphoric
        # (but a headline joins two stories: "army pulls out of Tessit camp, JNIM claims
        # ambush")
        ended = d.subtype == "withdrawal" and not d.negated and any(
            (c.trigger.start < d.trigger.start or not d.headline)
            and _compatible(d.args.get("location"), c.args.get("location")) for c in clashes)
        if began or ended:
            d.type, d.subtype = "clash", "armed_clash"
        if ended and d.args.get("target") is not None:
            # where the attackers withdrew to is not where the clash was ("قبل أن ينسحبوا
            # باتجاه وادي زغيتون")
            if d.args.get("location") is d.args["target"]:
                d.args["location"] = None
            d.args["target"] = None


def _amid_a_clash(text: str, d: Draft, earlier: list[Draft]) -> bool:
    """Whether a clash is told in the sentence right before the mention's too."""
    return any(c.type == "clash" and not c.negated and _right_before(text, c.sentence, d.sentence)
               for c in earlier)


def _right_before(text: str, sentence: tuple[int, int], other: tuple[int, int]) -> bool:
    """Whether `sentence` is the one right before `other`."""
    return sentence[1] <= other[0] and not text[sentence[1]:other[0]].strip()


def _targets_of_operations(text: str, drafts: list[Draft]) -> None:
    """What a raid targeted, told after it in its sentence by a strike's verb of unknown
    means with no other actor ("نفذت قوات التحالف عملية إنزال في بلدة الكرامة، استهدفت
    منزلاً", "a raid in al-Karama that targeted a house"), is the raid."""
    for d in drafts:
        if d.type != "strike" or d.subtype != "unknown" or d.args.get("weapons"):
            continue
        actor = d.args.get("actor")
        operation = next((o for o in drafts if o.sentence == d.sentence and o.type == "other"
                          and o.trigger.end <= d.trigger.start
                          and text[o.trigger.start:o.trigger.end] in _TARGETING_OPERATIONS
                          and (actor is None or not o.trigger.end <= actor.start
                               < d.trigger.start)), None)
        if operation is not None:
            d.type, d.subtype = operation.type, operation.subtype


def _attacks_met_with_fire(drafts: list[Draft]) -> None:
    """An attack of unknown means told where a clash was, in the headline or in a sentence
    of its own ("Tribal fighters attack SDF post in Abu Hamam ... gunmen attacked a post in
    Abu Hamam, sparking clashes"), is how the clash began: an attack on an armed post met
    with fire is a clash (docs/annotation-guide.md, 2.4). A headline may name the clash's
    governorate ("ISIS cell attacks checkpoint in Deir al-Zour ... attacked a checkpoint
    near al-Mayadeen"), where the body tells no strike. "The attack", "the raid" with no
    attack or raid told before names the clash told there before ("claimed it had killed
    dozens of soldiers in the raid on Mahaday")."""
    clashes = [d for d in drafts if d.type == "clash" and not d.negated]
    struck = {ref for d in drafts if d.type == "strike" and not d.headline
              for ref in _places_of(d)}
    for d in drafts:
        if d.negated or d.args.get("weapons") or d.subtype not in _MET_WITH_FIRE.get(
                d.type, ()):
            continue
        if d.anaphoric and any(e.type == d.type and e.trigger.start < d.trigger.start
                               for e in drafts):
            continue  # an attack or a raid told before, named again
        if not d.anaphoric and d.type != "strike":
            continue  # a raid
        place = d.args.get("location")
        if place is not None and place.entry is not None and any(
                c.section == d.section and c.historical == d.historical
                and (not d.anaphoric or c.trigger.start < d.trigger.start)
                and (place.entry.ref in _places_of(c)
                     or _headline_over(d, c) and place.entry.ref not in struck)
                for c in clashes):
            d.type, d.subtype = "clash", "armed_clash"


#: the attacks a clash may have begun with, by type: of unknown means, or a raid named again
_MET_WITH_FIRE = {"strike": ("unknown",), "other": ("security_operation",)}


def _headline_over(attack: Draft, clash: Draft) -> bool:
    """Whether the attack is the headline's, at a place in the governorate of the clash
    the body tells."""
    place = attack.args["location"]
    return attack.headline and not clash.headline and _governorate(place) in {
        _governorate(m) for m in _placed(clash)}


def _placed(d: Draft) -> list[Mention]:
    return [m for key in ("location", "target")
            if (m := d.args.get(key)) is not None and m.entry is not None]


def _governorate(m: Mention) -> tuple[str | None, str]:
    """The country and first-level division a place lies in (a country or a region that
    lies in none: itself)."""
    return m.entry.fields.get("country"), m.entry.fields.get("admin1") or m.entry.ref


def _places_of(d: Draft) -> set[str]:
    return {m.entry.ref for m in _placed(d)}


def _raids_from_the_air(text: str, drafts: list[Draft]) -> None:
    """"Raids" in a report of strikes that tells of no arrests are air raids ("US forces
    struck ... Al-Masirah said 'American aggression' carried out four raids on al-Salif")."""
    operations = [d for d in drafts if d.subtype == "security_operation"]
    raids = [d for d in operations if text[d.trigger.start:d.trigger.end] in _RAIDS]
    # ("the raid" names what was told before it: a clash, "claimed ... in the raid on Mahaday")
    raids = [d for d in raids if not d.anaphoric or any(
        s.type == "strike" and s.trigger.start < d.trigger.start for s in drafts)]
    if raids and len(raids) == len(operations) and any(
            d.type == "strike" and not d.negated for d in drafts):
        for d in raids:
            d.type, d.subtype = "strike", "air_strike"


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
    explanations = [c.start for c in _of_kind(cues, "explanation")]
    consequences = [c.start for c in _of_kind(cues, "consequence")]
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
        if d.type != "strike" or d.negated or d.another or d.historical:
            continue  # (what is told as a separate event, or long past, is not explained)
        # blasts heard, with no weapon named: a drill or a controlled detonation the report
        # tells anywhere explains them ("loud blasts shook ... engineers had carried out a
        # controlled detonation")
        heard = d.subtype == "explosion" and not d.args.get("weapons")
        for cause, place in explained + (sounds if heard else []):
            if d.section == "comments" and cause.section != "comments":
                continue  # a reader's comment is not what the report explains
            # explosions heard around, or a party's claim or others' account the report
            # explains away ("social media users had reported a drone attack on the
            # airport"), need only a compatible place; other strikes, the same place or
            # the governorate that holds it
            where = d.args.get("location")
            near = (_compatible(where, place)
                    if d.subtype == "explosion" or d.modality in _ACCOUNTS
                    else _same_ref(where, place) or _contains(place, where))
            if near:
                _retype(d, cause)
                break
    # one trigger told at two places ("explosions in Alma al-Shaab and Naqoura"): what
    # explains it at one explains it at both
    causes = {d.trigger.start: d.explained_by for d in drafts if d.explained_by is not None}
    for d in drafts:
        if d.type == "strike" and not d.negated and d.trigger.start in causes:
            _retype(d, causes[d.trigger.start])


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


# -- factuality ---------------------------------------------------------------------------


def _habitual(text: str, draft: Draft, cues: list[Hit]) -> bool:
    """A habit or a general statement ("the bases are frequently attacked by factions
    loyal to Iran"): a habitual cue in the trigger's clause, and no date of its own; or a
    tally over a period ("منذ مطلع العام 37 هجوما"), dated or not; or a documented count
    ("documented 38 drone strikes"); or a person's role ("responsible for rocket launches")."""
    ranges = _clause(text, draft.trigger, draft.sentence)
    kinds = {t.payload for cue in cues for t in cue.terms
             if any(lo <= cue.start < hi for lo, hi in ranges)}
    if "documented" in kinds and _counted(draft) >= _TALLY_COUNT:
        return True  # "it had documented 38 Turkish drone strikes in June"
    if any(c.end <= draft.trigger.start
           and _words_between(text, c.end, draft.trigger.start) <= _ROLE_GAP
           for c in _of_kind(cues, "role")):
        return True  # "an operative responsible for rocket launches"
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
_POINTING_BACK = frozenset(_words("pointing_back"))
_PARTITIVE = CueSet(_words("partitive"))


#: what joins two stories in a headline: "JNIM attack on Djibo army post, troops
#: redeployed from Dori", "هجوم على نقطة للجيش.. وتعزيزات تصلها"
_STORY_BREAK = re.compile(r"[,;،؛|]|\.\.")


def _own_story(text: str, draft: Draft) -> None:
    """A headline's event is not done by an actor of another story the headline joins."""
    actor = draft.args.get("actor")
    if actor is not None and actor.end <= draft.trigger.start and _STORY_BREAK.search(
            text, actor.end, draft.trigger.start):
        draft.args["actor"] = None


def _no_place_past_another_trigger(text: str, drafts: list[Draft], hits: list[Hit]) -> None:
    """An event named again ("this strike") is not placed by a place that another trigger
    of its type stands before ("وتأتي هذه الغارة بعد أيام من استهداف مماثل طال مطار
    الشعيرات"): the place is the other event's; the event named again keeps its own. (A
    verb right after the noun tells what the event did: "الرتل وصل إلى بلدة ياسين".)"""
    for draft in drafts:
        place = draft.args.get("location")
        if draft.anaphoric and place is not None and any(
                draft.trigger.end <= hit.start and text[draft.trigger.end:hit.start].strip()
                and hit.end <= place.start
                and any(term.payload.type == draft.type for term in hit.terms)
                for hit in hits):
            draft.args["location"] = None
            if draft.args.get("target") is place:
                draft.args["target"] = None


def _denied_outright(doc: Tokens, hit: Hit, cues_before: list[Hit]) -> bool:
    """Whether a negation stands right before the trigger: "did not withdraw", "لم تنسحب"."""
    return any(term.payload == "negation" and cue.end <= hit.start
               and not doc.text[cue.end:hit.start].strip()
               for cue in cues_before for term in cue.terms)


def _anaphoric(doc: Tokens, hit: Hit) -> bool:
    """A trigger noun that names again an event told before: "the strike", "this attack",
    "الهجوم", "الاستهداف" (with the article), "هذه الضربة"; or the one said not to have
    happened: "no strike took place", "لم يتعرض المطار لأي استهداف"; or a trigger whose
    subject is some of the munitions told before: "سقط بعضها", "one of which hit"."""
    if _PARTITIVE.after(doc, hit.end) or _PARTITIVE.before(doc, hit.start):
        return True  # "سقط بعضها في", "some of which landed": of the fire told before
    word = doc.text[hit.start:hit.end]
    if " " in word.strip() or not _NOUN_TRIGGER.search(word):
        return False
    before = doc.last_before(hit.start)
    if before > 0 and _counted_by(doc.words[before]):
        before -= 1  # "the two attacks", "these three strikes"
    if before >= 0 and doc.words[before] in _ANY:
        return True
    if word.isascii():
        return before >= 0 and doc.words[before] in _POINTING_BACK
    return "ال" in (hit.prefix or "")


def _counted_by(word: str) -> bool:
    return word.isdigit() or word in NUMBER_WORD


#: trigger nouns (not verbs) that "the ..." or "ال..." makes a mention of an event told
_NOUN_TRIGGER = re.compile(rf"^{lang.alternation(_words('anaphoric_nouns'))}$")


def _in_relative_clause(text: str, hit: Hit, sentence: tuple[int, int]) -> bool:
    """Whether the trigger describes a noun of its sentence: after a relative pronoun,
    with no comma or clause break in between ("منصات الصواريخ التي نصبتها قرب المدرسة")."""
    breaks = [m for m in _CLAUSE_BREAK.finditer(text, sentence[0], hit.start)]
    return bool(breaks) and bool(breaks[-1].group("relative")) and not _COMMA.search(
        text, breaks[-1].end(), hit.start)
