"""The DuckDB store: idempotent writes, filters, exports, migrations, crash safety."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from datetime import date
from pathlib import Path

import duckdb
import pytest

import sitroom
from sitroom.model import Actor, DateRange, Document, Event, Mention, Place
from sitroom.store import LATEST_VERSION, MIGRATIONS, open_store


def _event(doc_id: str, text: str, etype: str, day: date, a1: Actor | None,
           a2: Actor | None = None, place: Place | None = None, status: str = "reported",
           sub: str | None = None) -> Event:
    return Event(doc_id=doc_id, event_type=etype, evidence=Mention(0, len(text), text),
                 acled_sub_event_type=sub, actor1=a1, actor2=a2, location=place,
                 date=DateRange(day, day, "day"), status=status, confidence=0.7)


NAIROBI = Place("Nairobi", "Nairobi", "KEN", -1.2833, 36.8167, 184745, "city")
GOMA = Place("Goma", "North Kivu", "COD", -1.6792, 29.2228, 216281, "city")
KYIV = Place("Kyiv", "Kyiv City", "UKR", 50.4547, 30.5238, 703448, "city")


def _docs() -> list[Document]:
    t1 = "Kenyan police fired tear gas at protesters in Nairobi."
    t2 = "Congolese soldiers clashed with M23 rebels near Goma."
    t3 = "Russia launched drones at Kyiv overnight."
    return [
        Document(id="ken", text=t1, events=(_event(
            "ken", t1, "COERCE", date(2024, 6, 25), Actor("Kenyan police", "KEN", "COP"),
            Actor("protesters", "KEN", "PRO"), NAIROBI, sub="Protest with intervention"),)),
        Document(id="cod", text=t2, events=(_event(
            "cod", t2, "ASSAULT", date(2025, 2, 10), Actor("Congolese soldiers", "COD", "MIL"),
            Actor("M23 rebels", "COD", "REB"), GOMA, sub="Armed clash"),)),
        Document(id="ukr", text=t3, events=(_event(
            "ukr", t3, "ASSAULT", date(2024, 12, 1), Actor("Russia", "RUS", "GOV"), None, KYIV,
            status="claimed", sub="Air/drone strike"),)),
    ]


@pytest.fixture()
def store(tmp_path: Path):
    s = open_store(tmp_path / "events.duckdb")
    s.add_documents(_docs())
    yield s
    s.close()


@pytest.mark.parametrize("filters,expected", [
    ({}, {"ken", "cod", "ukr"}),
    ({"country": "KEN"}, {"ken"}),
    ({"country": "rus"}, {"ukr"}),
    ({"type": "ASSAULT"}, {"cod", "ukr"}),
    ({"type": "armed clash"}, {"cod"}),
    ({"actor": "m23"}, {"cod"}),
    ({"since": "2024-07-01"}, {"cod", "ukr"}),
    ({"until": "2024-12-31"}, {"ken", "ukr"}),
    ({"since": "2024-12-01", "until": "2024-12-01"}, {"ukr"}),
    ({"near": (-1.5, 29.0, 100)}, {"cod"}),
    ({"near": (-1.5, 29.0, 10)}, set()),
    ({"status": "claimed"}, {"ukr"}),
    ({"country": "COD", "type": "COERCE"}, set()),
])
def test_store_event_filters(store, filters: dict, expected: set[str]) -> None:
    assert {e.doc_id for e in store.events(**filters)} == expected


def test_store_records_round_trip(store) -> None:
    stored = {e.doc_id: e for e in store.events()}
    for doc in _docs():
        assert stored[doc.id] == doc.events[0]


def test_store_limit_and_exports(store) -> None:
    assert len(store.events(limit=2).records()) == 2
    table = store.events(country="COD").to_arrow()
    assert table.num_rows == 1 and table.column("actor2_name").to_pylist() == ["M23 rebels"]
    df = store.events().to_pandas()
    assert sorted(df["doc_id"]) == ["cod", "ken", "ukr"]


def test_store_same_documents_twice_store_nothing_new(store) -> None:
    before = store.counts()
    store.add_documents(_docs())
    assert store.counts() == before
    assert before["documents"] == 3 and before["events"] == 3


def test_store_child_tables_keep_offsets(store) -> None:
    rows = store.adapter.execute(
        "SELECT e.doc_id, v.start_char, v.end_char, a.role, a.name FROM evidence v "
        "JOIN events e ON e.id = v.event_id JOIN actors a ON a.event_id = e.id "
        "WHERE e.doc_id = 'cod' ORDER BY a.role")
    assert [r[3:] for r in rows] == [("actor1", "Congolese soldiers"), ("actor2", "M23 rebels")]
    assert rows[0][1:3] == (0, len(_docs()[1].text))


def test_store_migrates_an_old_file_keeping_its_data(tmp_path: Path) -> None:
    path = tmp_path / "old.duckdb"
    from sitroom.store.duckdb_adapter import DuckDBAdapter
    from sitroom.store.store import Store

    s = Store(DuckDBAdapter(path), migrate=False)
    s.migrate(upto=1)
    s.adapter.execute(
        "INSERT INTO documents VALUES ('old-doc', NULL, 'Old', DATE '2020-01-02', 'en', NULL, "
        "'abc', 'Old text.', TIMESTAMP '2020-01-02 00:00:00', 0)")
    s.close()

    s = open_store(path)
    assert [v for v, _ in s.migrations()] == [m.version for m in MIGRATIONS]
    assert s.migrations()[-1][0] == LATEST_VERSION
    docs = s.documents()
    assert [(d["id"], d["status"]) for d in docs] == [("old-doc", "extracted")]
    assert s.rejects() == []
    s.close()


def test_store_refuses_a_newer_schema(tmp_path: Path) -> None:
    path = tmp_path / "new.duckdb"
    open_store(path).close()
    con = duckdb.connect(str(path))
    con.execute("INSERT INTO schema_migrations VALUES (999, 'from_the_future', now())")
    con.close()
    with pytest.raises(sitroom.StoreError, match="newer sitroom"):
        open_store(path)


def test_store_rejects_keep_raw_bytes(tmp_path: Path) -> None:
    class Rej:
        source, reason, line, raw, kind = "upload.bin", "binary file", None, b"\x00\xff", "binary"

    with open_store(tmp_path / "r.duckdb") as s:
        s.add_rejects([Rej()])
        (r,) = s.rejects()
        assert (r["source"], r["kind"], r["raw_bytes"]) == ("upload.bin", "binary", 2)
        assert s.reject_raw(r["id"]) == b"\x00\xff"


def test_store_read_only_open_of_missing_file_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(sitroom.StoreError):
        open_store(tmp_path / "missing.duckdb", read_only=True)


def test_store_feed_items_remembered_across_opens(tmp_path: Path) -> None:
    path = tmp_path / "f.duckdb"
    with open_store(path) as s:
        s.mark_seen("feed-a", ["1", "2"])
        s.mark_seen("feed-a", ["2", "3"])
    with open_store(path) as s:
        assert s.seen_items("feed-a") == {"1", "2", "3"}
        assert s.seen_items("feed-b") == set()


_INGEST_SCRIPT = textwrap.dedent("""
    import sys
    from sitroom import Document, Pipeline
    from sitroom.store import open_store
    PLACES = ["Goma", "Bunia", "Beni", "Uvira", "Bukavu", "Kisangani", "Kindu", "Kalemie"]
    def docs():
        for i in range(400):
            place = PLACES[i % len(PLACES)]
            text = (f"Report {i}: soldiers clashed with rebels near {place} on day {i}, "
                    f"and {i % 7 + 2} people were wounded in fighting number {i * 37}.")
            yield Document(id=f"doc-{i:04d}", text=text)
    store = open_store(sys.argv[1])
    def progress(n):
        print("batch", flush=True)
    store.ingest(docs(), Pipeline(), batch_size=20, progress=progress)
    print("done", flush=True)
""")


def test_store_ingest_killed_midway_resumes_without_loss_or_duplicates(tmp_path: Path) -> None:
    db = tmp_path / "kill.duckdb"
    script = tmp_path / "ingest.py"
    script.write_text(_INGEST_SCRIPT)
    proc = subprocess.Popen([sys.executable, str(script), str(db)], stdout=subprocess.PIPE,
                            text=True)
    batches = 0
    deadline = time.time() + 120
    while batches < 3 and time.time() < deadline:
        line = proc.stdout.readline()
        if line.startswith("batch"):
            batches += 1
        if line == "" or line.startswith("done"):
            break
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert batches >= 3, "the ingest did not get going"
    with open_store(db) as s:
        partial = s.counts()["documents"]
    assert 0 < partial < 400

    done = subprocess.run([sys.executable, str(script), str(db)], capture_output=True, text=True,
                          timeout=300)
    assert "done" in done.stdout, done.stderr
    with open_store(db) as s:
        ids = [d["id"] for d in s.documents()]
        n_events = s.counts()["events"]
        event_ids = s.adapter.execute("SELECT count(DISTINCT id), count(*) FROM events")[0]
    assert sorted(ids) == [f"doc-{i:04d}" for i in range(400)]
    assert event_ids[0] == event_ids[1] == n_events


def test_store_ingest_skips_stored_rejects_id_conflicts_and_keeps_non_english(tmp_path, pipeline) -> None:
    text = "Soldiers clashed with rebels near Goma on Monday, officials said."
    docs = [Document(id="a", text=text),
            Document(id="a", text=text),                       # same again: skipped
            Document(id="fr", text="Des soldats ont affronté des rebelles près de Goma lundi.",
                     language="fr"),
            Document(id="a", text="A different text under an id already used.")]
    with open_store(tmp_path / "i.duckdb") as s:
        report = s.ingest(docs, pipeline)
        assert (report.read, report.stored, report.already_stored, report.non_english,
                report.rejected) == (4, 2, 1, 1, 1)
        status = {d["id"]: d["status"] for d in s.documents()}
        assert status == {"a": "extracted", "fr": "non-english"}
        (rej,) = s.rejects()
        assert rej["kind"] == "id-conflict" and rej["raw_bytes"] > 0
        assert not list(s.events(doc_id="fr"))
