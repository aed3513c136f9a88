"""JSONL, JSON and CSV collections of documents."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from sitroom import Document
from sitroom.ingest import ReadOptions, Rejected, read_inputs

TEXT_A = "Gunmen attacked a police post near the border on Friday, killing three officers."
TEXT_B = "Farmers blocked the main highway for a second day to protest fuel prices."


def _read(path: Path, **opts) -> list[Document | Rejected]:
    return list(read_inputs([str(path)], ReadOptions(**opts)))


def test_ingest_records_jsonl_reads_known_fields_and_keeps_ids(tmp_path: Path) -> None:
    lines = [
        {"id": "A-17/x", "text": TEXT_A, "title": "Border attack", "published": "2024-02-09",
         "url": "https://news.example/a", "event_type": "gold label, must be ignored"},
        {"id": 42, "text": TEXT_B, "published": "2024-02-10T07:00:00Z"},
        {"text": TEXT_B + " Police watched."},
    ]
    path = tmp_path / "batch.jsonl"
    path.write_text("\n".join(json.dumps(x) for x in lines) + "\n\n", "utf-8")
    a, b, c = _read(path)
    assert isinstance(a, Document) and isinstance(b, Document) and isinstance(c, Document)
    assert (a.id, a.title, a.published, a.url, a.text) == (
        "A-17/x", "Border attack", date(2024, 2, 9), "https://news.example/a", TEXT_A)
    assert "event_type" not in a.meta
    assert (b.id, b.published) == ("42", date(2024, 2, 10))
    assert c.id == "batch-3"  # no id: container and line
    assert a.source == str(path)


def test_ingest_records_malformed_jsonl_line_is_rejected_and_reading_goes_on(tmp_path: Path) -> None:
    path = tmp_path / "mixed.jsonl"
    path.write_bytes(b"\n".join([
        json.dumps({"id": "1", "text": TEXT_A}).encode(),
        b'{"id": "2", "text": "unterminated',
        b'["not", "an", "object"]',
        json.dumps({"id": "4", "text": ""}).encode(),
        json.dumps({"id": "5", "title": "no text field"}).encode(),
        json.dumps({"id": "6", "text": TEXT_B}).encode(),
    ]))
    items = _read(path)
    assert [type(i).__name__ for i in items] == ["Document", "Rejected", "Rejected", "Rejected",
                                                 "Rejected", "Document"]
    assert [(i.line, i.kind) for i in items if isinstance(i, Rejected)] == [
        (2, "malformed-json"), (3, "malformed-json"), (4, "empty"), (5, "empty")]
    assert items[1].source == str(path)
    assert items[1].raw == b'{"id": "2", "text": "unterminated\n'


def test_ingest_records_jsonl_line_over_limit_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "big.jsonl"
    big = json.dumps({"id": "big", "text": "x " * 5000})
    path.write_text(json.dumps({"id": "s", "text": TEXT_A}) + "\n" + big + "\n"
                    + json.dumps({"id": "t", "text": TEXT_B}) + "\n", "utf-8")
    items = _read(path, max_bytes=2000)
    assert [getattr(i, "id", None) or i.kind for i in items] == ["s", "too-large", "t"]
    assert items[1].line == 2 and len(items[1].raw) == 2000


def test_ingest_records_json_array(tmp_path: Path) -> None:
    path = tmp_path / "docs.json"
    path.write_text(json.dumps([{"id": "p", "text": TEXT_A}, {"id": "q", "text": TEXT_B}], indent=2), "utf-8")
    assert [d.id for d in _read(path)] == ["p", "q"]


@pytest.mark.parametrize("name,sep", [("reports.csv", ","), ("reports.tsv", "\t"), ("reports", ",")])
def test_ingest_records_csv_with_configured_columns(tmp_path: Path, name: str, sep: str) -> None:
    rows = [["ref", "body", "headline", "date", "extra"],
            ["r1", TEXT_A, "Border attack", "2024-02-09", "x"],
            ["r2", f'{TEXT_B} He said "enough"{sep} loudly.', "", "", "y"]]
    quoted = [sep.join('"' + c.replace('"', '""') + '"' for c in row) for row in rows]
    path = tmp_path / name
    path.write_text("\n".join(quoted) + "\n", "utf-8")
    cols = {"id": "ref", "text": "body", "title": "headline", "published": "date", "url": "link"}
    a, b = _read(path, csv_columns=cols)
    assert isinstance(a, Document) and isinstance(b, Document)
    assert (a.id, a.title, a.published, a.text) == ("r1", "Border attack", date(2024, 2, 9), TEXT_A)
    assert (b.id, b.title, b.published) == ("r2", None, None)
    assert b.text.endswith(f'He said "enough"{sep} loudly.')


def test_ingest_records_csv_without_text_column_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "wrong.csv"
    path.write_text("id,content\n1,hello\n", "utf-8")
    [rej] = _read(path)
    assert isinstance(rej, Rejected) and rej.kind == "malformed-csv" and "'text'" in rej.reason


def test_ingest_records_csv_in_latin1(tmp_path: Path) -> None:
    path = tmp_path / "legacy.csv"
    path.write_bytes("id,text\nz1,Manifestation à Orléans: la préfecture évoque 300 personnes rassemblées.\n"
                     .encode("latin-1"))
    [doc] = _read(path)
    assert isinstance(doc, Document) and "Orléans" in doc.text and "préfecture" in doc.text
