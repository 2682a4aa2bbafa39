"""Command line: ``python -m analysis analyze|charts|report PATH... --out DIR|FILE``.

PATH may be a folder, files, a CSV/JSONL corpus or an http(s) URL. Exit codes: 0 when at
least one article was analysed, 2 for bad arguments or when no input gave a usable article
(the message names the cause). Rejected inputs are listed on standard error and written to
``rejected.csv``; nothing is dropped silently.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import NamedTuple

from tqdm import tqdm

from analysis.budget import Budget
from analysis.cache import DiskCache
from analysis.corpus import MAX_CORPUS_CHARS, MIN_WORDS, Corpus, build_corpus
from analysis.datafile import DataFileError
from analysis.engine import Engine, Progress, client
from analysis.export import page_charts, png_path
from analysis.ingest import read_chunks
from analysis.outlets import Outlets, merge_aliases
from analysis.pipeline import analyse, analysed_before, error_summary
from analysis.render import NO_BROWSER, ExportError, PngRenderer, find_browser
from analysis.report import html_report
from analysis.results import previous_analysis, read_results
from analysis.sentiment import METHOD_LABELS, METHODS, TRANSFORMER
from analysis.settings import DATA_FILES, Settings
from analysis.streamed import PartsNotVisible, analyse_into
from analysis.tables import TABLES, Analysis

EXIT_OK = 0
EXIT_USAGE = 2
#: Articles the command reads by default (--max-articles).
MAX_ARTICLES = 1_000_000


def _input_options() -> argparse.ArgumentParser:
    """The options every command shares: what to read and how to analyse it."""
    options = argparse.ArgumentParser(add_help=False)
    options.add_argument(
        "paths", nargs="+", metavar="PATH", help="folder, file, CSV/JSONL corpus or http(s) URL"
    )
    options.add_argument(
        "--no-clean", action="store_true", help="keep page boilerplate (do not run the cleaner)"
    )
    options.add_argument(
        "--min-words",
        type=int,
        default=MIN_WORDS,
        metavar="N",
        help=f"reject articles shorter than N words (default {MIN_WORDS})",
    )
    options.add_argument(
        "--max-chars",
        type=int,
        default=MAX_CORPUS_CHARS,
        metavar="N",
        help=f"load at most N characters of article text (default {MAX_CORPUS_CHARS:,}); "
        "reading decodes at most four times as many (markup and metadata included)",
    )
    options.add_argument(
        "--max-articles",
        type=int,
        default=MAX_ARTICLES,
        metavar="N",
        help=f"read at most N articles (rows of corpus files, files, pages; default "
        f"{MAX_ARTICLES:,}); a file with more is rejected",
    )
    for kind in DATA_FILES.values():
        options.add_argument(
            kind.option,
            type=Path,
            metavar="FILE",
            help=f"{kind.what} TOML to use instead of the built-in one",
        )
    options.add_argument(
        "--no-coref",
        action="store_true",
        help="do not resolve sentence-initial He/She to the previous sentence's person",
    )
    options.add_argument(
        "--sentiment",
        choices=METHODS,
        default=TRANSFORMER,
        help="sentiment toward actors: "
        + "; ".join(f"{m}: {METHOD_LABELS[m]}" for m in METHODS)
        + f" (default {TRANSFORMER})",
    )
    options.add_argument(
        "--workers",
        type=int,
        metavar="N",
        help="local worker processes to analyse with (default: one per core)",
    )
    options.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="analyse on an existing Dask cluster, e.g. tcp://10.0.0.5:8786 (its workers "
        "need presslens installed); --workers is then ignored",
    )
    options.add_argument(
        "--no-cache",
        action="store_true",
        help="neither read nor store the analysis in the user's cache folder",
    )
    options.add_argument(
        "--allow-private-urls",
        action="store_true",
        help="allow URLs on loopback or private networks (local use)",
    )
    return options


#: Each command: help line, description, and the metavar and help of its --out.
_COMMANDS = {
    "analyze": (
        "write every table as CSV and as a Parquet dataset, with manifest.json",
        "Read articles and write articles, rejected, removed (the cleaning record), "
        "sentences, mentions, actor_sentiment (per mention), actor_summary (per outlet and "
        "actor), stance, quotes, keywords, distinctive_terms, spellings, spelling_candidates "
        "(variants found in the corpus, with evidence), spelling_hits and term_hits (every "
        "variant and contested term at its offsets), terms (contested terms), frames, "
        "frame_answers (the frame codebook per article) and labels into DIR: NAME.csv and "
        "the Parquet dataset NAME/part-*.parquet, with manifest.json (settings, versions, "
        "counts, failures). Run again into the same DIR with the same settings, only the "
        "articles it does not hold are analysed.",
        "DIR",
        "folder for the tables (created if missing)",
    ),
    "charts": (
        "write every chart of every page as PNG",
        "Read articles and write every chart of every dashboard page (default view) as PNG "
        "into DIR, one folder per page, 1200 px wide at scale 2. Needs Chrome or Chromium "
        "(BROWSER_PATH, or chromium on PATH).",
        "DIR",
        "folder for the PNGs (created if missing)",
    ),
    "report": (
        "write a self-contained HTML report",
        "Read articles and write one HTML file with the corpus list, every chart "
        "(interactive; plotly.js inlined, opens without a network), the key tables and "
        "method notes.",
        "FILE",
        "the HTML file",
    ),
}


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m analysis",
        description="presslens: compare how news outlets cover the same story.",
    )
    commands = parser.add_subparsers(dest="command", required=True)
    options = _input_options()
    for name, (summary, description, metavar, out_help) in _COMMANDS.items():
        command = commands.add_parser(
            name, parents=[options], help=summary, description=description
        )
        command.add_argument("--out", required=True, type=Path, metavar=metavar, help=out_help)
    report = commands.choices["report"]
    report.add_argument("--title", default="presslens report", help="the report's title")
    return parser


def _data_files(args: argparse.Namespace) -> dict[str, object] | None:
    """The data files named on the command line, parsed (the others left out: the built-in
    ones); None after printing the reason when one cannot be used."""
    loaded: dict[str, object] = {}
    for name, kind in DATA_FILES.items():
        path = getattr(args, name)
        try:
            if path is not None:
                loaded[name] = kind.parse(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, DataFileError) as error:
            print(f"error: cannot use the {kind.what} file {path}: {error}", file=sys.stderr)
            return None
    return loaded


class ProgressBars:
    """A progress bar on standard error for each stage of the work (articles done, rate,
    time left), told of the progress by :class:`~analysis.engine.Progress`."""

    def __init__(self) -> None:
        self._bars: dict[str, tqdm] = {}

    def __call__(self, progress: Progress) -> None:
        bar = self._bars.get(progress.stage)
        if bar is None:
            self.close()
            in_bytes = progress.unit == "bytes"
            bar = tqdm(
                total=progress.total,
                desc=progress.stage,
                unit="B" if in_bytes else f" {progress.unit}" if progress.total > 1 else " step",
                unit_scale=in_bytes,
                unit_divisor=1024,
                file=sys.stderr,
                mininterval=0.5,
                dynamic_ncols=True,
            )
            self._bars[progress.stage] = bar
        bar.update(progress.done - bar.n)

    def close(self) -> None:
        """End every bar drawn so far."""
        for bar in self._bars.values():
            bar.close()


class Analysed(NamedTuple):
    """What the commands write: the ``analysis`` (that of ``analyze`` written in --out
    already, by :func:`analysis.streamed.analyse_into`) and the ``outlets`` whose groups
    the Groups charts compare (--outlets)."""

    analysis: Analysis
    outlets: Outlets = ()


def _analysed(args: argparse.Namespace) -> Analysed | None:
    """Read, clean and analyse the inputs of ``args``; None after printing the reason when
    there is nothing to analyse. Rejected inputs are listed on standard error; the work
    shows a progress bar per stage and ends with a line of how long it took."""
    if args.min_words < 1:
        print("error: --min-words must be at least 1", file=sys.stderr)
        return None
    if args.max_articles < 1 or args.max_chars < 1:
        print("error: --max-articles and --max-chars must be at least 1", file=sys.stderr)
        return None
    if args.scheduler:
        try:
            client(scheduler=args.scheduler)
        except (ValueError, OSError) as error:
            print(f"error: --scheduler {args.scheduler}: {error}", file=sys.stderr)
            return None
    budget = Budget.of_corpus(
        max_articles=args.max_articles,
        max_chars=args.max_chars,
        holder="this command reads (--max-articles, --max-chars)",
    )
    data = _data_files(args)
    if data is None:
        return None
    cache = None if args.no_cache else DiskCache()
    started, bars = time.perf_counter(), ProgressBars()
    corpus = build_corpus(
        read_chunks(args.paths, allow_private_urls=args.allow_private_urls, budget=budget),
        clean=not args.no_clean,
        min_words=args.min_words,
        max_chars=args.max_chars,
        cache=cache,
        workers=args.workers,
        scheduler=args.scheduler,
        on_progress=bars,
    )
    bars.close()
    if data.get("outlets"):
        merged = merge_aliases(corpus.articles, data["outlets"])  # type: ignore[arg-type]
        corpus = Corpus(merged, corpus.rejected, corpus.removed)
    for row in corpus.rejected.itertuples(index=False):
        print(f"rejected: {row.source}: {row.reason}", file=sys.stderr)
    if corpus.articles.empty:
        print(
            "error: no usable article in the input "
            f"({len(corpus.rejected)} input(s) rejected, see above)",
            file=sys.stderr,
        )
        return None
    print(
        f"{len(corpus.articles)} articles from {corpus.articles['outlet'].nunique()} outlets, "
        f"{len(corpus.rejected)} rejected, {len(corpus.removed)} lines removed by cleaning",
        file=sys.stderr,
    )
    settings = Settings(coref=not args.no_coref, sentiment=args.sentiment, **data)  # type: ignore[arg-type]
    previous = (
        previous_analysis(args.out, settings.fingerprint()) if args.command == "analyze" else None
    )
    reused = 0 if previous is None else int(analysed_before(corpus.articles, previous).sum())
    if reused:
        print(f"{reused} articles were analysed before in {args.out}: kept", file=sys.stderr)
    engine = Engine(args.workers, args.scheduler, bars)
    if args.command == "analyze":
        try:
            analyse_into(
                corpus,
                settings,
                args.out,
                fingerprint=settings.fingerprint(),
                engine=engine,
                cache=cache,
                previous=previous,
            )
        except PartsNotVisible as error:
            bars.close()
            print(f"error: {error}", file=sys.stderr)
            return None
        analysis = read_results(args.out)
    else:
        analysis = analyse(corpus, settings, engine=engine, cache=cache)
    bars.close()
    seconds, analysed = time.perf_counter() - started, len(corpus.articles) - reused
    print(
        f"analysed {analysed} articles in {seconds:.1f} s ({analysed / seconds:.1f} articles/s)",
        file=sys.stderr,
    )
    errors = analysis.analysis_errors
    if len(errors):
        print(f"warning: {error_summary(errors)}", file=sys.stderr)
        for row in errors.itertuples(index=False):
            where = f"{row.title} ({row.outlet})" if row.article_id else "the whole corpus"
            print(
                f"  {row.analyser} failed on {where}: {row.error}: {row.message}", file=sys.stderr
            )
    return Analysed(analysis, settings.resolved().outlets or ())


def _analyze(args: argparse.Namespace, run: Analysed) -> int:
    print(f"{len(TABLES)} tables written to {args.out}", file=sys.stderr)
    return EXIT_OK


def _charts(args: argparse.Namespace, run: Analysed) -> int:
    try:
        renderer = PngRenderer()
    except ExportError as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_USAGE
    try:
        charts = page_charts(run.analysis, run.outlets)
        for chart in charts:
            path = args.out / png_path(chart)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(renderer.png(chart.figure))
    except ExportError as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_USAGE
    finally:
        renderer.close()
    print(f"{len(charts)} charts written to {args.out}", file=sys.stderr)
    return EXIT_OK


def _report(args: argparse.Namespace, run: Analysed) -> int:
    analysis = run.analysis
    created = (
        f"Made by presslens on {date.today().isoformat()} from {len(analysis.articles)} articles."
    )
    charts = page_charts(analysis, run.outlets)
    report = html_report(analysis, charts, title=args.title, created=created, outlets=run.outlets)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(report, encoding="utf-8")
    print(f"report written to {args.out}", file=sys.stderr)
    return EXIT_OK


_RUN = {"analyze": _analyze, "charts": _charts, "report": _report}


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    args = _parser().parse_args(argv)
    if args.command == "charts" and find_browser() is None:
        print(f"error: {NO_BROWSER}", file=sys.stderr)
        return EXIT_USAGE
    run = _analysed(args)
    if run is None:
        return EXIT_USAGE
    return _RUN[args.command](args, run)
