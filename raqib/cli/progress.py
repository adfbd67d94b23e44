"""A one-line progress bar on standard error, shown only on a terminal for long runs."""

from __future__ import annotations

import sys
import time


class Progress:
    def __init__(self, total: int | None, label: str, min_items: int = 200) -> None:
        self.total = total
        self.label = label
        self.done = 0
        self.started = time.monotonic()
        self.shown_at = 0.0
        self.enabled = sys.stderr.isatty() and (total is None or total >= min_items)

    def step(self, n: int = 1) -> None:
        self.done += n
        now = time.monotonic()
        if self.enabled and now - self.shown_at >= 0.1:
            self.shown_at = now
            self._draw(now)

    def close(self) -> None:
        if self.enabled:
            self._draw(time.monotonic())
            sys.stderr.write("\n")

    def _draw(self, now: float) -> None:
        rate = self.done / max(now - self.started, 1e-9)
        if self.total:
            filled = int(30 * self.done / self.total)
            bar = "#" * filled + "-" * (30 - filled)
            line = f"\r{self.label} [{bar}] {self.done}/{self.total} ({rate:,.0f}/s)"
        else:
            line = f"\r{self.label} {self.done} ({rate:,.0f}/s)"
        sys.stderr.write(line)
        sys.stderr.flush()
