"""Overview: the whole comparison at a glance: a card per outlet, the largest differences
between the outlets with their evidence, and the articles by date."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pandas as pd
import streamlit as st

from analysis import schema as S
from analysis.corpus import Corpus
from analysis.views import framing
from analysis.views import groups as groups_view
from analysis.views import overview as view
from pages._ui import data, guard, nav, state, widgets
from pages._ui.safe import md

st.set_page_config(page_title="Overview · presslens", page_icon="📰", layout="wide")
#: Outlet cards per row.
PER_ROW = 3
SECTION_TITLES = {
    "articles": "Articles",
    "spelling": "Spelling it uses",
    "keywords": "Top keywords",
    "distinctive terms": "Most distinctive terms",
    "sentiment": "Sentiment toward the main actors (−1..+1)",
    "quotes": "Who it quotes most, and with which verbs",
    "frames": "Strongest frames (0..1)",
    "contested terms": "Contested terms it uses most",
}


def _plural(count: float, word: str) -> str:
    return f"{count:g} {word}" + ("" if count == 1 else "s")


def _label(row: Any) -> str:
    """The text of a card item (escaped: items come from article text)."""
    item, value, count = md(row.item), md(row.value), row.count
    return {
        "spelling": f"{item} → {value} ({_plural(count, 'use')})",
        "keywords": f"{value} {item}",
        "distinctive terms": f"{item} ({count:g}×, {value})",
        "sentiment": f"{item} {value} · {_plural(count, 'mention')}",
        "quotes": f"{item} · {_plural(count, 'quote')}: {value}",
        "frames": f"{item} {value}",
        "contested terms": f"{item} ×{count:g} ({value})",
    }[row.section]


def _articles_label(rows: pd.DataFrame) -> str:
    facts = rows.set_index(S.ITEM)
    articles = _plural(facts.at["articles", S.COUNT], "article")
    return md(f"{articles} · {facts.at['dates', S.VALUE]} · {facts.at['words', S.VALUE]} words")


def _focus(section: str, outlet: str, item: str, group: str) -> dict[str, Any]:
    """The selections that make the explaining page show ``item`` of ``outlet``."""
    if section == "spelling":
        return {state.SPELLING.group: item}
    if section in ("keywords", "distinctive terms"):
        return {state.KEYWORDS.outlet: outlet, state.KEYWORDS.free_term: item}
    if section == "sentiment":
        return {state.ACTORS.pair_outlet: outlet, state.ACTORS.pair_actor: item}
    if section == "quotes":
        return {state.VOICES.speaker: item}
    if section == "contested terms":
        return {state.FRAMING.group: group, state.FRAMING.term: item}
    return {}


def _go(page: str, focus: dict[str, Any]) -> None:
    st.session_state.update(focus)
    nav.switch_to(page)


def _chosen(key: str, page: str, focus: list[dict[str, Any]]) -> None:
    """A card item was clicked: remember where it leads and clear the click (a callback may
    not switch pages; :func:`follow_choice` does on the rerun)."""
    position = st.session_state[key]
    st.session_state[key] = None
    if position is not None:
        st.session_state[state.OVERVIEW.pending] = (page, focus[position])


def follow_choice() -> None:
    """Open the page of the card item clicked last, showing that item."""
    pending = st.session_state.pop(state.OVERVIEW.pending, None)
    if pending is not None:
        _go(*pending)


def link(label: str, page: str, focus: dict[str, Any], *, key: str, help: str) -> None:
    """A button that opens ``page`` showing ``focus`` (keeps the session's corpus, which a
    plain link to another URL would lose)."""
    if st.button(label, key=key, icon=":material/arrow_forward:", help=help):
        _go(page, focus)


def card(outlet: str, cards: pd.DataFrame, term_groups: dict[tuple[str, str], str]) -> None:
    """One outlet's card: a row of clickable items per section, each opening the page that
    explains it."""
    st.markdown(f"#### {md(outlet)}")
    for section, rows in view.card_sections(cards, outlet):
        page = nav.SECTION_PAGES[section]
        if section == "articles":
            labels, focus = [_articles_label(rows)], [{}]
        else:
            labels = [_label(row) for row in rows.itertuples()]
            focus = [
                _focus(section, outlet, row.item, term_groups.get((outlet, row.item), ""))
                for row in rows.itertuples()
            ]
        key = f"overview.card.{outlet}.{section}"
        st.pills(
            SECTION_TITLES[section],
            range(len(labels)),
            format_func=labels.__getitem__,
            key=key,
            on_change=_chosen,
            args=(key, page, focus),
            help=f"Click an item to open it on the {page} page",
        )


def _rows(items: list[str]) -> Iterator[list[str]]:
    for first in range(0, len(items), PER_ROW):
        yield items[first : first + PER_ROW]


def cards(overview: view.Comparison, corpus: Corpus, outlets: list[str]) -> None:
    """The outlet cards side by side, :data:`PER_ROW` to a row."""
    term_groups = data.view(data.analysed(corpus), framing.term_groups)
    left_out = omitted(corpus, outlets)
    for chunk in _rows(outlets):
        for column, outlet in zip(st.columns(PER_ROW), chunk, strict=False):
            with column.container(border=True):
                card(outlet, overview.cards, term_groups)
                omission_line(left_out, outlet)
    with st.expander("Table: every fact of the cards"):
        st.dataframe(overview.cards, hide_index=True, width="stretch")
        widgets.csv_download(st, "Download the cards (CSV)", overview.cards, "outlet_cards.csv")


def omitted(corpus: Corpus, outlets: list[str]) -> view.OmissionTables:
    """What each of ``outlets`` leaves out that most of the others carry."""
    return data.view(data.analysed(corpus), view.omissions, tuple(sorted(outlets)))


def omission_line(left_out: view.OmissionTables, outlet: str) -> None:
    """The card's line on what the outlet leaves out."""
    status, statements = view.outlet_omissions(left_out, outlet)
    if statements:
        st.caption("**Leaves out:** " + md("; ".join(s.split(";")[0] for s in statements)))
    elif status:
        st.caption(f"**Leaves out:** {md(status)}")


def omissions_by_group(corpus: Corpus, left_out: view.OmissionTables) -> view.OmissionTables:
    """The omissions of each outlet, or of each group of a grouping of the outlets file when
    one is chosen."""
    outlets_file, grouping = widgets.grouping_choice(
        "Leaves out, per",
        key=state.OVERVIEW.omission_grouping,
        help="Each chosen outlet, or each group of a grouping of the outlets file (every "
        "outlet of the corpus in its group)",
    )
    if grouping is None:
        return left_out
    return data.view(data.analysed(corpus), view.group_omissions, outlets_file, grouping)


def omissions_section(left_out: view.OmissionTables) -> None:
    """What each outlet leaves out that most of the others carry, with the sentences of
    those that carry it."""
    st.caption(
        "An actor, speaker, topic or contested term that at least 3 and 60% of the other "
        "outlets carry and this outlet never does, when its articles would be unlikely to "
        "miss it by chance (at most a 20% chance, from how often the others' articles carry "
        "it). Outlets with under 150 words are not judged. Open one for the sentences of the "
        "outlets that carry it."
    )
    found, units, evidence = left_out
    if found.empty:
        st.info("No omission: no outlet leaves out what most of the others carry.")
    for row in found.itertuples():
        st.markdown(f"**{md(row.outlet)}** {md(row.statement)}")
        with st.expander(f"Evidence · {row.kind}: {row.item}"):
            shown = evidence[
                (evidence[S.OUTLET] == row.outlet)
                & (evidence[S.KIND] == row.kind)
                & (evidence[S.ITEM] == row.item)
            ]
            st.dataframe(shown.drop(columns=[S.OUTLET]), hide_index=True, width="stretch")
    quiet = units[units[S.STATUS] != "omissions"]
    if len(quiet):
        said = ", ".join(
            f"{outlet} ({status})"
            for outlet, status in quiet[[S.OUTLET, S.STATUS]].itertuples(index=False)
        )
        st.caption(md("Nothing left out: " + said))
    widgets.csv_download(st, "Download the omissions (CSV)", found, "omissions.csv")
    widgets.csv_download(st, "Download their evidence (CSV)", evidence, "omission_evidence.csv")


def _difference_focus(kind: str, subject: str) -> dict[str, Any]:
    return {
        "spelling": {state.SPELLING.group: subject},
        "wording": {state.FRAMING.group: subject},
        "sentiment": {state.ACTORS.pair_actor: subject},
        "voices": {state.VOICES.speaker: subject},
    }.get(kind, {})


def differences(overview: view.Comparison) -> None:
    """The largest differences, each with its figures and evidence sentences."""
    st.subheader("Largest differences between these outlets")
    summary, evidence = overview.differences
    if summary.empty:
        st.info(
            "No clear difference: the chosen outlets spell names, word contested things, "
            "quote speakers and frame the story alike, or there is too little text to say."
        )
        return
    st.caption(
        "Computed from the tables, largest first (score 0..1, higher = the outlets differ "
        "more; at most three of a kind). Open a difference for the sentences behind it."
    )
    for row in summary.itertuples():
        page = nav.KIND_PAGES[row.kind]
        st.markdown(f"{row.rank}. **{md(row.kind)}: {md(row.subject)}** — {md(row.statement)}")
        with st.expander(f"Evidence · score {row.score:.2f}"):
            st.caption(md(row.details))
            shown = evidence[evidence[S.RANK] == row.rank].drop(columns=S.RANK)
            st.dataframe(shown, hide_index=True, width="stretch")
            link(
                f"Open the {page} page",
                page,
                _difference_focus(row.kind, row.subject),
                key=f"overview.difference.{row.rank}",
                help=f"Show {row.subject} on the {page} page",
            )
    widgets.csv_download(st, "Download the differences (CSV)", summary, "differences.csv")
    widgets.csv_download(st, "Download their evidence (CSV)", evidence, "difference_evidence.csv")


def group_findings(corpus: Corpus) -> None:
    """The largest differences between groups of outlets that pass their test (the Groups
    page in its default view), each with its sentences; nothing when none does."""
    tables = data.groups_built(corpus, groups_view.Selection())
    found = groups_view.largest(tables)
    if not found:
        return
    st.subheader("Largest differences between groups of outlets")
    st.caption(
        "Tested on the Groups page: difference [95% interval], q corrected for every "
        "comparison; each article counts once."
    )
    rows = groups_view.largest_rows(tables)
    for number, (line, row) in enumerate(zip(found, rows.itertuples(), strict=True), 1):
        st.markdown(f"{number}. {md(line)}")
        with st.expander("The sentences behind it"):
            sides = (tables.grouping, row.group, row.versus)
            evidence = data.group_evidence(corpus, row.kind, row.item, *sides)
            st.dataframe(evidence, hide_index=True, width="stretch")
    link("Open the Groups page", "Groups", {}, key="overview.groups", help="Every comparison")


def timeline_section(corpus: Corpus, outlets: list[str]) -> None:
    """Articles by date and outlet, and the sentiment toward a chosen actor."""
    st.subheader("Articles by date")
    actors = data.view(data.analysed(corpus), view.timeline_actors)
    if not actors:
        st.info("No actor is mentioned in these articles.")
        return
    actor = widgets.selectbox(
        st, "Sentiment toward", actors, key=state.OVERVIEW.actor, help="Most mentioned first"
    )
    tables = data.built(corpus, view.build, view.Selection(tuple(outlets), actor))
    for chart in view.charts(tables):
        widgets.chart(chart)
    chosen = corpus.articles[corpus.articles[S.OUTLET].isin(outlets)]
    undated = int(chosen[S.PUBLISHED].isna().sum())
    if undated:
        st.caption(
            f"{undated} of {len(chosen)} articles have no publication date and are not "
            "shown; add dates in the corpus table on the home page."
        )


def main() -> None:
    st.title("Overview")
    st.write(
        "How the outlets differ, at a glance: one card per outlet with the spelling it "
        "uses, its keywords, the sentiment toward the main actors, who it quotes and how it "
        "frames the story. Every item opens the page that explains it."
    )
    follow_choice()
    corpus = widgets.require_corpus()
    widgets.analysis_problems(corpus)
    outlets = widgets.outlet_filter(
        st,
        corpus,
        default=view.default_outlets(corpus.articles),
        key=state.OVERVIEW.outlets,
        help=f"The {view.DEFAULT_CARDS} outlets with the most articles are shown first",
    )
    said = view.default_said(corpus.articles)
    if said:
        st.caption(said)
    if not outlets:
        st.info("Choose at least one outlet.")
        return
    overview = data.view(
        data.analysed(corpus),
        view.compare,
        tuple(sorted(outlets)),
        spinner="Comparing the outlets…",
    )
    cards(overview, corpus, outlets)
    if len(outlets) > 1:
        differences(overview)
        st.subheader("What each outlet leaves out")
        omissions_section(omissions_by_group(corpus, omitted(corpus, outlets)))
    group_findings(corpus)
    timeline_section(corpus, outlets)


guard.run_page(state.OVERVIEW.view, main)
