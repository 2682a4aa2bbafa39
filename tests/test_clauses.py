"""A verb's subject and a passive verb's agent, read from the parse of real sentences."""

from __future__ import annotations

from spacy.tokens import Token

from analysis.clauses import agent, as_saying, subject_of
from analysis.parse import nlp


def _word(sentence: str, word: str) -> Token:
    return next(token for token in nlp()(sentence) if token.text == word)


def test_a_verbs_own_subject_and_the_subject_of_the_verb_it_hangs_on() -> None:
    said = _word("Zelensky said he would wait for Putin in Istanbul.", "said")
    assert subject_of(said).text == "Zelensky"
    saying = _word("Putin proposed direct talks on Sunday, saying Russia was ready.", "saying")
    assert subject_of(saying).text == "Putin"


def test_according_to_names_its_object() -> None:
    according = _word("According to Peskov, the talks will resume on Monday.", "According")
    assert subject_of(according).text == "Peskov"


def test_a_passive_verbs_agent_and_a_quoted_as_saying() -> None:
    described = _word("The plan was described by diplomats as a first step.", "described")
    assert agent(described).text == "diplomats"
    assert not as_saying(described)
    quoted = _word("Greer was quoted by the White House as saying the talks went well.", "quoted")
    assert as_saying(quoted)
