"""Pipeline machinery: the Stage protocol, the stage registry and the Pipeline runner.

A stage is a callable ``stage(doc) -> doc`` that returns a new (frozen) Document with
the fields it declares in ``adds`` filled. Stages are chosen by ``name@version`` from
``Settings.stages``; built-in stages are listed in ``BUILTIN_STAGES`` and plug-ins
register through the ``sitroom.stages`` entry-point group.
"""

from __future__ import annotations

import functools
import importlib
import logging
from functools import cached_property
from importlib.metadata import entry_points
from types import MappingProxyType
from typing import Any, Callable, ClassVar, Iterable, Iterator, Mapping, Protocol, runtime_checkable

from .._compiled import PURE_PYTHON_ENV, stale_modules
from ..config import Settings
from ..errors import ConfigError
from ..model import Document
from .regexes import RegexCache

__all__ = ["Stage", "Resources", "Pipeline", "BUILTIN_STAGES", "available_stages", "StageFactory"]

log = logging.getLogger("sitroom.pipeline")


@runtime_checkable
class Stage(Protocol):
    name: ClassVar[str]
    version: ClassVar[str]
    adds: ClassVar[tuple[str, ...]]  # Document fields this stage fills
    requires: ClassVar[tuple[str, ...]]  # Document fields it reads (filled by earlier stages)

    def __call__(self, doc: Document) -> Document: ...


class Resources:
    """Heavy shared data (lexicons, gazetteer), loaded once per Pipeline on first use."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    @cached_property
    def lexicons(self) -> Any:
        from ..lexicons import load_lexicons

        return load_lexicons()

    @cached_property
    def nlp(self) -> Any:
        """spaCy's blank English pipeline (tokenizer only: no model download)."""
        import spacy

        return spacy.blank("en")

    @cached_property
    def gazetteer(self) -> Any:
        from ..geo import load_gazetteer

        return load_gazetteer(self.settings.cache_dir)

    @cached_property
    def regexes(self) -> RegexCache:
        """Compiles the stages' patterns, reusing programs cached by earlier runs."""
        return RegexCache(self.settings.cache_dir)

    def save_compiled(self) -> None:
        """Keep what was compiled so far for the next run (a no-op when nothing new was)."""
        if "regexes" in self.__dict__:
            self.regexes.save()


StageFactory = Callable[[Settings, Resources], Stage]

# name@version -> "module:factory" (imported lazily so unused stages cost nothing).
BUILTIN_STAGES: Mapping[str, str] = MappingProxyType({
    "sentences.rules@1": "sitroom.pipeline.sentences:SentenceStage",
    "places.gazetteer@1": "sitroom.pipeline.places:PlaceStage",
    "actors.rules@1": "sitroom.pipeline.actors:ActorStage",
    "dates.rules@1": "sitroom.pipeline.dates:DateStage",
    "quantities.rules@1": "sitroom.pipeline.quantities:QuantityStage",
    "attribution.rules@1": "sitroom.pipeline.attribution:AttributionStage",
    "events.rules@1": "sitroom.pipeline.events:EventStage",
    "event_facets.rules@1": "sitroom.pipeline.facets:FacetStage",
    "actor_names.rules@1": "sitroom.pipeline.actor_names:ActorNameStage",
})


def available_stages() -> dict[str, str]:
    """Built-in stages plus those that installed plug-ins register."""
    found = dict(BUILTIN_STAGES)
    for ep in entry_points(group="sitroom.stages"):
        found.setdefault(ep.name, ep.value)
    return found


def _load_factory(name: str, target: str) -> StageFactory:
    module_name, _, attr = target.partition(":")
    try:
        return getattr(importlib.import_module(module_name), attr)
    except (ImportError, AttributeError) as exc:
        raise ConfigError(f"stage {name!r}: cannot load {target!r}: {exc}") from exc


class Pipeline:
    """Runs the configured stages over documents."""

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or Settings()
        self.resources = Resources(self.settings)
        registry = available_stages()
        stages: list[Stage] = []
        filled: set[str] = {"text", "published", "title"}
        for name in self.settings.stages:
            if name not in registry:
                raise ConfigError(
                    f"unknown stage {name!r}; available: {', '.join(sorted(registry))}")
            stage = _load_factory(name, registry[name])(self.settings, self.resources)
            missing = [f for f in stage.requires if f not in filled]
            if missing:
                raise ConfigError(f"stage {name!r} needs {missing} from an earlier stage")
            filled.update(stage.adds)
            stages.append(stage)
        self.stages: tuple[Stage, ...] = tuple(stages)
        self.resources.save_compiled()
        _warn_if_stale()

    def __call__(self, doc: Document) -> Document:
        for stage in self.stages:
            doc = stage(doc)
        return doc

    def prepare(self) -> None:
        """Build now what stages otherwise build on first use (a stage may define
        ``prepare()``), so that processes forked from this one share it instead of each
        building its own copy partway through a run."""
        for stage in self.stages:
            prepare = getattr(stage, "prepare", None)
            if callable(prepare):
                prepare()
        self.resources.save_compiled()

    def pipe(self, docs: Iterable[Document]) -> Iterator[Document]:
        for doc in docs:
            yield self(doc)

    @property
    def extractor_name(self) -> str:
        return "+".join(s.name for s in self.stages if s.name.startswith("events"))


@functools.lru_cache(maxsize=1)
def _warn_if_stale() -> None:
    """Once per process: name compiled modules older than their edited source."""
    stale = stale_modules()
    if stale:
        log.warning("compiled modules older than their source run instead of it: %s; "
                    "rebuild (pip install -e .) or set %s=1", ", ".join(stale),
                    PURE_PYTHON_ENV)
