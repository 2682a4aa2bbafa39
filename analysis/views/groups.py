"""The Groups page's view: groups of outlets compared with tests (:mod:`analysis.groups`).

The groups come from the outlets file (:mod:`analysis.outlets`); without one that groups
anything, from the proposals the corpus makes (countries from the domains, languages from the
texts), said as such. ``build(analysis, selection, outlets=...)`` compares the chosen groups;
:func:`evidence` gives the rows (with their sentences) behind one comparison;
:func:`sentence` writes a finding as the Overview shows it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from analysis import groups as G
from analysis import schema as S
from analysis.charts import (
    HEIGHT,
    TEMPLATE,
    TITLE_LINE_PIXELS,
    empty_figure,
    interval_bars,
    label,
    wrapped,
)
from analysis.outlets import Outlets, accept, groupings, propose_outlets
from analysis.tables import Analysis
from analysis.views.base import SENTENCE, Chart, once, per_outlet, with_sentences

PAGE = "Groups"
#: The choice of ``group`` that compares every group with the rest.
EACH = G.EVERY
#: Comparisons charted per measure (the rest are in the table).
CHARTED = 8
#: Distinctive terms listed per group compared.
TERMS = 15
#: Evidence rows listed per comparison.
EVIDENCE_ROWS = 200
#: Pixels of each comparison charted and of each panel's title and axis: every comparison
#: gets its name (a panel too short for its names would leave some out).
ROW_PIXELS, PANEL_PIXELS = 26, 70
#: Colours of a finding (q <= 0.05) and of the other comparisons.
FOUND, NOT_FOUND = "#1f5fa8", "#9a9a9a"


@dataclass(frozen=True)
class Selection:
    """The Groups page's choices: the ``grouping`` (a label of the outlets file: country,
    language or one of the user's; None: the first), the ``group`` compared (None: the one
    with most articles; :data:`EACH`: every group with the rest) and what it is compared
    ``versus`` (a group or :data:`analysis.groups.REST`; None: the next largest group)."""

    grouping: str | None = None
    group: str | None = None
    versus: str | None = None


class Tables(NamedTuple):
    """What the Groups page shows: the ``groupings`` offered and the one chosen, whether
    they are ``proposed`` (from the corpus, not the outlets file), the chosen ``group`` and
    ``versus``, the ``sizes`` of the groups (outlets, articles), the ``differences``
    (:func:`analysis.groups.compare`), the distinctive ``terms`` between the groups and a
    ``notice`` saying why nothing is compared ("" when something is)."""

    groupings: list[str]
    grouping: str
    proposed: bool
    group: str
    versus: str
    sizes: pd.DataFrame
    differences: pd.DataFrame
    terms: pd.DataFrame
    notice: str


@per_outlet
def _measures(analysis: Analysis) -> pd.DataFrame:
    """The per-article measures in the order of the outlets' names (as :func:`per_outlet`
    promises: a stored analysis makes them a few outlets at a time)."""
    made = G.article_measures(
        analysis.articles,
        actor_sentiment=analysis.actor_sentiment,
        quotes=analysis.quotes,
        stance=analysis.stance,
        frames=analysis.frames,
        terms=analysis.terms,
    )
    outlet = made[S.ARTICLE_ID].map(analysis.articles.set_index(S.ARTICLE_ID)[S.OUTLET])
    order = outlet.reset_index(drop=True).sort_values(kind="stable").index
    return made.iloc[order].reset_index(drop=True)


def _coded_measures(analysis: Analysis) -> pd.DataFrame:
    made = once(analysis, _measures)
    return made.astype({c: "category" for c in (S.ARTICLE_ID, S.KIND, S.ITEM)})


def measures(analysis: Analysis) -> pd.DataFrame:
    """The per-article measures of ``analysis`` (:func:`analysis.groups.article_measures`),
    their text columns categorical: made once (and stored with a results folder, which
    reads them back in a second where their text took four)."""
    return once(analysis, _coded_measures)


def outlets_used(analysis: Analysis, outlets: Outlets) -> tuple[Outlets, bool]:
    """The outlets the groups come from: ``outlets`` when they group anything, else the
    corpus's proposals taken as they are (True: proposed)."""
    if groupings(outlets):
        return outlets, False
    return accept(propose_outlets(analysis.articles, outlets)), True


def _empty(columns: tuple[str, ...] | list[str]) -> pd.DataFrame:
    return pd.DataFrame(columns=list(columns))


class Options(NamedTuple):
    """What the Groups page offers before it compares: the ``groupings``, the one chosen
    (``grouping``, "" when there is none), whether they are ``proposed`` (from the corpus,
    not the outlets file), the articles' ``groups`` in it and their ``sizes`` (largest
    first)."""

    groupings: list[str]
    grouping: str
    proposed: bool
    groups: pd.DataFrame
    sizes: pd.DataFrame


def options(analysis: Analysis, grouping: str | None = None, *, outlets: Outlets = ()) -> Options:
    """The groupings of ``outlets`` (or of the corpus's proposals) and the groups of
    ``grouping`` (None, or one not offered: the first)."""
    used, proposed = outlets_used(analysis, outlets)
    offered = list(groupings(used))
    chosen = grouping if grouping in offered else (offered[0] if offered else "")
    groups = once(analysis, _article_groups, used, chosen)
    return Options(offered, chosen, proposed, groups, G.group_sizes(groups))


def _article_groups(analysis: Analysis, outlets: Outlets, grouping: str) -> pd.DataFrame:
    return G.article_groups(analysis.articles, outlets, grouping)


def build(
    analysis: Analysis, selection: Selection = Selection(), *, outlets: Outlets = ()
) -> Tables:
    """The Groups page's tables for ``selection`` with the groups of ``outlets``."""
    offered = options(analysis, selection.grouping, outlets=outlets)
    names = offered.sizes[S.GROUP].tolist()
    group, versus = _pair(selection, names)
    empty = Tables(
        offered.groupings,
        offered.grouping,
        offered.proposed,
        group,
        versus,
        offered.sizes,
        _empty(S.GROUP_DIFFERENCE_COLUMNS),
        _empty([S.GROUP, S.VERSUS, S.TERM, S.COUNT, S.Z]),
        "",
    )
    if not offered.grouping:
        return empty._replace(
            notice="No outlet has a group yet: write an outlets file (below) with a country, "
            "a language or labels of your own for each outlet."
        )
    if len(names) < 2:
        return empty._replace(
            notice=f"Only {len(names)} group of {offered.grouping} has articles: there is "
            "nothing to compare."
        )
    pairs = G.pairs_of(offered.groups, EACH if group == EACH else group, versus)
    differences = G.compare(measures(analysis), offered.groups, pairs)
    groups = offered.groups
    of_outlet = groups.drop_duplicates(S.OUTLET).set_index(S.OUTLET)[S.GROUP]
    terms = G.distinctive_between(analysis.distinctive_terms, of_outlet, pairs)
    terms = terms.groupby([S.GROUP, S.VERSUS], sort=False).head(TERMS).reset_index(drop=True)
    notice = "" if len(differences) else "The groups share no actor, speaker, frame or term."
    return empty._replace(differences=differences, terms=terms, notice=notice)


def _pair(selection: Selection, names: list[str]) -> tuple[str, str]:
    """The group and versus of ``selection`` among the groups ``names`` (largest first)."""
    group = selection.group if selection.group in [EACH, *names] else None
    group = group or (names[0] if names else "")
    others = [n for n in names if n != group]
    versus = selection.versus if selection.versus in [G.REST, *others] else None
    if group == EACH:
        return group, G.REST
    return group, versus or (others[0] if others else G.REST)


def finding_label(row: pd.Series | dict[str, object]) -> str:
    """What one comparison measures: "sentiment toward Trump", "quote share of Putin"..."""
    kind, item = str(row[S.KIND]), str(row[S.ITEM])
    return {
        G.SENTIMENT: f"sentiment toward {item}",
        G.QUOTE_SHARE: f"quote share of {item}",
        G.STANCE: f"statements {item}",
        G.FRAME: f"{item} frame",
        G.TERM: f"'{item}' per 1,000 words",
    }.get(kind, item)


def sentence(row: pd.Series | dict[str, object], grouping: str) -> str:
    """A comparison in words: ``Pakistan (country): sentiment toward Trump +0.31 [0.12,
    0.49] vs India, q = 0.01, 7 vs 6 outlets, 9 vs 8 articles``."""
    found = (
        f"{row[S.GROUP]} ({grouping}): {finding_label(row)} {row[S.DIFFERENCE]:+.2f} "
        f"[{row[S.CI_LOW]:.2f}, {row[S.CI_HIGH]:.2f}] vs {row[S.VERSUS]}, "
        f"q = {row[S.Q_VALUE]:.2g}"
    )
    return (
        f"{found}, {row[S.GROUP_OUTLETS]} vs {row[S.VERSUS_OUTLETS]} outlets, "
        f"{row[S.ARTICLES]} vs {row[S.VERSUS_ARTICLES]} articles"
    )


def largest_rows(tables: Tables, most: int = 3) -> pd.DataFrame:
    """The ``most`` largest findings (q <= 0.05), largest effect first."""
    found = G.findings(tables.differences)
    order = found[S.EFFECT].abs().sort_values(ascending=False, kind="stable").index
    return found.loc[order].head(most).reset_index(drop=True)


def largest(tables: Tables, most: int = 3) -> list[str]:
    """The sentences of :func:`largest_rows`."""
    return [sentence(row, tables.grouping) for _, row in largest_rows(tables, most).iterrows()]


def difference_chart(differences: pd.DataFrame, grouping: str) -> go.Figure:
    """Each comparison tested as its difference (group minus versus) with its 95% interval,
    a panel per measure (each on its own scale), :data:`CHARTED` per measure with the
    smallest q; findings (q <= 0.05) in blue."""
    title = f"Differences between groups by {grouping}, with 95% intervals"
    tested = differences[differences[S.TESTED]] if len(differences) else differences
    if tested.empty:
        return empty_figure(title, "No comparison has enough outlets and articles to test.")
    kinds = [k for k in G.KINDS if k in set(tested[S.KIND])]
    counts = [min(CHARTED, int((tested[S.KIND] == k).sum())) for k in kinds]
    height = sum(ROW_PIXELS * n + PANEL_PIXELS for n in counts) + 120
    figure = make_subplots(
        rows=len(kinds),
        cols=1,
        subplot_titles=[label(k) for k in kinds],
        row_heights=[ROW_PIXELS * n + PANEL_PIXELS for n in counts],
        vertical_spacing=min(0.08, PANEL_PIXELS / height),
    )
    several = tested[[S.GROUP, S.VERSUS]].drop_duplicates().shape[0] > 1
    for number, kind in enumerate(kinds, 1):
        rows = tested[tested[S.KIND] == kind].head(CHARTED).iloc[::-1]
        names = [
            label(r[S.ITEM])
            + (f" — {label(r[S.GROUP])} vs {label(r[S.VERSUS])}" if several else "")
            for _, r in rows.iterrows()
        ]
        colours = [FOUND if q <= G.ALPHA else NOT_FOUND for q in rows[S.Q_VALUE]]
        figure.add_trace(
            go.Scatter(
                x=rows[S.DIFFERENCE],
                y=names,
                mode="markers",
                marker={"color": colours, "size": 10},
                error_x=interval_bars(
                    rows[S.DIFFERENCE], rows[S.CI_LOW], rows[S.CI_HIGH], "#555555"
                ),
                customdata=rows[[S.Q_VALUE, S.ARTICLES, S.VERSUS_ARTICLES]].to_numpy(),
                hovertemplate="%{y}: %{x:+.3f}<br>q = %{customdata[0]:.2g}, "
                "%{customdata[1]} vs %{customdata[2]} articles<extra></extra>",
                showlegend=False,
            ),
            row=number,
            col=1,
        )
        figure.add_vline(x=0, line={"color": "#999999", "dash": "dot"}, row=number, col=1)
    pair = tested.iloc[0]
    subtitle = f"{pair[S.GROUP]} minus {pair[S.VERSUS]}" if not several else "group minus versus"
    text = wrapped(f"{title} ({subtitle}; blue: q ≤ 0.05)")
    figure.update_layout(
        template=TEMPLATE,
        title={"text": text},
        height=max(HEIGHT, height),
        margin={"t": 80 + text.count("<br>") * TITLE_LINE_PIXELS},
    )
    return figure


def charts(tables: Tables) -> list[Chart]:
    """The differences with their intervals."""
    return [Chart(PAGE, "group differences", difference_chart(tables.differences, tables.grouping))]


def _split(item: str, separator: str) -> tuple[str, str]:
    head, _, tail = item.rpartition(separator)
    return head, tail


def evidence(
    analysis: Analysis,
    kind: str,
    item: str,
    article_ids: frozenset[str],
    limit: int = EVIDENCE_ROWS,
) -> pd.DataFrame:
    """The rows behind one comparison, in the articles ``article_ids`` (those of the two
    sides): the mentions of the actor, the quotes of the speaker, the statements, the
    articles' frame evidence or the uses of the term, the first ``limit`` in table order,
    with their sentence, outlet and title."""
    rows = _evidence_rows(analysis, kind, item, {S.ARTICLE_ID: article_ids}, limit)
    first = [S.OUTLET, S.TITLE, SENTENCE]
    return rows[[c for c in first if c in rows] + [c for c in rows if c not in first]]


def _evidence_rows(
    analysis: Analysis, kind: str, item: str, ids: dict[str, frozenset[str]], limit: int
) -> pd.DataFrame:
    if kind == G.SENTIMENT:
        rows = analysis.rows("actor_sentiment", limit, **{S.ACTOR: [item]}, **ids)
        return with_sentences(rows[[S.ARTICLE_ID, S.SENT_ID, S.SURFACE, S.POLARITY]], analysis)
    if kind == G.QUOTE_SHARE:
        rows = analysis.rows("quotes", limit, **{S.SPEAKER: [item]}, **ids)
        return with_sentences(rows[[S.ARTICLE_ID, S.SENT_ID, S.SPEAKER, S.VERB]], analysis)
    if kind == G.STANCE:
        actor, rest = item.split(" → ", 1)
        topic, stance = _split(rest, ": ")
        where = {S.ACTOR: [actor], S.TOPIC: [topic], S.STANCE: [stance]}
        rows = analysis.rows("stance", limit, **where, **ids)
        return with_sentences(rows[[S.ARTICLE_ID, S.SENT_ID, S.STANCE, S.CUE]], analysis)
    if kind == G.TERM:
        term, group = _split(item.removesuffix(")"), " (")
        rows = analysis.rows("terms", limit, **{S.TERM: [term], S.GROUP: [group]}, **ids)
        return with_sentences(rows[[S.ARTICLE_ID, S.SENT_ID, S.TERM, S.COUNT]], analysis)
    rows = analysis.rows("frames", limit, **{S.FRAME: [item]}, **ids)
    rows = rows[rows[S.SCORE] > 0][[S.ARTICLE_ID, S.SCORE, S.EVIDENCE]]
    return rows.merge(analysis.articles[[S.ARTICLE_ID, S.OUTLET, S.TITLE]], on=S.ARTICLE_ID)


def side_articles(
    analysis: Analysis, outlets: Outlets, grouping: str, group: str, versus: str
) -> frozenset[str]:
    """The articles of ``group`` and of ``versus`` (:data:`analysis.groups.REST`: every
    other grouped article) in ``grouping``."""
    groups = options(analysis, grouping, outlets=outlets).groups
    kept = groups[(groups[S.GROUP] == group) | (versus == G.REST) | (groups[S.GROUP] == versus)]
    return frozenset(kept[S.ARTICLE_ID].astype(str))
