"""Quotes: speakers, attribution verbs, direct and reported speech on the seeds."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis import schema as S
from analysis.actors import find_mentions
from analysis.corpus import Corpus, build_corpus
from analysis.ingest import Document, IngestResult
from analysis.quotes import MIN_UNATTRIBUTED_WORDS, UNATTRIBUTED, find_quotes
from analysis.tables import Analysis
from analysis.text import sentences
from tests.conftest import SHARED, seed_id
from tests.speech_text import quotes_and_speech

POLNEAR_DEV = SHARED / "bench" / "polnear" / "dev" / "text"


@pytest.fixture(scope="module")
def seeds_quotes(
    seeds_corpus: Corpus, seeds_sentences: pd.DataFrame, seeds_mentions: pd.DataFrame
) -> pd.DataFrame:
    return find_quotes(seeds_corpus.articles, seeds_sentences, seeds_mentions)


def _quote(quotes: pd.DataFrame, article: str, words: str) -> pd.Series:
    rows = quotes[(quotes[S.ARTICLE_ID] == article) & quotes[S.TEXT].str.contains(words)]
    assert len(rows) == 1, f"{words!r}: {len(rows)} quotes"
    return rows.iloc[0]


def _quotes_of(text: str) -> pd.DataFrame:
    document = Document(text=text, source="inline.txt", outlet="Test")
    corpus = build_corpus(IngestResult([document]), clean=False, min_words=1)
    sents = sentences(corpus.articles)
    return find_quotes(corpus.articles, sents, find_mentions(corpus.articles, sents))


def _parsed_quotes_of(text: str) -> pd.DataFrame:
    """The quotes of one article made of ``text``, parsed as the analysis parses it, with no
    registry (every actor found in the text)."""
    return quotes_and_speech(text)[0]


def test_columns_and_offsets(seeds_corpus: Corpus, seeds_quotes: pd.DataFrame) -> None:
    assert tuple(seeds_quotes.columns) == S.QUOTE_COLUMNS
    texts = seeds_corpus.articles.set_index(S.ARTICLE_ID)[S.TEXT]
    for row in seeds_quotes.itertuples():
        span = texts[row.article_id][row.start : row.end]
        assert row.text in span
        assert row.words == len(row.text.replace("\n", " ").split()) or row.words > 0


def test_trump_truth_social_post_is_his_with_wrote(
    seeds_corpus: Corpus, seeds_quotes: pd.DataFrame
) -> None:
    quote = _quote(seeds_quotes, seed_id(seeds_corpus, "001"), "BLOODBATH")
    assert (quote[S.SPEAKER], quote[S.VERB], quote[S.VERB_CLASS]) == ("Trump", "wrote", "neutral")
    assert quote[S.DIRECT]
    follow_up = _quote(seeds_quotes, seed_id(seeds_corpus, "001"), "At least they will be able")
    assert follow_up[S.SPEAKER] == "Trump"
    assert follow_up[S.ATTRIBUTION] == "previous sentence"


def test_yermak_telegram_line_and_zelensky_waiting(
    seeds_corpus: Corpus, seeds_quotes: pd.DataFrame
) -> None:
    article = seed_id(seeds_corpus, "001")
    assert _quote(seeds_quotes, article, "What about Putin")[S.SPEAKER] == "Yermak"
    waiting = _quote(seeds_quotes, article, "I will be waiting for Putin in Türkiye")
    assert (waiting[S.SPEAKER], waiting[S.VERB]) == ("Zelensky", "wrote")
    assert "Personally" in waiting[S.TEXT]  # the quote runs over two sentences


def test_pronoun_speakers_resolve_to_the_person_before_the_quote(
    seeds_corpus: Corpus, seeds_quotes: pd.DataFrame
) -> None:
    article = seed_id(seeds_corpus, "001")
    great_day = _quote(seeds_quotes, article, "A potentially great day")
    assert (great_day[S.SPEAKER], great_day[S.SPEAKER_TEXT]) == ("Trump", "he")
    assert great_day[S.SPEAKER_VIA] == "pronoun"
    assert great_day[S.CONNOTATION] == "emphasis"  # "declared"
    assert _quote(seeds_quotes, article, "We await a full")[S.SPEAKER] == "Zelensky"
    stay_strong = _quote(seeds_quotes, seed_id(seeds_corpus, "000"), "stay strong")
    assert stay_strong[S.SPEAKER] == "Zelensky"  # "He also called on", not Putin


def test_role_speaker_and_reported_speech(seeds_corpus: Corpus, seeds_quotes: pd.DataFrame) -> None:
    article = seed_id(seeds_corpus, "000")
    invasion = _quote(seeds_quotes, article, "beginning of a war against Europe")
    assert (invasion[S.SPEAKER], invasion[S.SPEAKER_TEXT]) == (
        "Zelensky",
        "the Ukrainian president",
    )
    reported = _quote(seeds_quotes, seed_id(seeds_corpus, "002"), "ready to meet with Putin")
    assert not reported[S.DIRECT]
    assert (reported[S.SPEAKER], reported[S.VERB]) == ("Zelensky", "said")
    assert reported[S.TEXT].startswith("he would be in Türkiye")


def test_straight_nested_and_quote_only_paragraphs() -> None:
    text = (
        "Vladimir Putin said on Sunday: \"We propose to resume talks. We call it 'a fresh "
        "start'.\"\n\n"
        '"The delegation will be ready by Thursday," Putin added.\n\n'
        '"Nobody should doubt it."\n\n'
        "Analysts were unconvinced by the claims of the Kremlin about the new talks."
    )
    quotes = _quotes_of(text)
    assert list(quotes[S.SPEAKER]) == ["Putin", "Putin", "Putin"]
    assert list(quotes[S.VERB]) == ["said", "added", "added"]
    assert "a fresh start" in quotes[S.TEXT].iloc[0]
    assert quotes[S.ATTRIBUTION].iloc[2] == "previous sentence"


def test_unattributed_is_never_a_guess() -> None:
    text = (
        "Talks resumed in Istanbul on Friday after a long pause.\n\n"
        '"This initiative aligns with the expectations of producers and consumers," said a '
        "ministry spokesperson.\n\n"
        "Officials called it a “deal”."
    )
    quotes = _quotes_of(text)
    assert list(quotes[S.SPEAKER]) == [UNATTRIBUTED]
    assert quotes[S.VERB].iloc[0] == ""


def test_curly_open_mark_used_as_closing_mark() -> None:
    quotes = _quotes_of(
        "“Both countries represented their national interest very well,“ Scott Bessent said on "
        "Monday. “We both have an interest in balanced trade.”"
    )
    assert list(quotes[S.SPEAKER]) == ["Bessent", "Bessent"]


def test_corpus_dev_quotes_have_speakers(corpus_dev_corpus: Corpus) -> None:
    articles = corpus_dev_corpus.articles
    sents = sentences(articles)
    quotes = find_quotes(articles, sents, find_mentions(articles, sents))
    direct = quotes[quotes[S.DIRECT]]
    assert len(direct) >= 80
    assert (direct[S.SPEAKER] != UNATTRIBUTED).mean() >= 0.85
    greer = quotes[quotes[S.TEXT].str.contains("negotiators are very tough", regex=False)]
    assert len(greer) == 1
    assert set(quotes[S.VERB_CLASS]) <= {"neutral", "loaded", ""}


def test_a_quote_in_the_headline_is_the_words_of_its_subject(corpus_dev_analysis: Analysis) -> None:
    """ "Putin stays silent on ceasefire and offers ‘direct talks’ ...": by the headline
    convention the fragment is Putin's, though "offers" is no attribution verb."""
    quotes = corpus_dev_analysis.quotes
    headline = quotes[quotes[S.ATTRIBUTION] == "headline"]
    row = headline[headline[S.TEXT] == "direct talks"].iloc[0]
    assert (row[S.SPEAKER], row[S.VERB], row[S.VERB_CLASS]) == ("Putin", "offers", "neutral")


def test_a_quote_in_a_headline_without_a_verb_ends() -> None:
    """Regression: looking for the verb above a headline quote climbed from the root to
    itself for ever when the headline has no verb (spaCy makes a new Token per access)."""
    from analysis.corpus import build_corpus
    from analysis.engine import Engine
    from analysis.ingest import read_text
    from analysis.pipeline import analyse

    body = (
        "Russian President Vladimir Putin said on Sunday that talks with Ukraine could start in "
        "Istanbul on Thursday, and officials in Kyiv said they were studying the offer. "
    ) * 3
    corpus = build_corpus(read_text("verbless.txt", body, title="‘Direct talks’ in Istanbul"))
    assert corpus.articles[S.TEXT].iloc[0].startswith("‘Direct talks’ in Istanbul\n\n")
    quotes = analyse(corpus, engine=Engine(workers=1)).quotes
    headline = quotes[quotes[S.START] == 0]
    assert headline.empty or headline[S.SPEAKER].iloc[0] == "unattributed"


def test_a_long_apposition_between_quote_and_verb_is_the_speaker() -> None:
    """'”, NAME, a title with its employer and city, said': more words than a tag usually has,
    all of them the verb's subject phrase in the parse; the speakers are found with an empty
    registry, on a story of its own."""
    text = (
        "“It does look like things have turned the corner,” Scott Brown, chief economist at "
        "Raymond James & Associates Inc. in St. Petersburg, said in an interview.\n\n"
        "“I think there was some confusion by some people,” Rep. Emanuel Cleaver, head of the "
        "Congressional Black Caucus, told POLITICO."
    )
    assert _parsed_quotes_of(text)[S.SPEAKER].tolist() == ["Scott Brown", "Emanuel Cleaver"]


def test_a_quoted_title_is_no_quote_and_idioms_of_attribution_are() -> None:
    """An unattributed title in quotation marks is no quote (a book, a song, a run), while
    "as X puts it" and "he assured" attribute; a shouted quote is kept (its paragraph, all
    quote, continues the speaker before it)."""
    quotes = _parsed_quotes_of(
        "Readers could turn to Jagdish Mehra’s thick book “The Beat of a Different Drum,” while "
        "others preferred “A Tree Grows in Brooklyn” by Betty Smith.\n\n"
        "It was, as Lawrence Krauss puts it, “a beautiful pictorial way of thinking about "
        "quantum mechanics.”\n\n"
        "Bernard Arnault spoke on Friday. “They are effective, creative and accustomed to doing "
        "so,” he assured.\n\n"
        "“GREAT PROGRESS MADE IN GENEVA TODAY!!!”"
    )
    assert quotes[S.SPEAKER].tolist() == ["Lawrence Krauss", "Bernard Arnault", "Bernard Arnault"]


def test_a_name_in_a_compound_modifier_is_not_the_speaker() -> None:
    """ "the Paris-based company said": Paris (France) describes the company and says
    nothing; the company is kept as written."""
    quotes = _parsed_quotes_of(
        "Hermes received “an expression of interest from potential buyers” of the 45 percent "
        "holding, the Paris-based company said today in a statement."
    )
    assert quotes[S.SPEAKER].tolist() == ["the Paris-based company"]


def test_the_speaker_of_a_passive_speech_verb_is_its_agent() -> None:
    """ "X is described by Y as ...": Y speaks, X is spoken of; "X was quoted by Y as
    saying" or "was heard saying": X speaks; "This invitation came ..., stressing" is no
    source (a thing pointed back to), the person of the clause is."""
    quotes = _parsed_quotes_of(
        "Maple syrup is even being described by Navindra Seeram as a ‘one-stop shop for all the "
        "beneficial compounds’ in food.\n\n"
        "“The US has a massive trade deficit,” Jamieson Greer was quoted by the White House as "
        "saying.\n\n"
        "“They should behave,” Rashid Brital was heard saying in the local dialect.\n\n"
        "This invitation came shortly after former US President Donald Trump urged Ukraine to "
        "accept Russia’s proposal for direct talks in Turkey, stressing that the meeting could "
        "determine if a diplomatic solution is possible."
    )
    speakers = ["Navindra Seeram", "Jamieson Greer", "Rashid Brital", "Donald Trump"]
    assert quotes[S.SPEAKER].tolist() == speakers


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "The Foreign Ministry issued a statement on Sunday. “We welcome the truce,” the "
            "statement said.",
            "Foreign Ministry",
        ),
        (
            "Amnesty International published its findings on Monday. The group said the strikes "
            "had killed civilians.",
            "Amnesty International",
        ),
    ],
)
def test_a_document_or_description_speaks_for_the_body_named_before(
    text: str, speaker: str
) -> None:
    quotes = _parsed_quotes_of(text)
    assert quotes[S.SPEAKER].tolist() == [speaker]


def test_a_document_or_news_with_no_body_named_is_no_speaker() -> None:
    quotes = _parsed_quotes_of(
        "“We welcome the truce,” the statement said.\n\n"
        "The unexpected news came as markets closed, saying little about the talks."
    )
    assert not {"the statement", "The unexpected news"} & set(quotes[S.SPEAKER])


def test_a_quotation_signed_after_a_dash_is_the_signers() -> None:
    text = (
        "Voters told us how they felt about the debate this week.\n\n"
        "“He makes simple blanket statements about people he knows nothing about.”― Pamela "
        "Padilla\n"
        "“I cannot believe a man with no credentials could lead the party at all.” — Jacklyn "
        "Ashley, 34, of Phoenix\n"
        "“We are hard-working people who build this country every single day.”\n"
        "― Carla Sanchez.\n"
        "“The Art of the Deal” — Trump's book — was on the table during the whole interview."
    )
    quotes = _parsed_quotes_of(text)
    speakers = dict(zip(quotes[S.TEXT].str[:12], quotes[S.SPEAKER], strict=True))
    assert speakers["He makes sim"] == "Pamela Padilla"
    assert speakers["I cannot bel"] == "Jacklyn Ashley"
    assert speakers["We are hard-"] == "Carla Sanchez"
    # a name followed by more words is no signature: the book's title is not Trump's words
    assert speakers.get("The Art of t", "unattributed") == "unattributed"
    signed = quotes[quotes[S.SPEAKER] == "Pamela Padilla"].iloc[0]
    assert signed[S.VERB] == ""


def _polnear_paragraphs(name: str, *openings: str) -> str:
    """The paragraphs of the PolNeAR dev article ``name`` that open with ``openings``, in
    order, as one text (skipped when ../shared is absent)."""
    if not POLNEAR_DEV.exists():
        pytest.skip("../shared/bench/polnear is not beside the project")
    paragraphs = (POLNEAR_DEV / f"{name}.txt").read_text(encoding="utf-8").split("\n")
    return "\n\n".join(
        next(p.strip() for p in paragraphs if p.strip().startswith(opening)) for opening in openings
    )


def test_a_spokesperson_keeps_their_own_name_with_their_body_beside_it(
    seeds_analysis: Analysis,
) -> None:
    """ "with Kremlin spokesperson Dmitry Peskov stating that Russia would “consider the
    proposal seriously”": Peskov speaks (not the Kremlin), on behalf of the Kremlin, which
    the registry names Russia; the fragment is a quote of its own, three words long."""
    quotes = seeds_analysis.quotes
    row = quotes[quotes[S.TEXT] == "consider the proposal seriously"].iloc[0]
    assert (row[S.SPEAKER], row[S.ON_BEHALF_OF], row[S.DIRECT]) == ("Peskov", "Russia", True)


@pytest.mark.parametrize(
    ("name", "opening", "speaker", "kind", "body"),
    [
        (  # "X, a spokesman for Y": an apposition with "for"
            "nyt_2016-10-02_a-curious-plan-to-fight-climate-",
            "Phil Smith, a spokesman",
            "Phil Smith",
            "person",
            "United Mine Workers of America",
        ),
        (  # "X's lawyer": the lawyer speaks, for his client
            "politico_2016-09-22_house-panel-votes-to-hold-clinto",
            "Chaffetz insisted",
            "Pagliano's lawyer",
            "anonymous",
            "Pagliano",
        ),
        (  # "a spokeswoman for X": an unnamed source, for the person
            "breitbart_2016-09-30_the-latest-trump-urges-supporter",
            "A spokeswoman for Hillary Clinton",
            "A spokeswoman",
            "anonymous",
            "Hillary Clinton",
        ),
        (  # "Trump campaign spokesman Jason Miller": compounds before the name
            "huff-post_2016-09-27_hillary-clinton-goes-after-donal",
            "Trump campaign spokesman Jason Miller",
            "Jason Miller",
            "person",
            "Trump",
        ),
    ],
)
def test_the_body_a_speaker_speaks_for_is_read_from_the_parse(
    name: str, opening: str, speaker: str, kind: str, body: str
) -> None:
    """Held-out text (PolNeAR dev), an empty registry: the body beside a spokesman, a lawyer,
    an unnamed spokeswoman, found from the words around the speaker."""
    quotes = _parsed_quotes_of(_polnear_paragraphs(name, opening))
    row = quotes[quotes[S.SPEAKER] == speaker].iloc[0]
    assert (row[S.SPEAKER_KIND], row[S.ON_BEHALF_OF]) == (kind, body)


def test_an_unnamed_spokesperson_speaks_for_the_body_a_common_noun_stands_for(
    corpus_dev_analysis: Analysis,
) -> None:
    """ "said a ministry spokesperson" after "China's Ministry of Commerce": the speaker is
    the unnamed spokesperson, on behalf of the ministry the article named."""
    quotes = corpus_dev_analysis.quotes
    row = quotes[quotes[S.TEXT].str.startswith("This initiative aligns")].iloc[0]
    assert row[S.SPEAKER] == "a ministry spokesperson"
    assert row[S.SPEAKER_KIND] == "anonymous"
    assert "Ministry of Commerce" in row[S.ON_BEHALF_OF]


def test_a_body_described_by_a_common_noun_is_the_body_named_before() -> None:
    """ "The commission says on its website that “...”" after "The nonpartisan Commission on
    Presidential Debates says": the commission named before speaks (PolNeAR dev)."""
    text = _polnear_paragraphs(
        "breitbart_2016-09-30_the-latest-trump-urges-supporter",
        "The nonpartisan Commission on Presidential Debates",
        "The commission says on its website",
    )
    quotes = _parsed_quotes_of(text)
    direct = quotes[quotes[S.DIRECT]].iloc[0]
    assert (direct[S.SPEAKER], direct[S.SPEAKER_TEXT]) == (
        "Commission on Presidential Debates",
        "The commission",
    )


def test_a_short_fragment_in_an_opening_participle_clause_is_the_speakers_after_it(
    corpus_dev_analysis: Analysis,
) -> None:
    """ "Describing the session as “very good” and “friendly, but constructive,” Trump posted
    on Truth Social": both fragments are Trump's, kept though shorter than an unattributed
    quote may be (the parse gives "Describing" no subject here)."""
    quotes = corpus_dev_analysis.quotes
    row = quotes[quotes[S.TEXT] == "very good"].iloc[0]
    assert (row[S.SPEAKER], row[S.VERB], row[S.DIRECT]) == ("Trump", "describing", True)
    assert row[S.WORDS] < MIN_UNATTRIBUTED_WORDS


def test_a_quote_over_several_paragraphs_is_one_quote_with_one_speaker() -> None:
    """ "The New York Times reports:" then two paragraphs, each opening a quotation mark, the
    first never closing it (the newspaper convention): one quote, the Times's (PolNeAR dev;
    pinned: this already held before the issue)."""
    text = _polnear_paragraphs(
        "breitbart_2016-09-21_only-percent-of-hillary-clinton-",
        "The New York Times reports",
        '"In an illustration',
        '"Without this online network',
    )
    quotes = _parsed_quotes_of(text)
    assert len(quotes) == 1
    row = quotes.iloc[0]
    assert row[S.TEXT].startswith("In an illustration")
    assert row[S.TEXT].endswith("give rank-and-file Democrats pause.")
    assert (row[S.SPEAKER], row[S.ATTRIBUTION]) == ("The New York Times", "previous sentence")


def test_a_quotation_opened_by_a_closing_mark_is_found_and_signed() -> None:
    """'”Fear. I am truly afraid that Donald Trump will win. ...” ― Edwin G. Monroy': the
    paragraph opens with a closing mark, the signature follows (PolNeAR dev)."""
    text = _polnear_paragraphs(
        "huff-post_2016-09-27_latinos-share-their-most-honest-", "”Fear.", "”Mr. Trump’s"
    )
    quotes = _parsed_quotes_of(text)
    speakers = dict(zip(quotes[S.TEXT].str[:10], quotes[S.SPEAKER], strict=True))
    assert speakers["Fear. I am"] == "Edwin G. Monroy"
    assert speakers["Mr. Trump’"] == "Veronica Cruz"


def test_a_signature_after_a_no_break_space_and_with_initials_is_the_whole_name() -> None:
    """'” ― Nell Carden Grey' (a no-break space after the dash), '― Christina N Luis Olidem'
    (an initial inside the name), and a quotation nesting “hell” inside it (PolNeAR dev)."""
    text = _polnear_paragraphs(
        "huff-post_2016-09-27_latinos-share-their-most-honest-",
        "”What is most",
        "“As a young",
        "“He is someone",
    )
    quotes = _parsed_quotes_of(text)
    assert quotes[S.SPEAKER].tolist() == [
        "Nell Carden Grey",
        "Adriana Rodarte",
        "Christina N Luis Olidem",
    ]
    assert set(quotes[S.ATTRIBUTION]) == {"signature"}
    assert quotes[S.TEXT].iloc[1].endswith("where he is president.")


def test_a_clause_opened_after_a_quote_is_no_tag_of_it() -> None:
    """'footage of Trump saying during the debate last week, “That makes me smart,” when
    Clinton blasted him': the words after the quote open a clause of their own, whose
    subject did not say it (PolNeAR dev)."""
    text = _polnear_paragraphs(
        "breitbart_2016-10-03_the-latest-trump-s-leaked-taxes-", "“You work hard."
    )
    quotes = _parsed_quotes_of(text)
    row = quotes[quotes[S.TEXT].str.startswith("That makes me smart")].iloc[0]
    assert row[S.SPEAKER] == "Donald Trump"


def test_a_person_described_by_their_title_is_the_person_named_with_it() -> None:
    """ "The president told African-Americans ..." after "President Obama is rolling out a
    new ... message": the president is Obama (PolNeAR dev)."""
    text = _polnear_paragraphs(
        "nyt_2016-09-19_obama-sees-personal-insult-if-bl",
        "With Democratic leaders",
        "The president",
    )
    quotes = _parsed_quotes_of(text)
    told = quotes[quotes[S.SPEAKER_TEXT] == "The president"]
    assert not told.empty and set(told[S.SPEAKER]) == {"Obama"}
