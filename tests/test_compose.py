"""docker-compose.yml is valid for Docker Compose (checked with Debian's docker-compose)."""

import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from .conftest import ROOT


def test_docker_compose_config_accepts_the_stack():
    tool = shutil.which("docker-compose")
    if tool is None:
        pytest.fail("docker-compose is needed (Debian: apt-get install docker-compose)")
    result = subprocess.run([tool, "-f", str(ROOT / "docker-compose.yml"), "config"],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    stack = yaml.safe_load(result.stdout)
    services = stack["services"]
    assert {"kafka", "topics", "worker", "prometheus", "grafana"} <= set(services)
    assert services["worker"]["environment"]["RAQIB_BROKER"] == "kafka:9092"
    assert "/health" in " ".join(services["worker"]["healthcheck"]["test"])
    # every published port is on loopback only
    for service in services.values():
        for port in service.get("ports", []):
            host = port.get("host_ip") if isinstance(port, dict) else str(port).split(":")[0]
            assert host == "127.0.0.1", port
    # what Prometheus and Grafana mount from deploy/ exists
    for service in ("prometheus", "grafana"):
        for volume in services[service]["volumes"]:
            source = volume["source"] if isinstance(volume, dict) else volume.split(":")[0]
            if source.startswith("/"):
                assert Path(source).exists(), source
