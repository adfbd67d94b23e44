"""The loop every agent runs: apply a stage to each message, send its outputs, and
send anything the stage rejects (or fails on) to the dead-letter topic instead.

A stage never stops the worker: a `Rejected` message is an expected outcome with a
reason; any other exception is a bug, logged with its traceback and dead-lettered as
`internal_error`, and the stream goes on. Outputs are awaited into the producer before
the event is acknowledged, and Faust flushes the producer before it commits offsets,
so a message's outputs are durable before its offset is committed.
"""

from __future__ import annotations

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


async def run_stage(stream: faust.StreamT, stage: str, topics: Topics,
                    apply: Callable[[faust.EventT], Outputs]) -> None:
    consumed = metrics.STAGE_MESSAGES.labels(stage, "in")
    produced = metrics.STAGE_MESSAGES.labels(stage, "out")
    timing = metrics.STAGE_SECONDS.labels(stage)
    async for event in stream.events():
        message = event.message
        consumed.inc()
        started = time.perf_counter()
        try:
            outputs = list(apply(event))
        except Rejected as exc:
            log.warning("%s: dead-lettered %s[%s]@%s: %s", stage, message.topic,
                        message.partition, message.offset, exc)
            await _dead_letter(topics, stage, exc.reason, exc.detail, event, exc.report_id)
            continue
        except Exception as exc:  # a bug in a stage must not stop the stream
            log.exception("%s: internal error on %s[%s]@%s", stage, message.topic,
                          message.partition, message.offset)
            await _dead_letter(topics, stage, "internal_error",
                               f"{type(exc).__name__}: {exc}", event, None)
            continue
        finally:
            timing.observe(time.perf_counter() - started)
        for topic, key, value in outputs:
            await topic.send(key=key, value=value)
            produced.inc()


async def _dead_letter(topics: Topics, stage: str, reason: str, detail: str,
                       event: faust.EventT, report_id: str | None) -> None:
    message = event.message
    metrics.DEAD_LETTERS.labels(stage, reason).inc()
    original = message.value if isinstance(message.value, bytes) else b""
    record = dead_letter(stage=stage, reason=reason, detail=detail, original=original,
                         key=message.key, topic=message.topic, partition=message.partition,
                         offset=message.offset, report_id=report_id)
    await topics.dlq.send(key=message.key, value=orjson.dumps(record))
