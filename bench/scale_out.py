"""How the analysis scales out: a Parquet corpus of unique articles (or resampled from
../shared/corpus-dev), analysed by ``python -m analysis analyze CORPUS --out DIR --scheduler
ADDRESS`` on a local Dask cluster of 1 and 2 worker processes (as on any cluster).

    python bench/scale_out.py [--analyse 800] [--partition 100] [--workers 1 2]
                              [--resampled --articles 100000 --words 600]

The corpus (rows: text, outlet, url, published, title) is by default every unique article of
``bench/scale.py`` (:func:`scale.unique_records`: 1,167 news articles, no text repeated, so no
memo is flattered); with ``--resampled``, ``--articles`` articles made of corpus-dev's
paragraphs as in ``bench/scale.py --resampled`` (paragraphs repeat). It is written as a
Parquet dataset of one file per ``--partition`` articles and read back with Dask a partition
at a time. Each worker count analyses the first
``--analyse`` articles of it (written as one Parquet file: an article costs about 0.2 s of a
core here, so all 100,000 would take hours) with the command, without the disk cache: the
workers clean, parse and analyse their parts and write the results folder, the command adds
up their counts and writes the outlet tables and summaries. Per worker count, one line:
articles, seconds, articles per second and the speed-up over one worker, of the whole
command and of its analysing stage alone (the seconds its progress bar took: the parts on
the workers; reading the input, the outlet tables and the summaries run in the command), the
peak resident memory of the largest worker and of the command (MiB), the projected hours
for 1,000,000 articles at the command's rate and the worker-hours they are (hours times
workers), and the workers' CPU seconds per article with the CPU-hours per 1,000,000 articles
they project (what a machine other programs load does not change). Before that, one line on
the corpus: rows, the seconds to write it and to read every partition back with Dask (no
analysis).
"""

from __future__ import annotations

import argparse
import io
import logging
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))
from results import record as record_result
from scale import CORPUS_DEV, UNIQUE_FOLDERS, _stories, resample, unique_records

from analysis.pipeline import ANALYSE
from analysis.results import read_manifest

ROOT = Path(__file__).resolve().parent.parent
MILLION = 1_000_000
#: ``python -m analysis ARGUMENTS``, then the command's own peak resident memory (VmHWM, KiB:
#: ru_maxrss would count what this process held when it forked) on the last line of its
#: standard error (its workers are the cluster's, not its children).
_COMMAND = (
    "import runpy, sys\n"
    "sys.argv[0] = 'analysis'\n"
    "try:\n"
    "    runpy.run_module('analysis', run_name='__main__')\n"
    "finally:\n"
    "    status = open('/proc/self/status').read().split('VmHWM:')[1]\n"
    "    print(status.split()[0], file=sys.stderr)\n"
)
#: The end of the analysing stage's progress bar: articles done and the seconds it took.
_ANALYSED = re.compile(rf"{ANALYSE}: 100%.*? (\d+)/\d+ \[(?:(\d+):)?(\d+):(\d+)<")


def corpus_frame(articles: int | None, words: int) -> pd.DataFrame:
    """``articles`` articles resampled from corpus-dev, one row each; with ``articles`` None,
    every unique article of :func:`scale.unique_records`."""
    if articles is None:
        frame = pd.DataFrame(unique_records())
    else:
        source, stories = _stories()
        export = resample(source, stories, articles, words)
        frame = pd.read_json(io.BytesIO(export), lines=True, dtype=False)
    frame["url"] = [f"https://example.org/{n}" for n in range(len(frame))]
    return frame[["text", "outlet", "url", "published", "title"]]


def _cpu_seconds() -> float:
    """This process's CPU seconds so far (a worker's: its start, the model loaded, its parts)."""
    return time.process_time()


def _peak_rss_mib() -> float:
    """This process's peak resident memory (VmHWM: ru_maxrss would count what a spawned
    worker's parent held before the exec), MiB."""
    with open("/proc/self/status") as status:
        line = next(line for line in status if line.startswith("VmHWM:"))
    return int(line.split()[1]) / 2**10


def measure(folder: Path, out: Path, analyse: int, workers: int) -> dict[str, float]:
    """The first ``analyse`` articles of the dataset in ``folder`` analysed into ``out`` by
    the command on a fresh local cluster of ``workers`` processes."""
    from distributed import Client, LocalCluster

    corpus = out.with_suffix(".parquet")
    frames, rows = [], 0
    for file in sorted(folder.glob("*.parquet")):
        if rows >= analyse:
            break
        frames.append(pd.read_parquet(file))
        rows += len(frames[-1])
    pd.concat(frames, ignore_index=True).head(analyse).to_parquet(corpus, index=False)
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
        arguments = ["analyze", str(corpus), "--out", str(out)]
        arguments += ["--scheduler", cluster.scheduler_address, "--no-cache"]
        started = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-c", _COMMAND, *arguments],
            cwd=ROOT,
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        seconds = time.perf_counter() - started
        peaks = client.run(_peak_rss_mib)
        cpu = sum(client.run(_cpu_seconds).values())
    articles = int(read_manifest(out)["rows"]["articles"])  # type: ignore[index]
    rate = articles / seconds
    *_, (_, hours, minutes, secs) = _ANALYSED.findall(done.stderr)
    parallel = int(hours or 0) * 3600 + int(minutes) * 60 + int(secs)
    return {
        "workers": workers,
        "articles": articles,
        "seconds": seconds,
        "per_second": rate,
        "analyse_seconds": parallel,
        "analyse_per_second": articles / parallel,
        "peak_worker_mib": max(peaks.values()),
        "command_mib": int(done.stderr.strip().splitlines()[-1]) / 2**10,
        "projected_hours": MILLION / rate / 3600,
        "worker_hours": workers * MILLION / rate / 3600,
        "cpu_per_article": cpu / articles,
        "projected_cpu_hours": cpu / articles * MILLION / 3600,
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


def main(*, record: bool = False) -> None:
    """Prints a row per number of workers; with ``record``, writes them into
    ``bench/results/scale_out.json``."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--resampled", action="store_true", help="paragraphs of corpus-dev")
    parser.add_argument("--articles", type=int, default=100_000, help="with --resampled")
    parser.add_argument("--analyse", type=int, default=800)
    parser.add_argument("--partition", type=int, default=100)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--words", type=int, default=600, help="with --resampled")
    args = parser.parse_args()
    needed = (CORPUS_DEV,) if args.resampled else UNIQUE_FOLDERS
    missing = [str(folder) for folder in needed if not folder.is_dir()]
    if missing:
        sys.exit(f"skipped: needs {', '.join(missing)} (shared data)")
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary) / "corpus"
        folder.mkdir()
        frame = corpus_frame(args.articles if args.resampled else None, args.words)
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
            "analyse_seconds",
            "analyse_per_second",
            "analyse_speed_up",
            "peak_worker_mib",
            "command_mib",
            "projected_hours",
            "worker_hours",
            "cpu_per_article",
            "projected_cpu_hours",
        )
        print(" ".join(f"{h:>18}" for h in header))
        first: dict[str, float] = {}
        figures: dict[str, float] = {}
        for workers in args.workers:
            row = measure(folder, Path(temporary) / f"results-{workers}", args.analyse, workers)
            first = first or row
            row["speed_up"] = row["per_second"] / first["per_second"]
            row["analyse_speed_up"] = row["analyse_per_second"] / first["analyse_per_second"]
            print(" ".join(f"{row[h]:>18.2f}" for h in header))
            figures |= {f"{workers} workers {h}": round(row[h], 2) for h in header[2:]}
    if record:
        split = (
            f"{args.analyse:,} of {args.articles:,} articles resampled from corpus-dev"
            if args.resampled
            else f"{args.analyse:,} of {rows:,} unique articles (PolNeAR, 500N-KPCrowd, corpus-dev)"
        )
        record_result("scale_out", figures, split=split)


if __name__ == "__main__":
    main(record=True)
