"""Writes deploy/grafana/dashboards/raqib.json, the dashboard Grafana provisions.

    python deploy/grafana/dashboard.py

The panels are data (PANELS below); a test checks that the committed JSON is what this
script writes, and runs every panel's query against a real Prometheus scraping a worker.
"""

from __future__ import annotations

import json
from pathlib import Path

OUTPUT = Path(__file__).parent / "dashboards" / "raqib.json"
DATASOURCE = {"type": "prometheus", "uid": "prometheus"}

# (row title, [(panel title, kind, unit, [(expr, legend)])])
PANELS = [
    ("Is it keeping up?", [
        ("Reports in, per stage", "timeseries", "reqps", [
            ('sum by (stage) (rate(raqib_stage_messages_total{direction="in"}[1m]))',
             "{{stage}}")]),
        ("Messages out, per stage", "timeseries", "reqps", [
            ('sum by (stage) (rate(raqib_stage_messages_total{direction="out"}[1m]))',
             "{{stage}}")]),
        ("Consumer lag, per stage", "timeseries", "short", [
            ("sum by (stage) (raqib_consumer_lag)", "{{stage}}")]),
        ("End-to-end latency (from Kafka to output)", "timeseries", "s", [
            (f"histogram_quantile({q}, sum by (le, output) "
             f"(rate(raqib_end_to_end_seconds_bucket[5m])))", f"p{int(q * 100)} {{{{output}}}}")
            for q in (0.5, 0.95, 0.99)]),
        ("Stage time per message", "timeseries", "s", [
            (f"histogram_quantile({q}, sum by (le, stage) (rate(raqib_stage_seconds_bucket[5m])))",
             f"p{int(q * 100)} {{{{stage}}}}") for q in (0.5, 0.99)]),
        ("Transaction commit time p95", "timeseries", "s", [
            ("histogram_quantile(0.95, sum by (le, stage) (rate(raqib_commit_seconds_bucket[5m])))",
             "{{stage}}")]),
        ("Transactions aborted (each one's records are processed again)", "timeseries", "reqps", [
            ('sum by (stage) (rate(raqib_transactions_total{outcome="aborted"}[5m]))',
             "{{stage}}")]),
    ]),
    ("What is it finding?", [
        ("Entities extracted, by type", "timeseries", "reqps", [
            ("sum by (type) (rate(raqib_entities_total[5m]))", "{{type}}")]),
        ("Current events, by type", "timeseries", "reqps", [
            ('sum by (type) (rate(raqib_events_total{status="current"}[5m]))', "{{type}}")]),
        ("Events, by status", "timeseries", "reqps", [
            ("sum by (status) (rate(raqib_events_total[5m]))", "{{status}}")]),
        ("Alerts in the last hour, by severity", "bargauge", "short", [
            ("sum by (severity) (increase(raqib_alerts_total[1h]))", "{{severity}}")]),
        ("Alerts in the last hour, by rule", "bargauge", "short", [
            ("sum by (rule) (increase(raqib_alerts_total[1h]))", "{{rule}}")]),
        ("New alerts vs updates", "timeseries", "reqps", [
            ("sum by (change) (rate(raqib_alerts_total[5m]))", "{{change}}")]),
    ]),
    ("What is it rejecting?", [
        ("Dead letters in the last hour, by stage and reason", "bargauge", "short", [
            ("sum by (stage, reason) (increase(raqib_dead_letters_total[1h]))",
             "{{stage}}: {{reason}}")]),
        ("Share of reports dead-lettered", "stat", "percentunit", [
            ("sum(rate(raqib_dead_letters_total[5m])) / clamp_min(sum(rate("
             'raqib_stage_messages_total{stage="normalize",direction="in"}[5m])), 1e-9)',
             "dead-lettered")]),
    ]),
    ("Health", [
        ("Workers up", "stat", "short", [('sum(up{job="raqib"})', "workers")]),
        ("Rules in force", "stat", "short", [("max(raqib_rules_loaded)", "rules")]),
        ("Seconds since the last report", "stat", "s", [
            ("time() - max(raqib_last_report_timestamp_seconds)", "seconds")]),
        ("Partitions moved in the last hour", "stat", "short", [
            ('sum(increase(raqib_rebalances_total{change="assigned"}[1h]))', "assigned")]),
    ]),
]


def dashboard() -> dict:
    panels, y, panel_id = [], 0, 1
    for row_title, row_panels in PANELS:
        panels.append({"id": panel_id, "type": "row", "title": row_title, "collapsed": False,
                       "gridPos": {"h": 1, "w": 24, "x": 0, "y": y}, "panels": []})
        panel_id, y = panel_id + 1, y + 1
        for i, (title, kind, unit, targets) in enumerate(row_panels):
            width = 6 if kind == "stat" else 12
            per_line = 24 // width
            panels.append({
                "id": panel_id,
                "type": kind,
                "title": title,
                "datasource": DATASOURCE,
                "gridPos": {"h": 4 if kind == "stat" else 8, "w": width,
                            "x": (i % per_line) * width, "y": y + (i // per_line) * 8},
                "fieldConfig": {"defaults": {"unit": unit}, "overrides": []},
                "options": {"legend": {"displayMode": "list", "placement": "bottom"}},
                "targets": [{"refId": chr(ord("A") + n), "datasource": DATASOURCE,
                             "expr": expr, "legendFormat": legend}
                            for n, (expr, legend) in enumerate(targets)],
            })
            panel_id += 1
        y += 8 * ((len(row_panels) + 1) // 2)
    return {
        "uid": "raqib",
        "title": "Raqib",
        "description": "Is Raqib keeping up, what is it finding, what is it rejecting.",
        "tags": ["raqib", "kafka"],
        "timezone": "utc",
        "refresh": "30s",
        "schemaVersion": 39,
        "time": {"from": "now-6h", "to": "now"},
        "panels": panels,
    }


def main() -> int:
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    OUTPUT.write_text(json.dumps(dashboard(), indent=2, ensure_ascii=False) + "\n")
    print(f"wrote {OUTPUT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
