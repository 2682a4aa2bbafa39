"""Tests of the Spelling page's view (analysis/views/spelling.py), and of what it shares with
the Framing page's."""

from __future__ import annotations

from analysis import schema as S
from analysis.tables import Analysis
from analysis.views import (
    framing,
    spelling,
)
from tests.view_cases import GURU, chart_names


def test_spelling_and_framing_keep_the_chosen_outlets_and_group(seeds_analysis: Analysis) -> None:
    every = spelling.build(seeds_analysis)
    assert every.groups and every.charted == every.groups
    group = every.groups[0]
    one = spelling.build(seeds_analysis, spelling.Selection((GURU,), group))
    assert set(one.summary[S.OUTLET]) <= {GURU} and set(one.styles[S.OUTLET]) <= {GURU}
    assert chart_names(spelling.group_charts(one)) == ([f"spelling {group}"] if one.charted else [])
    terms = framing.build(seeds_analysis)
    assert chart_names(framing.charts(terms))[-1] == "news frames"
    assert len(framing.term_charts(terms)) == 2 * len(terms.groups)
    assert framing.build(seeds_analysis, framing.Selection(group="no such thing")).charted == []


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


def test_spelling_says_nothing_the_candidates_contradict(seeds_analysis: Analysis) -> None:
    """Issue 44: "Every outlet spells every name the same way here" while the candidates
    below showed an outlet writing a name two ways."""
    from analysis.views import spelling
    from analysis.word_charts import house_style_heatmap

    styles = spelling.build(seeds_analysis).styles
    alike = styles.assign(style="X", variants="X 1")
    said = house_style_heatmap(alike, candidates=2).layout.annotations[0].text
    said = said.replace("<br>", " ")
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
    assert f"spelling {rare[0]}" not in charts  # no empty chart: the page says why
    assert "too few to compare outlets" in spelling.too_few_of(tables, rare[0])
    assert not spelling.too_few_of(tables, common[0])
    assert charts[f"spelling {common[0]}"].data[0].type == "heatmap"


def test_a_corpus_with_no_contested_group_opens_on_the_names_it_writes_two_ways(
    seeds_analysis: Analysis,
) -> None:
    """Issue 44: on a story none of the variant groups is about (PolNeAR), the Spelling page
    opened on an empty chart while its candidates list had names written two ways."""
    import pandas as pd

    from analysis.views import spelling

    tables = spelling.build(seeds_analysis)
    alike = tables.styles.assign(style="X", variants="X 1")
    candidates = pd.DataFrame(
        [("J. D. Vance", "J. D. Vance; JD Vance", "J. D. Vance 3; JD Vance 1")],
        columns=[S.GROUP, S.VARIANTS, S.COUNTS],
    )
    (chart,) = spelling.style_charts(tables._replace(styles=alike, candidates=candidates))
    assert chart.name == "spellings found"
    bars = chart.figure.data
    assert [list(b.x) for b in bars] == [[3], [1]]
    assert [list(b.text) for b in bars] == [["J. D. Vance"], ["JD Vance"]]
    assert not spelling.style_charts(tables._replace(styles=alike, candidates=candidates[:0]))
