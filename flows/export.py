"""Publish the current Parquet snapshot to any pyarrow filesystem (S3, GCS, HDFS, local).

The warehouse itself is published with POSIX renames and a symlink, which object stores do
not have; ``khabar export`` copies the current snapshot — hive-partitioned by published month,
zstd, the same schemas — to a URI such as ``s3://bucket/khabar`` so that DuckDB (with its
httpfs extension) or a BI tool reads it remotely:

    SELECT * FROM read_parquet('s3://bucket/khabar/claims/**/*.parquet', hive_partitioning = true);

Credentials come from the environment, as pyarrow's filesystems read them
(``AWS_ACCESS_KEY_ID``/``AWS_SECRET_ACCESS_KEY``/``AWS_ENDPOINT_URL`` …).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pyarrow.dataset as ds
import pyarrow.fs as pafs

from flows.warehouse import PARQUET_COMPRESSION, current_snapshot, read_table
from transforms import schema


def export_snapshot(warehouse: str | Path, destination: str) -> dict[str, int]:
    """Write every table of the warehouse's current snapshot under ``destination``; returns
    rows per table. Each table directory is replaced as a whole."""
    snapshot = current_snapshot(Path(warehouse))
    if snapshot is None:
        raise FileNotFoundError(f"no published snapshot in {warehouse}; run `khabar run` first")
    filesystem, root = pafs.FileSystem.from_uri(destination)
    counts = {}
    for table in schema.ALL_TABLES:
        data = read_table(snapshot, table)
        partitioning = None
        if table in schema.ARTICLE_TABLES:
            partitioning = ds.partitioning(data.select([schema.PARTITION_KEY]).schema, flavor="hive")
        ds.write_dataset(
            data,
            f"{root.rstrip('/')}/{table}",
            filesystem=filesystem,
            format="parquet",
            partitioning=partitioning,
            existing_data_behavior="delete_matching",
            basename_template="part-{i}.parquet",
            file_options=ds.ParquetFileFormat().make_write_options(compression=PARQUET_COMPRESSION),
        )
        counts[table] = data.num_rows
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="khabar export", description=__doc__.splitlines()[0])
    parser.add_argument("destination", help="a pyarrow filesystem URI: s3://bucket/prefix, gs://…, file:///abs/path")
    parser.add_argument("--warehouse", default="warehouse")
    args = parser.parse_args(argv)
    counts = export_snapshot(args.warehouse, args.destination)
    print(f"exported to {args.destination}: " + ", ".join(f"{t} {n:,}" for t, n in counts.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
