"""Ends the worker when a Kafka call hangs past its own timeout.

Every librdkafka call the core makes has a timeout, but some can block for good after a
broker restart (librdkafka issues #5456 and #5511: `send_offsets_to_transaction` ignores
its timeout when the group coordinator moved). A thread blocked in C cannot be
interrupted, so the worker exits instead, and `raqib worker` starts it again, as after a
crash: the next instance fences this one and aborts what it left open.
"""

from __future__ import annotations

import faulthandler
import logging
import os
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

log = logging.getLogger("raqib.delivery")

#: the exit status of a worker that ended itself because a call hung
HUNG = 75


class Watchdog:
    def __init__(self) -> None:
        self._calls: dict[int, tuple[str, float]] = {}  # thread -> (call, since)

    @contextmanager
    def watching(self, what: str) -> Iterator[None]:
        """Note that this thread is in a blocking call, until it returns."""
        thread = threading.get_ident()
        self._calls[thread] = (what, time.monotonic())
        try:
            yield
        finally:
            self._calls.pop(thread, None)

    def hung(self, limit_s: float) -> list[str]:
        now = time.monotonic()
        return [f"{what} ({now - since:.0f} s)" for what, since in list(self._calls.values())
                if now - since > limit_s]

    def exit_if_hung(self, limit_s: float) -> None:
        hung = self.hung(limit_s)
        if hung:
            log.critical("a Kafka call hangs past its timeout: %s; the worker exits, to be "
                         "started again; where the threads are:", ", ".join(hung))
            faulthandler.dump_traceback(file=sys.__stderr__, all_threads=True)
            os._exit(HUNG)


#: the worker's one watchdog: every stage's calls, checked by the app's timer
WATCHDOG = Watchdog()
