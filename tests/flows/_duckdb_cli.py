"""Run SQL the way a user does: through the DuckDB CLI, read-only, in another process.

Falls back to the duckdb Python package (read-only) when the CLI is not installed, so the
answers are still checked; ``CLI`` tells which one ran.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import duckdb


def _find_cli() -> str | None:
    candidate = Path(sys.executable).with_name("duckdb")
    return str(candidate) if candidate.exists() else shutil.which("duckdb")


CLI = _find_cli()


class QueryError(AssertionError):
    pass


def run_sql(database: Path | str | None, sql: str, cwd: Path | str | None = None) -> list[dict[str, Any]]:
    """Rows of one statement as dicts (values as JSON gives them: lists, numbers, strings).
    ``database`` None: an in-memory shell, as for read_parquet queries."""
    if CLI:
        cmd = [CLI, "-json", *(["-readonly", str(database)] if database else []), "-c", sql]
        result = subprocess.run(cmd, capture_output=True, text=True, timeout=60, cwd=cwd)
        if result.returncode != 0 or result.stderr.strip():
            raise QueryError(f"duckdb CLI failed ({result.returncode}): {result.stderr.strip()}\n{sql}")
        out = result.stdout.strip()
        return json.loads(out) if out else []
    con = duckdb.connect(str(database), read_only=True) if database else duckdb.connect()
    try:
        cursor = con.execute(sql)
        if cursor.description is None:
            return []
        names = [d[0] for d in cursor.description]
        rows = [dict(zip(names, row)) for row in cursor.fetchall()]
    except duckdb.Error as exc:
        raise QueryError(f"duckdb failed: {exc}\n{sql}") from exc
    finally:
        con.close()
    return json.loads(json.dumps(rows, default=str))  # the same shapes as the CLI's JSON


def scalar(database: Path | str | None, sql: str):
    [row] = run_sql(database, sql)
    [value] = row.values()
    return value
