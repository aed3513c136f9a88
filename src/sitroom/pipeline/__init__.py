"""The extraction pipeline: small stages, each ``stage(doc) -> doc``."""

from .base import BUILTIN_STAGES, Pipeline, Resources, Stage, available_stages

__all__ = ["Pipeline", "Stage", "Resources", "BUILTIN_STAGES", "available_stages"]
