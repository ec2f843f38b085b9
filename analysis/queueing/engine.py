"""The DuckDB connection every queue computation runs on."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import duckdb

# Other engineers share the machine; the product runs inside a web worker. Two threads is the budget.
THREADS = 2


def connect(*, threads: int = THREADS, memory_limit: str = "3GB") -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB that never reaches the network (no extension autoload)."""
    con = duckdb.connect(":memory:", config={"autoinstall_known_extensions": False,
                                             "autoload_known_extensions": False})
    con.execute(f"SET threads = {int(threads)}")
    con.execute(f"SET memory_limit = '{memory_limit}'")
    con.execute("SET preserve_insertion_order = false")
    con.execute("SET enable_progress_bar = false")
    # Spill (large sorts and windows) to the system temp dir, never the working directory.
    spill = Path(tempfile.gettempdir()) / "wicket-duckdb"
    spill.mkdir(exist_ok=True)
    con.execute(f"SET temp_directory = '{str(spill).replace(chr(39), chr(39) * 2)}'")
    return con


def first_row(con: duckdb.DuckDBPyConnection, sql: str) -> tuple[Any, ...] | None:
    """The first row of a query, or None (fetching it all, so the connection is free again)."""
    rows = con.execute(sql).fetchall()
    return rows[0] if rows else None
