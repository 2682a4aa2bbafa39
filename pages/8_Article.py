"""Article: one article with everything the analysis found in it marked, and two side by side."""

from __future__ import annotations

import html
from collections import Counter

import pandas as pd
import streamlit as st

from analysis import schema as S
from analysis.charts import outlet_colours
from analysis.corpus import Corpus, guessed_titles
from analysis.marks import ACTOR, KEYWORD, KINDS, QUOTE, SPELLING, TERM, segments
from analysis.text import headline_end
from analysis.views.base import outlets_of
from pages._ui import data, guard, state, widgets
from pages._ui.safe import MARK_STYLES, marked_html, md

st.set_page_config(page_title="Article · presslens", page_icon="📰", layout="wide")
GUESSED = "Title guessed from the URL: the article gave none (not counted as a headline)."
#: Legend colour of actor mentions (each actor has its own colour in the text).
SAMPLE = {ACTOR: "background:#99999940;box-shadow:inset 0 -2px #999999;"}
KIND_NAMES = {
    ACTOR: "actor mentions",
    QUOTE: "quotes",
    TERM: "contested terms",
    SPELLING: "spelling variants",
    KEYWORD: "keywords",
}


def legend(actor_colours: dict[str, str], marks: pd.DataFrame) -> None:
    """What each mark means (escaped labels in their own styles) and the counts."""
    counts = Counter(marks[S.KIND])
    items = [
        f'<span style="{MARK_STYLES[kind]}{SAMPLE.get(kind, "")}">{KIND_NAMES[kind]}</span> '
        f"{counts.get(kind, 0)}"
        for kind in KINDS
    ]
    st.html(
        '<div style="font-size:14px;">'
        + " &nbsp;·&nbsp; ".join(items)
        + " &nbsp;·&nbsp; hover a mark for its details</div>"
    )
    actors = sorted(set(marks.loc[marks[S.KIND] == ACTOR, S.LABEL]))
    if actors:
        st.html(
            '<div style="font-size:13px;">'
            + " ".join(
                f'<span style="background:{actor_colours[a]}40;'
                f'box-shadow:inset 0 -2px {actor_colours[a]};padding:0 4px;">'
                f"{html.escape(a)}</span>"
                for a in actors
            )
            + "</div>"
        )


def article_view(corpus: Corpus, article_id: str, kinds: list[str], *, key: str) -> None:
    """The article's title, outlet and date, its text with the chosen kinds of marks, and the
    table of those marks."""
    row = data.articles_with_texts(corpus, [article_id]).set_index(S.ARTICLE_ID).loc[article_id]
    marks = data.marks(corpus, article_id)
    shown = marks[marks[S.KIND].isin(kinds)].reset_index(drop=True)
    actors = marks.loc[marks[S.KIND] == ACTOR, S.LABEL]
    colours = outlet_colours([*(actor.name for actor in data.registry()), *actors])
    date = "" if pd.isna(row[S.PUBLISHED]) else f" · {row[S.PUBLISHED]:%Y-%m-%d}"
    st.markdown(f"**{md(row[S.OUTLET])}**{date} · {row[S.N_WORDS]} words")
    text = row[S.TEXT]
    headline = headline_end(text, row[S.TITLE])
    if not headline:  # else the headline is the text's first paragraph, marked like the rest
        st.markdown(f"### {md('' if pd.isna(row[S.TITLE]) else row[S.TITLE])}")
        if guessed_titles(row.to_frame().T).iloc[0]:
            st.caption(GUESSED)
    legend(colours, shown)
    st.html(
        marked_html(text, segments(text, shown), shown, actor_colours=colours, headline=headline)
    )
    with st.expander(f"Table of the {len(shown)} marks (offsets into the cleaned text)"):
        st.dataframe(shown, hide_index=True, width="stretch")
        widgets.csv_download(st, "Download marks (CSV)", shown, f"marks_{key}.csv")


def removed(corpus: Corpus, article_id: str) -> None:
    """The lines cleaning removed from the article, with their reasons."""
    rows = corpus.removed[corpus.removed[S.ARTICLE_ID] == article_id]
    with st.expander(f"Removed as page boilerplate ({len(rows)} lines)"):
        if rows.empty:
            st.write("Cleaning removed nothing from this article.")
            return
        st.dataframe(rows[[S.LINE_NO, S.REMOVED_TEXT, S.REASON]], hide_index=True, width="stretch")


def main() -> None:
    st.title("Article")
    st.write(
        "One article with what the analysis found in it: actor mentions (coloured by actor, "
        "sentiment in the tooltip), quotes with speaker and verb, contested terms, spelling "
        "variants and keywords. Below, what cleaning removed, and a second article from "
        "another outlet beside it."
    )
    corpus = widgets.require_corpus()
    articles = corpus.articles.set_index(S.ARTICLE_ID)
    article_id = widgets.choose_article(
        st,
        articles,
        outlets_of(articles),
        keys=(state.ARTICLE.outlet, state.ARTICLE.id),
        label="Article",
    )
    kinds = widgets.multiselect(
        st,
        "Mark",
        list(KINDS),
        default=list(KINDS),
        key=state.ARTICLE.kinds,
        format_func=KIND_NAMES.get,
    )
    one, both = st.tabs(["This article", "Side by side with another outlet"])
    with one:
        article_view(corpus, article_id, kinds, key="article")
        removed(corpus, article_id)
    with both:
        side_by_side(corpus, article_id, kinds)


def side_by_side(corpus: Corpus, article_id: str, kinds: list[str]) -> None:
    """The article beside one of another outlet."""
    articles = corpus.articles.set_index(S.ARTICLE_ID)
    outlet = articles.at[article_id, S.OUTLET]
    others = [other for other in outlets_of(articles) if other != outlet]
    if not others:
        st.info("Every article is from the same outlet: load another outlet to compare.")
        return
    other = widgets.choose_article(
        st,
        articles,
        others,
        keys=(state.ARTICLE.other_outlet, state.ARTICLE.other),
        label="Compare with",
    )
    left, right = st.columns(2)
    with left:
        article_view(corpus, article_id, kinds, key="left")
    with right:
        article_view(corpus, other, kinds, key="right")


guard.run_page(state.ARTICLE.view, main)
