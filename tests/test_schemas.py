import typing

import pytest

from raqib.schemas import SCHEMAS, SchemaViolation, load, validate, validator
from raqib.schemas.records import RECORDS


@pytest.mark.parametrize("name", SCHEMAS)
def test_schema_is_valid_and_record_mirrors_it(name):
    schema = load(name)
    validator(name)  # checks the schema itself
    hints = typing.get_type_hints(RECORDS[name])
    assert set(hints) <= set(schema["properties"]), "record names a field the schema lacks"
    assert set(schema["required"]) <= set(hints), "schema requires a field the record lacks"
    required_in_record = RECORDS[name].__required_keys__
    assert set(schema["required"]) == set(required_in_record)


def test_violation_names_the_field():
    with pytest.raises(SchemaViolation) as caught:
        validate("raw", {"text": "x", "url": 5})
    assert caught.value.field == "url"
