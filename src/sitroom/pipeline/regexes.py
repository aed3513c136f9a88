"""Compiled regular expressions kept on disk between runs.

The event lexicons become a few hundred large regular expressions (one alternative per
phrase). Python's ``re`` parses and compiles a pattern in Python code, which for these
takes longer than loading the gazetteer: about half a pipeline's start-up. What it produces
is a list of integers (the matching engine's program) that ``_sre.compile`` turns into a
``re.Pattern`` in microseconds. ``RegexCache`` keeps those programs in ``cache_dir``, keyed
by the pattern and flags, in a file whose name carries the interpreter's version and the
engine's format version; any other interpreter, a damaged file, or a change in the
private API falls back to ``re.compile``. The patterns built from the cached programs are
the ones ``re.compile`` builds: the same program, run by the same engine.
"""

from __future__ import annotations

import hashlib
import logging
import marshal
import os
import re
import sys
import tempfile
from pathlib import Path
from typing import Any

__all__ = ["RegexCache"]

log = logging.getLogger("sitroom.pipeline")

# Every pattern is kept, the short ones too: ``re`` parses in Python code, and even the
# stages' hundreds of short patterns (attribution cues by first word, date and quantity
# scanners) parse slower than their programs load (measured on the default pipeline's
# start-up: 60M instructions fewer than with a 500-character floor).

# A compiled program: (flags, code, groups, groupindex, indexgroup), as _sre.compile takes
# them after the pattern.
Program = tuple[int, list[int], int, dict[str, int], tuple[Any, ...]]


def _engine_tag() -> str:
    """Identifies the interpreter and the format of the matching engine's programs."""
    try:
        import _sre

        engine = f"{_sre.MAGIC}-{_sre.CODESIZE}-{_sre.MAXREPEAT}-{_sre.MAXGROUPS}"
    except (ImportError, AttributeError):
        return ""
    return hashlib.sha1(f"{sys.version}|{sys.implementation.cache_tag}|{engine}".encode()
                        ).hexdigest()[:12]


def _program(pattern: str, flags: int) -> Program | None:
    """The engine's program for ``pattern``, as ``re`` builds it; None when this
    interpreter's ``re`` internals are not the ones this reads."""
    try:
        from re import _compiler, _parser  # type: ignore[attr-defined]

        parsed = _parser.parse(pattern, flags)
        code = [int(op) for op in _compiler._code(parsed, flags)]
        groupindex = dict(parsed.state.groupdict)
        indexgroup = [None] * parsed.state.groups
        for name, index in groupindex.items():
            indexgroup[index] = name
        return (int(flags | parsed.state.flags), code, parsed.state.groups - 1, groupindex,
                tuple(indexgroup))
    except (ImportError, AttributeError, TypeError):
        return None


def _from_program(pattern: str, program: Program) -> re.Pattern[str] | None:
    try:
        import _sre

        return _sre.compile(pattern, *program)  # type: ignore[no-any-return]
    except (ImportError, AttributeError, TypeError, ValueError, RuntimeError):
        return None


class RegexCache:
    """``compile(pattern, flags)`` that reuses programs compiled by earlier runs.

    Call ``save()`` once the patterns are compiled: it writes the cache when this run
    compiled patterns the file did not hold, keeping only the patterns this run used.
    """

    def __init__(self, cache_dir: Path | None) -> None:
        tag = _engine_tag()
        self.path = Path(cache_dir) / f"regexes-{tag}.marshal" if cache_dir and tag else None
        self._stored: dict[tuple[str, int], Program] = self._read()
        self._used: dict[tuple[str, int], Program] = {}
        self._new = False

    def _read(self) -> dict[tuple[str, int], Program]:
        if self.path is None or not self.path.exists():
            return {}
        try:
            stored = marshal.loads(self.path.read_bytes())
        except (OSError, EOFError, ValueError, TypeError) as exc:
            log.warning("regex cache %s unreadable (%s); compiling afresh", self.path, exc)
            return {}
        return stored if isinstance(stored, dict) else {}

    def compile(self, pattern: str, flags: int = 0) -> re.Pattern[str]:
        flags = int(flags)
        if self.path is None:
            return re.compile(pattern, flags)
        key = (pattern, flags)
        program = self._stored.get(key)
        if program is not None:
            compiled = _from_program(pattern, program)
            if compiled is not None:
                self._used[key] = program
                return compiled
        program = _program(pattern, flags)
        compiled = _from_program(pattern, program) if program is not None else None
        if program is None or compiled is None:
            return re.compile(pattern, flags)
        self._used[key] = program
        self._new = True
        return compiled

    def save(self) -> None:
        """Write the programs of this run's patterns if any were compiled afresh."""
        if not self._new or self.path is None:
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=".regexes-", dir=str(self.path.parent))
            try:
                with os.fdopen(fd, "wb") as fh:
                    fh.write(marshal.dumps(self._used))
                os.chmod(tmp, 0o644)
                os.replace(tmp, self.path)
            except BaseException:
                Path(tmp).unlink(missing_ok=True)
                raise
        except OSError as exc:  # a read-only cache directory only costs start-up time
            log.warning("regex cache not written to %s: %s", self.path, exc)
            return
        self._stored, self._new = dict(self._used), False
