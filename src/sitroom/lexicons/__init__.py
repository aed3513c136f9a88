"""Rules as data: versioned TSV lexicons shipped in ``sitroom/lexicons/data``.

File format::

    # <free description>
    # version: 3
    column_a<TAB>column_b<TAB>...
    value<TAB>value<TAB>...

Lines starting with ``#`` and blank lines are comments. Every file declares a version;
each stage declares the columns it expects (``Column``) and every row is validated on
load: a bad row raises ``LexiconError`` naming the file and line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources as importlib_resources
from pathlib import Path
from typing import Callable, Iterable, Mapping, Sequence

from ..errors import LexiconError
from ..vocab import SECTORS

__all__ = ["Column", "Table", "Lexicons", "load_lexicons", "load_table", "ISO3", "SECTOR",
           "FLAG"]

_VERSION_RE = re.compile(r"^#\s*version:\s*(\S+)\s*$")


@dataclass(frozen=True)
class Column:
    name: str
    required: bool = True
    choices: frozenset[str] | None = None
    pattern: str | None = None  # regex the whole value must match
    convert: Callable[[str], object] | None = None  # e.g. int, float

    def parse(self, raw: str) -> object:
        value = raw.strip()
        if not value:
            if self.required:
                raise ValueError(f"column {self.name!r} is empty")
            return None
        if self.choices is not None and value not in self.choices:
            raise ValueError(f"column {self.name!r}: {value!r} is not one of "
                             f"{', '.join(sorted(self.choices))}")
        if self.pattern is not None and not re.fullmatch(self.pattern, value):
            raise ValueError(f"column {self.name!r}: {value!r} does not match {self.pattern}")
        if self.convert is not None:
            try:
                return self.convert(value)
            except (TypeError, ValueError) as exc:
                raise ValueError(f"column {self.name!r}: {value!r}: {exc}") from exc
        return value


def _flag(v: str) -> bool:
    if v.lower() in {"1", "true", "yes", "y"}:
        return True
    if v.lower() in {"0", "false", "no", "n"}:
        return False
    raise ValueError("expected a yes/no flag")


def ISO3(name: str = "country", required: bool = False) -> Column:
    return Column(name, required, pattern=r"[A-Z]{3}")


def SECTOR(name: str = "sector", required: bool = False) -> Column:
    return Column(name, required, choices=frozenset(SECTORS))


def FLAG(name: str, required: bool = False) -> Column:
    return Column(name, required, convert=_flag)


@dataclass(frozen=True)
class Table:
    path: str
    version: str
    rows: tuple[Mapping[str, object], ...]
    lines: tuple[int, ...]  # source line of each row, for later error messages


def _parse_lines(path: str, lines: Iterable[str], columns: Sequence[Column]) -> Table:
    version: str | None = None
    header: list[str] | None = None
    rows: list[Mapping[str, object]] = []
    row_lines: list[int] = []
    for n, line in enumerate(lines, 1):
        line = line.rstrip("\n").rstrip("\r")
        if not line.strip():
            continue
        if line.lstrip().startswith("#"):
            m = _VERSION_RE.match(line.strip())
            if m and header is None:
                version = m.group(1)
            continue
        cells = line.split("\t")
        if header is None:
            header = [c.strip() for c in cells]
            want = [c.name for c in columns]
            if header != want:
                raise LexiconError(path, n, f"header {header} does not match expected {want}")
            continue
        if len(cells) > len(columns):
            raise LexiconError(path, n, f"{len(cells)} fields, expected at most {len(columns)}")
        cells += [""] * (len(columns) - len(cells))
        try:
            rows.append({c.name: c.parse(v) for c, v in zip(columns, cells)})
        except ValueError as exc:
            raise LexiconError(path, n, str(exc)) from None
        row_lines.append(n)
    if version is None:
        raise LexiconError(path, None, "no '# version: N' line before the header")
    if header is None:
        raise LexiconError(path, None, "no header line")
    return Table(path, version, tuple(rows), tuple(row_lines))


def load_table(source: str | Path, columns: Sequence[Column]) -> Table:
    """Load and validate one lexicon: a file name in the package data or a path."""
    path = Path(source)
    if not path.is_absolute() and not path.exists():
        ref = importlib_resources.files(__package__).joinpath("data", str(source))
        try:
            text = ref.read_text(encoding="utf-8")
        except FileNotFoundError:
            raise LexiconError(str(source), None, "no such lexicon in sitroom/lexicons/data")
        return _parse_lines(f"sitroom/lexicons/data/{source}", text.splitlines(), columns)
    try:
        with open(path, encoding="utf-8") as fh:
            return _parse_lines(str(path), fh, columns)
    except OSError as exc:
        raise LexiconError(str(path), None, f"cannot read: {exc.strerror}") from None
    except UnicodeDecodeError as exc:
        raise LexiconError(str(path), None, f"not UTF-8: {exc.reason}") from None


class Lexicons:
    """Loads tables on first request and keeps them for the life of a Pipeline."""

    def __init__(self, overrides: Mapping[str, str | Path] | None = None) -> None:
        self._overrides = dict(overrides or {})
        self._tables: dict[str, Table] = {}

    def table(self, name: str, columns: Sequence[Column]) -> Table:
        if name not in self._tables:
            self._tables[name] = load_table(self._overrides.get(name, name), columns)
        return self._tables[name]


def load_lexicons(overrides: Mapping[str, str | Path] | None = None) -> Lexicons:
    return Lexicons(overrides)
