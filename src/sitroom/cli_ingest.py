"""The ``watch`` command: poll feeds or pages and ingest new items into a store."""

from __future__ import annotations

import os
import re
import signal
import threading
from pathlib import Path
from typing import Any, Optional

import typer

__all__ = ["register", "parse_duration"]

_DURATION_PART = re.compile(r"(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)?", re.I)
_UNIT_SECONDS = {"ms": 0.001, "s": 1.0, "m": 60.0, "h": 3600.0, "d": 86400.0, None: 1.0}
# Polling faster than this hammers a feed's server for nothing: feeds update in minutes.
MIN_EVERY_SECONDS = 1.0


def parse_duration(text: str) -> float:
    """Seconds in "30s", "15m", "1h", "1h30m", "90" (seconds); ValueError otherwise."""
    s = text.strip().lower().replace(" ", "")
    if not s:
        raise ValueError("empty duration")
    total, pos = 0.0, 0
    while pos < len(s):
        m = _DURATION_PART.match(s, pos)
        if not m or m.end() == pos:
            raise ValueError(f"not a duration: {text!r} (use e.g. 30s, 15m, 1h)")
        total += float(m.group(1)) * _UNIT_SECONDS[m.group(2)]
        pos = m.end()
    if total <= 0:
        raise ValueError(f"duration must be positive: {text!r}")
    return total


def _default_db() -> Path:
    return Path(os.environ.get("SITROOM_DB") or "sitroom.duckdb")


def register(app: typer.Typer) -> None:
    """Add the ``watch`` command to the sitroom CLI."""

    @app.command("watch")
    def watch_command(
        feeds: list[str] = typer.Argument(..., metavar="FEED_OR_URL",
                                          help="RSS/Atom feed URLs or files, or page URLs."),
        every: str = typer.Option("15m", "--every", help="Polling interval: 30s, 15m, 1h."),
        db: Optional[Path] = typer.Option(None, "--db",
                                          help="DuckDB file (default $SITROOM_DB or ./sitroom.duckdb)."),
        allow_private: bool = typer.Option(False, "--allow-private",
                                           help="Allow private, loopback and link-local addresses."),
        rounds: Optional[int] = typer.Option(None, "--rounds", min=1,
                                             help="Stop after this many polling rounds."),
    ) -> None:
        """Poll feeds or pages and ingest new items until Ctrl-C (remembers what it saw)."""
        try:
            seconds = parse_duration(every)
        except ValueError as exc:
            raise typer.BadParameter(str(exc), param_hint="--every") from exc
        if seconds < MIN_EVERY_SECONDS:
            raise typer.BadParameter(f"at least {MIN_EVERY_SECONDS:g}s", param_hint="--every")
        _run_watch(feeds, seconds, db or _default_db(), allow_private, rounds)


def _run_watch(feeds: list[str], seconds: float, db: Path, allow_private: bool,
               rounds: int | None) -> None:
    from . import open as open_store
    from .errors import SitroomError
    from .ingest import ReadOptions
    from .ingest.watch import PollResult, watch
    from .pipeline import Pipeline

    stop = threading.Event()
    previous = _on_sigterm(stop)

    def on_poll(result: PollResult) -> None:
        if result.error:
            typer.echo(f"{result.feed}: {result.error}", err=True)
            return
        events = getattr(result.report, "events", None)
        typer.echo(f"{result.feed}: {result.new_items} new, {result.documents} documents"
                   + (f", {events} events" if events is not None else "")
                   + (f", {result.rejected} rejected" if result.rejected else "")
                   + (f", {result.retry_later} to retry" if result.retry_later else ""), err=True)
        for problem in result.problems:
            typer.echo(f"  {problem}", err=True)

    try:
        with open_store(db) as store:
            typer.echo(f"watching {len(feeds)} source(s) every {seconds:g}s into {db} "
                       "(Ctrl-C to stop)", err=True)
            watch(feeds, store, Pipeline(), seconds, ReadOptions(allow_private=allow_private),
                  stop=stop, max_rounds=rounds, on_poll=on_poll)
    except SitroomError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from exc
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)
    typer.echo("stopped", err=True)


def _on_sigterm(stop: threading.Event) -> Any:
    if threading.current_thread() is not threading.main_thread():
        return None
    return signal.signal(signal.SIGTERM, lambda *_: stop.set())
