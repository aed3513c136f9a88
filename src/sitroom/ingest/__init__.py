"""Reading real-world input: text, HTML, JSONL/CSV, RSS/Atom, WARC, directories, stdin
and http(s) URLs become ``Document`` records; what cannot be read becomes ``Rejected``.

    from sitroom.ingest import read_inputs, ReadOptions
    for item in read_inputs(["pages/", "https://example.org/feed.xml"]):
        ...
"""

from __future__ import annotations

from .language import detect_language
from .options import DEFAULT_COLUMNS, DEFAULT_MAX_BYTES, ReadOptions, Rejected
from .reader import read_inputs

__all__ = ["read_inputs", "ReadOptions", "Rejected", "detect_language", "DEFAULT_COLUMNS",
           "DEFAULT_MAX_BYTES"]
