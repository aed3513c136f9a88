"""SCAFFOLD — being replaced by the real stage in this session."""

from __future__ import annotations

from typing import ClassVar

from ..model import Document


class ActorNameStage:
    name: ClassVar[str] = "actor_names.rules"
    version: ClassVar[str] = "1"
    adds: ClassVar[tuple[str, ...]] = ("events",)
    requires: ClassVar[tuple[str, ...]] = ("events",)

    def __init__(self, settings, resources) -> None:
        self.settings, self.resources = settings, resources

    def __call__(self, doc: Document) -> Document:
        return doc
