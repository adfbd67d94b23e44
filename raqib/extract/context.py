"""Cue phrases read right before or after a span of folded text.

Cue phrases come from the data files and are folded like the text. An Arabic word
before a span may carry an attached conjunction or preposition ("وفي", "بريف"), which
is stripped before comparing. Look-ups stay within the span's sentence.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from raqib.text.fold import fold_words
from raqib.text.tokens import Tokens

_ATTACHED = ("وب", "ول", "وف", "فب", "فل", "و", "ف", "ب", "ل", "ك")
_LONE_CLITICS = frozenset("وفبلك")


@dataclass(frozen=True, slots=True)
class Cue:
    phrase: str  # the cue as listed (folded)
    start: int  # folded span of its words in the text, attached clitics excluded
    end: int


class CueSet:
    """A set of cue phrases (one or more words) looked up right before or after a span."""

    def __init__(self, phrases: Iterable[str]) -> None:
        self.phrases = frozenset(p for p in map(fold_words, phrases) if p)
        self.longest = max((p.count(" ") + 1 for p in self.phrases), default=0)
        # every phrase also behind each attached clitic: "في" as "وفي", "ريف" as "بريف"
        self._lookup_table = {c + p: p for p in self.phrases for c in ("", *_ATTACHED)}

    def __contains__(self, phrase: str) -> bool:
        return phrase in self.phrases

    def before(self, doc: Tokens, start: int) -> Cue | None:
        """The longest cue whose words end right before `start`.

        A lone clitic letter between the cue and `start` ("قاعدة لـ”التحالف”" folds to
        "قاعده ل التحالف") is skipped.
        """
        spans = doc.before(start, self.longest + 1)
        if spans and doc.word(spans[-1]) in _LONE_CLITICS:
            spans.pop()
        spans = spans[-self.longest :]
        for n in range(len(spans), 0, -1):
            window = spans[-n:]
            phrase = " ".join(map(doc.word, window))
            found = self._lookup_table.get(phrase)
            if found:
                return Cue(found, window[0][0] + len(phrase) - len(found), window[-1][1])
        return None

    def after(self, doc: Tokens, end: int) -> Cue | None:
        """The longest cue whose words start right after `end`."""
        spans = doc.after(end, self.longest)
        for n in range(len(spans), 0, -1):
            window = spans[:n]
            phrase = " ".join(map(doc.word, window))
            if phrase in self.phrases:
                return Cue(phrase, window[0][0], window[-1][1])
        return None


def cue_set(cues: dict, purpose: str) -> CueSet:
    section = cues.get(purpose) or {}
    return CueSet([*section.get("ar", []), *section.get("en", [])])
