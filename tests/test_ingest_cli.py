"""The ``sitroom watch`` command and its duration option."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from sitroom.cli_ingest import parse_duration
from test_ingest_http import LocalSite
from test_ingest_watch import STORIES, _serve


@pytest.mark.parametrize("text,seconds", [
    ("30s", 30), ("15m", 900), ("1h", 3600), ("1h30m", 5400), ("90", 90), ("2.5m", 150),
    ("1d", 86400), (" 10 s ", 10), ("500ms", 0.5),
])
def test_ingest_cli_parse_duration(text: str, seconds: float) -> None:
    assert parse_duration(text) == seconds


@pytest.mark.parametrize("text", ["", "soon", "15x", "-5m", "0s", "m15"])
def test_ingest_cli_parse_duration_rejects_nonsense(text: str) -> None:
    with pytest.raises(ValueError):
        parse_duration(text)


@pytest.fixture
def site():
    with LocalSite() as s:
        yield s


def _run(args: list[str]):
    from sitroom.cli import app

    return CliRunner().invoke(app, args)


def test_ingest_cli_watch_one_round_into_store(site: LocalSite, tmp_path: Path) -> None:
    import sitroom

    feed = _serve(site, ["/news/1", "/news/2"])
    db = tmp_path / "cli.duckdb"
    result = _run(["watch", feed, "--every", "30s", "--db", str(db), "--allow-private", "--rounds", "1"])
    assert result.exit_code == 0, result.output
    assert "2 new" in result.output
    with sitroom.open(db) as store:
        assert {d["title"] for d in store.documents()} == {STORIES["/news/1"][0], STORIES["/news/2"][0]}


def test_ingest_cli_watch_refuses_loopback_without_flag(site: LocalSite, tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    feed = _serve(site, ["/news/1"])
    db = tmp_path / "env.duckdb"
    monkeypatch.setenv("SITROOM_DB", str(db))
    result = _run(["watch", feed, "--rounds", "1"])
    assert result.exit_code == 0
    assert "refused" in result.output and site.hits == []
    assert db.exists()  # --db defaults to $SITROOM_DB


@pytest.mark.parametrize("every", ["soon", "0s", "10ms"])
def test_ingest_cli_watch_bad_interval_is_a_usage_error(every: str, tmp_path: Path) -> None:
    result = _run(["watch", "http://127.0.0.1:9/feed", "--every", every, "--db", str(tmp_path / "x.duckdb")])
    assert result.exit_code == 2
