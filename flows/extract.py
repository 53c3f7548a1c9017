"""Read the input: a directory of .txt articles (+ optional manifest) and JSON Lines feeds.

The only module that reads input files. It turns them into ``Article``/``Reject`` records via
the pure functions in ``transforms.sources``; every file or line that cannot become an article
is a reject with a reason, never an exception that stops the run.

Directory inputs may mix ``.txt`` files, ``.jsonl``/``.jsonl.gz`` feeds and one metadata
sidecar at the top (``manifest.csv`` or ``manifest.jsonl``: file, outlet, url, published_at,
title, author). Manifest paths are resolved inside the input directory only.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from transforms.sources import (
    MAX_ARTICLE_BYTES,
    METADATA_FIELDS,
    WARNING,
    Article,
    Reject,
    build_article,
    decode_bytes,
    parse_feed_line,
)

MANIFEST_NAMES = ("manifest.csv", "manifest.jsonl")
TEXT_SUFFIXES = (".txt",)
FEED_SUFFIXES = (".jsonl", ".jsonl.gz", ".ndjson", ".ndjson.gz")
IGNORED_NAMES = {"README.md", "LICENSE", ".DS_Store"}


@dataclass(frozen=True, slots=True)
class InputFile:
    path: Path
    source: str  # relative to the input root, with "/" separators
    kind: str  # text | feed


@dataclass(slots=True)
class Inventory:
    root: Path
    files: list[InputFile]
    manifest: dict[str, dict]
    rejects: list[Reject]


def _is_feed(name: str) -> bool:
    return name.endswith(FEED_SUFFIXES)


def discover(input_path: str | os.PathLike) -> Inventory:
    """List what a run will read, and reject what it cannot (with reasons) up front."""
    path = Path(input_path)
    if not path.exists():
        raise FileNotFoundError(f"input {path} does not exist")
    if path.is_file():
        kind = "feed" if _is_feed(path.name) else "text"
        return Inventory(path.parent, [InputFile(path, path.name, kind)], {}, [])
    root = path
    files: list[InputFile] = []
    rejects: list[Reject] = []
    real_root = root.resolve()
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            full = Path(dirpath) / name
            source = full.relative_to(root).as_posix()
            if name.startswith(".") or name in IGNORED_NAMES or (Path(dirpath) == root and name in MANIFEST_NAMES):
                continue
            if full.is_symlink() and not full.resolve().is_relative_to(real_root):
                rejects.append(Reject(source, "path_outside_input", f"{source}: a link to a file outside the input directory; not read"))
                continue
            if name.endswith(TEXT_SUFFIXES):
                files.append(InputFile(full, source, "text"))
            elif _is_feed(name):
                files.append(InputFile(full, source, "feed"))
            else:
                rejects.append(Reject(source, "unsupported_file", f"{source}: not a .txt article or a .jsonl feed; skipped"))
    manifest, manifest_rejects = read_manifest(root)
    rejects += manifest_rejects
    known = {f.source for f in files}
    for name in sorted(set(manifest) - known):
        rejects.append(_manifest_problem(root, name))
    return Inventory(root, files, manifest, rejects)


def _manifest_problem(root: Path, name: str) -> Reject:
    target = (root / name).resolve()
    if not target.is_relative_to(root.resolve()):
        return Reject(f"manifest:{name}", "path_outside_input", f"manifest row {name!r} points outside the input directory; not read")
    if not target.exists():
        return Reject(f"manifest:{name}", "missing_file", f"manifest row {name!r} names a file that does not exist")
    return Reject(f"manifest:{name}", "unsupported_file", f"manifest row {name!r} is not a .txt article in the input directory")


def read_manifest(root: Path) -> tuple[dict[str, dict], list[Reject]]:
    """Metadata rows keyed by the file path relative to the input root."""
    rejects: list[Reject] = []
    for name in MANIFEST_NAMES:
        path = root / name
        if path.exists():
            break
    else:
        return {}, []
    try:
        raw = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        return {}, [Reject(name, "unreadable_manifest", f"{name}: cannot be read ({exc}); articles are kept without metadata")]
    rows: list[dict] = []
    if name.endswith(".csv"):
        rows = list(csv.DictReader(io.StringIO(raw)))
    else:
        for number, line in enumerate(raw.splitlines(), 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                rejects.append(Reject(f"{name}:{number}", "bad_json", f"{name}:{number}: not valid JSON ({exc.msg})"))
                continue
            if isinstance(record, dict):
                rows.append(record)
    manifest: dict[str, dict] = {}
    unknown: set[str] = set()
    for row in rows:
        file = (row.get("file") or "").strip()
        if not file:
            rejects.append(Reject(name, "manifest_row_without_file", f"{name}: a row has no 'file' value; ignored"))
            continue
        unknown |= set(row) - {"file", *METADATA_FIELDS, "date"}
        manifest[Path(file).as_posix()] = {k: v for k, v in row.items() if k in METADATA_FIELDS or k == "date"}
    if unknown:
        rejects.append(Reject(name, "unknown_columns", f"{name}: ignored unknown columns {', '.join(sorted(unknown))}", WARNING))
    return manifest, rejects


def read_text_file(item: InputFile, meta: dict | None) -> tuple[Article | None, list[Reject]]:
    try:
        size = item.path.stat().st_size
        if size > MAX_ARTICLE_BYTES:
            return None, [Reject(item.source, "too_large", f"{item.source}: {size:,} bytes exceeds the {MAX_ARTICLE_BYTES:,}-byte limit for one article")]
        data = item.path.read_bytes()
    except OSError as exc:
        return None, [Reject(item.source, "unreadable", f"{item.source}: cannot be read ({exc.strerror or exc})")]
    decoded = decode_bytes(data, item.source)
    if isinstance(decoded, Reject):
        return None, [decoded]
    text, flags = decoded
    return build_article(text, item.source, meta, flags)


def read_feed(item: InputFile) -> Iterator[tuple[Article | None, list[Reject]]]:
    """One result per line of a JSON Lines feed (gzip accepted); a broken line is one reject."""
    opener = gzip.open if item.path.name.endswith(".gz") else open
    try:
        with opener(item.path, "rb") as handle:
            for number, line in enumerate(handle, 1):
                if not line.strip():
                    continue
                source = f"{item.source}:{number}"
                if len(line) > MAX_ARTICLE_BYTES:
                    yield None, [Reject(source, "too_large", f"{source}: {len(line):,} bytes exceeds the {MAX_ARTICLE_BYTES:,}-byte limit for one article")]
                    continue
                yield parse_feed_line(line, source)
    except (OSError, EOFError, gzip.BadGzipFile) as exc:
        yield None, [Reject(item.source, "unreadable", f"{item.source}: cannot be read to the end ({exc})")]


def iter_inputs(inventory: Inventory) -> Iterator[tuple[Article | None, list[Reject]]]:
    for item in inventory.files:
        if item.kind == "feed":
            yield from read_feed(item)
        else:
            yield read_text_file(item, inventory.manifest.get(item.source))
