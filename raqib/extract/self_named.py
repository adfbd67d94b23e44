"""Armed groups the lexicon does not list, named as they name themselves.

Claims often come from groups no list knows yet, and reports say so: "تبنت مجموعة تطلق على
نفسها اسم «أصحاب الكهف»", "a little-known group calling itself Ashab al-Kahf claimed the
attack". After such words (data/lang/*/events.yaml `self_named`) the name is in quotes,
or in English in capitals; told again anywhere in the report, it is the same group.
"""

from __future__ import annotations

import re

from raqib.knowledge.base import Entry
from raqib.knowledge.lang import alternation, words
from raqib.text.fold import FoldedText, fold_words
from raqib.text.spans import Occupied
from raqib.text.tokens import Tokens

SELF_NAMED = "unlisted:actor:"  # ref prefix: "unlisted:actor:اصحاب الكهف"

_CUE = re.compile(rf"(?<!\w)(?:{alternation(words('events.yaml', 'self_named'))})(?!\w)")
_QUOTES = {"«": "»", "“": "”", "”": "”", '"': '"'}
_MAX_WORDS = 6  # of a name
_PARTICLES = frozenset({"al", "el", "ad", "ar", "as", "ash", "az", "ez", "ed", "an", "of",
                        "the", "bin", "ibn", "abu", "wa"})


def find_self_named(original: str, folded: FoldedText, doc: Tokens,
                    named: list[tuple[int, int]]) -> list[tuple[int, int, Entry]]:
    """Self-named groups as (folded start, end, entry), every place their name is told,
    but where a name `named` already (a listed actor's) holds it."""
    names: dict[str, Entry] = {}
    for cue in _CUE.finditer(doc.text):
        span = (_quoted(original, folded, doc, cue.end())
                or _capitalised(original, folded, doc, cue.end()))
        if span is not None and not _within_one(span[0], span[1], named):
            lo, hi = folded.span(*span)
            names.setdefault(doc.text[span[0]:span[1]], _entry(original[lo:hi]))
    found, taken = [], Occupied()
    for name, entry in names.items():
        for match in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", doc.text):
            start, end = match.span()
            if not _within_one(start, end, named) and taken.take(start, end):
                found.append((start, end, entry))
    return found


def _within_one(start: int, end: int, named: list[tuple[int, int]]) -> bool:
    return any(lo <= start and end <= hi for lo, hi in named)


def _quoted(original: str, folded: FoldedText, doc: Tokens, end: int) -> tuple[int, int] | None:
    """The name in quotes right after `end` (folding drops quotes: the original tells)."""
    i = doc.first_after(end)
    if i < 0:
        return None
    opening = next((c for c in original[folded.origin(end):folded.origin(doc.starts[i])]
                    if c in _QUOTES), None)
    if opening is None:
        return None
    for j in range(i, min(len(doc.words), i + _MAX_WORDS)):
        after = doc.starts[j + 1] if j + 1 < len(doc.words) else len(doc.text)
        gap = original[folded.origin(doc.ends[j]):folded.origin(after)]
        if _QUOTES[opening] in gap:
            return doc.starts[i], doc.ends[j]
        if gap.strip():
            return None  # a comma, a full stop: no name in quotes
    return None


def _capitalised(original: str, folded: FoldedText, doc: Tokens,
                 end: int) -> tuple[int, int] | None:
    """An English name in capitals right after `end`: "calling itself Ashab al-Kahf"."""
    i = doc.first_after(end)
    if i < 0 or doc.text[end:doc.starts[i]] != " ":
        return None
    last = None
    for j in range(i, min(len(doc.words), i + _MAX_WORDS)):
        if j > i and doc.text[doc.ends[j - 1]:doc.starts[j]] not in (" ", "-"):
            break
        if original[folded.origin(doc.starts[j])].isupper():
            last = j
        elif doc.words[j] not in _PARTICLES:
            break
    return None if last is None else (doc.starts[i], doc.ends[last])


def _entry(name: str) -> Entry:
    return Entry(type="actor", ref=f"{SELF_NAMED}{fold_words(name)}", canonical=name,
                 fields={"actor_type": "non_state_armed_group", "affiliation": None,
                         "parent": None, "country": None}, curated=False)
