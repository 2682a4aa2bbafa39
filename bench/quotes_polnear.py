"""Score who-said-what (the ``quotes`` table) on PolNeAR's dev split, with 95% bootstrap
intervals over articles, for the built-in and an empty actor registry.

    python bench/quotes_polnear.py [--split DIR] [--examples N]

PolNeAR (``../shared/bench/polnear/``, read by :mod:`bench.polnear`) annotates every
attribution of 84 dev articles: its source, cue and content spans, one annotator per article
(the id that sorts first). Two measures, each over articles (1,000 resamples of the articles,
seed :data:`SEED`, 2.5th and 97.5th percentiles):

1. **Direct quotes** (content opening with a quotation mark, :data:`bench.polnear.QUOTE_MARKS`):
   *found* = some direct row of the quotes table overlaps the content span (over all direct
   quotes); *speaker right* = the row overlapping it most has a speaker that names the
   annotated source (over the direct quotes that have a source).
2. **All attributions**, paraphrase included: *content found* = any row of the quotes table
   (direct or reported) overlaps the content span; *source right* as above.

**Names.** A source is compared by its heads. Its head: its text up to the first comma,
opening parenthesis or spaced dash ("Sen. Bernie Sanders (Vt.), who lost ..." -> "Sen.
Bernie Sanders"), in lower case, possessive 's dropped, a trailing Jr./Sr./II/III/IV dropped,
a leading "the" dropped. Also: that head cut before its first preposition written in lower
case (of, at, on, in, from, for, with: "Mr. Morgan of the Sierra Club" -> "Mr. Morgan"), and
each part between commas, parentheses, dashes or "and" whose words are all capitalised ("A
lawyer for the outlets, David Schulz" -> "David Schulz"). The speaker *names* a source when
the last word of one of the source's heads (the surname) equals the last word of the head of
the speaker or of one of its surface forms, or the two heads are equal. The forms are the
speaker (canonical), the speaker as written (``speaker_text``) and every surface of the
speaker's mentions in the same article (the ``mentions`` table).

**Pronouns.** A source whose head is one pronoun (:data:`PRONOUNS`: he, she, they, I, we,
it, who, which, ...) stands for the nearest *named* source annotated before it in the
article (by offset, in any attribution, direct or not): a source that is no pronoun and
whose head's last word starts with a capital letter (a one-word head that the article also
has in lower case, "Protesters", is no name). When there is none, the attribution is
*unresolvable*: counted, shown, and never right. The rule does not check gender or number,
and a person named but not annotated as a source before the pronoun is not seen.

**Misses** of direct quotes are, in this order: not found; no annotated source; pronoun
unresolvable; found but unattributed (speaker empty or ``unattributed``); wrong speaker.

**Offsets.** The quotes table's ``start``/``end`` index ``articles.text``. The texts are loaded
with ``clean=False`` (the headline and every line stay), which still normalises them (NFC,
no-break spaces to spaces, the final newline dropped, invisible characters removed): the
``.ann`` offsets, which index the file as read, are mapped onto ``articles.text`` through a
character alignment of the two (:func:`offset_map`); the identity when nothing moved.

The analysis runs on one process with the n-gram sentiment classifier (the quotes table does
not depend on it). Printed beside the figures: gold-dev's quote figures as recorded in
``bench/results/gold*.json``. Run as a script, the figures are recorded as
``quotes_polnear`` and ``quotes_polnear-registry-empty`` (see ``bench/results.py``).
"""

from __future__ import annotations

import argparse
import difflib
import functools
import json
import re
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import NamedTuple

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))
from polnear import Article, Attribution, Piece, Span, read_split
from results import record as record_result

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
DEV = SHARED / "bench" / "polnear" / "dev"
EMPTY_REGISTRY = ROOT / "bench" / "empty.toml"
RESULTS = ROOT / "bench" / "results"
SEED = 38
RESAMPLES = 1000

#: Sources that stand for someone named before them.
PRONOUNS = frozenset(
    {"he", "she", "they", "i", "we", "you", "it", "him", "her", "them", "me", "us"}
    | {"his", "its", "their", "our", "my", "himself", "herself", "themselves", "itself"}
    | {"who", "which", "that", "whom"}
)
_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
_WORD = re.compile(r"[\w’'.&-]+")
_POSSESSIVE = re.compile(r"[’']s?$")
_CUT = re.compile(r"[,(]|\s--\s|\s—\s")
_PARTS = re.compile(r"[,()]|\s--\s|\s—\s|\sand\s")
_PREPOSITIONS = frozenset({"of", "at", "on", "in", "from", "for", "with"})
#: Speakers that are no speaker.
UNATTRIBUTED = frozenset({"", "unattributed", "unknown", "none", "nan"})

# outcomes of one attribution
RIGHT = "right"
NOT_FOUND = "not found"
NO_SOURCE = "no annotated source"
UNRESOLVABLE = "pronoun unresolvable"
UNATTRIBUTED_MISS = "found but unattributed"
WRONG = "wrong speaker"
MISSES = (NOT_FOUND, NO_SOURCE, UNRESOLVABLE, UNATTRIBUTED_MISS, WRONG)


# --- names -------------------------------------------------------------------------------


def _head(text: str) -> list[str]:
    """The words of a source as written, up to the first comma, "(" or dash."""
    return _WORD.findall(_CUT.split(str(text), maxsplit=1)[0])


def _normal(words: Sequence[str]) -> list[str]:
    """Words in lower case, possessive and outer dots dropped, without a trailing name
    suffix (Jr., III) or a leading "the"."""
    found = [_POSSESSIVE.sub("", word.lower().strip(".'’-")) for word in words]
    found = [word for word in found if word]
    while len(found) > 1 and found[-1] in _SUFFIXES:
        found.pop()
    if len(found) > 1 and found[0] == "the":
        found.pop(0)
    return found


def head_words(text: str) -> list[str]:
    """The words of a source's (or a speaker's) head, normalised: "Sen. Bernie Sanders
    (Vt.), who lost ..." -> ["sen", "bernie", "sanders"]."""
    return _normal(_head(text))


def heads(source: str) -> list[list[str]]:
    """The heads a speaker may match: the head; the head cut before its first preposition
    written in lower case ("Mr. Morgan of the Sierra Club": also "Mr. Morgan"); and every
    part of the source between commas, parentheses, dashes or "and" whose words all start
    with a capital letter ("A lawyer for the outlets, David Schulz": also "David Schulz";
    "Mr. Grassley and Mr. Leahy": both)."""
    written = _head(source)
    found = [_normal(written)]
    cut = next((k for k, word in enumerate(written) if k and word in _PREPOSITIONS), None)
    if cut is not None:
        found.append(_normal(written[:cut]))
    for part in _PARTS.split(str(source)):
        words = _WORD.findall(part)
        if words and all(word[:1].isupper() for word in words):
            found.append(_normal(words))
    return [head for head in found if head]


def is_pronoun(source: str) -> bool:
    """Whether the source's head is one pronoun ("he", "She", "who")."""
    words = head_words(source)
    return len(words) == 1 and words[0] in PRONOUNS


def is_name(source: str, text: str = "") -> bool:
    """A named source: no pronoun, and its head's last word starts with a capital letter
    ("Mr. Obama", "The New York Post", "WALLACE"; not "a source", "Clinton's campaign"). A
    head of one word that ``text`` (the article) also has in lower case is a common noun
    opening a sentence ("Protesters", "Delegates"), not a name."""
    if is_pronoun(source):
        return False
    words = _head(source)
    while len(words) > 1 and words[-1].strip(".").lower() in _SUFFIXES:
        words.pop()
    if not words or not words[-1][:1].isupper():
        return False
    lower = words[-1].strip(".’'").lower()
    return len(words) > 1 or not re.search(rf"\b{re.escape(lower)}\b", text)


def names(source: str, forms: Iterable[str]) -> bool:
    """Whether one of ``forms`` (a speaker and its surface forms) names ``source``: the last
    word of a form's head equals the last word of one of the source's :func:`heads` (the
    surname), or the two heads are equal (case-insensitive, see the module)."""
    wanted = heads(source)
    for form in forms:
        words = head_words(form)
        if words and any(words[-1] == head[-1] or words == head for head in wanted):
            return True
    return False


class Source(NamedTuple):
    """The annotated source of an attribution as scored: the name a speaker must match
    (None: no source, or a pronoun with no named source before it) and whether it was a
    pronoun."""

    name: str | None
    pronoun: bool


def gold_sources(article: Article) -> list[Source]:
    """The source to match of each attribution of ``article`` (same order): a pronoun
    resolved to the nearest named source annotated before it."""
    named = sorted(
        (a.source.start, a.source.text)
        for a in article.attributions
        if a.source is not None and is_name(a.source.text, article.text)
    )
    sources = []
    for attribution in article.attributions:
        if attribution.source is None:
            sources.append(Source(None, False))
        elif is_pronoun(attribution.source.text):
            before = [text for start, text in named if start < attribution.source.start]
            sources.append(Source(before[-1] if before else None, True))
        else:
            sources.append(Source(attribution.source.text, False))
    return sources


# --- offsets -----------------------------------------------------------------------------


def offset_map(raw: str, text: str) -> Callable[[int], int]:
    """A function from offsets into ``raw`` (the file) to offsets into ``text`` (the same
    article as the analysis holds it): the identity when both have the same length (the
    normalisation only replaced characters), else a character alignment (difflib)."""
    if len(raw) == len(text):
        return lambda offset: offset
    table = _alignment(raw, text)
    return lambda offset: table[max(0, min(offset, len(raw)))]


@functools.lru_cache(maxsize=256)
def _alignment(raw: str, text: str) -> tuple[int, ...]:
    """For each offset into ``raw`` (and its end), the offset of the same character in
    ``text`` (of the nearest one kept, for a removed character)."""
    table = [0] * (len(raw) + 1)
    matcher = difflib.SequenceMatcher(None, raw, text, autojunk=False)
    for _, i1, i2, j1, j2 in matcher.get_opcodes():
        for i in range(i1, i2):
            table[i] = j1 + min(i - i1, max(0, j2 - j1 - 1)) if j2 > j1 else j1
    table[len(raw)] = len(text)
    return tuple(table)


def mapped(span: Span, to_text: Callable[[int], int]) -> tuple[Piece, ...]:
    """The pieces of ``span`` as offsets into the analysed text."""
    return tuple((to_text(start), to_text(end - 1) + 1) for start, end in span.pieces)


# --- scoring -----------------------------------------------------------------------------


class Analysed(NamedTuple):
    """One article as analysed: its text, its quotes rows, its mentions rows."""

    text: str
    quotes: pd.DataFrame
    mentions: pd.DataFrame


class Judged(NamedTuple):
    """One annotated attribution judged against the analysis."""

    article: str
    attribution: Attribution
    source: Source
    direct: bool
    found: bool
    outcome: str
    speaker: str
    speaker_text: str
    how: str


def best_row(quotes: pd.DataFrame, pieces: Sequence[Piece]) -> pd.Series | None:
    """The row of ``quotes`` whose span overlaps ``pieces`` most (None when none does)."""
    best, most = None, 0
    for _, row in quotes.iterrows():
        overlap = sum(
            max(0, min(end, int(row["end"])) - max(start, int(row["start"])))
            for start, end in pieces
        )
        if overlap > most:
            best, most = row, overlap
    return best


def speaker_forms(row: pd.Series, mentions: pd.DataFrame) -> list[str]:
    """The speaker of a quotes row, as resolved and as written, and the surfaces of its
    mentions in the article."""
    speaker = str(row["speaker"])
    forms = [speaker, str(row["speaker_text"])]
    if not mentions.empty:
        forms += [str(s) for s in mentions.loc[mentions["actor"] == speaker, "surface"]]
    return forms


def judge(
    attribution: Attribution,
    source: Source,
    pieces: Sequence[Piece],
    analysed: Analysed,
    *,
    direct_only: bool,
) -> tuple[bool, str, pd.Series | None]:
    """Whether the content is found, the outcome (:data:`RIGHT` or one of :data:`MISSES`)
    and the row that found it. ``direct_only``: only direct rows of the quotes table count."""
    quotes = analysed.quotes
    if direct_only and not quotes.empty:
        quotes = quotes[quotes["direct"].astype(bool)]
    row = best_row(quotes, pieces)
    if row is None:
        return False, NOT_FOUND, None
    if attribution.source is None:
        return True, NO_SOURCE, row
    if source.name is None:
        return True, UNRESOLVABLE, row
    if str(row["speaker"]).strip().lower() in UNATTRIBUTED:
        return True, UNATTRIBUTED_MISS, row
    right = names(source.name, speaker_forms(row, analysed.mentions))
    return True, RIGHT if right else WRONG, row


def judge_article(article: Article, analysed: Analysed | None) -> tuple[list[Judged], list[Judged]]:
    """The direct quotes of ``article`` judged against direct rows, and all its
    attributions judged against every row of the quotes table."""
    empty = Analysed(article.text, pd.DataFrame(columns=["start", "end"]), pd.DataFrame())
    analysed = analysed or empty
    to_text = offset_map(article.text, analysed.text)
    direct, every = [], []
    for attribution, source in zip(article.attributions, gold_sources(article), strict=True):
        pieces = mapped(attribution.content, to_text)
        for only, out in ((True, direct), (False, every)):
            if only and not attribution.direct:
                continue
            found, outcome, row = judge(attribution, source, pieces, analysed, direct_only=only)
            out.append(
                Judged(
                    article.name,
                    attribution,
                    source,
                    attribution.direct,
                    found,
                    outcome,
                    "" if row is None else str(row["speaker"]),
                    "" if row is None else str(row["speaker_text"]),
                    "" if row is None else str(row.get("attribution", "")),
                )
            )
    return direct, every


class Measure(NamedTuple):
    """A share with its 95% bootstrap interval over articles."""

    value: float
    low: float
    high: float
    count: int
    total: int

    def __str__(self) -> str:
        return f"{self.value:.3f} [{self.low:.3f}, {self.high:.3f}] ({self.count} of {self.total})"


def bootstrap(
    counts: Sequence[tuple[int, int]], *, resamples: int = RESAMPLES, seed: int = SEED
) -> Measure:
    """Sum of numerators over sum of denominators, with the 2.5th and 97.5th percentiles of
    the same ratio over ``resamples`` resamples of the (numerator, denominator) pairs (one
    pair per article; resamples with a zero denominator are left out)."""
    numerators = np.array([n for n, _ in counts], dtype=float)
    denominators = np.array([d for _, d in counts], dtype=float)
    total = int(denominators.sum())
    if total == 0:
        return Measure(0.0, 0.0, 0.0, 0, 0)
    picks = np.random.default_rng(seed).integers(0, len(counts), size=(resamples, len(counts)))
    tops, bottoms = numerators[picks].sum(axis=1), denominators[picks].sum(axis=1)
    ratios = tops[bottoms > 0] / bottoms[bottoms > 0]
    low, high = np.percentile(ratios, [2.5, 97.5])
    return Measure(
        float(numerators.sum() / total), float(low), float(high), int(numerators.sum()), total
    )


class Scores(NamedTuple):
    """The two measures (found and speaker right) of one set of judged attributions."""

    found: Measure
    right: Measure
    outcomes: Counter[str]
    unresolvable: int
    no_source: int


def score(judged_by_article: Mapping[str, Sequence[Judged]]) -> Scores:
    """Found over all judged attributions; right over those with an annotated source
    (an unresolvable pronoun counts as not right)."""
    found, right = [], []
    outcomes: Counter[str] = Counter()
    for judged in judged_by_article.values():
        found.append((sum(j.found for j in judged), len(judged)))
        sourced = [j for j in judged if j.attribution.source is not None]
        right.append((sum(j.outcome == RIGHT for j in sourced), len(sourced)))
        outcomes.update(j.outcome for j in judged)
    every = [j for judged in judged_by_article.values() for j in judged]
    return Scores(
        bootstrap(found),
        bootstrap(right),
        outcomes,
        sum(j.source.pronoun and j.source.name is None for j in every),
        sum(j.attribution.source is None for j in every),
    )


def score_split(
    articles: Sequence[Article], analysed: Mapping[str, Analysed]
) -> tuple[Scores, Scores, dict[str, list[Judged]]]:
    """Direct-quote scores, all-attribution scores and the direct quotes judged, by
    article."""
    direct, every = {}, {}
    for article in articles:
        direct[article.name], every[article.name] = judge_article(
            article, analysed.get(article.name)
        )
    return score(direct), score(every), direct


# --- the analysis --------------------------------------------------------------------------


def analyse_split(folder: Path, registry: object) -> tuple[dict[str, Analysed], int]:
    """The analysis of every text of ``folder/text`` (``clean=False``) with ``registry``, by
    file name without ``.txt`` (the corpus's ``source`` column), and the number of analyser
    errors."""
    from analysis.corpus import load_corpus
    from analysis.engine import Engine
    from analysis.pipeline import analyse
    from analysis.sentiment import CLASSIFIER
    from analysis.settings import Settings

    corpus = load_corpus(sorted((folder / "text").glob("*.txt")), clean=False)
    settings = Settings(registry=registry, sentiment=CLASSIFIER)
    analysis = analyse(corpus, settings, engine=Engine(workers=1))
    found = by_file(corpus.articles, analysis.quotes, analysis.mentions)
    return found, len(analysis.analysis_errors)


def by_file(
    articles: pd.DataFrame, quotes: pd.DataFrame, mentions: pd.DataFrame
) -> dict[str, Analysed]:
    """Each article's text, quotes and mentions, by file name without ``.txt`` (the corpus's
    ``source`` column: the benchmark's keys)."""
    from analysis import schema as S

    quote_groups = dict(tuple(quotes.groupby(S.ARTICLE_ID)))
    mention_groups = dict(tuple(mentions.groupby(S.ARTICLE_ID)))
    return {
        Path(str(source)).stem: Analysed(
            str(text),
            quote_groups.get(identifier, quotes.iloc[:0]),
            mention_groups.get(identifier, mentions.iloc[:0]),
        )
        for identifier, source, text in zip(
            articles[S.ARTICLE_ID], articles[S.SOURCE], articles[S.TEXT], strict=True
        )
    }


# --- report ------------------------------------------------------------------------------


def _excerpt(text: str, length: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= length else text[: length - 1] + "…"


def _spread(judged: Sequence[Judged], count: int) -> list[Judged]:
    """Up to ``count`` of ``judged``, from as many articles (and outlets) as there are: the
    first of each article in turn, articles taken from far apart in the list."""
    by_article: dict[str, list[Judged]] = {}
    for j in judged:
        by_article.setdefault(j.article, []).append(j)
    articles = list(by_article)
    step = max(1, len(articles) // max(1, count))
    order = articles[::step] + [a for a in articles if a not in articles[::step]]
    chosen: list[Judged] = []
    while len(chosen) < min(count, len(judged)):
        for name in order:
            if by_article[name] and len(chosen) < count:
                chosen.append(by_article[name].pop(0))
    return chosen


def miss_lines(direct: Mapping[str, Sequence[Judged]], examples: int) -> list[str]:
    """The misses of direct quotes by kind, each with up to ``examples`` examples."""
    lines = []
    every = [j for judged in direct.values() for j in judged]
    for miss in MISSES:
        chosen = [j for j in every if j.outcome == miss]
        lines.append(f"  {miss}: {len(chosen)}")
        for j in _spread(chosen, examples):
            given = j.attribution.source.text if j.attribution.source else "-"
            if j.source.pronoun:
                given += f" -> {j.source.name or '?'}"
            said = f"{j.speaker} (as written: {j.speaker_text}; {j.how})" if j.found else "-"
            lines.append(
                f"    {j.article} @{j.attribution.content.start}: "
                f"{_excerpt(j.attribution.content.text)!r}"
            )
            lines.append(f"      source {_excerpt(given, 70)!r}; analysis: {said}")
    return lines


def gold_dev(results: Path = RESULTS) -> dict[str, dict]:
    """gold-dev's recorded quote figures, by result name (built-in and empty registry)."""
    found = {}
    for name in ("gold", "gold-registry-empty"):
        path = results / f"{name}.json"
        if path.is_file():
            entry = json.loads(path.read_text(encoding="utf-8"))
            found[name] = entry
    return found


def figures(direct: Scores, every: Scores) -> dict[str, int | float | str]:
    """The figures recorded for one registry."""

    def interval(measure: Measure) -> str:
        return f"{measure.low:.3f}–{measure.high:.3f}"

    return {
        "direct_quotes": direct.found.total,
        "direct_found": round(direct.found.value, 3),
        "direct_found_ci95": interval(direct.found),
        "direct_speaker_right": round(direct.right.value, 3),
        "direct_speaker_right_ci95": interval(direct.right),
        "direct_with_source": direct.right.total,
        "direct_pronoun_unresolvable": direct.unresolvable,
        "attributions": every.found.total,
        "content_found": round(every.found.value, 3),
        "content_found_ci95": interval(every.found),
        "source_right": round(every.right.value, 3),
        "source_right_ci95": interval(every.right),
        "attributions_with_source": every.right.total,
        "pronoun_unresolvable": every.unresolvable,
    }


def main(*, record: bool = False) -> None:
    """Prints both measures for the built-in and the empty registry, gold-dev's figures and
    the misses of direct quotes; with ``record``, writes them into ``bench/results/``."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--split", type=Path, default=DEV, help="a PolNeAR split folder")
    parser.add_argument("--examples", type=int, default=4, help="examples shown per miss")
    args = parser.parse_args()
    if not (args.split / "attributions").is_dir():
        parser.exit(2, f"no PolNeAR split at {args.split}\n")
    from analysis.actors import default_registry, parse_registry

    articles = read_split(args.split)
    n_direct = sum(a.direct for article in articles for a in article.attributions)
    print(
        f"PolNeAR {args.split.name}: {len(articles)} articles, "
        f"{sum(len(a.attributions) for a in articles)} attributions, {n_direct} direct quotes"
    )
    registries = {
        "quotes_polnear": ("built-in registry", default_registry()),
        "quotes_polnear-registry-empty": (
            "empty registry",
            parse_registry(EMPTY_REGISTRY.read_text(encoding="utf-8")),
        ),
    }
    gold = gold_dev()
    for name, (label, registry) in registries.items():
        analysed, errors = analyse_split(args.split, registry)
        direct, every, judged = score_split(articles, analysed)
        print(f"\n== {label}" + (f" ({errors} analyser errors)" if errors else ""))
        print(f"direct quotes:    found {direct.found}")
        print(f"                  speaker right {direct.right}")
        print(f"                  pronoun sources unresolvable: {direct.unresolvable}")
        print(f"all attributions: content found {every.found}")
        print(f"                  source right {every.right}")
        print(
            f"                  pronoun sources unresolvable: {every.unresolvable}; "
            f"without a source: {every.no_source}"
        )
        entry = gold.get("gold" if name == "quotes_polnear" else "gold-registry-empty")
        if entry:
            f = entry["figures"]
            print(
                f"gold-dev quotes ({entry['split']}, {entry['date']}, {entry['code_version']}):"
                f" speaker right {f['quotes']:.3f}, found {f['quotes_found']:.3f}"
            )
        print("misses of direct quotes:")
        print("\n".join(miss_lines(judged, args.examples)))
        if record:
            record_result(
                name,
                figures(direct, every),
                split=f"PolNeAR {args.split.name} ({len(articles)} articles)",
            )


if __name__ == "__main__":
    main(record=True)
