"""The map's alert board: latest versions only, bounded, and slow browsers let go."""

import asyncio

from raqib.web.board import WATCHER_QUEUE, AlertBoard, is_alert


def alert(alert_id: str, version: int = 1) -> dict:
    return {"alert_id": alert_id, "version": version, "severity": "high"}


def test_the_board_keeps_the_latest_version_of_each_alert_most_recent_first():
    board = AlertBoard()
    assert board.update(alert("a", 1))
    assert board.update(alert("b", 1))
    assert board.update(alert("a", 2))
    assert not board.update(alert("a", 1)), "an older version is not shown"
    assert not board.update(alert("a", 2)), "nor a repeat"
    assert [(a["alert_id"], a["version"]) for a in board.snapshot()] == [("a", 2), ("b", 1)]


def test_the_board_drops_the_least_recently_updated_alerts_beyond_its_capacity():
    board = AlertBoard(capacity=3)
    for name in "abcd":
        board.update(alert(name))
    board.update(alert("b", 2))
    board.update(alert("e"))
    assert [a["alert_id"] for a in board.snapshot()] == ["e", "b", "d"]


def test_watchers_get_every_update_and_a_slow_one_is_let_go():
    async def scenario():
        board = AlertBoard()
        with board.watch() as fast, board.watch() as slow:
            for n in range(WATCHER_QUEUE + 1):
                board.update(alert(f"a{n}"))
                if not fast.queue.empty():
                    await fast.queue.get()
            assert not fast.overflowed
            assert slow.overflowed and board.watchers == 1
        assert board.watchers == 0

    asyncio.run(scenario())


def test_only_records_with_an_id_and_a_whole_version_are_alerts():
    assert is_alert({"alert_id": "a", "version": 3})
    for value in [None, [], {"alert_id": "a"}, {"alert_id": 1, "version": 1},
                  {"alert_id": "a", "version": "2"}, {"alert_id": "a", "version": True}]:
        assert not is_alert(value)


def test_a_full_board_does_not_take_back_alerts_older_than_all_it_keeps():
    board = AlertBoard(capacity=2)
    board.update({**alert("a"), "updated_at": "2026-11-20T10:00:00Z"})
    board.update({**alert("b"), "updated_at": "2026-11-20T11:00:00Z"})
    board.update({**alert("c"), "updated_at": "2026-11-20T12:00:00Z"})  # a drops off
    assert not board.update({**alert("a"), "updated_at": "2026-11-20T10:00:00Z"})
    assert board.update({**alert("d"), "updated_at": "2026-11-20T13:00:00Z"})
    assert [a["alert_id"] for a in board.snapshot()] == ["d", "c"]
