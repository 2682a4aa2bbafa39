"""Spelling variants: the built-in table, counting rules, house styles, discovery."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

import pandas as pd
import pandas.testing as pdt
import pytest

from analysis import schema as S
from analysis.aggregate import house_styles, mixed_spellings, spelling_summary
from analysis.corpus import Corpus
from analysis.lexicon import GroupError, PhraseGroup, parse_groups
from analysis.spelling import (
    FORMAT,
    Names,
    default_groups,
    discover_variants,
    find_spellings,
    groups_with_candidates,
    variant_hits,
    variants_from_names,
)
from analysis.text import headline_end
from tests.conftest import seed_id


def _articles(*texts: str, outlet: str = "Test") -> pd.DataFrame:
    return pd.DataFrame(
        {
            S.ARTICLE_ID: [f"a{i}" for i in range(len(texts))],
            S.OUTLET: [outlet] * len(texts),
            S.TITLE: [""] * len(texts),
            S.TEXT: list(texts),
        }
    )


@pytest.fixture(scope="module")
def seeds_spellings(seeds_corpus: Corpus) -> pd.DataFrame:
    return find_spellings(seeds_corpus.articles)


def test_each_seed_outlet_has_its_own_zelensky_house_style(
    seeds_corpus: Corpus, seeds_spellings: pd.DataFrame
) -> None:
    styles = house_styles(seeds_spellings, seeds_corpus.articles)
    zelensky = styles[styles[S.GROUP] == "Zelensky"].set_index(S.OUTLET)["style"]
    outlets = seeds_corpus.articles.set_index(S.ARTICLE_ID)[S.OUTLET]
    assert zelensky[outlets[seed_id(seeds_corpus, "000")]] == "Zelenskyy"
    assert zelensky[outlets[seed_id(seeds_corpus, "001")]] == "Zelenskiy"
    assert zelensky[outlets[seed_id(seeds_corpus, "002")]] == "Zelensky"


def test_turkiye_and_turkey_are_mixed_inside_two_seeds(
    seeds_corpus: Corpus, seeds_spellings: pd.DataFrame
) -> None:
    mixed = mixed_spellings(seeds_spellings, seeds_corpus.articles)
    turkey = mixed[mixed[S.GROUP] == "Türkiye"]
    assert set(turkey[S.ARTICLE_ID]) == {seed_id(seeds_corpus, "001"), seed_id(seeds_corpus, "002")}
    assert all("Turkey" in v and "Türkiye" in v for v in turkey[S.VARIANTS])
    styles = house_styles(seeds_spellings, seeds_corpus.articles)
    assert styles[styles[S.GROUP] == "Türkiye"]["mixed_articles"].sum() == 2


def test_headline_uses_are_counted_apart(
    seeds_corpus: Corpus, seeds_spellings: pd.DataFrame
) -> None:
    row = seeds_spellings[
        (seeds_spellings[S.ARTICLE_ID] == seed_id(seeds_corpus, "001"))
        & (seeds_spellings[S.VARIANT] == "Zelenskiy")
    ].iloc[0]
    assert row[S.HEADLINE] == 1  # "Zelenskiy Challenges Putin to Meet in Turkey ..."
    text = seeds_corpus.articles.set_index(S.ARTICLE_ID).loc[seed_id(seeds_corpus, "001"), S.TEXT]
    assert text.startswith("Zelenskiy Challenges Putin")  # the headline is the first paragraph
    assert row[S.COUNT] == text.count("Zelenskiy") - 1  # and counted apart from the body


def test_counting_rules() -> None:
    text = "Zelenskyy, ZELENSKY and Zelensky's aides; Kyiv-based, Kievan, Kiev. Turkey's TÜRKIYE"
    hits = variant_hits(_articles(text))
    counts = Counter(hits[S.VARIANT])
    assert counts == Counter(
        {"Zelenskyy": 1, "Zelensky": 2, "Kyiv": 1, "Kiev": 1, "Turkey": 1, "Türkiye": 1}
    )
    assert all(
        text[s:e] == surface
        for s, e, surface in zip(hits[S.START], hits[S.END], hits[S.SURFACE], strict=True)
    )


def test_summary_dates_and_shares(seeds_corpus: Corpus, seeds_spellings: pd.DataFrame) -> None:
    summary = spelling_summary(seeds_spellings, seeds_corpus.articles)
    assert tuple(summary.columns)[:3] == (S.OUTLET, S.GROUP, S.VARIANT)
    shares = summary.groupby([S.OUTLET, S.GROUP])["share"].sum()
    assert shares.round(9).eq(1).all()
    assert (summary["first"] <= summary["last"]).all()
    assert summary["house_style"].groupby([summary[S.OUTLET], summary[S.GROUP]]).sum().eq(1).all()


def body_words(articles: pd.DataFrame) -> Iterator[tuple[str, Counter[str]]]:
    """Each article's id and the words of its body (the headline is counted apart), case
    folded, found by splitting the text into words independently of the analysers."""
    for identifier, text, title in zip(
        articles[S.ARTICLE_ID], articles[S.TEXT], articles[S.TITLE], strict=True
    ):
        body = text[headline_end(text, title) :]
        yield identifier, Counter(w.casefold() for w in re.findall(r"[^\W\d_]+", body))


def test_counts_match_independent_whole_word_counts(corpus_dev_corpus: Corpus) -> None:
    """Every single-word variant, counted by splitting the text into words independently."""
    articles = corpus_dev_corpus.articles
    spellings = find_spellings(articles)
    words = [v for g in default_groups() for v in g.phrases if v.isalpha()]
    expected = {}
    for identifier, tokens in body_words(articles):
        for word in words:
            if tokens[word.casefold()]:
                expected[(identifier, word)] = tokens[word.casefold()]
    found = {
        (a, v): n
        for a, v, n in zip(
            spellings[S.ARTICLE_ID], spellings[S.VARIANT], spellings[S.COUNT], strict=True
        )
        if n and v.isalpha()
    }
    assert found == expected
    assert sum(expected.values()) > 100
    assert {"Zelensky", "Zelenskiy", "Zelenskyy", "Kyiv", "Kiev", "Erdogan", "Erdoğan"} <= {
        v for _, v in found
    }


def test_names_of_parts_add_up_to_the_names_of_the_whole(corpus_dev_corpus: Corpus) -> None:
    articles = corpus_dev_corpus.articles
    added = Names()
    for start in range(0, len(articles), 7):
        added.add(Names.of(articles.iloc[start : start + 7]))
    whole = Names.of(articles)
    assert vars(added) == vars(whole)
    assert list(added.count) == list(whole.count)
    assert all(list(added.context[w]) == list(whole.context[w]) for w in whole.context)
    pdt.assert_frame_equal(variants_from_names(added), discover_variants(articles))


def test_discovery_finds_new_spellings_with_evidence(corpus_dev_corpus: Corpus) -> None:
    candidates = discover_variants(corpus_dev_corpus.articles)
    assert tuple(candidates.columns) == S.CANDIDATE_COLUMNS
    umerov = candidates[candidates[S.GROUP] == "Umerov"].iloc[0]  # a known group gains spellings
    assert "Umérov" in umerov[S.NEW] and "diacritics" in umerov[S.DIFFERENCE]
    assert "Dolmabahçe" in set(" ".join(candidates[S.VARIANTS]).split("; "))
    for row in candidates.itertuples(index=False):
        forms = row.variants.split("; ")
        assert all(f"{form}:" in row.examples for form in forms)
        assert 0 <= row.similarity <= 1
    assert not any("Zelensk" in v for v in candidates[S.NEW])  # all already in the table


def test_discovery_links_one_letter_only_in_similar_contexts() -> None:
    similar = _articles(
        "Foreign minister Andrii Sybiha said the talks in Istanbul were useful.",
        "Foreign minister Andrii Sybiga said the talks in Istanbul were useful.",
    )
    found = discover_variants(similar, groups=())
    assert "Sybiha; Sybiga" in set(found[S.VARIANTS]) or "Sybiga; Sybiha" in set(found[S.VARIANTS])
    unrelated = _articles(
        "Austria and Australia; Iran and Iraq; Sweden and Swedes; Russia and Prussia."
    )
    assert discover_variants(unrelated, groups=()).empty


def test_discovery_links_initials_written_with_and_without_dots() -> None:
    """Issue 44: "JD Vance" and "J. D. Vance" were never proposed as one name."""
    found = discover_variants(
        _articles(
            "Vice President JD Vance met the delegation on Monday.",
            "Vice President J. D. Vance met the delegation on Monday.",
            "Vice President J.D. Vance met the delegation, and the U.S. Senate voted.",
            "The US Senate voted on Tuesday.",
        ),
        groups=(),
    )
    vance = found[found[S.VARIANTS].str.contains("Vance")]
    assert len(vance) == 1
    assert set(vance[S.VARIANTS].iloc[0].split("; ")) == {"JD Vance", "J. D. Vance", "J.D. Vance"}
    assert vance[S.DIFFERENCE].iloc[0] == "initials"
    assert vance[S.SIMILARITY].iloc[0] > 0
    assert not found[S.VARIANTS].str.contains("Senate").any()  # no person's name


def test_discovery_links_a_word_written_with_and_without_a_hyphen() -> None:
    """Issue 44: "cease-fire" and "ceasefire" were never proposed as one spelling."""
    found = discover_variants(
        _articles(
            "Both sides said the cease-fire would hold through the night.",
            "Both sides said the ceasefire would hold through the night.",
        ),
        groups=(),
    )
    row = found[found[S.VARIANTS].str.contains("cease")].iloc[0]
    assert set(row[S.VARIANTS].split("; ")) == {"cease-fire", "ceasefire"}
    assert row[S.DIFFERENCE] == "hyphen"
    assert all(f"{form}:" in row[S.EXAMPLES] for form in ("cease-fire", "ceasefire"))
    assert row[S.OUTLETS] == "cease-fire: Test | ceasefire: Test"


def test_accepted_candidates_join_the_groups() -> None:
    candidates = pd.DataFrame(
        [
            {S.GROUP: "Umerov", S.VARIANTS: "Umerov; Umérov", S.DIFFERENCE: "diacritics"},
            {S.GROUP: "Rustem", S.VARIANTS: "Rustem; Rustam", S.DIFFERENCE: "one letter"},
        ]
    )
    groups = {g.name: g for g in groups_with_candidates(default_groups(), candidates)}
    assert "Umérov" in groups["Umerov"].phrases
    assert groups["Rustem"] == PhraseGroup(
        "Rustem", ("Rustem", "Rustam"), "other", "Found in the corpus (one letter).", "discovered"
    )


def test_the_built_in_table_and_its_errors() -> None:
    groups = default_groups()
    names = {g.name for g in groups}
    assert {
        "Zelensky",
        "Kyiv",
        "Kharkiv",
        "Odesa",
        "Lviv",
        "Luhansk",
        "Türkiye",
        "Erdoğan",
        "Öcalan",
        "Medinsky",
    } <= names
    assert all(g.note for g in groups)
    with pytest.raises(GroupError, match="at least 2"):
        parse_groups('[[group]]\nname = "x"\nkind = "place"\nvariants = ["x"]\n', FORMAT)
    with pytest.raises(GroupError, match="kind must be"):
        parse_groups('[[group]]\nname = "x"\nkind = "city"\nvariants = ["x", "y"]\n', FORMAT)
