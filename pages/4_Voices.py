"""Voices: whose words each outlet carries, and how it introduces them."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from analysis import schema as S
from analysis.bundles import csv_text
from analysis.corpus import Corpus
from analysis.tables import Analysis
from analysis.views import voices as view
from pages._ui import data, guard, state, widgets

st.set_page_config(page_title="Voices · presslens", page_icon="📰", layout="wide")
ALL = "All speakers"
#: Most quotes listed on the page (the download has every one).
QUOTE_LIMIT = 1_000
QUOTE_COLUMNS = [S.OUTLET, S.SPEAKER, S.VERB, S.VERB_CLASS, S.DIRECT, S.WORDS, S.TEXT, S.TITLE]


def filters(corpus: Corpus) -> view.Selection:
    left, right = st.columns([3, 1])
    outlets = sorted(corpus.articles[S.OUTLET].unique())
    chosen = widgets.multiselect(
        left, "Outlets", outlets, default=outlets, key=state.VOICES_OUTLETS
    )
    top = widgets.number_input(right, "Speakers with their own colour", state.VOICES_TOP_VIEW)
    return view.Selection(tuple(chosen), top)


def quote_list(analysis: Analysis, voices: pd.DataFrame, outlets: tuple[str, ...] | None) -> None:
    """The quotes themselves, filtered by speaker: the first :data:`QUOTE_LIMIT` listed,
    every one in the download."""
    st.subheader("The quotes")
    counts = voices.groupby(S.SPEAKER)["quotes"].sum().sort_values(ascending=False, kind="stable")
    left, right = st.columns([3, 1])
    speaker = widgets.selectbox(left, "Speaker", [ALL, *counts.index], key=state.VOICES_SPEAKER)
    direct_only = right.toggle("Direct quotes only", key=state.VOICES_DIRECT_ONLY)
    chosen = None if speaker == ALL else speaker
    of_speaker = voices if chosen is None else voices[voices[S.SPEAKER] == chosen]
    total = int(of_speaker["direct" if direct_only else "quotes"].sum())
    frame = data.view(analysis, view.quotes, outlets, chosen, direct_only, QUOTE_LIMIT)
    listed = (
        f" The first {len(frame):,} are listed; the download has all." if total > len(frame) else ""
    )
    st.caption(
        f"{total:,} quotes. direct: in quotation marks (else reported speech, 'X said "
        "that ...'); verb class: neutral (said, told, wrote) or loaded (claimed, insisted, "
        "warned...). 'unattributed' means no speaker stands next to an attribution verb." + listed
    )
    st.dataframe(frame[QUOTE_COLUMNS], hide_index=True, width="stretch")
    widgets.file_download(
        st,
        "Download these quotes (CSV)",
        lambda: csv_text(view.quotes(analysis, outlets, chosen, direct_only)).encode("utf-8"),
        "quotes.csv",
        "text/csv",
    )


def main() -> None:
    st.title("Voices")
    st.write(
        "Who gets quoted in each outlet, and with which verbs: direct quotes and reported "
        "speech, each with its speaker and attribution verb. The share of an outlet's quoted "
        "words shows whose voice it carries; loaded verbs (claimed, insisted, admitted) show "
        "how it frames them."
    )
    corpus = widgets.require_corpus()
    selection = filters(corpus)
    tables = data.built(corpus, view.build, selection)
    for chart in view.charts(tables):
        widgets.chart(chart)
    voices = tables.voices
    with st.expander("Table: quotes, words and verbs per outlet and speaker"):
        st.caption(
            "share: the speaker's part of the outlet's quoted words (0..1); loaded: the share "
            "of the speaker's attributed quotes introduced by a loaded verb (0..1)."
        )
        st.dataframe(voices, hide_index=True, width="stretch")
        widgets.csv_download(st, "Download table (CSV)", voices, "voices_by_outlet.csv")
    quote_list(data.analysed(corpus), voices, selection.outlets)


guard.run_page(state.VOICES_VIEW, main)
