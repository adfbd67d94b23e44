"""raqib worker: run the Faust agents of the configured stages until SIGTERM or SIGINT.

Faust stops a worker for good when Kafka fails under it at the wrong moment (the broker
restarting during a transaction commit, say). So `raqib worker` runs the Faust worker in
a child process and starts it again when it crashes, after a pause that grows while the
crashes repeat; what the dead child had not committed, the new one processes, as after
a kill -9. SIGTERM and SIGINT go on to the child and end the supervision. The child
dies with its supervisor (PR_SET_PDEATHSIG), so killing `raqib worker` kills both.
"""

from __future__ import annotations

import ctypes
import os
import signal
import subprocess
import sys
import time

from raqib.config import Settings, to_env
from raqib.kafka.clients import ensure_topics

CHILD = "RAQIB_WORKER_CHILD"
RESTART_DELAYS = (1, 2, 5, 10, 30)  # seconds, for the first, second, ... crash in a row
STABLE_SECONDS = 300  # a child that ran this long resets the count


def run_worker(settings: Settings) -> int:
    if os.environ.get(CHILD) == "1":
        return _run_faust_worker(settings)
    ensure_topics(settings)
    return _supervise(settings)


def _run_faust_worker(settings: Settings) -> int:
    from faust.worker import Worker

    from raqib.agents.app import create_app

    app = create_app(settings)
    worker = Worker(app, loglevel=settings.log_level, quiet=True)
    worker.execute_from_commandline()  # returns when the worker stops; handles signals
    return 0


def _supervise(settings: Settings) -> int:
    child: subprocess.Popen | None = None
    stopping = False

    def pass_on(signum: int, _frame) -> None:
        nonlocal stopping
        stopping = True
        if child is not None and child.poll() is None:
            child.send_signal(signum)

    signal.signal(signal.SIGTERM, pass_on)
    signal.signal(signal.SIGINT, pass_on)
    crashes = 0
    while True:
        started = time.monotonic()
        child = subprocess.Popen([sys.executable, "-m", "raqib", "worker"],
                                 env={**os.environ, **to_env(settings), CHILD: "1"},
                                 preexec_fn=_die_with_parent)
        code = child.wait()
        if stopping or code == 0:
            return code
        crashes = 0 if time.monotonic() - started > STABLE_SECONDS else crashes + 1
        delay = RESTART_DELAYS[min(crashes, len(RESTART_DELAYS)) - 1]
        print(f"raqib worker: the Faust worker exited with {code}; starting it again in "
              f"{delay} s", file=sys.stderr, flush=True)
        deadline = time.monotonic() + delay
        while not stopping and time.monotonic() < deadline:
            time.sleep(0.2)
        if stopping:
            return 0


def _die_with_parent() -> None:
    """In the child, before exec: ask Linux for SIGKILL when the supervisor dies."""
    if sys.platform.startswith("linux"):
        pr_set_pdeathsig = 1
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(pr_set_pdeathsig, signal.SIGKILL)
