"""Reading the words around a hit in folded text: cue phrases right before or after it.

Cue phrases come from the data files and are folded like the text. An Arabic word
before a hit may carry an attached conjunction or preposition ("وفي", "بريف"), which is
stripped before comparing. Words are looked for within the hit's sentence only.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from raqib.text.fold import fold_words

_WORD = re.compile(r"\w+")
_ATTACHED = ("وب", "ول", "وف", "فب", "فل", "و", "ف", "ب", "ل", "ك")
_LONE_CLITICS = frozenset("وفبلك")
_SENTENCE_END = re.compile(r"[\n.؟!?]")


@dataclass(frozen=True, slots=True)
class Cue:
    phrase: str  # the cue as listed (folded)
    start: int  # folded span of the words it covers in the text, clitics included
    end: int


class CueSet:
    """A set of cue phrases (one or more words) looked up right before or after a span."""

    def __init__(self, phrases: Iterable[str]) -> None:
        self.phrases = frozenset(fold_words(p) for p in phrases if _WORD.search(p))
        self.longest = max((p.count(" ") + 1 for p in self.phrases), default=0)

    def __contains__(self, phrase: str) -> bool:
        return phrase in self.phrases

    def before(self, text: str, start: int) -> Cue | None:
        """The longest cue whose words end right before `start` (same sentence).

        A lone clitic letter between the cue and `start` ("قاعدة لـ”التحالف”" folds to
        "قاعده ل التحالف") is skipped.
        """
        spans = word_spans_before(text, start, self.longest + 1)
        if spans and text[spans[-1][0] : spans[-1][1]] in _LONE_CLITICS:
            spans = spans[:-1]
        spans = spans[-self.longest :]
        for n in range(len(spans), 0, -1):
            window = spans[-n:]
            phrase = " ".join(text[s:e] for s, e in window)
            found = self._lookup(phrase)
            if found:
                clitic = len(phrase) - len(found)
                return Cue(found, window[0][0] + clitic, window[-1][1])
        return None

    def after(self, text: str, end: int) -> Cue | None:
        """The longest cue whose words start right after `end` (same sentence)."""
        spans = word_spans_after(text, end, self.longest)
        for n in range(len(spans), 0, -1):
            window = spans[:n]
            phrase = " ".join(text[s:e] for s, e in window)
            if phrase in self.phrases:
                return Cue(phrase, window[0][0], window[-1][1])
        return None

    def _lookup(self, phrase: str) -> str | None:
        """The cue `phrase` is, possibly behind attached clitics (its suffix, then)."""
        if phrase in self.phrases:
            return phrase
        for clitic in _ATTACHED:
            if phrase.startswith(clitic) and phrase[len(clitic) :] in self.phrases:
                return phrase[len(clitic) :]
        return None


def cue_set(cues: dict, purpose: str) -> CueSet:
    section = cues.get(purpose) or {}
    return CueSet([*section.get("ar", []), *section.get("en", [])])


def word_spans_before(text: str, start: int, count: int) -> list[tuple[int, int]]:
    """Up to `count` word spans before `start`, in text order, within the sentence.

    If `start` is inside a word (the hit carries clitics such as "ب" in "بالميادين"),
    that word's head is not a separate word and is skipped.
    """
    lo = max(0, start - 30 * count - 30)
    window = text[lo:start]
    ends = list(_SENTENCE_END.finditer(window))
    if ends:
        lo += ends[-1].end()
    spans = [(m.start(), m.end()) for m in _WORD.finditer(text, lo, start)]
    if spans and spans[-1][1] == start and start < len(text) and text[start].isalnum():
        spans.pop()
    return spans[-count:]


def word_spans_after(text: str, end: int, count: int) -> list[tuple[int, int]]:
    hi = min(len(text), end + 30 * count + 30)
    stop = _SENTENCE_END.search(text, end, hi)
    hi = stop.start() if stop else hi
    return [(m.start(), m.end()) for m in _WORD.finditer(text, end, hi)][:count]
