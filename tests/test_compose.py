"""docker-compose.yml is valid for Docker Compose (checked with Debian's docker-compose)."""

import shutil
import subprocess

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
    assert {"kafka", "topics", "worker"} <= set(stack["services"])
    assert stack["services"]["worker"]["environment"]["RAQIB_BROKER"] == "kafka:9092"
