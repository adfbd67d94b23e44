"""Places the gazetteer does not list, named after a word that says what they are.

Bulletins name villages, hills and neighbourhoods no gazetteer holds, but announce them:
"قرية فليفل", "قرى البارة وكنصفرة وفليفل", "تلة الكبينة", "the village of Tal Tawil".
The name is the one or two words after such a word (words in data/lang/*/places.yaml);
a list noun ("قرى", "villages of") takes a list joined by "و", commas or "and". English
names must be capitalised, and may come before their noun ("the Khurmala oil field"), or
follow "near" or "reached" with no noun at all ("near Boni"), outside title-case headlines,
or "in" when a listed place right after locates them ("in Balcad, 30 km north of
Mogadishu"), or open a round-up's line ("• Barsalogho (Sanmatenga): ...") where another
line opens with a listed place. A name given once with its noun is that place again when
named later without it.

Such a place has no coordinates of its own: it takes those of the nearest listed place
that locates it, the one after it in its sentence ("... بريف إدلب الجنوبي"), else the one
before it, else the last one named earlier. Its precision is 2 (near a place); without
any listed place around it is not a place Raqib can put on a map, and is left out.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import chain
from typing import TYPE_CHECKING

from raqib.extract.context import CueSet
from raqib.knowledge.base import Entry
from raqib.knowledge.lang import alternation, table, words
from raqib.text.fold import FoldedText, fold_words
from raqib.text.spans import Occupied
from raqib.text.tokens import Tokens

if TYPE_CHECKING:
    from raqib.extract.entities import Mention

UNLISTED = "unlisted:"  # ref prefix: "unlisted:SY.03:فليفل"

_DATA = "places.yaml"
_NOUNS = table(_DATA, "nouns", str)  # folded word -> kind of place
_LIST_NOUNS = table(_DATA, "list_nouns", str)
_HEADS = frozenset(words(_DATA, "name_heads"))
_TAILS = frozenset(words(_DATA, "name_tails"))
_NOT_NAMES = frozenset(words(_DATA, "not_names"))
# "near Boni": the word, one space, then the name
_BEFORE_NAME = re.compile(rf"(?<!\w)(?:{alternation(words(_DATA, 'before_names'))}) ")
_FACILITY_KINDS = frozenset({"oil_field", "border_crossing", "camp", "dam", "airport",
                             "military_base", "market", "firing_range", "port",
                             "power_station", "refinery"})
# a conjunction, "ب" or "ل" may be attached in front: "وقرى", "ببلدة", "التابعة لناحية"
# (not "ل" before the nouns that are then mostly another word: "لسد الفراغ", to fill the gap)
_NOT_WITH_L = words(_DATA, "not_with_l")
_NOUN = re.compile(
    rf"(?<!\w)(?:[وف]?ب?|[وف]?ل(?!(?:{alternation(_NOT_WITH_L)})(?!\w)))"
    rf"(?P<noun>{alternation([*_NOUNS, *_LIST_NOUNS])})(?!\w)")
_NOUN_AT_END = re.compile(_NOUN.pattern + r"\s*$")
# English names the noun after them: "the Khurmala oil field", "the Qandil mountains"
_SUFFIXES = table(_DATA, "suffix_nouns", str)
_SUFFIX = re.compile(rf"(?<!\w)(?P<noun>{alternation(_SUFFIXES)})(?!\w)")
_APPOSED_NOUNS = table(_DATA, "apposed_nouns", str)
_APPOSED = re.compile(rf", (?P<noun>{alternation(_APPOSED_NOUNS)})(?!\w)")
_AND = frozenset({"and", "or"})
_ARTICLES = frozenset({"al", "el", "ad", "ar", "as", "ash", "az", "ez", "ed", "an"})
_QUOTES = " \"'“”«»"
_UNIT_BASE_BEFORE = CueSet(words(_DATA, "unit_bases_before"))
_UNIT_BASE_AFTER = CueSet(words(_DATA, "unit_bases_after"))
SMALL_KINDS = frozenset({"village", "neighbourhood"})  # no town abroad is named so
_MAX_WORDS = 3  # of an English name
_POSSESSOR = re.compile(r"['’]s ")
_NATIONALITY_ENDINGS = ("i", "ian", "ese", "ish")  # Israeli, Syrian, Lebanese, Turkish


def unit_bases(original: str, folded: FoldedText, doc: Tokens, units: list[Mention],
               places: list[Mention]) -> list[tuple[int, int, Entry, Mention]]:
    """Bases of units named by their number ("مقر اللواء 137", "the Brigade 17 base") as
    (folded start, end, entry, unit): a place, located as an unlisted one is."""
    found = []
    for unit in units:
        before, after = _UNIT_BASE_BEFORE.before(doc, unit.start), _UNIT_BASE_AFTER.after(
            doc, unit.end)
        if before is None and after is None:
            continue
        start, end = (before.start, unit.end) if before else (unit.start, after.end)
        anchor = _anchor(doc, start, places)
        if anchor is not None:
            found.append((start, end, _entry(original, folded, start, end, "military_base",
                                             anchor), unit))
    return found


def is_unlisted(entry: Entry | None) -> bool:
    return entry is not None and entry.ref.startswith(UNLISTED)


def without_place_noun(text: str) -> str:
    """`text` without the word at its end that announces a place ("قرية", "village of")."""
    noun = _NOUN_AT_END.search(text)
    return text[:noun.start()] if noun else text


def find_unlisted(original: str, folded: FoldedText, doc: Tokens, taken: Occupied,
                  places: list[Mention]) -> list[tuple[int, int, Entry]]:
    """Unlisted places as (folded start, end, entry), each taken in `taken`; `places`,
    the listed ones, locate them."""
    found, named = [], []
    for match in _NOUN.finditer(doc.text):
        noun = match.group("noun")
        kind = _NOUNS.get(noun) or _LIST_NOUNS[noun]
        if noun not in _LIST_NOUNS and kind not in SMALL_KINDS and _taken_next(
                doc, match.end(), taken):
            continue  # "مدينة حلب": the one name after it is already a listed place's
        names = list(_names(original, folded, doc, match.end(), noun in _LIST_NOUNS, places))
        if names and kind in SMALL_KINDS and not _national(original, folded, doc, match.start()):
            _release_far_namesakes(doc, names, taken, places)
        for start, end in names:
            if taken.overlaps(start, end) and not _displaces(doc, start, end, taken, places):
                if _is_place(start, places):
                    continue  # "قرى الفطيرة وسفوهن وكنصفرة": a listed village among them
                break  # an actor, a date: the list has ended
            named.append((start, end, kind))
            taken.take(start, end)
    # located once every name has taken back the places it holds: "قرية المخيسة التابعة
    # لناحية أبي صيدا" is not located by Sidon
    for start, end, kind in named:
        anchor = _anchor(doc, start, places)
        if anchor is None:
            taken.release(start)
        else:
            found.append((start, end, _entry(original, folded, start, end, kind, anchor)))
    starts = {m.start for m in places}
    for match in _SUFFIX.finditer(doc.text):
        kind = _SUFFIXES[match.group("noun")]
        # "the North Darfur town of Kabkabiya": the name is after it; "the al-Usayfirah
        # neighbourhood of Taiz": before it, a quarter of the listed town after it
        quarter = kind == "neighbourhood" and match.end() + 4 in starts
        if doc.text.startswith(" of ", match.end()) and not quarter:
            continue
        span = _name_before(original, folded, doc, match.start())
        if span is None or taken.overlaps(*span) or quarter and _national(
                original, folded, doc, match.start()):
            continue  # "the Christian quarter of Damascus" is no quarter's name
        anchor = _anchor(doc, span[0], places)
        if anchor is not None:
            found.append((*span, _entry(original, folded, *span, kind, anchor)))
            taken.take(*span)
    for match in _APPOSED.finditer(doc.text):  # "Kazgil, a village about 40 km south of"
        span = _name_before(original, folded, doc, match.start() + 1, joint=",")
        if span is None or taken.overlaps(*span):
            continue
        anchor = _anchor(doc, span[0], places)
        if anchor is not None:
            kind = _APPOSED_NOUNS[match.group("noun")]
            found.append((*span, _entry(original, folded, *span, kind, anchor)))
            taken.take(*span)
    # English names that no word announces, one kind after the other
    for span in chain(_names_after_prepositions(original, folded, doc, taken),
                      _names_located_after(original, folded, doc, taken, starts),
                      _round_up_heads(original, folded, doc, taken, starts)):
        anchor = _anchor(doc, span[0], places)
        if anchor is not None:
            found.append((*span, _entry(original, folded, *span, "village", anchor)))
            taken.take(*span)
    for town in places:  # "Raqqah's al-Mashlab": a quarter of the town
        span = _quarter_of(original, folded, doc, town)
        if span is not None and not taken.overlaps(*span):
            found.append((*span, _entry(original, folded, *span, "neighbourhood", town)))
            taken.take(*span)
    return found


def _names_after_prepositions(original: str, folded: FoldedText, doc: Tokens,
                              taken: Occupied) -> Iterator[tuple[int, int]]:
    """English capitalised names no other mention took, right after "near", "outside" or
    "reached" (places.yaml `before_names`): "near Boni", "reached Hombori"."""
    for match in _BEFORE_NAME.finditer(doc.text):
        span = _english_name_at(original, folded, doc, match.end())
        if span is not None and not taken.overlaps(*span) and not _title_case(
                original, folded, doc, span[0]):
            yield span


def _names_located_after(original: str, folded: FoldedText, doc: Tokens, taken: Occupied,
                         starts: set[int]) -> Iterator[tuple[int, int]]:
    """English capitalised names after "in" or "at" (places.yaml `before_located_names`)
    that a listed place right after them locates: "in Balcad, about 30 km north of
    Mogadishu", "in al-Hawban, east of Taiz", "at Boulkessi, near the border with Burkina
    Faso" (`starts`: where the listed places start)."""
    for match in _BEFORE_LOCATED_NAME.finditer(doc.text):
        span = _english_name_at(original, folded, doc, match.end())
        if span is None or taken.overlaps(*span):
            continue
        located = _LOCATED_BY.match(doc.text, span[1])
        # (the headline test reads the whole sentence: only for a name a place locates)
        if located is not None and located.end() in starts and not _title_case(
                original, folded, doc, span[0]):
            yield span


def _round_up_heads(original: str, folded: FoldedText, doc: Tokens, taken: Occupied,
                    starts: set[int]) -> Iterator[tuple[int, int]]:
    """The English capitalised names that open a round-up's lines, before a colon or a
    bracket, when another line opens with a listed place: "• Djibo (Soum province): ...",
    then "• Barsalogho (Sanmatenga): An IED hit a truck". (A line that opens "• Note:" in
    a list of places is the risk taken.)"""
    heads = [match.end() for match in _ROUND_UP_LINE.finditer(doc.text)]
    if not any(head in starts for head in heads):
        return
    for head in heads:
        span = _english_name_at(original, folded, doc, head)
        if span is not None and not taken.overlaps(*span) and _ROUND_UP_HEAD_END.match(
                doc.text, span[1]):
            yield span


_BEFORE_LOCATED_NAME = re.compile(
    rf"(?<!\w)(?:{alternation(words(_DATA, 'before_located_names'))}) ")
_LOCATED_BY = re.compile(
    rf",? (?:(?:{alternation(words(_DATA, 'distance_hedges'))}) )?"
    rf"(?:[0-9]+(?:[.,][0-9]+)? ?(?:{alternation(words(_DATA, 'distance_units'))}) )?"
    rf"(?:(?:{alternation(words(_DATA, 'located_near'))}) )?")
_ROUND_UP_LINE = re.compile(r"^[ \t]*[•·▪*\-–—][ \t]*", re.MULTILINE)
_ROUND_UP_HEAD_END = re.compile(r"[ \t]*(?:\([^()\n]{1,40}\)[ \t]*)?:")


def _english_name_at(original: str, folded: FoldedText, doc: Tokens,
                     position: int) -> tuple[int, int] | None:
    """The English capitalised name whose first word starts at `position`, or None."""
    i = doc.first_after(position)
    if i < 0 or doc.starts[i] != position or not doc.words[i].isascii():
        return None
    return _name(original, folded, doc, i, conjoined=False)


def _title_case(original: str, folded: FoldedText, doc: Tokens, position: int) -> bool:
    """Whether the sentence at `position` capitalises nearly all its words, as English
    headlines do ("Troops Deploy Near Border Town"): a capital there says nothing of a name."""
    longer = [k for k in range(doc.first_of_sentence(position),
                               doc.last_of_sentence(position) + 1)
              if doc.words[k].isascii() and len(doc.words[k]) > 3]
    capitalised = sum(_capitalised(original, folded, doc.starts[k]) for k in longer)
    return len(longer) >= _TITLE_WORDS and capitalised >= _TITLE_SHARE * len(longer)


_TITLE_WORDS = 4  # words of four letters or more, at least
_TITLE_SHARE = 0.8


def _taken_next(doc: Tokens, after: int, taken: Occupied) -> bool:
    """Whether the Arabic word after a noun is taken (a listed place, an actor) and opens
    no longer name that might take it back (see _displaces): the noun announces nothing
    Raqib does not know. (Checked first: most nouns announce a place the gazetteer lists,
    and finding that out through the name costs scans of every listed place.)"""
    i = doc.first_after(after)
    return i >= 0 and not doc.words[i].isascii() and doc.words[i] not in _HEADS and (
        taken.overlaps(doc.starts[i], doc.ends[i]))


def _quarter_of(original: str, folded: FoldedText, doc: Tokens,
                town: Mention) -> tuple[int, int] | None:
    """The name after a town's possessive that opens with an article ("Raqqah's
    al-Mashlab"), or None."""
    if town.entry.fields.get("kind") != "populated_place" or not _POSSESSOR.match(
            doc.text, town.end):
        return None
    i = doc.first_after(town.end + len("'s "))
    if i < 0 or doc.words[i] not in _ARTICLES or doc.text[doc.ends[i]:doc.ends[i] + 1] != "-":
        return None
    return _name(original, folded, doc, i, conjoined=False)


def _is_place(start: int, places: list[Mention]) -> bool:
    return any(m.start <= start < m.end for m in places)


def _release_far_namesakes(doc: Tokens, names: list[tuple[int, int]], taken: Occupied,
                           places: list[Mention]) -> None:
    """A listed town named as a village or a quarter, in another country than every other
    place of its sentence, is a village or quarter of the same name: "قرى حزيمة وعين عيسى
    وصيدا شمالي الرقة" names one by Ain Issa, not Sidon; "حارة المنشية داخل مخيم نور شمس",
    not a Jordanian town. It leaves `places` and `taken`, to be taken unlisted."""
    lo, hi = doc.sentence_of(names[0][0])
    in_sentence = [m for m in places if lo <= m.start < hi and m.entry is not None]
    far = []
    for start, _ in names:
        town = next((m for m in in_sentence if m.start <= start < m.end), None)
        if town is None or town.entry.fields.get("kind") != "populated_place":
            continue
        country = town.entry.fields.get("country")
        others = [m.entry.fields.get("country") for m in in_sentence
                  if m is not town and m.entry.fields.get("country")]
        if others and country not in others:
            far.append(town)
    for town in far:
        places.remove(town)
        taken.release(town.start)


def _national(original: str, folded: FoldedText, doc: Tokens, noun: int) -> bool:
    """Whether an English nationality stands before the noun ("the northern Israeli town
    of Metula"): the report says which country the place is in."""
    last = doc.last_before(noun)
    word = doc.words[last] if last >= 0 else ""
    return word.isascii() and word.endswith(_NATIONALITY_ENDINGS) and _capitalised(
        original, folded, doc.starts[last])


def _displaces(doc: Tokens, start: int, end: int, taken: Occupied,
               places: list[Mention]) -> bool:
    """An English name, or an Arabic one that opens with a word such as "أبو", whose later
    word is a listed place takes that word back: in "the villages of Zor Maghar, Boraz and
    Ashma", Maghar is not the Galilee town; "ناحية أبي صيدا" is not Sidon. The place leaves
    `places` and `taken`; the caller drops the mentions inside unlisted names."""
    name = doc.text[start:end]
    # (and in English a listed place that is only the name's first word: "the village of
    # Tal Mashhan" is not al-Tall)
    inside = [m for m in places if start <= m.start and m.end <= end and (
        start < m.start or name.isascii() and m.end < end and doc.text[m.start:m.end] in _HEADS)]
    if not inside or not (name.isascii() or name.split()[0] in _HEADS):
        return False
    for m in inside:
        places.remove(m)
        taken.release(m.start)
    return not taken.overlaps(start, end)


def _name_before(original: str, folded: FoldedText, doc: Tokens, noun: int,
                 joint: str = " ") -> tuple[int, int] | None:
    """The capitalised words right before an English noun: "Kharab al-Jir" (base); or
    before what is written between them, `joint` (", a village")."""
    last = doc.last_before(noun)
    if last < 0 or doc.text[doc.ends[last]:noun] != joint:
        return None
    first = last
    while first >= 0 and last - first < _MAX_WORDS:
        word = doc.words[first]
        if not word.isascii() or not (word in _ARTICLES or _could_name(
                original, folded, word, doc.starts[first])):
            break
        first -= 1
        joint = doc.text[doc.ends[first]:doc.starts[first + 1]] if first >= 0 else ""
        if joint not in (" ", "-"):
            break
    first += 1
    while first <= last and doc.words[first] in _ARTICLES:
        first += 1
    if first > last or doc.starts[first] == doc.starts[doc.first_of_sentence(noun)]:
        return None  # nothing, or the sentence's first word: capitalised anyway
    return doc.starts[first], doc.ends[last]


def _names(original: str, folded: FoldedText, doc: Tokens, after: int, many: bool,
           places: list[Mention]) -> Iterator[tuple[int, int]]:
    """The folded spans of the name (or, after a list noun, the names) after a noun; a
    listed place among them is read whole ("بلدات عيتا الشعب ورب ثلاثين والطيبة")."""
    i = doc.first_after(after)
    if i < 0 or _gap(doc, after, i):
        return
    span = _name(original, folded, doc, i, conjoined=False)
    joined = False  # once a name is joined by "و" or "and", so are the list's later ones
    while span is not None:
        # (at the name's start, or after the list's "و": "ورب ثلاثين")
        listed = next((m for m in places if span[0] <= m.start <= span[0] + 1), None)
        if listed is not None:
            span = (listed.start, max(span[1], listed.end))
        yield span
        i = doc.first_after(span[1]) if many else -1
        if i < 0:
            return
        gap = _gap(doc, span[1], i)
        if doc.words[i] in _AND:  # "Dardara and Um Harmala"
            i = doc.first_after(doc.ends[i])
            if gap not in ("", ",", "،") or i < 0 or _gap(doc, doc.ends[i - 1], i):
                return
            joined = True
        elif not gap and doc.words[i].startswith("و"):
            joined = True  # Arabic joins a list with "و" or a comma
        elif gap not in (",", "،") or joined:
            return  # "بلدتي الحوايج والطيانة، اعتقلت": the list has ended
        span = _name(original, folded, doc, i, conjoined=True)


def _gap(doc: Tokens, end: int, i: int) -> str:
    """What stands between `end` and word `i`, quotes and spaces left out."""
    return doc.text[end:doc.starts[i]].strip(_QUOTES)


def _name(original: str, folded: FoldedText, doc: Tokens, i: int,
          conjoined: bool) -> tuple[int, int] | None:
    word, start = doc.words[i], doc.starts[i]
    if conjoined and not word.isascii() and word.startswith("و") and (
            len(word) > 3 or word[1:] in _HEADS):
        word, start = word[1:], start + 1  # "وكنصفرة": the list's "و" is not the name's
    article = word in _ARTICLES and doc.text[doc.ends[i]:doc.ends[i] + 1] == "-"  # "al-Dardara"
    if not article and not _could_name(original, folded, word, start):
        return None
    last = i
    if word.isascii():
        # "Tal Tawil", "Um al-Kaif": capitalised words, and articles joined by a hyphen
        while last + 1 < len(doc.words) and last + 1 - i < _MAX_WORDS:
            nxt, joint = doc.words[last + 1], doc.text[doc.ends[last]:doc.starts[last + 1]]
            if joint not in (" ", "-") or not (
                    nxt in _ARTICLES or _could_name(original, folded, nxt, doc.starts[last + 1])):
                break
            last += 1
        if doc.words[last] in _ARTICLES:
            last -= 1
        return (start, doc.ends[last]) if last >= i else None  # "al-." names nothing
    # "تل طويل", "المليحة الشرقية", "عين الذهب الغربية"
    if word in _HEADS and _joined(doc, last) and _could_name(
            original, folded, doc.words[last + 1], doc.starts[last + 1]):
        last += 1
    if _joined(doc, last) and doc.words[last + 1] in _TAILS:
        last += 1
    return start, doc.ends[last]


def _joined(doc: Tokens, i: int) -> bool:
    """Whether word `i` is followed by another after only a space."""
    return i + 1 < len(doc.words) and not doc.text[doc.ends[i]:doc.starts[i + 1]].strip()


def _could_name(original: str, folded: FoldedText, word: str, start: int) -> bool:
    if len(word) < 2 or not word.isalpha() or word in _NOT_NAMES:
        return False
    # a place noun names no place ("قرى الناحية"), unless it heads a name ("قرية خربة عمو")
    if word not in _HEADS and (word.removeprefix("ال") in _NOUNS
                               or word.removeprefix("ال") in _LIST_NOUNS):
        return False
    if word.isascii():
        return _capitalised(original, folded, start)
    # "للنازحين", "بالقرب": a preposition's object, not a name; adjectives ("منطقة
    # حدودية") are in `not_names`, so a name may end as one does ("قرية معرية")
    return not word.startswith(("لل", "بال"))


def _capitalised(original: str, folded: FoldedText, start: int) -> bool:
    return original[folded.origin(start)].isupper()


def repeated(doc: Tokens, unlisted: list[Mention],
             taken: Occupied) -> list[tuple[int, int, Mention]]:
    """Later mentions of unlisted villages, quarters and areas without their noun, as
    (folded start, end, the first mention): "قرية المخيسة", then "دفعت بتعزيزات إلى محيط
    المخيسة". Whole words, maybe with a conjunction or preposition attached in front;
    each is taken in `taken`. One scan of the text for all the names."""
    first: dict[str, Mention] = {}  # each spelling -> the name's first mention
    for u in sorted(unlisted, key=lambda m: m.start):
        name = doc.text[u.start:u.end]
        if u.entry.kind in _REPEATED_KINDS and len(name) >= _SHORTEST_REPEATED:
            first.setdefault(name, u)
            if name.startswith("ال"):  # "للمخيسه": "ل" in front of the article drops its "ا"
                first.setdefault(name[1:], u)
    if not first:
        return []
    found = []
    pattern = re.compile(rf"(?<!\w)[وف]?[بل]?({alternation(first)})(?!\w)")
    for match in pattern.finditer(doc.text):
        start, end = match.span(1)
        u = first[match.group(1)]
        shortened = end - start < u.end - u.start
        if start > u.start and (not shortened or doc.text[start - 1] == "ل") and taken.take(
                start, end):
            found.append((start, end, u))
    return found


_REPEATED_KINDS = SMALL_KINDS | {"area", "mountain", "valley", "town"}
_SHORTEST_REPEATED = 4  # letters: shorter names are too often words


def _anchor(doc: Tokens, start: int, places: list[Mention]) -> Mention | None:
    """The listed place that locates one at `start`: the next in its sentence, else the
    last town before it in its sentence (not the region that town was told in: "مدينة
    الأبيض عاصمة ولاية شمال كردفان، استهدفت مقر الفرقة الخامسة"), else the last before it."""
    sentence_start, sentence_end = doc.sentence_of(start)
    after = next((m for m in places if start < m.start < sentence_end), None)
    before = [m for m in places if m.end <= start]
    town = next((m for m in reversed(before) if m.start >= sentence_start
                 and m.entry.fields.get("precision", 1) == 1), None)
    return after or town or next(reversed(before), None)


def _entry(original: str, folded: FoldedText, start: int, end: int, kind: str,
           anchor: Mention) -> Entry:
    lo, hi = folded.span(start, end)
    name = original[lo:hi]
    fields = anchor.entry.fields
    lat = anchor.attrs.get("lat", fields["lat"])
    lon = anchor.attrs.get("lon", fields["lon"])
    country, admin1 = fields.get("country"), fields.get("admin1")
    return Entry(
        type="facility" if kind in _FACILITY_KINDS else "location",
        ref=f"{UNLISTED}{country}.{admin1}:{fold_words(name)}",
        canonical=name,
        fields={"lat": lat, "lon": lon, "country": country, "admin1": admin1, "kind": kind,
                "precision": 2},
        admin_key=anchor.entry.admin_key,
        curated=False,
    )
