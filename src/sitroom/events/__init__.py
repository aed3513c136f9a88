"""Event detection and typing: PLOVER category and mode, ACLED sub-event type, actor roles
and a confidence that ranks a document's events."""

from __future__ import annotations

from .extract import EventExtractor, Locator
from .lexicon import EventLexicon, Rule
from .matcher import PhraseMatcher

__all__ = ["EventExtractor", "EventLexicon", "Locator", "PhraseMatcher", "Rule"]
