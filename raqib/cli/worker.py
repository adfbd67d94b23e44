"""raqib worker: run the Faust agents of the configured stages until SIGTERM or SIGINT."""

from __future__ import annotations

from raqib.config import Settings
from raqib.kafka.clients import ensure_topics


def run_worker(settings: Settings) -> int:
    from faust.worker import Worker

    from raqib.agents.app import create_app

    ensure_topics(settings)
    app = create_app(settings)
    worker = Worker(app, loglevel=settings.log_level, quiet=True)
    worker.execute_from_commandline()  # returns when the worker stops; handles signals
    return 0
