"""Stance: topics, the rules on the seeds, and accuracy on the hand-labelled fixture."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis import schema as S
from analysis.corpus import Corpus
from analysis.pipeline import Settings, analyse
from analysis.quotes import find_quotes
from analysis.stance import (
    EVALUATED_POSITIVE,
    TopicError,
    add_topic,
    default_topics,
    find_stance,
    parse_topics,
    proposed_topics,
    topics_frame,
    topics_from_frame,
    topics_to_toml,
)
from analysis.tables import Analysis
from bench.stance_gold import GOLD, predictions, report
from tests.conftest import seed_id


def _stance_of(text: str, topics: tuple | None = None) -> pd.DataFrame:
    """The stance table of one article made of ``text``, parsed as the analysis parses it
    (the default topics unless given)."""
    from analysis.actors import find_mentions
    from analysis.corpus import build_corpus
    from analysis.ingest import read_text
    from analysis.parse import parse
    from analysis.text import sentences

    corpus = build_corpus(read_text("article.txt", text), min_words=1, clean=False)
    found = sentences(corpus.articles)
    docs = parse(corpus.articles, found)
    mentions = find_mentions(corpus.articles, found, docs=docs)
    quotes = find_quotes(corpus.articles, found, mentions, docs=docs)
    return find_stance(
        corpus.articles, found, mentions, quotes, topics=topics or default_topics(), docs=docs
    )


def _rows(stance: pd.DataFrame) -> set[tuple[str, str, str]]:
    return set(zip(stance[S.ACTOR], stance[S.TOPIC], stance[S.STANCE], strict=True))


@pytest.fixture(scope="module")
def seeds_stance(
    seeds_corpus: Corpus, seeds_sentences: pd.DataFrame, seeds_mentions: pd.DataFrame
) -> pd.DataFrame:
    quotes = find_quotes(seeds_corpus.articles, seeds_sentences, seeds_mentions)
    return find_stance(seeds_corpus.articles, seeds_sentences, seeds_mentions, quotes)


def _stances(stance: pd.DataFrame, article: str, actor: str, topic: str) -> set[str]:
    rows = stance[
        (stance[S.ARTICLE_ID] == article) & (stance[S.ACTOR] == actor) & (stance[S.TOPIC] == topic)
    ]
    return set(rows[S.STANCE])


def test_columns_and_evidence(seeds_corpus: Corpus, seeds_stance: pd.DataFrame) -> None:
    assert tuple(seeds_stance.columns) == S.STANCE_COLUMNS
    texts = seeds_corpus.articles.set_index(S.ARTICLE_ID)[S.TEXT]
    for row in seeds_stance.itertuples():
        assert texts[row.article_id][row.start : row.end] == row.cue or row.cue in row.evidence
        assert row.evidence in texts[row.article_id]
    assert set(seeds_stance[S.STANCE]) <= {"support", "oppose", "conditional", "neutral"}


def test_done_means_on_the_seeds(seeds_corpus: Corpus, seeds_stance: pd.DataFrame) -> None:
    s000, s001, s002 = (seed_id(seeds_corpus, n) for n in ("000", "001", "002"))
    zelensky = _stances(seeds_stance, s000, "Zelensky", "direct talks")
    assert "support" in zelensky and "oppose" not in zelensky
    not_accepting = _stances(seeds_stance, s001, "Putin", "ceasefire") | _stances(
        seeds_stance, s002, "Putin", "ceasefire"
    )
    assert not_accepting & {"oppose", "conditional"} and "support" not in not_accepting
    assert "support" in _stances(seeds_stance, s001, "Putin", "direct talks")
    assert "support" in _stances(seeds_stance, s002, "Putin", "direct talks")


def test_hedged_refusal_and_condition_keep_their_words(
    seeds_corpus: Corpus, seeds_stance: pd.DataFrame
) -> None:
    s002 = seeds_stance[seeds_stance[S.ARTICLE_ID] == seed_id(seeds_corpus, "002")]
    hedged = s002[(s002[S.ACTOR] == "Putin") & (s002[S.TOPIC] == "ceasefire")].iloc[0]
    assert (hedged[S.STANCE], hedged[S.MODIFIER]) == ("conditional", "not explicitly")
    provided = s002[(s002[S.ACTOR] == "Zelensky") & (s002[S.TOPIC] == "direct talks")]
    assert "conditional" in set(provided[S.STANCE])
    assert (s002[S.ACTOR] == "Russia").sum() == 0 or "Russia agrees" not in " ".join(
        s002[s002[S.ACTOR] == "Russia"][S.CUE]
    )


def test_the_one_urged_takes_no_position(seeds_corpus: Corpus, seeds_stance: pd.DataFrame) -> None:
    s000 = seeds_stance[seeds_stance[S.ARTICLE_ID] == seed_id(seeds_corpus, "000")]
    first = s000[s000[S.SENT_ID] == 0]
    assert list(first[S.ACTOR]) == ["Zelensky"]


def test_topics_round_trip_and_errors() -> None:
    topics = default_topics()
    assert [t.name for t in topics][:2] == ["direct talks", "ceasefire"]
    assert parse_topics(topics_to_toml(topics)) == topics
    assert topics_from_frame(topics_frame(topics)) == topics
    with pytest.raises(TopicError, match="no cue words"):
        parse_topics('[[topic]]\nname = "tariffs"\ncues = []\n')
    with pytest.raises(TopicError, match="listed twice"):
        parse_topics('[[topic]]\nname = "a"\ncues = ["x"]\n[[topic]]\nname = "a"\ncues = ["y"]\n')
    with pytest.raises(TopicError, match="not valid TOML"):
        parse_topics("[[topic")


def test_user_topic_finds_stances(
    seeds_corpus: Corpus, seeds_sentences: pd.DataFrame, seeds_mentions: pd.DataFrame
) -> None:
    topics = parse_topics('[[topic]]\nname = "visas"\ncues = ["visa*", "airspace"]\n')
    quotes = find_quotes(seeds_corpus.articles, seeds_sentences, seeds_mentions)
    stance = find_stance(
        seeds_corpus.articles, seeds_sentences, seeds_mentions, quotes, topics=topics
    )
    assert set(stance[S.TOPIC]) == {"visas"}
    # "Zelenskyy stressed that Ukraine expects European states to 'cancel visas ...'"
    assert _stances(stance, seed_id(seeds_corpus, "000"), "Ukraine", "visas") == {"support"}


def test_accuracy_on_the_hand_labelled_fixture(corpus_dev: object) -> None:
    gold = pd.read_csv(GOLD)
    assert len(gold) >= 60
    assert set(gold["label"]) == {"support", "oppose", "conditional", "neutral", "none"}
    accuracy, matrix = report(predictions(gold))
    assert accuracy >= 0.7
    assert matrix.loc["none", "support"] == 0  # no position invented for the one urged
    # One known confusion, measured since the fixture is scored with the parse as the
    # analysis is: "Ukrainian officials demand a full Russian withdrawal from occupied
    # territories" reads as support of the topic's words; the label is Ukraine's opposition
    # to conceding territory (who concedes is not in the topic's cues).
    assert matrix.loc["support", "oppose"] == 0 and matrix.loc["oppose", "support"] <= 1


def test_a_hedged_support_cue_without_a_negation_is_conditional() -> None:
    """Regression (issue 18): a hedge before a support cue with no negation before it made
    ``_label`` call min() with one number; 4 of 50 real articles crashed on it."""
    stance = _stance_of(
        "Putin formally accepted direct talks with Ukraine on Friday, officials said in Moscow."
    )
    row = stance[(stance[S.ACTOR] == "Putin") & (stance[S.TOPIC] == "direct talks")].iloc[0]
    assert (row[S.STANCE], row[S.MODIFIER]) == ("conditional", "formally")


def test_the_objects_of_stance_predicates_come_from_the_parse(seeds_analysis: Analysis) -> None:
    objects = seeds_analysis.stance_objects
    assert tuple(objects.columns) == S.STANCE_OBJECT_COLUMNS
    pairs = set(zip(objects[S.CUE].str.lower(), objects[S.TERM], strict=True))
    assert ("proposed", "ceasefire") in pairs and ("rejected", "draft framework") in pairs
    articles = seeds_analysis.articles
    text = dict(zip(articles[S.ARTICLE_ID], articles[S.TEXT], strict=True))
    for row in objects.itertuples(index=False):  # the offsets point at the object's head
        assert (
            text[row.article_id][row.start : row.end].lower().startswith(row.term.split()[-1][:4])
        )


def test_topics_the_corpus_argues_about_are_proposed_and_added(corpus_dev_corpus: Corpus) -> None:
    """With only the built-in topics, the trade story's tariffs are proposed; accepted, the
    topic has statements."""
    tables = analyse(corpus_dev_corpus)
    proposed = proposed_topics(tables.stance_objects, topics=default_topics())
    assert "tariff" in set(proposed[S.TERM])
    assert not {"talk", "ceasefire", "negotiation"} & set(proposed[S.TERM])  # already topics
    assert (proposed[S.ARTICLES] >= 2).all()
    tariff = proposed[proposed[S.TERM] == "tariff"].iloc[0]
    topics = add_topic(default_topics(), "tariff", tariff["suggested"])
    stance = analyse(corpus_dev_corpus, Settings(topics=topics)).stance
    assert (stance[S.TOPIC] == "tariff").sum() >= 3
    assert add_topic(topics, "tariff", "x") == topics


def _stances_in(tables: dict, sentence: str) -> set[tuple[str, str, str]]:
    stance = tables.stance
    rows = stance[stance[S.EVIDENCE].str.contains(sentence, regex=False)]
    return set(zip(rows[S.ACTOR], rows[S.TOPIC], rows[S.STANCE], strict=True))


def test_what_a_speaker_reports_of_their_own_side_is_their_position(
    corpus_dev_analysis: Analysis,
) -> None:
    """An intention in the clause a speech verb governs, with the speaker's side as its
    subject, is the speaker's position (and that of the country the subject names); a cue
    whose subject is the speaker's side, reported with "according to", too."""
    reported = _stances_in(corpus_dev_analysis, "Medinsky said that the Russian delegation will")
    assert {("Medinsky", "direct talks", "support"), ("Russia", "direct talks", "support")} <= (
        reported
    )
    according = _stances_in(corpus_dev_analysis, "According to Medinsky, the Russian side is ready")
    assert ("Medinsky", "direct talks", "support") in according
    assert ("Russia", "direct talks", "support") in according


def test_a_negated_intention_opposes_only_a_topic_its_clause_names(
    corpus_dev_analysis: Analysis,
) -> None:
    """A negated intention ("would not go to Istanbul") is no opposition to the ceasefire
    named in the clause coordinated with it."""
    found = _stances_in(corpus_dev_analysis, "would also not now go to Istanbul")
    assert ("Zelensky", "ceasefire", "oppose") not in found


def test_the_subject_of_a_passive_cue_holds_no_position(corpus_dev_analysis: Analysis) -> None:
    """The invitation in "Trump had been invited to the meeting" is not Trump's position."""
    found = _stances_in(corpus_dev_analysis, "Donald Trump had been invited to the meeting")
    assert not {row for row in found if row[0] == "Trump"}


def test_coordinated_holders_and_an_action_named_after_its_topic() -> None:
    """Sentences of corpus-dev's trade story with its topic given by the user: both
    countries agreeing to slash tariffs oppose them, and so does announcing a "tariff
    pause" (the topic right before the reducing noun)."""
    stance = _stance_of(
        "The United States and China have agreed a deal to temporarily slash reciprocal "
        "tariffs as the world's two biggest economies seek to end a damaging trade war.\n\n"
        "Treasury Secretary Scott Bessent announced a 90-day tariff pause with China "
        "following Geneva talks.",
        parse_topics('[[topic]]\nname = "tariffs"\ncues = ["tariff*"]\n'),
    )
    rows = _rows(stance)
    assert {
        ("United States", "tariffs", "oppose"),
        ("China", "tariffs", "oppose"),
        ("Bessent", "tariffs", "oppose"),
    } <= rows


def test_a_speaker_without_a_cue_holds_the_position_the_sentence_reads(
    corpus_dev_analysis: Analysis,
) -> None:
    """Praise of the talks with no stance cue ("the China-US high-level meeting ... were
    in-depth, candid and constructive") is support, read by the sentiment classifier toward
    the topic's words; the modifier says so."""
    stance = corpus_dev_analysis.stance
    row = stance[
        stance[S.EVIDENCE].str.contains("were in-depth, candid and constructive", regex=False)
        & (stance[S.ACTOR] == "He Lifeng")
    ].iloc[0]
    assert (row[S.STANCE], row[S.MODIFIER]) == ("support", EVALUATED_POSITIVE)
    assert set(stance[S.MODIFIER]) >= {EVALUATED_POSITIVE}
    described = stance[  # a relative clause speaks about the noun it describes
        stance[S.EVIDENCE].str.contains("which Bessent characterized as respectful", regex=False)
        & (stance[S.ACTOR] == "Bessent")
    ]
    assert described[S.STANCE].tolist() == ["support"]


def test_whose_position_a_cue_states_follows_the_parse() -> None:
    """A speaker who says "both sides agreed" speaks for the side their description names
    ("who headed Moscow's delegation": Russia); a cue noun with a possessor or an "of"
    object is theirs ("Putin's offer", "the backing of Trump"), and a finite verb the parse
    gives no subject is not given the main clause's ("..., demanded that"); "world
    leaders' demands" are no support of Putin's; "waiting for Russia to announce" asks
    something of Russia and states no position of its."""
    rows = _rows(
        _stance_of(
            "Russian presidential aide Vladimir Medinsky, who headed Moscow's delegation in "
            "talks with Ukraine, said both sides agreed to provide each other with detailed "
            "ceasefire proposals.\n\n"
            "Putin did not respond to world leaders' demands for a ceasefire on Sunday.\n\n"
            "Zelensky said he is waiting for Russia to announce who will represent it at the "
            "talks in Istanbul.\n\n"
            "Putin's offer for direct talks comes after Ukraine's President Volodymyr Zelenskyy "
            "and European leaders, with the backing of US President Donald Trump, demanded "
            "that Russia agree to an unconditional 30-day ceasefire."
        )
    )
    assert {
        ("Trump", "ceasefire", "support"),
        ("Zelensky", "ceasefire", "support"),
        ("Europe", "ceasefire", "support"),
        ("Putin", "direct talks", "support"),
    } <= rows
    assert {("Medinsky", "ceasefire", "support"), ("Russia", "ceasefire", "support")} <= rows
    assert not {row for row in rows if row[0] == "Ukraine"}
    assert ("Putin", "ceasefire", "support") not in rows  # not responding: neutral at most
    assert ("Russia", "direct talks", "support") not in rows


def test_reporters_coordinated_in_the_parse_speak_for_the_sides_their_titles_name() -> None:
    """Two officials who reveal that "both countries will slash" tariffs oppose them, and so
    does the country one's title names; a "tariff truce" in a title-case headline is a
    reduction of tariffs, and a topic in scare quotes is a topic."""
    topics = parse_topics('[[topic]]\nname = "tariffs"\ncues = ["tariff*"]\n')
    rows = _rows(
        _stance_of(
            "Markets Surge as U.S. and China Agree to 90-Day Tariff Truce\n\n"
            "Stock markets rose after a surge of optimism.\n\n"
            "U.S. Trade Representative Jamieson Greer and Treasury Secretary Scott Bessent "
            "revealed that both countries will slash recent tariff hikes by 115 points.",
            topics,
        )
    )
    assert {
        ("United States", "tariffs", "oppose"),
        ("China", "tariffs", "oppose"),
        ("Greer", "tariffs", "oppose"),
        ("Bessent", "tariffs", "oppose"),
    } == {row for row in rows if row[1] == "tariffs"}
    quoted = _rows(_stance_of("Putin stays silent on a ceasefire and offers ‘direct talks’."))
    assert ("Putin", "direct talks", "support") in quoted


def test_an_intention_to_act_on_a_topic_is_support_for_every_party_to_it() -> None:
    """ "China and the United States would establish a consultation mechanism": a future
    auxiliary on a verb that is no cue, with the topic as its object, is support, and both
    parties coordinated in the parse hold it."""
    topics = parse_topics('[[topic]]\nname = "trade talks"\ncues = ["consultation mechanism"]\n')
    rows = _rows(
        _stance_of(
            "China and the United States would establish a consultation mechanism for trade "
            "issues and issue a joint statement on Monday.",
            topics,
        )
    )
    assert rows == {
        ("China", "trade talks", "support"),
        ("United States", "trade talks", "support"),
    }


def test_a_word_two_topics_share_goes_to_the_topic_the_article_is_about() -> None:
    """ "talks" is a cue of the default "direct talks" and of a user's "trade talks": in an
    article about trade the trade talks win (the word of its name no other topic has), in one
    about direct talks the direct talks."""
    trade = parse_topics('[[topic]]\nname = "trade talks"\ncues = ["talks", "trade deal*"]\n')
    topics = (*default_topics(), *trade)
    on_trade = _rows(
        _stance_of(
            "Trade between the two economies fell by half this year.\n\n"
            "China welcomed the talks in Geneva on Sunday.",
            topics,
        )
    )
    on_war = _rows(
        _stance_of(
            "Ukraine proposed direct negotiations in Istanbul.\n\n"
            "Russia welcomed the talks on Sunday.",
            topics,
        )
    )
    assert ("China", "trade talks", "support") in on_trade
    assert ("Russia", "direct talks", "support") in on_war


def test_a_condition_ahead_of_an_intention_makes_it_conditional() -> None:
    """ "if Putin agrees to come to Istanbul, both he and Erdoğan will fly there to meet him":
    the intention to meet is conditional, and the one the condition is set on holds none;
    "he" is the one named outside the condition and not beside him (Zelensky)."""
    stance = _stance_of(
        "Zelenskyy said he will meet Turkish President Recep Tayyip Erdoğan in Ankara, but if "
        "Russian ruler Vladimir Putin agrees to come to Istanbul, both he and Erdoğan will fly "
        "there to meet him."
    )
    rows = _rows(stance)
    assert ("Erdoğan", "direct talks", "conditional") in rows
    assert ("Zelensky", "direct talks", "conditional") in rows  # "he": not Putin, not Erdoğan
    assert not {row for row in rows if row[0] == "Putin"}
    row = stance[stance[S.ACTOR] == "Erdoğan"].iloc[0]
    assert row[S.MODIFIER].startswith("if Russian ruler Vladimir Putin agrees")


def test_a_verb_the_parse_coordinates_with_an_adjective_keeps_the_clause_subject() -> None:
    """The parser hangs "raising" on the adjective "vital" of an inserted phrase; the verb
    still has China, the subject of the clause it continues, as its holder."""
    topics = parse_topics('[[topic]]\nname = "tariffs"\ncues = ["tariff*"]\n')
    rows = _rows(
        _stance_of(
            "China hit back by putting export curbs on some rare earth elements, vital for U.S. "
            "manufacturers of weapons and electronic consumer goods, and raising tariffs on U.S. "
            "goods to 125%.",
            topics,
        )
    )
    assert rows == {("China", "tariffs", "support")}


def test_a_quoted_action_on_our_topic_is_the_speaker_position() -> None:
    """ "a pause for our tariff program" in a quote: the speaker's side pauses its own
    tariffs; a pause of someone else's is no position of the speaker's."""
    topics = parse_topics('[[topic]]\nname = "tariffs"\ncues = ["tariff*"]\n')
    said = "“This is a 90-day pause for {} tariff program,” Bessent explained."
    assert _rows(_stance_of(said.format("our"), topics)) == {("Bessent", "tariffs", "oppose")}
    assert _rows(_stance_of(said.format("the"), topics)) == {("Bessent", "tariffs", "neutral")}


def test_a_subject_the_parse_finds_after_what_the_verb_says_is_not_the_speaker() -> None:
    """The parser makes "News" (of "News.Az reports") the subject of the second "said";
    a subject after the clause a verb governs is a misparse, and the coordinated "said" keeps
    Zelensky, whose readiness is conditional on Putin's coming."""
    rows = _rows(
        _stance_of(
            "On May 13, President Volodymyr Zelensky stated that he expects a ceasefire to emerge "
            "from a potential in-person meeting with Russian President Vladimir Putin, which could "
            "take place in Istanbul on May 15.\n\nZelensky said he will meet with Turkish "
            "President Recep Tayyip Erdogan in Ankara, but said both leaders are ready to fly to "
            "Istanbul if Putin chooses to attend the talks there, News.Az reports citing The Kyiv "
            "Independent."
        )
    )
    assert ("Zelensky", "direct talks", "conditional") in rows
    assert ("Zelensky", "direct talks", "support") not in rows


def test_a_cue_noun_is_held_by_the_subject_of_its_verb() -> None:
    """ "Washington didn't have high expectations": the neutral noun cue is held by the
    subject of the verb it is the object of (the parse's stray subject "n’t" left out), and
    "expectations" is no support cue of "expect"."""
    rows = _rows(
        _stance_of(
            "US Secretary of State Marco Rubio later echoed that view, telling reporters in the "
            "Turkish resort of Antalya that Washington “didn’t have high expectations” for the "
            "Ukraine talks in Istanbul."
        )
    )
    assert ("United States", "direct talks", "neutral") in rows
    assert not {row for row in rows if row[2] in ("support", "oppose")}


def test_staying_silent_on_a_topic_is_non_committal() -> None:
    headline = "Putin stays silent on ceasefire and offers ‘direct talks’ with Ukraine in Istanbul"
    rows = _rows(_stance_of(headline))
    assert rows == {("Putin", "ceasefire", "neutral"), ("Putin", "direct talks", "support")}


def test_a_body_that_acts_for_a_country_gives_the_country_its_position() -> None:
    """A ministry's position is its country's too, whether the country owns the name
    ("China's Ministry of Commerce") or is in it ("the Russian Foreign Ministry"); a company
    a country owns speaks for itself."""
    topics = parse_topics('[[topic]]\nname = "tariffs"\ncues = ["tariff*"]\n')
    ministry = _rows(_stance_of("China’s Ministry of Commerce rejected the tariffs.", topics))
    assert ("China", "tariffs", "oppose") in ministry
    foreign = _rows(_stance_of("The Russian Foreign Ministry rejected the tariffs.", topics))
    assert ("Russia", "tariffs", "oppose") in foreign
    company = _rows(_stance_of("China's Huawei rejected the tariffs.", topics))
    assert company == {("Huawei", "tariffs", "oppose")}


def test_a_forecast_with_there_is_no_intention_of_the_speaker() -> None:
    """ "said there would be no movement without a meeting": a "would" clause whose subject
    is "there" forecasts; it states no intention of the speaker's side."""
    rows = _rows(
        _stance_of(
            "Hopes of a major breakthrough were further dented by US President Donald Trump who "
            "said there would be no movement without a meeting between himself and Putin."
        )
    )
    assert rows == {("Trump", "direct talks", "neutral")}


def test_no_stance_objects_propose_no_topic() -> None:
    for objects in (pd.DataFrame(), pd.DataFrame(columns=list(S.STANCE_OBJECT_COLUMNS))):
        proposed = proposed_topics(objects)
        assert proposed.empty
        assert {S.TERM, "statements", S.ARTICLES, "cues", "suggested"} <= set(proposed.columns)
