"""Faults on real processes: workers killed with -9 or stopped, the broker restarted
mid-stream, one worker interrupted again and again.

Each test streams 5,000 messages (4,950 reports and 50 malformed ones) and checks the
guarantee end to end: every report reaches the enriched topic once, every malformed
message reaches the dead-letter topic once, and no alert is published twice with the
same alert_id and version. Consumers read committed messages only, as Raqib's own do.
A worker that is restarted keeps its identity (as under a supervisor or an orchestrator);
one that is not is taken over by the others. The figures are printed for the README
(`python tests/soak.py` runs the drills again and again and sums them up).
"""

import json
import os
import re
import time
import urllib.request
import uuid
from dataclasses import replace

import pytest

from raqib.kafka.clients import ensure_topics
from raqib.kafka.local_broker import LocalBroker, free_port

from .kafka_io import Tail, produce, read_all
from .streams import MALFORMED, REPORTS, stream

pytestmark = pytest.mark.kafka

#: takeovers in the repeated-interruption drill (more for a soak: RAQIB_CHAOS_ROUNDS=20)
CHAOS_ROUNDS = int(os.environ.get("RAQIB_CHAOS_ROUNDS", "6"))

def produced(worker) -> float:
    """Enriched records a live worker has sent (committed or not): a quick progress gauge."""
    url = f"http://127.0.0.1:{worker.settings.web_port}/metrics"
    body = urllib.request.urlopen(url, timeout=5).read().decode()
    m = re.search(r'raqib_stage_messages_total\{direction="out",stage="extract"\} ([0-9.]+)', body)
    return float(m.group(1)) if m else 0.0


def enriched_ids(settings) -> list[str]:
    return [json.loads(r.value)["report_id"] for r in read_all(settings,
                                                              settings.topic("reports.enriched"))]


def wait_for(condition, timeout: float, what: str, every: float = 0.5):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(every)
    raise AssertionError(f"timed out after {timeout}s waiting for {what}")


def where_lost(settings) -> str:
    """For a drill that lost reports: which ones, and the last stage that has them."""
    enriched = set(enriched_ids(settings))
    normalized = {json.loads(r.value)["report_id"]: (r.partition, r.offset)
                  for r in read_all(settings, settings.topic("reports.normalized"))}
    raw = {json.loads(r.value)["id"]: (r.partition, r.offset)
           for r in read_all(settings, settings.topic("reports.raw"))
           if r.value.startswith(b"{") and b'"id"' in r.value}
    missing = sorted(set(raw) - enriched)
    return "; ".join(f"{report} raw{raw[report]} normalized{normalized.get(report, '-')}"
                     for report in missing[:20])


def check_outcome(settings, label: str, recovery: float | None, capsys) -> None:
    try:
        ids = wait_for(lambda: (ids := enriched_ids(settings)) and len(set(ids)) == REPORTS
                       and ids, 240, "every report to be enriched")
    except AssertionError as exc:
        raise AssertionError(f"{exc}; not enriched: {where_lost(settings)}") from None
    letters = [json.loads(r.value) for r in read_all(settings, settings.topic("dlq"))]
    originals = {(letter["topic"], letter["partition"], letter["offset"]) for letter in letters}
    alerts = [json.loads(r.value) for r in read_all(settings, settings.topic("alerts"))]
    versions = [(a["alert_id"], a["version"]) for a in alerts]
    figures = {"scenario": label, "fed": REPORTS + MALFORMED, "enriched": len(set(ids)),
               "enriched_twice": len(ids) - len(set(ids)), "dead_lettered": len(originals),
               "dead_lettered_twice": len(letters) - len(originals),
               "alert_versions": len(alerts), "alerts_twice": len(versions) - len(set(versions)),
               "lost": REPORTS - len(set(ids)) + MALFORMED - len(originals),
               "recovery_seconds": None if recovery is None else round(recovery, 1)}
    with capsys.disabled():
        print(f"\nfault drill: {json.dumps(figures)}")
    assert figures["lost"] == 0
    assert figures["enriched_twice"] == 0
    assert figures["dead_lettered"] == MALFORMED
    assert figures["dead_lettered_twice"] == 0
    assert figures["alerts_twice"] == 0
    assert figures["alert_versions"] > 0


def isolated(kafka):
    tag = uuid.uuid4().hex[:8]
    settings = replace(kafka, topic_prefix=f"f{tag}", app_id=f"raqib-f{tag}")
    ensure_topics(settings)
    return settings


def resumed_after(settings, resume, records: int = 1) -> float:
    """Seconds from calling `resume` (which starts a worker, or does nothing when others
    run) until `records` new enriched records are committed."""
    started = time.monotonic()
    enriched = Tail(settings, settings.topic("reports.enriched"))
    try:
        resume()
        wait_for(lambda: enriched.grown(records), 180, "processing to resume", every=0)
        return time.monotonic() - started
    finally:
        enriched.close()


#: the first part of the stream, fed before the interruption; the rest comes after it, so
#: that a slow test process (a busy machine) cannot see the stream end before it interrupts
FIRST_PART = 3000


def restart_drill(kafka, start_worker, capsys, interrupt) -> None:
    """Stream into one worker, interrupt it once it has enriched 1,500 reports (`interrupt`
    returns the drill's label), feed the rest of the stream, start another worker, and
    check the outcome."""
    settings = isolated(kafka)
    messages = stream()
    worker = start_worker(settings, "first")
    produce(settings, settings.topic("reports.raw"), messages[:FIRST_PART])
    wait_for(lambda: produced(worker) >= 1500, 240, "1,500 reports enriched")
    label = interrupt(worker)
    produce(settings, settings.topic("reports.raw"), messages[FIRST_PART:])
    recovery = resumed_after(settings, lambda: start_worker(settings, "second", worker))
    check_outcome(settings, label, recovery, capsys)


def test_a_worker_killed_mid_stream_and_restarted_loses_and_repeats_nothing(
        kafka, start_worker, capsys):
    def kill(worker) -> str:
        worker.kill()
        return "worker killed -9 and restarted"

    restart_drill(kafka, start_worker, capsys, kill)


def test_a_worker_stopped_mid_stream_finishes_what_it_started_and_resumes(
        kafka, start_worker, capsys):
    def stop(worker) -> str:
        stopping = time.monotonic()
        assert worker.stop(timeout=60) == 0, "SIGTERM: a clean stop"
        return f"worker stopped (SIGTERM, {time.monotonic() - stopping:.1f} s) and restarted"

    restart_drill(kafka, start_worker, capsys, stop)


def test_the_broker_restarted_mid_stream_the_worker_reconnects(start_worker, tmp_path, capsys):
    broker = LocalBroker(tmp_path / "home", port=free_port())
    broker.start()
    try:
        from raqib.config import Settings

        base = Settings.from_env({}, broker=broker.address, home=tmp_path / "home", partitions=2)
        settings = isolated(base)
        worker = start_worker(settings)
        messages = stream()
        produce(settings, settings.topic("reports.raw"), messages[:2500])
        wait_for(lambda: produced(worker) >= 800, 240, "800 reports enriched")
        broker.stop()
        time.sleep(5)
        broker.start()
        recovery = resumed_after(settings, lambda: produce(settings, settings.topic(
            "reports.raw"), messages[2500:]))
        check_outcome(settings, "broker stopped 5 s and restarted", recovery, capsys)
    finally:
        broker.stop()


def test_of_two_workers_one_killed_the_other_takes_over(kafka, start_worker, capsys):
    settings = isolated(kafka)
    messages = stream()
    first = start_worker(settings, "first")
    second = start_worker(settings, "second")
    produce(settings, settings.topic("reports.raw"), messages[:FIRST_PART])
    wait_for(lambda: produced(first) + produced(second) >= 1500, 240, "1,500 reports enriched")
    first.kill()
    # the rest goes to both partitions: all of it enriched means the other took over
    recovery = resumed_after(settings, lambda: produce(
        settings, settings.topic("reports.raw"), messages[FIRST_PART:]), records=100)
    check_outcome(settings, "one of two workers killed -9", recovery, capsys)
    assert second.process.poll() is None


def interrupted_in_turn(kafka, start_worker, capsys, workers: int) -> None:
    """Many takeovers in one stream: the stream goes in by slices, two ahead of the
    group; each time the group has enriched half a slice, one of its `workers` workers
    is stopped (SIGTERM and kill -9 in turn) and a new one takes its place, with a
    backlog to take over."""
    settings = isolated(kafka)
    messages = stream()
    size = len(messages) // (CHAOS_ROUNDS + 1)
    slices = [messages[n * size:(n + 1) * size] for n in range(CHAOS_ROUNDS)]
    slices.append(messages[CHAOS_ROUNDS * size:])
    feed, fed = iter(slices), []
    for ahead in (next(feed), next(feed)):
        produce(settings, settings.topic("reports.raw"), ahead)
        fed.extend(ahead)
    group = [start_worker(settings, f"worker-{n}") for n in range(workers)]
    for interruption in range(CHAOS_ROUNDS):
        start = sum(produced(worker) for worker in group)
        more = next(feed, [])
        produce(settings, settings.topic("reports.raw"), more)
        fed.extend(more)
        # half a slice, or half of what is left when the group has caught up
        backlog = sum(m.startswith(b"{") for m in fed) - len(set(enriched_ids(settings)))
        target = min(size // 2, backlog // 2)
        wait_for(lambda g=group, s=start, t=target: sum(produced(w) for w in g) >= s + t, 240,
                 f"{target} more reports enriched")
        worker = group[interruption % workers]
        if interruption % 2:
            worker.kill()
        else:
            assert worker.stop(timeout=60) == 0, "SIGTERM: a clean stop"
        group[interruption % workers] = start_worker(settings, f"worker-{workers + interruption}",
                                                     restart_of=worker)
    check_outcome(settings, f"{workers} worker(s), interrupted {CHAOS_ROUNDS} times", None,
                  capsys)


def test_a_worker_interrupted_again_and_again_loses_and_repeats_nothing(
        kafka, start_worker, capsys):
    interrupted_in_turn(kafka, start_worker, capsys, workers=1)


def test_of_two_workers_one_and_then_the_other_interrupted_loses_and_repeats_nothing(
        kafka, start_worker, capsys):
    interrupted_in_turn(kafka, start_worker, capsys, workers=2)
