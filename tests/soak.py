"""Run fault drills (or any tests) again and again; one line per run, then a summary.

    python tests/soak.py [--runs 10] [--json FILE] [PYTEST ARGS...]

    python tests/soak.py --runs 10 tests/test_faults.py
    python tests/soak.py --runs 500 tests/test_delivery.py

Each run is one `pytest` process (so one broker per run). A drill prints a line
`fault drill: {...}` with its figures; the summary adds them up per drill: runs, reports
lost, enriched records, dead letters and alert versions published twice, and recovery
times. A run that fails is kept: its pytest output is written next to the JSON, and its
temporary folder (the workers' logs, a drill's own broker data) stays there as run-N.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DRILL = re.compile(r"^fault drill: (\{.*\})$", re.MULTILINE)
SUMMARY = re.compile(r"^(?:=+ )?([0-9]+ (?:passed|failed).*) in [0-9.]+s", re.MULTILINE)
REPEATS = ("lost", "enriched_twice", "dead_lettered_twice", "alerts_twice")
TIMING = re.compile(r", [0-9.]+ s(?=\))")


def run_once(pytest_args: list[str], basetemp: Path) -> tuple[bool, float, list[dict], str]:
    started = time.monotonic()
    result = subprocess.run([sys.executable, "-m", "pytest", "-q", "-s", "-p", "no:cacheprovider",
                             f"--basetemp={basetemp}", *pytest_args],
                            cwd=ROOT, capture_output=True, text=True)
    output = result.stdout + result.stderr
    drills = [json.loads(match) for match in DRILL.findall(output)]
    return result.returncode == 0, time.monotonic() - started, drills, output


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--json", type=Path, default=ROOT / ".raqib" / "soak" / "soak.json")
    args, pytest_args = parser.parse_known_args()
    pytest_args = pytest_args or ["tests/test_faults.py"]
    args.json.parent.mkdir(parents=True, exist_ok=True)
    runs = []
    for n in range(1, args.runs + 1):
        # a run's own temporary folder (workers' logs, the broker's data when a drill runs
        # its own): kept when it fails, not rotated away by other pytest runs
        basetemp = args.json.parent / f"run-{n}"
        passed, seconds, drills, output = run_once(pytest_args, basetemp)
        outcome = SUMMARY.findall(output)
        line = (f"run {n:>3}: {'passed' if passed else 'FAILED'} in {seconds:6.0f} s "
                f"({outcome[-1] if outcome else 'no summary'})")
        for drill in drills:
            line += (f"\n          {drill['scenario']}: lost {drill['lost']}, repeated "
                     f"{drill['enriched_twice']}/{drill['dead_lettered_twice']}/"
                     f"{drill['alerts_twice']}, recovery {drill['recovery_seconds']} s")
        print(line, flush=True)
        if passed:
            shutil.rmtree(basetemp, ignore_errors=True)
        else:
            (args.json.parent / f"failed-run-{n}.log").write_text(output)
        runs.append({"run": n, "passed": passed, "seconds": round(seconds, 1), "drills": drills})
        args.json.write_text(json.dumps(runs, indent=2))

    print(f"\n{sum(r['passed'] for r in runs)} of {len(runs)} runs passed")
    per_drill = defaultdict(list)
    for run in runs:
        for drill in run["drills"]:
            # "worker stopped (SIGTERM, 2.2 s) and restarted": one drill, whatever it took
            per_drill[TIMING.sub("", drill["scenario"])].append(drill)
    if per_drill:
        print(f"{'drill':<52} runs  lost  enriched/dead letters/alerts twice  recovery s")
        for scenario, drills in per_drill.items():
            totals = {key: sum(d[key] for d in drills) for key in REPEATS}
            recoveries = sorted(d["recovery_seconds"] for d in drills
                                if d["recovery_seconds"] is not None)
            spread = f"{recoveries[0]}-{recoveries[-1]}" if recoveries else "-"
            print(f"{scenario:<52} {len(drills):>4}  {totals['lost']:>4}  "
                  f"{totals['enriched_twice']}/{totals['dead_lettered_twice']}/"
                  f"{totals['alerts_twice']:<29} {spread}")
    print(f"figures written to {args.json}")
    return 0 if all(r["passed"] for r in runs) else 1


if __name__ == "__main__":
    sys.exit(main())
