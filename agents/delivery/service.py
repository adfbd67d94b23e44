"""A stage runner as a service of the Faust app: started and stopped with the worker.

The runner's loop is blocking (librdkafka calls, and the stage's own CPU work), so it
runs in a thread of its own; the app's event loop keeps serving the web views. The
stages of a worker stop together: when one is told to stop, or fails, all are, so that
none waits for another to finish. If a runner fails, the app crashes and the worker
exits, for `raqib worker` to start it again.
"""

from __future__ import annotations

import asyncio
import faulthandler
import logging
import sys
import threading

from mode import Service

from raqib.agents.delivery.runner import StageRunner

log = logging.getLogger("raqib.delivery")

#: how long a stopping worker waits for a stage to commit and close
STOP_TIMEOUT_S = 30.0


class StageService(Service):
    def __init__(self, runner: StageRunner, stopping: threading.Event, **kwargs) -> None:
        super().__init__(**kwargs)
        self.runner = runner
        self._stopping = stopping  # shared by the worker's stages
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
            self.runner.run(self._stopping)
        except BaseException as exc:
            log.exception("%s stage failed", self.runner.stage.name)
            self._stopping.set()
            asyncio.run_coroutine_threadsafe(self.crash(exc), self.loop)

    async def on_stop(self) -> None:
        self._stopping.set()
        if self._thread is not None:
            await asyncio.to_thread(self._thread.join, STOP_TIMEOUT_S)
            if self._thread.is_alive():
                log.error("%s stage did not stop within %.0f s; its open transaction is "
                          "aborted when this worker starts again; where the threads are:",
                          self.runner.stage.name, STOP_TIMEOUT_S)
                faulthandler.dump_traceback(file=sys.__stderr__, all_threads=True)
