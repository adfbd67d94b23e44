"""Configuration, read once from environment variables with defaults that run locally.

Every setting has one environment variable; `raqib config` prints them all with the
values in effect. The README's configuration table is generated from `SETTINGS`.
"""

from __future__ import annotations

import os
import socket
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from datetime import timedelta
from pathlib import Path

from raqib.alerts.incidents import IncidentSettings
from raqib.alerts.rules import BUILTIN_RULES

#: Where the repository lives when Raqib runs from a checkout (the usual case for the
#: embedded broker, whose Maven pom sits in deploy/kafka).
PROJECT_ROOT = Path(__file__).resolve().parent.parent

STAGES = ("normalize", "extract", "detect")


class ConfigError(ValueError):
    """A setting has a value Raqib cannot use; the message names the variable."""


def _csv(value: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in value.split(",") if part.strip())


@dataclass(frozen=True)
class Settings:
    broker: str = field(
        default="127.0.0.1:9092",
        metadata={"env": "RAQIB_BROKER",
                  "doc": "Kafka bootstrap servers, comma-separated host:port"},
    )
    security_protocol: str = field(
        default="PLAINTEXT",
        metadata={"env": "RAQIB_SECURITY_PROTOCOL",
                  "doc": "PLAINTEXT, SSL (TLS), SASL_PLAINTEXT or SASL_SSL (SASL over TLS)"},
    )
    sasl_mechanism: str = field(
        default="SCRAM-SHA-512",
        metadata={"env": "RAQIB_SASL_MECHANISM",
                  "doc": "with SASL: PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512"},
    )
    sasl_username: str | None = field(
        default=None,
        metadata={"env": "RAQIB_SASL_USERNAME", "doc": "with SASL: the user name"},
    )
    sasl_password: str | None = field(
        default=None,
        metadata={"env": "RAQIB_SASL_PASSWORD", "secret": True,
                  "doc": "with SASL: the password (never printed)"},
    )
    ssl_cafile: Path | None = field(
        default=None,
        metadata={"env": "RAQIB_SSL_CAFILE",
                  "doc": "with TLS: CA bundle that signed the brokers' certificates "
                         "(default: the system's)"},
    )
    ssl_certfile: Path | None = field(
        default=None,
        metadata={"env": "RAQIB_SSL_CERTFILE", "doc": "with TLS: client certificate (mutual TLS)"},
    )
    ssl_keyfile: Path | None = field(
        default=None,
        metadata={"env": "RAQIB_SSL_KEYFILE", "doc": "with TLS: the client certificate's key"},
    )
    topic_prefix: str = field(
        default="raqib",
        metadata={"env": "RAQIB_TOPIC_PREFIX", "doc": "prefix of every topic name"},
    )
    app_id: str = field(
        default="raqib",
        metadata={"env": "RAQIB_APP_ID",
                  "doc": "Faust app id; each stage's consumer group is <app id>-<stage>"},
    )
    worker_id: str | None = field(
        default=None,
        metadata={"env": "RAQIB_WORKER_ID",
                  "doc": "this worker's identity in its groups and transactions, stable "
                         "across its restarts (default: <host name>-<web port>)"},
    )
    stages: tuple[str, ...] = field(
        default=STAGES,
        metadata={
            "env": "RAQIB_STAGES",
            "doc": "stages this worker runs, comma-separated subset of normalize,extract,detect",
        },
    )
    partitions: int = field(
        default=4,
        metadata={"env": "RAQIB_PARTITIONS", "doc": "partitions of topics Raqib creates"},
    )
    replication: int = field(
        default=1,
        metadata={"env": "RAQIB_REPLICATION", "doc": "replication factor of topics Raqib creates"},
    )
    web_host: str = field(
        default="127.0.0.1",
        metadata={"env": "RAQIB_WEB_HOST", "doc": "address the worker's HTTP server binds to"},
    )
    web_port: int = field(
        default=6066,
        metadata={"env": "RAQIB_WEB_PORT", "doc": "port of the worker's HTTP server"},
    )
    home: Path = field(
        default=PROJECT_ROOT / ".raqib",
        metadata={
            "env": "RAQIB_HOME",
            "doc": "folder for local state: the embedded broker's data and logs, worker data",
        },
    )
    max_message_bytes: int = field(
        default=1_048_576,
        metadata={
            "env": "RAQIB_MAX_MESSAGE_BYTES",
            "doc": "raw messages larger than this are dead-lettered",
        },
    )
    max_text_chars: int = field(
        default=100_000,
        metadata={
            "env": "RAQIB_MAX_TEXT_CHARS",
            "doc": "report text longer than this is dead-lettered",
        },
    )
    max_entities: int = field(
        default=500,
        metadata={
            "env": "RAQIB_MAX_ENTITIES",
            "doc": "entities (and events) kept per report; beyond, the report is marked truncated",
        },
    )
    rules_dir: Path | None = field(
        default=None,
        metadata={"env": "RAQIB_RULES_DIR",
                  "doc": "folder of your own alert rule files (*.yaml), besides the built-in pack"},
    )
    rules_reload_seconds: int = field(
        default=10,
        metadata={"env": "RAQIB_RULES_RELOAD_SECONDS",
                  "doc": "how often a worker looks for changed rule files"},
    )
    commit_interval_ms: int = field(
        default=100,
        metadata={"env": "RAQIB_COMMIT_INTERVAL_MS",
                  "doc": "longest a stage's transaction stays open under load (milliseconds); "
                         "an idle stage commits at once"},
    )
    session_timeout_s: int = field(
        default=10,
        metadata={"env": "RAQIB_SESSION_TIMEOUT_S",
                  "doc": "seconds before the group gives a silent worker's partitions to others"},
    )
    incident_window_hours: int = field(
        default=24,
        metadata={"env": "RAQIB_INCIDENT_WINDOW_HOURS",
                  "doc": "reports this many hours apart can still describe one incident"},
    )
    incident_distance_km: int = field(
        default=25,
        metadata={"env": "RAQIB_INCIDENT_DISTANCE_KM",
                  "doc": "events this far apart (km) can still be one incident"},
    )
    log_level: str = field(
        default="info",
        metadata={"env": "RAQIB_LOG_LEVEL", "doc": "worker log level: debug, info, warning, error"},
    )

    def __post_init__(self) -> None:
        _one_of("security_protocol", self.security_protocol,
                ("PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL"))
        if self.uses_sasl:
            _one_of("sasl_mechanism", self.sasl_mechanism,
                    ("PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512"))
            if not (self.sasl_username and self.sasl_password):
                raise ConfigError(f"RAQIB_SECURITY_PROTOCOL={self.security_protocol} needs "
                                  "RAQIB_SASL_USERNAME and RAQIB_SASL_PASSWORD")
        unknown = set(self.stages) - set(STAGES)
        if unknown or not self.stages:
            raise ConfigError(
                f"RAQIB_STAGES={','.join(self.stages)!r}: choose one or more of {','.join(STAGES)}"
            )
        for name in ("partitions", "replication", "max_message_bytes", "max_text_chars",
                     "max_entities", "incident_window_hours", "incident_distance_km",
                     "rules_reload_seconds", "commit_interval_ms", "session_timeout_s"):
            if getattr(self, name) < 1:
                raise ConfigError(f"{_env_name(name)} must be a positive integer")

    @property
    def uses_sasl(self) -> bool:
        return self.security_protocol.startswith("SASL_")

    @property
    def uses_tls(self) -> bool:
        return self.security_protocol in ("SSL", "SASL_SSL")

    @property
    def worker(self) -> str:
        """The worker's identity: two workers never share it, a restarted one keeps it."""
        return self.worker_id or f"{socket.gethostname()}-{self.web_port}"

    @property
    def max_record_bytes(self) -> int:
        """The largest record Raqib writes: a report grows as it is normalized and enriched,
        and a dead letter carries a raw message in base64."""
        return 4 * self.max_message_bytes

    @property
    def bootstrap_servers(self) -> list[str]:
        return list(_csv(self.broker))

    @property
    def rule_paths(self) -> list[Path]:
        return [BUILTIN_RULES, *([self.rules_dir] if self.rules_dir else [])]

    @property
    def incidents(self) -> IncidentSettings:
        return IncidentSettings(timedelta(hours=self.incident_window_hours),
                                float(self.incident_distance_km))

    def topic(self, stage_topic: str) -> str:
        """The full name of one of Raqib's topics, e.g. `reports.raw` -> `raqib.reports.raw`."""
        return f"{self.topic_prefix}.{stage_topic}" if self.topic_prefix else stage_topic

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None, **overrides: object) -> Settings:
        environ = os.environ if environ is None else environ
        values: dict[str, object] = {}
        for f in fields(cls):
            raw = environ.get(f.metadata["env"])
            if raw is not None and raw != "":
                values[f.name] = _parse(f.name, f.type, raw, f.metadata["env"])
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)


def to_env(settings: Settings) -> dict[str, str]:
    """The environment variables that reproduce `settings` (for child processes)."""
    env = {}
    for f in fields(Settings):
        value = getattr(settings, f.name)
        if value is not None:
            env[f.metadata["env"]] = ",".join(value) if isinstance(value, tuple) else str(value)
    return env


def _one_of(field_name: str, value: str, choices: tuple[str, ...]) -> None:
    if value not in choices:
        raise ConfigError(f"{_env_name(field_name)}={value!r}: one of {', '.join(choices)}")


def _env_name(field_name: str) -> str:
    return next(f.metadata["env"] for f in fields(Settings) if f.name == field_name)


def _parse(name: str, type_name: object, raw: str, env: str) -> object:
    kind = str(type_name)
    try:
        if kind == "int":
            return int(raw)
        if kind.startswith("Path"):
            return Path(raw).expanduser()
        if kind.startswith("tuple"):
            return _csv(raw)
        return raw
    except ValueError as exc:
        raise ConfigError(f"{env}={raw!r} is not a valid {kind} ({exc})") from exc


def describe(settings: Settings) -> list[tuple[str, str, str]]:
    """(variable, value in effect, meaning) for every setting."""
    rows = []
    for f in fields(Settings):
        value = getattr(settings, f.name)
        shown = ",".join(value) if isinstance(value, tuple) else str(value or "")
        if f.metadata.get("secret") and value:
            shown = "(set)"
        rows.append((f.metadata["env"], shown, f.metadata["doc"]))
    return rows
