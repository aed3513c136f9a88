"""Event storage: DuckDB by default, schema migrations recorded, one write path."""

from .migrations import LATEST_VERSION, MIGRATIONS, Migration
from .store import DEFAULT_BATCH_SIZE, EventQuery, IngestReport, Store, open_store

__all__ = ["Store", "open_store", "EventQuery", "IngestReport", "Migration", "MIGRATIONS",
           "LATEST_VERSION", "DEFAULT_BATCH_SIZE"]
