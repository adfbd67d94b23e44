"""Raqib against the streaming limit, on one local broker, in one run.

    python benchmarks/bench_pipeline.py [--reports 4000] [--seconds 20] [--workers 1]
                                        [--only CONTENDER] [--json FILE]

Starts the embedded Kafka on a free loopback port with a temporary home, then, for
each contender on the same broker and the same messages (1-5 KB Arabic and English
reports from benchmarks/corpus.py, the seed bulletin and the examples mixed in):

- `kafka-python loop`: benchmarks/raw_loop.py, one consume-and-copy loop;
- `pass-through`: benchmarks/passthrough.py, Raqib's topology on the same core
  with stages that only copy;
- `raqib`: `raqib worker`, the real pipeline.

It measures the sustained rate at which reports reach the enriched topic (the queue is
filled before the worker starts; the clock runs from the first arrival to the last),
the worker's CPU time per report and peak RSS, and the end-to-end latency from a
report's send to its enriched record as seen by a read-committed subscriber, at a
fixed offered rate of 100 reports/s and at the contender's own sustained rate, and for
Raqib, at its own rate, from a report's send to each alert version it raises. Prints a
table and writes every figure as JSON. Nothing is asserted: these are figures to read,
compare and quote.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import signal
import subprocess
import sys
import tempfile
import threading
import time
import uuid
import zlib
from dataclasses import dataclass, field, replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import orjson  # noqa: E402
from corpus import fixtures, reports  # noqa: E402

from raqib.config import PROJECT_ROOT, Settings, to_env  # noqa: E402
from raqib.kafka import clients  # noqa: E402
from raqib.kafka.local_broker import LocalBroker, free_port  # noqa: E402

HERE = Path(__file__).resolve().parent
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
CONTENDERS = {
    "kafka-python loop": [sys.executable, str(HERE / "raw_loop.py")],
    "pass-through": [sys.executable, str(HERE / "passthrough.py")],
    "raqib": [sys.executable, "-m", "raqib", "worker"],
}


@dataclass
class Arrivals:
    """A read-committed subscriber that notes when each report reaches a topic."""

    settings: Settings
    topics: list[str]
    seen: dict[str, list[float]] = field(default_factory=dict)  # report id -> arrival times
    count: int = 0
    first: float | None = None
    last: float | None = None

    def start(self) -> Arrivals:
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(10)

    def _run(self) -> None:
        consumer = clients.consumer(self.settings, group_id=None, auto_offset_reset="latest")
        consumer.subscribe(self.topics)
        while not self._stop.is_set():
            for records in consumer.poll(timeout_ms=100).values():
                now = time.monotonic()
                for record in records:
                    for report_id in report_ids(record.value):
                        self.seen.setdefault(report_id, []).append(now)
                    self.count += 1
                    self.first = self.first or now
                    self.last = now
        consumer.close()

    def wait_for(self, count: int, timeout: float) -> bool:
        deadline = time.monotonic() + timeout
        while self.count < count and time.monotonic() < deadline:
            time.sleep(0.05)
        return self.count >= count


def report_ids(value: bytes) -> list[str]:
    """The report a record stands for: its `id` or `report_id`, or the report that made an
    alert's version (`updated_by`)."""
    message = orjson.loads(value)
    return [message.get("updated_by") or message.get("report_id") or message.get("id")]


def messages(count: int, tag: str) -> list[tuple[bytes, bytes]]:
    """(key, value) pairs: corpus reports of 1-5 KB with unique ids, the fixtures mixed in."""
    real = fixtures()
    out = []
    # a seed of its own per batch: reposts of earlier texts would be skipped as copies
    for n, report in enumerate(reports(count, (1000, 5000), seed=zlib.crc32(tag.encode()))):
        if n % 50 == 0:
            report = {**real[(n // 50) % len(real)]}
        report["id"] = f"{tag}-{n}"
        out.append((report["id"].encode(), orjson.dumps(report)))
    return out


def send_at_rate(settings: Settings, batch: list[tuple[bytes, bytes]],
                 rate: float) -> dict[str, float]:
    """Send `batch` at `rate` messages per second; return when each was sent."""
    producer = clients.producer(settings)
    sent, started = {}, time.monotonic()
    for n, (key, value) in enumerate(batch):
        delay = started + n / rate - time.monotonic()
        if delay > 0:
            time.sleep(delay)
        producer.send(settings.topic("reports.raw"), key=key, value=value)
        sent[key.decode()] = time.monotonic()
    producer.flush()
    producer.close()
    return sent


def percentiles(values: list[float]) -> dict[str, float | None]:
    if not values:
        return {"p50_ms": None, "p95_ms": None, "p99_ms": None, "samples": 0}
    ordered = sorted(values)

    def at(q: float) -> float:
        return round(1000 * ordered[min(len(ordered) - 1, int(q * len(ordered)))], 1)

    return {"p50_ms": at(0.50), "p95_ms": at(0.95), "p99_ms": at(0.99), "samples": len(values)}


def latency(settings: Settings, topic: str, count: int, rate: float, tag: str,
            wait: float) -> dict:
    """Latency from send to arrival in `topic`, offering `count` reports at `rate`/s: to
    a report's enriched record, or to every alert version a report raises."""
    batch = messages(count, tag)
    watcher = Arrivals(settings, [settings.topic(topic)]).start()
    time.sleep(1)  # the subscriber joins before anything is sent
    sent = send_at_rate(settings, batch, rate)
    every_report_arrives = topic == "reports.enriched"  # alerts come for some reports only
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline and not (
            every_report_arrives and all(key in watcher.seen for key in sent)):
        time.sleep(0.2)
    watcher.stop()
    arrivals = {key: times[:1] if every_report_arrives else times
                for key, times in watcher.seen.items() if key in sent}
    delays = [at - sent[key] for key, times in arrivals.items() for at in times]
    result = percentiles(delays)
    result.update(offered_per_s=round(rate, 1), arrived=len(arrivals), sent=len(sent))
    return result


def process_tree(pid: int) -> list[int]:
    """`pid` and its descendants (`raqib worker` runs the Faust worker as its child)."""
    try:
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        return [pid]
    return [pid, *(p for child in children for p in process_tree(int(child)))]


def cpu_seconds(pid: int) -> float:
    total = 0.0
    for member in process_tree(pid):
        fields = Path(f"/proc/{member}/stat").read_text().rsplit(")", 1)[1].split()
        total += (int(fields[11]) + int(fields[12])) / CLOCK_TICKS
    return total


def peak_rss_mb(pid: int) -> float:
    """The largest peak RSS in the process tree (the worker itself, not its supervisor)."""
    peaks = [0.0]
    for member in process_tree(pid):
        for line in Path(f"/proc/{member}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                peaks.append(int(line.split()[1]) / 1024)
    return max(peaks)


def run_contender(name: str, base: Settings, args, log_dir: Path) -> dict:
    tag = uuid.uuid4().hex[:6]
    settings = replace(base, topic_prefix=f"b{tag}", app_id=f"bench-{tag}", web_port=free_port())
    clients.ensure_topics(settings)
    saturation = messages(args.reports, f"sat{tag}")
    send_at_rate(settings, saturation, rate=1e9)  # the queue is full before the worker starts
    watcher = Arrivals(settings, [settings.topic("reports.enriched")]).start()
    logs, processes = [], []
    for n in range(args.workers):  # one consumer group; each worker its own web port
        logs.append((log_dir / f"{name.replace(' ', '-')}-{n}.log").open("wb"))
        env = {**os.environ, **to_env(replace(settings, web_port=free_port()))}
        processes.append(subprocess.Popen(CONTENDERS[name], stdout=logs[-1],
                                          stderr=subprocess.STDOUT, env=env, cwd=PROJECT_ROOT,
                                          start_new_session=True))

    def cpu_of_all() -> float:
        return sum(cpu_seconds(process.pid) for process in processes)

    try:
        print(f"{name}: {args.reports} queued reports, {args.workers} worker(s)...",
              file=sys.stderr, flush=True)
        if not watcher.wait_for(1, 180):
            raise RuntimeError(f"{name} produced nothing; see {logs[0].name}")
        cpu_start, counted_from = cpu_of_all(), watcher.count
        finished = watcher.wait_for(args.reports, 900)
        cpu = cpu_of_all() - cpu_start
        watcher.stop()
        done = watcher.count - counted_from
        elapsed = max((watcher.last or 0) - (watcher.first or 0), 1e-9)
        sustained = done / elapsed
        result = {"reports": args.reports, "workers": args.workers, "finished": finished,
                  "sustained_per_s": round(sustained, 1),
                  "cpu_ms_per_report": round(1000 * cpu / max(done, 1), 2)}
        print(f"{name}: {sustained:.0f} reports/s; latency runs...", file=sys.stderr, flush=True)
        count = int(100 * args.seconds)
        result["latency_at_100_per_s"] = latency(settings, "reports.enriched", count, 100,
                                                 f"l100{tag}", wait=60)
        if name == "raqib":
            result["alert_latency_at_100_per_s"] = latency(settings, "alerts", count, 100,
                                                           f"a100{tag}", wait=20)
        at_capacity = min(sustained, 5000)
        result["latency_at_sustained_rate"] = latency(
            settings, "reports.enriched", int(at_capacity * args.seconds), at_capacity,
            f"lsat{tag}", wait=120)
        if name == "raqib":
            result["alert_latency_at_sustained_rate"] = latency(
                settings, "alerts", int(at_capacity * args.seconds), at_capacity,
                f"asat{tag}", wait=20)
        result["peak_rss_mb"] = round(max(peak_rss_mb(process.pid) for process in processes), 1)
        return result
    finally:
        for process in processes:
            process.send_signal(signal.SIGTERM)
        for process, log in zip(processes, logs, strict=True):
            try:
                process.wait(30)
            except subprocess.TimeoutExpired:
                process.kill()
            log.close()


def targets(results: dict) -> list[dict]:
    """The speed targets for one Raqib worker, and whether this run met them."""
    raqib = results.get("raqib")
    if not raqib or raqib["workers"] != 1:
        return []
    rows = []
    for measure, value, at_least, bound in (
            ("pipeline / pass-through", raqib.get("ratio_to_pass_through"), True, 0.5),
            ("p99 ms, send to enriched at 100/s", raqib["latency_at_100_per_s"]["p99_ms"],
             False, 250),
            ("p99 ms, send to alert at 100/s", raqib["alert_latency_at_100_per_s"]["p99_ms"],
             False, 500),
            ("peak RSS MB", raqib["peak_rss_mb"], False, 400)):
        met = None if value is None else value >= bound if at_least else value < bound
        rows.append({"measure": measure, "target": (">= " if at_least else "< ") + str(bound),
                     "value": value, "met": met})
    return rows


def table(results: dict) -> str:
    rows = [("", "reports/s", "CPU ms/report", "p50/p95/p99 ms at 100/s",
             "p50/p95/p99 ms at own rate", "peak RSS MB")]
    for name, r in results.items():
        def trio(key: str, r=r) -> str:
            lat = r[key]
            return f"{lat['p50_ms']}/{lat['p95_ms']}/{lat['p99_ms']}"

        rows.append((name, str(r["sustained_per_s"]), str(r["cpu_ms_per_report"]),
                     trio("latency_at_100_per_s"), trio("latency_at_sustained_rate"),
                     str(r["peak_rss_mb"])))
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return "\n".join("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True))
                     for row in rows)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=4000,
                        help="reports queued for the saturation run")
    parser.add_argument("--seconds", type=float, default=20,
                        help="length of each fixed-rate latency run")
    parser.add_argument("--only", choices=list(CONTENDERS), action="append")
    parser.add_argument("--workers", type=int, default=1,
                        help="worker processes per contender, in one consumer group "
                             "(CPU per report counts them all; peak RSS is per worker)")
    parser.add_argument("--json", type=Path, default=PROJECT_ROOT / ".raqib" / "bench" /
                        "pipeline.json")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="raqib-bench-") as tmp:
        home = Path(tmp)
        broker = LocalBroker(home, port=free_port())
        broker.start()
        try:
            base = Settings.from_env({}, broker=broker.address, home=home)
            results = {name: run_contender(name, base, args, home)
                       for name in (args.only or CONTENDERS)}
        finally:
            broker.stop()

    if "raqib" in results and "pass-through" in results:
        results["raqib"]["ratio_to_pass_through"] = round(
            results["raqib"]["sustained_per_s"]
            / results["pass-through"]["sustained_per_s"], 3)
    report = {"machine": {"cpus": os.cpu_count(), "processor": platform.processor() or
                          platform.machine(), "python": platform.python_version()},
              "partitions": base.partitions,
              "commit_interval_ms": base.commit_interval_ms, "results": results}
    args.json.parent.mkdir(parents=True, exist_ok=True)
    print(table(results))
    if "ratio_to_pass_through" in results.get("raqib", {}):
        print(f"raqib / pass-through: {results['raqib']['ratio_to_pass_through']}")
    for key, rate in (("alert_latency_at_100_per_s", "100/s"),
                      ("alert_latency_at_sustained_rate", "own rate")):
        if key in results.get("raqib", {}):
            alerts = results["raqib"][key]
            print(f"raqib, send to alert at {rate}: p50/p95/p99 {alerts['p50_ms']}/"
                  f"{alerts['p95_ms']}/{alerts['p99_ms']} ms ({alerts['samples']} alert "
                  f"versions from {alerts['arrived']} of {alerts['sent']} reports)")
    report["targets"] = targets(results)
    args.json.write_text(json.dumps(report, indent=2))
    for row in report["targets"]:
        verdict = "not measured" if row["met"] is None else "met" if row["met"] else "NOT met"
        print(f"target: {row['measure']} {row['target']}: {row['value']} ({verdict})")
    print(f"figures written to {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
