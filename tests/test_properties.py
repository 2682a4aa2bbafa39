"""Property-based tests (hypothesis): no input crashes ingest, clean, text or any analyser;
every input is accounted for; offsets stay valid."""

from __future__ import annotations

import random
from functools import cache

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis import schema as S
from analysis.clean import clean_text
from analysis.corpus import build_corpus, load_corpus
from analysis.differences import differences
from analysis.engine import Engine
from analysis.ingest import IngestResult, read_bytes, read_text
from analysis.overview import outlet_cards
from analysis.pipeline import analyse, article_tables
from analysis.tables import ANALYSIS_ERRORS, ARTICLE_TABLES
from analysis.text import quote_spans, sentences, split_sentences
from tests.conftest import CORPUS_DEV, SEEDS

NEWSY = st.text(
    alphabet=st.sampled_from(list("abcXYZ .,;:!?\"'“”‘’«»-—\n\t()Ğü0123456789\u200b\u202e")),
    max_size=400,
)
FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(
    st.binary(max_size=2000),
    st.sampled_from(["a.txt", "a.csv", "a.jsonl", "a.json", "a.html", "a.pdf", "a.md", "a.bin"]),
)
def test_any_bytes_become_documents_or_rejections(data: bytes, name: str) -> None:
    result = read_bytes(name, data)
    assert result.documents or result.rejected
    for rejection in result.rejected:
        assert rejection.reason


@FAST
@given(NEWSY)
def test_clean_never_invents_text_and_records_removals(text: str) -> None:
    cleaned = clean_text(text)
    source_lines = text.split("\n")
    for removal in cleaned.removed:
        assert 1 <= removal.line_no <= len(source_lines)
        assert removal.reason
    for line in cleaned.text.split("\n\n"):
        assert line.strip() == "" or any(line.strip() in s for s in source_lines)


@FAST
@given(NEWSY)
def test_sentences_and_quotes_have_valid_offsets(text: str) -> None:
    for start, end, _ in split_sentences(text):
        assert 0 <= start < end <= len(text)
        assert text[start:end].strip()
    for span in quote_spans(text):
        assert 0 <= span.start < span.end <= len(text)


@FAST
@given(st.lists(NEWSY, max_size=5))
def test_every_input_ends_in_articles_or_rejected(texts: list[str]) -> None:
    result = IngestResult()
    for number, text in enumerate(texts):
        result += read_text(f"input {number}", text)
    corpus = build_corpus(result, min_words=3)
    sources = list(corpus.articles["source"]) + list(corpus.rejected["source"])
    assert sorted(sources) == sorted(f"input {n}" for n in range(len(texts)))
    frame = sentences(corpus.articles)
    texts_by_id = dict(zip(corpus.articles["article_id"], corpus.articles["text"], strict=True))
    for row in frame.itertuples(index=False):
        assert texts_by_id[row.article_id][row.start : row.end] == row.text


#: Words that make the analysers work: actor names and their variants, speech verbs, stance
#: cues, contested terms, quotation marks, mixed with arbitrary characters.
NEWS_WORDS = st.sampled_from(
    [
        "Putin",
        "Zelenskyy",
        "Zelenskiy",
        "Kiev",
        "Kyiv",
        "Türkiye",
        "Turkey",
        "Erdogan",
        "the Kremlin",
        "He",
        "She",
        "said",
        "told",
        "claimed",
        "insisted",
        "“",
        "”",
        '"',
        "'",
        "supports",
        "rejected",
        "talks",
        "ceasefire",
        "invasion",
        "special military operation",
        "war",
        "not",
        "if",
        ",",
        ".",
        "\n\n",
        "President",
        "the US president",
        "Ukraine",
        "Russia",
        "—",
        "(",
        ")",
        "&",
        "<b>",
        "**",
        "[a](http://x)",
        "\u200b",
        "é",
    ]
)
ARTICLE = st.lists(st.one_of(NEWS_WORDS, NEWSY.map(lambda t: t[:30])), min_size=5, max_size=120)
ANALYSIS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@ANALYSIS
@given(st.lists(ARTICLE, min_size=1, max_size=3), st.sampled_from(["A", "B <i>", ""]))
def test_every_analyser_runs_with_valid_offsets_on_any_text(
    pieces: list[list[str]], outlet: str
) -> None:
    result = IngestResult()
    for number, words in enumerate(pieces):
        result += read_text(f"input {number}", " ".join(words), outlet=outlet or None)
    corpus = build_corpus(result, min_words=1)
    tables = analyse(corpus, engine=Engine(workers=1))
    lengths = dict(
        zip(corpus.articles[S.ARTICLE_ID], corpus.articles[S.TEXT].str.len(), strict=True)
    )
    for name in ARTICLE_TABLES:
        frame = getattr(tables, name)
        assert set(frame.get(S.ARTICLE_ID, [])) <= set(lengths), name
        if {S.START, S.END} <= set(frame.columns) and len(frame):
            ends = frame[S.ARTICLE_ID].map(lengths)
            assert ((frame[S.START] >= 0) & (frame[S.START] <= frame[S.END])).all(), name
            assert (frame[S.END] <= ends).all(), name
    assert tables.analysis_errors.empty, tables.analysis_errors.to_dict("records")
    sentiment = tables.actor_sentiment
    assert sentiment[S.POLARITY].between(-1, 1).all()
    assert len(sentiment) == len(tables.mentions)
    assert tables.frames[S.SCORE].between(0, 1).all()
    outlet_cards(tables)
    differences(tables)


@cache
def real_sentences() -> tuple[str, ...]:
    """Every sentence of the seeds and, when it is beside the project, of corpus-dev."""
    folders = [SEEDS] + ([CORPUS_DEV] if (CORPUS_DEV / "manifest.csv").exists() else [])
    corpus = load_corpus(folders)
    return tuple(sentences(corpus.articles)[S.TEXT])


#: What a mutation inserts: hedges, negations, conditions, quotation marks, names, speech.
INSERTS = (
    "officially",
    "formally",
    "explicitly",
    "fully",
    "stopped short of",
    "not",
    "never",
    "did not",
    "if",
    "provided",
    "unless",
    "as long as",
    "“",
    "”",
    '"',
    "'",
    "(",
    ")",
    "Putin",
    "the Kremlin",
    "Ms Kallas",
    "he",
    "they",
    "said",
    "told reporters",
    "according to",
    "supports",
    "rejected",
    "agreed to",
    "ceasefire",
    "talks",
    "tariffs",
    ";",
    "—",
)


#: What a mutation puts before a verb: hedges, negations and both.
MODIFIERS = ("officially", "formally", "explicitly", "fully", "not", "never", "did not fully")


def mutate(sentence: str, rng: random.Random) -> str:
    """``sentence`` with a few words dropped, repeated, moved or inserted, or a hedge or
    negation put before one of its verbs (a word ending in -ed or -s)."""
    words = sentence.split()
    for _ in range(rng.randint(1, 4)):
        if not words:
            break
        position = rng.randrange(len(words))
        verbs = [n for n, word in enumerate(words) if word.endswith(("ed", "s"))]
        action = rng.choice(("drop", "repeat", "move", "insert", "insert", "modify", "modify"))
        if action == "modify" and verbs:
            words.insert(rng.choice(verbs), rng.choice(MODIFIERS))
            continue
        if action == "drop":
            del words[position]
        elif action == "repeat":
            words[position:position] = words[position : position + rng.randint(1, 3)]
        elif action == "move":
            words.insert(rng.randrange(len(words)), words.pop(position))
        else:
            words.insert(position, rng.choice(INSERTS))
    return " ".join(words)


REAL = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@REAL
@given(st.lists(st.tuples(st.integers(0, 10**9), st.integers(0, 10**9)), min_size=3, max_size=12))
def test_every_analyser_runs_on_mutated_real_sentences(draws: list[tuple[int, int]]) -> None:
    """Real news sentences, mutated (words dropped, repeated, moved; hedges, negations,
    conditions, quotation marks and names inserted), made into articles: no analyser fails
    on any of them."""
    pool = real_sentences()
    texts = [mutate(pool[pick % len(pool)], random.Random(seed)) for pick, seed in draws]
    result = IngestResult()
    for number in range(0, len(texts), 3):
        result += read_text(f"real {number}", " ".join(texts[number : number + 3]), outlet="R")
    corpus = build_corpus(result, min_words=1, clean=False)
    errors = article_tables(corpus.articles)[ANALYSIS_ERRORS]
    assert errors.empty, (texts, errors.to_dict("records"))
