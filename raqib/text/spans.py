"""A set of non-overlapping spans, for "longest first, no overlaps" selections."""

from __future__ import annotations

from bisect import bisect_left, insort


class Occupied:
    """Spans taken so far; they never overlap, so only the nearest one can clash."""

    def __init__(self) -> None:
        self._starts: list[int] = []
        self._ends: dict[int, int] = {}

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect_left(self._starts, end)  # spans starting before `end`
        return i > 0 and self._ends[self._starts[i - 1]] > start

    def release(self, start: int) -> None:
        """Free the span that starts at `start`."""
        self._starts.remove(start)
        del self._ends[start]

    def take(self, start: int, end: int) -> bool:
        """Take the span unless it overlaps one already taken; say whether it was taken."""
        if self.overlaps(start, end):
            return False
        insort(self._starts, start)
        self._ends[start] = end
        return True
