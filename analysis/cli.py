"""Command line: ``python -m analysis analyze PATH... --out DIR``.

PATH may be a folder, files, a CSV/JSONL corpus or an http(s) URL. Exit codes: 0 when at
least one article was analysed, 2 for bad arguments or when no input gave a usable article
(the message names the cause). Rejected inputs are listed on standard error and written to
``rejected.csv``; nothing is dropped silently.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from analysis.actors import Registry, RegistryError, default_registry, find_mentions, parse_registry
from analysis.aggregate import actor_summary
from analysis.corpus import MIN_WORDS, Corpus, build_corpus
from analysis.framing import TERMS_FORMAT, find_frames, find_labels, find_terms, frame_answers
from analysis.ingest import IngestResult, fetch_url, read_paths
from analysis.keywords import article_keywords, distinctive_terms
from analysis.lexicon import USER, GroupError, Groups, parse_groups
from analysis.quotes import find_quotes
from analysis.sentiment import actor_sentiment
from analysis.spelling import FORMAT as SPELLINGS_FORMAT
from analysis.spelling import discover_variants, find_spellings
from analysis.stance import TopicError, Topics, default_topics, find_stance, parse_topics
from analysis.text import sentences

EXIT_OK = 0
EXIT_USAGE = 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m analysis",
        description="presslens: compare how news outlets cover the same story.",
    )
    commands = parser.add_subparsers(dest="command", required=True)
    analyze = commands.add_parser(
        "analyze",
        help="write every table as CSV and Parquet",
        description="Read articles and write articles, rejected, removed (the cleaning "
        "record), sentences, mentions, actor_sentiment (per mention), actor_summary (per "
        "outlet and actor), stance, quotes, keywords, distinctive_terms, spellings, "
        "spelling_candidates (variants found in the corpus, with evidence), terms "
        "(contested terms), frames, frame_answers (the frame codebook per article) and "
        "labels as CSV and Parquet into DIR.",
    )
    analyze.add_argument(
        "paths", nargs="+", metavar="PATH", help="folder, file, CSV/JSONL corpus or http(s) URL"
    )
    analyze.add_argument(
        "--out",
        required=True,
        type=Path,
        metavar="DIR",
        help="folder for the tables (created if missing)",
    )
    analyze.add_argument(
        "--no-clean", action="store_true", help="keep page boilerplate (do not run the cleaner)"
    )
    analyze.add_argument(
        "--min-words",
        type=int,
        default=MIN_WORDS,
        metavar="N",
        help=f"reject articles shorter than N words (default {MIN_WORDS})",
    )
    analyze.add_argument(
        "--registry",
        type=Path,
        metavar="FILE",
        help="actor registry TOML to use instead of the built-in one",
    )
    analyze.add_argument(
        "--topics",
        type=Path,
        metavar="FILE",
        help="stance topics TOML to use instead of the built-in ones",
    )
    analyze.add_argument(
        "--spellings",
        type=Path,
        metavar="FILE",
        help="spelling variant groups TOML to use instead of the built-in ones",
    )
    analyze.add_argument(
        "--terms",
        type=Path,
        metavar="FILE",
        help="contested-term groups TOML to use instead of the built-in ones",
    )
    analyze.add_argument(
        "--no-coref",
        action="store_true",
        help="do not resolve sentence-initial He/She to the previous sentence's person",
    )
    analyze.add_argument(
        "--allow-private-urls",
        action="store_true",
        help="allow URLs on loopback or private networks (local use)",
    )
    return parser


def read_inputs(paths: Sequence[str], *, allow_private_urls: bool = False) -> IngestResult:
    """Read every PATH argument: URLs are fetched, everything else read from disk."""
    result = IngestResult()
    for path in paths:
        if path.startswith(("http://", "https://")):
            result += fetch_url(path, allow_private=allow_private_urls)
        else:
            result += read_paths([path])
    return result


def write_tables(tables: dict[str, pd.DataFrame], out: Path) -> list[Path]:
    """Write each table as ``NAME.csv`` and ``NAME.parquet`` into ``out``."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, frame in tables.items():
        csv_path = out / f"{name}.csv"
        frame.to_csv(csv_path, index=False)
        frame.to_parquet(out / f"{name}.parquet", index=False)
        written.append(csv_path)
    return written


def corpus_tables(
    corpus: Corpus,
    *,
    registry: Registry | None = None,
    topics: Topics | None = None,
    spellings: Groups | None = None,
    terms: Groups | None = None,
    coref: bool = True,
) -> dict[str, pd.DataFrame]:
    """Every table of the analysis, by file name."""
    articles = corpus.articles
    sentence_frame = sentences(articles)
    mentions = find_mentions(articles, sentence_frame, registry=registry, coref=coref)
    sentiment = actor_sentiment(mentions, sentence_frame)
    quotes = find_quotes(articles, sentence_frame, mentions, registry=registry)
    stance = find_stance(
        articles, sentence_frame, mentions, quotes, topics=topics, registry=registry
    )
    answers = frame_answers(articles, sentence_frame)
    return {
        "articles": corpus.articles,
        "rejected": corpus.rejected,
        "removed": corpus.removed,
        "sentences": sentence_frame,
        "mentions": mentions,
        "actor_sentiment": sentiment,
        "actor_summary": actor_summary(sentiment, corpus.articles),
        "stance": stance,
        "quotes": quotes,
        "keywords": article_keywords(corpus.articles, registry=registry),
        "distinctive_terms": distinctive_terms(corpus.articles),
        "spellings": find_spellings(articles, groups=spellings),
        "spelling_candidates": discover_variants(articles, groups=spellings),
        "terms": find_terms(articles, sentence_frame, groups=terms),
        "frames": find_frames(answers),
        "frame_answers": answers,
        "labels": find_labels(articles, sentence_frame, mentions, registry=registry),
    }


#: The data files a user may replace: option, parser, built-in default, parse error.
_DATA_FILES = (
    ("registry", parse_registry, default_registry, RegistryError),
    ("topics", parse_topics, default_topics, TopicError),
    ("spellings", lambda text: parse_groups(text, SPELLINGS_FORMAT, source=USER), None, GroupError),
    ("terms", lambda text: parse_groups(text, TERMS_FORMAT, source=USER), None, GroupError),
)


def _data_files(args: argparse.Namespace) -> dict[str, object] | None:
    """The data files named on the command line, parsed (None for the built-in ones); None
    after printing the reason when one cannot be used."""
    loaded: dict[str, object] = {}
    for name, parse, default, error_type in _DATA_FILES:
        path = getattr(args, name)
        try:
            if path is not None:
                loaded[name] = parse(path.read_text(encoding="utf-8"))
            elif default is not None:
                loaded[name] = default()
        except (OSError, UnicodeDecodeError, error_type) as error:
            print(f"error: cannot use the {name} file {path}: {error}", file=sys.stderr)
            return None
    return loaded


def _analyze(args: argparse.Namespace) -> int:
    if args.min_words < 1:
        print("error: --min-words must be at least 1", file=sys.stderr)
        return EXIT_USAGE
    data = _data_files(args)
    if data is None:
        return EXIT_USAGE
    corpus = build_corpus(
        read_inputs(args.paths, allow_private_urls=args.allow_private_urls),
        clean=not args.no_clean,
        min_words=args.min_words,
    )
    for row in corpus.rejected.itertuples(index=False):
        print(f"rejected: {row.source}: {row.reason}", file=sys.stderr)
    if corpus.articles.empty:
        print(
            "error: no usable article in the input "
            f"({len(corpus.rejected)} input(s) rejected, see above)",
            file=sys.stderr,
        )
        return EXIT_USAGE
    tables = corpus_tables(corpus, coref=not args.no_coref, **data)  # type: ignore[arg-type]
    write_tables(tables, args.out)
    print(
        f"{len(corpus.articles)} articles from {corpus.articles['outlet'].nunique()} outlets, "
        f"{len(corpus.rejected)} rejected, {len(corpus.removed)} lines removed by cleaning; "
        f"tables written to {args.out}",
        file=sys.stderr,
    )
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    args = _parser().parse_args(argv)
    return _analyze(args)
