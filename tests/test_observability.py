"""Metrics, health, and the deployment files, checked against a real Prometheus.

A worker runs on the real broker; Debian's Prometheus scrapes it on loopback every
second; reports (and a malformed message) are fed; then every query of every dashboard
panel must return data, and every alerting rule must evaluate.
"""

import json
import shutil
import subprocess
import time
import urllib.parse
import urllib.request
import uuid
from dataclasses import replace
from pathlib import Path

import pytest
import yaml

from raqib.kafka.clients import ensure_topics
from raqib.kafka.local_broker import free_port

from .conftest import ROOT, SEED_REPORT
from .kafka_io import produce

PROMETHEUS_DIR = ROOT / "deploy" / "prometheus"
DASHBOARD = ROOT / "deploy" / "grafana" / "dashboards" / "raqib.json"


def tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.fail(f"{name} is needed (Debian: apt-get install prometheus); .ci/run installs it")
    return path


def test_promtool_accepts_the_config_and_the_alerting_rules():
    for args in (["check", "config", str(PROMETHEUS_DIR / "prometheus.yml")],
                 ["check", "rules", str(PROMETHEUS_DIR / "alerts.yml")]):
        result = subprocess.run([tool("promtool"), *args], capture_output=True, text=True)
        assert result.returncode == 0, result.stdout + result.stderr


def test_the_committed_dashboard_is_what_the_generator_writes():
    import importlib.util

    spec = importlib.util.spec_from_file_location("dashboard", DASHBOARD.parent.parent /
                                                  "dashboard.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert json.loads(DASHBOARD.read_text()) == module.dashboard()


def panel_queries() -> list[tuple[str, str]]:
    dashboard = json.loads(DASHBOARD.read_text())
    return [(panel["title"], target["expr"]) for panel in dashboard["panels"]
            for target in panel.get("targets", [])]


def rule_queries() -> list[tuple[str, str]]:
    groups = yaml.safe_load((PROMETHEUS_DIR / "alerts.yml").read_text())["groups"]
    return [(rule["alert"], rule["expr"]) for group in groups for rule in group["rules"]]


def query(port: int, expr: str) -> dict:
    url = f"http://127.0.0.1:{port}/api/v1/query?" + urllib.parse.urlencode({"query": expr})
    with urllib.request.urlopen(url, timeout=10) as response:
        return json.load(response)


@pytest.mark.kafka
def test_every_panel_returns_data_from_a_prometheus_scraping_the_worker(
        kafka, start_worker, tmp_path: Path):
    tag = uuid.uuid4().hex[:8]
    settings = replace(kafka, topic_prefix=f"t{tag}", app_id=f"raqib-t{tag}")
    ensure_topics(settings)
    worker = start_worker(settings)
    port = worker.settings.web_port

    with urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=10) as response:
        health = json.load(response)
    assert response.status == 200 and health["ok"]
    assert {name: stage["status"] for name, stage in health["stages"].items()} == {
        "normalize": "running", "extract": "running", "detect": "running"}

    prometheus_port = free_port()
    config = tmp_path / "prometheus.yml"
    config.write_text(yaml.safe_dump({
        "global": {"scrape_interval": "1s", "evaluation_interval": "1s"},
        "rule_files": [str(PROMETHEUS_DIR / "alerts.yml")],
        "scrape_configs": [{"job_name": "raqib",
                            "static_configs": [{"targets": [f"127.0.0.1:{port}"]}]}],
    }))
    prometheus = subprocess.Popen(
        [tool("prometheus"), f"--config.file={config}", f"--storage.tsdb.path={tmp_path / 'db'}",
         f"--web.listen-address=127.0.0.1:{prometheus_port}"],
        stdout=subprocess.DEVNULL, stderr=(tmp_path / "prometheus.log").open("wb"))
    try:
        examples = (ROOT / "examples" / "reports.jsonl").read_text().splitlines()
        for round_ in range(3):  # several scrapes see the counters rise
            produce(settings, settings.topic("reports.raw"),
                    [SEED_REPORT.read_bytes() + str(round_).encode(),
                     b'{"text": "a broken JSON report', *(e.encode() for e in examples)])
            time.sleep(4)
        deadline = time.monotonic() + 60
        missing = panel_queries()
        while missing and time.monotonic() < deadline:
            missing = [(title, expr) for title, expr in missing
                       if not query(prometheus_port, expr)["data"]["result"]]
            time.sleep(1)
        assert missing == [], f"panels without data: {missing}"
        for name, expr in rule_queries():
            assert query(prometheus_port, expr)["status"] == "success", name
    finally:
        prometheus.terminate()
        prometheus.wait(30)
