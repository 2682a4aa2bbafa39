"""How the analysis scales: corpora of 10, 100 and 1,000 unique articles, each analysed in a
fresh process.

    python bench/scale.py [--sizes 10 100 1000] [--workers N] [--resampled --words 600]
                          [--sentiment transformer|classifier]

By default the articles are unique (:func:`unique_records`): PolNeAR train and dev, corpus-dev
and 500N-KPCrowd dev (1,167 real news articles of ../shared, each text once, in a seeded
order; a size is the first that many), so no sentence repeats and no memo is flattered. With
``--resampled``, an article of size n is made from paragraphs of corpus-dev articles on one
story, drawn at random (seeded) until it has about ``--words`` words, with the outlet and date
of one of them (dates moved by up to 60 days): any size, but paragraphs repeat. The corpus is
handed over as one JSONL export, the way an archive export arrives. Per size, one line:
articles, words, seconds per stage (ingest = reading the export, corpus = cleaning and
near-duplicate detection, analysis = every per-article table on ``--workers`` processes,
outlets = the tables that compare outlets), the actor mentions (each scored for sentiment by
``--sentiment``), articles per second over the whole run, a bare ``nlp.pipe`` pass over the
same texts with the same components and batch size in the same processes (the analysis's
parts on the same workers), run before and after the analysis (bare_parse: the mean of the
two; bare_spread: how far apart they were, the machine's drift) and the analysis's cost over
it: over_parse = analysis / bare_parse in seconds, over_parse_cpu in CPU seconds of the
workers (the analysers' CPU seconds over the bare pass's: the figure that holds on a machine
other programs load), the share of the sentiment model's calls its memo answered (memo_hits:
a pair scored before in the same worker), the reopening time (reading the same export again,
corpus and tables from the disk cache the first run filled) with the seconds spent parsing in
it (reopen_parse: 0 when nothing is parsed again), and peak memory (proportional set size of
the process and its workers, sampled every :data:`SAMPLE_SECONDS`, MiB).
Up to 1,000 articles, the Overview page in AppTest with the export uploaded: its first run
(page_first, analysis from the disk cache) and the median of 10 reruns after a widget change
(rerun). Then the CPU seconds each stage took, summed over the workers.
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

sys.path.insert(0, str(Path(__file__).resolve().parent))
from results import record as record_result

from analysis import schema as S
from analysis.cache import DiskCache
from analysis.corpus import MIN_WORDS, build_corpus, count_words, load_corpus
from analysis.engine import Engine, client, default_workers
from analysis.ingest import read_uploads
from analysis.parse import BATCH_SIZE, nlp
from analysis.pipeline import PARSE, Settings, analyse, part_cuts
from analysis.sentiment import METHODS, TRANSFORMER
from analysis.tables import ARTICLE_TABLES, OUTLET_TABLES
from analysis.text import paragraphs

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # the pages import pages._ui, as under streamlit run
SHARED = ROOT.parent / "shared"
CORPUS_DEV = SHARED / "corpus-dev"
POLNEAR = SHARED / "bench" / "polnear"
KPCROWD = SHARED / "bench" / "kpcrowd-dev" / "docs"
#: The folders of unique articles, each a text file with the headline on its first line (and
#: corpus-dev, read with its manifest): every one must be present.
UNIQUE_FOLDERS = (POLNEAR / "train" / "text", POLNEAR / "dev" / "text", KPCROWD, CORPUS_DEV)
#: The outlet of a 500N-KPCrowd document (the set does not name its sources).
KPCROWD_OUTLET = "500N-KPCrowd"
#: Reruns measured per size, and the largest size measured (the page keeps every table).
RERUNS = 10
MAX_RERUN_SIZE = 1_000
SIZES = (10, 100, 1_000)
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


def _headlined(file: Path, outlet: str, published: str | None) -> dict[str, str | None]:
    """A record of a text file whose first line is its headline."""
    title, _, text = file.read_text(encoding="utf-8").replace("\r\n", "\n").partition("\n")
    return {"outlet": outlet, "title": title.strip(), "published": published, "text": text.strip()}


def unique_records() -> list[dict[str, str | None]]:
    """Every text of :data:`UNIQUE_FOLDERS` once (PolNeAR train and dev with the outlet and
    date of its metadata, 500N-KPCrowd dev, corpus-dev; a text found twice is kept the first
    time, one too short to be an article is left out), in a seeded random order: real news
    on many stories, no text repeated (the resampled corpus repeats paragraphs, which
    flatters every memo). Raises FileNotFoundError when a folder is absent."""
    missing = [str(folder) for folder in UNIQUE_FOLDERS if not folder.is_dir()]
    if missing:
        raise FileNotFoundError(f"the unique articles need {', '.join(missing)}")
    metadata = pd.read_csv(POLNEAR / "metadata.tsv", sep="\t", dtype=str)
    about = {
        row["filename"]: (row["publisher"], row["publication_date"])
        for row in metadata.to_dict("records")
    }
    records = []
    for split in ("train", "dev"):
        for file in sorted((POLNEAR / split / "text").glob("*.txt")):
            records.append(_headlined(file, *about[file.stem]))
    records += [_headlined(file, KPCROWD_OUTLET, None) for file in sorted(KPCROWD.glob("*.txt"))]
    articles = load_corpus([CORPUS_DEV]).articles
    for row in articles.to_dict("records"):
        published = row[S.PUBLISHED]
        date = None if pd.isna(published) else published.date().isoformat()
        records.append(
            {"outlet": row[S.OUTLET], "title": row[S.TITLE], "published": date, "text": row[S.TEXT]}
        )
    records = [record for record in records if count_words(record["text"]) >= MIN_WORDS]
    unique = list({record["text"]: record for record in reversed(records)}.values())[::-1]
    random.Random(0).shuffle(unique)
    return unique


def unique_export(size: int) -> bytes:
    """A JSONL export of the first ``size`` of :func:`unique_records` (ValueError when there
    are fewer)."""
    records = unique_records()
    if size > len(records):
        raise ValueError(f"{size} articles asked, {len(records)} unique ones exist: --resampled")
    lines = (json.dumps(record, ensure_ascii=False) for record in records[:size])
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


def _bare_part(texts: list[str]) -> tuple[float, float]:
    """What a worker runs: a bare ``nlp.pipe`` pass over ``texts``; its CPU and wall seconds
    (the model loaded before the clocks start, as the analysis finds it loaded)."""
    pipeline = nlp()
    cpu, wall = time.process_time(), time.perf_counter()
    for _ in pipeline.pipe(texts, batch_size=BATCH_SIZE):
        pass
    return time.process_time() - cpu, time.perf_counter() - wall


def bare_parse(articles: pd.DataFrame, workers: int) -> tuple[float, float]:
    """Wall seconds and CPU seconds (summed over the processes) of a bare ``nlp.pipe`` pass
    over the articles' texts with the same components and batch size as the analysis, in
    the same processes: the analysis's parts (:func:`analysis.pipeline.part_cuts`) on the
    same workers (the floor any parse-based analysis stands on)."""
    used, cuts = part_cuts(articles, workers, None)
    texts = articles[S.TEXT].tolist()
    started = time.perf_counter()
    spent = Engine(used).map(_bare_part, [texts[a:b] for a, b in cuts])
    return time.perf_counter() - started, sum(cpu for cpu, _ in spent)


def _memo_calls() -> tuple[int, int]:
    """Hits and misses of the sentiment model's memo of pairs in this process ((0, 0) when
    the model keeps none)."""
    from analysis import transformer

    memo = getattr(transformer, "_remembered", None)
    info = memo.cache_info() if hasattr(memo, "cache_info") else None
    return (info.hits, info.misses) if info is not None else (0, 0)


def memo_hits(articles: pd.DataFrame, workers: int) -> float | None:
    """The share of the sentiment model's calls that its memo answered in the processes that
    analysed ``articles`` (None when it was never called)."""
    used, _ = part_cuts(articles, workers, None)
    runner = client(workers=used) if used > 1 else None
    counts = list(runner.run(_memo_calls).values()) if runner is not None else [_memo_calls()]
    hits, misses = (sum(column) for column in zip(*counts, strict=True))
    return round(hits / (hits + misses), 3) if hits + misses else None


def measure(
    size: int, words: int, workers: int, sentiment: str, *, resampled: bool
) -> dict[str, object]:
    """Build, analyse and reopen one corpus (unique articles, or ``resampled``); what each
    step cost."""
    if resampled:
        source, stories = _stories()
        export = resample(source, stories, size, words)
    else:
        export = unique_export(size)
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
        bare_before, bare_cpu_before = bare_parse(corpus.articles, workers)
        started = time.perf_counter()
        settings = Settings(sentiment=sentiment)
        analysis = analyse(corpus, settings, engine=Engine(workers), cache=cache, timings=stages)
        total = time.perf_counter() - started
        hits = memo_hits(corpus.articles, workers)
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
        bare_after, bare_cpu_after = bare_parse(corpus.articles, workers)
        seconds["bare_parse"] = (bare_before + bare_after) / 2
        seconds["bare_spread"] = abs(bare_before - bare_after)
        seconds["bare_parse_cpu"] = (bare_cpu_before + bare_cpu_after) / 2
        if size <= MAX_RERUN_SIZE:
            from pages._ui import state

            uploaded = {state.INCLUDE_SEEDS: False, state.UPLOADS: (("export.jsonl", export),)}
            seconds["page_first"], seconds["rerun"] = rerun_seconds(uploaded, reruns=RERUNS)
    whole = seconds["ingest"] + seconds["corpus"] + total
    analysis_cpu = sum(stages.get(name, 0.0) for name in STAGES)
    return {
        "size": size,
        "articles": len(corpus.articles),
        "words": int(corpus.articles[S.N_WORDS].sum()),
        "mentions": len(analysis.mentions),
        **{name: round(value, 2) for name, value in seconds.items()},
        "analysis_cpu": round(analysis_cpu, 2),
        "per_second": round(len(corpus.articles) / whole, 1),
        "over_parse": round(seconds["analysis"] / seconds["bare_parse"], 2),
        "over_parse_cpu": round(analysis_cpu / seconds["bare_parse_cpu"], 2),
        "memo_hits": hits,
        "peak_mib": round(memory.peak),
        "stages": {name: round(stages.get(name, 0.0), 2) for name in STAGES},
    }


def main(argv: list[str] | None = None, *, record: bool = False) -> int:
    """Prints a row per corpus size and the CPU seconds of each stage; with ``record``, writes
    the main figures of each size and the stages' CPU seconds of the largest into
    ``bench/results/scale.json``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES))
    parser.add_argument("--resampled", action="store_true", help="paragraphs of corpus-dev")
    parser.add_argument("--words", type=int, default=600, help="words per resampled article")
    parser.add_argument("--workers", type=int, default=default_workers())
    parser.add_argument("--sentiment", choices=METHODS, default=TRANSFORMER)
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    needed = (CORPUS_DEV,) if args.resampled else UNIQUE_FOLDERS
    missing = [str(folder) for folder in needed if not folder.is_dir()]
    if missing:
        print(f"skipped: needs {', '.join(missing)} (shared data)", file=sys.stderr)
        return 2
    if not args.resampled and max(args.sizes) > len(unique_records()):
        print(f"at most {len(unique_records())} unique articles: --resampled", file=sys.stderr)
        return 2
    if args.one is not None:
        row = measure(args.one, args.words, args.workers, args.sentiment, resampled=args.resampled)
        print(json.dumps(row))
        return 0
    columns = ("size", "articles", "words", "mentions", "ingest", "corpus", "analysis")
    columns += ("outlets", "per_second", "bare_parse", "bare_spread", "over_parse")
    columns += ("analysis_cpu", "bare_parse_cpu", "over_parse_cpu", "memo_hits")
    columns += ("reopen", "reopen_parse", "page_first", "rerun", "peak_mib")
    corpus = f"corpus-dev resampled, {args.words} words" if args.resampled else "unique articles"
    print(f"{corpus}, workers={args.workers} sentiment={args.sentiment}")
    print(" ".join(f"{name[:14]:>14}" for name in columns))
    rows = []
    for size in args.sizes:
        command = [sys.executable, __file__, "--one", str(size), "--words", str(args.words)]
        command += ["--workers", str(args.workers), "--sentiment", args.sentiment]
        command += ["--resampled"] if args.resampled else []
        output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
        rows.append(json.loads(output.splitlines()[-1]))
        print(" ".join(f"{rows[-1].get(name, '-')!s:>14}" for name in columns), flush=True)
    print("\nCPU seconds per stage (summed over the workers), and per 1,000 articles:")
    print(f"{'stage':>16}" + "".join(f"{row['size']:>10,}{'/1,000':>10}" for row in rows))
    for name in STAGES:
        cells = (
            (row["stages"][name], 1_000 * row["stages"][name] / row["articles"]) for row in rows
        )
        print(f"{name:>16}" + "".join(f"{spent:>10.2f}{per:>10.2f}" for spent, per in cells))
    if record:
        shown = ("analysis", "per_second", "over_parse", "analysis_cpu", "bare_parse_cpu")
        shown += ("over_parse_cpu", "memo_hits", "reopen", "peak_mib")
        figures = {
            f"{row['size']:,} articles {name}": "-" if row[name] is None else row[name]
            for row in rows
            for name in shown
        }
        largest = rows[-1]
        figures |= {
            f"{largest['size']:,} articles CPU s {name}": largest["stages"][name] for name in STAGES
        }
        split = f"{corpus} ({rows[-1]['articles']:,} analysed), {args.workers} workers"
        record_result("scale", figures, split=split)
    return 0


if __name__ == "__main__":
    sys.exit(main(record=True))
