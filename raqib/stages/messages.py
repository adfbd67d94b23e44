"""Reading a message of an internal topic, with a clear rejection when it is not one."""

from __future__ import annotations

import orjson

from raqib.schemas import validator
from raqib.stages.errors import Rejected


def load_message(value: bytes, schema: str) -> dict:
    """Parse JSON and check the fields the schema requires (types are ours to trust)."""
    try:
        message = orjson.loads(value)
    except orjson.JSONDecodeError as exc:
        raise Rejected("invalid_json", f"not a JSON {schema} report: {exc}") from exc
    if not isinstance(message, dict):
        raise Rejected("not_an_object", f"expected a JSON object ({schema} report)")
    missing = [f for f in validator(schema).schema["required"] if f not in message]
    if missing:
        raise Rejected("schema_violation", f"{schema} schema: missing {', '.join(missing)}",
                       message.get("report_id"))
    return message
