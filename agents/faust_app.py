"""Faust's App, with the changes Raqib's delivery guarantee needs.

1. Table changelog records travel with the event that caused them. Faust sends them on
   the side, outside the event's Kafka transaction (and, at least once, unawaited), so a
   worker killed mid-stream left tables that disagreed with the outputs and offsets it
   had committed, and a restart published some alerts a second time. Here a table only
   queues its changelog records; the stage runner sends them with the event's outputs,
   in the same transaction.

2. Changelog values are written with orjson: Raqib's tables hold JSON values, and
   Faust's json codec (the standard library's) took a few per cent of a loaded worker.

Its consumer (faust_consumer.py) and its table recovery (table_recovery.py) are changed
too.
"""

from __future__ import annotations

from typing import Any

import faust
import orjson

from raqib.agents.faust_consumer import Transport
from raqib.agents.table_recovery import TableManager

#: (topic name, partition, key, value) of a changelog record waiting to be sent
ChangelogRecord = tuple[str, int | None, bytes | None, bytes | None]


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
