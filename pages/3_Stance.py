"""Stance: what position each outlet reports each actor taking on each topic."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
import streamlit as st

from analysis.corpus import Corpus
from analysis.stance import STANCES, add_topic, topics_frame, topics_to_toml
from analysis.views import stance as view
from analysis.views.actors import TOP_ACTORS
from pages._ui import data, guard, state, widgets
from pages._ui.safe import highlight, md

st.set_page_config(page_title="Stance · presslens", page_icon="📰", layout="wide")
STANCE_COLOURS = {"support": "blue", "conditional": "violet", "neutral": "gray", "oppose": "orange"}
EVIDENCE_LIMIT = 200
NO_PROPOSAL = "No other topic recurs as the object of a position in these articles."
PROPOSED = (
    "What actors are reported to propose, accept, want or reject, from the parse (the objects "
    "of those verbs), in at least two articles."
)
SUMMARY = widgets.Table(
    "Table: statements per outlet, actor and topic",
    "stance_by_outlet.csv",
    "net = (support − oppose) / statements, from −1 (all oppose) to +1 (all support). "
    f"Columns in order of commitment: {', '.join(STANCES)}.",
    whole=(("Download every statement (CSV)", "stance"),),
)


TOPICS_FILE = widgets.DataFile(
    kind="topics",
    title="Topics: what positions are looked for, and by which words",
    caption="Cue words match whole words in any case, separated by ';'. A trailing * matches "
    "any ending (negotiat* finds negotiate, negotiations). Add a row for a topic of your own.",
    keys=widgets.file_keys(state.STANCE, "topic_form", "topics_upload"),
)


def _add_topic(term: str, cue: str) -> None:
    updated = add_topic(data.topics(), term, cue)
    st.session_state[state.TOPICS] = topics_to_toml(updated)
    st.session_state[state.STANCE.message] = (
        "success",
        f"Added the topic {term!r} (cue {cue}); edit it in the topics above.",
    )


def proposals(corpus: Corpus) -> None:
    """Topics these articles argue about that the topic list misses, one click to add."""
    proposed = data.topics_to_propose(corpus)
    title = f"Topics found in these articles ({len(proposed)} not in the list)"
    widgets.found_list(title, proposed, none=NO_PROPOSAL, caption=PROPOSED, draw=_add_buttons)


def _add_buttons(proposed: pd.DataFrame) -> None:
    st.dataframe(proposed, hide_index=True, width="stretch")
    for row in proposed.itertuples(index=False):
        st.button(
            f"Add {row.term!r} as a topic ({row.statements} statements in {row.articles} articles)",
            key=f"stance.add.{row.term}",
            on_click=_add_topic,
            args=(row.term, row.suggested),
        )


def evidence(corpus: Corpus, selection: view.Selection) -> None:
    """Every statement of one actor on the topic, the cue highlighted."""
    st.subheader("Evidence")
    topic, actors = str(selection.topic), list(selection.actors or ())
    if not actors:
        st.info("Choose at least one actor to see the sentences.")
        return
    actor = widgets.selectbox(st, "Actor", actors, key=state.STANCE.evidence_actor)
    outlets = selection.outlets
    analysis = data.analysed(corpus)
    rows = data.view(analysis, view.evidence, topic, actor, outlets, EVIDENCE_LIMIT)
    total = data.view(analysis, view.evidence_count, topic, actor, outlets)
    st.caption(
        f"{total:,} statements of {md(actor)} on {md(topic)}. The cue is highlighted; "
        "the modifier is the negation, hedge or condition that changed the stance."
    )
    statements(rows, total)


POSITIONS_CAPTION = (
    "A position toward another actor comes from a verb or noun such as endorse, praise, "
    "defend, attack, criticise or accuse whose object names the actor ('Cruz endorsed "
    "Trump'), or, for a topic named after an actor, from the topic's own cues. Colour: net "
    "stance (blue all support, vermilion all oppose); cell: +support −oppose. No actor takes "
    "a position toward itself."
)
EVERY_OUTLET = "The chosen outlets together"


def position_filters(corpus: Corpus, selection: view.Selection) -> view.Selection:
    """The outlet and how many actors the matrix of positions between actors shows."""
    analysis = data.analysed(corpus)
    offered = data.view(analysis, view.position_outlets, selection.outlets)
    left, right = st.columns([2, 1])
    outlet = widgets.selectbox(
        left, "Outlet", [EVERY_OUTLET, *offered], key=state.STANCE.position_outlet
    )
    every = right.checkbox(
        f"Show every actor (else the {view.TOP_POSITION_ACTORS} with most statements)",
        key=state.STANCE.every_actor,
    )
    chosen = None if outlet in (None, EVERY_OUTLET) else str(outlet)
    return replace(selection, position_outlet=chosen, every_actor=bool(every))


def positions(corpus: Corpus, selection: view.Selection) -> None:
    """Who takes positions toward whom: the matrix, then the statements of one pair."""
    st.subheader("Positions between actors: who supports and who attacks whom")
    st.caption(POSITIONS_CAPTION)
    selection = position_filters(corpus, selection)
    tables = data.built(corpus, view.build, selection)
    widgets.chart(view.position_chart(tables))
    shown = tables.positions
    if not shown.holders_shown:
        return
    opening = view.opening_pair(shown) or (shown.holders[0], shown.targets[0])
    left, right = st.columns(2)
    keys = (state.STANCE.holder, state.STANCE.target)
    for key, value, options in zip(keys, opening, (shown.holders, shown.targets), strict=True):
        if st.session_state.get(key) not in options:
            st.session_state[key] = value
    holder = widgets.selectbox(left, "Holder", shown.holders, key=state.STANCE.holder)
    target = widgets.selectbox(right, "Target", shown.targets, key=state.STANCE.target)
    one = selection.position_outlet
    outlets = selection.outlets if one is None else (one,)
    analysis = data.analysed(corpus)
    pair = (str(target), str(holder), outlets)
    rows = data.view(analysis, view.evidence, *pair, EVIDENCE_LIMIT)
    if rows.empty:
        st.info(f"{holder} takes no position toward {target} in these articles.")
        return
    total = data.view(analysis, view.evidence_count, *pair)
    st.caption(f"{total:,} statements of {md(holder)} toward {md(target)}.")
    statements(rows, total)


def statements(rows: pd.DataFrame, total: int) -> None:
    """The statements of ``rows`` (view.evidence, the first of ``total``), the cue
    highlighted."""
    for row in rows.itertuples(index=False):
        start, end = row.start - row.sentence_start, row.end - row.sentence_start
        modifier = f" · modifier: _{md(row.modifier)}_" if row.modifier else ""
        st.markdown(
            f":{STANCE_COLOURS[row.stance]}[**{row.stance}**] · {md(row.outlet)} · "
            f"holder: {md(row.holder)}{modifier} · _{md(row.title)}_  \n"
            + highlight(row.evidence, start, end)
        )
    widgets.first_shown(EVIDENCE_LIMIT, total, " shown; the CSV export has all.")


def filters(corpus: Corpus) -> view.Selection:
    """Topic, outlets and actors to show."""
    analysis = data.analysed(corpus)
    topics = data.view(analysis, view.topic_choices, tuple(t.name for t in data.topics()))
    if state.STANCE.topic not in st.session_state:
        st.session_state[state.STANCE.topic] = data.view(analysis, view.opening_topic, topics)
    left, middle, right = st.columns([1, 2, 2])
    topic = widgets.selectbox(left, "Topic", topics, key=state.STANCE.topic)
    outlets = widgets.outlet_filter(middle, corpus, key=state.STANCE.outlets)
    offered = data.view(analysis, view.actor_choices, topic)
    actors = widgets.multiselect(
        right, "Actors", offered, default=offered[:TOP_ACTORS], key=state.STANCE.actors
    )
    return view.Selection(topic, tuple(outlets), tuple(actors))


def main() -> None:
    st.title("Stance")
    st.write(
        "What position each outlet reports each actor taking: support, conditional, neutral "
        "or oppose, one statement per sentence in which the actor is the one taking the "
        "position (the subject of a verb such as urge, propose, reject, or the speaker of a "
        "quote). Negations, hedges and conditions change the label; who the actor is never "
        "does."
    )
    widgets.show_message(state.STANCE.message)
    corpus = widgets.require_corpus()
    widgets.data_file_editor(TOPICS_FILE, topics_frame(data.topics()))
    proposals(corpus)
    if not data.topics():
        st.info("There is no stance topic: add one in the table above.")
        return
    selection = filters(corpus)
    tables = data.built(corpus, view.build, selection)
    widgets.charts_and_table(view.topic_charts(tables), tables.summary, SUMMARY, corpus)
    evidence(corpus, selection)
    positions(corpus, selection)


guard.run_page(state.STANCE.view, main)
