"""The event stage: rule-based detection and typing of events (``events.rules@1``).

Fills ``doc.events`` with one ``Event`` per event a sentence reports: PLOVER type and mode,
ACLED sub-event type, actor1/actor2 from ``doc.actors``, the place from
``sitroom.geo.document_locator`` (when the geo package provides it), evidence and trigger spans
and a confidence. Dates, fatalities, quantities, status and attribution are left to the
``event_facets`` stage.
"""

from __future__ import annotations

import importlib
import logging
from typing import Any, ClassVar

from ..config import Settings
from ..events import EventExtractor, EventLexicon, Locator
from ..model import Document, with_fields

__all__ = ["EventStage"]

log = logging.getLogger("sitroom.events")

def _find_locator() -> Locator | None:
    """``sitroom.geo.document_locator`` (prepare a document, then locate each event in it)
    if the geo package provides it, else None."""
    try:
        geo = importlib.import_module("sitroom.geo")
    except ImportError:
        return None
    prepare = getattr(geo, "document_locator", None)
    if prepare is None:
        log.debug("sitroom.geo has no document_locator: events get no location")
        return None
    return lambda doc: prepare(doc).locate


class EventStage:
    name: ClassVar[str] = "events.rules"
    version: ClassVar[str] = "1"
    adds: ClassVar[tuple[str, ...]] = ("events",)
    requires: ClassVar[tuple[str, ...]] = ("sentences", "actors", "places")

    def __init__(self, settings: Settings, resources: Any) -> None:
        self.settings, self.resources = settings, resources
        self.extractor = EventExtractor(
            EventLexicon(resources.lexicons, resources.regexes.compile), _find_locator(),
            self.version)

    def __call__(self, doc: Document) -> Document:
        return with_fields(doc, events=self.extractor(doc))
