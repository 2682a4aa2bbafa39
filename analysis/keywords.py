"""Keywords of a text, keywords per outlet and distinctive terms per outlet ("Fightin' Words").

* :func:`word_keywords` and :func:`extract_keywords` (the ``yake`` package's extractor) find
  an article's keywords from its text alone: :mod:`analysis.doc_keywords` uses them for an
  article without a parse, and the KPCrowd benchmark as reference rows. YAKE scores are
  "lower = more important".
* :func:`outlet_keywords` fuses the ranks of an outlet's articles' keywords, merged by lemma.
* :func:`distinctive_terms` compares each outlet's word use with all other outlets with the
  log-odds ratio and an informative Dirichlet prior (Monroe, Colaresi & Quinn 2008, "Fightin'
  Words: Lexical Feature Selection and Evaluation for Identifying the Content of Political
  Conflict", Political Analysis 16(4)). ``z > 0`` means the outlet uses the term more than the
  others once frequency is accounted for; |z| > 1.96 is the conventional 95% threshold.
"""

from __future__ import annotations

import bisect
import itertools
import math
import re
import unicodedata
from collections import Counter
from functools import cache, lru_cache
from typing import TYPE_CHECKING

import pandas as pd
from nltk.stem.porter import PorterStemmer

from analysis import schema as S
from analysis.actors import Registry, canonical_term, written_as
from analysis.entities import TITLES
from analysis.text import MAX_TOKEN_CHARS, blank_long_tokens, stopwords

if TYPE_CHECKING:
    import yake

_POSSESSIVE = re.compile(r"'s\b")

#: Words of an article whose phrases are keywords: news puts what matters first, YAKE's own
#: position feature favours it, and on 500N-KPCrowd YAKE's phrases from the first 150 words
#: score as well as from the whole story (F1@10 0.0484 against 0.0478) in 36% of the time
#: (bench/keywords_kpcrowd.py; 100 words: 0.0465); the phrases from the parse (analysis.
#: doc_keywords), on the tune half of the documents, 0.0719 against 0.0668 for the whole
#: story. Single-word keywords read the whole text.
YAKE_WORDS = 150
_NON_SPACE = re.compile(r"\S+")
_SENTENCE_END = re.compile(r"[.!?][\"”’)]*(?=\s)|\n")

#: Longest keyword phrase YAKE returns (words).
MAX_NGRAM = 3
#: Keywords of each kind kept per article.
TOP_KEYWORDS = 20
#: A term must occur at least this often in the whole corpus to be scored as distinctive.
MIN_COUNT = 3
#: Total weight of the corpus-wide prior (pseudo-counts spread over the vocabulary).
PRIOR_WEIGHT = 500.0
#: Exponent of a word's rarity in general English in its keyword weight (0 = plain counts).
RARITY_EXPONENT = 0.15
#: Words at least this common in general English (Zipf scale, wordfreq) are never keywords:
#: 5.8 is about one in every 1,600 words ("said", "year", "new" are above it).
MAX_ZIPF = 5.8
WORD = "word"
PHRASE = "phrase"

WORD_TOKEN = re.compile(r"[^\W\d_]+(?:[’'-][^\W\d_]+)*")


def normalise_term(term: str, registry: Registry | None = None) -> str:
    """Comparison key of a keyword: lower case, typographic apostrophes folded, possessive
    "'s" dropped, single spaces; with a ``registry``, actor aliases and spelling variants
    become the actor's name ("Zelenskiy", "Volodymyr Zelenskyy" -> "zelensky")."""
    key = _folded(term)
    return canonical_term(key, registry) if registry is not None else key


@lru_cache(maxsize=200_000)
def _folded(term: str) -> str:
    term = term.lower().replace("’", "'")
    term = _POSSESSIVE.sub("", term)
    return " ".join(term.split())


@lru_cache(maxsize=100_000)
def stem(word: str) -> str:
    """The Porter stem of a lower-case word (remembered: news repeats its words)."""
    return _stemmer().stem(word)


@cache
def _stemmer() -> PorterStemmer:
    return PorterStemmer()


@cache
def zipf(word: str) -> float:
    """Frequency of ``word`` in general English on the Zipf scale (wordfreq; 0 = unseen,
    7 = "the")."""
    from wordfreq import zipf_frequency

    return float(zipf_frequency(word, "en"))


def word_keywords(
    text: str, *, top: int = TOP_KEYWORDS, names: bool = False
) -> list[tuple[str, float]]:
    """Single-word keywords of ``text`` as ``(word, weight)``; higher weight = more important.

    The weight is the word's count (forms with one Porter stem counted together) times its
    rarity in general English, ``(8 - zipf) ** RARITY_EXPONENT`` from wordfreq's Zipf scale,
    so a name used three times outranks a common verb used three times. Stopwords, one-letter
    words and words as common as :data:`MAX_ZIPF` are skipped; ties go to the earlier word.
    On 500N-KPCrowd this beats YAKE's single words (see bench/keywords_kpcrowd.py, which
    scores the single words, ``names=False``). With ``names`` (as the dashboard shows an
    article's keywords when it has no parse), a person's name of two or more words is one keyword
    (:func:`name_runs`: "ishaq dar", "donald trump"), and its last or first word alone
    counts for it ("Trump's", "Hillary"); on KPCrowd, whose gold lists names as their single
    words, that costs about 0.012 of F1@10 (0.179 against 0.191). A possessive "'s" is no
    part of a word ("Russia's" is "russia").
    """
    stop = stopwords()
    counts: Counter[str] = Counter()
    first: dict[str, int] = {}
    surface: dict[str, str] = {}
    tokens = list(WORD_TOKEN.finditer(text))
    runs = name_runs(text, tokens) if names else {}
    surnames = surnames_of(runs)
    index = 0
    while index < len(tokens):
        word = _unpossessed(tokens[index].group().lower().replace("’", "'"))
        if index in runs:  # a name of two or more words is one keyword
            key = word = runs[index][1]
            index = runs[index][0]
        else:
            index += 1
            if word in stop or not 2 <= len(word) <= MAX_TOKEN_CHARS or zipf(word) >= MAX_ZIPF:
                continue
            key = word = surnames.get(word) or word
            key = key if " " in key else stem(word)
        counts[key] += 1
        first.setdefault(key, index)
        surface.setdefault(key, word)
    return ranked_words(counts, first, surface, top=top)


#: Fewest words of text an outlet needs for its distinctive terms to be shown: below it a
#: handful of uses decides the z-scores, and the terms are noise.
MIN_DISTINCTIVE_WORDS = 300
#: A word rarer than this in general English (Zipf scale) may be part of a name.
NAME_ZIPF = 4.5
#: Share of a line's longer words written with a capital above which it is a title-case
#: headline (whose capitals do not mark names).
TITLE_CASE_SHARE = 0.6


def title_case(line: str) -> bool:
    words = [w for w in WORD_TOKEN.findall(line) if len(w) > 3]
    return bool(words) and sum(w[0].isupper() for w in words) / len(words) >= TITLE_CASE_SHARE


def _unpossessed(word: str) -> str:
    """``word`` (lower case, straight apostrophes) without a possessive "'s"."""
    return word[:-2] if word.endswith("'s") and len(word) > 3 else word


def name_runs(text: str, tokens: list[re.Match[str]]) -> dict[int, tuple[int, str]]:
    """The names of two or more words in ``text`` (``tokens``: its :data:`WORD_TOKEN` matches):
    runs of capitalised words separated by single spaces, outside title-case lines ("Foreign
    Minister Ishaq Dar said" -> "ishaq dar"). A word of a run is no stopword, no title
    (:data:`analysis.entities.TITLES`: "President"), rarer than :data:`MAX_ZIPF` in general
    English, never written in lower case in the text and not all capitals; at least one
    word of a run is rarer than :data:`NAME_ZIPF` ("Donald Trump", not "Supreme Court"); a
    possessive ends a run
    ("Hillary Clinton's" -> "hillary clinton"; "Russia's Vladimir Putin": two things). A run
    that is another run of the text with words before it ("Democrat Hillary Clinton") is
    that run. By the index of a run's first token: the index after its last and the name in
    lower case."""
    stop = stopwords()
    headline = {m.start(): title_case(m.group()) for m in re.finditer(r"[^\n]+", text)}
    starts = sorted(headline)
    lowered = {t.group().lower() for t in tokens if t.group()[0].islower()}

    def name_like(match: re.Match[str]) -> bool:
        word = match.group()
        lower = _unpossessed(word.lower().replace("’", "'"))
        return (
            word[0].isupper()
            and not word.isupper()  # "Wells Fargo CEO John Stumpf": two names
            and lower not in stop
            and lower not in TITLES
            and lower not in lowered
            and zipf(lower) < MAX_ZIPF
        )

    def possessive(match: re.Match[str]) -> bool:
        return match.group().lower().endswith(("'s", "’s"))

    def in_headline(match: re.Match[str]) -> bool:
        line = starts[bisect.bisect_right(starts, match.start()) - 1] if starts else 0
        return headline.get(line, False)

    runs: dict[int, tuple[int, str]] = {}
    index = 0
    while index < len(tokens):
        end = index
        while (
            end < len(tokens)
            and name_like(tokens[end])
            and (end == index or _joined(text, tokens[end - 1], tokens[end]))
        ):
            end += 1
            if possessive(tokens[end - 1]):
                break
        words = [_unpossessed(t.group().lower().replace("’", "'")) for t in tokens[index:end]]
        if (
            len(words) >= 2
            and not in_headline(tokens[index])
            and min(zipf(word) for word in words) < NAME_ZIPF
        ):
            runs[index] = (end, " ".join(words))
        index = max(end, index + 1)
    return shortest_names(runs)


def shortest_names(runs: dict[int, tuple[int, str]]) -> dict[int, tuple[int, str]]:
    """``runs`` with each name that ends with another name of them, words before it, made
    that name ("democrat hillary clinton" -> "hillary clinton")."""
    names = {name for _, name in runs.values()}
    shortened = {}
    for start, (end, name) in runs.items():
        words = name.split()
        tails = (" ".join(words[i:]) for i in range(1, len(words) - 1))
        shortened[start] = (end, next((tail for tail in tails if tail in names), name))
    return shortened


def _joined(text: str, before: re.Match[str], word: re.Match[str]) -> bool:
    """Whether ``word`` continues the name that ``before`` ends: one space apart, and not the
    same word again."""
    apart = text[before.end() : word.start()] == " "
    return apart and before.group().lower() != word.group().lower()


def surnames_of(runs: dict[int, tuple[int, str]]) -> dict[str, str]:
    """The last word of each name of ``runs`` and the name it stands for alone ("dar" ->
    "ishaq dar"; a last word of several names goes to the most frequent), then the first
    word of each name the same way ("hillary" -> "hillary clinton"), unless it is a last
    word."""
    names = Counter(name for _, name in runs.values())
    found: dict[str, str] = {}
    for name, _ in names.most_common():
        found.setdefault(name.split()[-1], name)
    for name, _ in names.most_common():
        found.setdefault(name.split()[0], name)
    return found


@cache
def _extractor(max_ngram: int, top: int) -> yake.KeywordExtractor:
    """One YAKE extractor per setting, reused (it reads its stopword list once, and the
    similarities it remembers hold for any text)."""
    import yake

    return yake.KeywordExtractor(lan="en", n=max_ngram, top=top)


def lead(text: str, words: int) -> str:
    """The start of ``text`` up to the end of the sentence holding its ``words``-th word (the
    whole text when it is shorter)."""
    for count, match in enumerate(_NON_SPACE.finditer(text), start=1):
        if count == words:
            end = _SENTENCE_END.search(text, match.start())
            return text if end is None else text[: end.end()].rstrip()
    return text


def extract_keywords(
    text: str,
    *,
    top: int = TOP_KEYWORDS,
    max_ngram: int = MAX_NGRAM,
    max_words: int | None = YAKE_WORDS,
) -> list[tuple[str, float]]:
    """YAKE keywords of one text as ``(keyword, score)``; lower scores are more important.

    Phrases of up to ``max_ngram`` words; near-identical phrases are deduplicated by YAKE.
    Runs of characters too long to be words are left out (:func:`~analysis.text.blank_long_tokens`).
    YAKE reads the :func:`lead` of ``max_words`` words (None: the whole text). Empty or
    stopword-only text gives an empty list.
    """
    if max_words is not None:
        text = lead(text, max_words)
    text = blank_long_tokens(text)
    if not WORD_TOKEN.search(text):
        return []
    extractor = _extractor(max_ngram, top)
    return [(str(keyword), float(score)) for keyword, score in extractor.extract_keywords(text)]


def outlets_with_words(articles: pd.DataFrame) -> pd.Series:
    """Whether each outlet of ``articles`` (the index, sorted) has the
    :data:`MIN_DISTINCTIVE_WORDS` words of text its distinctive terms need."""
    return articles.groupby(S.OUTLET)[S.N_WORDS].sum() >= MIN_DISTINCTIVE_WORDS


def terms(text: str, *, bigrams: bool = True) -> list[str]:
    """Terms of a text for frequency comparison: lower-case words that are not stopwords and
    have at least two letters, plus (when ``bigrams``) pairs of such adjacent words not split
    by punctuation."""
    stop = stopwords()
    found: list[str] = []
    for chunk in re.split(r"[.,;:!?()\[\]\"“”‘’«»—–]+|\n", text):
        words = [normalise_term(w) for w in WORD_TOKEN.findall(chunk)]
        kept = [w if w not in stop and len(w) > 1 else None for w in words]
        found.extend(w for w in kept if w)
        if bigrams:
            found.extend(f"{a} {b}" for a, b in itertools.pairwise(kept) if a and b)
    return found


#: Term counts per outlet (or other group): what :func:`distinctive_terms` compares. Counts of
#: parts of a corpus add up (:func:`add_term_counts`) to the counts of the whole.
TermCounts = dict[str, Counter[str]]


def term_counts(
    articles: pd.DataFrame, *, group: str = S.OUTLET, bigrams: bool = True
) -> TermCounts:
    """How often each group (``group`` column, outlets by default) uses each of the
    :func:`terms` of its articles' texts."""
    counts: TermCounts = {}
    for value, text in zip(articles[group], articles[S.TEXT], strict=True):
        counts.setdefault(str(value), Counter()).update(terms(text, bigrams=bigrams))
    return counts


def add_term_counts(total: TermCounts, part: TermCounts) -> TermCounts:
    """``total`` with the counts of ``part`` (of articles after those counted in ``total``)
    added: adding the parts of a corpus in order gives :func:`term_counts` of the whole,
    terms in the same order."""
    for value, counter in part.items():
        total.setdefault(value, Counter()).update(counter)
    return total


def distinctive_terms(
    articles: pd.DataFrame,
    *,
    group: str = S.OUTLET,
    min_count: int = MIN_COUNT,
    prior_weight: float = PRIOR_WEIGHT,
    bigrams: bool = True,
) -> pd.DataFrame:
    """Terms each outlet (or other ``group`` column) over- and under-uses against all others:
    :func:`distinctive_from_counts` of the articles' :func:`term_counts`."""
    return distinctive_from_counts(
        term_counts(articles, group=group, bigrams=bigrams),
        min_count=min_count,
        prior_weight=prior_weight,
    )


def distinctive_from_counts(
    counts: TermCounts, *, min_count: int = MIN_COUNT, prior_weight: float = PRIOR_WEIGHT
) -> pd.DataFrame:
    """Terms each group of ``counts`` (:func:`term_counts`) over- and under-uses against all
    others.

    Log-odds ratio with an informative Dirichlet prior (Monroe et al. 2008): the prior of a
    term is its share of the whole corpus times ``prior_weight``. ``z`` is the log-odds
    difference divided by its standard deviation: > 0 = used more by this outlet than by the
    others, < 0 = less; |z| > 1.96 is significant at the usual 95% level. Only terms with at
    least ``min_count`` occurrences in the whole corpus are scored.

    Returns columns outlet (the group value), term, count (in this outlet), z, sorted by
    outlet and z descending. With a single group there is nothing to compare: empty frame.
    """
    columns = list(S.DISTINCTIVE_COLUMNS)
    if len(counts) < 2:
        return pd.DataFrame(columns=columns)
    total: Counter[str] = Counter()
    for counter in counts.values():
        total.update(counter)
    vocabulary = [term for term, n in total.items() if n >= min_count]
    n_total = sum(total.values())
    rows = []
    for outlet, own in counts.items():
        n_own = sum(own.values())
        n_rest = n_total - n_own
        for term in vocabulary:
            prior = prior_weight * total[term] / n_total
            y_own = own.get(term, 0)
            y_rest = total[term] - y_own
            delta = _log_odds(y_own, n_own, prior, prior_weight) - _log_odds(
                y_rest, n_rest, prior, prior_weight
            )
            variance = 1.0 / (y_own + prior) + 1.0 / (y_rest + prior)
            rows.append((outlet, term, y_own, delta / math.sqrt(variance)))
    frame = pd.DataFrame(rows, columns=columns).astype({S.COUNT: "int64", S.Z: "float64"})
    return frame.sort_values([S.OUTLET, S.Z], ascending=[True, False]).reset_index(drop=True)


def frequent_terms(distinctive: pd.DataFrame, min_count: int) -> pd.DataFrame:
    """The rows of ``distinctive`` (of :func:`distinctive_terms`, made with a smaller
    ``min_count``) of terms used at least ``min_count`` times in the whole corpus: what
    :func:`distinctive_terms` makes with ``min_count`` (a term's z does not depend on which
    other terms are scored)."""
    totals = distinctive.groupby(S.TERM)[S.COUNT].transform("sum")
    return distinctive[totals >= min_count].reset_index(drop=True)


def _log_odds(count: float, size: float, prior: float, prior_weight: float) -> float:
    return math.log((count + prior) / (size + prior_weight - count - prior))


#: Endings an inflected English word may drop to find its base form, with what replaces them.
_INFLECTIONS = (
    ("ies", "y"),
    ("es", ""),
    ("s", ""),
    ("ied", "y"),
    ("ed", ""),
    ("ed", "e"),
    ("d", ""),
    ("ing", ""),
    ("ing", "e"),
)


#: How much more frequent (Zipf scale) an inflected-looking word may be than its base form
#: and still be a form of it: "united" (5.5) is a word of its own, not a form of "unit" (4.9).
OWN_WORD_ZIPF = 0.3


@lru_cache(maxsize=100_000)
def base_form(word: str) -> str:
    """The base form of an inflected word ("agreed" -> "agree", "stating" -> "state",
    "delegations" -> "delegation"): the most frequent English word (wordfreq) that an ending
    of :data:`_INFLECTIONS` leaves and that shares the word's Porter stem, and is not
    :data:`OWN_WORD_ZIPF` rarer than the word ("united" stays); the word itself when none
    does. A function of the word alone, so every article and outlet agrees."""
    own = stem(word)
    found = [
        word[: -len(ending)] + added
        for ending, added in _INFLECTIONS
        if word.endswith(ending) and len(word) - len(ending) >= 3
    ]
    # a base much rarer than the word is another word ("united" is no form of "unit")
    least = zipf(word) - OWN_WORD_ZIPF
    kept = [base for base in found if stem(base) == own and zipf(base) > max(least, 0)]
    return max(kept, key=lambda base: (zipf(base), -len(base)), default=word)


def lemma_of(key: str) -> str:
    """``key`` with each word in its :func:`base_form` ("agreed talks" -> "agree talk")."""
    return " ".join(base_form(word) for word in key.split())


def merged_by_lemma(keys: pd.Series) -> pd.Series:
    """``keys`` in their :func:`lemma_of` form, so that "agreed" in one article and "agree"
    in another are one keyword."""
    return keys.map(lemma_of).astype(keys.dtype)


def outlet_keywords(
    keywords: pd.DataFrame, articles: pd.DataFrame, *, kind: str = WORD, top: int = TOP_KEYWORDS
) -> pd.DataFrame:
    """Keywords per outlet, combining the ranks of its articles' keywords.

    Each article contributes ``1 / rank`` for each of its keywords of ``kind``; an outlet's
    score for a key is the mean over the outlet's articles (articles without the key add 0),
    so a keyword ranks high when it is near the top of most of the outlet's articles
    (reciprocal-rank fusion). This is used rather than running YAKE on the outlet's joined
    text, where one long article outweighs the others (see the note on the keywords issue).

    Keys of one lemma are one key (:func:`merged_by_lemma`: agree, agreed, agrees).
    Returns columns outlet, key, keyword (the outlet's most frequent spelling), score (0..1,
    higher = more important), articles (how many of the outlet's articles list the key) and
    rank (1 = first), the top ``top`` per outlet.
    """
    columns = [S.OUTLET, S.KEY, S.KEYWORD, S.SCORE, S.ARTICLES, S.RANK]
    data = keywords[keywords[S.KIND] == kind].merge(
        articles[[S.ARTICLE_ID, S.OUTLET]], on=S.ARTICLE_ID, how="inner"
    )
    if data.empty:
        return pd.DataFrame(columns=columns)
    sizes = articles.groupby(S.OUTLET)[S.ARTICLE_ID].nunique()
    data = data.assign(**{S.KEY: merged_by_lemma(data[S.KEY])}, _rr=1.0 / data[S.RANK])
    grouped = data.groupby([S.OUTLET, S.KEY], sort=False)
    frame = grouped.agg(
        keyword=(S.KEYWORD, lambda k: k.mode().iloc[0]),
        _sum=("_rr", "sum"),
        articles=(S.ARTICLE_ID, "nunique"),
    ).reset_index()
    frame[S.SCORE] = frame["_sum"] / frame[S.OUTLET].map(sizes)
    frame = frame.sort_values([S.OUTLET, S.SCORE, S.KEY], ascending=[True, False, True])
    frame[S.RANK] = frame.groupby(S.OUTLET).cumcount() + 1
    frame = frame[frame[S.RANK] <= top]
    return frame[columns].astype({S.ARTICLES: "int64", S.RANK: "int64"}).reset_index(drop=True)


def keyword_matrix(outlet_frame: pd.DataFrame, *, top: int = 10) -> pd.DataFrame:
    """Which outlet uses which of the top keywords: rows = the union of every outlet's top
    ``top`` keys, columns = outlets, values = the outlet's score (0 when it does not list the
    key). Rows are sorted by the number of outlets using the key, then by total score."""
    chosen = outlet_frame[outlet_frame[S.RANK] <= top][S.KEY].unique()
    wide = (
        outlet_frame[outlet_frame[S.KEY].isin(chosen)]
        .pivot_table(index=S.KEY, columns=S.OUTLET, values=S.SCORE, aggfunc="sum", fill_value=0.0)
        .astype("float64")
    )
    order = pd.DataFrame({"n": (wide > 0).sum(axis=1), "total": wide.sum(axis=1)})
    wide = wide.loc[order.sort_values(["n", "total"], ascending=False).index]
    wide.columns.name = S.OUTLET
    return wide


def unique_keywords(outlet_frame: pd.DataFrame) -> pd.DataFrame:
    """Keywords that only one outlet lists (among every outlet's top keywords): columns
    outlet, key, keyword, score, rank, sorted by outlet and rank."""
    users = outlet_frame.groupby(S.KEY)[S.OUTLET].nunique()
    only = outlet_frame[outlet_frame[S.KEY].map(users) == 1]
    return only[[S.OUTLET, S.KEY, S.KEYWORD, S.SCORE, S.RANK]].reset_index(drop=True)


_STRAIGHT = str.maketrans({"’": "'", "ı": "i"})


def fold(text: str) -> str:
    """``text`` folded for matching as :func:`analysis.tables.folded_sql` folds a column:
    lower case, accents stripped, typographic apostrophes straight, the dotless ı a plain i."""
    lower = text.lower()
    if lower.isascii():
        return lower
    plain = unicodedata.normalize("NFKD", lower)
    return "".join(c for c in plain if not unicodedata.combining(c)).translate(_STRAIGHT)


def context_pattern(key: str, registry: Registry | None = None) -> str | None:
    """A regular expression (RE2 and Python syntax) found in the :func:`fold` of every
    sentence that uses ``key`` as :func:`keyword_in_context` finds it, within the word where
    the use starts: one of the forms :func:`~analysis.actors.written_as` gives for the key's
    first word, folded, any letter perhaps doubled. None for a key of no word."""
    target = normalise_term(key, registry).split()
    forms = [fold(form) for form in sorted(written_as(target[0], registry))] if target else []
    if not forms or not all(forms):
        return None
    inflected = _root(target[0])  # "stat" finds stating, stated and state
    forms += [inflected] if inflected and inflected not in forms else []
    return "|".join("".join(re.escape(letter) + "+" for letter in form) for form in forms)


def _root(word: str) -> str:
    """What every inflected form of ``word`` holds: its :func:`base_form` without a final
    e or y ("state" -> "stat", "economy" -> "econom"), folded ("" for a word of no letter)."""
    base = fold(base_form(word))
    return base[:-1] if len(base) > 3 and base[-1] in "ey" else base


def keyword_in_context(
    sentences: pd.DataFrame,
    articles: pd.DataFrame,
    key: str,
    *,
    registry: Registry | None = None,
) -> pd.DataFrame:
    """Every sentence that uses ``key`` (a keyword key or a distinctive term), by outlet.

    Words are compared after :func:`normalise_term` (so with a ``registry`` the key
    "zelensky" also finds "Zelenskiy" and "Volodymyr Zelenskyy"), and in their
    :func:`base_form` (the key "agree" finds "agreed"). Returns columns outlet,
    article_id, sent_id, text (the sentence), start and end (the first match, offsets into
    the sentence, end exclusive), sorted by outlet and position.
    """
    columns = [S.OUTLET, S.ARTICLE_ID, S.SENT_ID, S.TEXT, S.START, S.END]
    target = normalise_term(key, registry).split()
    if not target:
        return pd.DataFrame(columns=columns)
    pattern = context_pattern(key, registry)
    starts = None if pattern is None else re.compile(pattern)
    outlets = dict(zip(articles[S.ARTICLE_ID], articles[S.OUTLET], strict=True))
    rows = []
    keys: dict[str, str] = {}  # phrase -> its key: sentences repeat their phrases
    for identifier, sent_id, text in zip(
        sentences[S.ARTICLE_ID], sentences[S.SENT_ID], sentences[S.TEXT], strict=True
    ):
        span = _find_words(text, target, keys, registry, starts)
        if span is not None and identifier in outlets:
            rows.append((outlets[identifier], identifier, sent_id, text, *span))
    frame = pd.DataFrame(rows, columns=columns)
    return frame.sort_values([S.OUTLET, S.ARTICLE_ID, S.SENT_ID]).reset_index(drop=True)


def _find_words(
    text: str,
    target: list[str],
    keys: dict[str, str],
    registry: Registry | None,
    starts: re.Pattern[str] | None,
) -> tuple[int, int] | None:
    """Offsets of the first run of words in ``text`` whose keys spell ``target``, looked for
    only from the words whose :func:`fold` holds ``starts`` (:func:`context_pattern`);
    ``keys`` remembers the key of each phrase tried; words match in their base forms too
    (:func:`lemma_of`)."""
    lemmas = lemma_of(" ".join(target)).split()
    tokens = list(WORD_TOKEN.finditer(text))
    for i in _starting(text, tokens, starts):
        for size in range(1, min(4, len(tokens) - i) + 1):
            words = " ".join(t.group() for t in tokens[i : i + size])
            phrase = keys.get(words)
            if phrase is None:
                phrase = keys[words] = normalise_term(words, registry)
            if phrase.split() == target or lemma_of(phrase).split() == lemmas:
                return tokens[i].start(), tokens[i + size - 1].end()
    return None


def _starting(text: str, tokens: list[re.Match[str]], starts: re.Pattern[str] | None) -> list[int]:
    """The positions of the ``tokens`` of ``text`` whose :func:`fold` holds ``starts`` (all
    of them when it is None). The text is folded whole when that keeps its length (its
    characters then keep their offsets), else word by word."""
    if starts is None:
        return list(range(len(tokens)))
    folded = fold(text)
    if len(folded) != len(text):
        return [i for i, token in enumerate(tokens) if starts.search(fold(token.group()))]
    hits = [match.start() for match in starts.finditer(folded)]
    return [
        i for i, token in enumerate(tokens) if any(token.start() <= h < token.end() for h in hits)
    ]


def ranked_words(
    counts: Counter[str], first: dict[str, int], surface: dict[str, str], *, top: int
) -> list[tuple[str, float]]:
    """The ``top`` words of ``counts`` (by key) as ``(surface, weight)``, highest first: a
    word's count times the rarity of its (last) word in English (:data:`RARITY_EXPONENT`);
    ties go to the word met first (``first``: its position). Higher weights are more
    important."""
    weights = {
        key: n * max(0.5, 8.0 - zipf(surface[key].split()[-1])) ** RARITY_EXPONENT
        for key, n in counts.items()
    }
    ranked = sorted(weights, key=lambda key: (-weights[key], first[key]))[:top]
    return [(surface[key], round(weights[key], 4)) for key in ranked]
