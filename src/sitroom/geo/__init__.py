"""Offline geoparsing: a compiled gazetteer, toponym recognition and resolution, and
the location of an event stated in a document."""

from __future__ import annotations

from typing import Any

from ..model import Place
from .gazetteer import Gazetteer, load_gazetteer
from .locate import DocumentLocator, document_locator, locate_event
from .recognize import Geoparser

__all__ = ["DocumentLocator", "Gazetteer", "Geoparser", "document_locator", "load_gazetteer",
           "locate_event", "toponym_record"]


def toponym_record(doc_id: str, place: Place) -> dict[str, Any]:
    """One line of ``sitroom geoparse`` output (the scorer's toponym format)."""
    m = place.mention
    return {"doc_id": doc_id, "start": m.start if m else None, "end": m.end if m else None,
            "name": m.text if m else place.name, "lat": place.lat, "lon": place.lon,
            "geonames_id": place.geonames_id}
