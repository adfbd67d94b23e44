"""Faust's table recovery, ending when the changelogs are read to their ends.

A changelog written in transactions ends with a transaction marker, which a
read-committed consumer never receives, so Faust never sees the offset it waits for and
gives up only after two idle rounds of 5 s: 10-15 s added to every start. Here recovery
ends as soon as, for every changelog still short of its end, the consumer has fetched
past that end and recovery has received every record fetched (the consumer tracks both,
see faust_consumer.py).
"""

from __future__ import annotations

import faust
from faust.tables import recovery
from mode import Service

#: how often recovery checks whether the changelogs are read to their ends
RECOVERY_POLL_SECONDS = 0.2


class Recovery(recovery.Recovery):
    """Faust's table recovery, ending as soon as the changelogs are read to their ends."""

    @Service.task
    async def _end_at_the_changelog_ends(self) -> None:
        while not self.should_stop:
            await self.sleep(RECOVERY_POLL_SECONDS)
            reading = self.in_recovery and self.app.consumer.flow_active and self.need_recovery()
            if reading and await self._read_to_the_ends():
                self.log.info("Changelogs read to their ends")
                self.flush_buffers()
                self._set_recovery_ended()
                self.signal_recovery_end.set()

    async def _read_to_the_ends(self) -> bool:
        """Whether every changelog still short of its end was fetched past that end, and
        every record fetched has reached recovery: what is left before the end are
        transaction markers and aborted records."""
        consumer = self.app.consumer
        short = [tp for tp, remaining in self.active_remaining().items() if remaining > 0]
        for tp in short:
            received = self.active_offsets[tp]
            if received is None or consumer.handed_on_to(tp) != received:
                return False
            position = await consumer.position(tp)
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
