"""The actor stage in a pipeline: fills doc.actors by position, and find_actors on a span."""

from __future__ import annotations

from sitroom import Document, Pipeline, Settings
from sitroom.pipeline.actors import ActorStage, find_actors

TEXT = ("Ukrainian forces said on Tuesday that North Korean troops had attacked their positions "
        "near the border. The Kremlin denied it, while NATO and the European Union called for "
        "restraint. Fighting continued in Ukraine overnight.")


def _pipeline() -> Pipeline:
    return Pipeline(Settings(stages=("sentences.rules@1", "actors.rules@1")))


def test_actors_stage_contract() -> None:
    assert ActorStage.name == "actors.rules"
    assert ActorStage.version == "1"
    assert ActorStage.adds == ("actors",)
    assert ActorStage.requires == ("sentences",)


def test_actors_stage_fills_document_actors_in_text_order() -> None:
    doc = _pipeline()(Document(id="d1", text=TEXT))
    assert [(a.name, a.country, a.sector) for a in doc.actors] == [
        ("Ukrainian forces", "UKR", "MIL"),
        ("North Korean troops", "PRK", "MIL"),
        ("Kremlin", "RUS", "GOV"),
        ("NATO", None, "IGO"),
        ("European Union", None, "IGO"),
    ]
    starts = [a.mention.start for a in doc.actors]
    assert starts == sorted(starts)
    assert all(TEXT[a.mention.start:a.mention.end] == a.name for a in doc.actors)
    assert all(a.mention.label == "ACTOR" for a in doc.actors)


def test_actors_find_actors_on_a_span_of_a_text() -> None:
    start = TEXT.index("The Kremlin")
    end = TEXT.index("Fighting")
    names = [a.name for a in find_actors(TEXT, start, end)]
    assert names == ["Kremlin", "NATO", "European Union"]


def test_actors_stage_handles_empty_and_actorless_text() -> None:
    pipe = _pipeline()
    assert pipe(Document(id="e", text="")).actors == ()
    assert pipe(Document(id="f", text="It rained all day and the river rose.")).actors == ()
