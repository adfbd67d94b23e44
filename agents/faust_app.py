"""Faust's App, with the changes Raqib's delivery guarantee needs.

1. Table changelog records travel with the event that caused them. Faust sends them on
   the side, outside the event's Kafka transaction (and, at least once, unawaited), so a
   worker killed mid-stream left tables that disagreed with the outputs and offsets it
   had committed, and a restart published some alerts a second time. Here a table only
   queues its changelog records; the stage runner sends them with the event's outputs,
   in the same transaction.

2. The consumer commits past offsets it was never given. A read-committed consumer never
   sees the markers that Kafka transactions write into a topic, nor aborted records, so
   the offsets it sees have holes. Faust takes a hole at the head of the acknowledged
   offsets for a message still in flight and stops committing that partition for good
   (faust-streaming issues #517, #606): lag grows and the next rebalance replays
   everything since. Every message handed to a stream is tracked until acknowledged,
   so an offset below the highest acknowledged one that is neither acknowledged nor in
   flight was never delivered, and is safe to commit past. Faust's record of such gaps
   (an interval tree per partition, grown at every transaction marker and trimmed only
   by its own commit logic) is therefore not kept.

3. Changelog values are written with orjson: Raqib's tables hold JSON values, and
   Faust's json codec (the standard library's) took a few per cent of a loaded worker.

4. A worker taking partitions over starts each at its committed offset, and nothing else.
   At the end of table recovery Faust makes the stream partitions fetchable, then seeks
   them to their committed offsets, while the fetcher is already running. Records
   fetched in between reached the streams from before the seek; the seek sent the
   fetcher back; Faust then cleared the streams' queues, and its fetcher, whose read
   offset the early records had moved on, dropped their re-fetched copies. A few
   messages per partition were never processed, and (with 2.) committed past. Here the
   stream partitions stay out of the fetch until the flow resumes after the seek.

5. Only a message a stage processed counts as acknowledged. Faust also acknowledges the
   messages a stream skips (flow stopped by a rebalance, or fetched in an earlier
   generation); counted, they would let a commit pass messages nobody processed. The
   seek that ends the rebalance delivers them again.

6. Table recovery reads each changelog up to its end as the broker gives it. In exactly
   once mode Faust took the end (the last stable offset) from the fetcher, which knows
   none for a partition it has not fetched from yet: a worker that asked too early
   took its changelogs for empty, started with empty tables, and published alert
   versions a second time. Here the broker is asked; a read-committed consumer's end
   offsets are the last stable offsets.

7. Table recovery ends when the changelogs are read to their ends. A changelog written
   in transactions ends with a transaction marker, which a read-committed consumer
   never receives, so Faust never sees the offset it waits for and gives up only after
   two idle rounds of 5 s: 10-15 s added to every start. Here recovery ends once the
   changelog queue has stayed empty for a moment and the consumer's position is past
   the end of every changelog still short of it.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any
from weakref import WeakSet

import faust
import orjson
from faust.tables import recovery
from faust.transport.drivers import aiokafka as aiokafka_driver
from faust.types import TP, EventT, Message
from mode import Service

#: (topic name, partition, key, value) of a changelog record waiting to be sent
ChangelogRecord = tuple[str, int | None, bytes | None, bytes | None]

#: how often recovery checks whether the changelogs are read to their ends (7.)
RECOVERY_POLL_SECONDS = 0.2


class Consumer(aiokafka_driver.Consumer):
    def _reset_state(self) -> None:
        super()._reset_state()
        #: stream partitions resumed by Faust, fetched from once the flow resumes (4.)
        self._held_back: set[TP] = set()
        #: messages acknowledged by a stage that processed them (5.)
        self._processed: WeakSet[Message] = WeakSet()

    def resume_partitions(self, tps: Iterable[TP]) -> None:
        tps = set(tps)
        streams = {tp for tp in tps if not self._is_changelog_tp(tp)}
        self._held_back |= streams
        super().resume_partitions(tps - streams)

    def pause_partitions(self, tps: Iterable[TP]) -> None:
        tps = set(tps)
        self._held_back -= tps
        super().pause_partitions(tps)

    def resume_flow(self) -> None:
        # Faust resumes the flow right after its seek, and after clearing the queues
        super().resume_flow()
        if self._held_back:
            held, self._held_back = self._held_back, set()
            super().resume_partitions(held)

    def ack_processed(self, event: EventT) -> None:
        """Acknowledge an event whose outputs are sent: its offset may be committed."""
        self._processed.add(event.message)
        event.ack()

    def ack(self, message: Message) -> bool:
        if message not in self._processed:
            return False  # skipped by a stream, not processed (5.)
        self._processed.discard(message)
        return super().ack(message)

    async def highwaters(self, *partitions: TP) -> dict[TP, int]:
        thread = self._thread
        return await thread.call_thread(thread._ensure_consumer().end_offsets, list(partitions))

    def _new_offset(self, tp: TP) -> int | None:
        acked = self._acked[tp]
        if not acked:
            return None
        in_flight = [message.offset for message in list(self._unacked_messages)
                     if message.tp == tp and not message.acked]
        # commit up to the first message still being processed, or past the last acked
        offset = min(in_flight) if in_flight else max(acked) + 1
        done = [acked_offset for acked_offset in acked if acked_offset < offset]
        if not done:
            return None
        acked[:] = [acked_offset for acked_offset in acked if acked_offset >= offset]
        self._acked_index[tp].difference_update(done)
        return offset

    async def _add_gap(self, tp: TP, offset_from: int, offset_to: int) -> None:
        """Gaps need no record: see `_new_offset`."""


class Transport(aiokafka_driver.Transport):
    Consumer = Consumer


class Table(faust.Table):
    """An unwindowed table whose changelog records wait in the app's outbox."""

    def on_key_set(self, key: Any, value: Any) -> None:
        # JSON as Faust's json codec writes it (and reads it back at recovery), faster
        self._queue_changelog(key, orjson.dumps(value, option=orjson.OPT_NON_STR_KEYS))
        self._sensor_on_set(self, key, value)

    def on_key_del(self, key: Any) -> None:
        self._queue_changelog(key, None)
        self._sensor_on_del(self, key)

    def _queue_changelog(self, key: Any, value: bytes | None) -> None:
        topic = self.changelog_topic
        key_bytes, _ = topic.prepare_key(key, self.key_serializer)
        self.app.changelog_outbox.append((topic.get_topic_name(), self.partition_for_key(key),
                                          key_bytes, value))


class Recovery(recovery.Recovery):
    """Faust's table recovery, ending as soon as the changelogs are read to their ends (7.)."""

    @Service.task
    async def _end_at_the_changelog_ends(self) -> None:
        idle = 0
        while not self.should_stop:
            await self.sleep(RECOVERY_POLL_SECONDS)
            reading = (self.in_recovery and self.app.consumer.flow_active
                       and self.tables.changelog_queue.empty() and self.need_recovery())
            idle = idle + 1 if reading else 0
            if idle >= 3 and await self._read_to_the_ends():
                self.log.info("Changelogs read to their ends")
                self.flush_buffers()
                self._set_recovery_ended()
                self.signal_recovery_end.set()
                idle = 0

    async def _read_to_the_ends(self) -> bool:
        """Whether the consumer has fetched every changelog still short of its end past
        that end: what is left before it are transaction markers and aborted records."""
        short = [tp for tp, remaining in self.active_remaining().items() if remaining > 0]
        for tp in short:
            position = await self.app.consumer.position(tp)
            if position is None or position <= self.active_highwaters[tp]:
                return False
        for tp in short:
            self.active_offsets[tp] = self.active_highwaters[tp]
        return not self.need_recovery()


class TableManager(faust.tables.TableManager):
    @property
    def recovery(self) -> Recovery:
        if self._recovery is None:
            self._recovery = Recovery(self.app, self, beacon=self.beacon, loop=self.loop)
        return self._recovery


class App(faust.App):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, Table=Table, TableManager=TableManager, **kwargs)
        self.changelog_outbox: list[ChangelogRecord] = []

    def _new_transport(self) -> Transport:
        return Transport(self.conf.broker_consumer, self)

    def take_changelog(self) -> list[ChangelogRecord]:
        """The changelog records queued since the last call, to send with an event."""
        records, self.changelog_outbox = self.changelog_outbox, []
        return records
