"""One event per happening: the mentions of a report grouped into events.

Two mentions are one event when they have the same type and factuality and compatible
actor, place and time (PETRARCH's one-a-story key; ACLED: same day, place, actors and type
is one event); a trigger over a list of places is one event per place.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping
from typing import Any

from raqib.extract.context import CueSet
from raqib.extract.draft import PLACES, Draft, precision, qualifies, weapon_class
from raqib.extract.entities import Mention
from raqib.geo import distance_km
from raqib.knowledge import lang
from raqib.text.tokens import Tokens

#: places this close are one neighbourhood: blasts heard there are the strike's
_NEAR_KM = 10.0
_NEXT_SENTENCE = 4  # characters between two sentences told one after the other

_JOINERS = lang.words("places.yaml", "list_joiners")
_CONJUNCTION = r"^\s*(?:[,،]\s*(?:و|and|or|او)?|و|and|or|او)\s*"
#: what stands between the places of a list: "الفطيرة وسفوهن وكنصفرة", "X, Y and Z"
_LIST_GAP = re.compile(rf"{_CONJUNCTION}$")
#: ... and between places each announced by its kind: "قصفت مدينة محردة وبلدة السقيلبية"
#: (a movement so told went to one area: "وصلت إلى مدينة محردة وبلدة السقيلبية")
_NAMED_LIST_GAP = re.compile(rf"{_CONJUNCTION}{lang.alternation(_JOINERS)}\s*$")
#: ... and between the places of a strike and of another told short after it: "غارة ...
#: في بادية السخنة شرقي حمص، وأخرى على موقع للتنظيم في منطقة جبل البشري", "one targeting a
#: vehicle near Tabqa and the other a checkpoint in Raqqah city"
_ANOTHER = lang.alternation(lang.words("events.yaml", "another_one"))
_ANOTHER_GAP = re.compile(
    rf"^[^.!?؟]{{0,40}}?(?:[,،]\s*)?(?:و|and\s+){_ANOTHER}\b[^.!?؟,،]{{0,80}}$")
#: before a list: one stretch between its places ("بين بلدتي طفس والمزيريب", "بين مدينة
#: نوى وبلدة تسيل")
_BETWEEN = CueSet(lang.words("events.yaml", "between"))
_LIST_NOUNS = CueSet([*lang.table("places.yaml", "list_nouns", str), *_JOINERS])


def per_place(doc: Tokens, draft: Draft, mentions: list[Mention]) -> list[Draft]:
    """A strike, clash or movement over a list of places is one event per place (ACLED
    codes one event per location): "قصفت ... قرى الفطيرة وسفوهن وكنصفرة"; but not over
    the places a stretch lies between ("على الطريق بين بلدتي طفس والمزيريب")."""
    text = doc.text
    target = draft.args.get("target")  # "strikes on Houthi targets in Sanaa and Hodeidah"
    place = target if target is not None and target.type in PLACES else draft.args.get("location")
    if draft.type == "exercise" or place is None or place.type not in PLACES:
        return [draft]
    named = sorted((m for m in mentions if m.type in PLACES and m.entry is not None
                    and (not qualifies(m) or m is place)), key=lambda m: m.start)
    if place not in named:
        return [draft]
    chain = [place]
    places = [m for m in named if precision(m) < 3]  # a list names towns and sites
    if place in places:
        at = places.index(place)
        gaps = (_LIST_GAP,) if draft.type == "troop_movement" else (_LIST_GAP, _NAMED_LIST_GAP)
        for before in reversed(places[:at]):  # the list may start before the place linked
            if not any(gap.match(text[before.end:chain[0].start]) for gap in gaps):
                break
            chain.insert(0, before)
        for after in places[at + 1:]:
            if not any(gap.match(text[chain[-1].end:after.start]) for gap in gaps):
                break
            chain.append(after)
    if draft.type != "troop_movement":  # another, told short after it, at any place
        while (after := next((m for m in named if m.start >= chain[-1].end), None)) and (
                _ANOTHER_GAP.match(text[chain[-1].end:after.start])):
            chain.append(after)
    if len({m.entry.ref for m in chain}) < 2 or _between(doc, chain[0].start):
        return [draft]
    role = "target" if draft.args.get("target") is place else "location"
    copies = []
    for m in chain:
        copy = Draft(**{**draft.__dict__, "args": {**draft.args, role: m, "location": m}})
        copies.append(copy)
    return copies


def _between(doc: Tokens, start: int) -> bool:
    cue = _BETWEEN.before(doc, start)
    if cue is None and (noun := _LIST_NOUNS.before(doc, start)) is not None:
        cue = _BETWEEN.before(doc, noun.start)  # "between the towns of"
    return cue is not None


def actor_identity(mention: Mention | None, ids: dict[int, str],
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


def one_per_happening(drafts: list[Draft], identity,
                       kin: Mapping[str, frozenset[str]]) -> list[list[Draft]]:
    """The mentions of the report grouped into events: same type and factuality, and
    compatible actor, place and time (PETRARCH's one-a-story key; ACLED: same day, place,
    actors and type is one event). "The strike", "الهجوم" names again the latest event
    of its type."""
    events: list[list[Draft]] = []
    for draft in drafts:
        if draft.anaphoric:
            told = [e for e in reversed(events) if e[0].status == draft.status]
            # "the strikes near Hermel": the event told at Hermel or around it, else the
            # latest told at no town of its own (in a region: "struck the Bekaa"), else the
            # latest
            event = next((e for e in told if _placed_alike(e, draft)), None) or next(
                (e for e in told if _places(draft) and not _placed_precisely(e)),
                next(iter(told), None))
            if event is None and draft.type == "strike" and draft.subtype == "unknown":
                # "بعد الهجوم بساعة" after an attack the report told as the clash it became
                # ("هاجموا نقطة للجيش ... اشتبكت معهم")
                event = next((e for e in reversed(events) if e[0].type == "clash"
                              and e[0].status[1:] == draft.status[1:]), None)
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
            event = next((e for e in events if _same_happening(e, draft, identity, kin)),
                         None)
        if event is None:
            events.append([draft])
        else:
            event.append(draft)
    merged: list[list[Draft]] = []
    for event in events:  # a claim and the exercise that explains it: one happening
        into = next((m for m in merged if any(_explained(m, d) for d in event)
                     or _fought_off(m, event) or _fought_off(event, m)), None)
        if into is None:
            merged.append(event)
        elif _fought_off(event, into):
            into[:0] = event  # the clash names the happening
        else:
            into.extend(event)
    return merged


def _fought_off(clash: list[Draft], event: list[Draft]) -> bool:
    """Whether `event` only names an attack that `clash` tells was met with fire: "بعد هجوم
    تبنته الجماعة" in the headline, "الهجوم الذي أعلنته الجماعة" after "شنوا هجوماً على ثكنة
    للجيش ... وخاضوا معارك ضارية مع الجنود"."""
    if clash[0].type != "clash" or not any(m.group.type == "strike" for m in clash):
        return False
    if event[0].status[1:] != clash[0].status[1:] or not all(
            m.type == "strike" and m.subtype == "unknown" and not m.args.get("weapons")
            for m in event):
        return False
    ours, theirs = [p for m in clash for p in _places(m)], [p for m in event for p in _places(m)]
    return not theirs or _shared(ours, theirs) or _around(theirs, ours)


def _placed_alike(event: list[Draft], draft: Draft) -> bool:
    ours, theirs = [p for m in event for p in _places(m)], _places(draft)
    return bool(ours and theirs) and (_shared(ours, theirs) or _around(ours, theirs))


def _placed_precisely(event: list[Draft]) -> bool:
    """Whether the event is at a town or a site, or near one (not only in a region)."""
    return any(p.entry.fields.get("precision", 1) == 1 for m in event for p in _places(m))


def _shared(ours: list[Mention], theirs: list[Mention]) -> bool:
    return bool({m.entry.ref for m in ours} & {m.entry.ref for m in theirs})


def _site_in_town(sites: list[Mention], towns: list[Mention]) -> bool:
    """A site named by one mention lies in the town another names ("its jets had hit the
    port of Hodeida" told after "warplanes struck Hodeida")."""
    return _near([s for s in sites if s.type == "facility"],
                 [t for t in towns if t.type == "location" and precision(t) == 1])


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
                    kin: Mapping[str, frozenset[str]]) -> bool:
    if event[0].status != draft.status or not _times_agree(event, draft):
        return False
    ours, theirs = [p for m in event for p in _places(m)], _places(draft)
    blasts = draft.bare_blast, all(m.bare_blast for m in event)
    if any(m.sentence == draft.sentence for m in event) and any(blasts) and (
            _near(ours, theirs) or not all(blasts) and _one_governorate(ours, theirs)):
        # "a strike on a depot by Mezzeh airport, as two blasts were heard in Mezzeh and
        # Kafr Sousa": the blasts heard around a strike are the strike; so are those heard
        # in the governorate's city ("explosions were heard in Erbil after a drone struck
        # the Harir base")
        return True
    if any(m.trigger is draft.trigger for m in event):
        return False  # one trigger over a list of places: one event per place
    if (draft.type in ("strike", "other") and all(m.headline for m in event)
            and not draft.headline and _same_country(ours, theirs)):
        # the headline sums up the strike or the raid the body tells first ("Drone strike
        # hits militia convoy in eastern Syria ... drones struck a convoy near Albu Kamal",
        # "three detained in Balata raid ... raided Balata refugee camp"); a movement
        # merged so cost more movements than it saved when evaluated
        return True
    shared = _shared(ours, theirs)
    if any(_one_clause(m, draft) and m.sequel == draft.sequel for m in event) and (
            shared or _vague(ours) or _vague(theirs) or (
                _site_in_town(ours, theirs) or _site_in_town(theirs, ours))
            and all(m.subtype in ("unknown", draft.subtype) for m in event)):
        # actors read from one sentence can disagree ("a clash between X and Y"); its place,
        # a place and a phrase around it ("قرب سد تشرين شرقي منبج") or a town and a site in
        # it, told alike ("هجمات على مدينة الأبيض ... استهدفت مقر الفرقة الخامسة"), does not
        return True
    actors = {identity(m.args.get("actor")) for m in event if not m.actor_uncertain} - {None}
    actor = None if draft.actor_uncertain else identity(draft.args.get("actor"))
    # a clash has two sides: each mention may name either ("fighting between the army and
    # the RSF ... army troops repelled an RSF attack")
    if actor is not None and actors and actor not in actors and draft.type != "clash":
        return False
    # in one sentence: the verbs of one movement ("بدلت مواقعها، ونقلت عتادها ... التي
    # نصبتها"), unless each is at a place of its own and one is told as what came before
    # or after the other ("أعادت كتيبة تموضع عناصرها في مرزق، عقب انسحاب مجموعة من بوابة
    # القطرون") or both in a headline, which joins two stories ("حشود للدعم السريع حول بارا
    # والجيش يعيد تموضعه في الأبيض"); a relative clause describing its sentence's event, or a
    # mention placed nowhere of its own ("repelled an RSF attack ... after battles lasting
    # hours")
    elsewhere = bool(ours and theirs) and not shared and not (
        draft.carried_location or any(m.carried_location for m in event))
    if any(_one_clause(m, draft) and (
            draft.type == "troop_movement" and not (elsewhere and (
                m.sequel != draft.sequel or m.headline and draft.headline))
            or m.relative or draft.relative or not theirs) for m in event):
        return True
    if (_shot_down_on_its_way(event, draft) or _convoy_of_a_withdrawal(event, draft)
            or _leaving_where_it_set_out(event, draft)):
        return True
    if shared or not theirs and _carried_to(event, draft, kin):
        return True
    if draft.type == "strike" and all(m.sentence != draft.sentence for m in event) and (
            _site_in_town(ours, theirs) or _site_in_town(theirs, ours)):
        return True  # told again at the site in the town ("the port of Hodeida")
    # unplaced, or only somewhere around the event's place ("near X", "east of X", a
    # region): the same event, unless the mention brings details of its own (its own
    # weapons or numbers: another event); blasts heard are the event's however many
    vague = not ours or not theirs or _around(theirs, ours) or _around(ours, theirs)
    return vague and (draft.bare_blast or not _adds_details(event, draft, kin))


def _one_clause(a: Draft, b: Draft) -> bool:
    """Whether two mentions are told in one sentence, not in clauses with subjects of their
    own ("the CTS stationed a battalion in Hawija, and the Peshmerga repositioned units")."""
    first, second = sorted((a, b), key=lambda d: d.trigger.start)
    return a.sentence == b.sentence and second.trigger.start < first.until


def _one_governorate(ours: list[Mention], theirs: list[Mention]) -> bool:
    """Whether a place of each lies in one governorate (one known)."""
    return bool({_area(m) for m in ours if _area(m)[1]} & {_area(m) for m in theirs})


def _same_country(ours: list[Mention], theirs: list[Mention]) -> bool:
    """Whether the places are in one country, or one side names none."""
    return not ours or not theirs or bool(
        {_area(m)[0] for m in ours} & {_area(m)[0] for m in theirs})


def _shot_down_on_its_way(event: list[Draft], draft: Draft) -> bool:
    """An attack shot down where it flew is the attack launched at its target: "fired a
    ballistic missile at Eilat ... the missile was intercepted over the Red Sea"."""
    launch = ("rocket_missile", "drone_strike")
    if draft.another:  # "Separately, US forces shot down a drone near al-Tanf"
        return False
    return (draft.subtype == "intercepted" and any(m.subtype in launch for m in event)) or (
        draft.subtype in launch and any(m.subtype == "intercepted" for m in event))


def _convoy_of_a_withdrawal(event: list[Draft], draft: Draft) -> bool:
    """A convoy heading away, told in the sentence after a withdrawal of the same forces or
    of none named, is how they left: "withdrew from positions on the western side of the
    Tishreen Dam ... An SDF convoy was seen crossing the dam toward Kobani" (not one that
    arrived: "a convoy carrying STC fighters from Aden arrived in al-Mukalla")."""
    return draft.subtype == "convoy" and draft.headed and any(
        m.subtype == "withdrawal" and m.sentence[1] <= draft.sentence[0]
        and draft.sentence[0] - m.sentence[1] <= _NEXT_SENTENCE for m in event)


def _leaving_where_it_set_out(event: list[Draft], draft: Draft) -> bool:
    """A movement told only by the place it left, where the event's forces set out from, is
    that event: "redeployed from Dori to Djibo ... A convoy escorting them was seen leaving
    Dori"."""
    if draft.type != "troop_movement":
        return False
    # or the headline told reinforcements so: "تعزيزات تصل من الحسكة", then the body
    # "استقدمت تعزيزات من الحسكة إلى محيط ذيبان" (a withdrawal is where it left; a column
    # told leaving may be another)
    headline_reinforcements = not draft.headline and all(
        _told_by_origin(m) and m.headline and m.subtype == "reinforcement" for m in event)
    return ((_told_by_origin(draft) or headline_reinforcements)
            and any(_same_origin(draft, m) for m in event))


def _told_by_origin(d: Draft) -> bool:
    origin = d.args.get("origin")
    return origin is not None and d.args.get("location") is origin


def _same_origin(a: Draft, b: Draft) -> bool:
    ours, theirs = a.args.get("origin"), b.args.get("origin")
    return (ours is not None and theirs is not None and ours.entry is not None
            and theirs.entry is not None and ours.entry.ref == theirs.entry.ref)


def _carried_to(event: list[Draft], draft: Draft, kin: Mapping[str, frozenset[str]]) -> bool:
    """Whether a mention that names no place of its own was placed where the event was
    ("12 raids hit the al-Dailami air base ... Its forces struck radar sites and missile
    stores"): what it adds is the event's, unless the event's weapons are known and the
    mention's of another kind ("a drone struck a car ... mortar shells hit the village")."""
    place = draft.args.get("location")
    if not draft.carried_location or place is None or place.entry is None or not any(
            p.entry.ref == place.entry.ref for m in event for p in _places(m)):
        return False
    return not (_weapons(event) and _other_weapons(event, draft, kin))


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
    return [m for m in found if m is not None and m.type in PLACES and m.entry is not None]


def _around(vague: list[Mention], places: list[Mention]) -> bool:
    """Whether `vague` are all places near a place, or regions ("east of Kirkuk", "ريف دير
    الزور"), one of them in the same governorate as one of `places`; or a region wider
    than a governorate ("northern Iraq", "the Kurdistan Region", "Lebanon") in the same
    country."""
    if not all(precision(v) >= 2 for v in vague):
        return False
    return any(_area(v) == _area(p) if _area(v)[1] is not None
               else _area(v)[0] is not None and _area(v)[0] == _area(p)[0]
               for v in vague for p in places)


def _vague(places: list[Mention]) -> bool:
    return bool(places) and all(precision(p) >= 2 for p in places)


def _area(m: Mention) -> tuple[str | None, str | None]:
    return m.entry.fields.get("country"), m.entry.fields.get("admin1")


def _adds_details(event: list[Draft], draft: Draft, kin: Mapping[str, frozenset[str]]) -> bool:
    """Whether a mention brings numbers or weapons of its own: another event."""
    if draft.subtype == "intercepted" or draft.type == "exercise":
        # "air defences shot down several other drones": the attack's own; a drill fires
        # all sorts of weapons
        return False
    if all(m.headline for m in event) and not draft.headline:
        return False  # the headline sums up what the body tells with its details
    # a movement told first without its size, then with it ("U.S. troops pulled out ... A
    # convoy of about 40 trucks left the field"), and without its vehicles, then with them
    # and nowhere of their own: the same movement, unless told as another ("كما نقلت")
    sized = draft.type == "troop_movement" and not draft.another
    equipped = sized and not _weapons(event) and not _places(draft)
    if not equipped and _other_weapons(event, draft, kin):
        return True
    quantity = draft.args.get("quantity")
    if quantity is None or quantity.counts is not None and quantity.counts.type == "weapon":
        return False  # how many shells or missiles: said of the weapons above
    quantities = {m.args["quantity"].attrs.get("value") for m in event if m.args.get("quantity")}
    if sized and not quantities:
        return False
    return quantity.attrs.get("value") not in quantities


def _weapons(event: list[Draft]) -> set[str]:
    """The event's weapon classes; what its words name count too: "قصف مدفعي" then
    "القذائف سقطت"."""
    return ({weapon_class(w) for m in event for w in m.args.get("weapons", [])}
            | {c for m in event for c in m.group.means}) - {None}


def _other_weapons(event: list[Draft], draft: Draft, kin: Mapping[str, frozenset[str]]) -> bool:
    """Whether the mention names weapons of another kind than the event's (a mortar is not
    what a drone fires). Weapons of a kin class are the event's own (`kin`: what a platform
    fires, "a drone struck a car ... with two missiles"; what one word names alike,
    "صواريخ كاتيوشا" then "الصواريخ")."""
    ours = _weapons(event)
    theirs = {weapon_class(w) for w in draft.args.get("weapons", [])} - {None}
    armed = ours | {c for p in ours for c in kin.get(p, ())}
    rearmed = theirs | {c for p in theirs for c in kin.get(p, ())}
    return bool(theirs) and not (theirs & armed or ours & rearmed)


def _times_agree(event: list[Draft], draft: Draft) -> bool:
    time = draft.args.get("time")
    if time is None:
        return True
    values = [str(m.args["time"].attrs["value"]) for m in event if m.args.get("time")]
    value = str(time.attrs["value"])
    return all(v.startswith(value) or value.startswith(v) for v in values)


def merged_args(mentions: list[Draft]) -> dict[str, Any]:
    """An event's arguments from its mentions: the first given of each, a named actor
    before a generic one, the place aimed at before a place of its own before one
    carried over, every weapon."""
    args: dict[str, Any] = {}
    # a drill is where it was held, not where the blasts it explains were heard ("the blasts
    # heard in Benghazi's suburbs were live fire on the Qaminis range")
    mentions = sorted(mentions, key=lambda m: m.type == "exercise" and m.explained_by is not None)
    for name in ("target", "quantity", "time"):
        args[name] = next((m.args[name] for m in mentions if m.args.get(name)), None)
    actors = [m.args["actor"] for m in mentions if m.args.get("actor") is not None]
    args["actor"] = next((a for a in actors if a.entry and not a.entry.generic),
                         next(iter(actors), None))
    # where a strike hit or forces went, before where a mention says it took place (but a
    # withdrawal is from where it left), the most precise of each; a mention that names the
    # event again ("the reinforcements aim to ...") says where only if none before it did
    lead = mentions[0]
    # (the body before the headline, which sums the event up: "repel Houthi attack on
    # Marib front ... attacked army positions in al-Kasara")
    body = [m for m in _direct(mentions) if not m.headline]
    tiers = [tier for told in (body, _direct(mentions), mentions)
             for tier in _places_told(lead, told) if tier]
    origins = {id(m.args.get("origin")) for m in mentions}
    went = [] if lead.subtype == "withdrawal" else _where_they_went(mentions, tiers, origins)
    found = next((tier for tier in went + tiers if tier), None) or [
        m.args["location"] for m in mentions if m.args.get("location") is not None]
    # a region or a country sums the event up, a crossing is on a movement's way: a finer
    # place its mentions give says where ("entered Syria through the al-Waleed crossing ...
    # the convoy headed to Qasrak", "struck southern Lebanon ... hit a house in Bint Jbeil")
    summary = _on_the_way if lead.type == "troop_movement" else _wide
    if found and all(summary(m) for m in found):
        # (but not where the forces came from: "الرتل انطلق من مدينة الباب")
        told = [p for tier in _places_told(lead, mentions) for p in tier]
        finer = [p for p in told if not summary(p) and id(p) not in origins]
        if not finer and lead.type == "troop_movement" and all(_crossing(m) for m in found):
            # a movement seen at a crossing: the region it went to ("دخل رتل عبر معبر
            # كفرلوسين ... الرتل توجه نحو النقاط التركية في جبل الزاوية")
            finer = [p for p in told if not _crossing(p)]
        if not finer and all(m.headline for m in mentions if _places(m)):
            # only the headline names a place, a region: the body tells it where the
            # sentences before were, inside that region ("defuse IEDs" in "Anbar desert";
            # "Engineering teams later defused four IEDs" after a clash "north of Rawa")
            finer = [p for m in mentions if m.carried_location and not m.headline
                     and (p := m.args.get("location")) is not None and not summary(p)
                     and _one_governorate(found, [p])]
        found = finer[:1] or found
    named = Counter(m.entry.ref for m in found if m.entry)
    # the most precise; then the place named most often; then a site before a town
    args["location"] = min(found, default=None, key=lambda m: (
        precision(m) if m.entry else 3, -named[m.entry.ref] if m.entry else 0,
        m.type != "facility"))
    weapons: dict[int, Mention] = {}
    for m in mentions:
        for weapon in m.args.get("weapons", []):
            weapons.setdefault(id(weapon), weapon)
    args["weapons"] = list(weapons.values())
    return args


def _where_they_went(mentions: list[Draft], tiers: list[list[Mention]],
                     origins: set[int]) -> list[list[Mention]]:
    """The tiers of places without where the forces came from ("moved from Afgoye and set
    up bases on the outskirts of Awdheegle", "a convoy was seen leaving Dori" told after
    "redeployed from Dori to Djibo"); first also without where they were heading, when
    they are named again in a later sentence where they arrived ("متجهاً نحو الضعين ...
    الرتل وصل إلى بلدة ياسين")."""
    went = [[p for p in tier if id(p) not in origins] for tier in tiers]
    heading = [m for m in mentions if m.headed and m.type == "troop_movement"]
    if not any(m.anaphoric and not m.headed and not m.carried_location
               and m.args.get("location") is not None
               and any(h.sentence[1] <= m.sentence[0] for h in heading) for m in mentions):
        return went
    headed_to = {id(m.args.get("location")) for m in heading}
    return [[p for p in tier if id(p) not in headed_to] for tier in went] + went


def _wide(m: Mention) -> bool:
    return m.entry is not None and precision(m) >= 3


def _on_the_way(m: Mention) -> bool:
    return _wide(m) or _crossing(m)


def _crossing(m: Mention) -> bool:
    return m.entry is not None and m.entry.kind == "border_crossing"


def _direct(mentions: list[Draft]) -> list[Draft]:
    return [m for m in mentions if not m.anaphoric]


def _places_told(lead: Draft, mentions: list[Draft]) -> tuple[list[Mention], ...]:
    """The places the mentions give, in tiers, the best first: where a withdrawal left
    from; where a strike hit or forces went; where a mention says it took place."""
    aimed = [m.args["target"] for m in mentions
             if m.args.get("target") is not None and m.args["target"].type in PLACES]
    own = [m.args["location"] for m in mentions
           if m.args.get("location") is not None and not m.carried_location]
    if lead.subtype != "withdrawal":
        return aimed, own
    told_by_lead = bool(mentions) and mentions[0] is lead
    left = [lead.args["location"]] if told_by_lead and lead.args.get(
        "location") is not None and not lead.carried_location else []
    return left, own, aimed
