"""The body a speaker speaks for (analysis/behalf.py), on sentences of the seeds parsed as the
analysis parses them."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.tokens import Doc, Token

from analysis.behalf import appositions, body_of, definite, name_span, named_by
from analysis.corpus import Corpus
from analysis.parse import nlp
from tests.conftest import seed_text


def _sentence(corpus: Corpus, number: str, words: str) -> Doc:
    """The parse of the sentence of seed ``number`` that holds ``words``."""
    text = seed_text(corpus, number)
    start = text.index(words)
    lo = max(text.rfind(". ", 0, start) + 2, text.rfind("\n", 0, start) + 1)
    hi = text.find(". ", start)
    return nlp()(text[lo : hi + 1])


def _token(doc: Doc, word: str) -> Token:
    return next(t for t in doc if t.text == word)


def test_a_spokesperson_is_named_without_their_title_and_speaks_for_the_kremlin(
    seeds_corpus: Corpus,
) -> None:
    """ "with Kremlin spokesperson Dmitry Peskov stating": the name is "Dmitry Peskov"; with
    no mention of the Kremlin the seat of government names its country."""
    doc = _sentence(seeds_corpus, "002", "Kremlin spokesperson Dmitry Peskov")
    peskov = _token(doc, "Peskov")
    start, end = name_span(peskov)
    assert doc.text[start:end] == "Dmitry Peskov"
    assert body_of(peskov, speaker=(start, end), mentions=[], kinds={}) == "Russia"


def test_a_mentioned_body_beside_a_name_is_that_actor(
    seeds_corpus: Corpus,
) -> None:
    """A body mentioned in the words before a name is that actor ("UK Prime Minister Sir Keir
    Starmer": the United Kingdom, titles left out of the name)."""
    doc = _sentence(seeds_corpus, "002", "UK Prime Minister Sir Keir Starmer")
    starmer = _token(doc, "Starmer")
    uk = _token(doc, "UK")
    mentions = [("United Kingdom", "UK", uk.idx, uk.idx + 2)]
    kinds = {"United Kingdom": "country"}
    name = name_span(starmer)
    assert doc.text[slice(*name)].endswith("Keir Starmer")
    assert body_of(starmer, speaker=name, mentions=mentions, kinds=kinds) == "United Kingdom"


def test_appositions_follow_their_chain_and_a_role_speaks_for_its_possessor(
    corpus_dev: Path,
) -> None:
    """ "said the delegation's leader, Vice Premier He Lifeng": both appositions are found;
    the leader speaks for the delegation only as a common noun, so for no named body."""
    text = (corpus_dev / "024_capitaldailynews-com.txt").read_text(encoding="utf-8")
    start = text.index("said the delegation's leader")
    doc = nlp()(text[start : text.index(",", text.index("Lifeng", start)) + 1])
    leader = _token(doc, "leader")
    assert {t.text for t in appositions(leader)} >= {"Premier", "Lifeng"}
    own = (leader.idx, leader.idx + len(leader))
    assert body_of(leader, speaker=own, mentions=[], kinds={}) == ""


@pytest.mark.parametrize(
    ("nouns", "expected"),
    [
        (["ministry"], "Chinese Ministry of Commerce"),
        (["spokesman"], ""),  # a title word stands for no body
        (["committee"], ""),  # no body named before has that word
    ],
)
def test_a_common_noun_stands_for_the_body_named_before_with_that_word(
    nouns: list[str], expected: str
) -> None:
    mentions = [
        ("Chinese Ministry of Commerce", "China's Ministry of Commerce", 10, 38),
        ("Scott Bessent", "Scott Bessent", 50, 63),
        ("Ministry of Defence", "Ministry of Defence", 400, 419),  # after: not before
    ]
    kinds = {
        "Chinese Ministry of Commerce": "organisation",
        "Scott Bessent": "person",
        "Ministry of Defence": "organisation",
    }
    assert named_by(nouns, 200, mentions=mentions, kinds=kinds) == expected


def test_the_noun_and_a_noun_with_a_possessive() -> None:
    doc = nlp()("The foreign ministry said it. Trump's lawyer said it.")
    assert definite(_token(doc, "ministry"))
    assert not definite(_token(doc, "lawyer"))
