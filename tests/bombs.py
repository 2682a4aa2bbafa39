"""Small files that decode to far more than their size (the uploads that exhausted the server
in the hosting probe of issue 42), written into a folder for the tests that read them."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

TEXT = "Officials said the talks would resume next week after a long pause in the region. "


def rows_parquet(folder: Path, rows: int = 10_000_000) -> Path:
    """About 200 KB of Parquet: ``rows`` rows of one dictionary-encoded article text."""
    path = folder / "rows.parquet"
    indices = pa.array([0] * rows, type=pa.int32())
    column = pa.DictionaryArray.from_arrays(indices, pa.array([TEXT * 2]))
    pq.write_table(pa.table({"text": column}), path, compression="zstd")
    return path


def strings_parquet(folder: Path, count: int = 16, size: int = 128 * 2**20) -> Path:
    """About 70 KB of Parquet: ``count`` strings of ``size`` characters each (16 x 128 MB),
    written one row group at a time."""
    path = folder / "strings.parquet"
    schema = pa.schema([("text", pa.large_string())])
    with pq.ParquetWriter(path, schema, compression="zstd", use_dictionary=False) as writer:
        for number in range(count):
            value = "a" * size + str(number)
            writer.write_table(pa.table({"text": pa.array([value], pa.large_string())}))
            del value
    return path


def rows_csv(folder: Path, rows: int = 10_000_000) -> Path:
    """A 20 MB CSV file of ``rows`` one-character rows."""
    path = folder / "rows.csv"
    with path.open("w") as out:
        out.write("text\n")
        out.write("a\n" * rows)
    return path
