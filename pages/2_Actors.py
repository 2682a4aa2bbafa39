"""Actors: how each outlet portrays each actor, traced to the sentences."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from analysis import schema as S
from analysis.actors import (
    KINDS,
    RegistryError,
    curated,
    registry_frame,
    registry_to_toml,
)
from analysis.corpus import Corpus
from analysis.sentiment import METHOD_LABELS, METHODS
from analysis.sentiment_charts import BAR_OUTLETS
from analysis.views import actors as view
from pages._ui import data, guard, state, widgets
from pages._ui.safe import highlight, md

st.set_page_config(page_title="Actors · presslens", page_icon="📰", layout="wide")
LABEL_COLOURS = {"negative": "red", "neutral": "gray", "positive": "blue"}
EVIDENCE_LIMIT = 200
FIGURES = widgets.Table("Table of the figures", "actor_sentiment_by_outlet.csv")


#: The actor selections that start again from the most mentioned after a registry change.
ACTOR_CHOICES = (state.ACTORS.actors, state.STANCE.actors)


def _set_registry(registry_toml: str, message: str) -> None:
    st.session_state[state.REGISTRY] = registry_toml
    widgets.forget(ACTOR_CHOICES)
    st.session_state[state.ACTORS.message] = ("success", message)


def filters(offered: list[str], corpus: Corpus) -> view.Selection:
    """Outlet, actor and minimum-mentions filters; returns the selection."""
    left, middle, right = st.columns([3, 3, 1])
    outlets = widgets.outlet_filter(left, corpus, key=state.ACTORS.outlets)
    actors = widgets.multiselect(
        middle,
        "Actors (most mentioned first)",
        offered,
        default=offered[: view.TOP_ACTORS],
        key=state.ACTORS.actors,
    )
    minimum = widgets.number_input(
        right,
        "Minimum mentions",
        state.ACTORS.view_key("min_mentions"),
        help="Outlet-actor pairs with fewer mentions show 'too few' instead of a score.",
    )
    return view.Selection(tuple(outlets), tuple(actors), minimum)


def evidence(corpus: Corpus, outlets: list[str], actors: list[str]) -> None:
    """Every sentence behind one outlet-actor pair, the mention highlighted."""
    st.subheader("Evidence")
    if not outlets or not actors:
        st.info("Choose at least one outlet and one actor to see the sentences.")
        return
    left, right = st.columns(2)
    outlet = widgets.selectbox(left, "Outlet", outlets, key=state.ACTORS.pair_outlet)
    actor = widgets.selectbox(right, "Actor", actors, key=state.ACTORS.pair_actor)
    analysis = data.analysed(corpus)
    rows = data.view(analysis, view.evidence, outlet, actor, EVIDENCE_LIMIT)
    if rows.empty:
        st.info(f"{outlet} does not mention {actor}.")
        return
    total = data.view(analysis, view.evidence_count, outlet, actor)
    st.caption(
        f"{total:,} mentions of {md(actor)} in {md(outlet)}; label and polarity come from "
        f"the {st.session_state[state.SENTIMENT]} sentiment model, lexicon from TextBlob on "
        "the mention's clause."
    )
    for row in rows.itertuples(index=False):
        offset = row.sentence_start
        label = f":{LABEL_COLOURS[row.label]}[{row.label}]"
        st.markdown(
            f"{label} polarity {row.polarity:+.2f} · lexicon {row.lexicon_polarity:+.2f} · "
            f"confidence {row.confidence:.0%} · _{md(row.title)}_  \n"
            + highlight(row.sentence, row.start - offset, row.end - offset)
        )
    widgets.first_shown(EVIDENCE_LIMIT, total, " shown; the CSV export has all.")


REGISTRY_FILE = widgets.DataFile(
    kind="registry",
    title="Actor registry: names, aliases and groups on top of the actors found in the text",
    caption="The registry curates: its actors come first, and every other person, "
    "organisation and country the text names is found without it (an empty registry is "
    "valid). Aliases match as written (case-sensitive), separated by ';'. Roles such as "
    "'Ukrainian president' match in any case, only in articles that also name the actor. "
    "Spelling variants of a person's surname (Zelenskyy, Zelenskiy) are found without "
    "listing them. Kind 'ignored' drops a name that is not an actor.",
    keys=widgets.file_keys(state.ACTORS, "registry_form", "registry_upload"),
    column_config={"kind": st.column_config.SelectboxColumn(options=list(KINDS), required=True)},
    resets=ACTOR_CHOICES,
)


def method_choice() -> None:
    """The sentiment classifier the analysis uses (a setting, like the registry)."""
    st.radio(
        "Sentiment classifier",
        METHODS,
        format_func=lambda method: f"{method}: {METHOD_LABELS[method]}",
        key=state.SENTIMENT,
        horizontal=True,
        help="Both were trained on NewsMTSC (political news); the transformer scores about "
        "12 points of macro-F1 higher there and is slower. Changing it analyses the corpus "
        "again.",
    )


def _coref_toggle() -> None:
    st.toggle("Resolve sentence-initial He/She to the previous sentence's subject", key=state.COREF)


def registry_editor() -> None:
    """Edit, download and upload the actor registry."""
    widgets.data_file_editor(REGISTRY_FILE, registry_frame(data.registry()), extra=_coref_toggle)


NEW_NAME = "new name"
DROP = "drop"
ALL_IN_REGISTRY = "Every actor of these articles is in the registry."
FOUND = (
    "People, organisations and countries the articles name, found without a list. Give one a "
    "new name to rename it, or the name of another actor to merge it into that one; tick drop "
    "for a name that is not an actor. Save writes your choices into the registry above "
    "(download it to keep them)."
)


def found_in_text(corpus: Corpus) -> None:
    """The actors found in the text outside the registry: rename, merge or drop them."""
    found = data.actors_found(corpus)
    title = f"Actors found in the text ({len(found)}): rename, merge or drop"
    widgets.found_list(
        title, found, none=ALL_IN_REGISTRY, caption=FOUND, draw=_rename_merge_or_drop
    )


def _rename_merge_or_drop(found: pd.DataFrame) -> None:
    edited = st.data_editor(
        found.assign(**{NEW_NAME: "", DROP: False}),
        hide_index=True,
        width="stretch",
        disabled=list(found.columns),
        key=state.ACTORS.found_editor,
    )
    if st.button("Save to the registry", key="actors.found_save"):
        names = dict(zip(edited[S.ACTOR], edited[NEW_NAME].fillna(""), strict=True))
        dropped = set(edited.loc[edited[DROP].astype(bool), S.ACTOR])
        try:
            updated = curated(data.registry(), found, names=names, dropped=dropped)
        except RegistryError as error:
            st.error(f"Not saved: {error}")
            return
        changed = sum(bool(str(n).strip()) for n in names.values()) + len(dropped)
        _set_registry(registry_to_toml(updated), f"Saved {changed} changes to the registry.")
        del st.session_state[state.ACTORS.found_editor]  # its edits were of the rows before
        st.rerun()


def main() -> None:
    st.title("Actors")
    st.write(
        "Sentiment toward each actor as each outlet writes about them: every mention is "
        "scored in its own sentence (−1 negative … +1 positive), then averaged per outlet "
        "with a 95% bootstrap interval."
    )
    widgets.show_message(state.ACTORS.message)
    corpus = widgets.require_corpus()
    method_choice()
    registry_editor()
    found_in_text(corpus)
    minimum_view = state.ACTORS.view_key("min_mentions")
    minimum = int(st.session_state.get(minimum_view.key, minimum_view.default))
    offered = data.view(data.analysed(corpus), view.actor_choices, minimum)
    if not offered:
        st.info("No actor is mentioned in these articles.")
        return
    selection = filters(offered, corpus)
    tables = data.built(corpus, view.build, selection)
    every = len(selection.outlets or ()) > BAR_OUTLETS and st.checkbox(
        "Show every outlet in the interval chart",
        key=state.ACTORS.every_outlet,
        help=f"At first it shows the {BAR_OUTLETS} outlets with the most mentions.",
    )
    charts = view.charts(tables, every_outlet=every)
    widgets.charts_and_table(charts, tables.shown, FIGURES, corpus)
    evidence(corpus, list(selection.outlets or ()), list(selection.actors or ()))


guard.run_page(state.ACTORS.view, main)
