"""Who reported a report, and how alike two reports must be to be copies."""

from __future__ import annotations

from urllib.parse import urlsplit

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
