"""DuckDB adapter: the only module that talks to DuckDB. Bulk writes use DuckDB's
native appender inside the caller's transaction; no extension is ever installed or
autoloaded (offline users)."""

from __future__ import annotations

import logging
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterator, Sequence

import duckdb

from ..errors import StoreError

__all__ = ["DuckDBAdapter"]

log = logging.getLogger("sitroom.store")


class DuckDBAdapter:
    placeholder = "?"

    def __init__(self, path: str | Path, read_only: bool = False) -> None:
        self.path = str(path)
        config: dict[str, Any] = {"autoinstall_known_extensions": "false",
                                  "autoload_known_extensions": "false"}
        try:
            self.conn = duckdb.connect(self.path, read_only=read_only, config=config)
        except duckdb.Error as exc:
            raise StoreError(f"cannot open {self.path}: {exc}") from exc

    def close(self) -> None:
        self.conn.close()

    def execute(self, sql: str, params: Sequence[Any] = ()) -> list[tuple]:
        try:
            return self.conn.execute(sql, list(params)).fetchall()
        except duckdb.Error as exc:
            raise StoreError(f"{self.path}: {exc}") from exc

    def columns(self, sql: str, params: Sequence[Any] = ()) -> tuple[list[str], list[tuple]]:
        try:
            cur = self.conn.execute(sql, list(params))
            rows = cur.fetchall()
        except duckdb.Error as exc:
            raise StoreError(f"{self.path}: {exc}") from exc
        return [d[0] for d in cur.description], rows

    def arrow(self, sql: str, params: Sequence[Any] = ()) -> Any:
        try:
            return self.conn.sql(sql, params=list(params)).to_arrow_table()
        except duckdb.Error as exc:
            raise StoreError(f"{self.path}: {exc}") from exc

    def table_exists(self, name: str) -> bool:
        rows = self.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_name = ?", [name])
        return rows[0][0] > 0

    def append(self, table: str, columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
        """Bulk insert through the native appender (call inside ``transaction``)."""
        if not rows:
            return
        try:
            appender = self.conn.appender(table, columns=list(columns))
            appender.append_rows(rows)
            appender.flush()
        except duckdb.Error as exc:
            raise StoreError(f"{self.path}: writing {table}: {exc}") from exc

    @contextmanager
    def transaction(self) -> Iterator[None]:
        self.conn.execute("BEGIN TRANSACTION")
        try:
            yield
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        else:
            self.conn.execute("COMMIT")
