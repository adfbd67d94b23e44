"""Reads the alerts topic for the map, outside the worker's consumer group.

Every worker serves the whole map, whatever partitions its group gave it, so this reader
takes every partition of the alerts topic and reads it from the start (the board keeps
the latest alerts). It reads committed records only: an alert the worker's
transaction has not committed yet may still be aborted.
"""

from __future__ import annotations

import asyncio
import logging

import orjson
from aiokafka import AIOKafkaConsumer
from aiokafka.errors import KafkaError

from raqib.config import Settings
from raqib.kafka.security import client_security
from raqib.web.board import AlertBoard, is_alert

log = logging.getLogger("raqib.map")

RETRY_SECONDS = 5
METADATA_MAX_AGE_MS = 5000
#: while the broker is away, aiokafka logs each attempt to reach it: once a second is enough
RETRY_BACKOFF_MS = 1000


async def follow_alerts(settings: Settings, board: AlertBoard) -> None:
    """Feed the board from the alerts topic until cancelled, reconnecting after errors."""
    topic = settings.topic("alerts")
    while True:
        try:
            await _read(settings, topic, board)
        except asyncio.CancelledError:
            raise
        except (KafkaError, OSError) as exc:
            log.warning("map: reading %s failed (%s); retrying in %ss", topic, exc,
                        RETRY_SECONDS)
        except Exception:  # a bug here must not take the map down for good
            log.exception("map: reading %s failed; retrying in %ss", topic, RETRY_SECONDS)
        await asyncio.sleep(RETRY_SECONDS)


async def _read(settings: Settings, topic: str, board: AlertBoard) -> None:
    # without a group, aiokafka assigns every partition of the topic, and starts each
    # from the beginning; metadata is refreshed often so that the topic is found soon
    # after a worker creates it
    consumer = AIOKafkaConsumer(
        topic, bootstrap_servers=settings.bootstrap_servers, group_id=None,
        enable_auto_commit=False, isolation_level="read_committed",
        auto_offset_reset="earliest", metadata_max_age_ms=METADATA_MAX_AGE_MS,
        retry_backoff_ms=RETRY_BACKOFF_MS,
        **client_security(settings))
    try:
        await consumer.start()
        while True:
            batches = await consumer.getmany(timeout_ms=1000)
            for records in batches.values():
                for record in records:
                    _show(board, topic, record)
    finally:
        await consumer.stop()


def _show(board: AlertBoard, topic: str, record) -> None:
    try:
        alert = orjson.loads(record.value)
    except (orjson.JSONDecodeError, TypeError):
        alert = None
    if not is_alert(alert):
        log.warning("map: skipped %s[%s]@%s: not an alert", topic, record.partition,
                    record.offset)
        return
    board.update(alert)
