"""Bad input never stops reading: each bad item is a Rejected with source, reason, raw."""

from __future__ import annotations

import gzip
import io
import json
import sys
import zlib
from pathlib import Path

import pytest

from sitroom import Document
from sitroom.ingest import ReadOptions, Rejected, read_inputs

GOOD = ("Heavy rain triggered landslides in three mountain districts on Wednesday, and "
        "rescue teams were searching for at least nine missing villagers.")
PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8
ELF = b"\x7fELF\x02\x01\x01" + bytes(200)
RANDOM = zlib.compress(GOOD.encode() * 50)  # compressed bytes: binary noise


def _truncated_gzip() -> bytes:
    lines = "".join(json.dumps({"id": f"d{i}", "text": f"{GOOD} Report {i}."}) + "\n" for i in range(300))
    data = gzip.compress(lines.encode())
    return data[: len(data) // 2]


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("name,data,kind", [
    ("photo.txt", PNG, "binary"),
    ("program", ELF, "binary"),
    ("noise.html", RANDOM, "binary"),
    ("empty.txt", b"", "empty"),
    ("blank.html", b"  \n\n\t ", "empty"),
    ("nav-only.html", b"<html><head><title>Menu</title></head><body><nav><a href='/'>Home</a> "
                      b"<a href='/a'>World</a></nav><footer>Cookies</footer></body></html>", "empty"),
    ("broken.rss", b'<?xml version="1.0"?><rss version="2.0"><channel><title>x</title><item><title>a',
     "feed"),
    ("not-a-feed.xml", b'<?xml version="1.0"?><catalog><book id="1">A</book></catalog>', "feed"),
    ("cut.jsonl.gz", _truncated_gzip(), "truncated"),
    ("garbage.gz", b"\x1f\x8b\x08\x00" + b"\xff" * 64, "truncated"),
])
def test_ingest_bad_input_is_rejected(tmp_path: Path, name: str, data: bytes, kind: str) -> None:
    path = _write(tmp_path, name, data)
    items = list(read_inputs([str(path)]))
    rejected = [i for i in items if isinstance(i, Rejected)]
    assert rejected, items
    assert rejected[0].kind == kind
    assert rejected[0].source == str(path)
    assert rejected[0].reason


def test_ingest_bad_input_raw_bytes_kept_for_retry(tmp_path: Path) -> None:
    path = _write(tmp_path, "photo.txt", PNG)
    [rej] = list(read_inputs([str(path)]))
    assert rej.raw == PNG


def test_ingest_bad_input_too_large_file_is_capped(tmp_path: Path) -> None:
    path = _write(tmp_path, "huge.txt", (GOOD + "\n").encode() * 200)
    [rej] = list(read_inputs([str(path)], ReadOptions(max_bytes=1000)))
    assert isinstance(rej, Rejected) and rej.kind == "too-large"
    assert rej.raw is not None and len(rej.raw) == 1000


def test_ingest_bad_input_missing_path_is_rejected(tmp_path: Path) -> None:
    [rej] = list(read_inputs([str(tmp_path / "nope.txt")]))
    assert isinstance(rej, Rejected) and rej.kind == "unreadable"


def test_ingest_bad_input_good_gzip_is_read(tmp_path: Path) -> None:
    path = _write(tmp_path, "reports.jsonl.gz", gzip.compress(
        (json.dumps({"id": "g1", "text": GOOD}) + "\n").encode()))
    [doc] = list(read_inputs([str(path)]))
    assert isinstance(doc, Document) and doc.id == "g1"


@pytest.mark.parametrize("data,expected", [
    # declared nowhere, Windows-1252 curly quotes and accents
    ("Le ministre a déclaré « nous ne céderons pas » après l’attaque.".encode("cp1252"), "déclaré"),
    # UTF-8 with a few stray cp1252 bytes (a mixed file)
    ("Protesters in Zürich said ".encode("utf-8") + "the café’s windows".encode("cp1252")
     + " were smashed on Friday night by a crowd of about 200.".encode("utf-8"), "café’s"),
    # UTF-16 with a BOM
    ("Soldiers crossed the river at dawn, the governor said.".encode("utf-16"), "governor"),
    # UTF-16 without a BOM
    ("Soldiers crossed the river at dawn, the governor said on local radio.".encode("utf-16-le"),
     "governor"),
    # Cyrillic in KOI8-R
    ("Военные заявили, что обстрел продолжался всю ночь в районе города.".encode("koi8-r"), "обстрел"),
])
def test_ingest_bad_input_wrong_and_mixed_encodings_decode(tmp_path: Path, data: bytes,
                                                           expected: str) -> None:
    [doc] = list(read_inputs([str(_write(tmp_path, "report.txt", data))]))
    assert isinstance(doc, Document), doc
    assert expected in doc.text
    assert "\ufffd" not in doc.text


def test_ingest_bad_input_html_declared_charset_is_used(tmp_path: Path) -> None:
    page = ("<html><head><meta http-equiv='Content-Type' content='text/html; charset=windows-1251'>"
            "<title>Новости</title></head><body><article><p>Военные заявили, что обстрел продолжался "
            "всю ночь в районе города, пострадали по меньшей мере пять человек.</p><p>Местные власти "
            "объявили режим чрезвычайной ситуации.</p></article></body></html>")
    [doc] = list(read_inputs([str(_write(tmp_path, "ru.html", page.encode("cp1251")))]))
    assert isinstance(doc, Document) and "обстрел" in doc.text and doc.language == "ru"


def test_ingest_bad_input_malformed_html_still_yields_text(tmp_path: Path) -> None:
    page = (b"<html><body><div class='story'><p>Troops withdrew from the disputed ridge on Monday "
            b"after talks mediated by <b>regional envoys<p>Residents said the shelling had stopped "
            b"<i>for the first time in weeks</div></span></td><p>Markets reopened in the afternoon.")
    [doc] = list(read_inputs([str(_write(tmp_path, "broken.html", page))]))
    assert isinstance(doc, Document)
    assert "Troops withdrew" in doc.text and "Markets reopened" in doc.text


def test_ingest_bad_input_directory_mixes_good_and_bad(tmp_path: Path) -> None:
    d = tmp_path / "inbox"
    (d / "sub").mkdir(parents=True)
    (d / "a.txt").write_text(" date 2024-05-01 Landslides\n\n" + GOOD, "utf-8")
    (d / "sub" / "page").write_bytes(  # no extension: sniffed as HTML
        b"<!doctype html><html><head><title>Flood</title></head><body><article><p>"
        + GOOD.encode() + b"</p><p>Officials opened two shelters.</p></article></body></html>")
    (d / "sub" / "docs.jsonl").write_text(json.dumps({"id": "J1", "text": GOOD}) + "\n{bad\n", "utf-8")
    (d / "image.jpg").write_bytes(b"\xff\xd8\xff\xe0" + bytes(300))
    (d / ".hidden.txt").write_text(GOOD, "utf-8")
    items = list(read_inputs([str(d)]))
    docs = {i.id: i for i in items if isinstance(i, Document)}
    rejects = sorted((Path(i.source).name, i.kind) for i in items if isinstance(i, Rejected))
    assert set(docs) == {"a", "sub/page", "J1"}
    assert docs["a"].title == "Landslides" and docs["sub/page"].title == "Flood"
    assert rejects == [("docs.jsonl", "malformed-json"), ("image.jpg", "binary")]


class _Stdin:
    def __init__(self, data: bytes) -> None:
        self.buffer = io.BytesIO(data)


@pytest.mark.parametrize("data,ids", [
    ((json.dumps({"id": "s1", "text": GOOD}) + "\n" + json.dumps({"id": "s2", "text": GOOD + " More."})).encode(),
     ["s1", "s2"]),
    ((" date 2024-05-01 Landslides\n\n" + GOOD).encode(), ["stdin"]),
    (b"<html><body><article><p>" + GOOD.encode() + b"</p></article></body></html>", ["stdin"]),
])
def test_ingest_bad_input_stdin_is_sniffed(monkeypatch: pytest.MonkeyPatch, data: bytes,
                                          ids: list[str]) -> None:
    monkeypatch.setattr(sys, "stdin", _Stdin(data))
    items = list(read_inputs(["-"]))
    assert [i.id for i in items if isinstance(i, Document)] == ids
    assert all(i.source == "<stdin>" for i in items)
