"""Groups: groups of outlets (by country, language or labels of the user's) compared with
tests, each difference with the sentences behind it."""

from __future__ import annotations

import streamlit as st

from analysis import groups as G
from analysis import schema as S
from analysis.corpus import Corpus
from analysis.outlets import outlets_frame, propose_outlets, with_proposals
from analysis.views import groups as view
from pages._ui import data, guard, state, widgets
from pages._ui.safe import md

st.set_page_config(page_title="Groups · presslens", page_icon="📰", layout="wide")

DIFFERENCES = widgets.Table(
    "Table: every comparison, by q",
    "group_differences.csv",
    "mean and versus_mean: the measure in the group's and the other side's articles; "
    "difference: group minus versus, with its 95% interval (ci_low, ci_high: the bootstrap "
    "over articles); effect: Cohen's d (0.2 small, 0.5 medium, 0.8 large); p: the permutation "
    "test over articles; q: p corrected for every comparison (Benjamini-Hochberg), a finding "
    "when q <= 0.05; reason: why a comparison was not tested.",
)
OUTLETS_TITLE = "Outlets file: country, language, your own groups, aliases"
OUTLETS_CAPTION = (
    "One row per outlet, named as the corpus names it. groups: your own labels, written "
    "grouping = label and separated by ';' (lean = left; ownership = state). aliases: other "
    "names or domains of the same outlet, merged into it. Rows ticked 'proposed' were proposed "
    "from the corpus (the country from the domain, the language from the texts) and group "
    "nothing until you untick them and apply."
)
OUTLETS_KEYS = widgets.file_keys(state.GROUPS, "outlets_form", "outlets_upload")
#: The choices made within a grouping's groups: they start again from their defaults (the
#: largest group, the next largest) in another grouping or with another outlets file.
WITHIN_GROUPING = (state.GROUPS.group, state.GROUPS.versus, state.GROUPS.finding)
OUTLETS_FILE = widgets.DataFile(
    "outlets",
    OUTLETS_TITLE,
    OUTLETS_CAPTION,
    OUTLETS_KEYS,
    column_config={"proposed": st.column_config.CheckboxColumn("proposed")},
    resets=(state.GROUPS.grouping, *WITHIN_GROUPING),
)
#: Comparisons offered for their sentences.
OFFERED = 60


def filters(corpus: Corpus) -> view.Selection:
    """The grouping, the group and what it is compared with."""
    first = data.group_options(corpus, None)
    left, middle, right = st.columns(3)
    grouping = widgets.selectbox(
        left, "Group the outlets by", first.groupings, key=state.GROUPS.grouping
    )
    widgets.forget_on_change(state.GROUPS.grouping, grouping, WITHIN_GROUPING)
    offered = first if grouping == first.grouping else data.group_options(corpus, grouping)
    names = offered.sizes[S.GROUP].tolist()
    group = widgets.selectbox(middle, "Compare", [*names, view.EACH], key=state.GROUPS.group)
    others = [n for n in names if n != group] if group != view.EACH else []
    versus = widgets.selectbox(right, "with", [*others, G.REST], key=state.GROUPS.versus)
    return view.Selection(grouping, group, versus)


def _count(number: int, word: str) -> str:
    return f"{number} {word}{'s' * (number != 1)}"


def sizes(tables: view.Tables) -> None:
    if tables.proposed:
        st.info(
            "These groups are proposals from the corpus: each outlet's country from its "
            "domain (.pk, .in, .co.uk...) and its language from its articles. Check them, and "
            "accept or correct them in the outlets file below."
        )
    listed = [
        f"{md(r[S.GROUP])} ({_count(r[S.OUTLETS], 'outlet')}, {_count(r[S.ARTICLES], 'article')})"
        for _, r in tables.sizes.iterrows()
    ]
    if listed:
        st.caption("Groups: " + "; ".join(listed))


def evidence(corpus: Corpus, tables: view.Tables) -> None:
    """The sentences behind one comparison."""
    tested = tables.differences[tables.differences[S.TESTED]].head(OFFERED)
    if tested.empty:
        return
    st.subheader("The sentences behind a comparison")
    labels = {
        view.sentence(row, tables.grouping): (row[S.KIND], row[S.ITEM], row[S.GROUP], row[S.VERSUS])
        for _, row in tested.iterrows()
    }
    chosen = widgets.selectbox(st, "Comparison", list(labels), key=state.GROUPS.finding)
    kind, item, group, versus = labels[chosen]
    rows = data.group_evidence(corpus, kind, item, tables.grouping, group, versus)
    st.caption(
        f"The first {len(rows):,} rows in the articles of {md(group)} and {md(versus)}; "
        "sentence: where each was found."
    )
    st.dataframe(rows, hide_index=True, width="stretch")


def main() -> None:
    st.title("Groups")
    st.write(
        "Groups of outlets compared: sentiment toward each actor, the share of quotes of each "
        "speaker, stance statements, frames and contested terms. Each article counts once; "
        "a difference is tested by permuting the groups of the articles, with a 95% interval "
        "and q-values corrected for the number of comparisons. A group needs at least "
        f"{G.MIN_OUTLETS} outlets and {G.MIN_ARTICLES} articles to be tested."
    )
    corpus = widgets.require_corpus()
    proposals = propose_outlets(corpus.articles, data.session_outlets())
    frame = outlets_frame(with_proposals(data.session_outlets(), proposals))
    selection = filters(corpus)
    tables = data.groups_built(corpus, selection)
    sizes(tables)
    if tables.notice:
        st.info(tables.notice)
    found = view.largest(tables, most=5)
    if found:
        st.markdown("**Largest differences (q ≤ 0.05)**")
        st.markdown("\n".join(f"- {md(line)}" for line in found))
    elif len(tables.differences):
        st.caption("No difference reaches q ≤ 0.05.")
    widgets.charts_and_table(view.charts(tables), tables.differences, DIFFERENCES, corpus)
    if len(tables.terms):
        st.subheader("Distinctive terms of each group")
        st.caption("z: log-odds with an informative prior; > 1.96: used more by the group.")
        st.dataframe(tables.terms, hide_index=True, width="stretch")
    evidence(corpus, tables)
    widgets.data_file_editor(OUTLETS_FILE, frame)


guard.run_page(state.GROUPS.view, main)
