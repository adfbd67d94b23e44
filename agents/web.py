"""The worker's HTTP endpoints (bound to RAQIB_WEB_HOST, 127.0.0.1 by default).

- /metrics: Raqib's Prometheus metrics (raqib/metrics.py) and the process's own;
- /health: each stage's status, as JSON; 200 when every stage is running (joined its
  group, state restored), 503 while one starts, restores or has failed;
- /map: the live alert map (raqib/web/static), with /map/alerts (the alerts shown, as
  JSON) and /map/events (the same, then every update, as server-sent events).
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable
from importlib import resources

import faust
import orjson
from aiohttp import web as aiohttp_web
from faust.web import Request, Response, View
from prometheus_client import CONTENT_TYPE_LATEST, REGISTRY, generate_latest

from raqib.agents.delivery.runner import StageRunner
from raqib.config import Settings
from raqib.web.alert_reader import follow_alerts
from raqib.web.board import AlertBoard

#: the map's files: name -> content type
STATIC = {"map.html": "text/html; charset=utf-8", "map.js": "text/javascript; charset=utf-8",
          "map.css": "text/css; charset=utf-8", "boundaries.json": "application/json"}
#: the page loads nothing from elsewhere and runs no inline script
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; script-src 'self'; style-src 'self'; "
                               "img-src 'self' data:; object-src 'none'; base-uri 'none'; "
                               "frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}
#: a comment line every so often keeps proxies from closing a quiet event stream
KEEPALIVE_SECONDS = 15
#: how often an idle event stream checks whether the worker is stopping
POLL_SECONDS = 1.0


def register(app: faust.App, settings: Settings, runners: list[StageRunner]) -> None:
    board = AlertBoard()
    files = resources.files("raqib.web") / "static"

    @app.page("/metrics")
    async def metrics(self: View, request: Request) -> Response:
        return self.bytes(generate_latest(REGISTRY), headers={"Content-Type": CONTENT_TYPE_LATEST})

    @app.page("/health")
    async def health(self: View, request: Request) -> Response:
        status = health_of(runners)
        return self.json(status, status=200 if status["ok"] else 503)

    @app.task
    async def read_alerts_for_the_map() -> None:
        await follow_alerts(settings, board)

    @app.page("/map")
    async def map_page(self: View, request: Request) -> Response:
        return _file(self, files, "map.html")

    @app.page("/map/static/{name}")
    async def map_static(self: View, request: Request, name: str) -> Response:
        if name not in STATIC:
            return self.error(404, "no such file")
        return _file(self, files, name)

    @app.page("/map/alerts")
    async def map_alerts(self: View, request: Request) -> Response:
        return self.bytes(orjson.dumps(board.snapshot()), content_type="application/json",
                          headers=SECURITY_HEADERS)

    @app.page("/map/events")
    async def map_events(self: View, request: Request) -> aiohttp_web.StreamResponse:
        return await _event_stream(request, board, stopping=lambda: app.should_stop)


def _file(view: View, files, name: str) -> Response:
    return view.bytes((files / name).read_bytes(), headers={
        "Content-Type": STATIC[name], "Cache-Control": "no-cache", **SECURITY_HEADERS})


async def _event_stream(request, board: AlertBoard,
                        stopping: Callable[[], bool]) -> aiohttp_web.StreamResponse:
    """A `snapshot` event with the alerts shown, then an `alert` event per update, until
    the browser goes, falls too far behind, or the worker stops (the web server would
    otherwise wait a minute for open streams before it lets the worker exit)."""
    response = aiohttp_web.StreamResponse(headers={
        "Content-Type": "text/event-stream", "Cache-Control": "no-cache", **SECURITY_HEADERS})
    await response.prepare(request)
    with board.watch() as watcher, contextlib.suppress(ConnectionResetError):
        await response.write(_event("snapshot", board.snapshot()))
        quiet = 0.0
        while not (watcher.overflowed or stopping()):
            try:
                alert = await asyncio.wait_for(watcher.queue.get(), POLL_SECONDS)
            except TimeoutError:
                quiet += POLL_SECONDS
                if quiet >= KEEPALIVE_SECONDS:
                    await response.write(b": keep-alive\n\n")
                    quiet = 0.0
                continue
            await response.write(_event("alert", alert))
    return response  # also when the browser went away (ConnectionResetError)


def _event(name: str, data: object) -> bytes:
    return b"event: " + name.encode() + b"\ndata: " + orjson.dumps(data) + b"\n\n"


def health_of(runners: list[StageRunner]) -> dict:
    stages = {runner.stage.name: {"status": runner.status, "partitions": runner.partitions}
              for runner in runners}
    return {"ok": all(runner.status == "running" for runner in runners), "stages": stages}
