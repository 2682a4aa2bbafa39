"""Pronoun targets (analysis.stance.pronouns): a "him" / "her" / "his" that stands for a
topic's person, on sentences of PolNeAR train articles (US election 2016 coverage; none of
the gold-dev-polnear articles) parsed as the analysis parses them."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from analysis import schema as S
from analysis.actors import find_mentions
from analysis.corpus import build_corpus
from analysis.ingest import read_text
from analysis.parse import parse
from analysis.speech import ArticleSpeech
from analysis.stance import parse_topics
from analysis.stance.cues import Sentence, read_sentence, topic_cues
from analysis.stance.pronouns import Genders, pronoun_targets
from analysis.text import sentences
from tests.conftest import SHARED
from tests.stance_text import rows_of, stance_of

#: The two candidates as topics, the way gold-dev-polnear's topics.toml names them.
CANDIDATES = parse_topics(
    '[[topic]]\nname = "Donald Trump"\ncues = ["Donald Trump", "Trump"]\n'
    '[[topic]]\nname = "Hillary Clinton"\ncues = ["Hillary Clinton", "Clinton"]\n'
)


def test_an_object_pronoun_is_the_person_the_clause_acts_on() -> None:
    """ "attacked her": the object is Clinton, named before in the sentence; "Trump" holds
    the position the model reads toward "her"."""
    stance = stance_of(
        "Clinton\u2019s most significant remarks, however, were on international trade, an "
        "issue on which Trump has relentlessly attacked her as an unreliable guardian of "
        "American workers\u2019 interests.",
        CANDIDATES,
    )
    assert ("Trump", "Hillary Clinton", "oppose") in rows_of(stance)


def test_an_object_pronoun_never_stands_for_its_own_clauses_subject() -> None:
    """ "Clinton accused him": "him" is not Clinton (that would be "himself") but the person
    named in the sentence before."""
    text = (
        "Donald Trump may be harder to ignore. After Hillary Clinton accused him of sexism, "
        "he warned that the woman's card would be fair game."
    )
    speech, sentence = _second_sentence(text)
    targets = pronoun_targets(speech, sentence, topic_cues(CANDIDATES))
    assert [(sentence.words[t.first], t.topic) for t in targets][:1] == [("him", "Donald Trump")]


def test_a_pronoun_passes_over_a_person_of_the_other_gender() -> None:
    """ "his" after "Clinton": the article's "she" for Clinton and "he" for Trump rule
    Clinton out, so "his" is Trump, named three sentences before (the last sentence is a
    train article's, the three before it written for the test)."""
    text = (
        "Donald Trump spoke in Iowa on Monday. He said he would win the state. Hillary "
        "Clinton spoke in Ohio, where she said the race was close. Clinton has slammed his "
        "proposal as too vague and politically unrealistic."
    )
    stance = stance_of(text, CANDIDATES)
    assert ("Hillary Clinton", "Donald Trump", "oppose") in rows_of(stance)


def _second_sentence(text: str) -> tuple[ArticleSpeech, Sentence]:
    corpus = build_corpus(read_text("article.txt", text), min_words=1, clean=False)
    found = sentences(corpus.articles)
    docs = parse(corpus.articles, found)
    mentions = find_mentions(corpus.articles, found, docs=docs)
    identifier = corpus.articles[S.ARTICLE_ID].iloc[0]
    speech = ArticleSpeech.build(
        corpus.articles[S.TEXT].iloc[0], found, mentions, None, docs[identifier]
    )
    return speech, read_sentence(speech, 1, topic_cues(CANDIDATES))


def test_a_possessive_of_the_holder_is_its_own_no_position() -> None:
    """ "Trump says his plan would ...": his own plan, no position of Trump toward Trump."""
    stance = stance_of(
        "Donald Trump spoke in Iowa on Monday. Trump says his plan would eliminate income "
        "taxes for more than half of American households.",
        CANDIDATES,
    )
    assert not any(actor == "Trump" for actor, _, _ in rows_of(stance))


def test_a_pronoun_in_a_quote_is_the_person_named_before_not_its_speaker() -> None:
    """ "He" opening Barkley's quote (a PolNeAR train article) is Trump, named in the
    paragraph before, not Barkley, the speaker (who would say "I"): Barkley holds the
    position the model reads toward "He"."""
    text = (
        "So it was no surprise Thursday, when Charles Barkley went off script to comment on "
        "presidential candidate Donald Trump and his supporters.\n\n"
        "\u201cHe started out by insulting Hispanics\u2026now to lump all the Muslims "
        "together, that\u2019s even more insulting,\u201d Barkley said."
    )
    stance = stance_of(text, CANDIDATES)
    quoted = stance[stance[S.EVIDENCE].str.contains("He started out", regex=False)]
    assert ("Charles Barkley", "Donald Trump", "oppose") in rows_of(quoted)


#: The PolNeAR train article with the most third-person pronouns (199).
MANY_PRONOUNS = (
    SHARED
    / "bench"
    / "polnear"
    / "train"
    / "text"
    / "breitbart_2016-02-20_the-latest-hillary-clinton-tells.txt"
)
_PRONOUN = re.compile(r"\b(?:he|him|his|himself|she|her|hers|herself)\b", re.IGNORECASE)


def _recounted(speech: ArticleSpeech, offset: int) -> dict[str, str]:
    """The genders before ``offset`` counted again from the text's start (the rule as
    :class:`Genders` states it, one pass per offset)."""
    votes: dict[str, Counter[str]] = {}
    for match in _PRONOUN.finditer(speech.text, 0, offset):
        if speech.inside_quote(*match.span()):
            continue
        lo = speech.bounds(max(speech.sentence_at(match.start()) - 1, 0))[0]
        named = {
            actor
            for at, actor, quoted in speech.persons(lo, match.start())
            if not quoted and not _PRONOUN.match(speech.text, at)
        }
        if len(named) == 1:
            gender = "m" if match.group().lower() in ("he", "him", "his", "himself") else "f"
            votes.setdefault(named.pop(), Counter())[gender] += 1
    return {p: max(c, key=c.__getitem__) for p, c in votes.items() if c["m"] != c["f"]}


def test_the_genders_before_every_pronoun_of_a_long_article_are_its_recount() -> None:
    """The running count of a long real article (199 pronouns) gives, before each of its
    pronouns and in the middle of words, what counting again from the start gives; and it
    tells both genders."""
    if not MANY_PRONOUNS.exists():
        pytest.skip("../shared/bench/polnear is not beside the project")
    corpus = build_corpus(read_text("article.txt", MANY_PRONOUNS.read_text()), clean=False)
    found = sentences(corpus.articles)
    docs = parse(corpus.articles, found)
    mentions = find_mentions(corpus.articles, found, docs=docs)
    text = corpus.articles[S.TEXT].iloc[0]
    speech = ArticleSpeech.build(
        text, found, mentions, None, docs[corpus.articles[S.ARTICLE_ID].iloc[0]]
    )
    genders = Genders(speech)
    starts = [match.start() for match in _PRONOUN.finditer(text)]
    inside_words = [match.start() + 2 for match in re.finditer(r"\b(?:hi|he)\w", text)]
    offsets = sorted({*starts, *inside_words, len(text)})
    assert len(starts) > 150
    for offset in offsets:
        assert genders.before(offset) == _recounted(speech, offset), offset
    assert set(genders.before(len(text)).values()) == {"m", "f"}
