"""A speaker's "he" / "she": the article's genders, the subject of the sentence before, and
chains of "he said" paragraphs (each text modelled on a PolNeAR dev article the quotes got
wrong before)."""

from __future__ import annotations

import pandas as pd

from analysis import schema as S
from analysis.speech import ArticleSpeech
from tests.speech_text import quotes_and_speech

#: "He says" after a sentence that names only a woman: the man named two sentences back.
GENDER = (
    "Hillary Clinton said she was ready for the second debate.\n\n"
    "Donald Trump is raising questions about his microphone problems during Monday's debate "
    "with Hillary Clinton.\n\n"
    "He notes that the commission announced earlier Friday that there was an issue with "
    "Trump's microphone. His audio was quieter at times than Clinton's inside the debate "
    "hall.\n\n"
    "He says, “Working that microphone was a hell of a lot more difficult than working "
    "Crooked Hillary Clinton.”"
)
#: The subject of the sentence before, not the first person it names.
SUBJECT = (
    "Retired Air Force Gen. Norman Ham is speaking out ahead of the presidential election.\n\n"
    "In an interview with the radio host Rusty Humphries, Ham made it clear he had major "
    "misgivings about the armed forces at the time of his retirement two years ago.\n\n"
    "“Now that I don't have to be politically correct anymore,” he told the host, “it was "
    "demoralizing to work for the administration.”"
)
#: A "she" whose sentence before names nobody: the person her "she" stands for.
CHAIN = (
    "Now the highest-ranking prosecutor in the country, Loretta Lynch rose to prominence "
    "despite obstacles. She occupies one of the key positions of power in Washington as the "
    "attorney general. Her appointment, and her actions since, send a strong signal.\n\n"
    "“This country was founded on the promise of equal rights for all, and we will get there "
    "together,” she said at a recent news conference announcing that her department was "
    "suing the state."
)


def _speech(text: str, *, gendered: bool = True) -> tuple[pd.DataFrame, ArticleSpeech]:
    """The quotes of one parsed article (empty registry) and its speech lookup."""
    return quotes_and_speech(text, gendered=gendered)


def _he(speech: ArticleSpeech, before: str) -> int:
    """The offset of the "he" / "she" right before ``before`` in the text."""
    at = speech.text.index(before)
    return max(speech.text.rfind(" he ", 0, at), speech.text.rfind(" she ", 0, at)) + 1


def test_genders_come_from_the_articles_pronouns_and_honorifics() -> None:
    """A "she" after a person named as a subject votes; one after a person named as an
    object does not ("the rise of Donald Trump, who had talked about the things she had come
    to believe": PolNeAR dev)."""
    text = (
        "Hillary Clinton said she was ready for the second debate.\n\n"
        "A big reason for this conviction was the rise of Donald Trump, who had talked about "
        "so many of the things she had come to believe.\n\n"
        "Mr. Rusty Humphries declined to comment."
    )
    _, speech = _speech(text)
    assert speech.pronouns.genders == {"Hillary Clinton": "f", "Rusty Humphries": "m"}


def test_he_skips_a_woman_for_the_man_named_before() -> None:
    quotes, speech = _speech(GENDER)
    offset = speech.text.index("He says")
    assert speech.resolve_pronoun(offset) == "Hillary Clinton"  # the rule without gender
    assert speech.pronoun_person(offset) == "Donald Trump"
    assert quotes.loc[quotes[S.DIRECT], S.SPEAKER].tolist() == ["Donald Trump"]


def test_he_is_the_subject_of_the_sentence_before() -> None:
    quotes, speech = _speech(SUBJECT)
    offset = _he(speech, "told the host")
    assert speech.resolve_pronoun(offset) == "Rusty Humphries"
    assert speech.pronoun_person(offset) == "Norman Ham"
    assert set(quotes.loc[quotes[S.DIRECT], S.SPEAKER]) == {"Norman Ham"}


def test_she_follows_the_she_of_the_sentence_before_to_its_person() -> None:
    quotes, speech = _speech(CHAIN)
    offset = _he(speech, "said at a recent")
    assert speech.resolve_pronoun(offset) is None
    assert speech.pronoun_person(offset) == "Loretta Lynch"
    row = quotes[quotes[S.DIRECT]].iloc[0]
    assert row[S.SPEAKER] == "Loretta Lynch" and row[S.SPEAKER_TEXT] == "she"


def test_without_gendered_the_speech_lookup_keeps_the_plain_rule() -> None:
    _, speech = _speech(SUBJECT, gendered=False)
    assert speech.pronoun_person(_he(speech, "told the host")) == "Rusty Humphries"
