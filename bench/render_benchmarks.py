"""Write ``docs/benchmarks.md`` from the results the benchmarks recorded in ``bench/results/``.

    python bench/render_benchmarks.py           # rewrite docs/benchmarks.md
    python bench/render_benchmarks.py --check   # exit 1 when docs/benchmarks.md is not current

The page is a table of the latest figures of each benchmark (as its own run wrote them), a
section per benchmark with every figure it recorded, and the benchmarks with no result yet,
each with the command that records one. Nothing on the page is typed by hand.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from results import ROOT, Figure, read_all

PAGE = ROOT / "docs" / "benchmarks.md"


@dataclass(frozen=True)
class Benchmark:
    """A benchmark of ``bench/``: its result name, the command that records it, what it
    measures (and which direction is better)."""

    name: str
    command: str
    measures: str


#: Every benchmark, in the order of the page. Run from the project root with ../shared beside it.
BENCHMARKS: tuple[Benchmark, ...] = (
    Benchmark(
        "gold",
        "python bench/gold.py --topics bench/trade_topics.toml",
        "quotes (speaker accuracy over all gold quotes, share found), stance (accuracy over all "
        "and core statements, false stances on the `none` rows, support read as opposition or "
        "the reverse) and (sentence, actor) sentiment (macro-F1, share scored) against the hand "
        "labels of `../shared/bench/gold-dev`, over all stories and stance per story, with 95% "
        "bootstrap intervals over articles and the stance confusion matrix (gold -> predicted); "
        "higher is better except false_stances and support_oppose_swaps",
    ),
    Benchmark(
        "gold-registry-empty",
        "python bench/gold.py --topics bench/trade_topics.toml --registry bench/empty.toml",
        "the same with an empty actor registry: the tool with no curated list at all",
    ),
    Benchmark(
        "gold-classifier",
        "python bench/gold.py --topics bench/trade_topics.toml --sentiment classifier",
        "the same with the n-gram sentiment classifier instead of the transformer",
    ),
    Benchmark(
        "gold-polnear",
        "python bench/gold.py --topics bench/trade_topics.toml",
        "stance toward the two candidates (the set's own topics) against the hand labels of "
        "`../shared/bench/gold-dev-polnear` (7 PolNeAR dev articles, stance only; the same run "
        "records gold): accuracy over all and core statements with 95% bootstrap intervals "
        "over articles, the share of statements matched, false stances on the `none` rows, "
        "support read as opposition or the reverse (also as a share of the matched "
        "statements) and the confusion matrix (gold -> predicted, `none` = no statement)",
    ),
    Benchmark(
        "gold-polnear-registry-empty",
        "python bench/gold.py --topics bench/trade_topics.toml --registry bench/empty.toml",
        "the same with an empty actor registry (the same run records gold-registry-empty)",
    ),
    Benchmark(
        "gold-polnear-classifier",
        "python bench/gold.py --topics bench/trade_topics.toml --sentiment classifier",
        "the same with the n-gram sentiment classifier (the same run records gold-classifier)",
    ),
    Benchmark(
        "quotes_polnear",
        "python bench/quotes_polnear.py",
        "who said it on PolNeAR dev (84 US election articles, hand-annotated attributions): "
        "direct quotes found and speaker right, and every attribution (paraphrase included) "
        "found and source right, each with a 95% bootstrap interval over articles; a pronoun "
        "source is right when the speaker names the person it stands for; higher is better; "
        "the misses of direct quotes are printed by kind with examples",
    ),
    Benchmark(
        "quotes_polnear-registry-empty",
        "python bench/quotes_polnear.py",
        "the same with an empty actor registry (the same run records both)",
    ),
    Benchmark(
        "actors_truth",
        "python bench/actors_truth.py",
        "actors against hand-made truth (`bench/truth/`: corpus-dev and ten PolNeAR dev "
        "articles): precision of the 20 most-mentioned actors, people split under two names "
        "and merged under one (lower is better), mention recall of the truth's surfaces, and "
        "whether every person of a quarter of the articles is among the top 15; the junk, "
        "split and missed actors are printed",
    ),
    Benchmark(
        "actors_truth-registry-empty",
        "python bench/actors_truth.py",
        "the same with an empty actor registry (the same run records both)",
    ),
    Benchmark(
        "sentiment_newsmtsc-transformer",
        "python bench/sentiment_newsmtsc.py",
        "target sentiment on NewsMTSC dev_rw and dev_mt (or any file in that format: "
        "`--data FILE ...`): macro-F1 (F1m, higher is better) of the transformer with a 95% "
        "bootstrap interval, of the n-gram classifier and of TextBlob's sentence polarity; "
        "calibration error (ECE, lower is better); targets per second with one and two threads "
        "(on a shared machine these vary with its load); the confusion matrix is printed",
    ),
    Benchmark(
        "sentiment_throughput",
        "python bench/sentiment_throughput.py --before c8b7069 --pairs 600",
        "targets per second (wall time, median of three interleaved runs) of the sentiment "
        "transformer on distinct NewsMTSC train pairs, none remembered: batched as the analysis "
        "runs it (pairs of one token length per call), one call per pair, one call on two "
        "intra-op threads, and the dynamically quantised model shipped at the given revision "
        "(one call per pair); the machine is shared, so read the ratios of one run",
    ),
    Benchmark(
        "keywords_kpcrowd",
        "python bench/keywords_kpcrowd.py",
        "P@10 and F1@10 (higher is better) on 500N-KPCrowd dev of presslens's words and "
        "phrases, read from the parse (as the pipeline makes them) and from the text alone (as "
        "an article without a parse gets them), and of plain YAKE with n=1 and n=3; F1@10 also "
        "on each half of the documents: tune (where choices were made) and held-out",
    ),
    Benchmark(
        "keywords_cost",
        "python bench/keywords_cost.py",
        "CPU seconds per 1,000 unique articles (200 PolNeAR train texts) of the keywords step "
        "read from the parse against from the text (a tokenising regular expression and the "
        "yake package), timed in the same run, and their ratio (lower CPU is better); the "
        "parse's own CPU seconds for scale",
    ),
    Benchmark(
        "keywords_aggregation",
        "python bench/keywords_aggregation.py",
        "outlet keywords by rank fusion against keywords of the joined text, on corpus-dev: the "
        "share of the top 10 found in at least two of the outlet's articles (higher is better)",
    ),
    Benchmark(
        "stance_gold",
        "python bench/stance_gold.py",
        "stance accuracy on the hand-labelled fixture `tests/data/stance_gold.csv` (judgements "
        "on sentences of the seeds and corpus-dev, with the parse, as the analysis runs); the "
        "confusion matrix and the misses are printed",
    ),
    Benchmark(
        "export_charts",
        "python bench/export_charts.py",
        "every chart of every page (seeds by default, or `PATH ...`) as PNG with kaleido's sync "
        "server: the median seconds per chart (lower is better), how much slower a browser "
        "started per chart is, the server's start-up; pixels and bytes per chart, the charts "
        "ZIP and the report are printed",
    ),
    Benchmark(
        "hostile_time",
        "python bench/hostile_time.py",
        "every boilerplate rule and analyser on pathological lines (runs of one character "
        "class, nested repetitions, spaces, quotes, brackets) at N and 2N characters "
        "(`--size N`): the largest growth of the time (2 = linear, 4 = quadratic; lower is "
        "better; a ratio over a time under a millisecond is mostly noise) and the slowest time "
        "at 2N",
    ),
    Benchmark(
        "scale",
        "make bench",
        "corpora of 10, 100 and 1,000 unique articles (PolNeAR train and dev, 500N-KPCrowd "
        "dev, corpus-dev: no text repeated; `--resampled`: paragraphs of corpus-dev, which "
        "repeat): seconds, articles per second, the analysis's cost over a bare `nlp.pipe` "
        "pass over the same texts in the same worker processes, in wall seconds (over_parse) "
        "and in CPU seconds (over_parse_cpu: what other programs on the machine do not "
        "change; lower is better), the share of the sentiment model's calls its memo "
        "answered, reopening from the disk cache, peak memory with the workers, and the CPU "
        "seconds of each stage on the largest corpus (summed over the workers)",
    ),
    Benchmark(
        "scale_out",
        "python bench/scale_out.py",
        "a Parquet corpus of the unique articles of scale (`--resampled`: 100,000 articles "
        "resampled from corpus-dev), its first N (`--analyse N`) analysed by `python -m "
        "analysis analyze --scheduler` on a local cluster of 1 and 2 workers: articles per "
        "second and speed-up of the command and of its analysing stage, peak memory per "
        "worker and of the command, projected hours and worker-hours for 1,000,000 articles, "
        "the workers' CPU seconds per article and the CPU-hours they project",
    ),
    Benchmark(
        "large_csv",
        "python bench/large_csv.py",
        "a CSV export of N short articles (`--articles N --words N`) through "
        "`python -m analysis analyze`: seconds, articles per second, peak memory (PSS) of the "
        "whole process tree and of the command, progress-bar updates",
    ),
    Benchmark(
        "large_csv-read-only",
        "python bench/large_csv.py --articles 200000 --read-only",
        "the same export only read a chunk at a time, cleaned and cut into parts",
    ),
    Benchmark(
        "speaker_kinds",
        "python bench/speaker_kinds.py",
        "the kind of voice of quoted speakers (official, politician, expert, journalist, "
        "citizen, anonymous) against 108 speakers labelled by hand in "
        "`bench/truth/speaker_kinds.csv` (corpus-dev and PolNeAR dev): accuracy with a 95% "
        "bootstrap interval over articles, per set; higher is better",
    ),
    Benchmark(
        "results_dashboard",
        "python bench/results_dashboard.py --source DIR --pages",
        "the dashboard on a large analysis folder: a folder written by `analyze --out` (DIR: "
        "1,000 resampled articles) copied to 100,000 articles and written again, then in a "
        "fresh process the Overview's first run, its median rerun after a change of actor, the "
        "server's peak memory, the page with six other outlets chosen; with `--pages`, every "
        "page's first run and peak memory",
    ),
)


def _value(value: Figure) -> str:
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)


def _anchor(name: str) -> str:
    return name.lower().replace(" ", "-")


def render(results: dict[str, dict]) -> str:
    """The Markdown of ``docs/benchmarks.md`` for ``results`` (benchmark name -> recorded
    entry, as ``results.read_all`` returns them)."""
    known = {b.name: b for b in BENCHMARKS}
    extra = [
        Benchmark(name, results[name]["command"], "")
        for name in sorted(results)
        if name not in known
    ]
    recorded = [b for b in (*BENCHMARKS, *extra) if b.name in results]
    missing = [b for b in BENCHMARKS if b.name not in results]
    lines = [
        "# Benchmarks",
        "",
        "<!-- Generated by bench/render_benchmarks.py from bench/results/*.json: do not edit. -->",
        "",
        "The latest figures of each benchmark in `bench/`, as its own run recorded them in",
        "`bench/results/<benchmark>.json`: the data it was measured on, the date and the code",
        "version (`+modified`: the run had uncommitted changes in `analysis/` or `bench/`).",
        "Run a benchmark from the project root with the project's Python (`.venv/bin/python`)",
        "and `../shared` beside it, then `python bench/render_benchmarks.py` to rewrite this",
        "page; `make test` fails while the page and the results differ. Earlier figures are in",
        "the history of `bench/results/`.",
        "What the figures mean for a reader of the dashboard is in [Methods](methods.md).",
        "",
        "| benchmark | data | first figure | date | code |",
        "|---|---|---|---|---|",
    ]
    for benchmark in recorded:
        entry = results[benchmark.name]
        first, value = next(iter(entry["figures"].items()))
        lines.append(
            f"| [{benchmark.name}](#{_anchor(benchmark.name)}) | {entry['split']} | "
            f"{first} = {_value(value)} | {entry['date']} | {entry['code_version']} |"
        )
    for benchmark in recorded:
        entry = results[benchmark.name]
        lines += ["", f"## {benchmark.name}", ""]
        if benchmark.measures:
            lines += [benchmark.measures[0].upper() + benchmark.measures[1:] + ".", ""]
        lines += [
            f"`{entry['command']}` on {entry['split']}, {entry['date']}, "
            f"code {entry['code_version']}.",
            "",
            "| figure | value |",
            "|---|---|",
        ]
        lines += [f"| {name} | {_value(value)} |" for name, value in entry["figures"].items()]
    if missing:
        lines += [
            "",
            "## Not yet recorded",
            "",
            "These take from many minutes to hours on a 2-core machine; each writes its result "
            "when run:",
            "",
        ]
        lines += [f"- **{b.name}**: {b.measures}. Run `{b.command}`." for b in missing]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare, do not write")
    args = parser.parse_args(argv)
    page = render(read_all())
    if args.check:
        current = PAGE.read_text(encoding="utf-8") if PAGE.is_file() else ""
        if current != page:
            print(f"{PAGE.relative_to(ROOT)} is not current: run bench/render_benchmarks.py")
            return 1
        return 0
    PAGE.write_text(page, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
