"""Event -> JSON -> Event keeps every field; emitted JSON validates against the schema."""

from __future__ import annotations

import json
import pickle
from dataclasses import FrozenInstanceError, replace
from datetime import date

import jsonschema
import pytest

from sitroom.model import (Actor, Attribution, DateRange, Document, Event, Mention, Place,
                           Quantity, Sentence, content_hash, event_from_dict, event_to_dict)
from sitroom.schema import event_json_schema, validate_event

TEXT = ("Kenyan police fired tear gas at about 2,000 protesters in Nairobi on Tuesday, "
        "a rights group said.")


def _m(sub: str, label: str = "") -> Mention:
    start = TEXT.index(sub)
    return Mention(start, start + len(sub), sub, label)


FULL = Event(
    doc_id="nairobi-1", event_type="COERCE", mode="police", context="economic",
    acled_sub_event_type="Protest with intervention", evidence=_m(TEXT),
    actor1=Actor("Kenyan police", "KEN", "COP", _m("Kenyan police")),
    actor2=Actor("protesters", "KEN", "PRO", _m("protesters")),
    location=Place("Nairobi", "Nairobi County", "KEN", -1.28333, 36.81667, 184745, "city",
                   _m("Nairobi")),
    date=DateRange(date(2024, 6, 25), date(2024, 6, 25), "day", _m("Tuesday")),
    fatalities=0,
    quantities=(Quantity(2000, "protesters", True, _m("about 2,000 protesters")),),
    status="reported",
    attribution=(Attribution("a rights group", False, _m("said"), None, _m("a rights group")),),
    confidence=0.8125, trigger=_m("fired tear gas"), extractor="sitroom.rules",
    extractor_version="1",
)
MINIMAL = Event(doc_id="d", event_type="ACCUSE", evidence=Mention(0, 5, "Hello"))


@pytest.mark.parametrize("event", [FULL, MINIMAL], ids=["full", "minimal"])
def test_model_event_json_round_trip(event: Event) -> None:
    record = json.loads(json.dumps(event_to_dict(event)))
    assert event_from_dict(record) == event
    assert record["id"] == event.id


def test_model_document_survives_pickling_between_processes() -> None:
    # Worker processes send extracted documents back to the parent by pickling.
    doc = Document(id="nairobi-1", text=TEXT, published=date(2024, 6, 26),
                   sentences=(Sentence(0, len(TEXT), TEXT),), actors=(FULL.actor1, FULL.actor2),
                   places=(FULL.location,), events=(FULL, MINIMAL), meta={"feed": "x"})
    back = pickle.loads(pickle.dumps(doc))
    assert back == doc
    assert back.meta == {"feed": "x"}
    assert back.content_hash == doc.content_hash
    # labels are not part of equality, so check they travel too
    assert back.sentences[0] == doc.sentences[0]
    assert pickle.loads(pickle.dumps(_m("Nairobi", "PLACE"))).label == "PLACE"


@pytest.mark.parametrize("event", [FULL, MINIMAL], ids=["full", "minimal"])
def test_model_event_json_is_valid_against_schema(event: Event) -> None:
    validate_event(event_to_dict(event))


@pytest.mark.parametrize("field,bad", [
    ("event_type", "FIGHT"),
    ("status", "rumoured"),
    ("acled_sub_event_type", "Skirmish"),
    ("confidence", 1.5),
    ("fatalities", -1),
])
def test_model_schema_rejects_values_outside_vocabularies(field: str, bad: object) -> None:
    record = event_to_dict(FULL)
    record[field] = bad
    with pytest.raises(jsonschema.ValidationError):
        validate_event(record)


@pytest.mark.parametrize("path,bad", [
    (("actor1", "sector"), "SOLDIERS"),
    (("actor1", "country"), "Kenya"),
    (("location", "precision"), "street"),
    (("date", "precision"), "fortnight"),
    (("date", "start"), "25/06/2024"),
])
def test_model_schema_rejects_bad_nested_values(path: tuple[str, str], bad: object) -> None:
    record = event_to_dict(FULL)
    record[path[0]][path[1]] = bad
    with pytest.raises(jsonschema.ValidationError):
        validate_event(record)


def test_model_evidence_offsets_index_the_text() -> None:
    record = event_to_dict(FULL)
    for span in (record["evidence"], record["actor1"]["mention"], record["location"]["mention"],
                 record["quantities"][0]["mention"], record["attribution"][0]["cue"]):
        assert TEXT[span["start"]:span["end"]] == span["text"]


def test_model_event_id_is_stable_and_distinguishes_actors() -> None:
    from dataclasses import replace

    assert FULL.id == replace(FULL, confidence=0.1).id
    assert FULL.id != replace(FULL, actor1=Actor("army", "KEN", "MIL")).id


def test_model_document_hash_depends_on_text_only() -> None:
    a = Document(id="a", text="Same words.")
    b = Document(id="b", text="Same words.", title="Other")
    c = Document(id="c", text="Other words.")
    assert a.content_hash == b.content_hash != c.content_hash


def test_model_schema_is_a_valid_json_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(event_json_schema())


@pytest.mark.parametrize("make, expected_fields", [
    (lambda: Mention(4, 9, "Kabul"), {"start": 4, "end": 9, "text": "Kabul", "label": ""}),
    (lambda: Place("Kabul", country="AFG", lat=34.5),
     {"name": "Kabul", "admin1": None, "country": "AFG", "lat": 34.5, "precision": "unknown"}),
    (lambda: Event(doc_id="d", event_type="ASSAULT", evidence=Mention(0, 3, "Hit")),
     {"status": "reported", "quantities": (), "confidence": 0.5, "extractor": "sitroom.rules"}),
    (lambda: Document(id="d", text="Troops clashed."),
     {"meta": {}, "events": (), "content_hash": content_hash("Troops clashed.")}),
])
def test_model_records_fill_defaults_factories_and_derived_fields(make, expected_fields) -> None:
    record = make()
    for name, value in expected_fields.items():
        assert getattr(record, name) == value, name


def test_model_records_stay_frozen_and_keyword_built() -> None:
    m = Mention(start=1, end=4, text="Goma", label="PLACE")
    with pytest.raises(FrozenInstanceError):
        m.start = 2  # type: ignore[misc]
    with pytest.raises(TypeError):
        Mention(1, 4)  # type: ignore[call-arg]
    assert replace(m, end=3) == Mention(1, 3, "Goma", "PLACE")
    first, second = Document(id="a", text="x"), Document(id="b", text="y")
    assert first.meta is not second.meta  # each document gets its own meta mapping


DOC = Document(id="nairobi-1", text=TEXT, published=date(2024, 6, 26), meta={"feed": "x"})


@pytest.mark.parametrize("record,changes", [
    (FULL, {"actor1": None, "actor2": FULL.actor1}),
    (FULL, {"status": "denied"}),
    (MINIMAL, {"confidence": 0.25, "quantities": FULL.quantities}),
    (DOC, {"events": (FULL,)}),
    (DOC, {"sentences": (Sentence(0, len(TEXT), TEXT),), "title": "Tear gas in Nairobi"}),
    (_m("Nairobi"), {"label": "PLACE"}),
])
def test_model_with_fields_equals_dataclasses_replace(record: object, changes: dict) -> None:
    from sitroom.model import with_fields

    changed = with_fields(record, **changes)
    assert changed == replace(record, **changes)  # type: ignore[type-var]
    assert all(getattr(changed, k) is v for k, v in changes.items())
    assert changed is not record


def test_model_with_fields_rejects_unknown_fields() -> None:
    from sitroom.model import with_fields

    with pytest.raises(TypeError, match="no field 'actors'"):
        with_fields(FULL, actors=())
    assert with_fields(DOC, title="x").content_hash == DOC.content_hash
