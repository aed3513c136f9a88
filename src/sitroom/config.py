"""Settings: one frozen object passed to every stage and backend (no mutable globals)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Mapping

from .errors import ConfigError

__all__ = ["Settings", "DEFAULT_STAGES", "default_cache_dir"]

# The default extractor: rules and lexicons only, fully offline.
DEFAULT_STAGES: tuple[str, ...] = (
    "sentences.rules@1",
    "places.gazetteer@1",
    "actors.rules@1",
    "dates.rules@1",
    "quantities.rules@1",
    "attribution.rules@1",
    "events.rules@1",
    "event_facets.rules@1",
    "actor_names.rules@1",
)


def default_cache_dir() -> Path:
    """Where compiled indexes (the gazetteer) are cached: $SITROOM_CACHE or XDG cache."""
    env = os.environ.get("SITROOM_CACHE")
    if env:
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "sitroom"


@dataclass(frozen=True)
class Settings:
    """Everything configurable about a run.

    ``stages`` names the pipeline stages in order (``name@version``); alternatives
    registered under other names (an optional statistical NER, an LLM) are chosen here.
    """

    stages: tuple[str, ...] = DEFAULT_STAGES
    cache_dir: Path = field(default_factory=default_cache_dir)
    # Documents longer than this are rejected rather than extracted: a 2 GB upload
    # must not exhaust memory. 5 M characters is ~100x the longest news article.
    max_doc_chars: int = 5_000_000
    # Options for individual stages, keyed by stage name without version.
    stage_options: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)

    def with_(self, **changes: Any) -> Settings:
        return replace(self, **changes)

    def options_for(self, stage_name: str) -> Mapping[str, Any]:
        return self.stage_options.get(stage_name.split("@")[0], {})

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any]) -> Settings:
        known = {"stages", "cache_dir", "max_doc_chars", "stage_options"}
        unknown = set(data) - known
        if unknown:
            raise ConfigError(f"unknown setting(s): {', '.join(sorted(unknown))}")
        kw: dict[str, Any] = dict(data)
        if "stages" in kw:
            kw["stages"] = tuple(kw["stages"])
        if "cache_dir" in kw:
            kw["cache_dir"] = Path(kw["cache_dir"])
        return cls(**kw)
