"""The command line, through typer's test runner: every command, good and bad input."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sitroom import __version__
from sitroom.cli import app
from sitroom.schema import validate_event

REPORT_A = ("Kenyan police fired tear gas at hundreds of protesters in Nairobi on Tuesday. "
            "Two demonstrators were killed, a rights group said.")
REPORT_B = ("Congolese soldiers clashed with M23 rebels near Goma on Monday, local officials "
            "said. At least 12 people were killed.")
REPORT_C = ("Ukraine accused Russia of shelling grain warehouses in the port of Izmail "
            "overnight.")


@pytest.fixture()
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture()
def docs_jsonl(tmp_path: Path) -> Path:
    path = tmp_path / "docs.jsonl"
    rows = [
        {"id": "ken/001", "text": REPORT_A, "published": "2024-06-25", "label": "ignored"},
        {"id": "cod 002", "text": REPORT_B, "published": "2025-02-11", "title": "Clashes"},
        {"id": "ukr-003", "text": REPORT_C, "published": "2023-08-02"},
    ]
    lines = [json.dumps(r) for r in rows[:2]] + ["{not json"] + [json.dumps(rows[2])]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _events(stdout: str) -> list[dict]:
    return [json.loads(line) for line in stdout.splitlines() if line.strip()]


def test_cli_version(runner: CliRunner) -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0 and __version__ in result.stdout


def test_cli_schema_is_json_schema(runner: CliRunner) -> None:
    import jsonschema

    result = runner.invoke(app, ["schema"])
    assert result.exit_code == 0
    jsonschema.Draft202012Validator.check_schema(json.loads(result.stdout))


def test_cli_extract_streams_valid_events_and_reports_bad_lines(runner, docs_jsonl) -> None:
    result = runner.invoke(app, ["extract", str(docs_jsonl), "--jobs", "1"])
    assert result.exit_code == 0, result.stderr
    events = _events(result.stdout)
    assert events, "no events extracted from three conflict reports"
    for e in events:
        validate_event(e)
    assert {e["doc_id"] for e in events} <= {"ken/001", "cod 002", "ukr-003"}
    assert "cod 002" in {e["doc_id"] for e in events}
    assert f"{docs_jsonl}:3" in result.stderr


def test_cli_extract_offsets_index_the_given_text(runner, docs_jsonl) -> None:
    texts = {"ken/001": REPORT_A, "cod 002": REPORT_B, "ukr-003": REPORT_C}
    result = runner.invoke(app, ["extract", str(docs_jsonl), "--jobs", "1"])
    for e in _events(result.stdout):
        ev = e["evidence"]
        assert texts[e["doc_id"]][ev["start"]:ev["end"]] == ev["text"]


def test_cli_extract_strict_fails_on_a_bad_line(runner, docs_jsonl) -> None:
    result = runner.invoke(app, ["extract", str(docs_jsonl), "--jobs", "1", "--strict"])
    assert result.exit_code == 1


@pytest.mark.parametrize("content", [b"", b"\x00\x01\x02\xff" * 100, b"{broken\n[1,2\n"])
def test_cli_extract_nothing_readable_exits_non_zero(runner, tmp_path, content) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_bytes(content)
    result = runner.invoke(app, ["extract", str(path), "--jobs", "1"])
    assert result.exit_code == 1
    assert str(path) in result.stderr


def test_cli_extract_text_file_id_is_its_name(runner, tmp_path) -> None:
    path = tmp_path / "goma-clash.txt"
    path.write_text(REPORT_B, encoding="utf-8")
    result = runner.invoke(app, ["extract", str(path), "--jobs", "1", "-o", str(tmp_path / "o.jsonl")])
    assert result.exit_code == 0, result.stderr
    events = _events((tmp_path / "o.jsonl").read_text(encoding="utf-8"))
    assert events and {e["doc_id"] for e in events} == {"goma-clash"}


def test_cli_extract_reads_stdin(runner) -> None:
    line = json.dumps({"id": "stdin-doc", "text": REPORT_B, "published": "2025-02-11"})
    result = runner.invoke(app, ["extract", "-", "--jobs", "1"], input=line + "\n")
    assert result.exit_code == 0, result.stderr
    assert {e["doc_id"] for e in _events(result.stdout)} == {"stdin-doc"}


def test_cli_geoparse_emits_toponyms_with_offsets(runner, docs_jsonl) -> None:
    result = runner.invoke(app, ["geoparse", str(docs_jsonl)])
    assert result.exit_code == 0, result.stderr
    rows = _events(result.stdout)
    texts = {"ken/001": REPORT_A, "cod 002": REPORT_B, "ukr-003": REPORT_C}
    names = {r["name"] for r in rows}
    assert {"Nairobi", "Goma"} <= names
    for r in rows:
        assert texts[r["doc_id"]][r["start"]:r["end"]] == r["name"]
        assert set(r) >= {"doc_id", "start", "end", "name", "lat", "lon", "geonames_id"}


def test_cli_ingest_is_idempotent_and_events_query(runner, docs_jsonl, tmp_path) -> None:
    db = tmp_path / "store.duckdb"
    first = runner.invoke(app, ["ingest", str(docs_jsonl), "--db", str(db), "--jobs", "1"])
    assert first.exit_code == 0, first.stderr
    dump1 = runner.invoke(app, ["events", "--db", str(db), "--format", "jsonl"]).stdout
    second = runner.invoke(app, ["ingest", str(docs_jsonl), "--db", str(db), "--jobs", "1"])
    assert second.exit_code == 0
    assert "3 already stored" in second.stderr
    dump2 = runner.invoke(app, ["events", "--db", str(db), "--format", "jsonl"]).stdout
    assert dump1 == dump2 and dump1.strip()

    kenya = _events(runner.invoke(app, ["events", "--db", str(db), "--country", "KEN",
                                        "--format", "jsonl"]).stdout)
    assert kenya and all("KEN" in {(e["location"] or {}).get("country"),
                                   (e["actor1"] or {}).get("country"),
                                   (e["actor2"] or {}).get("country")} for e in kenya)
    rows = list(csv.reader(io.StringIO(runner.invoke(
        app, ["events", "--db", str(db), "--format", "csv"]).stdout)))
    assert rows[0][0] == "doc_id" and len(rows) == len(_events(dump1)) + 1
    table = runner.invoke(app, ["events", "--db", str(db), "--near", "-1.68,29.22,60"])
    assert table.exit_code == 0


def test_cli_events_rejects_bad_options(runner, tmp_path) -> None:
    assert runner.invoke(app, ["events", "--db", str(tmp_path / "none.duckdb")]).exit_code == 2
    db = tmp_path / "s.duckdb"
    import sitroom

    sitroom.open(db).close()
    assert runner.invoke(app, ["events", "--db", str(db), "--near", "north"]).exit_code == 2
    assert runner.invoke(app, ["events", "--db", str(db), "--format", "xml"]).exit_code == 2


def test_cli_rejects_lists_bad_input_with_raw_bytes(runner, tmp_path) -> None:
    db = tmp_path / "r.duckdb"
    bad = tmp_path / "blob.bin"
    bad.write_bytes(b"\x00\x01\x02\xff" * 64)
    good = tmp_path / "good.txt"
    good.write_text(REPORT_A, encoding="utf-8")
    result = runner.invoke(app, ["ingest", str(bad), str(good), "--db", str(db), "--jobs", "1"])
    assert result.exit_code == 0
    listing = runner.invoke(app, ["rejects", "--db", str(db)])
    assert str(bad) in listing.stdout and "256 bytes kept" in listing.stdout
    rid = listing.stdout.split("\t")[0]
    raw = runner.invoke(app, ["rejects", "--db", str(db), "--save-raw", rid,
                              "--to", str(tmp_path / "raw.bin")])
    assert raw.exit_code == 0 and (tmp_path / "raw.bin").read_bytes() == bad.read_bytes()


def test_cli_demo_prints_events_and_summary(runner, tmp_path) -> None:
    db = tmp_path / "demo.duckdb"
    result = runner.invoke(app, ["demo", "--db", str(db)])
    assert result.exit_code == 0, result.stderr
    assert "events from 6 reports" in result.stdout
    assert "ASSAULT" in result.stdout
    again = runner.invoke(app, ["demo", "--db", str(db)])
    assert again.exit_code == 0 and "6 already stored" in again.stdout
