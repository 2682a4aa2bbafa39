"""A large CSV export through the command line, as a user with an archive would run it.

    python bench/large_csv.py [--articles 20000] [--words 75] [--read-only] [--workers N]

Makes a CSV of ``--articles`` short articles resampled from ../shared/corpus-dev (about
``--words`` words each, as in ``bench/scale.py``; columns outlet, title, published, url,
text) and reports its size. Then, in a child process, either the whole analysis
(``python -m analysis analyze FILE --out DIR --no-cache``) or, with ``--read-only``, only
what comes before it (the file read a chunk at a time as the command reads it, cleaned into
a corpus and cut into the parts the engine analyses), while the proportional set size of
the child's whole process tree (it and its Dask workers) is sampled every second. One JSON
line: articles, CSV MiB, seconds, articles per second, the peak memory of the tree and of
the command's own process (MiB), and for the analysis the number of progress-bar updates
the command printed and its last summary line.
"""

from __future__ import annotations

import argparse
import io
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))
from results import record as record_result
from scale import PeakMemory, _stories, resample

from analysis.engine import default_workers

#: What ``--read-only`` runs in the child: read, clean and cut into parts, no analysis.
READ_ONLY = """
import sys
from pathlib import Path
from analysis.corpus import build_corpus
from analysis.engine import split
from analysis.ingest import read_chunks
from analysis.pipeline import WORDS_PER_PART
corpus = build_corpus(read_chunks([Path(sys.argv[1])]), workers=int(sys.argv[2]),
                      max_chars=10**12)
words = corpus.articles["n_words"].tolist()
parts = split(words, max(1, sum(words) // WORDS_PER_PART))
print(len(corpus.articles), "articles in", len(parts), "parts")
"""


def write_csv(path: Path, articles: int, words: int) -> float:
    """Write the CSV of ``articles`` articles; its size in MiB."""
    source, stories = _stories()
    frame = pd.read_json(io.BytesIO(resample(source, stories, articles, words)), lines=True)
    frame["url"] = [f"https://example.org/{number}" for number in range(len(frame))]
    frame[["outlet", "title", "published", "url", "text"]].to_csv(path, index=False)
    return path.stat().st_size / 2**20


def run(command: list[str]) -> tuple[float, PeakMemory, str]:
    """Run ``command``, sampling its process tree: seconds, the peaks of memory (MiB), its
    standard error."""
    with tempfile.TemporaryFile() as errors:
        started = time.perf_counter()
        child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=errors)
        memory = PeakMemory(child.pid)
        memory.start()
        child.wait()
        seconds = time.perf_counter() - started
        memory.done.set()
        memory.join()
        errors.seek(0)
        text = errors.read().decode("utf-8", "replace")
    if child.returncode:
        raise SystemExit(f"{command[:4]} failed ({child.returncode}):\n{text[-2000:]}")
    return seconds, memory, text


def main(argv: list[str] | None = None, *, record: bool = False) -> int:
    """Prints the figures as JSON; with ``record``, writes them into ``bench/results/``
    (``large_csv``, or ``large_csv-read-only``)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=20_000)
    parser.add_argument("--words", type=int, default=75)
    parser.add_argument("--workers", type=int, default=default_workers())
    parser.add_argument("--read-only", action="store_true")
    options = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "export.csv"
        mib = write_csv(path, options.articles, options.words)
        if options.read_only:
            command = [sys.executable, "-c", READ_ONLY, str(path), str(options.workers)]
        else:
            command = [
                *(sys.executable, "-m", "analysis", "analyze", str(path)),
                *("--out", str(Path(folder) / "results"), "--no-cache"),
                *("--workers", str(options.workers), "--max-chars", str(10**12)),
            ]
        seconds, memory, errors = run(command)
    updates = errors.count("\r") + errors.count("\n")
    summary = next(
        (line for line in reversed(errors.splitlines()) if line.startswith("analysed")), ""
    )
    figures = {
        "articles": options.articles,
        "csv_mib": round(mib, 1),
        "step": "read" if options.read_only else "analyse",
        "seconds": round(seconds, 1),
        "per_second": round(options.articles / seconds, 1),
        "peak_mib": round(memory.peak),
        "command_peak_mib": round(memory.own_peak),
        **({} if options.read_only else {"progress_updates": updates, "last": summary}),
    }
    print(json.dumps(figures))
    if record:
        name = "large_csv-read-only" if options.read_only else "large_csv"
        split = f"{options.articles:,} articles of {options.words} words resampled from corpus-dev"
        record_result(name, {"seconds": figures.pop("seconds"), **figures}, split=split)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(record=True))
