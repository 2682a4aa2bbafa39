"""Property-based tests (hypothesis): no input crashes ingest, clean or text; every input is
accounted for; offsets stay valid."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis.clean import clean_text
from analysis.corpus import build_corpus
from analysis.ingest import IngestResult, read_bytes, read_text
from analysis.text import quote_spans, sentences, split_sentences

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
