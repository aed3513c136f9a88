"""Places stage: toponyms in the text, resolved against the offline gazetteer."""

from __future__ import annotations

from typing import ClassVar

from ..config import Settings
from ..geo.recognize import Geoparser
from ..model import Document, with_fields

__all__ = ["PlaceStage"]


class PlaceStage:
    """Fills ``doc.places`` with resolved toponym mentions, sorted by start offset."""

    name: ClassVar[str] = "places.gazetteer"
    version: ClassVar[str] = "1"
    adds: ClassVar[tuple[str, ...]] = ("places",)
    requires: ClassVar[tuple[str, ...]] = ("sentences",)

    def __init__(self, settings: Settings, resources) -> None:
        self.settings, self.resources = settings, resources
        self._parser: Geoparser | None = None

    @property
    def parser(self) -> Geoparser:
        """The geoparser, built on first use (it loads the gazetteer)."""
        if self._parser is None:
            self._parser = Geoparser(self.resources.gazetteer, self.resources.lexicons)
        return self._parser

    def __call__(self, doc: Document) -> Document:
        places = self.parser.parse(doc.text, (s.start for s in doc.sentences))
        # the country hinted by demonyms has no mention: last
        places.sort(key=lambda p: p.mention.start if p.mention else len(doc.text))
        return with_fields(doc, places=tuple(places))
