"""Domain errors. They become user messages only at the CLI and API edges."""

from __future__ import annotations

__all__ = ["SitroomError", "LexiconError", "InputError", "StoreError", "ConfigError"]


class SitroomError(Exception):
    """Base class of every error sitroom raises on purpose."""


class ConfigError(SitroomError):
    """A setting or a stage name that cannot be used."""


class LexiconError(SitroomError):
    """A rule/lexicon data file that does not validate; names the file and line."""

    def __init__(self, path: str, line: int | None, reason: str) -> None:
        self.path, self.line, self.reason = path, line, reason
        where = f"{path}:{line}" if line is not None else path
        super().__init__(f"{where}: {reason}")


class InputError(SitroomError):
    """An input item that cannot be read; names the source, position and reason."""

    def __init__(self, source: str, reason: str, line: int | None = None) -> None:
        self.source, self.reason, self.line = source, reason, line
        where = f"{source}:{line}" if line is not None else source
        super().__init__(f"{where}: {reason}")


class StoreError(SitroomError):
    """A database that cannot be opened, migrated or written."""
