"""Named, ordered schema migrations. Each applied migration is recorded in
``schema_migrations``; opening a store applies the ones it lacks, in order, each in
its own transaction. Never edit a released migration: add a new one."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Migration", "MIGRATIONS", "LATEST_VERSION"]


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    statements: tuple[str, ...]


MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "initial_documents_and_events", (
        """CREATE TABLE documents (
            id VARCHAR PRIMARY KEY,
            url VARCHAR,
            title VARCHAR,
            published DATE,
            language VARCHAR,
            source VARCHAR,
            content_hash VARCHAR NOT NULL,
            text VARCHAR NOT NULL,
            ingested_at TIMESTAMP NOT NULL,
            n_events INTEGER NOT NULL
        )""",
        "CREATE INDEX documents_hash ON documents(content_hash)",
        """CREATE TABLE events (
            id VARCHAR PRIMARY KEY,
            doc_id VARCHAR NOT NULL,
            event_type VARCHAR NOT NULL,
            mode VARCHAR,
            context VARCHAR,
            acled_sub_event_type VARCHAR,
            status VARCHAR NOT NULL,
            confidence DOUBLE NOT NULL,
            date_start DATE,
            date_end DATE,
            date_precision VARCHAR,
            fatalities INTEGER,
            actor1_name VARCHAR,
            actor1_country VARCHAR,
            actor1_sector VARCHAR,
            actor2_name VARCHAR,
            actor2_country VARCHAR,
            actor2_sector VARCHAR,
            location_name VARCHAR,
            location_country VARCHAR,
            lat DOUBLE,
            lon DOUBLE,
            location_precision VARCHAR,
            extractor VARCHAR NOT NULL,
            extractor_version VARCHAR NOT NULL,
            record JSON NOT NULL
        )""",
        "CREATE INDEX events_doc ON events(doc_id)",
        """CREATE TABLE actors (
            event_id VARCHAR NOT NULL, role VARCHAR NOT NULL, name VARCHAR NOT NULL,
            country VARCHAR, sector VARCHAR, start_char INTEGER, end_char INTEGER
        )""",
        """CREATE TABLE places (
            event_id VARCHAR NOT NULL, name VARCHAR NOT NULL, admin1 VARCHAR, country VARCHAR,
            lat DOUBLE, lon DOUBLE, geonames_id BIGINT, precision VARCHAR,
            start_char INTEGER, end_char INTEGER
        )""",
        """CREATE TABLE quantities (
            event_id VARCHAR NOT NULL, idx INTEGER NOT NULL, value DOUBLE NOT NULL,
            unit VARCHAR, approximate BOOLEAN NOT NULL, text VARCHAR,
            start_char INTEGER, end_char INTEGER
        )""",
        """CREATE TABLE attributions (
            event_id VARCHAR NOT NULL, idx INTEGER NOT NULL, source VARCHAR,
            anonymous BOOLEAN NOT NULL, cue VARCHAR, quote VARCHAR,
            source_start INTEGER, source_end INTEGER, cue_start INTEGER, cue_end INTEGER,
            quote_start INTEGER, quote_end INTEGER
        )""",
        """CREATE TABLE evidence (
            event_id VARCHAR NOT NULL, doc_id VARCHAR NOT NULL,
            start_char INTEGER NOT NULL, end_char INTEGER NOT NULL, text VARCHAR NOT NULL,
            trigger_start INTEGER, trigger_end INTEGER
        )""",
    )),
    Migration(2, "rejects_and_feed_items", (
        "CREATE SEQUENCE rejects_seq START 1",
        """CREATE TABLE rejects (
            id BIGINT PRIMARY KEY DEFAULT nextval('rejects_seq'),
            source VARCHAR NOT NULL,
            line INTEGER,
            kind VARCHAR,
            reason VARCHAR NOT NULL,
            raw BLOB,
            rejected_at TIMESTAMP NOT NULL
        )""",
        """CREATE TABLE feed_items (
            feed VARCHAR NOT NULL, item_key VARCHAR NOT NULL, seen_at TIMESTAMP NOT NULL,
            PRIMARY KEY (feed, item_key)
        )""",
    )),
    Migration(3, "document_status_and_near_duplicates", (
        "ALTER TABLE documents ADD COLUMN status VARCHAR DEFAULT 'extracted'",
        "ALTER TABLE documents ADD COLUMN duplicate_of VARCHAR",
        "ALTER TABLE documents ADD COLUMN signature BLOB",
        "ALTER TABLE documents ADD COLUMN author VARCHAR",
    )),
)

LATEST_VERSION: int = MIGRATIONS[-1].version
