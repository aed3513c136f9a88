"""Bytes -> text that never crashes: BOMs, declared charsets, UTF-8 with stray legacy
bytes (mixed encodings), charset detection, and a verdict on undecodable input."""

from __future__ import annotations

import codecs
import logging
import re

__all__ = ["decode_bytes", "DecodeError", "looks_binary", "charset_from_content_type",
           "LEGACY_ERRORS"]

log = logging.getLogger("sitroom.ingest")

_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF32_LE, "utf-32"),
         (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF16_LE, "utf-16"),
         (codecs.BOM_UTF16_BE, "utf-16"))
_BINARY_MAGIC = (b"%PDF", b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"PK\x03\x04", b"\x7fELF",
                 b"MZ", b"BZh", b"\xfd7zXZ", b"7z\xbc\xaf", b"Rar!", b"OggS", b"ID3", b"RIFF",
                 b"\x00\x00\x01\x00", b"SQLite format 3", b"\xd0\xcf\x11\xe0", b"wOFF")
# A text file has essentially no C0 control bytes besides tab/newline/CR/form feed; 1% of
# the sniffed head (with no UTF-16/32 BOM) is far beyond any real text file we have seen
# and well below what images, archives and executables show (typically 5-30%).
MAX_CONTROL_RATIO = 0.01
# UTF-8 with a few legacy (cp1252) bytes is a common "mixed" file; past this many bad
# sequences the file is not UTF-8 at all and charset detection decides.
MAX_MIXED_ERRORS = 64
# Decoded text with more than 2% U+FFFD replacement characters is not readable text.
MAX_REPLACEMENT_RATIO = 0.02
# Detector "chaos" (mess) scores within this of the best count as equally plausible.
CHAOS_TOLERANCE = 0.05
_WESTERN = frozenset({"cp1252", "latin_1", "iso8859_15"})
_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
_CONTROL = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f]")
_CHARSET = re.compile(r"charset\s*=\s*[\"']?([\w.:-]+)", re.I)


class DecodeError(ValueError):
    """The bytes are not text in any encoding we can recognise."""


def charset_from_content_type(value: str | None) -> str | None:
    m = _CHARSET.search(value or "")
    return m.group(1).lower() if m else None


def _bom(data: bytes) -> str | None:
    for bom, name in _BOMS:
        if data.startswith(bom):
            # utf-32-le starts with the utf-16-le BOM: the order above checks utf-32 first.
            return name
    return None


def looks_binary(head: bytes) -> bool:
    """True for images, archives, executables and other non-text bytes."""
    if not head or _bom(head):
        return False
    if head.startswith(_BINARY_MAGIC):
        return True
    if b"\x00" in head:
        return not _utf16_without_bom(head)
    return len(_CONTROL.findall(head)) > MAX_CONTROL_RATIO * len(head)


def _utf16_without_bom(head: bytes) -> str | None:
    """Most ASCII-range UTF-16 text has a NUL in every other byte."""
    even, odd = head[0::2], head[1::2]
    if len(head) >= 8 and odd.count(0) > 0.4 * len(odd) and even.count(0) < 0.05 * len(even):
        return "utf-16-le"
    if len(head) >= 8 and even.count(0) > 0.4 * len(even) and odd.count(0) < 0.05 * len(odd):
        return "utf-16-be"
    return None


def _decode_mixed(data: bytes) -> tuple[str, int] | None:
    """UTF-8, with invalid byte runs read as cp1252 (latin-1 for its 5 holes)."""
    view = memoryview(data)
    parts: list[str] = []
    pos, errors = 0, 0
    while True:
        try:
            parts.append(str(view[pos:], "utf-8"))
            return "".join(parts), errors
        except UnicodeDecodeError as exc:
            errors += 1
            if errors > MAX_MIXED_ERRORS:
                return None
            parts.append(str(view[pos:pos + exc.start], "utf-8"))
            bad = bytes(view[pos + exc.start:pos + exc.end])
            parts.append("".join(_legacy_char(b) for b in bad))
            pos += exc.end


def _legacy_errors(exc: UnicodeError) -> tuple[str, int]:
    """Codec error handler: undecodable bytes are read as cp1252 (see LEGACY_ERRORS)."""
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    return "".join(_legacy_char(b) for b in exc.object[exc.start:exc.end]), exc.end


# For streams (CSV): ``TextIOWrapper(..., encoding="utf-8", errors=LEGACY_ERRORS)`` reads
# UTF-8 with stray legacy bytes like decode_bytes does.
LEGACY_ERRORS = "sitroom-cp1252"
codecs.register_error(LEGACY_ERRORS, _legacy_errors)


def _legacy_char(byte: int) -> str:
    try:
        return bytes([byte]).decode("cp1252")
    except UnicodeDecodeError:
        return bytes([byte]).decode("latin-1")


def _try(data: bytes, encoding: str | None) -> str | None:
    if not encoding:
        return None
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def _detect(data: bytes) -> tuple[str, str] | None:
    """charset_normalizer's guess, preferring cp1252 (the web's default legacy encoding,
    which WHATWG also uses for "latin-1") when it is as plausible as the best guess:
    for short Western European texts the detector cannot tell cp1252 from cp1250."""
    from charset_normalizer import from_bytes

    matches = list(from_bytes(data[:200_000]))
    if not matches:
        return None
    best = matches[0]
    for m in matches:
        if m.encoding in _WESTERN and m.chaos <= best.chaos + CHAOS_TOLERANCE:
            best = m
            break
    return _try(data, best.encoding) or data.decode(best.encoding, errors="replace"), best.encoding


def decode_bytes(data: bytes, declared: str | None = None) -> tuple[str, str]:
    """Decode ``data``; return (text, encoding used). Raises DecodeError for non-text.

    Order: BOM; UTF-16 without BOM; UTF-8 (strict); a declared charset (HTTP header,
    <meta>) when UTF-8 fails; UTF-8 with stray cp1252 bytes when the data holds some valid
    UTF-8 multi-byte sequences (a mixed file); charset detection.
    A declared charset is tried after strict UTF-8 because declarations are often wrong
    (a page says iso-8859-1 and is UTF-8), while valid UTF-8 is almost never an accident.
    """
    bom = _bom(data)
    if bom:
        text = _try(data, bom)
        if text is not None:
            return text, bom
    wide = _utf16_without_bom(data[:4096]) if b"\x00" in data[:4096] else None
    if wide:
        text = _try(data, wide)
        if text is not None and not _unreadable(text):
            return text, wide
    text = _try(data, "utf-8")
    if text is not None:
        return text, "utf-8"
    if declared and declared.replace("_", "-").lower() not in ("utf-8", "utf8"):
        text = _try(data, declared)
        if text is not None and not _unreadable(text):
            return text, declared
    if _UTF8_MULTIBYTE.search(data):  # some real UTF-8: a mixed file
        mixed = _decode_mixed(data)
        if mixed is not None:
            return mixed[0], "utf-8+cp1252"
    detected = _detect(data)
    if detected is None or _unreadable(detected[0]):
        raise DecodeError("not text in any recognised encoding")
    return detected


def _unreadable(text: str) -> bool:
    if not text:
        return False
    sample = text[:20000]
    bad = sample.count("\ufffd") + sum(1 for c in sample if ord(c) < 32 and c not in "\t\n\r\f")
    return bad > MAX_REPLACEMENT_RATIO * len(sample)
