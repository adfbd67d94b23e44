"""A stage runner as a service of the Faust app: started and stopped with the worker.

The runner's loop is blocking (librdkafka calls, and the stage's own CPU work), so it
runs in a thread of its own; the app's event loop keeps serving the web views. The
stages of a worker stop together, against one clock (`Shutdown`): when one is told to
stop, or fails, all are. A stop that was asked for gives them STOP_TIMEOUT_S to commit
and close. After a stage failed (fenced, or the broker gone away and back), the others
get FAILED_STOP_S: the app crashes and the worker exits, for `raqib worker` to start it
again, and the next instance aborts whatever they left open; waiting for their calls to
time out against a broker in trouble would only hold the restart back.
"""

from __future__ import annotations

import asyncio
import faulthandler
import logging
import sys
import threading
import time

from mode import Service

from raqib.agents.delivery.runner import StageRunner

log = logging.getLogger("raqib.delivery")

#: how long a stopping worker waits for its stages to commit and close
STOP_TIMEOUT_S = 30.0
#: ... and after one of them failed
FAILED_STOP_S = 5.0


class Shutdown:
    """The stop of a worker's stages: one event they all watch, and one deadline."""

    def __init__(self) -> None:
        self.stopping = threading.Event()
        self._deadline: float | None = None
        self._lock = threading.Lock()

    def begin(self, failed: bool) -> None:
        """Tell every stage to stop; a failure shortens the time they are given."""
        with self._lock:
            deadline = time.monotonic() + (FAILED_STOP_S if failed else STOP_TIMEOUT_S)
            if self._deadline is None or deadline < self._deadline:
                self._deadline = deadline
        self.stopping.set()

    def remaining(self) -> float:
        return max(0.0, (self._deadline or time.monotonic()) - time.monotonic())


class StageService(Service):
    def __init__(self, runner: StageRunner, shutdown: Shutdown, **kwargs) -> None:
        super().__init__(**kwargs)
        self.runner = runner
        self._shutdown = shutdown  # shared by the worker's stages
        self._thread: threading.Thread | None = None

    @property
    def label(self) -> str:
        return f"Stage[{self.runner.stage.name}]"

    async def on_start(self) -> None:
        self._thread = threading.Thread(target=self._run, name=f"raqib-{self.runner.stage.name}",
                                        daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            self.runner.run(self._shutdown.stopping)
        except BaseException as exc:
            log.exception("%s stage failed", self.runner.stage.name)
            self._shutdown.begin(failed=True)
            asyncio.run_coroutine_threadsafe(self.crash(exc), self.loop)

    async def on_stop(self) -> None:
        self._shutdown.begin(failed=False)
        if self._thread is not None:
            await asyncio.to_thread(self._thread.join, self._shutdown.remaining())
            if self._thread.is_alive():
                log.error("%s stage did not stop in time; its open transaction is aborted "
                          "when this worker starts again; where the threads are:",
                          self.runner.stage.name)
                faulthandler.dump_traceback(file=sys.__stderr__, all_threads=True)
