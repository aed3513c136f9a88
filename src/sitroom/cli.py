"""Command line interface: a thin typer layer over the library.

Domain errors become one-line messages here (exit code 2); problems with single input
items are reported on stderr and the run goes on.
"""

from __future__ import annotations

import csv
import json
import logging
import os
import sys
from collections import Counter
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterator, Optional

import typer

from . import __version__, _compiled
from .config import Settings
from .errors import SitroomError
from .model import Document, event_to_dict

if TYPE_CHECKING:
    from .ingest import ReadOptions

__all__ = ["app", "main"]

log = logging.getLogger("sitroom.cli")

app = typer.Typer(
    name="sitroom", no_args_is_help=True, add_completion=False,
    help="Turn news reports about conflict and politics into structured, sourced, geocoded events.")

GEOPARSE_STAGES = ("sentences.rules@1", "places.gazetteer@1")

INPUTS_HELP = ("Files, directories, http(s) URLs, or - for stdin. JSONL/CSV documents, text, "
               "HTML, RSS/Atom, WARC(.gz).")


def _default_db() -> Path:
    return Path(os.environ.get("SITROOM_DB", "sitroom.duckdb"))


def _version_callback(value: bool) -> None:
    if value:
        compiled = _compiled.compiled_modules()
        build = f"{len(compiled)} modules compiled" if compiled else "pure Python"
        if compiled and os.environ.get(_compiled.PURE_PYTHON_ENV):
            build += f", not used ({_compiled.PURE_PYTHON_ENV} is set)"
        typer.echo(f"sitroom {__version__} ({build})")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(False, "--version", callback=_version_callback, is_eager=True,
                                 help="Show the version and exit."),
    verbose: int = typer.Option(0, "--verbose", "-v", count=True, help="More log output."),
) -> None:
    level = logging.WARNING - 10 * min(verbose, 2)
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s",
                        stream=sys.stderr)


def _fail(message: str, code: int = 2) -> typer.Exit:
    typer.echo(f"error: {message}", err=True)
    return typer.Exit(code)


def _report_problem(source: str, reason: str) -> None:
    typer.echo(f"skipped {source}: {reason}", err=True)


class _Counts:
    def __init__(self) -> None:
        self.documents = 0
        self.problems = 0
        self.skipped_language = 0


def _read_options(allow_private: bool, max_bytes: int | None) -> ReadOptions:
    """``ReadOptions`` for the CLI's flags: the library's default size bound unless given."""
    from .ingest import DEFAULT_MAX_BYTES, ReadOptions

    return ReadOptions(allow_private=allow_private, max_bytes=max_bytes or DEFAULT_MAX_BYTES)


def _read(inputs: list[str], allow_private: bool, max_bytes: int | None,
          counts: _Counts) -> Iterator[Document]:
    """Documents from the inputs; rejected items are reported and counted."""
    from .ingest import read_inputs

    opts = _read_options(allow_private, max_bytes)
    for item in read_inputs(inputs, opts):
        if isinstance(item, Document):
            counts.documents += 1
            yield item
        else:
            counts.problems += 1
            where = item.source if item.line is None else f"{item.source}:{item.line}"
            _report_problem(where, item.reason)


@contextmanager
def _progress(label: str) -> Iterator[Any]:
    """A progress bar on a terminal; nothing when stderr is piped."""
    if not sys.stderr.isatty():
        yield lambda n=1: None
        return
    from rich.console import Console
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    with Progress(TextColumn("{task.description}"), BarColumn(), TextColumn("{task.completed} docs"),
                  TimeElapsedColumn(), transient=True, console=Console(stderr=True)) as bar:
        task = bar.add_task(label, total=None)
        yield lambda n=1: bar.advance(task, n)


@contextmanager
def _output(path: Optional[Path]) -> Iterator[Any]:
    if path is None or str(path) == "-":
        yield sys.stdout
    else:
        with open(path, "w", encoding="utf-8") as fh:
            yield fh


def _exit_code(counts: _Counts, strict: bool) -> int:
    if counts.documents == 0:
        typer.echo("error: no document could be read", err=True)
        return 1
    if strict and counts.problems:
        return 1
    return 0


@app.command()
def extract(
    inputs: list[str] = typer.Argument(..., help=INPUTS_HELP),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Events JSONL (default stdout)."),
    jobs: int = typer.Option(0, "--jobs", "-j", help="Worker processes (0 = one per core)."),
    strict: bool = typer.Option(False, "--strict", help="Exit non-zero if any input item failed."),
    allow_private: bool = typer.Option(False, "--allow-private", help="Allow URLs on private/loopback addresses."),
    max_bytes: Optional[int] = typer.Option(None, "--max-bytes", help="Reject inputs larger than this."),
) -> None:
    """Extract events from documents and stream them as JSONL (no database)."""
    from .parallel import default_jobs, extract_documents

    counts = _Counts()
    n_events = 0
    try:
        docs = _read(inputs, allow_private, max_bytes, counts)
        with _output(output) as out, _progress("extracting") as advance:
            for res in extract_documents(docs, Settings(), jobs or default_jobs(),
                                         events_only=True):
                advance()
                if not isinstance(res, Document):
                    counts.problems += 1
                    _report_problem(res[0], res[1])
                    continue
                for e in res.events:
                    out.write(json.dumps(event_to_dict(e), ensure_ascii=False) + "\n")
                    n_events += 1
    except SitroomError as exc:
        raise _fail(str(exc))
    typer.echo(f"{counts.documents} documents, {n_events} events, {counts.problems} problems",
               err=True)
    raise typer.Exit(_exit_code(counts, strict))


@app.command()
def geoparse(
    inputs: list[str] = typer.Argument(..., help=INPUTS_HELP),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Toponyms JSONL (default stdout)."),
    strict: bool = typer.Option(False, "--strict"),
    allow_private: bool = typer.Option(False, "--allow-private"),
) -> None:
    """Find and resolve place names; one JSONL line per toponym."""
    from .geo import toponym_record
    from .pipeline import Pipeline

    counts = _Counts()
    try:
        pipe = Pipeline(Settings(stages=GEOPARSE_STAGES))
        with _output(output) as out:
            for doc in pipe.pipe(_read(inputs, allow_private, None, counts)):
                for place in doc.places:
                    if place.mention is not None:  # a country hinted by demonyms only
                        out.write(json.dumps(toponym_record(doc.id, place), ensure_ascii=False) + "\n")
    except SitroomError as exc:
        raise _fail(str(exc))
    raise typer.Exit(_exit_code(counts, strict))


@app.command()
def schema() -> None:
    """Print the JSON Schema of the event records."""
    from .schema import event_json_schema

    typer.echo(json.dumps(event_json_schema(), indent=2))


def _ingest(inputs: list[str], db: Path, jobs: int, allow_private: bool,
            max_bytes: Optional[int]) -> tuple[Any, _Counts]:
    from .ingest import read_inputs
    from .parallel import default_jobs
    from .pipeline import Pipeline
    from .store import open_store

    counts = _Counts()
    opts = _read_options(allow_private, max_bytes)
    with open_store(db) as store, _progress("ingesting") as advance:
        report = store.ingest(read_inputs(inputs, opts), Pipeline(), jobs=jobs or default_jobs(),
                              progress=advance)
    for where, reason in report.problems:
        _report_problem(where, reason)
    counts.documents = report.read - report.rejected
    counts.problems = report.rejected
    return report, counts


@app.command()
def ingest(
    inputs: list[str] = typer.Argument(..., help=INPUTS_HELP),
    db: Path = typer.Option(_default_db, "--db", help="DuckDB file (default $SITROOM_DB or ./sitroom.duckdb)."),
    jobs: int = typer.Option(0, "--jobs", "-j", help="Worker processes (0 = one per core)."),
    strict: bool = typer.Option(False, "--strict"),
    allow_private: bool = typer.Option(False, "--allow-private"),
    max_bytes: Optional[int] = typer.Option(None, "--max-bytes"),
) -> None:
    """Extract documents into the store (idempotent: stored documents are skipped)."""
    try:
        report, counts = _ingest(inputs, db, jobs, allow_private, max_bytes)
    except SitroomError as exc:
        raise _fail(str(exc))
    typer.echo(_ingest_summary(report, db), err=True)
    raise typer.Exit(_exit_code(counts, strict))


def _ingest_summary(report: Any, db: Path) -> str:
    return (f"{report.read} read, {report.stored} stored in {db}, {report.events} events; "
            f"{report.already_stored} already stored, {report.near_duplicates} near-duplicates, "
            f"{report.non_english} not English (kept, not extracted), {report.rejected} rejected")


def _parse_near(near: Optional[str]) -> tuple[float, float, float] | None:
    if not near:
        return None
    try:
        lat, lon, km = (float(x) for x in near.split(","))
    except ValueError:
        raise _fail(f"--near wants LAT,LON,KM, got {near!r}")
    return lat, lon, km


_TABLE_COLUMNS = ("date", "type", "sub-event", "actor1", "actor2", "location", "dead", "status", "conf")


def _table_row(d: dict[str, Any]) -> list[str]:
    def actor(a: Any) -> str:
        return f"{a['name']} ({a.get('country') or '?'}/{a.get('sector') or '?'})" if a else ""

    loc = d.get("location") or {}
    return [(d.get("date") or {}).get("start") or "", d["event_type"],
            d.get("acled_sub_event_type") or "", actor(d.get("actor1")), actor(d.get("actor2")),
            f"{loc.get('name', '')} {loc.get('country') or ''}".strip(),
            "" if d.get("fatalities") is None else str(d["fatalities"]), d["status"],
            f"{d['confidence']:.2f}"]


def _print_events(records: list[dict[str, Any]], fmt: str) -> None:
    if fmt == "jsonl":
        for r in records:
            typer.echo(json.dumps(r, ensure_ascii=False))
    elif fmt == "csv":
        w = csv.writer(sys.stdout)
        w.writerow(("doc_id",) + _TABLE_COLUMNS + ("evidence",))
        for r in records:
            w.writerow([r["doc_id"], *_table_row(r), r["evidence"]["text"]])
    else:
        from rich.console import Console
        from rich.table import Table

        table = Table(*_TABLE_COLUMNS, show_lines=False)
        for r in records:
            table.add_row(*_table_row(r))
        Console(width=max(160, Console().width)).print(table)


@app.command()
def events(
    db: Path = typer.Option(_default_db, "--db"),
    since: Optional[str] = typer.Option(None, help="YYYY-MM-DD"),
    until: Optional[str] = typer.Option(None, help="YYYY-MM-DD"),
    type: Optional[str] = typer.Option(None, "--type", help="PLOVER type or ACLED sub-event type."),  # noqa: A002
    country: Optional[str] = typer.Option(None, help="ISO3 of the location or an actor."),
    actor: Optional[str] = typer.Option(None, help="Substring of an actor's name."),
    near: Optional[str] = typer.Option(None, help="LAT,LON,KM"),
    status: Optional[str] = typer.Option(None),
    limit: Optional[int] = typer.Option(None),
    format: str = typer.Option("table", "--format", help="table, jsonl or csv."),  # noqa: A002
) -> None:
    """Query stored events."""
    from .store import open_store

    if format not in {"table", "jsonl", "csv"}:
        raise _fail("--format must be table, jsonl or csv")
    if not db.exists():
        raise _fail(f"no store at {db} (run `sitroom ingest` first)")
    try:
        with open_store(db, read_only=True) as store:
            records = store.events(since=since, until=until, type=type, country=country,
                                   actor=actor, near=_parse_near(near), status=status,
                                   limit=limit).to_dicts()
    except (SitroomError, ValueError) as exc:
        raise _fail(str(exc))
    _print_events(records, format)


@app.command()
def docs(
    db: Path = typer.Option(_default_db, "--db"),
    duplicates: bool = typer.Option(False, "--duplicates", help="Show near-duplicate groups."),
    limit: Optional[int] = typer.Option(None),
) -> None:
    """List stored documents, or their near-duplicate groups."""
    from .store import open_store

    if not db.exists():
        raise _fail(f"no store at {db}")
    with open_store(db, read_only=True) as store:
        if duplicates:
            for n, group in enumerate(store.duplicate_groups(), 1):
                typer.echo(f"group {n}:")
                for d in group:
                    typer.echo(f"  {d['id']}\t{d['status']}\t{d['title'] or ''}\t{d['source'] or ''}")
            return
        for d in store.documents(limit):
            typer.echo(f"{d['id']}\t{d['status']}\t{d['language'] or '?'}\t{d['n_events']} events\t"
                       f"{d['title'] or ''}")


@app.command()
def rejects(
    db: Path = typer.Option(_default_db, "--db"),
    limit: Optional[int] = typer.Option(None),
    save_raw: Optional[int] = typer.Option(None, "--save-raw", help="Write the raw bytes of reject ID."),
    to: Optional[Path] = typer.Option(None, "--to", help="File for --save-raw (default stdout)."),
) -> None:
    """List rejected inputs (kept with their raw bytes for a later retry)."""
    from .store import open_store

    if not db.exists():
        raise _fail(f"no store at {db}")
    with open_store(db, read_only=True) as store:
        if save_raw is not None:
            raw = store.reject_raw(save_raw)
            if raw is None:
                raise _fail(f"reject {save_raw} has no raw bytes")
            (to.write_bytes(raw) if to else sys.stdout.buffer.write(raw))
            return
        for r in store.rejects(limit):
            where = r["source"] if r["line"] is None else f"{r['source']}:{r['line']}"
            typer.echo(f"{r['id']}\t{r['rejected_at']:%Y-%m-%d %H:%M}\t{r['kind'] or ''}\t{where}\t"
                       f"{r['reason']}\t{r['raw_bytes'] or 0} bytes kept")


@app.command()
def demo(db: Path = typer.Option(_default_db, "--db")) -> None:
    """Ingest the bundled sample reports into the store and show what was extracted."""
    from importlib import resources

    samples = resources.files("sitroom").joinpath("samples")
    with resources.as_file(samples) as folder:
        try:
            report, _ = _ingest([str(folder)], db, 1, False, None)
            from .store import open_store

            with open_store(db, read_only=True) as store:
                names = sorted(p.stem for p in Path(folder).iterdir() if p.is_file())
                records = [r for r in store.events().to_dicts() if r["doc_id"] in names]
        except SitroomError as exc:
            raise _fail(str(exc))
    _print_events(records, "table")
    typer.echo(_summary(records))
    typer.echo(_ingest_summary(report, db))


def _summary(records: list[dict[str, Any]]) -> str:
    by_type = Counter(r["event_type"] for r in records)
    by_status = Counter(r["status"] for r in records)
    docs = len({r["doc_id"] for r in records})
    dead = sum(r["fatalities"] or 0 for r in records)
    located = sum(1 for r in records if (r.get("location") or {}).get("lat") is not None)
    return (f"{len(records)} events from {docs} reports; located {located}; fatalities {dead}\n"
            f"by type: {', '.join(f'{k} {v}' for k, v in by_type.most_common())}\n"
            f"by status: {', '.join(f'{k} {v}' for k, v in by_status.most_common())}")


def _register_more_commands() -> None:
    from .cli_ingest import register

    register(app)


_register_more_commands()


def main() -> None:
    app()
