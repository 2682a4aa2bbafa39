"""Turn ingested documents into a corpus: cleaned articles, rejected inputs, cleaning record.

:func:`build_corpus` cleans every document (:mod:`analysis.clean`), fills in the metadata the
input did not carry (title from the headline line or the URL, outlet from the URL's domain,
date from a date stamp), detects the language, merges exact duplicates and flags
near-duplicates (the same wire copy run by several outlets). Every input ends in exactly one
of ``Corpus.articles`` or ``Corpus.rejected``.
"""

from __future__ import annotations

import hashlib
import itertools
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import cache, cached_property, partial
from pathlib import Path

import numpy as np
import pandas as pd

from analysis import schema as S
from analysis.budget import CORPUS_CHARS, LISTED_REJECTIONS
from analysis.cache import DiskCache
from analysis.clean import clean_text
from analysis.engine import (
    PARTS_PER_WORKER,
    OnProgress,
    Progress,
    Stopped,
    default_workers,
    map_parts,
    split,
)
from analysis.ingest import (
    MAX_ARTICLE_CHARS,
    Chunk,
    Document,
    IngestResult,
    Rejection,
    domain_of,
    input_of,
    read_paths,
    title_from_url,
    too_long,
)
from analysis.text import with_headline

#: Articles shorter than this many words after cleaning are rejected as too short.
MIN_WORDS = 20
#: Words per shingle when comparing articles for near-duplicates.
SHINGLE_WORDS = 5
#: Share of an article's shingles found in an earlier article that marks it a copy (0..1).
COPY_THRESHOLD = 0.5
#: Corpora up to this many articles compare every pair of articles sharing a shingle;
#: larger ones compare each article with candidates found through a sample of its shingles
#: (see :func:`find_copies`).
EXACT_COPIES = 2_000
#: One shingle in this many is sampled to find copy candidates in a large corpus.
SAMPLE_EVERY = 8
#: Articles a sampled shingle remembers as candidates (the first that hold it).
CANDIDATES_PER_SHINGLE = 16
#: Candidates of an article whose shared shingles are counted exactly.
CHECKED = 4
#: Below this many characters of input the corpus is cleaned in the calling process.
MIN_PARALLEL_CHARS = 500_000
#: The stage of :class:`~analysis.engine.Progress` that cleans the documents.
CLEAN = "cleaning documents"
#: Characters of an article read to tell its language (a few sentences are plenty).
LANGUAGE_SAMPLE = 2_000
#: Outlet shown when neither the input nor its URL names one.
UNKNOWN_OUTLET = "Unknown outlet"
#: Most characters of article text in one corpus (about 8 million words); the command line
#: can raise it (--max-chars).
MAX_CORPUS_CHARS = CORPUS_CHARS
#: Columns a user may edit on the home page; edits flow into every analysis.
EDITABLE_COLUMNS: tuple[str, ...] = (S.OUTLET, S.TITLE, S.PUBLISHED)

_WORD = re.compile(r"[^\W_]+(?:['’.-][^\W_]+)*")


@dataclass(frozen=True)
class Corpus:
    """The loaded corpus.

    ``articles`` has the columns of :data:`analysis.schema.ARTICLE_COLUMNS`, one row per
    accepted article; ``rejected`` the columns of ``REJECTED_COLUMNS``, one row per input that
    did not become an article (exact duplicates among them, with the article they merge into);
    ``removed`` the cleaning record, one row per removed line or fragment.
    """

    articles: pd.DataFrame
    rejected: pd.DataFrame
    removed: pd.DataFrame

    @cached_property
    def content_hash(self) -> str:
        """A hash (SHA-256, hex) of everything the corpus holds: every column of its articles
        (cleaned and raw text, sources, URLs and metadata among them), of its rejected inputs
        and of its removed lines, in order; two corpora share it only when they hold the same.
        The corpus part of an analysis's key (:func:`analysis.pipeline.analysis_key`)."""
        digest = hashlib.sha256()
        for name, frame in (
            ("articles", self.articles),
            ("rejected", self.rejected),
            ("removed", self.removed),
        ):
            for column in frame.columns:
                values = frame[column].tolist()
                digest.update(repr((name, column, len(values))).encode())
                for value in values:  # a text as its bytes, anything else as its repr
                    text = type(value) is str
                    part = value.encode("utf-8", "surrogatepass") if text else repr(value).encode()
                    digest.update(b"t" if text else b"r")
                    digest.update(len(part).to_bytes(8, "little"))
                    digest.update(part)
        return digest.hexdigest()


def count_words(text: str) -> int:
    """Number of words in ``text`` (runs of letters or digits, inner apostrophes kept)."""
    return len(_WORD.findall(text))


def article_id(text: str) -> str:
    """Stable id of an article: the SHA-256 of its cleaned text (64 hex digits; two texts
    share an id only when they are equal). Show :func:`short_id` where people read it."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def short_id(identifier: str) -> str:
    """The first 12 hex digits of an article id, for people to read (never to key by)."""
    return identifier[:12]


@cache
def _language_identifier():  # type: ignore[no-untyped-def]
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> str:
    """ISO 639-1 code of the text's language, or "und" when it is too short to tell.

    Uses py3langid (its model ships with the package). Only the first
    :data:`LANGUAGE_SAMPLE` characters are read; a guess with probability under 0.5 is
    reported as "und".
    """
    if count_words(text) < 8:
        return "und"
    language, probability = _language_identifier().classify(text[:LANGUAGE_SAMPLE])
    return str(language) if probability >= 0.5 else "und"


def parse_date(value: str | None) -> pd.Timestamp:
    """A date from a metadata string (ISO, RFC 2822, "12 May 2025"...), NaT when unreadable.

    Time of day and time zone are dropped: articles are compared by calendar date.
    """
    if not value:
        return pd.NaT
    stamp = pd.to_datetime(value, errors="coerce", utc=True, format="mixed")
    if pd.isna(stamp):
        return pd.NaT
    return pd.Timestamp(stamp.date())


def _first_sentence_title(text: str, limit: int = 90) -> str:
    """The first line of the text, cut at a word boundary near ``limit`` characters."""
    first = text.strip().split("\n", 1)[0]
    if len(first) <= limit:
        return first
    return first[:limit].rsplit(" ", 1)[0] + "…"


def _article_row(doc: Document, *, clean: bool) -> tuple[dict[str, object], list[tuple]]:
    """One article row from a document and its removal records (line_no, text, reason)."""
    title = doc.title
    published = doc.published
    if clean:
        cleaned = clean_text(doc.text, title=title, find_title=doc.title_in_text)
        title = title or cleaned.title
        text = with_headline(cleaned.text, title)
        published = published or cleaned.published
        removals = [(r.line_no, r.text, r.reason) for r in cleaned.removed]
    else:
        text = doc.text.strip()
        removals = []
    title = title or title_from_url(doc.url) or _first_sentence_title(text)
    domain = doc.domain or domain_of(doc.url)
    row: dict[str, object] = {
        S.ARTICLE_ID: article_id(text),
        S.OUTLET: doc.outlet or domain or UNKNOWN_OUTLET,
        S.DOMAIN: domain,
        S.URL: doc.url,
        S.TITLE: title,
        S.PUBLISHED: parse_date(published),
        S.TEXT: text,
        S.RAW_TEXT: doc.text,
        S.SOURCE: doc.source,
        S.N_WORDS: count_words(text),
        S.LANGUAGE: detect_language(text),
        S.REMOVED_LINES: len(removals),
        S.ENCODING: doc.encoding,
        S.COPY_OF: None,
        S.COPY_OVERLAP: float("nan"),
    }
    return row, removals


#: The column :func:`guessed_titles` adds to a table of articles shown to a user.
TITLE_GUESSED = "title_guessed"


def guessed_titles(articles: pd.DataFrame) -> pd.Series:
    """Whether each article's title was guessed from its URL's slug (the article gave none:
    ``title_from_url``), as a boolean Series on ``articles``' index. A guessed title is no
    headline: its words are not the outlet's (lower case, no punctuation, dates as numbers)."""
    urls = articles[S.URL] if S.URL in articles.columns else pd.Series(None, articles.index)
    guessed = [
        isinstance(title, str) and isinstance(url, str) and title == title_from_url(url)
        for title, url in zip(articles[S.TITLE], urls, strict=True)
    ]
    return pd.Series(guessed, index=articles.index, dtype=bool)


def _shingles(text: str) -> set[int]:
    words = [w.lower() for w in _WORD.findall(text)]
    return {
        hash(tuple(words[i : i + SHINGLE_WORDS]))
        for i in range(max(0, len(words) - SHINGLE_WORDS + 1))
    }


def _earlier(a: int, b: int, dates: list[object]) -> tuple[int, int]:
    """(earlier, later) of the articles at positions ``a`` < ``b``: by date when both have
    one, else by position."""
    first, second = dates[a], dates[b]
    if not pd.isna(first) and not pd.isna(second) and second < first:  # type: ignore[operator]
        return b, a
    return a, b


def _shared_pairs(shingles: list[set[int]]) -> dict[tuple[int, int], int]:
    """Shingles shared by each pair of articles (positions a < b) that shares one, leaving
    out shingles of more than a twentieth of the corpus (at least 50 articles)."""
    postings: dict[int, list[int]] = defaultdict(list)
    for position, items in enumerate(shingles):
        for item in items:
            postings[item].append(position)
    too_common = max(50, len(shingles) // 20)
    shared: dict[tuple[int, int], int] = defaultdict(int)
    for positions in postings.values():
        if 1 < len(positions) <= too_common:
            for i, a in enumerate(positions):
                for b in positions[i + 1 :]:
                    shared[(a, b)] += 1
    return shared


def _sampled_pairs(texts: list[str]) -> tuple[list[int], dict[tuple[int, int], int]]:
    """The number of shingles of each article, and the shingles shared by the pairs of
    articles (positions a < b) worth checking in a large corpus: each article with the
    :data:`CHECKED` articles that share the most of its sampled shingles (those whose hash
    is 0 modulo :data:`SAMPLE_EVERY`; a sampled shingle remembers the first
    :data:`CANDIDATES_PER_SHINGLE` articles that hold it). A copy shares half its shingles
    or more, so it shares sampled ones; the count of a pair checked is exact (every shingle,
    common ones too). Memory and time grow with the corpus, not with the square of a group
    of copies."""
    shingles = [np.fromiter(_shingles(text), dtype=np.int64) for text in texts]
    for items in shingles:
        items.sort()
    postings: dict[int, list[int]] = defaultdict(list)
    sampled = [items[items % SAMPLE_EVERY == 0] for items in shingles]
    for position, items in enumerate(sampled):
        for item in items.tolist():
            if len(postings[item]) < CANDIDATES_PER_SHINGLE:
                postings[item].append(position)
    shared: dict[tuple[int, int], int] = {}
    for position, items in enumerate(sampled):
        found = Counter(other for item in items.tolist() for other in postings[item])
        found.pop(position, None)
        for other, _ in found.most_common(CHECKED):
            pair = (min(position, other), max(position, other))
            if pair not in shared:
                common = np.intersect1d(shingles[pair[0]], shingles[pair[1]], assume_unique=True)
                shared[pair] = len(common)
    return [len(items) for items in shingles], shared


def find_copies(
    articles: pd.DataFrame, *, threshold: float = COPY_THRESHOLD, exact: bool | None = None
) -> pd.DataFrame:
    """Flag near-duplicates: for each article, the earlier article it copies and the overlap.

    The overlap (0..1, higher = more copied) is the share of the article's 5-word shingles that
    also occur in the other article. An article copies another when the overlap reaches
    ``threshold`` and the other was published earlier (or, with equal or unknown dates, comes
    first in the corpus). Returns a frame indexed like ``articles`` with columns ``copy_of``
    (article id or None) and ``copy_overlap`` (NaN when not a copy).

    ``exact`` (default: for corpora of up to :data:`EXACT_COPIES` articles) compares every
    pair of articles that shares a shingle (shingles of more than a twentieth of the corpus
    left out); otherwise each article is compared with the articles found through a sample
    of its shingles (:func:`_sampled_pairs`), which keeps memory and time linear in the
    corpus when a wire story is copied by hundreds of outlets.
    """
    texts = articles[S.TEXT].tolist()
    if len(texts) <= EXACT_COPIES if exact is None else exact:
        shingles = [_shingles(text) for text in texts]
        sizes = [len(items) for items in shingles]
        shared = _shared_pairs(shingles)
    else:
        sizes, shared = _sampled_pairs(texts)
    dates = articles[S.PUBLISHED].tolist()
    ids = articles[S.ARTICLE_ID].tolist()
    best: dict[int, tuple[float, int]] = {}
    for (a, b), count in shared.items():
        earlier, later = _earlier(a, b, dates)
        overlap = count / max(1, sizes[later])
        if overlap >= threshold and overlap > best.get(later, (0.0, -1))[0]:
            best[later] = (overlap, earlier)
    copy_of = [ids[best[i][1]] if i in best else None for i in range(len(ids))]
    overlap = [round(best[i][0], 3) if i in best else float("nan") for i in range(len(ids))]
    return pd.DataFrame({S.COPY_OF: copy_of, S.COPY_OVERLAP: overlap}, index=articles.index)


def _frame(rows: Iterable[Mapping[str, object]], columns: tuple[str, ...]) -> pd.DataFrame:
    return pd.DataFrame(list(rows), columns=list(columns))


def _article_rows(
    documents: list[Document], *, clean: bool
) -> list[tuple[dict[str, object], list[tuple]]]:
    return [_article_row(doc, clean=clean) for doc in documents]


def build_corpus(
    result: IngestResult | Iterable[Chunk],
    *,
    clean: bool = True,
    min_words: int = MIN_WORDS,
    workers: int | None = None,
    scheduler: str | None = None,
    max_chars: int = MAX_CORPUS_CHARS,
    on_progress: OnProgress | None = None,
    cache: DiskCache | None = None,
    should_stop: Callable[[], bool] = lambda: False,
) -> Corpus:
    """Clean every ingested document and assemble the corpus (see the module docstring).

    ``result`` is what was read, whole, or the chunks of :func:`analysis.ingest.read_chunks`
    (each chunk is cleaned and dropped before the next is read, so memory holds the corpus
    and one chunk, not the input).

    Whatever their source, a document of more than :data:`analysis.ingest.MAX_ARTICLE_CHARS`
    characters is rejected, and so is every document after the first ``max_chars``
    characters of the corpus (each with a reason that says so).

    ``clean=False`` keeps the text as ingested (only invisible characters were removed).
    Articles with fewer than ``min_words`` words after cleaning are rejected as too short;
    a second input with exactly the same cleaned text is merged into the first and listed
    among the rejected with the id of the article it merged into. Inputs of more than
    :data:`MIN_PARALLEL_CHARS` characters are cleaned on Dask (``workers`` local processes,
    default every core, or the cluster at ``scheduler``; see :mod:`analysis.engine`);
    ``on_progress`` hears of the documents cleaned (stage :data:`CLEAN`; of chunks: the
    input's bytes, unit ``bytes``). With a ``cache``, the cleaning of each chunk's documents
    is kept, keyed by the documents (text, metadata, source) and ``clean``: the same input
    read again is not cleaned again. When ``should_stop()`` turns true (its requester is
    gone), the work stops with :class:`~analysis.engine.Stopped` before the next chunk is
    read, and between the parts of the cleaning.

    Rejections are listed up to :data:`~analysis.budget.LISTED_REJECTIONS` per input file;
    the others of that file are counted in one more rejection.
    """
    if isinstance(result, IngestResult):
        count = len(result.documents)
        chunks: Iterable[Chunk] = [Chunk(result, count, count)]
        unit = "articles"
    else:
        chunks, unit = result, "bytes"
    assembled = _Assembly(clean=clean, min_words=min_words, max_chars=max_chars)
    before = 0
    for chunk in chunks:
        if should_stop():
            raise Stopped
        assembled.add(
            chunk.result,
            workers=workers,
            scheduler=scheduler,
            cache=cache,
            on_progress=_scaled(on_progress, before, chunk, unit),
            should_stop=should_stop,
        )
        before = chunk.done
    return assembled.corpus(cache)


def _scaled(
    on_progress: OnProgress | None, before: int, chunk: Chunk, unit: str
) -> OnProgress | None:
    """``on_progress`` told of the parts of ``chunk`` cleaned as the share of the chunk's
    input (``before`` to ``chunk.done`` of ``chunk.total``)."""
    if on_progress is None:
        return None
    tell = on_progress

    def scaled(progress: Progress) -> None:
        share = progress.done / progress.total if progress.total else 1.0
        done = before + round((chunk.done - before) * share)
        tell(Progress(CLEAN, done, chunk.total, unit))

    return scaled


#: The column of a cleaned chunk's removals that holds the position of the document.
_POSITION = "position"


def _cleaned(
    documents: list[Document],
    *,
    clean: bool,
    workers: int | None,
    scheduler: str | None,
    on_progress: OnProgress | None,
    should_stop: Callable[[], bool],
) -> dict[str, pd.DataFrame]:
    """Each document's article row (``rows``) and the lines cleaning removed from it
    (``removed``: its position, line number, text and reason), cleaned on Dask when the
    documents are many (see :func:`build_corpus`)."""
    workers = workers or default_workers()
    if scheduler is None and sum(len(doc.text) for doc in documents) < MIN_PARALLEL_CHARS:
        workers = 1
    cuts = split([len(doc.text) for doc in documents], workers * PARTS_PER_WORKER)
    made = itertools.chain.from_iterable(
        map_parts(
            partial(_article_rows, clean=clean),
            [documents[a:b] for a, b in cuts],
            workers=workers,
            scheduler=scheduler,
            sizes=[b - a for a, b in cuts],
            stage=CLEAN,
            on_progress=on_progress,
            should_stop=should_stop,
        )
    )
    rows, removed = [], []
    for position, (row, removals) in enumerate(made):
        rows.append(row)
        removed.extend((position, *removal) for removal in removals)
    columns = [_POSITION, S.LINE_NO, S.REMOVED_TEXT, S.REASON]
    return {
        "rows": _frame(rows, S.ARTICLE_COLUMNS),
        "removed": pd.DataFrame(removed, columns=columns),
    }


def _remembered_copies(articles: pd.DataFrame, cache: DiskCache | None) -> pd.DataFrame:
    """:func:`find_copies` of ``articles``, read from ``cache`` when the same articles (ids:
    hashes of their texts) with the same dates, in the same order, were compared before."""

    def found() -> dict[str, pd.DataFrame]:
        return {"copies": find_copies(articles).reset_index(drop=True)}

    if cache is None:
        return found()["copies"]
    dated = zip(articles[S.ARTICLE_ID], articles[S.PUBLISHED].astype(str), strict=True)
    key = DiskCache.key(f"copies threshold={COPY_THRESHOLD}", *(f"{i}\t{d}" for i, d in dated))
    return cache.remember(key, found, keep=lambda _: True)["copies"]


class _Assembly:
    """The corpus built a chunk of documents at a time: rows kept, removals and rejections;
    the ids seen (with a hash of their text, to tell a duplicate from a collision) and the
    characters loaded so far."""

    def __init__(self, *, clean: bool, min_words: int, max_chars: int) -> None:
        self.clean, self.min_words, self.max_chars = clean, min_words, max_chars
        self.articles: list[pd.DataFrame] = []
        self.removed: list[dict[str, object]] = []
        self.rejected: list[dict[str, object]] = []
        self.listed: Counter[str] = Counter()
        self.seen: dict[str, tuple[str, int]] = {}
        self.chars = 0

    def reject(self, rejection: Rejection) -> None:
        """Keep ``rejection``, listed when its input file has fewer than
        :data:`~analysis.budget.LISTED_REJECTIONS` listed, counted otherwise (see
        :meth:`unlisted`)."""
        where = input_of(rejection.source)
        self.listed[where] += 1
        if self.listed[where] <= LISTED_REJECTIONS:
            self.rejected.append(rejection.__dict__)

    def unlisted(self) -> list[dict[str, object]]:
        """One rejection per input file with more rejections than are listed, counting them."""
        return [
            Rejection(
                where,
                f"{count - LISTED_REJECTIONS:,} more rows of this file were rejected; only the "
                f"first {LISTED_REJECTIONS:,} are listed.",
            ).__dict__
            for where, count in self.listed.items()
            if count > LISTED_REJECTIONS
        ]

    def add(
        self,
        result: IngestResult,
        *,
        workers: int | None,
        scheduler: str | None,
        cache: DiskCache | None,
        on_progress: OnProgress | None,
        should_stop: Callable[[], bool],
    ) -> None:
        """Clean the documents of ``result`` (on Dask when they are many; read from
        ``cache`` when the same documents were cleaned alike before) and keep the articles."""
        documents = self._within_limits(result)

        def cleaned() -> dict[str, pd.DataFrame]:
            return _cleaned(
                documents,
                clean=self.clean,
                workers=workers,
                scheduler=scheduler,
                on_progress=on_progress,
                should_stop=should_stop,
            )

        if cache is None:
            made = cleaned()
        else:
            key = DiskCache.key(
                f"cleaned clean={self.clean}",
                *(repr(sorted(doc.__dict__.items())) for doc in documents),
            )
            made = cache.remember(key, cleaned, keep=lambda _: True)
        rows, removed = made["rows"], made["removed"]
        removals: dict[int, list[tuple]] = defaultdict(list)
        for position, *removal in removed.itertuples(index=False):
            removals[position].append(tuple(removal))
        kept = [
            self._kept(row, removals[position])
            for position, row in enumerate(rows.to_dict("records"))
        ]
        if any(kept):
            self.articles.append(rows[kept].reset_index(drop=True))

    def _kept(self, row: dict[str, object], removals: list[tuple]) -> bool:
        """Whether the article ``row`` is kept (long enough, not a duplicate); its removals
        (line number, text, reason) are kept with it, a rejection made otherwise."""
        identifier, source = str(row[S.ARTICLE_ID]), str(row[S.SOURCE])
        if row[S.N_WORDS] < self.min_words:  # type: ignore[operator]
            self.reject(
                Rejection(
                    source,
                    f"Too short: {row[S.N_WORDS]} words after cleaning (at least "
                    f"{self.min_words} are needed).",
                    "Removed: " + "; ".join(r[2] for r in removals) if removals else "",
                )
            )
            return False
        text_hash = hash(row[S.TEXT])
        if identifier in self.seen:
            first, seen_hash = self.seen[identifier]
            reason = (
                f"Exact duplicate of {first}: merged into that article."
                if seen_hash == text_hash
                else f"Its id is that of {first}, whose text differs (a hash collision)."
            )
            self.reject(Rejection(source, reason, f"article {identifier}"))
            return False
        self.seen[identifier] = (source, text_hash)
        self.removed.extend(
            {
                S.ARTICLE_ID: identifier,
                S.SOURCE: source,
                S.LINE_NO: line_no,
                S.REMOVED_TEXT: text,
                S.REASON: reason,
            }
            for line_no, text, reason in removals
        )
        return True

    def _within_limits(self, result: IngestResult) -> list[Document]:
        """The documents of ``result`` within the article and corpus limits; the rejections
        of ``result`` and one per document over a limit are kept."""
        for rejection in result.rejected:
            self.reject(rejection)
        kept: list[Document] = []
        for doc in result.documents:
            size = len(doc.text)
            if size > MAX_ARTICLE_CHARS:
                self.reject(too_long(doc.source, size))
                continue
            if self.chars + size > self.max_chars:
                reason = (
                    f"The corpus reached its limit of {self.max_chars:,} characters, so this "
                    "input was not loaded; analyse larger corpora with the command line "
                    "(python -m analysis analyze --max-chars N)."
                )
                self.reject(Rejection(doc.source, reason))
                continue
            self.chars += size
            kept.append(doc)
        return kept

    def corpus(self, cache: DiskCache | None = None) -> Corpus:
        """The corpus of every chunk added, near-duplicates flagged (:func:`find_copies`,
        kept in ``cache`` under the articles' ids and dates, in order)."""
        articles = (
            pd.concat(self.articles, ignore_index=True)
            if self.articles
            else _frame([], S.ARTICLE_COLUMNS)
        )
        articles[S.PUBLISHED] = pd.to_datetime(articles[S.PUBLISHED])
        articles[S.N_WORDS] = articles[S.N_WORDS].astype("int64")
        articles[S.REMOVED_LINES] = articles[S.REMOVED_LINES].astype("int64")
        if len(articles):
            copies = _remembered_copies(articles, cache)
            articles[S.COPY_OF] = copies[S.COPY_OF].to_numpy()
            articles[S.COPY_OVERLAP] = copies[S.COPY_OVERLAP].astype("float64").to_numpy()
        return Corpus(
            articles=articles,
            rejected=_frame([*self.rejected, *self.unlisted()], S.REJECTED_COLUMNS),
            removed=_frame(self.removed, S.REMOVED_COLUMNS),
        )


def load_corpus(
    paths: str | Path | Iterable[str | Path], *, clean: bool = True, min_words: int = MIN_WORDS
) -> Corpus:
    """Read files and folders (one path, or several: see :func:`analysis.ingest.read_paths`)
    into a corpus."""
    return build_corpus(read_paths(paths), clean=clean, min_words=min_words)


def apply_edits(
    articles: pd.DataFrame, edits: Mapping[str, Mapping[str, str | None]]
) -> pd.DataFrame:
    """A copy of ``articles`` with user edits applied: ``{article_id: {column: value}}``.

    Only the columns of :data:`EDITABLE_COLUMNS` can be edited; a published value is parsed as
    a date (empty or unreadable -> NaT). Edits naming unknown articles are ignored, so edits
    survive a corpus that was reloaded without some articles.
    """
    edited = articles.copy()
    positions = {aid: i for i, aid in enumerate(edited[S.ARTICLE_ID])}
    for identifier, changes in edits.items():
        if identifier not in positions:
            continue
        for column, value in changes.items():
            if column not in EDITABLE_COLUMNS:
                raise ValueError(f"column {column!r} cannot be edited")
            index = edited.index[positions[identifier]]
            if column == S.PUBLISHED:
                edited.loc[index, column] = parse_date(value)
            else:
                text = (value or "").strip()
                edited.loc[index, column] = text or (
                    UNKNOWN_OUTLET if column == S.OUTLET else edited.loc[index, column]
                )
    return edited


def copy_notices(articles: pd.DataFrame) -> pd.DataFrame:
    """One row per near-duplicate: the copy, the article it copies and the overlap (0..1).

    Columns: article_id, outlet, title, copy_of, copied_outlet, copied_title, copy_overlap;
    sorted by overlap, highest first.
    """
    copies = articles[articles[S.COPY_OF].notna()]
    originals = articles.set_index(S.ARTICLE_ID)[[S.OUTLET, S.TITLE]].rename(
        columns={S.OUTLET: "copied_outlet", S.TITLE: "copied_title"}
    )
    notices = copies[[S.ARTICLE_ID, S.OUTLET, S.TITLE, S.COPY_OF, S.COPY_OVERLAP]].join(
        originals, on=S.COPY_OF
    )
    columns = [
        S.ARTICLE_ID,
        S.OUTLET,
        S.TITLE,
        S.COPY_OF,
        "copied_outlet",
        "copied_title",
        S.COPY_OVERLAP,
    ]
    return notices[columns].sort_values(S.COPY_OVERLAP, ascending=False).reset_index(drop=True)
