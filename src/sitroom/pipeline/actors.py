"""Actor stage: fills ``doc.actors`` with the actor phrases of the text.

Each actor is a span of ``doc.text`` (``name`` is the span as written: "North Korean
troops") with an ISO3 country and a sector from ``sitroom.vocab.SECTORS`` where the
phrase gives them. Actors are sorted by position and do not overlap. A country or capital
named alone right after a location preposition ("clashed in Ukraine") is a place and is
not emitted; see ``sitroom.actors.matcher`` for the full rules.
"""

from __future__ import annotations

from typing import Any, ClassVar

from ..actors import ActorMatcher
from ..config import Settings
from ..model import Actor, Document, with_fields

__all__ = ["ActorStage", "find_actors"]

def find_actors(text: str, start: int = 0, end: int | None = None,
                matcher: ActorMatcher | None = None) -> list[Actor]:
    """Actors in ``text[start:end]`` (offsets index ``text``).

    Without ``matcher`` the packaged lexicons are loaded for this call; build an
    ``ActorMatcher`` once (``ActorMatcher.from_lexicons(resources.lexicons)``) for repeated use.
    """
    if matcher is None:
        from ..lexicons import load_lexicons

        matcher = ActorMatcher.from_lexicons(load_lexicons())
    return matcher.find(text, start, end)


class ActorStage:
    name: ClassVar[str] = "actors.rules"
    version: ClassVar[str] = "1"
    adds: ClassVar[tuple[str, ...]] = ("actors",)
    requires: ClassVar[tuple[str, ...]] = ("sentences",)

    def __init__(self, settings: Settings, resources: Any) -> None:
        self.settings = settings
        self.matcher = ActorMatcher.from_lexicons(resources.lexicons)

    def __call__(self, doc: Document) -> Document:
        return with_fields(doc, actors=tuple(self.matcher.find(doc.text)))
