"""Keywords: what each outlet talks about, and the words that set it apart."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
import streamlit as st

from analysis import schema as S
from analysis.corpus import Corpus
from analysis.keywords import PHRASE, WORD, unique_keywords
from analysis.views import keywords as view
from pages._ui import data, guard, state, widgets
from pages._ui.safe import highlight, md

st.set_page_config(page_title="Keywords · presslens", page_icon="📰", layout="wide")
KINDS = {"Words": WORD, "Phrases (2–3 words, YAKE)": PHRASE}
KWIC_LIMIT = 200


def shared_and_unique(outlet_frame: pd.DataFrame, heatmap: view.Chart) -> None:
    """Heatmap of the top keywords by outlet and the keywords only one outlet lists."""
    st.subheader("Shared and unique keywords")
    widgets.chart(heatmap)
    only = unique_keywords(outlet_frame)
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


def distinctive_section(corpus: Corpus, selection: view.Selection) -> pd.DataFrame:
    """Fightin' Words scatter and bars for one outlet; returns the distinctive-terms table."""
    st.subheader("Distinctive terms")
    st.caption(
        "Each outlet against all the others: log-odds ratio with an informative Dirichlet "
        "prior (Monroe, Colaresi & Quinn 2008), z-scores; z > 1.96 means the outlet uses the "
        "term clearly more than the others once frequency is accounted for."
    )
    outlets = sorted(corpus.articles[S.OUTLET].unique())
    if len(outlets) < 2:
        st.info("Distinctive terms compare outlets: load articles from at least two outlets.")
        return pd.DataFrame(columns=list(S.DISTINCTIVE_COLUMNS))
    left, right = st.columns([3, 1])
    outlet = widgets.selectbox(left, "Outlet", outlets, key=state.KEYWORDS_OUTLET)
    min_count = widgets.number_input(
        right, "Minimum count in the corpus", state.KEYWORDS_MIN_COUNT_VIEW
    )
    chosen = replace(selection, outlet=outlet, min_count=min_count)
    tables = data.built(corpus, view.build, chosen)
    terms = tables.distinctive
    for chart in view.distinctive_charts(tables):
        widgets.chart(chart)
    with st.expander("Table of distinctive terms"):
        st.dataframe(terms[terms[S.OUTLET] == outlet], hide_index=True, width="stretch")
        widgets.csv_download(st, "Download all outlets (CSV)", terms, "distinctive_terms.csv")
    return terms


def in_context(corpus: Corpus, choices: list[str]) -> None:
    """Every sentence using a chosen keyword or term, by outlet."""
    st.subheader("Keyword in context")
    left, right = st.columns(2)
    unasked = view.contexts_unasked(data.analysed(corpus))
    chosen = widgets.selectbox(
        left,
        "Keyword or term",
        choices,
        key=state.KEYWORDS_TERM,
        index=0 if unasked else None,
        placeholder="Choose a keyword",
    )
    typed = right.text_input("…or type any word or phrase", key=state.KEYWORDS_FREE_TERM)
    term = typed.strip() or chosen
    if not term:
        return
    found = data.contexts(corpus, term)
    if found.empty:
        st.info(f"No sentence uses “{md(term)}”.")
        return
    counts = found.groupby(S.OUTLET).size()
    st.caption(
        f"{len(found):,} sentences use “{md(term)}”: "
        + "; ".join(f"{md(o)} {n:,}" for o, n in counts.items())
    )
    for outlet, rows in found.head(KWIC_LIMIT).groupby(S.OUTLET, sort=True):
        st.markdown(f"**{md(outlet)}**")
        for row in rows.itertuples(index=False):
            st.markdown("- " + highlight(row.text, row.start, row.end))
    if len(found) > KWIC_LIMIT:
        st.caption(f"First {KWIC_LIMIT} of {len(found)} sentences shown.")


def main() -> None:
    st.title("Keywords")
    st.write(
        "What each outlet talks about. Words are ranked by how often an article uses them, "
        "weighted by how rare they are in general English; phrases come from YAKE. Spellings "
        "of one person (Zelensky, Zelenskiy, Zelenskyy) count as one keyword."
    )
    corpus = widgets.require_corpus()
    left, right = st.columns([3, 1])
    kind_label = widgets.radio(left, "Show", list(KINDS), horizontal=True, key=state.KEYWORDS_KIND)
    top = widgets.number_input(right, "Keywords per outlet", state.KEYWORDS_TOP_VIEW)
    selection = view.Selection(kind=KINDS[kind_label], top=top)
    tables = data.built(corpus, view.build, selection)
    outlet_frame = tables.outlet_keywords[selection.kind]
    shared_and_unique(outlet_frame, view.keyword_charts(tables)[0])
    terms = distinctive_section(corpus, selection)
    top_terms = terms.nlargest(20, S.Z)[S.TERM].tolist() if not terms.empty else []
    choices = list(dict.fromkeys(outlet_frame[S.KEY].tolist() + top_terms))
    in_context(corpus, choices)


guard.run_page(state.KEYWORDS_VIEW, main)
