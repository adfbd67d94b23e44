"""detect: enriched reports -> alerts, on raqib.alerts and raqib.alerts.<severity>.

The rules' groups (and their older marks, in pages), the incidents and the reports seen
live in stores backed by changelog topics, in the same transactions as the alerts, so a
restarted worker continues the alerts it had open instead of raising them again. Each
store holds one kind of typed record (raqib/alerts/state.py). Rule files are reloaded
when they change (the app's timer); a malformed edit leaves the rules in force.
"""

from __future__ import annotations

import orjson

from raqib import metrics
from raqib.agents.delivery.stage import Output, Record, Stage, Stores, StoreSpec
from raqib.agents.topics import STATE_STORES, changelog
from raqib.alerts.detector import Detector
from raqib.alerts.rules import RuleBook
from raqib.alerts.state import STORES
from raqib.config import Settings
from raqib.stages.messages import load_message


def stage(settings: Settings, topics: dict[str, str], rules: RuleBook) -> Stage:
    detectors: dict[int, tuple[Stores, Detector]] = {}

    def detector_for(partition: int, stores: Stores) -> Detector:
        """The detector over the partition's stores (new ones after each restore)."""
        cached = detectors.get(partition)
        if cached is None or cached[0] is not stores:
            detector = Detector.over(rules, stores, settings.incidents)
            cached = detectors[partition] = (stores, detector)
        return cached[1]

    def process(record: Record, stores: Stores) -> list[Output]:
        report = load_message(record.value, "enriched")
        outputs = []
        for alert in detector_for(record.partition, stores).process(report):
            metrics.observe_alert(alert, report)
            key, value = alert["alert_id"].encode(), orjson.dumps(alert)
            outputs.append(Output(topics["alerts"], key, value))
            outputs.append(Output(topics[f"alerts.{alert['severity']}"], key, value))
        return outputs

    stores = tuple(StoreSpec(name, changelog(settings, "detect", name), STORES[name])
                   for name in STATE_STORES["detect"])
    return Stage("detect", topics["enriched"], process, stores)
