"""The embedded local Kafka: Apache Kafka 4.x in KRaft mode, one node, on loopback.

Its jars come from Maven Central through deploy/kafka/pom.xml into .raqib/kafka/libs
(fetched once, never committed). Everything else lives under one folder, `home`:

    home/kafka/config/   server.properties, written from deploy/kafka's template
    home/kafka/data/     the log directory, formatted once with a fresh cluster id
    home/kafka/logs/     server.log (log4j2) and broker.out (the JVM's own output)
    home/kafka/broker.pid

`raqib broker start|stop|status` drives it; the tests start one of their own on a
free port with a temporary home. Given `sasl_users`, the broker also listens for
SASL (PLAIN, SCRAM-SHA-256 and SCRAM-SHA-512) on `sasl_port`, with those users'
credentials, to try Raqib's security settings without a real cluster.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import socket
import subprocess
import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from string import Template

from raqib.config import PROJECT_ROOT

DEPLOY = PROJECT_ROOT / "deploy" / "kafka"
DEFAULT_LIBS = PROJECT_ROOT / ".raqib" / "kafka" / "libs"
HEAP = os.environ.get("RAQIB_BROKER_HEAP", "512m")


class BrokerError(RuntimeError):
    """The local broker cannot be fetched, formatted, started or stopped; says why."""


@dataclass
class BrokerStatus:
    running: bool
    pid: int | None
    address: str
    reachable: bool
    home: Path

    def describe(self) -> str:
        if self.running and self.reachable:
            return f"running (pid {self.pid}) on {self.address}, data in {self.home}"
        if self.running:
            return f"starting or unhealthy (pid {self.pid}), {self.address} not answering"
        return f"stopped (data in {self.home})"


class LocalBroker:
    def __init__(self, home: Path, host: str = "127.0.0.1", port: int = 9092,
                 libs: Path = DEFAULT_LIBS, sasl_port: int | None = None,
                 sasl_users: Mapping[str, str] | None = None) -> None:
        if host not in ("127.0.0.1", "localhost", "::1"):
            raise BrokerError(f"the local broker listens on loopback only, not on {host}")
        self.home = home / "kafka"
        self.host = "127.0.0.1" if host == "localhost" else host
        self.port = port
        self.libs = libs
        self.config_dir = self.home / "config"
        self.data_dir = self.home / "data"
        self.logs_dir = self.home / "logs"
        self.pid_file = self.home / "broker.pid"
        self._log_mark = 0  # server.log offset where this start's lines begin
        self.sasl_port = sasl_port
        self.sasl_users = dict(sasl_users or {})
        if self.sasl_users and not sasl_port:
            raise BrokerError("a SASL listener needs a port (sasl_port)")

    @property
    def address(self) -> str:
        return f"{self.host}:{self.port}"

    # -- jars ---------------------------------------------------------------------------

    def fetch(self) -> None:
        """Resolve the broker's jars with Maven unless they are already there."""
        if self.has_jars():
            return
        mvn = shutil.which("mvn")
        if mvn is None:
            raise BrokerError("Maven (mvn) is needed once to fetch the Kafka jars; "
                              "install it (Debian: apt-get install maven) and retry")
        self.libs.mkdir(parents=True, exist_ok=True)
        command = [mvn, "-q", "-B", "-f", str(DEPLOY / "pom.xml"),
                   "dependency:copy-dependencies", f"-Dlibs.dir={self.libs}"]
        result = subprocess.run(command, capture_output=True, text=True)
        if result.returncode != 0 or not self.has_jars():
            tail = (result.stdout + result.stderr).strip().splitlines()[-15:]
            raise BrokerError("could not fetch the Kafka jars with Maven:\n" + "\n".join(tail))

    def has_jars(self) -> bool:
        return any(self.libs.glob("kafka_2.13-*.jar"))

    # -- lifecycle ------------------------------------------------------------------------

    def start(self, timeout: float = 90.0) -> BrokerStatus:
        if self.pid() is not None:
            self.wait_ready(timeout)
            return self.status()
        if _port_open(self.host, self.port):
            raise BrokerError(f"{self.address} is already in use by another process; "
                              "choose another port with RAQIB_BROKER")
        self.fetch()
        config = self._write_config()
        if not (self.data_dir / "meta.properties").exists():
            self._format(config)
        self.logs_dir.mkdir(parents=True, exist_ok=True)
        server_log = self.logs_dir / "server.log"
        self._log_mark = server_log.stat().st_size if server_log.exists() else 0
        with (self.logs_dir / "broker.out").open("ab") as out:
            process = subprocess.Popen(
                [*self._java(), "kafka.Kafka", str(config)],
                stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                start_new_session=True,  # survives the CLI that started it
            )
        self.pid_file.write_text(str(process.pid))
        try:
            self.wait_ready(timeout, process)
        except BrokerError:
            self.stop()
            raise
        return self.status()

    def wait_ready(self, timeout: float, process: subprocess.Popen | None = None) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if process is not None and process.poll() is not None:
                raise BrokerError(f"the broker exited with code {process.returncode}; "
                                  f"see {self.logs_dir / 'server.log'}\n{self._log_tail()}")
            if _port_open(self.host, self.port) and self._started():
                return
            time.sleep(0.25)
        raise BrokerError(f"the broker did not start within {timeout:.0f}s; "
                          f"see {self.logs_dir / 'server.log'}\n{self._log_tail()}")

    def stop(self, timeout: float = 30.0) -> bool:
        """Stop the broker (SIGTERM, then SIGKILL after `timeout`). False if not running."""
        pid = self.pid()
        if pid is None:
            return False
        _signal(pid, signal.SIGTERM)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and _alive(pid):
            time.sleep(0.2)
        if _alive(pid):
            _signal(pid, signal.SIGKILL)
            while _alive(pid):
                time.sleep(0.1)
        self.pid_file.unlink(missing_ok=True)
        return True

    def kill(self) -> None:
        """Kill -9, for fault tests: the broker gets no chance to shut down cleanly."""
        pid = self.pid()
        if pid is not None:
            _signal(pid, signal.SIGKILL)
            while _alive(pid):
                time.sleep(0.1)
            self.pid_file.unlink(missing_ok=True)

    def status(self) -> BrokerStatus:
        pid = self.pid()
        return BrokerStatus(pid is not None, pid, self.address,
                            _port_open(self.host, self.port), self.home)

    def pid(self) -> int | None:
        try:
            pid = int(self.pid_file.read_text().strip())
        except (FileNotFoundError, ValueError):
            return None
        return pid if _alive(pid) else None

    # -- internals ------------------------------------------------------------------------

    def _java(self) -> list[str]:
        java = shutil.which("java", path=_java_path())
        if java is None:
            raise BrokerError("Java 17 or newer is needed to run the local broker; "
                              "install it (Debian: apt-get install openjdk-17-jre-headless)")
        return [java, f"-Xms{HEAP}", f"-Xmx{HEAP}", "-XX:+UseG1GC",
                f"-Dlog4j2.configurationFile={DEPLOY / 'log4j2.yaml'}",
                f"-Dkafka.logs.dir={self.logs_dir}", "-cp", str(self.libs / "*")]

    def _write_config(self) -> Path:
        self.config_dir.mkdir(parents=True, exist_ok=True)
        config = self.config_dir / "server.properties"
        controller_port = _saved_controller_port(config) or free_port(self.host)
        template = Template((DEPLOY / "server.properties.template").read_text("utf-8"))
        text = template.substitute(host=self.host, port=self.port,
                                   controller_port=controller_port, data_dir=self.data_dir)
        config.write_text(text + self._sasl_listener(controller_port))
        return config

    def _sasl_listener(self, controller_port: int) -> str:
        """Properties that add the SASL listener (later keys override the template's)."""
        if not self.sasl_users:
            return ""
        plain_users = " ".join(f'user_{name}="{password}"'
                               for name, password in self.sasl_users.items())
        scram = "org.apache.kafka.common.security.scram.ScramLoginModule required;"
        h = self.host
        return "\n".join([
            "", "# SASL for clients on a second loopback listener; brokers talk PLAINTEXT",
            f"listeners=PLAINTEXT://{h}:{self.port},CONTROLLER://{h}:{controller_port},"
            f"SASL_PLAINTEXT://{h}:{self.sasl_port}",
            f"advertised.listeners=PLAINTEXT://{h}:{self.port},"
            f"SASL_PLAINTEXT://{h}:{self.sasl_port}",
            "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT,"
            "SASL_PLAINTEXT:SASL_PLAINTEXT",
            "sasl.enabled.mechanisms=PLAIN,SCRAM-SHA-256,SCRAM-SHA-512",
            "listener.name.sasl_plaintext.plain.sasl.jaas.config="
            f"org.apache.kafka.common.security.plain.PlainLoginModule required {plain_users};",
            f"listener.name.sasl_plaintext.scram-sha-256.sasl.jaas.config={scram}",
            f"listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config={scram}", ""])

    def _format(self, config: Path) -> None:
        java = self._java()
        cluster_id = subprocess.run([*java, "kafka.tools.StorageTool", "random-uuid"],
                                    capture_output=True, text=True, check=False)
        uuid = cluster_id.stdout.strip().splitlines()[-1] if cluster_id.stdout.strip() else ""
        if cluster_id.returncode != 0 or not uuid:
            raise BrokerError(f"kafka-storage random-uuid failed: {cluster_id.stderr[-2000:]}")
        result = subprocess.run(
            [*java, "kafka.tools.StorageTool", "format", "-t", uuid, "-c", str(config),
             "--standalone", *self._scram_credentials()],
            capture_output=True, text=True, check=False)
        if result.returncode != 0:
            raise BrokerError(f"formatting {self.data_dir} failed:\n{result.stdout[-2000:]}"
                              f"{result.stderr[-2000:]}")

    def _scram_credentials(self) -> list[str]:
        """`--add-scram` arguments: SCRAM users are stored in the cluster's metadata."""
        return [argument for name, password in self.sasl_users.items()
                for mechanism in ("SCRAM-SHA-256", "SCRAM-SHA-512")
                for argument in ("--add-scram", f"{mechanism}=[name={name},password={password}]")]

    def _started(self) -> bool:
        try:
            with (self.logs_dir / "server.log").open("rb") as log:
                log.seek(self._log_mark)
                return b"Kafka Server started" in log.read()
        except FileNotFoundError:
            return False

    def _log_tail(self, lines: int = 20) -> str:
        for name in ("server.log", "broker.out"):
            path = self.logs_dir / name
            if path.exists():
                return "\n".join(path.read_text("utf-8", "replace").splitlines()[-lines:])
        return ""


def _java_path() -> str:
    java_home = os.environ.get("JAVA_HOME")
    path = os.environ.get("PATH", "")
    return f"{java_home}/bin{os.pathsep}{path}" if java_home else path


def _saved_controller_port(config: Path) -> int | None:
    if not config.exists():
        return None
    m = re.search(r"^controller\.quorum\.bootstrap\.servers=.*:(\d+)\s*$",
                  config.read_text("utf-8"), re.MULTILINE)
    return int(m.group(1)) if m else None


def free_port(host: str = "127.0.0.1") -> int:
    """A loopback port nobody listens on now (for the controller, tests and CI)."""
    with socket.socket() as s:
        s.bind((host, 0))
        return s.getsockname()[1]


def _port_open(host: str, port: int) -> bool:
    with socket.socket() as s:
        s.settimeout(0.5)
        return s.connect_ex((host, port)) == 0


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    # A zombie child (killed, not yet reaped) is not alive for our purposes.
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().split(")")[-1].split()[0] != "Z"
    except FileNotFoundError:
        return False


def _signal(pid: int, sig: int) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, sig)
