"""The raqib command as a user runs it: a separate process, its output and exit code."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from raqib.kafka.local_broker import free_port
from raqib.schemas import validate

from .conftest import ROOT, SEED_REPORT
from .kafka_io import consume

COMMANDS = ["feed", "alerts", "process", "eval", "worker", "broker", "demo", "topics", "config"]


def raqib(*args, env=None, timeout=120, stdin=None):
    return subprocess.run([sys.executable, "-m", "raqib", *args], capture_output=True, text=True,
                          timeout=timeout, env={**os.environ, **(env or {})}, input=stdin)


@pytest.mark.parametrize("command", [None, *COMMANDS])
def test_help_on_every_command(command):
    result = raqib(*([command] if command else []), "--help")
    assert result.returncode == 0 and "usage: raqib" in result.stdout


def test_config_lists_every_setting_with_its_variable():
    result = raqib("config", env={"RAQIB_PARTITIONS": "7"})
    assert "RAQIB_PARTITIONS=7" in result.stdout and "RAQIB_BROKER=" in result.stdout
    bad = raqib("config", env={"RAQIB_STAGES": "normalize,fly"})
    assert bad.returncode == 2 and "RAQIB_STAGES" in bad.stderr


def test_process_writes_enriched_reports_keeping_given_ids():
    result = raqib("process", str(ROOT / "examples" / "reports.jsonl"))
    assert result.returncode == 0, result.stderr
    reports = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["report_id"] for r in reports][:2] == ["example-rocket-conoco",
                                                     "example-denial-hasakah"]
    for report in reports:
        validate("enriched", report)


def test_process_alerts_output_and_rejections(tmp_path):
    feed = tmp_path / "mixed.jsonl"
    feed.write_text(json.dumps({"id": "s", "text": SEED_REPORT.read_text()}) + "\n"
                    + '{"text": ""}\n')
    result = raqib("process", str(feed), "--output", "alerts")
    assert result.returncode == 1
    assert f"{feed}:2: rejected by normalize: empty_text" in result.stderr
    alerts = [json.loads(line) for line in result.stdout.splitlines()]
    assert [a["rule_id"] for a in alerts] == ["movement-toward-site"]  # one situation


def test_stdin_plain_text_is_one_report():
    result = raqib("process", "-", stdin=SEED_REPORT.read_text())
    assert result.returncode == 0
    (report,) = [json.loads(line) for line in result.stdout.splitlines()]
    assert report["text"] == SEED_REPORT.read_text()


@pytest.mark.kafka
def test_feed_counts_fed_and_rejected(isolated, tmp_path):
    folder = tmp_path / "feed"
    folder.mkdir()
    (folder / "seed.txt").write_bytes(SEED_REPORT.read_bytes())
    (folder / "more.jsonl").write_text('{"id": "a", "text": "Rockets hit Hajin."}\n\n'
                                       '{"id": "b"}\n{"id": "c", "text": "Clashes in Hajin."}\n')
    env = {"RAQIB_BROKER": isolated.broker, "RAQIB_TOPIC_PREFIX": isolated.topic_prefix}
    result = raqib("feed", str(folder), env=env)
    assert result.returncode == 1  # something was rejected
    assert "more.jsonl:3: rejected: schema_violation" in result.stderr
    assert f"fed 3 reports to {isolated.topic('reports.raw')}, 1 rejected" in result.stderr
    sent = consume(isolated, isolated.topic("reports.raw"), 3)
    assert {r.key for r in sent} >= {b"a", b"c"}


@pytest.mark.kafka
def test_broker_command_starts_reports_and_stops(tmp_path, kafka):
    env = {"RAQIB_HOME": str(tmp_path), "RAQIB_BROKER": f"127.0.0.1:{free_port()}"}
    assert raqib("broker", "status", env=env).returncode == 3
    started = raqib("broker", "start", env=env)
    assert started.returncode == 0, started.stderr
    try:
        status = raqib("broker", "status", env=env)
        assert status.returncode == 0 and "running" in status.stdout
        assert "Kafka Server started" in (tmp_path / "kafka" / "logs" / "server.log").read_text()
        topics = raqib("topics", env=env)
        assert "raqib.reports.raw" in topics.stdout
    finally:
        assert raqib("broker", "stop", env=env).stdout.strip() == "stopped"
    assert raqib("broker", "status", env=env).returncode == 3


def _processes_mentioning(text: str) -> list[str]:
    found = []
    for proc in Path("/proc").iterdir():
        try:
            cmdline = (proc / "cmdline").read_bytes().replace(b"\0", b" ").decode()
            environ = (proc / "environ").read_bytes().decode(errors="replace")
        except (OSError, ValueError):
            continue
        if proc.name.isdigit() and (text in cmdline or text in environ):
            found.append(f"{proc.name}: {cmdline}")
    return found


@pytest.mark.kafka
def test_demo_prints_the_seed_alert_and_leaves_nothing_running(tmp_path):
    result = raqib("demo", env={"RAQIB_HOME": str(tmp_path)}, timeout=400)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Forces moved toward a base or facility" in result.stdout
    assert "Iran-backed militias" in result.stdout
    assert _processes_mentioning(str(tmp_path)) == []


def test_readme_documents_every_setting_and_command():
    from raqib.config import Settings, describe

    readme = (ROOT / "README.md").read_text()
    for variable, _, _ in describe(Settings.from_env({})):
        assert f"`{variable}`" in readme, f"{variable} missing from the README's table"
    for command in COMMANDS:
        assert f"raqib {command}" in readme or command in ("worker", "topics", "config"), command
