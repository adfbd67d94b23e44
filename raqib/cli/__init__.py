"""The `raqib` command. Each subcommand's module holds its logic; this file parses.

Settings come from RAQIB_* environment variables (see `raqib config`); the options
here override them for one run.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from raqib.config import STAGES, ConfigError, Settings, describe

EPILOG = "Settings come from RAQIB_* environment variables; `raqib config` lists them."


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="raqib",
        description="Raqib: real-time processing of Arabic and English conflict reports "
                    "on Kafka (normalize -> extract -> detect -> alerts).",
        epilog=EPILOG,
    )
    parser.add_argument("--broker", help="Kafka bootstrap servers (overrides RAQIB_BROKER)")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    feed = commands.add_parser(
        "feed", help="send reports to the raw topic",
        description="Send reports to <prefix>.reports.raw: a JSONL file (one JSON report per "
                    "line), a .txt file (one plain-text report), a folder of those, or - for "
                    "standard input. Each report is checked first; rejected ones are listed "
                    "with the reason and not sent.", epilog=EPILOG)
    feed.add_argument("path", help="file, folder, or - for standard input")
    feed.add_argument("--no-check", action="store_true",
                      help="send reports that fail the check too (they will be dead-lettered)")

    alerts = commands.add_parser(
        "alerts", help="print alerts as they are published",
        description="Subscribe to <prefix>.alerts (or one severity's topic) and print each "
                    "alert version on one line, or as JSON lines. Without --follow, stops "
                    "after a few idle seconds.", epilog=EPILOG)
    alerts.add_argument("--follow", "-f", action="store_true", help="keep waiting for alerts")
    alerts.add_argument("--from-beginning", action="store_true",
                        help="start with the oldest alert kept, not with new ones")
    alerts.add_argument("--json", action="store_true", help="JSON lines instead of text")
    alerts.add_argument("--severity", choices=("low", "medium", "high", "critical"),
                        help="only this severity's topic")
    alerts.add_argument("--idle", type=float, default=5.0,
                        help="seconds without alerts before stopping (default 5)")
    _filters(alerts)

    replay = commands.add_parser(
        "replay", help="replay timestamped reports through the stages and rules, in event time",
        description="Run a JSONL file of raw reports with published_at through normalize, "
                    "extract and detect in the order and at the times they were published, "
                    "and print every alert version: the alert timeline, for tuning rules on "
                    "history. Uses the built-in rules and RAQIB_RULES_DIR.", epilog=EPILOG)
    replay.add_argument("path", help="JSONL file (or folder, or - for standard input)")
    replay.add_argument("--json", action="store_true", help="JSON lines instead of text")
    _filters(replay)

    rules = commands.add_parser(
        "rules", help="check alert rule files and list the rules in force",
        description="Validate rule files against schemas/rules.schema.json and list the rules: "
                    "the built-in pack and RAQIB_RULES_DIR, or the files given.", epilog=EPILOG)
    rules.add_argument("paths", nargs="*", help="rule files or folders (default: those in force)")

    process = commands.add_parser(
        "process", help="run the pipeline in process over a file, without Kafka",
        description="Run normalize, extract and detect in this process over a JSONL file of "
                    "raw reports (or the other inputs `feed` takes) and write enriched "
                    "reports, or alerts, as JSON lines on standard output.", epilog=EPILOG)
    process.add_argument("path", help="file, folder, or - for standard input")
    process.add_argument("--output", choices=("enriched", "alerts"), default="enriched")

    evaluate = commands.add_parser(
        "eval", help="score the extractor against annotated documents",
        description="Run normalize and extract over annotated documents and print precision, "
                    "recall and F1 per entity type (strict: same span; lenient: overlapping "
                    "span). PATH is a re3d folder (documents.json + entities.json, or a folder "
                    "of such folders) or a Raqib JSONL file (docs/annotation-guide.md).",
        epilog=EPILOG)
    evaluate.add_argument("path", help="re3d folder or annotated JSONL file")
    evaluate.add_argument("--json", action="store_true", help="scores as one JSON object")

    worker = commands.add_parser(
        "worker", help="run the Faust agents",
        description="Run the stage agents (all by default) until SIGTERM or Ctrl-C.",
        epilog=EPILOG)
    worker.add_argument("--stages", help=f"comma-separated subset of {','.join(STAGES)}")

    broker = commands.add_parser(
        "broker", help="the embedded local Kafka broker",
        description="Fetch (with Maven), start, stop or inspect the single-node Kafka "
                    "broker that runs on loopback with its data under RAQIB_HOME/kafka.",
        epilog=EPILOG)
    broker.add_argument("action", choices=("start", "stop", "status", "fetch"))

    demo = commands.add_parser(
        "demo", help="run the example reports through a local broker and worker",
        description="Start the local broker and a worker, feed examples/, print the alerts, "
                    "and stop everything it started.", epilog=EPILOG)
    demo.add_argument("--stay", action="store_true",
                      help="keep the broker and the worker running, with the live map, "
                           "until Ctrl-C")
    commands.add_parser("topics", help="create Raqib's topics if missing, and list them",
                        epilog=EPILOG)
    commands.add_parser("config", help="print the settings in effect", epilog=EPILOG)
    return parser


def _filters(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--event-type", choices=("strike", "troop_movement", "exercise", "clash",
                                                 "other"), help="only alerts on this event type")
    parser.add_argument("--area", help="only alerts whose place name contains this")
    parser.add_argument("--actor", help="only alerts with an actor whose name contains this")


def _alert_filter(args: argparse.Namespace):
    from raqib.cli.alerts import AlertFilter

    return AlertFilter(args.event_type, args.area, args.actor)


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        settings = Settings.from_env(
            broker=args.broker,
            stages=tuple(s.strip() for s in args.stages.split(",")) if getattr(
                args, "stages", None) else None,
        )
        return _run(args, settings)
    except ConfigError as exc:
        print(f"raqib: configuration: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except (OSError, RuntimeError, ValueError) as exc:  # incl. RuleError, KnowledgeError
        print(f"raqib {args.command}: {exc}", file=sys.stderr)
        return 1


def _run(args: argparse.Namespace, settings: Settings) -> int:
    if args.command == "feed":
        from raqib.cli.feed import feed

        result = feed(settings, args.path, check=not args.no_check)
        print(f"fed {result.fed} reports to {settings.topic('reports.raw')}, "
              f"{result.rejected} rejected", file=sys.stderr)
        return 1 if result.rejected else 0
    if args.command == "alerts":
        from raqib.cli.alerts import watch

        watch(settings, severity=args.severity, from_beginning=args.from_beginning,
              follow=args.follow, as_json=args.json, idle_seconds=args.idle,
              keep=_alert_filter(args))
        return 0
    if args.command == "replay":
        from raqib.cli.replay import replay

        return 1 if replay(settings, args.path, as_json=args.json,
                           keep=_alert_filter(args)) else 0
    if args.command == "rules":
        from raqib.alerts.rules import load_rules

        paths = [Path(p) for p in args.paths] or settings.rule_paths
        for rule in load_rules(paths):
            print(f"{rule.id:28} {rule.severity:8} {rule.title}")
        return 0
    if args.command == "process":
        from raqib.cli.process import process

        return 1 if process(settings, args.path, output=args.output) else 0
    if args.command == "eval":
        from raqib.cli.evaluate import evaluate

        return evaluate(Path(args.path), as_json=args.json)
    if args.command == "worker":
        from raqib.cli.worker import run_worker

        return run_worker(settings)
    if args.command == "broker":
        return _broker(args.action, settings)
    if args.command == "demo":
        from raqib.cli.demo import demo

        return demo(settings, stay=args.stay)
    if args.command == "topics":
        from raqib.agents.topics import topic_names
        from raqib.kafka.clients import ensure_topics

        created = set(ensure_topics(settings))
        for name in topic_names(settings).values():
            print(f"{name}{'  (created)' if name in created else ''}")
        return 0
    for name, value, meaning in describe(settings):
        print(f"{name}={value}\n    {meaning}")
    return 0


def _broker(action: str, settings: Settings) -> int:
    from raqib.kafka.local_broker import LocalBroker

    servers = settings.bootstrap_servers
    if len(servers) != 1:
        raise ValueError("the local broker takes one host:port in RAQIB_BROKER")
    host, _, port = servers[0].rpartition(":")
    broker = LocalBroker(settings.home, host=host, port=int(port))
    if action == "fetch":
        broker.fetch()
        print(f"Kafka jars in {broker.libs}")
    elif action == "start":
        print(broker.start().describe())
        from raqib.kafka.clients import ensure_topics

        ensure_topics(settings)
    elif action == "stop":
        print("stopped" if broker.stop() else "not running")
    else:
        status = broker.status()
        print(status.describe())
        return 0 if status.running else 3
    return 0
