"""Framing: the words each outlet uses for contested things, the news frames of its
articles, and the labels it gives the actors."""

from __future__ import annotations

from typing import Any

import streamlit as st

from analysis import schema as S
from analysis.aggregate import label_matrix
from analysis.bundles import csv_text
from analysis.corpus import Corpus
from analysis.framing import TERMS_FORMAT, codebook_summary, frame_questions
from analysis.lexicon import groups_frame
from analysis.views import framing as view
from pages._ui import data, guard, state, widgets
from pages._ui.safe import in_context, md

st.set_page_config(page_title="Framing · presslens", page_icon="📰", layout="wide")

TERMS = widgets.Table(
    "Table: contested terms per outlet",
    "terms_by_outlet.csv",
    "own: uses in the outlet's own voice; quoted: inside quotation marks (a source's words); "
    "headline: uses in titles; per_1000: body uses per 1,000 words.",
    whole=(("Download terms per article (CSV)", "terms"),),
)

TERMS_TITLE = "Contested terms: which words are compared, and their sources"
TERMS_CAPTION = (
    "Terms match whole words in any case, plurals included; where terms overlap the longest "
    "wins (special military operation is not also a military operation). Separate terms with "
    "';'; a trailing * matches any ending. Add a row for a contested thing of your own story."
)
TERMS_KEYS = widgets.file_keys(state.FRAMING, "term_form", "terms_upload")
TERMS_FILE = widgets.DataFile("terms", TERMS_TITLE, TERMS_CAPTION, TERMS_KEYS)


def _uses(corpus: Corpus, term: str, outlets: list[str]) -> None:
    """Every use of one term, highlighted, marked own voice or quoted."""
    analysis = data.analysed(corpus)
    rows, total = data.view(analysis, view.uses, term, tuple(outlets), widgets.USE_LIMIT)
    st.caption(f"{total} uses of “{md(term)}”.")
    widgets.uses_in_context(rows, corpus, _voice, total)


def _voice(row: Any) -> str:
    return ":orange[inside quotes]" if row.quoted else ":blue[own voice]"


def terms_view(tables: view.Tables, corpus: Corpus, outlets: list[str]) -> None:
    """Contested terms per outlet, own voice against quoted, with every use."""
    widgets.data_file_editor(TERMS_FILE, groups_frame(data.term_groups(), TERMS_FORMAT))
    summary = tables.term_summary
    if summary.empty:
        st.info("None of the contested terms occurs in the chosen outlets.")
        return
    uses = tables.uses
    offered = [g.name for g in data.term_groups() if g.name in uses]
    group = widgets.selectbox(
        st,
        "Contested thing",
        offered,
        key=state.FRAMING.group,
        format_func=lambda g: f"{g} ({uses[g]} uses)",
    )
    widgets.charts_and_table(view.term_charts(view.of_group(tables, group)), summary, TERMS, corpus)
    terms = view.group_terms(tables, group)
    term = widgets.selectbox(st, "Show every use of", terms, key=state.FRAMING.term)
    _uses(corpus, term, outlets)


def frames_view(tables: view.Tables, corpus: Corpus, outlets: list[str]) -> None:
    """Generic news frames per outlet and the codebook answers of one article."""
    for chart in view.frame_charts(tables):
        widgets.chart(chart)
    st.caption(
        f"Semetko & Valkenburg (2000): each frame has yes/no questions ({codebook_summary()}); "
        "a question is answered yes when one of its cue words occurs. Score = share of yes "
        "(0..1). Cue words find what is said in so many words, not what is implied: read "
        "the evidence."
    )
    analysis = data.analysed(corpus)
    scores = data.view(analysis, view.article_scores, tuple(outlets))
    with st.expander("Table: frame scores per article"):
        st.dataframe(widgets.listed(scores, "articles"), hide_index=True, width="stretch")
        widgets.csv_download(
            st, "Download frame scores per article (CSV)", scores, "frame_scores.csv"
        )
        widgets.table_download(corpus, "Download frames per article (CSV)", "frames")
        widgets.table_download(corpus, "Download the codebook answers (CSV)", "frame_answers")
    if not outlets:
        return
    article = widgets.choose_article(
        st,
        corpus.articles.set_index(S.ARTICLE_ID),
        outlets,
        keys=(state.FRAMING.article_outlet, state.FRAMING.article),
        label="Codebook answers for",
    )
    answers = data.view(analysis, view.answers, article)
    unscored = {q.id for q in frame_questions() if not q.scored}
    for row in answers.itertuples(index=False):
        if row.question_id in unscored:
            mark, detail = "➖", "not scored: text cannot answer it"
        elif row.answer:
            start = row.evidence.find(row.cue)
            detail = (
                in_context(row.evidence, start, start + len(row.cue), width=400)
                if start >= 0
                else md(row.evidence)
            )
            mark = "✅"
        else:
            mark, detail = "▫️", "no cue found"
        st.markdown(f"{mark} **{row.question_id}** {md(row.question)}  \n{detail}")


def labels_view(tables: view.Tables, corpus: Corpus, outlets: list[str]) -> None:
    """The outlet x actor table of labels, and every label of one actor in context."""
    summary = tables.label_summary
    if summary.empty:
        st.info("No labels found for the actors in the chosen outlets.")
        return
    st.caption(
        "Titles in front of a name (Russian President Vladimir Putin), appositions (Putin, "
        "the Russian leader,), role descriptions standing in for the name (the Ukrainian "
        "president) and epithets (the dictator). Each cell: labels with their counts."
    )
    matrix = label_matrix(summary)
    st.dataframe(matrix, hide_index=True, width="stretch")
    widgets.csv_download(st, "Download labels per outlet (CSV)", summary, "labels_by_outlet.csv")
    widgets.table_download(corpus, "Download every label (CSV)", "labels")
    actor = widgets.selectbox(st, "Every label of", tables.actors, key=state.FRAMING.actor)
    analysis = data.analysed(corpus)
    rows, total = data.view(analysis, view.labels, actor, tuple(outlets), widgets.USE_LIMIT)
    widgets.uses_in_context(rows, corpus, lambda row: f"**{md(row.label)}** ({row.kind})", total)


def headlines_view(corpus: Corpus, outlets: list[str]) -> None:
    """What the headlines say compared with the body."""
    analysis = data.analysed(corpus)
    table = data.view(analysis, view.headlines, tuple(outlets), widgets.ROW_LIMIT)
    total = int(corpus.articles[S.OUTLET].isin(outlets).sum())
    st.caption(
        "Which contested terms and frame cues each headline uses, beside the terms of the "
        "body: a headline that says 'invasion' over a body that says 'operation' (or the "
        "reverse) is a framing choice."
    )
    st.dataframe(widgets.listed(table, "articles", total), hide_index=True, width="stretch")
    widgets.file_download(
        st,
        "Download headlines (CSV)",
        lambda: csv_text(view.headlines(analysis, tuple(outlets))).encode("utf-8"),
        "headlines.csv",
        "text/csv",
    )


def main() -> None:
    st.title("Framing")
    st.write(
        "How each outlet frames the story: the words it chooses for contested things "
        "(invasion or special military operation; occupied or liberated), whether those "
        "words are its own or a source's, the generic news frames of its articles, and the "
        "labels it gives the actors."
    )
    widgets.show_message(state.FRAMING.message)
    corpus = widgets.require_corpus()
    outlets = widgets.outlet_filter(st, corpus, key=state.FRAMING.outlets)
    tables = data.built(corpus, view.build, view.Selection(tuple(outlets)))
    terms, frames, labels, headlines = st.tabs(
        ["Contested terms", "News frames", "Labels of actors", "Headlines and body"]
    )
    with terms:
        terms_view(tables, corpus, outlets)
    with frames:
        frames_view(tables, corpus, outlets)
    with labels:
        labels_view(tables, corpus, outlets)
    with headlines:
        headlines_view(corpus, outlets)


guard.run_page(state.FRAMING.view, main)
