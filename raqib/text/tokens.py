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
        self.starts: list[int] = []
        self.ends: list[int] = []
        for m in _WORD.finditer(text):
            self.starts.append(m.start())
            self.ends.append(m.end())
        self.sentence_starts = [start for start, _ in sentences]

    def word(self, span: tuple[int, int]) -> str:
        return self.text[span[0] : span[1]]

    def before(self, position: int, count: int) -> list[tuple[int, int]]:
        """Up to `count` whole words ending at or before `position`, in text order.

        A word that `position` falls inside (the clitic "ب" of "بالميادين") is not one.
        """
        i = bisect_right(self.ends, position)
        first = bisect_left(self.starts, self._sentence_start(position))
        j = max(first, i - count)
        return list(zip(self.starts[j:i], self.ends[j:i], strict=True))

    def after(self, position: int, count: int) -> list[tuple[int, int]]:
        """Up to `count` words starting at or after `position`, in text order."""
        i = bisect_left(self.starts, position)
        k = bisect_right(self.sentence_starts, position)
        limit = self.sentence_starts[k] if k < len(self.sentence_starts) else len(self.text)
        j = min(bisect_left(self.starts, limit), i + count)
        return list(zip(self.starts[i:j], self.ends[i:j], strict=True))

    def _sentence_start(self, position: int) -> int:
        k = bisect_right(self.sentence_starts, position) - 1
        return self.sentence_starts[k] if k >= 0 else 0
