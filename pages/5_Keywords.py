"""Keywords: what each outlet talks about, and the words that set it apart."""

from __future__ import annotations

from dataclasses import replace

import streamlit as st

from analysis import schema as S
from analysis.corpus import Corpus
from analysis.keywords import MIN_DISTINCTIVE_WORDS, PHRASE, WORD
from analysis.views import keywords as view
from analysis.views.base import outlets_of
from pages._ui import data, guard, state, widgets
from pages._ui.safe import highlight, md

st.set_page_config(page_title="Keywords · presslens", page_icon="📰", layout="wide")
KINDS = {"Words": WORD, "Phrases (2–3 words, YAKE)": PHRASE}
#: Outlets with too little text named under the distinctive terms.
SMALL_LISTED = 10
#: Sentences listed in context at first, and added by each "Show more" (the CSV has all).
KWIC_LIMIT = 20


def shared_and_unique(tables: view.Tables, kind: str) -> None:
    """Heatmap of the top keywords by outlet and the keywords only one outlet lists."""
    st.subheader("Shared and unique keywords")
    widgets.chart(view.keyword_charts(tables)[0])
    only, outlet_frame = tables.only[kind], tables.outlet_keywords[kind]
    with st.expander(f"Keywords only one outlet lists ({len(only)})"):
        st.dataframe(only, hide_index=True, width="stretch")
        widgets.csv_download(st, "Download (CSV)", only, "unique_keywords.csv")
    with st.expander("Every outlet's keywords"):
        st.caption(
            "score: the mean over the outlet's articles of 1/rank of the keyword in each "
            "article (1 = first in every article; higher = more important); articles: how "
            "many of the outlet's articles list it."
        )
        st.dataframe(outlet_frame, hide_index=True, width="stretch")
        widgets.csv_download(st, "Download (CSV)", outlet_frame, "outlet_keywords.csv")


def distinctive_choices(corpus: Corpus, selection: view.Selection) -> view.Selection:
    """The outlet and minimum count of the distinctive terms (none with a single outlet)."""
    st.subheader("Distinctive terms")
    st.caption(
        "Each outlet against all the others: log-odds ratio with an informative Dirichlet "
        "prior (Monroe, Colaresi & Quinn 2008), z-scores; z > 1.96 means the outlet uses the "
        "term clearly more than the others once frequency is accounted for."
    )
    if len(outlets_of(corpus.articles)) < 2:
        st.info("Distinctive terms compare outlets: load articles from at least two outlets.")
        return selection
    outlets, small = data.view(data.analysed(corpus), view.distinctive_outlets)
    if small:
        listed = ", ".join(md(outlet) for outlet in small[:SMALL_LISTED])
        more = f" and {len(small) - SMALL_LISTED} more" if len(small) > SMALL_LISTED else ""
        st.caption(
            f"No distinctive terms for {len(small)} of {len(outlets) + len(small)} outlets: "
            f"fewer than {MIN_DISTINCTIVE_WORDS} words of text, too little to compare "
            f"({listed}{more})."
        )
    if not outlets:
        st.info("No outlet has enough text for distinctive terms.")
        return selection
    left, right = st.columns([3, 1])
    outlet = widgets.selectbox(left, "Outlet", outlets, key=state.KEYWORDS.outlet)
    min_count = widgets.number_input(
        right, "Minimum count in the corpus", state.KEYWORDS.view_key("min_count")
    )
    return replace(selection, outlet=outlet, min_count=min_count)


def distinctive_section(tables: view.Tables) -> None:
    """Fightin' Words scatter and bars for the chosen outlet, and the table of every term."""
    for chart in view.distinctive_charts(tables):
        widgets.chart(chart)
    if not tables.outlets:
        return
    terms = tables.distinctive
    with st.expander("Table of distinctive terms"):
        shown = terms[terms[S.OUTLET] == tables.outlets[0]]
        st.dataframe(shown, hide_index=True, width="stretch")
        widgets.csv_download(st, "Download all outlets (CSV)", terms, "distinctive_terms.csv")


def in_context(corpus: Corpus, choices: list[str]) -> None:
    """Every sentence using a chosen keyword or term, by outlet."""
    st.subheader("Keyword in context")
    left, right = st.columns(2)
    unasked = view.contexts_unasked(data.analysed(corpus))
    chosen = widgets.selectbox(
        left,
        "Keyword or term",
        choices,
        key=state.KEYWORDS.term,
        index=0 if unasked else None,
        placeholder="Choose a keyword",
    )
    typed = right.text_input("…or type any word or phrase", key=state.KEYWORDS.free_term)
    term = typed.strip() or chosen
    if not term:
        return
    found = data.contexts(corpus, term)
    if found.empty:
        st.info(f"No sentence uses “{md(term)}”.")
        return
    limit = _kwic_limit(term)
    by_outlet = view.by_outlet(found, limit)
    counts = "; ".join(f"{md(o)} {n:,}" for o, n in by_outlet.counts.items())
    st.caption(f"{len(found):,} sentences use “{md(term)}”: {counts}")
    for outlet, rows in by_outlet.shown.items():
        st.markdown(f"**{md(outlet)}**")
        for row in rows.itertuples(index=False):
            st.markdown("- " + highlight(row.text, row.start, row.end))
    widgets.first_shown(limit, len(found), " sentences shown; the CSV has them all.")
    if len(found) > limit:
        st.button(
            f"Show {min(KWIC_LIMIT, len(found) - limit)} more",
            key=state.KEYWORDS.kwic_more,
            on_click=_show_more,
            args=(term, limit),
        )
    widgets.csv_download(st, "Download every sentence (CSV)", found, "keyword_in_context.csv")


def _kwic_limit(term: str) -> int:
    """How many sentences of ``term`` are listed: :data:`KWIC_LIMIT`, more after "Show more"
    (a new term starts again)."""
    shown_term, limit = st.session_state.get(state.KEYWORDS.kwic_shown, ("", KWIC_LIMIT))
    return int(limit) if shown_term == term else KWIC_LIMIT


def _show_more(term: str, limit: int) -> None:
    st.session_state[state.KEYWORDS.kwic_shown] = (term, limit + KWIC_LIMIT)


def main() -> None:
    st.title("Keywords")
    st.write(
        "What each outlet talks about. Words are ranked by how often an article uses them, "
        "weighted by how rare they are in general English; phrases are the noun phrases and "
        "names of each article's opening, scored as YAKE scores keywords. Spellings "
        "of one person (Zelensky, Zelenskiy, Zelenskyy) count as one keyword."
    )
    corpus = widgets.require_corpus()
    left, right = st.columns([3, 1])
    kind_label = widgets.radio(left, "Show", list(KINDS), horizontal=True, key=state.KEYWORDS.kind)
    top = widgets.number_input(right, "Keywords per outlet", state.KEYWORDS.view_key("top"))
    kind = KINDS[kind_label]
    shared = st.container()
    selection = distinctive_choices(corpus, view.Selection(kind=kind, top=top))
    tables = data.built(corpus, view.build, selection)
    with shared:
        shared_and_unique(tables, kind)
    distinctive_section(tables)
    in_context(corpus, view.context_choices(tables, kind))


guard.run_page(state.KEYWORDS.view, main)
