"""The alerts the map shows: the latest version of each recent alert, and the browsers
watching for updates.

A browser that cannot keep up (its queue fills) is let go rather than slowing the
others; its EventSource reconnects by itself and starts again from a fresh snapshot.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from contextlib import contextmanager

#: alerts kept (the most recently updated); older ones drop off the map
CAPACITY = 1000
#: updates a browser may fall behind by before it is let go
WATCHER_QUEUE = 256


class Watcher:
    def __init__(self) -> None:
        self.queue: asyncio.Queue[dict] = asyncio.Queue(WATCHER_QUEUE)
        self.overflowed = False


class AlertBoard:
    def __init__(self, capacity: int = CAPACITY) -> None:
        self.capacity = capacity
        self._alerts: dict[str, dict] = {}  # alert_id -> latest version, oldest update first
        self._watchers: set[Watcher] = set()

    def update(self, alert: dict) -> bool:
        """Take an alert version; False when it is not newer than the one shown, or when
        the board is full and it is older than every alert kept (a reader that starts
        over from the beginning of the topic must not bring old alerts back as new)."""
        alert_id = alert["alert_id"]
        shown = self._alerts.get(alert_id)
        if shown is not None and shown["version"] >= alert["version"]:
            return False
        if shown is None and len(self._alerts) >= self.capacity and \
                str(alert.get("updated_at")) < str(self._oldest().get("updated_at")):
            return False
        self._alerts.pop(alert_id, None)
        self._alerts[alert_id] = alert
        while len(self._alerts) > self.capacity:
            del self._alerts[next(iter(self._alerts))]
        for watcher in list(self._watchers):
            try:
                watcher.queue.put_nowait(alert)
            except asyncio.QueueFull:
                watcher.overflowed = True
                self._watchers.discard(watcher)
        return True

    def _oldest(self) -> dict:
        return next(iter(self._alerts.values()))

    def snapshot(self) -> list[dict]:
        """The alerts shown, the most recently updated first."""
        return list(reversed(self._alerts.values()))

    @contextmanager
    def watch(self) -> Iterator[Watcher]:
        watcher = Watcher()
        self._watchers.add(watcher)
        try:
            yield watcher
        finally:
            self._watchers.discard(watcher)

    @property
    def watchers(self) -> int:
        return len(self._watchers)


def is_alert(value: object) -> bool:
    """Whether a record from the alerts topic has what the map needs to show it."""
    return (isinstance(value, dict) and isinstance(value.get("alert_id"), str)
            and isinstance(value.get("version"), int) and not isinstance(value["version"], bool))
