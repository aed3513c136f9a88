"""Actor recognition: countries, demonyms, capitals, organisations, people and groups."""

from .lexicon import ActorLexicon, Entry, Token, tokenize
from .matcher import ActorMatcher

__all__ = ["ActorMatcher", "ActorLexicon", "Entry", "Token", "tokenize"]
