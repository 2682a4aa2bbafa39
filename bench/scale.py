"""How the analysis scales: corpora of 10, 100, 1,000 and 10,000 articles resampled from
../shared/corpus-dev, each analysed in a fresh process.

    python bench/scale.py [--sizes 10 100 1000 10000] [--workers N] [--words 600]
                          [--sentiment transformer|classifier]

An article of size n is made from paragraphs of corpus-dev articles on one story, drawn at
random (seeded) until it has about ``--words`` words, with the outlet and date of one of them
(dates moved by up to 60 days). The corpus is handed over as one JSONL export, the way an
archive export arrives. Per size, one line: articles, words, seconds per stage (ingest =
reading the export, corpus = cleaning and near-duplicate detection, analysis = every
per-article table on ``--workers`` processes, outlets = the tables that compare outlets),
the actor mentions (each scored for sentiment by ``--sentiment``), articles per second over
the whole run, a bare ``nlp.pipe`` pass over the same texts with the
same components, batch size and processes, run before and after the analysis (bare_parse:
the mean of the two; bare_spread: how far apart they were, the machine's drift) and the
analysis's cost over it (over_parse = analysis / bare_parse), the reopening time (reading
the same export again, corpus and tables from the disk cache the first run filled) with the
seconds spent parsing in it (reopen_parse: 0 when nothing is parsed again), and peak memory
(proportional set size of the process and its workers, sampled every
:data:`SAMPLE_SECONDS`, MiB).
Up to 1,000 articles, the Overview page in AppTest with the export uploaded: its first run
(page_first, analysis from the disk cache) and the median of 10 reruns after a widget change
(rerun). Then the seconds each analyser took, summed over the workers (CPU time, not wall
time).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import pandas as pd
from results import record as record_result

from analysis import schema as S
from analysis.cache import DiskCache
from analysis.corpus import build_corpus, load_corpus
from analysis.engine import Engine, default_workers
from analysis.ingest import read_uploads
from analysis.parse import BATCH_SIZE, nlp
from analysis.pipeline import PARSE, Settings, analyse
from analysis.sentiment import METHODS, TRANSFORMER
from analysis.tables import ARTICLE_TABLES, OUTLET_TABLES
from analysis.text import paragraphs

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # the pages import pages._ui, as under streamlit run
CORPUS_DEV = ROOT.parent / "shared" / "corpus-dev"
#: Reruns measured per size, and the largest size measured (the page keeps every table).
RERUNS = 10
MAX_RERUN_SIZE = 1_000
SIZES = (10, 100, 1_000, 10_000)
#: Seconds between two memory samples. A sample costs about 45 ms of CPU with two workers
#: (the kernel walks every page table of the process tree, holding each process's memory
#: lock): every 200 ms it slowed the analysis it measured by about a tenth, and the parse,
#: which faults in most pages, by a third (its CPU seconds 334 against a bare pass's 247).
SAMPLE_SECONDS = 1.0
MAX_SHIFT_DAYS = 60
#: The stages whose CPU seconds are reported: the sentences, the parse, every analyser.
STAGES = (ARTICLE_TABLES[0], PARSE, *ARTICLE_TABLES[1:])


def resample(source: pd.DataFrame, stories: dict[str, str], size: int, words: int) -> bytes:
    """A JSONL export of ``size`` articles of about ``words`` words resampled from
    ``source`` (the articles frame of corpus-dev; ``stories`` maps article id to story)."""
    rng = random.Random(size)
    pools: dict[str, list[str]] = {}
    for identifier, text in zip(source[S.ARTICLE_ID], source[S.TEXT], strict=True):
        story = pools.setdefault(stories[identifier], [])
        story.extend(text[start:end] for start, end in paragraphs(text))
    rows = source.to_dict("records")
    lines = []
    for number in range(size):
        base = rng.choice(rows)
        pool = pools[stories[base[S.ARTICLE_ID]]]
        body: list[str] = []
        while sum(len(p.split()) for p in body) < words:
            body.append(rng.choice(pool))
        published = base[S.PUBLISHED]
        if not pd.isna(published):
            published += pd.Timedelta(days=rng.randrange(MAX_SHIFT_DAYS))
        record = {
            "outlet": base[S.OUTLET],
            "title": f"{base[S.TITLE]} ({number})",
            "published": None if pd.isna(published) else published.date().isoformat(),
            "text": "\n\n".join(body),
        }
        lines.append(json.dumps(record, ensure_ascii=False))
    return ("\n".join(lines) + "\n").encode()


def _stories() -> tuple[pd.DataFrame, dict[str, str]]:
    corpus = load_corpus([CORPUS_DEV])
    manifest = pd.read_csv(CORPUS_DEV / "manifest.csv")
    story_of = dict(zip(manifest["file"], manifest["story"], strict=True))
    stories = {
        identifier: story_of[Path(source).name]
        for identifier, source in zip(
            corpus.articles[S.ARTICLE_ID], corpus.articles[S.SOURCE], strict=True
        )
    }
    return corpus.articles, stories


def _pss_kib(pid: int) -> int:
    """Proportional set size of the process ``pid``, KiB (0 once it has gone)."""
    try:
        with open(f"/proc/{pid}/smaps_rollup") as rollup:
            return next(int(line.split()[1]) for line in rollup if line.startswith("Pss:"))
    except OSError:
        return 0


def _tree_pss_mib(root: int | None = None) -> float:
    """Proportional set size of the process ``root`` (default: this one) and all its
    descendants (the Dask workers and their nannies), MiB: pages shared between them are
    counted once, not once per process."""
    total, pending = 0, [os.getpid() if root is None else root]
    while pending:
        pid = pending.pop()
        total += _pss_kib(pid)
        try:
            for task in os.listdir(f"/proc/{pid}/task"):
                with open(f"/proc/{pid}/task/{task}/children") as children:
                    pending.extend(int(child) for child in children.read().split())
        except OSError:
            continue
    return total / 2**10


class PeakMemory(threading.Thread):
    """Samples :func:`_tree_pss_mib` of ``root`` (default: this process) every
    :data:`SAMPLE_SECONDS`; ``peak`` is the largest sample, ``own_peak`` the largest of
    ``root`` alone (without its workers), MiB."""

    def __init__(self, root: int | None = None) -> None:
        super().__init__(daemon=True)
        self.root = root
        self.peak = 0.0
        self.own_peak = 0.0
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.wait(SAMPLE_SECONDS):
            self.peak = max(self.peak, _tree_pss_mib(self.root))
            own = _pss_kib(os.getpid() if self.root is None else self.root) / 2**10
            self.own_peak = max(self.own_peak, own)


def rerun_seconds(session: dict[str, object], *, reruns: int) -> tuple[float, float]:
    """The Overview page in AppTest, its session starting with ``session`` (what the user
    loaded): seconds of the first run, and the median seconds of ``reruns`` reruns, each
    after the user picks another actor for the timeline (the analysis is not made again)."""
    from streamlit.testing.v1 import AppTest

    from pages._ui import state

    page = AppTest.from_file(str(ROOT / "pages" / "1_Overview.py"), default_timeout=600)
    for key, value in session.items():
        page.session_state[key] = value
    started = time.perf_counter()
    page.run()
    first = time.perf_counter() - started
    assert not page.exception, page.exception
    choice = page.selectbox(key=state.OVERVIEW.actor)
    actors = list(choice.options)
    seconds = []
    for number in range(reruns):
        choice.set_value(actors[number % min(3, len(actors))])
        started = time.perf_counter()
        page.run()
        seconds.append(time.perf_counter() - started)
        assert not page.exception, page.exception
        choice = page.selectbox(key=state.OVERVIEW.actor)
    return first, statistics.median(seconds) if seconds else float("nan")


def bare_parse(articles: pd.DataFrame, workers: int) -> float:
    """Seconds of a bare ``nlp.pipe`` pass over the articles' texts with the same components,
    batch size and number of processes as the analysis (the floor any parse-based analysis
    stands on)."""
    nlp()  # loaded once, as in every worker
    started = time.perf_counter()
    for _ in nlp().pipe(articles[S.TEXT].tolist(), batch_size=BATCH_SIZE, n_process=workers):
        pass
    return time.perf_counter() - started


def measure(size: int, words: int, workers: int, sentiment: str) -> dict[str, object]:
    """Build, analyse and reopen one resampled corpus; what each step cost."""
    source, stories = _stories()
    export = resample(source, stories, size, words)
    memory = PeakMemory()
    memory.start()
    seconds: dict[str, float] = {}
    stages: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as folder:
        os.environ["PRESSLENS_CACHE_DIR"] = folder
        cache = DiskCache(Path(folder))
        started = time.perf_counter()
        result = read_uploads([("export.jsonl", export)])
        seconds["ingest"] = time.perf_counter() - started
        started = time.perf_counter()
        corpus = build_corpus(result, cache=cache, workers=workers)
        seconds["corpus"] = time.perf_counter() - started
        bare_before = bare_parse(corpus.articles, workers)
        started = time.perf_counter()
        settings = Settings(sentiment=sentiment)
        analysis = analyse(corpus, settings, engine=Engine(workers), cache=cache, timings=stages)
        total = time.perf_counter() - started
        seconds["outlets"] = sum(stages.get(name, 0.0) for name in OUTLET_TABLES)
        seconds["analysis"] = total - seconds["outlets"]
        memory.done.set()
        memory.join()
        started = time.perf_counter()
        again = build_corpus(read_uploads([("export.jsonl", export)]), cache=cache)
        reopened: dict[str, float] = {}
        analyse(again, settings, engine=Engine(workers), cache=cache, timings=reopened)
        seconds["reopen"] = time.perf_counter() - started
        seconds["reopen_parse"] = reopened.get(PARSE, 0.0)
        bare_after = bare_parse(corpus.articles, workers)
        seconds["bare_parse"] = (bare_before + bare_after) / 2
        seconds["bare_spread"] = abs(bare_before - bare_after)
        if size <= MAX_RERUN_SIZE:
            from pages._ui import state

            uploaded = {state.INCLUDE_SEEDS: False, state.UPLOADS: (("export.jsonl", export),)}
            seconds["page_first"], seconds["rerun"] = rerun_seconds(uploaded, reruns=RERUNS)
    whole = seconds["ingest"] + seconds["corpus"] + total
    return {
        "size": size,
        "articles": len(corpus.articles),
        "words": int(corpus.articles[S.N_WORDS].sum()),
        "mentions": len(analysis.mentions),
        **{name: round(value, 2) for name, value in seconds.items()},
        "per_second": round(len(corpus.articles) / whole, 1),
        "over_parse": round(seconds["analysis"] / seconds["bare_parse"], 2),
        "peak_mib": round(memory.peak),
        "stages": {name: round(stages.get(name, 0.0), 2) for name in STAGES},
    }


def main(argv: list[str] | None = None, *, record: bool = False) -> int:
    """Prints a row per corpus size; with ``record``, writes the main figures of each size into
    ``bench/results/scale.json``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES))
    parser.add_argument("--words", type=int, default=600)
    parser.add_argument("--workers", type=int, default=default_workers())
    parser.add_argument("--sentiment", choices=METHODS, default=TRANSFORMER)
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if not CORPUS_DEV.is_dir():
        print(f"needs {CORPUS_DEV} (the shared development corpus)", file=sys.stderr)
        return 2
    if args.one is not None:
        print(json.dumps(measure(args.one, args.words, args.workers, args.sentiment)))
        return 0
    columns = ("size", "articles", "words", "mentions", "ingest", "corpus", "analysis")
    columns += ("outlets",)
    columns += ("per_second", "bare_parse", "bare_spread", "over_parse", "reopen", "reopen_parse")
    columns += ("page_first", "rerun", "peak_mib")
    print(f"workers={args.workers} sentiment={args.sentiment}")
    print(" ".join(f"{name:>10}" for name in columns))
    rows = []
    for size in args.sizes:
        command = [sys.executable, __file__, "--one", str(size), "--words", str(args.words)]
        command += ["--workers", str(args.workers), "--sentiment", args.sentiment]
        output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
        rows.append(json.loads(output.splitlines()[-1]))
        print(" ".join(f"{rows[-1].get(name, '-'):>10}" for name in columns), flush=True)
    print("\nCPU seconds per analyser (summed over workers):")
    print(f"{'size':>6}" + "".join(f"{name[:12]:>13}" for name in STAGES))
    for row in rows:
        stages = row["stages"]
        print(f"{row['size']:>6}" + "".join(f"{stages[name]:>13}" for name in STAGES))
    if record:
        shown = ("analysis", "per_second", "over_parse", "reopen", "peak_mib")
        figures = {f"{row['size']:,} articles {name}": row[name] for row in rows for name in shown}
        split = f"corpus-dev resampled, {args.words} words, {args.workers} workers"
        record_result("scale", figures, split=split)
    return 0


if __name__ == "__main__":
    sys.exit(main(record=True))
