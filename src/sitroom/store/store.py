"""The event store: one write path, recorded migrations, filters, Arrow/pandas export.

Backend-specific SQL lives in the adapter; this module is the same for every backend.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Sequence

from ..errors import StoreError
from ..model import Document, Event, event_from_dict, event_to_dict
from .duckdb_adapter import DuckDBAdapter
from .migrations import LATEST_VERSION, MIGRATIONS

__all__ = ["Store", "open_store", "IngestReport", "EventQuery", "DEFAULT_BATCH_SIZE"]

log = logging.getLogger("sitroom.store")

# Documents per transaction. A killed run loses at most one uncommitted batch, which the
# next run redoes (ingest is idempotent). 200 keeps commits under ~1 s at 150 docs/s.
DEFAULT_BATCH_SIZE = 200

_EVENT_COLUMNS = (
    "id", "doc_id", "event_type", "mode", "context", "acled_sub_event_type", "status",
    "confidence", "date_start", "date_end", "date_precision", "fatalities",
    "actor1_name", "actor1_country", "actor1_sector", "actor2_name", "actor2_country",
    "actor2_sector", "location_name", "location_country", "lat", "lon",
    "location_precision", "extractor", "extractor_version", "record",
)
_DOC_COLUMNS = ("id", "url", "title", "published", "language", "source", "content_hash",
                "text", "ingested_at", "n_events", "status", "duplicate_of", "signature",
                "author")
_REJECT_COLUMNS = ("source", "line", "kind", "reason", "raw", "rejected_at")


def _now() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)


@dataclass
class IngestReport:
    """What one ingest run did. ``problems`` lists (source, reason) of everything rejected."""

    read: int = 0
    stored: int = 0
    extracted: int = 0
    events: int = 0
    already_stored: int = 0
    near_duplicates: int = 0
    non_english: int = 0
    rejected: int = 0
    problems: list[tuple[str, str]] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {k: v for k, v in self.__dict__.items() if k != "problems"}


@dataclass
class _Batch:
    documents: list[tuple[Document, str, str | None, bytes | None]] = field(default_factory=list)
    rejects: list[Any] = field(default_factory=list)


class EventQuery:
    """Lazy result of ``Store.events``: iterate for Event records, or export."""

    def __init__(self, store: Store, where: str, params: list[Any], limit: int | None) -> None:
        self._store, self._where, self._params, self._limit = store, where, params, limit

    def _sql(self, columns: str) -> str:
        sql = f"SELECT {columns} FROM events {self._where} ORDER BY date_start NULLS LAST, doc_id, id"
        return sql + (f" LIMIT {int(self._limit)}" if self._limit else "")

    def records(self) -> list[Event]:
        rows = self._store.adapter.execute(self._sql("record"), self._params)
        return [event_from_dict(json.loads(r[0])) for r in rows]

    def __iter__(self) -> Iterator[Event]:
        return iter(self.records())

    def __len__(self) -> int:
        sql = f"SELECT count(*) FROM ({self._sql('id')})"
        return int(self._store.adapter.execute(sql, self._params)[0][0])

    def to_arrow(self) -> Any:
        cols = ", ".join(c for c in _EVENT_COLUMNS if c != "record")
        return self._store.adapter.arrow(self._sql(cols), self._params)

    def to_pandas(self) -> Any:
        return self.to_arrow().to_pandas()

    def to_dicts(self) -> list[dict[str, Any]]:
        return [event_to_dict(e) for e in self.records()]


class Store:
    def __init__(self, adapter: DuckDBAdapter, *, migrate: bool = True) -> None:
        self.adapter = adapter
        if migrate:
            self.migrate()

    # ------------------------------------------------------------------ schema
    def migrate(self, upto: int | None = None) -> list[str]:
        """Apply missing migrations (up to ``upto``); return the names applied."""
        a = self.adapter
        a.execute("""CREATE TABLE IF NOT EXISTS schema_migrations (
            version INTEGER PRIMARY KEY, name VARCHAR NOT NULL, applied_at TIMESTAMP NOT NULL)""")
        done = {r[0] for r in a.execute("SELECT version FROM schema_migrations")}
        if done and max(done) > LATEST_VERSION:
            raise StoreError(f"{a.path} was written by a newer sitroom (schema version "
                             f"{max(done)} > {LATEST_VERSION}); upgrade sitroom")
        applied = []
        for m in MIGRATIONS:
            if m.version in done or (upto is not None and m.version > upto):
                continue
            with a.transaction():
                for stmt in m.statements:
                    a.execute(stmt)
                a.execute("INSERT INTO schema_migrations VALUES (?, ?, ?)",
                          [m.version, m.name, _now()])
            log.info("applied migration %d %s to %s", m.version, m.name, a.path)
            applied.append(m.name)
        return applied

    def migrations(self) -> list[tuple[int, str]]:
        return [(r[0], r[1]) for r in self.adapter.execute(
            "SELECT version, name FROM schema_migrations ORDER BY version")]

    def close(self) -> None:
        self.adapter.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------------ write path
    def ingest(self, items: Iterable[Any], pipeline: Any = None, *, jobs: int = 1,
               batch_size: int = DEFAULT_BATCH_SIZE,
               progress: Callable[[int], None] | None = None) -> IngestReport:
        """Read items (Documents or rejected-input records), skip what is stored already,
        link near-duplicates to their first copy, extract the rest and store everything,
        one transaction per batch.

        With ``jobs`` > 1 the workers extract one batch while this process reads, triages
        and stores its neighbours; batches are still committed in input order."""
        from ..parallel import ParallelExtractor
        from ..pipeline import Pipeline

        report = IngestReport()
        index = self._near_duplicate_index()
        known = _Known()
        pending: tuple[_Batch, Iterator[Any], int] | None = None
        with ParallelExtractor(pipeline or Pipeline(), jobs, events_only=True) as extractor:
            for chunk in _chunks(items, batch_size):
                batch, to_extract = self._prepare(chunk, index, known, report)
                started = (batch, extractor.submit(to_extract), len(chunk))
                if pending:
                    self._complete(*pending, report, progress)
                pending = started
            if pending:
                self._complete(*pending, report, progress)
        return report

    def _prepare(self, chunk: list[Any], index: Any, known: _Known, report: IngestReport
                 ) -> tuple[_Batch, list[Document]]:
        """Sort one chunk of input into rejects, skips, duplicates and documents to extract."""
        batch = _Batch()
        known.merge(self._known([d for d in chunk if isinstance(d, Document)]))
        to_extract: list[Document] = []
        for item in chunk:
            report.read += 1
            if not isinstance(item, Document):
                batch.rejects.append(item)
                continue
            try:
                verdict = self._triage(item, index, known, report)
            except _IdConflict as exc:
                batch.rejects.append(_Problem(item.source or item.id, str(exc), "id-conflict",
                                              item.text.encode("utf-8", "replace")))
                continue
            if verdict is None:
                continue
            status, dup_of, sig = verdict
            if status == "extract":
                to_extract.append(item)
                batch.documents.append((item, "pending", None, sig))
            else:
                batch.documents.append((item, status, dup_of, sig))
        return batch, to_extract

    def _complete(self, batch: _Batch, results: Iterator[Any], n_read: int,
                  report: IngestReport, progress: Callable[[int], None] | None) -> None:
        """Collect a batch's extractions and store the batch in one transaction."""
        done = {}
        for res in results:
            if isinstance(res, Document):
                done[res.id] = res
            else:
                batch.rejects.append(_Problem(res[0], res[1], "extraction"))
        batch.documents = [
            (done.get(d.id, d), "extracted" if d.id in done else
             ("failed" if st == "pending" else st), dup, sig)
            for d, st, dup, sig in batch.documents]
        self._write(batch)
        report.stored += len(batch.documents)
        report.extracted += sum(1 for _, st, _, _ in batch.documents if st == "extracted")
        report.events += sum(len(d.events) for d, st, _, _ in batch.documents
                             if st == "extracted")
        report.rejected += len(batch.rejects)
        report.problems += [(r.source if getattr(r, "line", None) is None
                             else f"{r.source}:{r.line}", r.reason) for r in batch.rejects]
        if progress:
            progress(n_read)

    def _triage(self, doc: Document, index: Any, known: _Known, report: IngestReport
                ) -> tuple[str, str | None, bytes | None] | None:
        """Decide what to do with one document: None = already stored (skip)."""
        if known.contains(doc):
            report.already_stored += 1
            return None
        known.add(doc)
        sig = index.signature(doc.text) if index is not None else None
        dup_of = index.find(sig) if index is not None else None
        if index is not None:
            index.add(doc.id, sig)
        if dup_of is not None:
            report.near_duplicates += 1
            return "duplicate", dup_of, sig
        if doc.language and not doc.language.startswith("en"):
            report.non_english += 1
            return "non-english", None, sig
        return "extract", None, sig

    def _known(self, docs: Sequence[Document]) -> _Known:
        """What of ``docs`` is stored already: one query per batch, not per document."""
        known = _Known()
        if not docs:
            return known
        marks = ", ".join(["?"] * len(docs))
        urls = [d.url for d in docs if d.url]
        sql = (f"SELECT id, content_hash, url FROM documents WHERE content_hash IN ({marks}) "
               f"OR id IN ({marks})")
        params: list[Any] = [d.content_hash for d in docs] + [d.id for d in docs]
        if urls:
            sql += f" OR url IN ({', '.join(['?'] * len(urls))})"
            params += urls
        for doc_id, chash, url in self.adapter.execute(sql, params):
            known.hashes.add(chash)
            known.ids[doc_id] = chash
            if url:
                known.urls.add(url)
        return known

    def _near_duplicate_index(self) -> Any:
        try:
            from ..ingest.dedupe import NearDuplicateIndex
        except ImportError:
            log.warning("near-duplicate detection unavailable")
            return None
        rows = self.adapter.execute(
            "SELECT id, signature FROM documents WHERE signature IS NOT NULL ORDER BY ingested_at")
        return NearDuplicateIndex.from_pairs((r[0], bytes(r[1])) for r in rows)

    def add_documents(self, docs: Sequence[Document]) -> None:
        """Store already-extracted documents and their events (skipping stored ones)."""
        batch = _Batch()
        known = self._known(docs)
        for d in docs:
            if not known.contains(d):
                known.add(d)
                batch.documents.append((d, "extracted", None, None))
        self._write(batch)

    def add_rejects(self, rejects: Sequence[Any]) -> None:
        self._write(_Batch(rejects=list(rejects)))

    def _write(self, batch: _Batch) -> None:
        """The one write path: documents, events and their parts, rejects — atomically."""
        now = _now()
        doc_rows, event_rows = [], []
        parts: dict[str, list[tuple]] = {k: [] for k in
                                         ("actors", "places", "quantities", "attributions", "evidence")}
        for doc, status, dup_of, sig in batch.documents:
            events = _unique_events(doc.events) if status == "extracted" else []
            doc_rows.append((doc.id, doc.url, doc.title, doc.published, doc.language, doc.source,
                             doc.content_hash, doc.text, now, len(events), status, dup_of, sig,
                             (doc.meta or {}).get("author")))
            for eid, e in events:
                event_rows.append(_event_row(eid, e))
                _event_parts(eid, e, parts)
        reject_rows = [(r.source, getattr(r, "line", None), getattr(r, "kind", None) or None,
                        r.reason, getattr(r, "raw", None), now) for r in batch.rejects]
        a = self.adapter
        with a.transaction():
            a.append("documents", _DOC_COLUMNS, doc_rows)
            a.append("events", _EVENT_COLUMNS, event_rows)
            a.append("actors", ("event_id", "role", "name", "country", "sector", "start_char",
                                "end_char"), parts["actors"])
            a.append("places", ("event_id", "name", "admin1", "country", "lat", "lon",
                                "geonames_id", "precision", "start_char", "end_char"), parts["places"])
            a.append("quantities", ("event_id", "idx", "value", "unit", "approximate", "text",
                                    "start_char", "end_char"), parts["quantities"])
            a.append("attributions", ("event_id", "idx", "source", "anonymous", "cue", "quote",
                                      "source_start", "source_end", "cue_start", "cue_end",
                                      "quote_start", "quote_end"), parts["attributions"])
            a.append("evidence", ("event_id", "doc_id", "start_char", "end_char", "text",
                                  "trigger_start", "trigger_end"), parts["evidence"])
            a.append("rejects", _REJECT_COLUMNS, reject_rows)

    # ------------------------------------------------------------------ feeds
    def seen_items(self, feed: str) -> set[str]:
        return {r[0] for r in self.adapter.execute(
            "SELECT item_key FROM feed_items WHERE feed = ?", [feed])}

    def mark_seen(self, feed: str, keys: Iterable[str]) -> None:
        new = sorted(set(keys) - self.seen_items(feed))
        with self.adapter.transaction():
            self.adapter.append("feed_items", ("feed", "item_key", "seen_at"),
                                [(feed, k, _now()) for k in new])

    # ------------------------------------------------------------------ reads
    def events(self, *, since: str | date | None = None, until: str | date | None = None,
               type: str | None = None, country: str | None = None,  # noqa: A002
               actor: str | None = None, near: tuple[float, float, float] | None = None,
               status: str | None = None, doc_id: str | None = None,
               limit: int | None = None) -> EventQuery:
        """Filter stored events. ``type`` matches the PLOVER type or the ACLED sub-event
        type; ``country`` the location or either actor; ``actor`` is a case-insensitive
        substring of either actor's name; ``near`` is (lat, lon, km)."""
        where, params = _event_filters(since, until, type, country, actor, near, status, doc_id)
        return EventQuery(self, where, params, limit)

    def documents(self, limit: int | None = None) -> list[dict[str, Any]]:
        cols, rows = self.adapter.columns(
            "SELECT id, title, published, language, status, duplicate_of, n_events, source, url "
            "FROM documents ORDER BY ingested_at, id" + (f" LIMIT {int(limit)}" if limit else ""))
        return [dict(zip(cols, r)) for r in rows]

    def duplicate_groups(self) -> list[list[dict[str, Any]]]:
        """Each group: the first copy, then the documents linked to it."""
        cols, rows = self.adapter.columns(
            "SELECT coalesce(duplicate_of, id) AS grp, id, title, source, url, status "
            "FROM documents WHERE id IN (SELECT duplicate_of FROM documents) "
            "OR duplicate_of IS NOT NULL ORDER BY grp, duplicate_of NULLS FIRST, id")
        groups: dict[str, list[dict[str, Any]]] = {}
        for r in rows:
            groups.setdefault(r[0], []).append(dict(zip(cols[1:], r[1:])))
        return list(groups.values())

    def rejects(self, limit: int | None = None) -> list[dict[str, Any]]:
        cols, rows = self.adapter.columns(
            "SELECT id, source, line, kind, reason, octet_length(raw) AS raw_bytes, rejected_at "
            "FROM rejects ORDER BY id" + (f" LIMIT {int(limit)}" if limit else ""))
        return [dict(zip(cols, r)) for r in rows]

    def reject_raw(self, reject_id: int) -> bytes | None:
        rows = self.adapter.execute("SELECT raw FROM rejects WHERE id = ?", [reject_id])
        return bytes(rows[0][0]) if rows and rows[0][0] is not None else None

    def counts(self) -> dict[str, int]:
        return {t: int(self.adapter.execute(f"SELECT count(*) FROM {t}")[0][0])
                for t in ("documents", "events", "rejects")}


class _IdConflict(StoreError):
    pass


@dataclass
class _Known:
    """Content hashes, ids and URLs already stored or already taken in this run."""

    hashes: set[str] = field(default_factory=set)
    ids: dict[str, str] = field(default_factory=dict)
    urls: set[str] = field(default_factory=set)

    def contains(self, doc: Document) -> bool:
        if doc.content_hash in self.hashes or (doc.url and doc.url in self.urls):
            return True
        stored = self.ids.get(doc.id)
        if stored is not None and stored != doc.content_hash:
            raise _IdConflict(f"document id {doc.id!r} is already stored with different text")
        return stored is not None

    def add(self, doc: Document) -> None:
        self.hashes.add(doc.content_hash)
        self.ids[doc.id] = doc.content_hash
        if doc.url:
            self.urls.add(doc.url)

    def merge(self, other: _Known) -> None:
        self.hashes |= other.hashes
        self.ids.update(other.ids)
        self.urls |= other.urls


class _Problem:
    def __init__(self, source: str, reason: str, kind: str, raw: bytes | None = None) -> None:
        self.source, self.reason, self.kind, self.line, self.raw = source, reason, kind, None, raw


def _chunks(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    chunk: list[Any] = []
    for it in items:
        chunk.append(it)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _unique_events(events: Sequence[Event]) -> list[tuple[str, Event]]:
    """(id, event) for each distinct event id (ids are hashed: compute each once)."""
    seen: set[str] = set()
    out = []
    for e in events:
        eid = e.id
        if eid not in seen:
            seen.add(eid)
            out.append((eid, e))
    return out


def _event_row(eid: str, e: Event) -> tuple:
    a1, a2, loc, d = e.actor1, e.actor2, e.location, e.date
    return (eid, e.doc_id, e.event_type, e.mode, e.context, e.acled_sub_event_type, e.status,
            float(e.confidence), d.start if d else None, d.end if d else None,
            d.precision if d else None, e.fatalities,
            a1.name if a1 else None, a1.country if a1 else None, a1.sector if a1 else None,
            a2.name if a2 else None, a2.country if a2 else None, a2.sector if a2 else None,
            loc.name if loc else None, loc.country if loc else None,
            loc.lat if loc else None, loc.lon if loc else None, loc.precision if loc else None,
            e.extractor, e.extractor_version, json.dumps(event_to_dict(e), ensure_ascii=False))


def _span(m: Any) -> tuple[int | None, int | None]:
    return (m.start, m.end) if m is not None else (None, None)


def _event_parts(eid: str, e: Event, parts: dict[str, list[tuple]]) -> None:
    for role, a in (("actor1", e.actor1), ("actor2", e.actor2)):
        if a is not None:
            parts["actors"].append((eid, role, a.name, a.country, a.sector, *_span(a.mention)))
    if e.location is not None:
        p = e.location
        parts["places"].append((eid, p.name, p.admin1, p.country, p.lat, p.lon, p.geonames_id,
                                p.precision, *_span(p.mention)))
    for i, q in enumerate(e.quantities):
        parts["quantities"].append((eid, i, float(q.value), q.unit, q.approximate,
                                    q.mention.text if q.mention else None, *_span(q.mention)))
    for i, at in enumerate(e.attribution):
        parts["attributions"].append((eid, i, at.source, at.anonymous,
                                      at.cue.text if at.cue else None,
                                      at.quote.text if at.quote else None,
                                      *_span(at.source_mention), *_span(at.cue), *_span(at.quote)))
    parts["evidence"].append((eid, e.doc_id, e.evidence.start, e.evidence.end, e.evidence.text,
                              *_span(e.trigger)))


def _as_date(v: str | date | None) -> date | None:
    if v is None or isinstance(v, date):
        return v
    return date.fromisoformat(str(v))


def _event_filters(since, until, type_, country, actor, near, status, doc_id
                   ) -> tuple[str, list[Any]]:
    clauses: list[str] = []
    params: list[Any] = []
    if since is not None:
        clauses.append("coalesce(date_end, date_start) >= ?")
        params.append(_as_date(since))
    if until is not None:
        clauses.append("date_start <= ?")
        params.append(_as_date(until))
    if type_:
        clauses.append("(upper(event_type) = upper(?) OR lower(acled_sub_event_type) = lower(?))")
        params += [type_, type_]
    if country:
        clauses.append("(location_country = ? OR actor1_country = ? OR actor2_country = ?)")
        params += [country.upper()] * 3
    if actor:
        clauses.append("(actor1_name ILIKE ? OR actor2_name ILIKE ?)")
        params += [f"%{actor}%"] * 2
    if status:
        clauses.append("status = ?")
        params.append(status)
    if doc_id:
        clauses.append("doc_id = ?")
        params.append(doc_id)
    if near is not None:
        lat, lon, km = near
        clauses.append(
            "lat IS NOT NULL AND 2 * 6371.0088 * asin(least(1, sqrt("
            "pow(sin(radians(lat - ?) / 2), 2) + cos(radians(?)) * cos(radians(lat)) * "
            "pow(sin(radians(lon - ?) / 2), 2)))) <= ?")
        params += [lat, lat, lon, km]
    return ("WHERE " + " AND ".join(clauses)) if clauses else "", params


def open_store(path: str | Path = "sitroom.duckdb", *, read_only: bool = False) -> Store:
    """Open a DuckDB event store, creating and migrating it as needed."""
    p = Path(path)
    if read_only and not p.exists():
        raise StoreError(f"no store at {p}")
    if not read_only and p.parent and not p.parent.exists():
        p.parent.mkdir(parents=True, exist_ok=True)
    adapter = DuckDBAdapter(p, read_only=read_only)
    return Store(adapter, migrate=not read_only)
