"""Faust's Kafka consumer, with the changes Raqib's delivery guarantee needs.

1. The consumer commits past offsets it was never given. A read-committed consumer never
   sees the markers that Kafka transactions write into a topic, nor aborted records, so
   the offsets it sees have holes. Faust takes a hole at the head of the acknowledged
   offsets for a message still in flight and stops committing that partition for good
   (faust-streaming issues #517, #606): lag grows and the next rebalance replays
   everything since. Every message handed to a stream is tracked until acknowledged,
   so an offset below the highest acknowledged one that is neither acknowledged nor in
   flight was never delivered, and is safe to commit past. Faust's record of such gaps
   (an interval tree per partition, grown at every transaction marker and trimmed only
   by its own commit logic) is therefore not kept.

2. A worker taking partitions over starts each at its committed offset, and nothing else.
   At the end of table recovery Faust makes the stream partitions fetchable, then seeks
   them to their committed offsets, while the fetcher is already running. Records
   fetched in between reached the streams from before the seek; the seek sent the
   fetcher back; Faust then cleared the streams' queues, and its fetcher, whose read
   offset the early records had moved on, dropped their re-fetched copies. A few
   messages per partition were never processed, and (with 1.) committed past. Here the
   stream partitions stay out of the fetch until the flow resumes after the seek.

3. Only a message a stage processed counts as acknowledged. Faust also acknowledges the
   messages a stream skips (flow stopped by a rebalance, or fetched in an earlier
   generation); counted, they would let a commit pass messages nobody processed. The
   seek that ends the rebalance delivers them again.

4. Table recovery reads each changelog up to its end as the broker gives it. In exactly
   once mode Faust took the end (the last stable offset) from the fetcher, which knows
   none for a partition it has not fetched from yet: a worker that asked too early
   took its changelogs for empty, started with empty tables, and published alert
   versions a second time. Here the broker is asked; a read-committed consumer's end
   offsets are the last stable offsets.

The consumer also tracks, per partition, the last offset fetched and the last handed on,
for table recovery to know when it has every changelog record (see table_recovery.py).
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterable
from weakref import WeakSet

from faust.transport.consumer import RecordMap
from faust.transport.drivers import aiokafka as aiokafka_driver
from faust.types import TP, EventT, Message


class Consumer(aiokafka_driver.Consumer):
    def _reset_state(self) -> None:
        super()._reset_state()
        #: stream partitions resumed by Faust, fetched once the flow resumes (2.)
        self._held_back: set[TP] = set()
        #: messages acknowledged by a stage that processed them (3.)
        self._processed: WeakSet[Message] = WeakSet()
        #: per partition, the last offset fetched, and the last handed on (for recovery)
        self._fetched_to: dict[TP, int] = {}
        self._handed_to: dict[TP, int] = {}

    async def _getmany(self, active_partitions: set[TP] | None, timeout: float) -> RecordMap:
        records = await super()._getmany(active_partitions, timeout)
        for tp, batch in records.items():
            if batch:
                self._fetched_to[tp] = batch[-1].offset
        return records

    async def getmany(self, timeout: float) -> AsyncIterator[tuple[TP, Message]]:
        async for tp, message in super().getmany(timeout):
            yield tp, message
            # back here once the fetcher has handed the message on
            self._handed_to[tp] = message.offset

    def handed_on_to(self, tp: TP) -> int | None:
        """The last offset of `tp` handed on, if every record fetched from it was."""
        last = self._handed_to.get(tp)
        return last if last == self._fetched_to.get(tp) else None

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
            return False  # skipped by a stream, not processed (3.)
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
