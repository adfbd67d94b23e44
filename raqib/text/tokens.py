"""The words of a folded text, indexed once, for look-ups around a position.

Cue phrases are read right before or after a name or a trigger, many times per report;
bisecting the word offsets makes each look-up logarithmic instead of a regex scan.
Look-ups stay within the sentence of the position.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

_WORD = re.compile(r"\w+")


class Tokens:
    def __init__(self, text: str, sentences: list[tuple[int, int]]) -> None:
        self.text = text
        spans = [m.span() for m in _WORD.finditer(text)]
        self.starts = [start for start, _ in spans]
        self.ends = [end for _, end in spans]
        self.words = [text[start:end] for start, end in spans]
        self.sentence_starts = [start for start, _ in sentences]
        # the same few positions (a name's, a trigger's) are looked up again and again
        self._last_before: dict[int, int] = {}
        self._first_after: dict[int, int] = {}

    def sentence_of(self, position: int) -> tuple[int, int]:
        """Where the sentence holding `position` starts and ends."""
        k = bisect_right(self.sentence_starts, position)
        return (self.sentence_starts[k - 1] if k else 0,
                self.sentence_starts[k] if k < len(self.sentence_starts) else len(self.text))

    def last_before(self, position: int) -> int:
        """Index of the last whole word ending at or before `position` in its sentence, or -1.

        A word that `position` falls inside (the clitic "ب" of "بالميادين") is not one.
        """
        found = self._last_before.get(position)
        if found is None:
            i = bisect_right(self.ends, position) - 1
            found = self._last_before[position] = (
                i if i >= self.first_of_sentence(position) else -1)
        return found

    def window_before(self, position: int, size: int) -> range:
        """Indices of the `size` whole words right before `position` (fewer at its
        sentence's start), in text order."""
        last = self.last_before(position)
        if last < 0:
            return range(0)
        return range(max(self.first_of_sentence(position), last - size + 1), last + 1)

    def first_after(self, position: int) -> int:
        """Index of the first word starting at or after `position` in its sentence, or -1."""
        found = self._first_after.get(position)
        if found is None:
            i = bisect_left(self.starts, position)
            found = self._first_after[position] = (
                i if i <= self.last_of_sentence(position) else -1)
        return found

    def last_of_sentence(self, position: int) -> int:
        """Index of the last word of the sentence holding `position`."""
        k = bisect_right(self.sentence_starts, position)
        limit = self.sentence_starts[k] if k < len(self.sentence_starts) else len(self.text)
        return bisect_left(self.starts, limit) - 1

    def first_of_sentence(self, position: int) -> int:
        """Index of the first word of the sentence holding `position`."""
        k = bisect_right(self.sentence_starts, position) - 1
        return bisect_left(self.starts, self.sentence_starts[k] if k >= 0 else 0)
