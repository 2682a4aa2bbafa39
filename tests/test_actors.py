"""Actor registry, mentions (names, variants, roles, pronouns), actors found in the text."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

from analysis import schema as S
from analysis.actors import (
    RegistryError,
    curated,
    default_registry,
    find_mentions,
    found_actors,
    parse_registry,
    registry_frame,
    registry_from_frame,
    registry_to_toml,
    skeleton,
)
from analysis.corpus import Corpus, load_corpus
from analysis.parse import parse
from analysis.pipeline import Settings, analyse
from analysis.tables import Analysis
from analysis.text import sentences
from tests.conftest import SEEDS, seed_id


def _mentions_of(text: str, **options: object) -> pd.DataFrame:
    articles = pd.DataFrame({S.ARTICLE_ID: ["a"], S.TEXT: [text]})
    return find_mentions(articles, sentences(articles), **options)


def test_default_registry_covers_the_story_actors() -> None:
    names = {actor.name for actor in default_registry()}
    assert {"Zelensky", "Putin", "Trump", "Erdoğan", "Yermak", "Medinsky"} <= names
    assert {"Russia", "Ukraine", "United States", "Turkey", "NATO", "China"} <= names


def test_a_description_of_several_actors_or_a_continent_is_no_actor() -> None:
    """Issue 44: "European leaders" and "Europe" were the junk actor "Europe" (the built-in
    registry listed the description under the place); the European Union is a body."""
    found = _mentions_of(
        "European leaders demanded a ceasefire, and the European Union backed them. The war "
        "threatens Europe, European countries said, and the E.U. agreed."
    )
    assert "Europe" not in set(found[S.ACTOR])
    union = found[found[S.ACTOR] == "European Union"]
    assert set(union[S.SURFACE]) == {"European Union", "E.U."}


@pytest.mark.parametrize("variant", ["Zelenskyy", "Zelenskiy", "Zelenski", "Zelenskyi"])
def test_transliteration_variants_share_a_skeleton(variant: str) -> None:
    assert skeleton(variant) == skeleton("Zelensky")


def test_skeleton_drops_diacritics_and_keeps_other_names_apart() -> None:
    assert skeleton("Erdoğan") == skeleton("Erdogan")
    assert skeleton("Medinskiy") == skeleton("Medinsky")
    assert skeleton("Putin") != skeleton("Peskov")


def test_seed_spellings_of_zelensky_are_one_actor_with_the_variant_kept(
    seeds_corpus: Corpus, seeds_mentions: pd.DataFrame
) -> None:
    zelensky = seeds_mentions[seeds_mentions[S.ACTOR] == "Zelensky"]
    for number, spelling in [("000", "Zelenskyy"), ("001", "Zelenskiy"), ("002", "Zelensky")]:
        surfaces = set(
            zelensky.loc[zelensky[S.ARTICLE_ID] == seed_id(seeds_corpus, number), S.SURFACE]
        )
        assert any(surface.endswith(spelling) for surface in surfaces), (number, surfaces)
    variants = zelensky[zelensky[S.HOW] == "variant"]
    assert set(variants[S.SURFACE]) == {"Zelenskyy", "Zelenskiy"}


def test_every_seed_naming_putin_or_trump_has_the_mention(
    seeds_corpus: Corpus, seeds_mentions: pd.DataFrame
) -> None:
    for identifier, text in zip(
        seeds_corpus.articles[S.ARTICLE_ID], seeds_corpus.articles[S.TEXT], strict=True
    ):
        found = set(seeds_mentions.loc[seeds_mentions[S.ARTICLE_ID] == identifier, S.ACTOR])
        for actor, pattern in [
            ("Putin", r"\bPutin"),
            ("Trump", r"\bTrump"),
        ]:
            if re.search(pattern, text):
                assert actor in found, (identifier, actor)


def test_mentions_point_at_their_text_and_sentence(
    seeds_corpus: Corpus, seeds_sentences: pd.DataFrame, seeds_mentions: pd.DataFrame
) -> None:
    texts = dict(
        zip(seeds_corpus.articles[S.ARTICLE_ID], seeds_corpus.articles[S.TEXT], strict=True)
    )
    bounds = seeds_sentences.set_index([S.ARTICLE_ID, S.SENT_ID])
    assert list(seeds_mentions.columns) == list(S.MENTION_COLUMNS)
    for row in seeds_mentions.itertuples(index=False):
        assert texts[row.article_id][row.start : row.end] == row.surface
        sentence = bounds.loc[(row.article_id, row.sent_id)]
        assert sentence[S.START] <= row.start < sentence[S.END]


def test_removed_boilerplate_yields_no_mentions(seeds_corpus: Corpus) -> None:
    """Seed 001's "Recent News" list names China and the US; with cleaning none is mentioned."""
    identifier = seed_id(seeds_corpus, "001")
    cleaned = _seed_mentions(seeds_corpus, identifier)
    raw = load_corpus([SEEDS], clean=False)
    uncleaned = _seed_mentions(raw, str(raw.articles.iloc[1][S.ARTICLE_ID]))
    assert "China" not in set(cleaned[S.ACTOR])
    assert "China" in set(uncleaned[S.ACTOR])


def _seed_mentions(corpus: Corpus, identifier: str) -> pd.DataFrame:
    articles = corpus.articles[corpus.articles[S.ARTICLE_ID] == identifier]
    return find_mentions(articles, sentences(articles))


def test_a_title_before_a_name_is_one_mention() -> None:
    found = _mentions_of("Russian President Vladimir Putin spoke on Sunday evening in Moscow.")
    putin = found[found[S.ACTOR] == "Putin"]
    assert putin[S.SURFACE].tolist() == ["Vladimir Putin"]


def test_a_role_resolves_only_when_the_article_names_the_actor() -> None:
    named = _mentions_of("Trump spoke on Friday. Later the US president left for Florida.")
    assert named[S.HOW].tolist() == ["name", "role"]
    assert set(named[S.ACTOR]) == {"Trump"}
    unnamed = _mentions_of("Later the US president left for Florida.")
    assert "Trump" not in set(unnamed[S.ACTOR])


def test_sentence_initial_pronoun_resolves_to_the_previous_subject(
    seeds_corpus: Corpus, seeds_mentions: pd.DataFrame, seeds_sentences: pd.DataFrame
) -> None:
    identifier = seed_id(seeds_corpus, "002")
    pronouns = seeds_mentions[
        (seeds_mentions[S.ARTICLE_ID] == identifier) & (seeds_mentions[S.HOW] == "pronoun")
    ].merge(seeds_sentences, on=[S.ARTICLE_ID, S.SENT_ID], suffixes=("", "_s"))
    waiting = pronouns[pronouns["text"].str.startswith("He emphasized")]
    assert waiting[S.ACTOR].tolist() == ["Zelensky"]


def test_coreference_can_be_switched_off() -> None:
    text = "Zelensky spoke in Kyiv on Monday. He said the talks must start."
    assert "pronoun" in set(_mentions_of(text)[S.HOW])
    assert "pronoun" not in set(_mentions_of(text, coref=False)[S.HOW])


def test_corpus_dev_people_are_found(corpus_dev_corpus: Corpus) -> None:
    articles = corpus_dev_corpus.articles
    found = find_mentions(articles, sentences(articles))
    counts = found[S.ACTOR].value_counts()
    for actor in ["Medinsky", "Fidan", "Bessent", "Greer", "He Lifeng", "Erdoğan"]:
        assert counts.get(actor, 0) >= 2, actor
    assert counts.get("Peskov", 0) >= 1
    erdogan = set(found.loc[found[S.ACTOR] == "Erdoğan", S.SURFACE])
    assert any("Erdogan" in surface for surface in erdogan)


def _story(corpus_dev: Path, story: str) -> Corpus:
    manifest = pd.read_csv(corpus_dev / "manifest.csv", dtype=str)
    files = manifest.loc[manifest["story"] == story, "file"]
    return load_corpus([corpus_dev / file for file in files])


@pytest.mark.parametrize(
    ("story", "expected"),
    [
        ("geneva-trade-talks", {"Scott Bessent", "He Lifeng", "China", "United States"}),
        ("istanbul-talks", {"Russia", "Ukraine", "Vladimir Putin", "Vladimir Medinsky"}),
    ],
)
def test_with_an_empty_registry_a_story_finds_its_people_and_their_quotes(
    corpus_dev: Path, story: str, expected: set[str]
) -> None:
    """No list of names: the story's people, countries and organisations are its most
    mentioned actors, and its quotes have speakers."""
    tables = analyse(_story(corpus_dev, story), Settings(registry=parse_registry("")))
    top = tables.mentions[S.ACTOR].value_counts().head(10).index
    assert expected <= set(top), list(top)
    assert not {"Istanbul", "Geneva", "Monday", "Russian", "Chinese"} & set(top)
    direct = tables.quotes[tables.quotes[S.DIRECT]]
    assert (direct[S.SPEAKER] == "unattributed").mean() <= 0.10
    bessent = direct[direct[S.SPEAKER] == "Scott Bessent"]
    assert story != "geneva-trade-talks" or len(bessent) >= 3


def test_spellings_of_one_person_become_one_actor_across_articles(corpus_dev: Path) -> None:
    tables = analyse(_story(corpus_dev, "istanbul-talks"), Settings(registry=parse_registry("")))
    mentions = tables.mentions
    zelensky = mentions[mentions[S.SURFACE].str.contains("Zelensk")]
    assert zelensky[S.ACTOR].nunique() == 1
    assert {"Zelenskyy", "Zelenskiy", "Zelensky"} <= set(zelensky[S.SURFACE].str.split().str[-1])


def test_found_actors_can_be_renamed_merged_and_dropped(seeds_analysis: Analysis) -> None:
    found = found_actors(seeds_analysis.mentions)
    assert not found.empty and found[S.MENTIONS].is_monotonic_decreasing
    assert not set(found[S.ACTOR]) & {a.name for a in default_registry()}
    first, second = found[S.ACTOR].iloc[0], found[S.ACTOR].iloc[1]
    registry = curated(
        default_registry(), found, names={first: "Renamed One", second: "Putin"}, dropped=set()
    )
    renamed = next(a for a in registry if a.name == "Renamed One")
    assert set(renamed.aliases) >= set(found[S.ACTOR].iloc[:1]) | {"Renamed One"}
    putin = next(a for a in registry if a.name == "Putin")
    assert second in putin.aliases  # merged into the registry's actor
    dropped = curated(default_registry(), found, names={}, dropped={first})
    articles = seeds_analysis.articles
    again = find_mentions(
        articles, sentences(articles), registry=dropped, docs=parse(articles, sentences(articles))
    )
    assert first not in set(again[S.ACTOR])
    assert registry_from_frame(registry_frame(dropped)) == dropped


def test_registry_round_trips_through_toml_and_table() -> None:
    registry = default_registry()
    assert parse_registry(registry_to_toml(registry)) == registry
    assert registry_from_frame(registry_frame(registry)) == registry


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[[actor]\nname=", "not valid TOML"),
        ('[[actor]]\nkind = "person"', "has no name"),
        ('[[actor]]\nname = "X"\nkind = "planet"', "kind must be one of"),
        (
            '[[actor]]\nname = "A"\naliases = ["AB"]\n[[actor]]\nname = "B"\naliases = ["AB"]',
            "both A and B",
        ),
    ],
)
def test_bad_registries_say_what_to_fix(text: str, message: str) -> None:
    with pytest.raises(RegistryError, match=message):
        parse_registry(text)


def test_user_actor_is_found() -> None:
    registry = parse_registry(
        '[[actor]]\nname = "Fico"\nkind = "person"\nroles = ["Slovak prime minister"]'
    )
    found = _mentions_of(
        "Robert Fico arrived. The Slovak prime minister met Fico's allies.", registry=registry
    )
    assert found[S.HOW].tolist() == ["name", "role", "name"]


def test_a_transliteration_found_in_the_text_is_the_registry_person() -> None:
    """ "Rustam Umarov" in the text is the registry's "Rustem Umerov" (vowels differ)."""
    from analysis.corpus import build_corpus
    from analysis.ingest import read_text

    registry = parse_registry(
        '[[actor]]\nname = "Umerov"\nkind = "person"\naliases = ["Rustem Umerov", "Umerov"]\n'
    )
    text = "Defence Minister Rustam Umarov led the delegation. Umarov said the talks were hard."
    articles = build_corpus(read_text("a.txt", text), min_words=1, clean=False).articles
    found = sentences(articles)
    mentions = find_mentions(articles, found, docs=parse(articles, found), registry=registry)
    assert set(mentions[S.ACTOR]) == {"Umerov"}


def test_a_role_written_with_its_article_in_the_registry_is_found() -> None:
    text = (
        "NATO leaders met in Brussels on Monday. The alliance said it would raise spending "
        "on air defence, and officials of the alliance welcomed the plan on Tuesday."
    )
    found = _mentions_of(text)
    roles = found[found[S.HOW] == "role"]
    assert set(roles[S.ACTOR]) == {"NATO"}
    assert {s.lower() for s in roles[S.SURFACE]} == {"the alliance"}
