"""The loop every agent runs: apply a stage to each message, send its outputs, and
send anything the stage rejects (or fails on) to the dead-letter topic instead.

A stage never stops the worker: a `Rejected` message is an expected outcome with a
reason; any other exception is a bug, logged with its traceback and dead-lettered as
`internal_error`, and the stream goes on.

Exactly once, the outputs of a message, the changelog records its table writes make,
and its consumed offset must land in one Kafka transaction. Three things make it so:

- outputs and changelog records (queued by the tables, see agents/faust_app.py) are
  sent through the transactional producer of the message's own partition;
- an event is processed, sent and acknowledged while holding the worker's commit lock,
  and Faust's commits take the same lock: a commit never snapshots offsets while an
  event's outputs are half sent;
- an event that has started is finished even when the worker is stopping.

At least once, Faust flushes the producer before it commits offsets.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable, Iterable

import faust
import orjson

from raqib import metrics
from raqib.agents.topics import Topics
from raqib.stages.dead_letters import dead_letter
from raqib.stages.errors import Rejected

log = logging.getLogger("raqib")

#: (topic, key, value) triples a stage asks to send for one input message
Outputs = Iterable[tuple[faust.TopicT, bytes | None, bytes]]


async def run_stage(app: faust.App, stream: faust.StreamT, stage: str, topics: Topics,
                    apply: Callable[[faust.EventT], Outputs]) -> None:
    consumed = metrics.STAGE_MESSAGES.labels(stage, "in")
    produced = metrics.STAGE_MESSAGES.labels(stage, "out")
    timing = metrics.STAGE_SECONDS.labels(stage)
    lock = commit_lock(app)

    async def handle(event: faust.EventT) -> None:
        message = event.message
        async with lock:
            started = time.perf_counter()
            try:
                outputs = list(apply(event))
            except Rejected as exc:
                log.warning("%s: dead-lettered %s[%s]@%s: %s", stage, message.topic,
                            message.partition, message.offset, exc)
                outputs = [_dead_letter(topics, stage, exc.reason, exc.detail, event,
                                        exc.report_id)]
            except Exception as exc:  # a bug in a stage must not stop the stream
                log.exception("%s: internal error on %s[%s]@%s", stage, message.topic,
                              message.partition, message.offset)
                outputs = [_dead_letter(topics, stage, "internal_error",
                                        f"{type(exc).__name__}: {exc}", event, None)]
            else:
                produced.inc(len(outputs))
            finally:
                timing.observe(time.perf_counter() - started)
            transaction = _transactional_id(app, message)
            records = [(topic.get_topic_name(), None, key, value) for topic, key, value in outputs]
            for name, partition, key, value in records + app.take_changelog():
                await app.producer.send(name, key, value, partition, None, None,
                                        transactional_id=transaction)
            app.consumer.ack_processed(event)

    async for event in stream.noack().events():
        consumed.inc()
        # shielded: a worker told to stop finishes the event it started, so that a
        # commit at shutdown never holds half of an event's outputs
        await asyncio.shield(handle(event))


def commit_lock(app: faust.App) -> asyncio.Lock:
    """The worker's commit lock, wrapping the consumer's commit the first time."""
    consumer = app.consumer
    lock = getattr(consumer, "raqib_commit_lock", None)
    if lock is None:
        lock = consumer.raqib_commit_lock = asyncio.Lock()
        commit = consumer.commit

        async def locked_commit(*args, **kwargs) -> bool:
            async with lock:
                return await commit(*args, **kwargs)

        consumer.commit = locked_commit
    return lock


def _transactional_id(app: faust.App, message: faust.types.Message) -> str | None:
    """The transaction of the message's own partition, as Faust names it, if any."""
    if not app.in_transaction:
        return None
    group = app.assignor.group_for_topic(message.topic)
    return f"{app.conf.id}-{group}-{message.partition}"


def _dead_letter(topics: Topics, stage: str, reason: str, detail: str,
                 event: faust.EventT, report_id: str | None) -> tuple:
    message = event.message
    metrics.DEAD_LETTERS.labels(stage, reason).inc()
    original = message.value if isinstance(message.value, bytes) else b""
    record = dead_letter(stage=stage, reason=reason, detail=detail, original=original,
                         key=message.key, topic=message.topic, partition=message.partition,
                         offset=message.offset, report_id=report_id)
    return topics.dlq, message.key, orjson.dumps(record)
