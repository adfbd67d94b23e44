"""One JSON Schema per topic, and validators with errors a person can read.

`validate("raw", message)` returns None or raises `SchemaViolation` naming the field.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

from jsonschema import Draft202012Validator, FormatChecker

#: schema name -> the topic it describes (relative to the topic prefix)
SCHEMAS = {
    "raw": "reports.raw",
    "normalized": "reports.normalized",
    "enriched": "reports.enriched",
    "alert": "alerts",
    "dlq": "dlq",
}
#: schemas of files rather than topics
FILE_SCHEMAS = ("rules",)


class SchemaViolation(ValueError):
    """A message does not follow its topic's schema."""

    def __init__(self, schema: str, field: str, message: str) -> None:
        super().__init__(f"{schema} schema: {field}: {message}")
        self.schema = schema
        self.field = field


def load(name: str) -> dict[str, Any]:
    text = resources.files(__package__).joinpath(f"{name}.schema.json").read_text("utf-8")
    return json.loads(text)


@cache
def validator(name: str) -> Draft202012Validator:
    if name not in SCHEMAS and name not in FILE_SCHEMAS:
        raise KeyError(f"no schema named {name!r}; known: {', '.join([*SCHEMAS, *FILE_SCHEMAS])}")
    schema = load(name)
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, format_checker=FormatChecker())


def validate(name: str, message: Any) -> None:
    """Raise `SchemaViolation` for the first (most relevant) error, if any."""
    errors = sorted(validator(name).iter_errors(message), key=lambda e: list(e.path))
    if errors:
        error = errors[0]
        where = "/".join(str(part) for part in error.absolute_path) or "(message)"
        raise SchemaViolation(name, where, error.message)
