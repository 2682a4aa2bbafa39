"""analysis.speech: who speaks next to an attribution verb, on the sentences of the seeds, with
the parse and with the rules alone."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import pytest
from spacy.tokens import Doc

from analysis import schema as S
from analysis.actors import find_mentions
from analysis.corpus import Corpus
from analysis.parse import parse
from analysis.speech import SOURCE, ArticleSpeech, Speaker, first_person, token_span
from analysis.text import Span
from tests.conftest import seed_id

#: The speech of a seed ("000", "001", "002"), with its parse (True) or without (False).
Speech = Callable[[str, bool], ArticleSpeech]


@pytest.fixture(scope="module")
def seed_speech(seeds_corpus: Corpus, seeds_sentences: pd.DataFrame) -> Speech:
    articles = seeds_corpus.articles
    docs: dict[str, Doc] = parse(articles, seeds_sentences)
    mentions = find_mentions(articles, seeds_sentences, docs=docs)
    texts = articles.set_index(S.ARTICLE_ID)[S.TEXT]

    def speech(number: str, parsed: bool) -> ArticleSpeech:
        identifier = seed_id(seeds_corpus, number)
        return ArticleSpeech.build(
            str(texts[identifier]),
            seeds_sentences[seeds_sentences[S.ARTICLE_ID] == identifier],
            mentions[mentions[S.ARTICLE_ID] == identifier],
            doc=docs[identifier] if parsed else None,
        )

    return speech


def _at(speech: ArticleSpeech, phrase: str, word: str) -> Span:
    """Where ``word`` stands in the first ``phrase`` of the article."""
    start = speech.text.index(phrase) + phrase.index(word)
    return Span(start, start + len(word))


def _speaker(speech: ArticleSpeech, phrase: str, verb: str) -> tuple[str, str, str] | None:
    """The speaker of ``verb`` in ``phrase``, looked for within its sentence."""
    at = _at(speech, phrase, verb)
    found = speech.speaker_for(at, Span(*speech.bounds(speech.sentence_at(at.start))))
    return None if found is None else (found.name, found.surface, found.how)


@pytest.mark.parametrize("parsed", [True, False], ids=["parse", "rules"])
@pytest.mark.parametrize(
    ("seed", "phrase", "verb", "speaker"),
    [
        ("001", "Zelenskiy wrote on X", "wrote", ("Zelensky", "Zelenskiy", "actor")),
        ("001", "Andriy Yermak, added", "added", ("Yermak", "Andriy Yermak", "actor")),
        (
            "000",
            "Volodymyr Zelenskyy on Friday urged",
            "urged",
            ("Zelensky", "Volodymyr Zelenskyy", "actor"),
        ),
        ("000", "he asked the European powers", "asked", ("Zelensky", "he", "pronoun")),
        ("002", "He stated that any pause", "stated", ("Putin", "He", "pronoun")),
        ("002", "Dmitry Peskov stating", "stating", ("Peskov", "Dmitry Peskov", "actor")),
        ("001", "Trump wrote on Truth Social", "wrote", ("Trump", "Trump", "actor")),
    ],
)
def test_the_speaker_of_a_verb_is_the_actor_or_person_beside_it(
    seed_speech: Speech,
    seed: str,
    phrase: str,
    verb: str,
    speaker: tuple[str, str, str],
    parsed: bool,
) -> None:
    assert _speaker(seed_speech(seed, parsed), phrase, verb) == speaker


def test_the_parse_finds_an_unnamed_source_the_rules_do_not(seed_speech: Speech) -> None:
    phrase = "European and Ukrainian officials demanding"
    parsed = _speaker(seed_speech("001", True), phrase, "demanding")
    assert parsed == ("European and Ukrainian officials",) * 2 + (SOURCE,)
    assert _speaker(seed_speech("001", False), phrase, "demanding") is None


@pytest.mark.parametrize("parsed", [True, False], ids=["parse", "rules"])
def test_a_plural_pronoun_is_no_speaker(seed_speech: Speech, parsed: bool) -> None:
    assert _speaker(seed_speech("000", parsed), "They claimed Russia", "claimed") is None


def test_quotations_are_found_and_kept_apart(seed_speech: Speech) -> None:
    speech = seed_speech("001", False)
    inside = _at(speech, "I will be waiting for Putin", "waiting")
    outside = _at(speech, "Zelenskiy wrote on X", "wrote")
    assert speech.inside_quote(*inside) and not speech.inside_quote(*outside)
    [quote] = speech.quotes_between(inside.start, outside.start)
    assert quote.start < inside.start < quote.end <= outside.start
    outside_names = {c.name for c in speech.candidates(quote.start, outside.end)}
    every_name = {c.name for c in speech.candidates(quote.start, outside.end, quoted=True)}
    assert "Zelensky" in outside_names and "Putin" not in outside_names
    assert "Putin" in every_name


def test_a_paragraph_of_quotation_alone_is_told_from_one_with_its_speaker(
    seed_speech: Speech,
) -> None:
    speech = seed_speech("001", False)
    assert speech.quote_only_paragraph(speech.text.index("At least they will be able"))
    assert not speech.quote_only_paragraph(speech.text.index("Trump wrote on Truth Social"))


@pytest.mark.parametrize(
    ("seed", "phrase", "person"),
    [
        ("000", "He also called on the Ukrainian", "Zelensky"),
        ("002", "He stated that any pause", "Putin"),
        ("001", "he declared following", "Trump"),
    ],
)
def test_he_and_she_stand_for_the_person_named_before(
    seed_speech: Speech, seed: str, phrase: str, person: str
) -> None:
    speech = seed_speech(seed, True)
    assert speech.resolve_pronoun(speech.text.index(phrase)) == person


def test_every_offset_finds_its_sentence(seed_speech: Speech) -> None:
    speech = seed_speech("002", False)
    assert len(speech.sentences) > 10
    for row in range(len(speech.sentences)):
        start, end = speech.bounds(row)
        assert start < end
        assert speech.sentence_at(start) == speech.sentence_at(end - 1) == row
        assert speech.sentence_id(start) == speech.sent_ids[row]


def test_the_parse_tells_a_verb_from_a_noun_of_the_same_spelling(seed_speech: Speech) -> None:
    phrase = "Ukraine expects European states to"
    parsed, rules = seed_speech("000", True), seed_speech("000", False)
    assert not parsed.is_verb(_at(parsed, phrase, "states").start)
    assert parsed.is_verb(_at(parsed, "Zelenskyy stressed", "stressed").start)
    assert rules.is_verb(_at(rules, phrase, "states").start)  # without a parse: taken as one


def test_the_words_between_a_quotation_and_its_verb_are_the_verbs_subject(
    seed_speech: Speech,
) -> None:
    phrase = 'against Europe," the Ukrainian president added'
    speech = seed_speech("000", True)
    verb = _at(speech, phrase, "added")
    after_quote = _at(speech, phrase, '"').end
    assert speech.subject_fills(after_quote, verb.start)  # "the Ukrainian president"
    assert not speech.subject_fills(after_quote - 10, verb.start)  # words of the quotation too
    daily = seed_speech("001", True)
    yermak = _at(daily, "Andriy Yermak, added", "added")
    assert daily.subject_fills(daily.text.index("Andriy Yermak, added"), yermak.start)
    assert not daily.subject_fills(daily.text.index("his chief of staff"), yermak.start)
    assert not seed_speech("000", False).subject_fills(after_quote, verb.start)  # no parse


def test_a_parsed_token_keeps_its_place_in_the_text(seed_speech: Speech) -> None:
    speech = seed_speech("001", True)
    verb = _at(speech, "Zelenskiy wrote on X", "wrote")
    tokens = speech.parsed(*verb)
    assert tokens is not None and token_span(tokens[0]) == verb
    found = speech.parsed_speaker(verb, Span(*speech.bounds(speech.sentence_at(verb.start))))
    assert found == Speaker(
        "Zelensky", "Zelenskiy", *_at(speech, "Zelenskiy wrote", "Zelenskiy"), "actor"
    )


@pytest.mark.parametrize(
    ("word", "speaking_of_themselves"),
    [("I", True), ("we’re", True), ("I'm", True), ("We", True), ("they", False), ("he", False)],
)
def test_first_person_words(word: str, speaking_of_themselves: bool) -> None:
    assert first_person(word) is speaking_of_themselves
