"""JSON Schema of the event interchange format (one event per JSONL line).

Built from the closed vocabularies in ``sitroom.vocab`` so the two cannot drift.
"""

from __future__ import annotations

from typing import Any

from .vocab import (ACLED_SUB_EVENT_TYPES, DATE_PRECISIONS, LOCATION_PRECISIONS,
                    PLOVER_EVENT_TYPES, SECTORS, STATUSES)

__all__ = ["event_json_schema", "validate_event", "SCHEMA_ID"]

SCHEMA_ID = "https://sitroom.dev/schema/event/1.json"

_SPAN = {
    "type": "object",
    "required": ["start", "end"],
    "properties": {
        "start": {"type": "integer", "minimum": 0},
        "end": {"type": "integer", "minimum": 0},
        "text": {"type": "string"},
    },
    "additionalProperties": False,
}
_NULLABLE_SPAN = {"anyOf": [{"type": "null"}, {"$ref": "#/$defs/span"}]}
_DATE = {"anyOf": [{"type": "null"}, {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$"}]}
_ISO3 = {"anyOf": [{"type": "null"}, {"type": "string", "pattern": "^[A-Z]{3}$"}]}


def _nullable(schema: dict[str, Any]) -> dict[str, Any]:
    return {"anyOf": [{"type": "null"}, schema]}


def event_json_schema() -> dict[str, Any]:
    actor = {
        "type": "object",
        "required": ["name", "country", "sector"],
        "properties": {
            "name": {"type": "string", "minLength": 1},
            "country": _ISO3,
            "sector": _nullable({"enum": sorted(SECTORS)}),
            "mention": _NULLABLE_SPAN,
        },
        "additionalProperties": False,
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "sitroom event",
        "type": "object",
        "required": ["id", "doc_id", "event_type", "acled_sub_event_type", "date", "actor1",
                     "actor2", "location", "fatalities", "quantities", "status", "attribution",
                     "evidence", "confidence", "extractor"],
        "properties": {
            "id": {"type": "string", "minLength": 1},
            "doc_id": {"type": "string", "minLength": 1},
            "event_type": {"enum": list(PLOVER_EVENT_TYPES)},
            "mode": _nullable({"type": "string"}),
            "context": _nullable({"type": "string"}),
            "acled_sub_event_type": _nullable({"enum": list(ACLED_SUB_EVENT_TYPES)}),
            "date": _nullable({
                "type": "object",
                "required": ["start", "end", "precision"],
                "properties": {"start": _DATE, "end": _DATE,
                               "precision": {"enum": list(DATE_PRECISIONS)},
                               "mention": _NULLABLE_SPAN},
                "additionalProperties": False,
            }),
            "actor1": _nullable({"$ref": "#/$defs/actor"}),
            "actor2": _nullable({"$ref": "#/$defs/actor"}),
            "location": _nullable({
                "type": "object",
                "required": ["name", "admin1", "country", "lat", "lon", "precision", "geonames_id"],
                "properties": {
                    "name": {"type": "string"},
                    "admin1": _nullable({"type": "string"}),
                    "country": _ISO3,
                    "lat": _nullable({"type": "number", "minimum": -90, "maximum": 90}),
                    "lon": _nullable({"type": "number", "minimum": -180, "maximum": 180}),
                    "precision": {"enum": list(LOCATION_PRECISIONS)},
                    "geonames_id": _nullable({"type": "integer"}),
                    "mention": _NULLABLE_SPAN,
                },
                "additionalProperties": False,
            }),
            "fatalities": _nullable({"type": "integer", "minimum": 0}),
            "quantities": {"type": "array", "items": {
                "type": "object",
                "required": ["value", "unit", "approximate", "text"],
                "properties": {"value": {"type": "number"}, "unit": _nullable({"type": "string"}),
                               "approximate": {"type": "boolean"},
                               "text": _nullable({"type": "string"}),
                               "mention": _NULLABLE_SPAN},
                "additionalProperties": False,
            }},
            "status": {"enum": list(STATUSES)},
            "attribution": {"type": "array", "items": {
                "type": "object",
                "required": ["source", "anonymous", "quote"],
                "properties": {"source": _nullable({"type": "string"}),
                               "anonymous": {"type": "boolean"},
                               "quote": _nullable({"type": "string"}),
                               "cue": _NULLABLE_SPAN, "quote_span": _NULLABLE_SPAN,
                               "source_span": _NULLABLE_SPAN},
                "additionalProperties": False,
            }},
            "evidence": {"$ref": "#/$defs/span", "required": ["text", "start", "end"]},
            "trigger": _NULLABLE_SPAN,
            "confidence": {"type": "number", "minimum": 0, "maximum": 1},
            "extractor": {"type": "object", "required": ["name", "version"],
                          "properties": {"name": {"type": "string"},
                                         "version": {"type": "string"}},
                          "additionalProperties": False},
        },
        "additionalProperties": False,
        "$defs": {"span": _SPAN, "actor": actor},
    }


def validate_event(record: dict[str, Any]) -> None:
    """Raise jsonschema.ValidationError if ``record`` is not a valid event."""
    import jsonschema

    jsonschema.Draft202012Validator(event_json_schema()).validate(record)
