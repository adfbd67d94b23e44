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
        # most positions have no cue at all: the nearest word decides that at once
        self._last_words = {p.rsplit(" ", 1)[-1] for p in self._lookup_table}
        self._first_words = {p.split(" ", 1)[0] for p in self.phrases}

    def __contains__(self, phrase: str) -> bool:
        return phrase in self.phrases

    def before(self, doc: Tokens, start: int) -> Cue | None:
        """The longest cue whose words end right before `start`.

        A lone clitic letter between the cue and `start` ("قاعدة لـ”التحالف”" folds to
        "قاعده ل التحالف") is skipped.
        """
        last = doc.last_before(start)
        if last >= 0 and doc.words[last] in _LONE_CLITICS:
            last = last - 1 if last > doc.first_of_sentence(start) else -1
        if last < 0 or doc.words[last] not in self._last_words:
            return None  # the common case, decided by one word
        first_allowed = doc.first_of_sentence(start)
        for n in range(min(self.longest, last - first_allowed + 1), 0, -1):
            phrase = " ".join(doc.words[last - n + 1 : last + 1])
            found = self._lookup_table.get(phrase)
            if found:  # the cue starts after any clitic attached to its first word
                return Cue(found, doc.starts[last - n + 1] + len(phrase) - len(found),
                           doc.ends[last])
        return None

    def after(self, doc: Tokens, end: int) -> Cue | None:
        """The longest cue whose words start right after `end`."""
        first = doc.first_after(end)
        if first < 0 or doc.words[first] not in self._first_words:
            return None
        for n in range(min(self.longest, doc.last_of_sentence(end) - first + 1), 0, -1):
            phrase = " ".join(doc.words[first : first + n])
            if phrase in self.phrases:
                return Cue(phrase, doc.starts[first], doc.ends[first + n - 1])
        return None


def cue_set(cues: dict, purpose: str) -> CueSet:
    section = cues.get(purpose) or {}
    return CueSet([*section.get("ar", []), *section.get("en", [])])
