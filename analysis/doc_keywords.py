"""Keywords of each article read from its parse (the spaCy ``Doc`` every analyser shares).

The keywords frame (:func:`article_keywords`) holds two kinds of keyword per article:

* **words**: single words ranked by count times rarity in general English, a person's name
  of two or more words one keyword (:func:`doc_words`);
* **phrases**: two- or three-word phrases ranked by YAKE's score (Campos et al. 2020, "YAKE!
  Keyword extraction from single documents using multiple local features", Information
  Sciences 509), its features (casing, position, frequency, relatedness to context, spread
  over sentences) computed on the parse's tokens and lemmas (:func:`doc_phrases`).

Both read the tokens, lemmas, sentences, noun chunks and entities the parse already made,
instead of tokenising the text again. An article without a parse (its parse failed) gets the
same two kinds from its text: :func:`analysis.keywords.word_keywords` and the ``yake``
package's own extractor (:func:`analysis.keywords.extract_keywords`).
"""

from __future__ import annotations

import math
import statistics
from collections import Counter
from collections.abc import Mapping

import pandas as pd
from spacy.tokens import Doc, Span, Token

from analysis import schema as S
from analysis.actors import Registry
from analysis.entities import TITLES
from analysis.keywords import (
    MAX_NGRAM,
    MAX_ZIPF,
    PHRASE,
    TOP_KEYWORDS,
    WORD,
    WORD_TOKEN,
    YAKE_WORDS,
    extract_keywords,
    normalise_term,
    ranked_words,
    shortest_names,
    stem,
    surnames_of,
    title_case,
    word_keywords,
    zipf,
)
from analysis.text import MAX_TOKEN_CHARS, blank_long_tokens, stopwords

#: Entity labels whose names of two or more words are phrase candidates beside noun chunks.
PHRASE_ENTITIES = frozenset(
    {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "WORK_OF_ART", "LAW", "PRODUCT"}
)


def _word(token: Token) -> str | None:
    """The word of ``token`` in lower case, typographic apostrophes straight (None for
    punctuation, numbers, a contraction's part such as "n't" and other tokens that are no
    word)."""
    if not token.is_alpha and (token.is_stop or not WORD_TOKEN.fullmatch(token.text)):
        return None
    return token.lower_.replace("’", "'")


def _name_like(token: Token, stop: frozenset[str]) -> bool:
    """Whether ``token`` may be a word of a person's name: a capitalised word, not all
    capitals, no stopword, no title."""
    text = token.text
    lower = token.lower_
    return (
        text[:1].isupper()
        and not text.isupper()
        and _word(token) is not None
        and lower not in stop
        and lower not in TITLES
    )


def name_runs(doc: Doc, text: str | None = None) -> dict[int, tuple[int, str]]:
    """The names of people of two or more words in ``doc``: its PERSON entities, titles
    before the name dropped ("President Barack Obama" -> "barack obama"), outside title-case
    lines (whose capitals mark no name). Each name's words are capitalised, not all capitals,
    no stopword or title; a line is title case when most of its longer words are capitalised
    (:func:`~analysis.keywords.title_case`). By the index of a name's first token: the index
    after its last and the name in lower case. A name that is another of them with words
    before it ("Democrat Hillary Clinton") is that name. ``text`` is the parsed text, when
    the caller has it (``doc.text`` costs a pass over the tokens; a text of another length is
    not used)."""
    stop = stopwords()
    length = doc[-1].idx + len(doc[-1].text_with_ws) if len(doc) else 0
    text = text if text is not None and len(text) == length else doc.text
    headlines: dict[int, bool] = {}  # by the start of a line: whether it is title case
    runs: dict[int, tuple[int, str]] = {}
    for entity in doc.ents:
        if entity.label_ != "PERSON":
            continue
        tokens = list(entity)
        while tokens and not _name_like(tokens[0], stop):
            tokens.pop(0)
        while tokens and not _name_like(tokens[-1], stop):
            tokens.pop()
        if len(tokens) < 2 or not all(_name_like(t, stop) for t in tokens):
            continue
        line = text.rfind("\n", 0, tokens[0].idx) + 1
        if line not in headlines:
            end = text.find("\n", line)
            headlines[line] = title_case(text[line : len(text) if end < 0 else end])
        if headlines[line]:
            continue
        runs[tokens[0].i] = (tokens[-1].i + 1, " ".join(t.lower_ for t in tokens))
    return shortest_names(runs)


def doc_words(
    doc: Doc, *, top: int = TOP_KEYWORDS, names: bool = True, text: str | None = None
) -> list[tuple[str, float]]:
    """Single-word keywords of a parsed article as ``(word, weight)``; higher weight = more
    important: :func:`analysis.keywords.word_keywords` on the parse's tokens.

    The weight is the word's count (forms with one Porter stem counted together) times its
    rarity in general English, ``(8 - zipf) ** RARITY_EXPONENT``. Stopwords, one-letter
    words, punctuation, numbers and words as common as :data:`~analysis.keywords.MAX_ZIPF`
    are skipped; ties go to the earlier word. With ``names``, a person's name of two or more
    words (:func:`name_runs`) is one keyword, and its last or first word alone counts for it
    ("Trump's", "Hillary"). A possessive "'s" is a token of its own, never part of a word.
    ``text``: the parsed text, when the caller has it (:func:`name_runs`).
    """
    stop = stopwords()
    counts: Counter[str] = Counter()
    first: dict[str, int] = {}
    surface: dict[str, str] = {}
    runs = name_runs(doc, text) if names else {}
    surnames = surnames_of(runs)
    index = 0
    while index < len(doc):
        if index in runs:  # a name of two or more words is one keyword
            index, word = runs[index]
            key = word
        else:
            found = _word(doc[index])
            index += 1
            if (
                found is None
                or found in stop
                or not 2 <= len(found) <= MAX_TOKEN_CHARS
                or zipf(found) >= MAX_ZIPF
            ):
                continue
            word = surnames.get(found) or found
            key = word if " " in word else stem(word)
        counts[key] += 1
        first.setdefault(key, index)
        surface.setdefault(key, word)
    return ranked_words(counts, first, surface, top=top)


def lead(doc: Doc, words: int | None) -> list[Span]:
    """The sentences of ``doc`` up to the one holding its ``words``-th word (punctuation is
    no word; None or a shorter text: every sentence)."""
    found: list[Span] = []
    count = 0
    for sentence in doc.sents:
        found.append(sentence)
        count += sum(1 for token in sentence if not (token.is_punct or token.is_space))
        if words is not None and count >= words:
            break
    return found


def _term(token: Token) -> str | None:
    """The term of ``token`` that YAKE's features count: its lemma in lower case (None for a
    token that is no word: a number, a symbol, a run of letters and digits)."""
    if _word(token) is None:
        return None
    return token.lemma_.lower().replace("’", "'")


class _Terms:
    """YAKE's statistics of the terms of some sentences, read from their tokens."""

    def __init__(self, sentences: list[Span], stop: frozenset[str]) -> None:
        self.tf: Counter[str] = Counter()
        self.cased: Counter[str] = Counter()
        self.acronyms: Counter[str] = Counter()
        self.sentences: dict[str, set[int]] = {}
        self.edges: Counter[tuple[str, str]] = Counter()
        self.left: dict[str, set[str]] = {}
        self.right: dict[str, set[str]] = {}
        self.stop = stop
        for number, sentence in enumerate(sentences):
            previous: str | None = None  # the term before, in the same run without punctuation
            for token in sentence:
                if token.is_punct or token.is_space:
                    previous = None
                    continue
                term = _term(token)
                if term is not None:
                    self._count(token, term, number, sentence.start)
                    if previous is not None:
                        self.edges[previous, term] += 1
                        self.left.setdefault(term, set()).add(previous)
                        self.right.setdefault(previous, set()).add(term)
                previous = term
        self.count = len(sentences)

    def _count(self, token: Token, term: str, number: int, start: int) -> None:
        self.tf[term] += 1
        text = token.text
        if len(text) > 1 and text.isupper():
            self.acronyms[term] += 1
        elif text[:1].isupper() and token.i != start:
            self.cased[term] += 1
        self.sentences.setdefault(term, set()).add(number)

    def is_stop(self, term: str) -> bool:
        return term in self.stop or len(term) < 3

    def scores(self) -> dict[str, float]:
        """YAKE's score of each term (lower = more important)."""
        if not self.tf:
            return {}
        valid = [n for term, n in self.tf.items() if not self.is_stop(term)] or [0]
        mean, spread = statistics.fmean(valid), statistics.pstdev(valid)
        most = max(self.tf.values())
        found = {}
        for term, tf in self.tf.items():
            into = sum(self.edges[other, term] for other in self.left.get(term, ()))
            out = sum(self.edges[term, other] for other in self.right.get(term, ()))
            left = len(self.left.get(term, ())) / into if into else 0.0
            right = len(self.right.get(term, ())) / out if out else 0.0
            related = 1.0 + (left + right) * tf / most
            frequency = tf / (mean + spread) if mean + spread else 0.0
            sentences = self.sentences[term]
            spread_over = len(sentences) / self.count
            casing = max(self.acronyms[term], self.cased[term]) / (1.0 + math.log(tf))
            position = math.log(math.log(3.0 + statistics.median(sentences)))
            found[term] = (position * related) / (
                casing + frequency / related + spread_over / related
            )
        return found


def _chunks(doc: Doc, end: int, terms: _Terms, max_ngram: int) -> list[list[tuple[Token, str]]]:
    """The noun chunks and names (:data:`PHRASE_ENTITIES`) of ``doc`` before token ``end``
    as runs of (token, term) (:func:`_run`); a span that is both a chunk and a name counts
    once. The chunks are those of spaCy's English noun-chunk iterator, run on the lead only."""
    lead_span = doc[:end]
    spans = {(start, stop) for start, stop, _ in doc.noun_chunks_iterator(lead_span)}
    spans |= {(e.start, e.end) for e in doc.ents if e.end <= end and e.label_ in PHRASE_ENTITIES}
    runs = (_run(doc[start:stop], terms, max_ngram) for start, stop in sorted(spans))
    return [run for run in runs if run]


def _run(span: Span, terms: _Terms, max_ngram: int) -> list[tuple[Token, str]]:
    """The words of ``span`` with their terms, without the stopwords and tokens of no word it
    starts or ends with, its last ``max_ngram`` words (where English puts the head of a noun
    phrase); empty when fewer than two words are left or a token of no word (a number) is
    among them."""
    found = [(t, _term(t)) for t in span if not (t.is_punct or t.is_space)]
    kept = [i for i, (_, term) in enumerate(found) if term is not None and not terms.is_stop(term)]
    if not kept:
        return []
    words = found[max(kept[0], kept[-1] + 1 - max_ngram) : kept[-1] + 1]
    run = [(token, term) for token, term in words if term is not None]
    return run if len(run) == len(words) >= 2 else []


def doc_phrases(
    doc: Doc,
    *,
    top: int = TOP_KEYWORDS,
    max_ngram: int = MAX_NGRAM,
    max_words: int | None = YAKE_WORDS,
) -> list[tuple[str, float]]:
    """Phrases of two to ``max_ngram`` words of a parsed article as ``(phrase, score)``;
    lower scores are more important (YAKE's score, >= 0).

    Read from the sentences of the :func:`lead` of ``max_words`` words (None: the whole
    text). Candidates are the noun chunks and names of the parse (:func:`_chunks`). A
    phrase's score is YAKE's: the product of its words' scores over their sum plus one, over
    its count; a word's score weighs its position, frequency, casing, spread over sentences
    and the variety of its neighbours (:class:`_Terms`), terms being the parse's lemmas.
    Phrases of one lemma sequence are one phrase, written as first found.
    """
    stop = stopwords()
    sentences = lead(doc, max_words)
    terms = _Terms(sentences, stop)
    words = terms.scores()
    runs = _chunks(doc, sentences[-1].end if sentences else 0, terms, max_ngram)
    counts: Counter[tuple[str, ...]] = Counter()
    surface: dict[tuple[str, ...], str] = {}
    for run in runs:
        key = tuple(term for _, term in run)
        counts[key] += 1
        surface.setdefault(key, " ".join(token.text for token, _ in run))
    scored = {}
    for key, count in counts.items():
        product, total = 1.0, 0.0
        for position, term in enumerate(key):
            if terms.is_stop(term):
                before, after = key[position - 1], key[position + 1]
                chance = (terms.edges[before, term] / terms.tf[before]) * (
                    terms.edges[term, after] / terms.tf[after]
                )
                product *= 2.0 - chance
                total -= 1.0 - chance
            else:
                product *= words[term]
                total += words[term]
        scored[key] = product / ((total + 1.0) * count)
    ranked = sorted(scored, key=lambda key: scored[key])[:top]
    return [(surface[key], scored[key]) for key in ranked]


def _found(
    doc: Doc | None, text: str, top: int, max_ngram: int
) -> tuple[list[tuple[str, float]], list[tuple[str, float]]]:
    """The words and phrases of one article: from its parse, or from its text when it has
    none."""
    if doc is not None:
        words = doc_words(doc, top=top, text=blank_long_tokens(text))
        return words, doc_phrases(doc, top=top * 2, max_ngram=max_ngram)
    phrases = extract_keywords(text, top=top * 2, max_ngram=max_ngram)
    return word_keywords(text, top=top, names=True), [p for p in phrases if len(p[0].split()) > 1]


def article_keywords(
    articles: pd.DataFrame,
    *,
    docs: Mapping[str, Doc] | None = None,
    top: int = TOP_KEYWORDS,
    max_ngram: int = MAX_NGRAM,
    registry: Registry | None = None,
) -> pd.DataFrame:
    """The keywords frame: per article, its top single words and its top phrases.

    Read from each article's parse in ``docs`` (by article id; :func:`doc_words`,
    :func:`doc_phrases`); an article without one from its text
    (:func:`analysis.keywords.word_keywords`, YAKE's own extractor for the phrases).

    Columns: article_id, keyword (as written), key (:func:`~analysis.keywords.normalise_term`,
    actor aliases merged when a ``registry`` is given: the key to compare articles and
    outlets by), kind ("word" or "phrase"), yake_score (phrases: YAKE's score, >= 0, lower =
    more important; NaN for words), weight (words: count times rarity, higher = more
    important; NaN for phrases), rank (1 = most important, within the article and kind).
    Phrases have two to ``max_ngram`` words. A key repeated within an article and kind is
    kept once, at its best rank.
    """
    rows = []
    for identifier, text in zip(articles[S.ARTICLE_ID], articles[S.TEXT], strict=True):
        doc = None if docs is None else docs.get(identifier)
        found_words, found_phrases = _found(doc, text, top, max_ngram)
        words = [(w, math.nan, weight) for w, weight in found_words]
        phrases = [(k, score, math.nan) for k, score in found_phrases]
        for kind, found in ((WORD, words), (PHRASE, phrases)):
            seen: set[str] = set()
            for keyword, score, weight in found:
                key = normalise_term(keyword, registry)
                if key in seen or len(seen) >= top:
                    continue
                seen.add(key)
                rows.append((identifier, keyword, key, kind, score, weight, len(seen)))
    frame = pd.DataFrame(rows, columns=list(S.KEYWORD_COLUMNS))
    return frame.astype({S.YAKE_SCORE: "float64", S.WEIGHT: "float64", S.RANK: "int64"})
