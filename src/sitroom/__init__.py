"""sitroom: news reports about conflict and politics -> structured, sourced, geocoded events.

Library first::

    import sitroom
    events = sitroom.extract("Police fired tear gas at protesters in Nairobi on Monday.",
                             published="2024-06-25")
    store = sitroom.open("sitroom.duckdb")
    store.events(country="KEN").to_pandas()
"""

from __future__ import annotations

import functools
import logging
import os
from datetime import date
from pathlib import Path

from . import _compiled

if os.environ.get(_compiled.PURE_PYTHON_ENV):  # before the first compiled module loads
    _compiled.prefer_source()

from ._version import __version__  # noqa: E402
from .config import Settings  # noqa: E402
from .errors import InputError, LexiconError, SitroomError, StoreError  # noqa: E402
from .model import (Actor, Attribution, DateRange, Document, Event, Mention,  # noqa: E402
                    Place, Quantity, Sentence, event_from_dict, event_to_dict)
from .pipeline import Pipeline  # noqa: E402

__all__ = [
    "__version__", "extract", "open", "Pipeline", "Settings",
    "Document", "Sentence", "Mention", "Actor", "Place", "DateRange", "Quantity",
    "Attribution", "Event", "event_to_dict", "event_from_dict",
    "SitroomError", "InputError", "LexiconError", "StoreError",
]

logging.getLogger("sitroom").addHandler(logging.NullHandler())


def _as_date(value: str | date | None) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


@functools.lru_cache(maxsize=1)
def _default_pipeline() -> Pipeline:
    """The default pipeline, built once: loading lexicons and the gazetteer takes ~1 s."""
    return Pipeline()


def extract(text: str, published: str | date | None = None, *, doc_id: str = "doc",
            title: str | None = None, pipeline: Pipeline | None = None) -> list[Event]:
    """Extract the events of one text. Relative dates resolve against ``published``.

    The default pipeline is built on first use and reused; pass a ``Pipeline`` to use
    other settings.
    """
    pipe = pipeline or _default_pipeline()
    doc = Document(id=doc_id, text=text, title=title, published=_as_date(published))
    return list(pipe(doc).events)


def open(path: str | Path = "sitroom.duckdb", *, read_only: bool = False):  # noqa: A001
    """Open (creating and migrating if needed) an event store."""
    from .store import open_store

    return open_store(path, read_only=read_only)
