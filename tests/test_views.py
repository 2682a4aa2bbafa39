"""The views of the pages (analysis.views): selections, tables and charts, and the export as
the views with their default selections."""

from __future__ import annotations

import json
from dataclasses import fields, replace
from itertools import pairwise
from pathlib import Path

import pandas as pd
import plotly.io as pio
import pytest

from analysis import schema as S
from analysis.actors import default_registry
from analysis.aggregate import MIN_MENTIONS, voice_summary
from analysis.differences import differences
from analysis.export import page_charts
from analysis.keywords import MIN_DISTINCTIVE_WORDS, keyword_in_context
from analysis.overview import outlet_cards
from analysis.pipeline import DEFAULT_SETTINGS
from analysis.results import MANIFEST, FolderStore, read_results, write_results
from analysis.tables import ARTICLE_TABLES, OUTLET_TABLES, Analysis
from analysis.views import (
    VIEWS,
    actors,
    base,
    framing,
    keywords,
    overview,
    spelling,
    stance,
    summarise,
    voices,
)
from analysis.views.base import (
    SENTENCE_START,
    bounds,
    chosen_articles,
    chosen_outlets,
    outlet_batches,
)

GURU = "News Guru"


def _names(charts: list) -> list[str]:
    return [chart.name for chart in charts]


def test_the_export_is_every_view_with_its_default_selection(seeds_analysis: Analysis) -> None:
    expected = [c for v in VIEWS for c in v.charts(v.build(seeds_analysis, v.Selection()))]
    exported = page_charts(seeds_analysis)
    assert _names(exported) == _names(expected)
    assert {chart.page for chart in exported} == {view.PAGE for view in VIEWS}
    first = json.loads(pio.to_json(expected[0].figure))["data"]
    assert json.loads(pio.to_json(exported[0].figure))["data"] == first


@pytest.mark.parametrize("view", VIEWS, ids=lambda view: view.PAGE)
def test_selections_are_hashable_and_numbers_carry_their_range(view) -> None:  # type: ignore[no-untyped-def]
    selection = view.Selection()
    assert hash(selection) == hash(view.Selection())
    for field in fields(view.Selection):
        if field.type == "int":
            low, high, default = bounds(view.Selection, field.name)
            assert low <= default <= high


def test_bounds_name_the_missing_number() -> None:
    assert bounds(actors.Selection, "min_mentions") == (1, 100, MIN_MENTIONS)
    assert bounds(keywords.Selection, "top") == (3, 30, keywords.TOP_KEYWORDS)
    with pytest.raises(KeyError, match="no number 'top'"):
        bounds(actors.Selection, "top")


def test_chosen_outlets_keep_the_corpus_order_and_drop_unknown_names(
    seeds_analysis: Analysis,
) -> None:
    every = sorted(seeds_analysis.articles[S.OUTLET].unique())
    assert chosen_outlets(seeds_analysis, None) == every
    assert chosen_outlets(seeds_analysis, (every[2], "Nobody", every[0])) == [every[0], every[2]]


def test_actors_default_to_the_most_mentioned_and_follow_the_choice(
    seeds_analysis: Analysis,
) -> None:
    tables = actors.build(seeds_analysis)
    assert set(tables.shown[S.ACTOR]) == set(tables.actors[: actors.TOP_ACTORS])
    chosen = actors.build(seeds_analysis, actors.Selection((GURU,), tuple(tables.actors[:2])))
    assert set(chosen.shown[S.OUTLET]) == {GURU}
    assert set(chosen.shown[S.ACTOR]) <= set(tables.actors[:2])
    assert _names(actors.charts(chosen)) == ["sentiment heatmap", "sentiment bars"]


def test_voices_count_the_quotes_of_the_chosen_outlets(seeds_analysis: Analysis) -> None:
    every = voices.build(seeds_analysis)
    guru = voices.build(seeds_analysis, voices.Selection((GURU,), top=3))
    assert every.voices["quotes"].sum() == len(seeds_analysis.quotes)
    assert set(guru.voices[S.OUTLET]) == {GURU}
    pd.testing.assert_frame_equal(
        guru.voices, voice_summary(voices.quotes(seeds_analysis, (GURU,)), seeds_analysis.articles)
    )
    assert voices.verb_speakers(guru.top) == 3 + voices.MORE_VERB_SPEAKERS


def test_the_quotes_listed_are_those_of_the_outlets_speaker_and_kind_chosen(
    seeds_analysis: Analysis,
) -> None:
    every = voices.quotes(seeds_analysis)
    assert len(every) == len(seeds_analysis.quotes)
    speaker = every.loc[every[S.DIRECT], S.SPEAKER].iloc[0]
    chosen = voices.quotes(seeds_analysis, (GURU,), speaker, True)
    expected = every[(every[S.OUTLET] == GURU) & (every[S.SPEAKER] == speaker) & every[S.DIRECT]]
    assert chosen[S.TEXT].tolist() == expected[S.TEXT].tolist()
    assert len(voices.quotes(seeds_analysis, None, None, False, 2)) == 2


def test_stance_charts_every_topic_or_the_chosen_one(seeds_analysis: Analysis) -> None:
    every = stance.build(seeds_analysis)
    assert every.topics == list(dict.fromkeys(every.summary[S.TOPIC]))
    assert _names(stance.charts(every)) == [f"stance {topic}" for topic in every.topics]
    topic = every.topics[0]
    one = stance.build(seeds_analysis, stance.Selection(topic, (GURU,)))
    assert one.topics == [topic] and set(one.shown[topic][S.OUTLET]) <= {GURU}


def test_keywords_chart_each_kind_and_each_outlets_distinctive_terms(
    seeds_analysis: Analysis,
) -> None:
    every = keywords.build(seeds_analysis)
    outlets = chosen_outlets(seeds_analysis, None)
    assert _names(keywords.keyword_charts(every)) == [
        "top words by outlet",
        "top phrases by outlet",
    ]
    assert len(keywords.distinctive_charts(every)) == 2 * len(outlets)
    one = keywords.build(seeds_analysis, keywords.Selection(keywords.WORD, 5, GURU, 1))
    assert list(one.outlet_keywords) == [keywords.WORD]
    assert one.outlets == [GURU]
    assert len(one.distinctive) > len(every.distinctive)  # a lower minimum scores more terms


def test_spelling_and_framing_keep_the_chosen_outlets_and_group(seeds_analysis: Analysis) -> None:
    every = spelling.build(seeds_analysis)
    assert every.groups and every.charted == every.groups
    group = every.groups[0]
    one = spelling.build(seeds_analysis, spelling.Selection((GURU,), group))
    assert set(one.summary[S.OUTLET]) <= {GURU} and set(one.styles[S.OUTLET]) <= {GURU}
    assert _names(spelling.group_charts(one)) == ([f"spelling {group}"] if one.charted else [])
    terms = framing.build(seeds_analysis)
    assert _names(framing.charts(terms))[-1] == "news frames"
    assert len(framing.term_charts(terms)) == 2 * len(terms.groups)
    assert framing.build(seeds_analysis, framing.Selection(group="no such thing")).charted == []


def test_the_timeline_follows_the_most_mentioned_actor_unless_one_is_chosen(
    seeds_analysis: Analysis,
) -> None:
    tables = overview.build(seeds_analysis)
    assert tables.actor == tables.actors[0]
    chosen = overview.build(seeds_analysis, overview.Selection((GURU,), tables.actors[1]))
    assert chosen.actor == tables.actors[1] and set(chosen.timeline[S.OUTLET]) <= {GURU}
    assert _names(overview.charts(chosen)) == [f"timeline {tables.actors[1]}"]
    comparison = overview.compare(seeds_analysis, (GURU,))
    assert set(comparison.cards[S.OUTLET]) == {GURU} and comparison.differences.summary.empty


def test_the_choices_a_page_offers_are_those_its_view_builds(seeds_analysis: Analysis) -> None:
    assert actors.actor_choices(seeds_analysis) == actors.build(seeds_analysis).actors
    fewer = actors.build(seeds_analysis, actors.Selection(min_mentions=1)).actors
    assert actors.actor_choices(seeds_analysis, 1) == fewer
    topic = stance.build(seeds_analysis).topics[0]
    on_topic = stance.build(seeds_analysis, stance.Selection(topic)).actors[topic]
    assert stance.actor_choices(seeds_analysis, topic) == on_topic
    assert stance.actor_choices(seeds_analysis, "no such topic") == []
    assert overview.timeline_actors(seeds_analysis) == overview.build(seeds_analysis).actors
    outlets = base.outlets_of(seeds_analysis.articles)
    assert outlets == sorted(set(seeds_analysis.articles[S.OUTLET])) and GURU in outlets


def test_voices_rank_the_speakers_and_count_their_quotes(seeds_analysis: Analysis) -> None:
    tables = voices.build(seeds_analysis)
    counts = list(tables.speakers.values())
    assert counts == sorted(counts, reverse=True)
    assert sum(counts) == voices.quote_count(tables) == len(seeds_analysis.quotes)
    speaker = next(iter(tables.speakers))
    quotes = voices.quotes(seeds_analysis, speaker=speaker)
    assert voices.quote_count(tables, speaker) == tables.speakers[speaker] == len(quotes)
    assert voices.quote_count(tables, speaker, True) == int(quotes[S.DIRECT].sum())


def test_keywords_offer_the_unique_keywords_and_the_terms_to_show_in_context(
    seeds_analysis: Analysis,
) -> None:
    one = keywords.build(seeds_analysis, keywords.Selection(keywords.WORD, outlet=GURU))
    only = one.only[keywords.WORD]
    listed = one.outlet_keywords[keywords.WORD]
    assert set(only[S.KEY]) <= set(listed[S.KEY])
    assert all(listed[S.KEY].tolist().count(key) == 1 for key in only[S.KEY])
    offered = keywords.context_choices(one, keywords.WORD)
    assert len(offered) == len(set(offered))
    assert offered[: listed[S.KEY].nunique()] == list(dict.fromkeys(listed[S.KEY]))
    strongest = one.distinctive.nlargest(1, S.Z)[S.TERM].iloc[0]
    assert strongest in offered
    alone = one._replace(outlets=[])  # a single outlet: no distinctive terms are offered
    assert keywords.context_choices(alone, keywords.WORD) == list(dict.fromkeys(listed[S.KEY]))
    found = keywords.contexts(seeds_analysis, "Zelensky")
    by_outlet = keywords.by_outlet(found, 3)
    assert sum(by_outlet.counts.values()) == len(found)
    assert list(by_outlet.shown) == sorted(by_outlet.shown)
    assert sum(len(rows) for rows in by_outlet.shown.values()) == min(3, len(found))


def test_spelling_and_framing_count_their_groups_and_chart_the_chosen_one(
    seeds_analysis: Analysis,
) -> None:
    every = spelling.build(seeds_analysis)
    assert list(every.counts) == every.groups
    group = every.groups[-1]
    rows = spelling.group_rows(every, group)
    assert every.counts[group] == (rows[S.VARIANT].nunique(), rows[spelling.USES].sum())
    one = spelling.build(seeds_analysis, spelling.Selection(group=group))
    assert spelling.of_group(every, group).charted == one.charted == [group]
    assert spelling.of_group(every, None) is every
    terms = framing.build(seeds_analysis)
    uses = list(terms.uses.values())
    assert list(terms.uses) == terms.groups and uses == sorted(uses, reverse=True)
    group = terms.groups[0]
    chosen = framing.build(seeds_analysis, framing.Selection(group=group))
    assert framing.of_group(terms, group).charted == chosen.charted == [group]
    in_group = terms.term_summary[terms.term_summary[S.GROUP] == group]
    assert framing.group_terms(terms, group) == sorted(set(in_group[S.TERM]))
    labelled = terms.label_summary.groupby(S.ACTOR)[S.COUNT].sum()
    assert [labelled[actor] for actor in terms.actors] == sorted(labelled, reverse=True)


def test_a_card_is_its_outlets_facts_section_by_section(seeds_analysis: Analysis) -> None:
    cards = overview.compare(seeds_analysis).cards
    sections = overview.card_sections(cards, GURU)
    assert sections[0][0] == "articles"
    assert len({section for section, _ in sections}) == len(sections)
    assert all(set(rows[S.OUTLET]) == {GURU} for _, rows in sections)
    assert sum(len(rows) for _, rows in sections) == int((cards[S.OUTLET] == GURU).sum())


def test_evidence_is_each_mention_or_statement_with_its_sentence_and_article(
    seeds_analysis: Analysis,
) -> None:
    actor = actors.build(seeds_analysis).actors[0]
    rows = actors.evidence(seeds_analysis, GURU, actor)
    guru = chosen_articles(seeds_analysis, [GURU])
    sentiment = seeds_analysis.actor_sentiment
    expected = sentiment[sentiment[S.ARTICLE_ID].isin(guru) & (sentiment[S.ACTOR] == actor)]
    assert len(rows) == len(expected) > 0 and set(rows[S.OUTLET]) == {GURU}
    for row in rows.itertuples(index=False):
        mention = row.sentence[row.start - row.sentence_start : row.end - row.sentence_start]
        assert mention == row.surface
    topics = stance.build(seeds_analysis)
    topic = topics.topics[0]
    holder = topics.actors[topic][0]
    said = stance.evidence(seeds_analysis, topic, holder)
    assert len(said) > 0 and set(said[S.ACTOR]) == {holder} and set(said[S.TOPIC]) == {topic}
    assert (said[SENTENCE_START] <= said[S.START]).all()
    assert stance.evidence(seeds_analysis, topic, holder, ()).empty


def test_a_corpus_wide_summary_is_made_once_for_every_selection_that_filters_it(
    seeds_analysis: Analysis, monkeypatch: pytest.MonkeyPatch
) -> None:
    made: list[int] = []
    real = stance.stance_summary

    def counted(*args: object) -> object:
        made.append(1)
        return real(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(stance, "stance_summary", counted)
    fresh = replace(seeds_analysis)  # a new analysis: nothing made for it yet
    topic = stance.build(fresh).topics[0]
    for selection in (stance.Selection(topic), stance.Selection(topic, (GURU,), ("Putin",))):
        stance.build(fresh, selection)
    assert len(made) == 1
    stance.build(replace(seeds_analysis), stance.Selection(topic))
    assert len(made) == 2  # another analysis, its own summary


def test_uses_labels_and_answers_are_read_for_what_is_shown(seeds_analysis: Analysis) -> None:
    hits = seeds_analysis.spelling_hits
    group = hits[S.GROUP].value_counts().index[0]
    every, total = spelling.uses(seeds_analysis, group, None)
    assert total == len(every) == (hits[S.GROUP] == group).sum()
    first, total = spelling.uses(seeds_analysis, group, (GURU,), 1)
    guru = chosen_articles(seeds_analysis, [GURU])
    assert total == ((hits[S.GROUP] == group) & hits[S.ARTICLE_ID].isin(guru)).sum()
    assert len(first) == min(total, 1)
    term = seeds_analysis.term_hits[S.TERM].iloc[0]
    rows, total = framing.uses(seeds_analysis, term, None)
    assert total == len(rows) == (seeds_analysis.term_hits[S.TERM] == term).sum()
    actor = seeds_analysis.labels[S.ACTOR].iloc[0]
    rows, total = framing.labels(seeds_analysis, actor, None, 2)
    assert len(rows) <= 2 and total == (seeds_analysis.labels[S.ACTOR] == actor).sum()
    answers = seeds_analysis.frame_answers
    article = answers[S.ARTICLE_ID].iloc[0]
    assert len(framing.answers(seeds_analysis, article)) == (answers[S.ARTICLE_ID] == article).sum()
    assert framing.answers(seeds_analysis)[S.HEADLINE].all()


def test_keyword_contexts_read_only_the_sentences_that_can_hold_the_term(
    corpus_dev_analysis: Analysis, tmp_path: Path
) -> None:
    analysis, registry = corpus_dev_analysis, default_registry()
    write_results(analysis, tmp_path, settings=DEFAULT_SETTINGS, csv=False)
    stored = read_results(tmp_path)
    keys = analysis.keywords.drop_duplicates(S.KEY)[S.KEY].head(40).tolist()
    terms = analysis.distinctive_terms.drop_duplicates(S.TERM)[S.TERM].head(20).tolist()
    typed = ["zelensky", "Zelenskiy’s", "erdoğan", "Volodymyr Zelensky", "kiev", "said", "nobody"]
    for term in [*keys, *terms, *typed]:
        expected = keyword_in_context(
            analysis.sentences, analysis.articles, term, registry=registry
        )
        pd.testing.assert_frame_equal(keywords.contexts(analysis, term, registry), expected)
        pd.testing.assert_frame_equal(keywords.contexts(stored, term, registry), expected)
    assert not stored.loaded("sentences")  # only the sentences that match were read
    zelensky = keywords.contexts(analysis, "zelensky", registry)
    assert {"Zelensky", "Zelenskyy", "Zelenskiy"} <= {
        text[start:end].split()[-1]
        for text, start, end in zip(
            zelensky[S.TEXT], zelensky[S.START], zelensky[S.END], strict=True
        )
    }


def test_the_cards_of_chosen_outlets_are_theirs_taken_from_those_of_every_outlet(
    corpus_dev_analysis: Analysis, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    analysis = corpus_dev_analysis
    outlets = sorted(set(analysis.articles[S.OUTLET]))
    overview.compare(analysis)  # the cards of every outlet are at hand from now on
    write_results(analysis, tmp_path, settings=DEFAULT_SETTINGS, csv=False)
    stored = read_results(tmp_path)
    made: list[Analysis] = []

    def counted(chosen: Analysis, **options: object) -> pd.DataFrame:
        made.append(chosen)
        return outlet_cards(chosen, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(overview, "outlet_cards", counted)
    for chosen in (tuple(outlets[:5]), tuple(outlets[3:12]), tuple(outlets[::2])):
        expected = outlet_cards(analysis.subset(chosen))
        found = differences(analysis.subset(chosen))
        for opened in (analysis, stored):
            comparison = overview.compare(opened, chosen)
            pd.testing.assert_frame_equal(comparison.cards, expected)
            pd.testing.assert_frame_equal(comparison.differences.summary, found.summary)
            pd.testing.assert_frame_equal(comparison.differences.evidence, found.evidence)
    assert made == []  # every card came from the cards of every outlet


def test_outlet_batches_are_runs_of_outlets_in_name_order_of_at_most_so_many_articles(
    corpus_dev_analysis: Analysis,
) -> None:
    articles = corpus_dev_analysis.articles
    sizes = articles.groupby(S.OUTLET).size()
    for most in (1, 2, 3, 7, len(articles)):
        batches = outlet_batches(articles, most)
        assert [outlet for batch in batches for outlet in batch] == sorted(sizes.index)
        for batch in batches:
            assert len(batch) == 1 or sizes[batch].sum() <= most
        for before, after in pairwise(batches):
            assert sizes[[*before, after[0]]].sum() > most  # a run ends only when full
    assert outlet_batches(articles, len(articles)) == [sorted(sizes.index)]


def test_a_stored_analysis_is_summarised_a_few_outlets_at_a_time_as_the_whole_would_be(
    corpus_dev_analysis: Analysis, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    analysis = corpus_dev_analysis
    write_results(analysis, tmp_path, settings=DEFAULT_SETTINGS, csv=False)
    manifest = json.loads((tmp_path / MANIFEST).read_text(encoding="utf-8"))
    del manifest["summaries"]  # as an analysis stored without them: made from the tables
    (tmp_path / MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
    whole: list[str] = []
    batches: list[list[str]] = []
    real = FolderStore.read

    def read(store: FolderStore, name: str) -> pd.DataFrame:
        if store.outlets is None:
            whole.append(name)
        elif name in ARTICLE_TABLES:
            batches.append(list(store.outlets))
        return real(store, name)

    monkeypatch.setattr(FolderStore, "read", read)
    monkeypatch.setattr(base, "BATCH_ARTICLES", 4)
    expected = summarise(analysis)
    found = summarise(read_results(tmp_path))
    assert list(found) == list(expected)
    for name, summary in expected.items():
        frames = summary if isinstance(summary, tuple) else (summary,)
        made = found[name] if isinstance(found[name], tuple) else (found[name],)
        for frame, other in zip(made, frames, strict=True):
            pd.testing.assert_frame_equal(frame, other)
    assert set(whole) <= {"articles", *OUTLET_TABLES}  # no per-article table read whole
    assert batches and {tuple(b) for b in batches} <= {
        tuple(b) for b in outlet_batches(analysis.articles, 4)
    }


def test_spelling_says_nothing_the_candidates_contradict(seeds_analysis: Analysis) -> None:
    """Issue 44: "Every outlet spells every name the same way here" while the candidates
    below showed an outlet writing a name two ways."""
    from analysis.charts import house_style_heatmap
    from analysis.views import spelling

    styles = spelling.build(seeds_analysis).styles
    alike = styles.assign(style="X", variants="X 1")
    said = house_style_heatmap(alike, candidates=2).layout.annotations[0].text
    assert "2 other names are" in said and "Spellings found in this corpus" in said
    assert "every name" not in house_style_heatmap(alike).layout.annotations[0].text


def test_a_name_used_too_rarely_is_no_heatmap(corpus_dev_analysis: Analysis) -> None:
    """Issue 44: a single use was drawn as a full heatmap."""
    from analysis.views import spelling

    tables = spelling.build(corpus_dev_analysis)
    rare = [g for g, c in tables.counts.items() if c.uses < spelling.MIN_CHART_USES]
    common = [g for g, c in tables.counts.items() if c.uses >= spelling.MIN_CHART_USES]
    assert rare and common
    charts = {chart.name: chart.figure for chart in spelling.group_charts(tables)}
    figure = charts[f"spelling {rare[0]}"]
    assert not figure.data and "too few to compare outlets" in figure.layout.annotations[0].text
    assert charts[f"spelling {common[0]}"].data[0].type == "heatmap"


def test_distinctive_terms_only_for_outlets_with_enough_text(
    corpus_dev_analysis: Analysis,
) -> None:
    """Issue 44: the distinctive terms of one-article outlets were noise."""
    from analysis.views import keywords as keywords_view

    enough, small = keywords_view.distinctive_outlets(corpus_dev_analysis)
    words = corpus_dev_analysis.articles.groupby(S.OUTLET)[S.N_WORDS].sum()
    assert enough and small
    assert all(words[o] < MIN_DISTINCTIVE_WORDS for o in small)
    tables = keywords_view.build(corpus_dev_analysis)
    assert tables.outlets == enough
    alone = keywords_view.build(corpus_dev_analysis, keywords_view.Selection(outlet=small[0]))
    assert alone.outlets == []
