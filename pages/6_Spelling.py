"""Spelling: how each outlet writes names that have more than one spelling."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from analysis import schema as S
from analysis.corpus import Corpus
from analysis.lexicon import groups_frame, groups_to_toml
from analysis.spelling import FORMAT, groups_with_candidates
from analysis.views import spelling as view
from pages._ui import data, guard, state, widgets
from pages._ui.safe import md

st.set_page_config(page_title="Spelling · presslens", page_icon="📰", layout="wide")
ACCEPT = "accept"
STYLES = widgets.Table(
    "Table: house styles",
    "house_styles.csv",
    "style: the outlet's most used spelling; share: how much of its use follows the style "
    "(1 = always); mixed_articles: articles that use more than one spelling.",
    "Download house styles (CSV)",
    whole=(("Download spellings per article (CSV)", "spellings"),),
)


def _accept(edited: pd.DataFrame) -> str:
    chosen = edited[edited[ACCEPT].fillna(False).astype(bool)]
    if chosen.empty:
        raise ValueError("tick 'accept' for at least one proposed group")
    groups = groups_with_candidates(data.spelling_groups(), chosen.drop(columns=ACCEPT))
    st.session_state[state.SPELLINGS] = groups_to_toml(groups, FORMAT)
    names = ", ".join(chosen[S.GROUP])
    return f"Accepted: {names}. Their spellings are now counted."


VARIANTS_TITLE = "Variant groups: which spellings count as one name"
VARIANTS_CAPTION = (
    "Spellings are matched as whole words in any case; a possessive (Kyiv's) or a hyphenated "
    "compound (Kyiv-based) counts, and a longer spelling is never counted as a shorter one. "
    "Separate spellings with ';'. Kinds: person, place, country, organisation, other. Add a row "
    "for a name of your own."
)
VARIANTS_KEYS = widgets.file_keys(state.SPELLING, "table_form", "variants_upload")
VARIANTS_FILE = widgets.DataFile("spellings", VARIANTS_TITLE, VARIANTS_CAPTION, VARIANTS_KEYS)


def candidates(found: pd.DataFrame) -> None:
    """Spellings found in the corpus itself, to accept or ignore."""
    st.subheader("Spellings found in this corpus")
    if found.empty:
        st.info(
            "No other spellings found: no two names in these articles differ only by "
            "diacritics, doubled letters, a transliteration ending, one inner letter, "
            "initials or a hyphen."
        )
        return
    st.caption(
        "Names that differ only by diacritics, doubled letters, a transliteration ending "
        "(y / yy / iy / yi / i) or one letter inside the word, names after initials written "
        "with or without dots (JD / J. D.) and words with or without a hyphen. similarity: how "
        "alike the "
        "words around each spelling are (0..1, higher = used in more similar contexts). Tick "
        "the ones that are one name and accept them; they are then counted above."
    )
    columns = [S.GROUP, S.VARIANTS, S.COUNTS, S.DIFFERENCE, S.SIMILARITY, S.SHARED_CONTEXT]
    frame = found.assign(**{ACCEPT: False})[[ACCEPT, *columns, S.OUTLETS, S.EXAMPLES]]
    widgets.table_form(
        "spelling.candidate_form",
        frame,
        editor_key=state.SPELLING.candidates,
        button="Accept the ticked groups",
        apply=_accept,
        message_key=state.SPELLING.message,
        refused="Nothing was accepted",
        column_config={name: st.column_config.Column(disabled=True) for name in frame.columns[1:]},
        add_rows=False,
    )
    widgets.csv_download(st, "Download the proposals (CSV)", found, "spelling_candidates.csv")


def occurrences(corpus: Corpus, group: str, outlets: list[str]) -> None:
    """Every use of the group's spellings, highlighted in its context."""
    analysis = data.analysed(corpus)
    rows, total = data.view(analysis, view.uses, group, tuple(outlets), widgets.USE_LIMIT)
    with st.expander(f"Every use of {group} in the body text ({total})"):
        widgets.uses_in_context(rows, corpus, lambda row: f"**{md(row.variant)}**", total)


def group_view(tables: view.Tables, corpus: Corpus, outlets: list[str]) -> None:
    """One name: the outlet x spelling heatmap, first and last use, every use."""
    if tables.summary.empty:
        st.info("None of the variant groups occurs in the chosen outlets.")
        return

    def named(group: str) -> str:
        counts = tables.counts[group]
        return f"{group} ({counts.spellings} spellings, {counts.uses} uses)"

    group = widgets.selectbox(
        st, "Name", tables.groups, key=state.SPELLING.group, format_func=named
    )
    said = view.too_few_of(tables, group)
    if said:
        st.info(said)
    for chart in view.group_charts(view.of_group(tables, group)):
        widgets.chart(chart)
    st.caption(
        "first / last: the earliest and latest publication date on which the outlet used the "
        "spelling (empty where dates are unknown). ★ marks the outlet's house style."
    )
    rows = view.group_rows(tables, group)
    dates = {c: st.column_config.DateColumn(format="YYYY-MM-DD") for c in ("first", "last")}
    st.dataframe(rows, hide_index=True, width="stretch", column_config=dates)
    widgets.csv_download(st, "Download this table (CSV)", rows, f"spelling_{group}.csv")
    occurrences(corpus, group, outlets)


def main() -> None:
    st.title("Spelling")
    st.write(
        "How each outlet spells names that are written more than one way: transliterations "
        "(Zelensky, Zelenskyy, Zelenskiy; Kyiv or Kiev) and exonyms (Türkiye or Turkey). The "
        "choice follows a house style, and often a side: the spelling is a finding, not "
        "noise. Headlines count with the body here."
    )
    widgets.show_message(state.SPELLING.message)
    corpus = widgets.require_corpus()
    widgets.data_file_editor(VARIANTS_FILE, groups_frame(data.spelling_groups(), FORMAT))
    outlets = widgets.outlet_filter(st, corpus, key=state.SPELLING.outlets)
    tables = data.built(corpus, view.build, view.Selection(tuple(outlets)))
    styles = view.style_charts(tables)
    if not styles:
        st.info(view.no_styles())
    widgets.charts_and_table(styles, tables.styles, STYLES, corpus)
    mixed = tables.mixed
    st.subheader("Mixed spellings inside one article")
    if mixed.empty:
        st.write("No article of the chosen outlets writes one name in two ways.")
    else:
        st.dataframe(mixed.drop(columns=S.ARTICLE_ID), hide_index=True, width="stretch")
    st.subheader("One name, outlet by outlet")
    group_view(tables, corpus, outlets)
    candidates(tables.candidates)


guard.run_page(state.SPELLING.view, main)
