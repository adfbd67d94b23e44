"""The live map in a real browser: Debian's headless Chromium, driven by Playwright,
against a real worker on loopback fed through the real broker."""

import json
import os
import shutil
import time
import urllib.request
from io import BytesIO
from pathlib import Path

import pytest
from PIL import Image
from playwright.sync_api import expect, sync_playwright

from .kafka_io import produce

pytestmark = pytest.mark.kafka

ROOT = Path(__file__).resolve().parent.parent
HOSTILE = {
    "id": "hostile-1", "title": "<b>bold</b>", "source": "<script>window.pwned = 1</script>",
    "url": "javascript:window.pwned = 1",
    "text": "Three rockets landed near the US-led coalition base at the Conoco gas field in "
            "Deir ez-Zor <img src=x onerror=\"window.pwned = 1\"> on Monday.",
}


def chromium_path() -> str:
    path = os.environ.get("RAQIB_CHROMIUM") or shutil.which("chromium")
    assert path, "the map test needs Chromium: apt-get install chromium (or set RAQIB_CHROMIUM)"
    return path


def shown_alerts(worker) -> list[dict]:
    url = f"http://127.0.0.1:{worker.settings.web_port}/map/alerts"
    return json.loads(urllib.request.urlopen(url, timeout=5).read())


def test_alerts_appear_live_on_the_map_with_their_evidence_shown_as_text(
        isolated, start_worker, tmp_path, capsys):
    worker = start_worker(isolated)
    base = f"http://127.0.0.1:{worker.settings.web_port}"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(),
                                             args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 1400, "height": 850})
        errors: list[str] = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.goto(f"{base}/map?lang=en")

        # the offline borders are drawn, the event stream is open, no alert yet
        expect(page.locator("#status")).to_have_attribute("data-state", "live")
        assert page.locator("#land path").count() >= 10
        assert page.locator("#governorates path").count() >= 50
        expect(page.locator("#alert-list li")).to_have_count(0)
        page.evaluate("window.notReloaded = true")

        reports = (ROOT / "examples" / "reports.jsonl").read_text("utf-8").splitlines()
        produce(isolated, isolated.topic("reports.raw"),
                [line.encode() for line in reports if line.strip()]
                + [json.dumps(HOSTILE).encode()])

        # markers and list entries arrive through the event stream, without a reload
        expect(page.locator("#markers circle").first).to_be_visible(timeout=90_000)
        expect(page.locator("#alert-list li").first).to_be_visible()
        hostile = next(a for a in wait_for_hostile(worker) if a["severity"] == "high")
        marker = page.locator(f'#markers circle[data-alert="{hostile["alert_id"]}"]')
        expect(marker).to_have_count(1, timeout=30_000)
        assert page.evaluate("window.notReloaded") is True
        assert page.locator("#alert-list li").count() == len(shown_alerts(worker))

        # a click on the marker opens the alert and its evidence; the report's markup is text
        marker.click()
        details = page.locator("#details")
        expect(details).to_be_visible()
        expect(details).to_contain_text(hostile["title"])
        for incident in hostile["incidents"]:
            expect(details.locator(".incidents")).to_contain_text(incident["incident_id"])
        expect(details.locator("blockquote").first).to_contain_text(
            '<img src=x onerror="window.pwned = 1">')
        expect(details).to_contain_text("<script>window.pwned = 1</script>")
        assert details.locator("img, script, b").count() == 0
        assert details.locator("a").count() == 0  # the javascript: URL is not made a link
        assert page.evaluate("window.pwned") is None

        # the severity filter hides the high alerts' markers and list entries
        page.locator('#severity-filter input[value="high"]').uncheck()
        expect(marker).to_have_count(0)
        assert page.locator("#alert-list button.sev-high").count() == 0
        page.locator('#severity-filter input[value="high"]').check()
        expect(marker).to_have_count(1)

        # Arabic, right to left
        page.locator("#language").click()
        expect(page.locator("html")).to_have_attribute("dir", "rtl")
        expect(page.locator("#status")).to_have_text("مباشر")

        screenshot = tmp_path / "map.png"
        page.screenshot(path=str(screenshot))
        browser.close()

    assert errors == []
    image = Image.open(BytesIO(screenshot.read_bytes())).convert("RGB")
    colours = image.getcolors(maxcolors=1 << 20)
    commonest = max(count for count, _ in colours)
    with capsys.disabled():
        print(f"\nmap screenshot: {screenshot} ({len(colours)} colours)")
    assert len(colours) > 100, "the screenshot is (nearly) blank"
    assert commonest < 0.8 * image.width * image.height

    # an open event stream does not hold up the worker's shutdown
    stream = urllib.request.urlopen(f"{base}/map/events", timeout=10)
    assert stream.readline() == b"event: snapshot\n"
    started = time.monotonic()
    assert worker.stop(timeout=30) == 0
    assert time.monotonic() - started < 20
    stream.close()


def wait_for_hostile(worker, timeout: float = 90.0) -> list[dict]:
    """The alerts raised by the hostile report, once the worker's map shows them."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        alerts = [a for a in shown_alerts(worker)
                  if any(e["report_id"] == HOSTILE["id"] for e in a.get("evidence", []))]
        if any(a["severity"] == "high" for a in alerts):
            return alerts
        time.sleep(0.5)
    raise AssertionError("the hostile report raised no high alert on the map")
