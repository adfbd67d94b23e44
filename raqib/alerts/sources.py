"""Who reported a report, and whether it is a copy of one already counted."""

from __future__ import annotations

from urllib.parse import urlsplit

from raqib.text.fingerprints import resemblance

# Estimated bigram resemblance above which a report is a copy of another: reposts with
# a prefix or a changed headline score 0.8 and more, different reports under 0.3.
COPY_RESEMBLANCE = 0.7


def source_of(report: dict) -> str:
    """The outlet: the `source` field, else the url's host, else the report itself."""
    if report.get("source"):
        return str(report["source"]).strip().lower()
    if report.get("url"):
        return urlsplit(report["url"]).netloc.lower().removeprefix("www.")
    return f"report:{report['report_id']}"


def is_copy(report: dict, copies: list[list[str]]) -> bool:
    """An exact or near duplicate of a report already counted (a repost, a syndicated copy).

    `copies` holds [content_hash, minhash] of the reports counted so far.
    """
    return any(
        report["content_hash"] == content
        or resemblance(report["minhash"], signature) >= COPY_RESEMBLANCE
        for content, signature in copies
    )
