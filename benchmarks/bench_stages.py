"""Stage micro-benchmarks without Kafka, on one core: reports per second and memory.

    python benchmarks/bench_stages.py [--reports 400] [--json results.json]

Measures normalize, extract and detect on ~5 KB Arabic reports (the seed bulletin's
size), how the cost grows with text length (1, 5, 20, 100 KB), the process's peak RSS
once the knowledge base is loaded, and detection over a burst of one day's reports as
its state grows (on the worker's stores: its rate and the changelog bytes each report
writes). Prints a table; writes JSON if asked. Nothing is asserted: these are figures
to read, compare and quote.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import orjson  # noqa: E402
from corpus import report_text, reports  # noqa: E402

from raqib.agents.delivery.state import Store  # noqa: E402
from raqib.alerts.detector import Detector  # noqa: E402
from raqib.alerts.incidents import IncidentSettings  # noqa: E402
from raqib.alerts.rules import BUILTIN_RULES, RuleBook  # noqa: E402
from raqib.alerts.state import STORES  # noqa: E402
from raqib.knowledge import base  # noqa: E402
from raqib.stages.extract import Extractor  # noqa: E402
from raqib.stages.normalize import Limits, normalize  # noqa: E402


def rate(function, items: list, repeat: int = 1) -> float:
    """Items per second of CPU time on this core."""
    started = time.process_time()
    for _ in range(repeat):
        for item in items:
            function(item)
    return repeat * len(items) / max(time.process_time() - started, 1e-9)


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def by_gazetteer_size(normalized: list[dict]) -> list[dict]:
    """Extraction with a quarter, half and all of the GeoNames places loaded."""
    rows = []
    header, *places = (base.DATA_DIR / "geonames_places.tsv").read_text("utf-8").splitlines()
    # the capitals countries.yaml names as acting for their state are kept in every share
    countries = base.read_yaml(base.DATA_DIR / "countries.yaml")["countries"]
    capitals = {str(c["capital"]) for c in countries if c.get("capital")}
    needed = [row for row in places if row.split("\t", 1)[0] in capitals]
    others = [row for row in places if row not in needed]
    for share in (0.25, 0.5, 1.0):
        with tempfile.TemporaryDirectory() as tmp:
            data = Path(tmp) / "data"
            shutil.copytree(base.DATA_DIR, data)
            kept = [header, *needed, *others[: int(share * len(others))]]
            (data / "geonames_places.tsv").write_text("\n".join(kept) + "\n", "utf-8")
            # built, not loaded: neither kept in memory after its row nor cached on disk,
            # where it would push out the full base's cache
            extractor = Extractor(base.build(data))
            rows.append({"geonames_places": len(kept) - 1,
                         "lexicon_keys": len(extractor.kb.lexicon),
                         "extract_per_s": round(rate(extractor, normalized))})
    return rows


#: a worker at 100 reports/s commits its transaction every 100 ms: ten reports
REPORTS_PER_TRANSACTION = 10


def detect_as_state_grows(extractor: Extractor, limits: Limits, total: int = 2500,
                          step: int = 500) -> list[dict]:
    """Detection over a burst of one day's reports about a few places, step by step, on
    the worker's own stores committed every REPORTS_PER_TRANSACTION reports: its rate
    (reading, encoding and committing the state included) and the bytes of changelog
    records each report writes, as the groups fill."""
    stores = {name: Store(codec) for name, codec in STORES.items()}
    detector = Detector.over(RuleBook([BUILTIN_RULES]), stores, IncidentSettings())
    written = processed = 0

    def process(report: dict) -> None:
        nonlocal written, processed
        detector.process(report)
        processed += 1
        if processed % REPORTS_PER_TRANSACTION == 0:
            for store in stores.values():
                records = store.changes()
                written += sum(len(key) + len(value or b"") for key, value in records)
                store.commit(records)

    burst = [extractor(normalize(orjson.dumps(r), limits=limits))
             for r in reports(total, (1000, 5000), seed=11)]
    rows = []
    for start in range(0, total, step):
        before = written
        per_s = rate(process, burst[start:start + step])
        rows.append({"reports_before": start, "detect_per_s": round(per_s),
                     "changelog_kb_per_report": round((written - before) / step / 1024, 1)})
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=400)
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core

    rss_before = peak_rss_mb()
    loading = time.perf_counter()
    extractor = Extractor()
    load_seconds = time.perf_counter() - loading
    rss_loaded = peak_rss_mb()

    arabic = [r for r in reports(args.reports * 2, 5000, arabic_share=1.0)][: args.reports]
    raws = [orjson.dumps(r) for r in arabic]
    limits = Limits(max_text_chars=200_000, max_message_bytes=1_000_000)
    normalized = [normalize(raw, limits=limits) for raw in raws]
    enriched = [extractor(n) for n in normalized]
    detector = Detector.in_memory()

    figures = {
        "machine": {"python": platform.python_version(), "cpu": platform.processor() or
                    platform.machine(), "cores_used": 1},
        "knowledge_base": {"entries": len(extractor.kb.entries),
                           "lexicon_keys": len(extractor.kb.lexicon),
                           "load_seconds": round(load_seconds, 2),
                           "rss_mb_before": round(rss_before, 1),
                           "rss_mb_loaded": round(rss_loaded, 1)},
        "arabic_5kb": {
            "bytes_per_report": round(sum(map(len, raws)) / len(raws)),
            "normalize_per_s": round(rate(lambda r: normalize(r, limits=limits), raws)),
            "extract_per_s": round(rate(extractor, normalized)),
            "detect_per_s": round(rate(detector.process, enriched)),
            "pipeline_per_s": round(rate(lambda r: detector.process(
                extractor(normalize(r, limits=limits))), raws)),
        },
        "by_length": [],
    }
    import random

    for kb in (1, 5, 20, 100):
        rng = random.Random(kb)
        texts = [report_text(rng, kb * 1000, True, "movement") for _ in range(max(4, 200 // kb))]
        docs = [normalize(orjson.dumps({"text": t}), limits=limits) for t in texts]
        per_s = rate(extractor, docs)
        figures["by_length"].append({"kb": kb, "extract_per_s": round(per_s, 1),
                                     "ms_per_report": round(1000 / per_s, 2),
                                     "us_per_kb": round(1e6 / per_s / kb, 1)})
    figures["by_gazetteer_size"] = by_gazetteer_size(normalized[:100])
    figures["peak_rss_mb"] = round(peak_rss_mb(), 1)  # before the burst's 2,500 reports
    figures["detect_as_state_grows"] = detect_as_state_grows(extractor, limits)
    extract = figures["arabic_5kb"]["extract_per_s"]
    figures["targets"] = [{"measure": "extract, 5 KB Arabic, reports/s per core",
                           "target": ">= 2000 (at least 1000)", "value": extract,
                           "met": extract >= 2000, "at_least_met": extract >= 1000}]

    a = figures["arabic_5kb"]
    print(f"knowledge base: {figures['knowledge_base']['entries']} entries, "
          f"{figures['knowledge_base']['lexicon_keys']} lexicon keys, loaded in "
          f"{figures['knowledge_base']['load_seconds']} s; RSS {rss_before:.0f} -> "
          f"{rss_loaded:.0f} MB")
    print(f"\n~{a['bytes_per_report']} B Arabic reports, one core (reports/s of CPU time)")
    for stage in ("normalize", "extract", "detect", "pipeline"):
        print(f"  {stage:10} {a[stage + '_per_s']:>8,}")
    print("\nextract vs text length")
    print(f"  {'KB':>4} {'reports/s':>10} {'ms/report':>10} {'us/KB':>8}")
    for row in figures["by_length"]:
        print(f"  {row['kb']:>4} {row['extract_per_s']:>10} {row['ms_per_report']:>10} "
              f"{row['us_per_kb']:>8}")
    print("\nextract (5 KB Arabic) vs gazetteer size")
    print(f"  {'places':>7} {'lexicon keys':>13} {'reports/s':>10}")
    for row in figures["by_gazetteer_size"]:
        print(f"  {row['geonames_places']:>7} {row['lexicon_keys']:>13} "
              f"{row['extract_per_s']:>10}")
    print("\ndetect over a burst of one day's 1-5 KB reports, as the state grows")
    print(f"  (the worker's stores, committed every {REPORTS_PER_TRANSACTION} reports)")
    print(f"  {'after':>7} {'reports/s':>10} {'changelog KB/report':>20}")
    for row in figures["detect_as_state_grows"]:
        print(f"  {row['reports_before']:>7} {row['detect_per_s']:>10} "
              f"{row['changelog_kb_per_report']:>20}")
    print(f"\npeak RSS {figures['peak_rss_mb']} MB")
    for row in figures["targets"]:
        verdict = "met" if row["met"] else "at least met" if row["at_least_met"] else "NOT met"
        print(f"target: {row['measure']} {row['target']}: {row['value']} ({verdict})")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
