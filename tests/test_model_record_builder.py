"""``record_builder``: a cheaper constructor of the frozen records, equal to the class's own."""

from __future__ import annotations

import dataclasses
import pickle

import pytest

from sitroom.model import Actor, Document, Event, Mention, Place, Sentence, record_builder

_MENTION = Mention(10, 24, "Kenyan police", "ACTOR")
_ACTOR = Actor("Kenyan police", "KEN", "COP", _MENTION)


@pytest.mark.parametrize("cls, values", [
    (Mention, (10, 24, "Kenyan police", "ACTOR")),
    (Sentence, (0, 31, "Police fired tear gas in Kisumu.")),
    (Actor, ("Kenyan police", "KEN", "COP", _MENTION)),
    (Actor, ("Protesters", None, None, None)),
    (Place, ("Kisumu", "Kisumu", "KEN", -0.1, 34.75, 191245, "city", _MENTION)),
    (Event, ("doc-1", "PROTEST", _MENTION, None, None, "Peaceful protest", _ACTOR, None,
             None, None, None, (), "reported", (), 0.7, None, "sitroom.rules", "1")),
])
def test_model_record_builder_equals_the_constructor(cls, values):
    built = record_builder(cls)(*values)
    expected = cls(*values)
    assert type(built) is cls
    assert built == expected and hash(built) == hash(expected)
    assert repr(built) == repr(expected)
    assert pickle.loads(pickle.dumps(built)) == expected


def test_model_record_builder_records_stay_frozen():
    actor = record_builder(Actor)("Kenyan police", "KEN", "COP", None)
    with pytest.raises(dataclasses.FrozenInstanceError):
        actor.country = "UGA"  # type: ignore[misc]
    assert dataclasses.replace(actor, country="UGA").country == "UGA"


@pytest.mark.parametrize("cls", [Document, int])
def test_model_record_builder_refuses_records_with_post_init_or_other_classes(cls):
    with pytest.raises(TypeError):
        record_builder(cls)


@pytest.mark.parametrize("cls, values", [
    (Mention, (10, 24, "Kenyan police", "ACTOR")),
    (Actor, ("Kenyan police", "KEN", "COP", _MENTION)),
    (Event, ("doc-1", "PROTEST", _MENTION)),
])
def test_model_records_built_through_their_twin_are_plain_frozen_records(cls, values):
    record = cls(*values)
    assert type(record) is cls
    assert [getattr(record, f.name) for f in dataclasses.fields(cls)][:len(values)] == \
        list(values)
    with pytest.raises(dataclasses.FrozenInstanceError):
        setattr(record, dataclasses.fields(cls)[0].name, None)


def test_model_document_keeps_its_defaults_and_content_hash():
    doc = Document(id="d1", text="Troops clashed near Goma.")
    assert doc.meta == {} and doc.content_hash
    assert doc.content_hash == Document(id="d2", text="Troops clashed near Goma.").content_hash
    assert Document(id="d3", text="x", meta={"k": 1}).meta == {"k": 1}


def test_model_record_subclass_instances_keep_their_class():
    @dataclasses.dataclass(frozen=True)
    class TaggedMention(Mention):
        tag: str = "t"

    plain = type("PlainMention", (Mention,), {})
    for sub in (TaggedMention, plain):
        made = sub(1, 5, "Goma", "PLACE")
        assert type(made) is sub and (made.start, made.text) == (1, "Goma")
