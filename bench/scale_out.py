"""How the analysis scales out: a Parquet corpus resampled from ../shared/corpus-dev, read by
Dask one partition at a time and analysed with ``map_partitions`` on a local Dask cluster of
1 and 2 worker processes.

    python bench/scale_out.py [--articles 100000] [--analyse 800] [--partition 100]
                              [--workers 1 2] [--words 600]

The corpus (``--articles`` rows: text, outlet, url, published, title; articles made as in
``bench/scale.py``) is written as a Parquet dataset of one file per ``--partition`` articles.
Each worker count analyses the first ``--analyse`` articles of it (an article costs about
0.2 s of a core here, so all 100,000 would take hours): every partition is cleaned and
analysed on a worker (:func:`analyse_partition`: the per-article tables the dashboard
shows), which returns one summary row per article. Per worker count, one line: articles,
seconds, articles per second, the speed-up over one worker, the peak resident memory of the
largest worker (MiB), the median seconds per partition, and the projected hours for
1,000,000 articles (median partition seconds x partitions / workers). Before that, one line
on the corpus: rows, the seconds to write it and to read every partition back with Dask (no
analysis), and the peak memory of the partition reading (MiB).
"""

from __future__ import annotations

import argparse
import io
import logging
import statistics
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))
from scale import CORPUS_DEV, _stories, resample

from analysis import schema as S
from analysis.corpus import build_corpus
from analysis.ingest import IngestResult, read_table
from analysis.pipeline import article_tables

#: The summary row of each article analysed on a worker (the ``meta`` of map_partitions).
SUMMARY = pd.DataFrame(
    {
        S.ARTICLE_ID: pd.Series(dtype="str"),
        S.OUTLET: pd.Series(dtype="str"),
        "partition": pd.Series(dtype="int64"),
        "mentions": pd.Series(dtype="int64"),
        "quotes": pd.Series(dtype="int64"),
        "stance": pd.Series(dtype="int64"),
        "failed": pd.Series(dtype="int64"),
        "partition_seconds": pd.Series(dtype="float64"),
    }
)
MILLION = 1_000_000


def corpus_frame(articles: int, words: int) -> pd.DataFrame:
    """``articles`` articles resampled from corpus-dev, one row each."""
    source, stories = _stories()
    export = resample(source, stories, articles, words)
    frame = pd.read_json(io.BytesIO(export), lines=True, dtype=False)
    frame["url"] = [f"https://example.org/{n}" for n in range(len(frame))]
    return frame[["text", "outlet", "url", "published", "title"]]


def analyse_partition(
    partition: pd.DataFrame, partition_info: dict[str, object] | None = None
) -> pd.DataFrame:
    """The rows of one partition of a Parquet corpus, cleaned into articles and analysed
    (every per-article table); one :data:`SUMMARY` row per article. ``partition_info`` is
    Dask's (the partition's number)."""
    started = time.perf_counter()
    buffer = partition.reset_index(drop=True)
    data = buffer.to_json(orient="records", lines=True).encode()
    result: IngestResult = read_table("partition.jsonl", data)
    articles = build_corpus(result, workers=1).articles
    tables = article_tables(articles)

    def rows(name: str) -> pd.Series:
        counts = tables[name][S.ARTICLE_ID].value_counts()
        return articles[S.ARTICLE_ID].map(counts).fillna(0).astype("int64")

    errors = tables["analysis_errors"][S.ARTICLE_ID].value_counts()
    return pd.DataFrame(
        {
            S.ARTICLE_ID: articles[S.ARTICLE_ID].astype("str"),
            S.OUTLET: articles[S.OUTLET].astype("str"),
            "partition": int((partition_info or {}).get("number", 0)),  # type: ignore[call-overload]
            "mentions": rows("mentions"),
            "quotes": rows("quotes"),
            "stance": rows("stance"),
            "failed": articles[S.ARTICLE_ID].map(errors).fillna(0).astype("int64"),
            "partition_seconds": time.perf_counter() - started,
        }
    )


def _peak_rss_mib() -> float:
    """This process's peak resident memory (VmHWM: ru_maxrss would count what a spawned
    worker's parent held before the exec), MiB."""
    with open("/proc/self/status") as status:
        line = next(line for line in status if line.startswith("VmHWM:"))
    return int(line.split()[1]) / 2**10


def measure(folder: Path, analyse: int, partition: int, workers: int) -> dict[str, float]:
    """The first ``analyse`` articles of the dataset in ``folder`` on a fresh local cluster
    of ``workers`` processes."""
    import dask.dataframe as dd
    from distributed import Client, LocalCluster

    files = sorted(folder.glob("*.parquet"))[: max(1, analyse // partition)]
    with (
        LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",
            dashboard_address="127.0.0.1:0",
            silence_logs=logging.WARNING,
            preload=["analysis.pipeline"],
        ) as cluster,
        Client(cluster) as client,
    ):
        started = time.perf_counter()
        corpus = dd.read_parquet([str(f) for f in files])
        summary = corpus.map_partitions(analyse_partition, meta=SUMMARY).compute()
        seconds = time.perf_counter() - started
        peaks = client.run(_peak_rss_mib)
    per_partition = summary.groupby("partition")["partition_seconds"].first().tolist()
    return {
        "workers": workers,
        "articles": len(summary),
        "seconds": seconds,
        "per_second": len(summary) / seconds,
        "peak_worker_mib": max(peaks.values()),
        "partition_seconds": statistics.median(per_partition),
        "projected_hours": statistics.median(per_partition) * MILLION / partition / workers / 3600,
    }


def write_corpus(frame: pd.DataFrame, folder: Path, partition: int) -> None:
    """``frame`` as a Parquet dataset of one file per ``partition`` rows."""
    for number, start in enumerate(range(0, len(frame), partition)):
        part = frame.iloc[start : start + partition]
        part.to_parquet(folder / f"part-{number:06d}.parquet", index=False)


def read_back(folder: Path) -> tuple[int, float]:
    """Rows of the dataset read partition by partition with Dask (the threaded scheduler of
    this process), and the seconds it took."""
    import dask.dataframe as dd

    started = time.perf_counter()
    rows = int(dd.read_parquet(str(folder)).map_partitions(len).compute().sum())
    return rows, time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--analyse", type=int, default=800)
    parser.add_argument("--partition", type=int, default=100)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--words", type=int, default=600)
    args = parser.parse_args()
    if not (CORPUS_DEV / "manifest.csv").exists():
        sys.exit(f"{CORPUS_DEV} is absent: this benchmark resamples the shared corpus-dev")
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        frame = corpus_frame(args.articles, args.words)
        started = time.perf_counter()
        write_corpus(frame, folder, args.partition)
        written = time.perf_counter() - started
        del frame
        rows, read = read_back(folder)
        print(
            f"corpus: {rows} articles in {len(list(folder.glob('*.parquet')))} partitions; "
            f"written in {written:.1f} s, read back in {read:.1f} s"
        )
        header = (
            "workers",
            "articles",
            "seconds",
            "per_second",
            "speed_up",
            "peak_worker_mib",
            "partition_seconds",
            "projected_hours",
        )
        print(" ".join(f"{h:>17}" for h in header))
        first = None
        for workers in args.workers:
            row = measure(folder, args.analyse, args.partition, workers)
            first = first or row["per_second"]
            row["speed_up"] = row["per_second"] / first
            print(" ".join(f"{row[h]:>17.2f}" for h in header))


if __name__ == "__main__":
    main()
