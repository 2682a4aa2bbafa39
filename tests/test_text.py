"""analysis.text: sentence offsets, paragraphs and quotation spans."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis import schema as S
from analysis.text import quote_spans, quotes, sentences, split_sentences, stopwords
from tests.conftest import seed_text


def _frame(text: str) -> pd.DataFrame:
    return pd.DataFrame({S.ARTICLE_ID: ["a"], S.TEXT: [text]})


def test_sentence_offsets_point_into_the_cleaned_text(seeds_corpus, corpus_dev_corpus) -> None:  # type: ignore[no-untyped-def]
    for articles in (seeds_corpus.articles, corpus_dev_corpus.articles):
        frame = sentences(articles)
        assert list(frame.columns) == list(S.SENTENCE_COLUMNS)
        texts = articles.set_index(S.ARTICLE_ID)[S.TEXT]
        for row in frame.itertuples(index=False):
            assert texts[row.article_id][row.start : row.end] == row.text
        for _, group in frame.groupby(S.ARTICLE_ID):
            assert group[S.SENT_ID].tolist() == list(range(len(group)))
            assert group[S.START].is_monotonic_increasing
            assert group[S.PARAGRAPH].is_monotonic_increasing


def test_seed_sentences_are_split_at_sentence_ends_not_abbreviations(seeds_corpus) -> None:  # type: ignore[no-untyped-def]
    text = seed_text(seeds_corpus, "001")
    found = [text[s:e] for s, e, _ in split_sentences(text)]
    assert (
        "Both Kyiv and Moscow are trying to influence Trump, who remains a powerful figure "
        "in U.S. foreign policy circles."
    ) in found
    assert (
        "“A potentially great day for Russia and Ukraine!” he declared following the "
        "Russian president’s address." in found
    )


def test_quotes_of_seed_001_cover_the_posts(seeds_corpus) -> None:  # type: ignore[no-untyped-def]
    text = seed_text(seeds_corpus, "001")
    quoted = [text[s.start : s.end] for s in quote_spans(text)]
    assert "“I will be waiting for Putin in Türkiye on Thursday. Personally,”" in quoted
    assert "“What about Putin? Is he afraid? We’ll see.”" in quoted
    assert "“ultimatums”" in quoted
    # apostrophes are not quotation marks
    assert not any(q.startswith("’") for q in quoted)


def test_in_quote_flags_sentences_inside_quotes(seeds_corpus) -> None:  # type: ignore[no-untyped-def]
    frame = sentences(seeds_corpus.articles)
    quoted = frame[frame[S.IN_QUOTE]][S.TEXT].tolist()
    unquoted = frame[~frame[S.IN_QUOTE]][S.TEXT].tolist()
    assert "Is he afraid?" in quoted
    assert any(t.startswith("“President Putin of Russia doesn’t want") for t in quoted)
    assert any(t.startswith("Defying threats of sanctions by the West") for t in unquoted)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # straight quotes spanning sentences, and a curly quote closed by a straight one
            'He said: "We are ready. We will come." Then he left.\n'
            'She called for “stay strong, all we have is you. Long live Ukraine."',
            [
                '"We are ready. We will come."',
                '“stay strong, all we have is you. Long live Ukraine."',
            ],
        ),
        (  # two apostrophes written for a double quote (wire and archive texts)
            "''This isn't tax reform,'' said Douglas Holtz-Eakin, an economist. ''It's the "
            "opposite.'' Others disagreed with the students' plan.\n\n``We will see,'' he added.",
            ["''This isn't tax reform,''", "''It's the opposite.''", "``We will see,''"],
        ),
    ],
)
def test_quote_spans_of_straight_curly_and_typewriter_marks(text: str, expected: list[str]) -> None:
    assert [text[s.start : s.end] for s in quote_spans(text)] == expected


def test_quote_running_over_paragraphs_newspaper_convention() -> None:
    text = (
        '"The first paragraph of the statement goes on.\n'
        '"The second paragraph continues the same statement," she said.\n'
        "The reporter added a line of context."
    )
    [span] = quote_spans(text)
    assert text[span.start : span.end].endswith('statement,"')
    assert span.start == 0


def test_quote_closed_in_the_next_paragraph_without_reopening() -> None:
    text = (
        'Quote: "Today we held several meetings.\n'
        'But we also hear that the talks may move." He said more later.'
    )
    [span] = quote_spans(text)
    assert text[span.start : span.end].endswith('may move."')


def test_unclosed_quote_ends_at_its_paragraph() -> None:
    text = 'He wrote "this never closes\nA new paragraph of plain reporting follows here.'
    [span] = quote_spans(text)
    assert text[span.start : span.end] == '"this never closes'


def test_curly_single_quotes_are_quotes_apostrophes_are_not() -> None:
    text = "Both sides called the talks ‘candid and constructive’ while Russia’s envoy left."
    assert [text[s.start : s.end] for s in quote_spans(text)] == ["‘candid and constructive’"]


def test_nested_quotes_are_part_of_the_outer_quote() -> None:
    text = "“He told me ‘never again’ and walked out,” the aide said."
    assert [text[s.start : s.end] for s in quote_spans(text)] == [
        "“He told me ‘never again’ and walked out,”"
    ]


def test_quotes_frame_columns_and_paragraphs(seeds_corpus) -> None:  # type: ignore[no-untyped-def]
    frame = quotes(seeds_corpus.articles)
    assert list(frame.columns) == list(S.QUOTE_SPAN_COLUMNS)
    assert len(frame) >= 20
    single = quotes(_frame("Intro line.\nHe said “yes” twice."))
    assert single[S.PARAGRAPH].tolist() == [1]


def test_a_title_abbreviation_does_not_end_a_sentence() -> None:
    """segtok splits after "Sen." and "Rep."; the name after a title is the same sentence,
    while a sentence that ends in a name still ends."""
    text = "“No,” Sen. John Smith said. It was Mr. Smith. “Fine,” said Rep. John Lewis. He left."
    found = [text[s:e] for s, e, _ in split_sentences(text)]
    assert found == [
        "“No,” Sen. John Smith said.",
        "It was Mr. Smith.",
        "“Fine,” said Rep. John Lewis.",
        "He left.",
    ]


def test_stopwords_are_lower_case_function_words() -> None:
    stop = stopwords()
    assert {"the", "and", "of", "which"} <= stop
    assert not {"ceasefire", "minister", "ukraine"} & stop
    assert all(word == word.lower() for word in stop)


def test_a_closing_mark_opening_its_paragraph_opens_a_quote() -> None:
    """'”Fear. I am truly afraid ...” ― Name': a ” that opens its paragraph is an opening
    mark (PolNeAR dev); inside a paragraph it still closes."""
    text = (
        "”Fear. I am truly afraid that he will win.” ― Edwin G. Monroy\n"
        "“Maybe, we can build a wall around him.” ― Steve Quinlan."
    )
    quoted = [text[s.start : s.end] for s in quote_spans(text)]
    assert quoted == [
        "”Fear. I am truly afraid that he will win.”",
        "“Maybe, we can build a wall around him.”",
    ]


def test_a_title_with_initials_does_not_end_a_sentence() -> None:
    """ "said Rep. G.K. Butterfield (D-N.C.)", "said Del. Stacey Plaskett" (PolNeAR dev): the
    name after a title and its initials belongs to the same sentence."""
    text = (
        "“This is a disgusting day,” said Rep. G.K. Butterfield (D-N.C.), head of the caucus. "
        '"It’s destroying this committee," said Del. Stacey Plaskett of the Virgin Islands.'
    )
    pieces = [text[start:end] for start, end, _ in split_sentences(text)]
    assert len(pieces) == 2
    assert pieces[0].endswith("head of the caucus.")
