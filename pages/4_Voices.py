"""Voices: whose words each outlet carries, and how it introduces them: direct quotes,
reported speech, or both."""

from __future__ import annotations

import streamlit as st

from analysis import schema as S
from analysis.bundles import csv_text
from analysis.corpus import Corpus
from analysis.tables import Analysis
from analysis.views import voice_kinds
from analysis.views import voices as view
from pages._ui import data, guard, state, widgets

st.set_page_config(page_title="Voices · presslens", page_icon="📰", layout="wide")
ALL = "All speakers"
#: Most quotes listed on the page (the download has every one).
QUOTE_LIMIT = 1_000
VOICES = widgets.Table(
    "Table: quotes, words and verbs per outlet and speaker",
    "voices_by_outlet.csv",
    "share: the speaker's part of the outlet's quoted words (0..1); loaded: the share of the "
    "speaker's attributed quotes introduced by a loaded verb (0..1).",
)
QUOTE_COLUMNS = [
    S.OUTLET,
    S.SPEAKER,
    S.ON_BEHALF_OF,
    S.VERB,
    S.VERB_CLASS,
    S.DIRECT,
    S.WORDS,
    S.TEXT,
    S.TITLE,
]


#: The kinds of speech by the label the page shows (the first is the default).
SPEECH = {label: speech for speech, label in view.SPEECH.items()}


def filters(corpus: Corpus) -> view.Selection:
    left, middle, right = st.columns([3, 2, 1])
    outlets = widgets.outlet_filter(left, corpus, key=state.VOICES.outlets)
    speech = widgets.radio(middle, "Show", list(SPEECH), horizontal=True, key=state.VOICES.speech)
    top = widgets.number_input(
        right, "Speakers with their own colour", state.VOICES.view_key("top")
    )
    return view.Selection(tuple(outlets), top, SPEECH[speech])


def quote_list(analysis: Analysis, tables: view.Tables, outlets: tuple[str, ...] | None) -> None:
    """The quotes themselves, filtered by speaker: the first :data:`QUOTE_LIMIT` listed,
    every one in the download."""
    st.subheader(f"The quotes: {view.SPEECH[tables.speech]}")
    speaker = widgets.selectbox(st, "Speaker", [ALL, *tables.speakers], key=state.VOICES.speaker)
    chosen = None if speaker == ALL else speaker
    total = view.quote_count(tables, chosen)
    frame = data.view(analysis, view.quotes, outlets, chosen, tables.speech, QUOTE_LIMIT)
    listed = (
        f" The first {len(frame):,} are listed; the download has all." if total > len(frame) else ""
    )
    st.caption(
        f"{total:,} quotes. direct: in quotation marks (else reported speech, 'X said "
        "that ...'); on_behalf_of: the body the speaker speaks for ('Kremlin spokesman "
        "Dmitry Peskov': Russia); verb class: neutral (said, told, wrote) or loaded (claimed, "
        "insisted, warned...). 'unattributed' means no speaker stands next to an attribution "
        "verb." + listed
    )
    st.dataframe(frame[QUOTE_COLUMNS], hide_index=True, width="stretch")
    widgets.file_download(
        st,
        "Download these quotes (CSV)",
        lambda: csv_text(view.quotes(analysis, outlets, chosen, tables.speech)).encode("utf-8"),
        "quotes.csv",
        "text/csv",
    )


def kinds_by_group(corpus: Corpus, kinds: voice_kinds.KindTables) -> voice_kinds.KindTables:
    """The kinds per outlet, or per group of a grouping of the outlets file when one is
    chosen."""
    outlets, grouping = widgets.grouping_choice(
        "Compare",
        key=state.VOICES.kind_grouping,
        help="Each outlet, or groups of outlets by a grouping of the outlets file",
    )
    if grouping is None:
        return kinds
    return data.view(data.analysed(corpus), voice_kinds.group_kind_tables, outlets, grouping)


def kinds_section(corpus: Corpus, kinds: voice_kinds.KindTables) -> None:
    """The kinds of voices each outlet (or group) carries, and how varied they are."""
    st.subheader("Kinds of voices")
    kinds = kinds_by_group(corpus, kinds)
    st.caption(
        'Each speaker\'s kind is read from the words next to the name ("a professor at", '
        '"spokesman for", "Senator"); a country or organisation speaking is an official '
        'body; "anonymous" is an unnamed source. Unattributed quotes are left out. About two '
        "in three speakers get the kind a person would give (see Methods)."
    )
    for chart in voice_kinds.charts(kinds):
        widgets.chart(chart)
    st.markdown("**Diversity of voices**")
    st.caption(
        "speakers: distinct speakers quoted; kind diversity: how evenly the quotes spread over "
        "the six kinds (0 = one kind only, 1 = evenly), with its 95% interval over the outlet's "
        "articles (none from a single article); speaker evenness: how evenly over its speakers "
        "(0..1)."
    )
    st.dataframe(kinds.diversity, hide_index=True, width="stretch")
    widgets.csv_download(st, "Download the diversity (CSV)", kinds.diversity, "voice_diversity.csv")
    widgets.csv_download(st, "Download the kinds (CSV)", kinds.kinds, "voice_kinds.csv")


def main() -> None:
    st.title("Voices")
    st.write(
        "Who gets quoted in each outlet, and with which verbs: direct quotes (in quotation "
        "marks) and reported speech ('X said that ...'), each with its speaker, the body the "
        "speaker speaks for, and its attribution verb; show either or both. The share of an "
        "outlet's quoted words shows whose voice it carries; loaded verbs (claimed, insisted, "
        "admitted) show how it frames them."
    )
    corpus = widgets.require_corpus()
    selection = filters(corpus)
    tables = data.built(corpus, view.build, selection)
    widgets.charts_and_table(view.speaker_charts(tables), tables.voices, VOICES, corpus)
    kinds_section(corpus, tables.kinds)
    quote_list(data.analysed(corpus), tables, selection.outlets)


guard.run_page(state.VOICES.view, main)
