"""SASL on a real broker: the local one, with a SASL listener and SCRAM users on loopback.

The worker (Faust, aiokafka) and the CLI's clients (kafka-python) connect with the same
RAQIB_SECURITY_PROTOCOL and RAQIB_SASL_* settings; wrong credentials are refused with a
message that says which settings to check.
"""

import orjson
import pytest

from raqib.config import ConfigError, Settings, describe
from raqib.kafka import clients
from raqib.kafka.local_broker import LocalBroker, free_port

from .conftest import SEED_REPORT

pytestmark = pytest.mark.kafka

USER, PASSWORD = "analyst", "s3cret-for-tests"


@pytest.fixture(scope="module")
def sasl_broker(tmp_path_factory):
    home = tmp_path_factory.mktemp("sasl-home")
    broker = LocalBroker(home, port=free_port(), sasl_port=free_port(),
                         sasl_users={USER: PASSWORD})
    broker.start()
    try:
        yield broker, home
    finally:
        broker.stop()


def sasl_settings(broker, home, mechanism: str, password: str = PASSWORD,
                  prefix: str = "sasl") -> Settings:
    return Settings.from_env({}, broker=f"{broker.host}:{broker.sasl_port}", home=home,
                             partitions=1, security_protocol="SASL_PLAINTEXT",
                             sasl_mechanism=mechanism, sasl_username=USER,
                             sasl_password=password, topic_prefix=prefix,
                             app_id=f"raqib-{prefix}")


@pytest.mark.parametrize("mechanism", ["PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512"])
def test_the_cli_clients_authenticate_with_each_mechanism(sasl_broker, mechanism):
    settings = sasl_settings(*sasl_broker, mechanism, prefix=mechanism.lower())
    clients.ensure_topics(settings)
    producer = clients.producer(settings)
    producer.send(settings.topic("reports.raw"), b"a report over SASL").get(timeout=30)
    producer.close()
    consumer = clients.consumer(settings, group_id=None, auto_offset_reset="earliest",
                                consumer_timeout_ms=10_000)
    consumer.subscribe([settings.topic("reports.raw")])
    assert [record.value for record in consumer] == [b"a report over SASL"]
    consumer.close()


def test_a_wrong_password_is_refused_clearly(sasl_broker):
    settings = sasl_settings(*sasl_broker, "SCRAM-SHA-512", password="wrong")
    with pytest.raises(clients.BrokerUnavailable,
                       match="refused Raqib's credentials.*RAQIB_SASL_PASSWORD"):
        # the broker hangs up on a failed SCRAM exchange, so the client only times out
        clients.ensure_topics(settings, timeout=10)


def test_sasl_needs_credentials_and_the_password_is_never_printed():
    with pytest.raises(ConfigError, match="RAQIB_SASL_USERNAME and RAQIB_SASL_PASSWORD"):
        Settings.from_env({"RAQIB_SECURITY_PROTOCOL": "SASL_SSL"})
    settings = Settings.from_env({"RAQIB_SECURITY_PROTOCOL": "SASL_SSL",
                                  "RAQIB_SASL_USERNAME": USER, "RAQIB_SASL_PASSWORD": PASSWORD})
    assert PASSWORD not in repr(describe(settings))


def test_a_worker_processes_reports_over_scram(sasl_broker, start_worker):
    settings = sasl_settings(*sasl_broker, "SCRAM-SHA-512", prefix="worker")
    clients.ensure_topics(settings)
    start_worker(settings)
    producer = clients.producer(settings)
    producer.send(settings.topic("reports.raw"),
                  orjson.dumps({"id": "seed", "text": SEED_REPORT.read_text()})).get(timeout=30)
    producer.close()
    consumer = clients.consumer(settings, group_id=None, auto_offset_reset="earliest",
                                consumer_timeout_ms=60_000)
    consumer.subscribe([settings.topic("reports.enriched")])
    enriched = next(iter(consumer))
    consumer.close()
    report = orjson.loads(enriched.value)
    assert report["report_id"] == "seed"
    assert any(e["ref"] == "actor:iran_backed_militias" for e in report["entities"])
