"""End-to-end benchmark of the khabar flow on the shared SaudiNewsNet corpus.

    .venv/bin/python benchmarks/etl_benchmark.py [--limit N] [--processes P] [--json PATH]

Runs, each into a warehouse in a temporary directory:

1. ``full``       — the Prefect flow (ephemeral API) on the first N articles: extract, sentences,
                    NER, claims, Parquet, DuckDB;
2. ``unchanged``  — the flow again on the same input (content hashes: nothing to redo);
3. ``edited_1pct`` — the flow on the same input with 1 % of the articles edited;
4. ``direct``     — the same wiring with the tasks' plain functions, no Prefect, into a fresh
                    warehouse (what orchestration costs = full − direct).

Prints a table and JSON: seconds, articles/s, words/s, MB/s, peak RSS of khabar's processes
(the run plus its transform workers; the ephemeral Prefect server is reported apart), and
seconds per stage. Not a test: numbers depend on the machine; the README records ours.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import shutil
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
CORPUS = ROOT.parent / "shared" / "data" / "news" / "saudinewsnet.jsonl.gz"


class RssSampler:
    """Peak memory (PSS, or RSS where PSS is unavailable) of this process and its
    descendants, sampled from /proc."""

    def __init__(self, interval: float = 0.1) -> None:
        self.interval = interval
        self.peak_khabar = 0
        self.peak_other = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> "RssSampler":
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        me = os.getpid()
        while not self._stop.is_set():
            khabar = other = 0
            for pid, rss, cmdline in _descendants(me):
                if "uvicorn" in cmdline or "prefect.server" in cmdline:
                    other += rss
                else:
                    khabar += rss
            self.peak_khabar = max(self.peak_khabar, khabar)
            self.peak_other = max(self.peak_other, other)
            self._stop.wait(self.interval)


def _pss_kb(pid: str) -> int | None:
    """Proportional set size: pages shared by the forked workers count once in the total,
    where summing RSS would count the forkserver's preloaded modules in every worker."""
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    except OSError:
        return None
    return None


def _descendants(root: int):
    parents: dict[int, int] = {}
    info: dict[int, tuple[int, str]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            status = Path(f"/proc/{entry}/status").read_text()
            cmdline = Path(f"/proc/{entry}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
        rss_kb = _pss_kb(entry)
        if rss_kb is None:
            rss_kb = int(fields.get("VmRSS", "0 kB").split()[0]) if "VmRSS" in fields else 0
        parents[int(entry)] = int(fields.get("PPid", "0"))
        info[int(entry)] = (rss_kb * 1024, cmdline)
    for pid, (rss, cmdline) in info.items():
        p = pid
        while p and p != root:
            p = parents.get(p, 0)
        if p == root:
            yield pid, rss, cmdline


def prepare_inputs(work: Path, limit: int | None) -> tuple[Path, Path, int]:
    """The first ``limit`` corpus lines as a feed, and a copy with 1 % of the texts edited
    (same file name, so the edited lines are the same sources)."""
    original, edited = work / "original" / "saudinewsnet.jsonl", work / "edited" / "saudinewsnet.jsonl"
    original.parent.mkdir(parents=True)
    edited.parent.mkdir(parents=True)
    n = 0
    with gzip.open(CORPUS, "rt", encoding="utf-8") as source, original.open("w", encoding="utf-8") as out, edited.open("w", encoding="utf-8") as out_edited:
        for line in source:
            if limit is not None and n >= limit:
                break
            out.write(line)
            if n % 100 == 0:
                record = json.loads(line)
                if record.get("text"):
                    record["text"] += "\nوقال المحرر إن هذا السطر أضيف لاحقا."
                line = json.dumps(record, ensure_ascii=False) + "\n"
            out_edited.write(line)
            n += 1
    return original, edited, n


def _server_cpu_seconds() -> float:
    """CPU time used so far by the ephemeral Prefect server (a child process): what the API
    costs the machine during a run, measured directly rather than as a difference of two
    noisy wall-clock runs."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for pid, _rss, cmdline in _descendants(os.getpid()):
        if "uvicorn" in cmdline or "prefect.server" in cmdline:
            try:
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            total += (int(fields[11]) + int(fields[12])) / ticks  # utime + stime
    return total


def measure(name: str, fn, input_path: Path, warehouse: Path, **kwargs) -> dict:
    server_cpu = _server_cpu_seconds()
    with RssSampler() as rss:
        started = time.perf_counter()
        summary = fn(input=str(input_path), warehouse=str(warehouse), **kwargs)
        seconds = time.perf_counter() - started
    server_cpu = _server_cpu_seconds() - server_cpu
    processed = summary.n_articles_new + summary.n_articles_changed + summary.n_articles_reprocessed
    megabytes = input_path.stat().st_size / 1e6
    return {
        "run": name,
        "seconds": round(seconds, 2),
        "flow_seconds": round(summary.seconds, 2),
        "articles_read": summary.n_articles_new + summary.n_articles_changed + summary.n_articles_unchanged + summary.n_duplicates,
        "articles_processed": processed,
        "words_processed": summary.words,
        "articles_per_s": round(processed / seconds, 1) if seconds else None,
        "words_per_s": round(summary.words / seconds) if seconds else None,
        "input_mb_per_s": round(megabytes / seconds, 2) if seconds else None,
        "peak_rss_mb": round(rss.peak_khabar / 1e6),
        "prefect_server_rss_mb": round(rss.peak_other / 1e6),
        "prefect_server_cpu_s": round(server_cpu, 2),
        "stages_s": {k: round(v, 2) for k, v in summary.timings.items()},
        "rows": summary.rows,
        "rejects": summary.n_rejects,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="first N corpus lines (default: all 31,030)")
    parser.add_argument("--processes", type=int, default=None, help="transform worker processes (default: one per core)")
    parser.add_argument("--batch-size", type=int, default=500)
    parser.add_argument("--runs", default="full,unchanged,edited_1pct,direct")
    parser.add_argument("--json", type=Path, help="also write the results here")
    args = parser.parse_args(argv)

    os.environ.setdefault("PREFECT_HOME", tempfile.mkdtemp(prefix="khabar-bench-prefect-"))
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "120")
    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
    from flows.etl import etl, etl_direct

    work = Path(tempfile.mkdtemp(prefix="khabar-bench-"))
    try:
        original, edited, n = prepare_inputs(work, args.limit)
        options = {"processes": args.processes, "batch_size": args.batch_size}
        runs = args.runs.split(",")
        results = []
        # Start Prefect's ephemeral API before timing anything: it is a one-off per process.
        started = time.perf_counter()
        etl(input=str(ROOT / "seeds"), warehouse=str(work / "warmup"), **options)
        prefect_startup = time.perf_counter() - started
        if "full" in runs:
            results.append(measure("full", etl, original, work / "wh", **options))
        if "unchanged" in runs:
            results.append(measure("unchanged", etl, original, work / "wh", **options))
        if "edited_1pct" in runs:
            results.append(measure("edited_1pct", etl, edited, work / "wh", **options))
        if "direct" in runs:
            results.append(measure("direct", etl_direct, original, work / "wh-direct", **options))
        report = {"corpus": str(CORPUS), "lines": n, "cores": os.cpu_count(), "warmup_incl_prefect_startup_s": round(prefect_startup, 2), "results": results}
        by_run = {r["run"]: r for r in results}
        if "full" in by_run and "direct" in by_run:
            overhead = by_run["full"]["seconds"] - by_run["direct"]["seconds"]
            report["prefect_overhead_s"] = round(overhead, 2)
            report["prefect_overhead_pct"] = round(100 * overhead / by_run["full"]["seconds"], 1)
    finally:
        shutil.rmtree(work, ignore_errors=True)

    header = f"{'run':<12} {'seconds':>8} {'articles':>9} {'art/s':>7} {'words/s':>9} {'MB/s':>6} {'RSS MB':>7}  stages (s)"
    print(f"SaudiNewsNet, first {n:,} lines, {os.cpu_count()} cores")
    print(header)
    for r in results:
        stages = " ".join(f"{k}={v}" for k, v in r["stages_s"].items())
        print(f"{r['run']:<12} {r['seconds']:>8.1f} {r['articles_processed']:>9,} {r['articles_per_s'] or 0:>7.0f} {r['words_per_s'] or 0:>9,} {r['input_mb_per_s'] or 0:>6.2f} {r['peak_rss_mb']:>7}  {stages}")
    if "prefect_overhead_s" in report:
        print(f"Prefect overhead: {report['prefect_overhead_s']} s ({report['prefect_overhead_pct']} % of the full run)")
    for r in report["results"]:
        if r["prefect_server_cpu_s"]:
            print(f"Prefect server CPU during {r['run']}: {r['prefect_server_cpu_s']} s")
    print(json.dumps(report, ensure_ascii=False))
    if args.json:
        args.json.write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
