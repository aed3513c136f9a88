"""Plain-text documents: header forms, ids, offsets into the body."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from sitroom import Document
from sitroom.ingest import ReadOptions, Rejected, read_inputs
from sitroom.ingest.text import split_header

BODY = ("Rebels shelled the eastern outskirts of the city on Sunday, the army said.\n\n"
        "Two civilians were wounded, according to a hospital director.")


def _read_one(tmp_path: Path, name: str, content: str | bytes, **opts) -> Document | Rejected:
    path = tmp_path / name
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    items = list(read_inputs([str(path)], ReadOptions(**opts)))
    assert len(items) == 1
    return items[0]


@pytest.mark.parametrize("header,title,published", [
    (" date 2024-11-06 Rebels shell city outskirts\n\n", "Rebels shell city outskirts", date(2024, 11, 6)),
    ("date 2024-11-06\ntitle Rebels shell city outskirts\n\n", "Rebels shell city outskirts", date(2024, 11, 6)),
    ("date: 2024-11-06\nRebels shell city outskirts\n\n", "Rebels shell city outskirts", date(2024, 11, 6)),
    ("Title: Rebels shell city outskirts\npublished 2024-11-06T08:00:00Z\n\n", "Rebels shell city outskirts",
     date(2024, 11, 6)),
    ("date 2024-11-06\n\n", None, date(2024, 11, 6)),
    ("", None, None),
])
def test_ingest_text_header_forms(tmp_path: Path, header: str, title: str | None,
                                  published: date | None) -> None:
    doc = _read_one(tmp_path, "shelling-report.txt", header + BODY + "\n")
    assert isinstance(doc, Document)
    assert doc.id == "shelling-report"
    assert (doc.title, doc.published) == (title, published)
    assert doc.text == BODY  # the body only: no title or header prepended
    start = doc.text.index("Two civilians")
    assert doc.text[start:start + 13] == "Two civilians"


@pytest.mark.parametrize("text", [
    # a first paragraph is not a header just because it is short
    "Rebels shelled the city.\n\nTwo civilians were wounded.",
    # an invalid date means it is not a header
    "date 2024-13-45 Something\n\nBody text here.",
    # many lines before the first blank line: body text
    "\n".join(f"line {i} of a poem" for i in range(20)) + "\n\nend",
])
def test_ingest_text_without_header_keeps_whole_text(text: str) -> None:
    assert split_header(text) == ({}, text.strip())


def test_ingest_text_header_url_and_id_fields(tmp_path: Path) -> None:
    doc = _read_one(tmp_path, "x.txt", "id report-77\nurl https://news.example/r/77\ndate 2023-05-01\n\n" + BODY)
    assert isinstance(doc, Document)
    assert (doc.id, doc.url, doc.published) == ("report-77", "https://news.example/r/77", date(2023, 5, 1))


def test_ingest_text_crlf_newlines_are_normalised(tmp_path: Path) -> None:
    doc = _read_one(tmp_path, "win.txt", (" date 2024-01-02 Title here\r\n\r\n" + BODY).replace("\n", "\r\n"))
    assert isinstance(doc, Document)
    assert doc.title == "Title here" and doc.text == BODY


def test_ingest_text_header_only_is_rejected(tmp_path: Path) -> None:
    rej = _read_one(tmp_path, "empty-body.txt", " date 2024-11-06 A title and nothing else\n\n\n")
    assert isinstance(rej, Rejected) and rej.kind == "empty"


def test_ingest_text_language_is_detected(tmp_path: Path) -> None:
    fr = ("Les forces de sécurité ont dispersé des manifestants devant le parlement mardi, "
          "selon des témoins cités par la presse locale.")
    doc = _read_one(tmp_path, "fr.txt", fr)
    assert isinstance(doc, Document) and doc.language == "fr"
    doc = _read_one(tmp_path, "en.txt", BODY)
    assert isinstance(doc, Document) and doc.language == "en"


def test_ingest_text_example_report_matches_its_jsonl_form(shared_dir: Path) -> None:
    """The one-line header form of the published example: date, title, then the body."""
    txt = shared_dir / "examples" / "kursk-2024-11-06.txt"
    ref = json.loads((shared_dir / "examples" / "kursk-2024-11-06.jsonl").read_text("utf-8").splitlines()[0])
    [doc] = list(read_inputs([str(txt)]))
    assert isinstance(doc, Document)
    assert doc.id == ref["id"]
    assert doc.published == date.fromisoformat(ref["published"])
    assert doc.title == ref["title"]
    assert doc.text == ref["text"]  # so gold offsets index Document.text
