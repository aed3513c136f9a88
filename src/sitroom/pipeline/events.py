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
from dataclasses import fields
from operator import attrgetter
from typing import Any, ClassVar

from ..config import Settings
from ..events import EventExtractor, EventLexicon, Locator
from ..model import Document

__all__ = ["EventStage"]

log = logging.getLogger("sitroom.events")

# ``dataclasses.replace(doc, events=...)`` without its per-field Python loop: the values of
# all the document's fields (all set in its constructor), in order, and where the events go
_DOC_FIELDS = tuple(f.name for f in fields(Document))
_doc_values = attrgetter(*_DOC_FIELDS)
_EVENTS_AT = _DOC_FIELDS.index("events")


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

    def prepare(self) -> None:
        """Compile the phrase scanners' lazily compiled parts."""
        self.extractor.lex.prepare()

    def __call__(self, doc: Document) -> Document:
        values = list(_doc_values(doc))
        values[_EVENTS_AT] = self.extractor(doc)
        return Document(*values)
