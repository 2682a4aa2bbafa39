"""presslens: the app's entry point and its home page (load a corpus and see what was loaded,
cleaned and rejected); the other pages are declared in ``pages/_ui/nav.py``.

Run with ``streamlit run dashboard.py``. The sample articles in ``seeds/`` load by default.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import streamlit as st

from analysis import schema as S
from analysis.corpus import (
    EDITABLE_COLUMNS,
    TITLE_GUESSED,
    Corpus,
    copy_notices,
    guessed_titles,
    parse_date,
)
from analysis.ingest import MAX_FILE_BYTES, MAX_URLS, SUPPORTED_SUFFIXES
from analysis.results import ResultsError, read_manifest
from analysis.views.base import outlets_of
from analysis.workspace import WorkspaceError, read_workspace
from pages._ui import data, guard, nav, share, state, widgets
from pages._ui.safe import md

st.set_page_config(page_title="presslens", page_icon="📰", layout="wide")
state.init(st.session_state)


# ----------------------------------------------------------------------------- callbacks


def _on_upload() -> None:
    files = st.session_state.get(state.UPLOADER) or []
    uploads = dict(st.session_state[state.UPLOADS])
    refused = []
    for file in files:
        held = sum(len(data) for name, data in uploads.items() if name != file.name)
        if held + file.size > MAX_FILE_BYTES:
            refused.append(file.name)
            continue
        uploads[file.name] = file.getvalue()
    st.session_state[state.UPLOADS] = tuple(uploads.items())
    if refused:
        st.session_state[state.HOME_MESSAGE] = (
            "error",
            f"Not kept: {', '.join(md(name) for name in refused)}. A session holds at most "
            f"{MAX_FILE_BYTES / 1e6:.0f} MB of uploaded files; remove some, or analyse a "
            "larger corpus with the command line.",
        )


def _on_edit() -> None:
    ids = st.session_state[state.EDITOR_IDS]
    edits = {k: dict(v) for k, v in st.session_state[state.EDITS].items()}
    for row, changes in st.session_state[state.EDITOR]["edited_rows"].items():
        identifier = ids[int(row)]
        editable = {
            c: (None if v is None else str(v)) for c, v in changes.items() if c in EDITABLE_COLUMNS
        }
        edits[identifier] = {**edits.get(identifier, {}), **editable}
    st.session_state[state.EDITS] = edits


def _clear_uploads() -> None:
    st.session_state[state.UPLOADS] = ()


def _clear_edits() -> None:
    st.session_state[state.EDITS] = {}


def _reset() -> None:
    state.reset(st.session_state)


def _open_results() -> None:
    folder = st.session_state.get(state.RESULTS_TEXT) or ""
    try:
        allowed = data.allowed_results(folder)
        made = read_manifest(allowed)
    except ResultsError as error:
        st.session_state[state.HOME_MESSAGE] = ("error", str(error))
        return
    folder = str(allowed)
    st.session_state[state.RESULTS] = folder
    st.session_state[state.HOME_MESSAGE] = (
        "success",
        f"Opened the analysis of {made['articles']:,} articles in {folder}.",
    )


def _close_results() -> None:
    st.session_state[state.RESULTS] = ""


def _on_workspace() -> None:
    upload = st.session_state.get(state.WORKSPACE_UPLOADER)
    if upload is None:
        return
    try:
        workspace = read_workspace(upload.getvalue())
    except WorkspaceError as error:
        st.session_state[state.HOME_MESSAGE] = ("error", f"{upload.name} was not opened: {error}")
        return
    share.open_workspace(workspace)
    parts = [
        f"{len(workspace.uploads)} uploaded file(s)" if workspace.uploads else "",
        f"{len(workspace.pasted)} pasted article(s)" if workspace.pasted else "",
        f"{len(workspace.urls)} URL(s)" if workspace.urls else "",
        "the sample articles" if workspace.include_seeds else "",
        f"edits to {len(workspace.edits)} article(s)" if workspace.edits else "",
        f"your {', '.join(sorted(workspace.files))} file(s)" if workspace.files else "",
    ]
    st.session_state[state.HOME_MESSAGE] = (
        "success",
        f"Opened {upload.name}: {', '.join(p for p in parts if p) or 'an empty corpus'}. "
        "The other pages open with its selections.",
    )


# ----------------------------------------------------------------------------- sidebar


def results_sidebar(folder: str) -> None:
    """What the open analysis folder is, and how to close it."""
    bar = st.sidebar
    bar.header("Corpus")
    made = read_manifest(Path(folder))
    bar.info(
        f"Showing the analysis in {md(folder)}: {made['articles']:,} articles from "
        f"{made['outlets']:,} outlets, made {md(str(made['created']))}. Its settings are "
        "those it was made with; to change them, run python -m analysis analyze again.",
        icon=":material/folder_open:",
    )
    bar.button("Close the analysis", on_click=_close_results)


def sidebar() -> None:
    """Corpus sources: sample articles, uploads, pasted text, URLs, an analysis folder;
    cleaning switch."""
    bar = st.sidebar
    bar.header("Corpus")
    bar.toggle(
        "Include the sample articles",
        key=state.INCLUDE_SEEDS,
        help="Three articles on the same story from three outlets (seeds/).",
    )
    bar.file_uploader(
        "Upload articles",
        accept_multiple_files=True,
        key=state.UPLOADER,
        on_change=_on_upload,
        help="Text (.txt, .md), web pages (.html), PDF, or a corpus export (.csv, .jsonl, "
        ".json, .parquet) with one article per row. Add a manifest.csv (file, outlet, url, "
        "published) to name the outlet and date of each file.",
    )
    uploaded = st.session_state[state.UPLOADS]
    if uploaded:
        bar.caption(
            f"{len(uploaded)} uploaded file(s) in use: "
            + ", ".join(md(name) for name, _ in uploaded)
        )
        bar.button("Remove uploaded files", on_click=_clear_uploads)
    with bar.expander("Paste an article"):
        paste_form()
    with bar.expander("Add articles from URLs"):
        url_form()
    if data.roots():
        with bar.expander("Open an analysis folder"):
            results_form()
    with bar.expander("Open a workspace file"):
        st.file_uploader(
            "Workspace file (.json)",
            type=["json"],
            key=state.WORKSPACE_UPLOADER,
            on_change=_on_workspace,
            help="A file saved on the Export page: a corpus with its uploads, pasted text, "
            "edits, data files and the selections of every page. It replaces what is loaded.",
        )
    bar.toggle(
        "Remove page boilerplate",
        key=state.CLEAN,
        help="Share buttons, teasers, related-story lists, newsletter prompts, "
        "repeated titles... Every removed line is listed below with its reason.",
    )
    bar.button(
        "Start over",
        on_click=_reset,
        help="Forget uploads, pasted text, URLs and edits; load the sample articles.",
    )


def results_form() -> None:
    """The analysis folders this server offers (in the folders of PRESSLENS_RESULTS_ROOTS),
    chosen from a list, never typed."""
    offered = data.offered_results()
    if not offered:
        st.caption("No analysis folder is offered on this server yet.")
        return
    st.selectbox(
        "Folder on the server",
        offered,
        key=state.RESULTS_TEXT,
        help="A folder written by python -m analysis analyze ... --out FOLDER (on this "
        "machine or a cluster): its tables are shown as they are, without analysing.",
    )
    st.button("Open", on_click=_open_results, key="home.results_open")


def paste_form() -> None:
    """A form that adds one pasted article with its outlet, title and date."""
    with st.form("home.paste_form", clear_on_submit=True):
        outlet = st.text_input(
            "Outlet", placeholder="e.g. Associated Press", key=state.PASTE_OUTLET
        )
        title = st.text_input("Title (optional)", key=state.PASTE_TITLE)
        published = st.text_input("Date (optional)", placeholder="2025-05-12", key=state.PASTE_DATE)
        text = st.text_area("Article text", height=180, key=state.PASTE_TEXT)
        if not st.form_submit_button("Add article"):
            return
    if not text.strip():
        st.error("Paste the article's text before adding it.")
        return
    if published.strip() and pd.isna(parse_date(published)):
        st.warning(
            f"The date {published!r} was not understood; the article was added "
            "without a date (edit it in the table)."
        )
        published = ""
    number = len(st.session_state[state.PASTED]) + 1
    entry = (f"pasted text {number}", text, outlet.strip(), title.strip(), published.strip())
    st.session_state[state.PASTED] = (*st.session_state[state.PASTED], entry)


def url_form() -> None:
    """A form that adds article URLs, one per line, fetched and extracted on the server."""
    with st.form("home.url_form", clear_on_submit=True):
        raw = st.text_area(
            "One URL per line", placeholder="https://…", height=120, key=state.URL_TEXT
        )
        if not st.form_submit_button("Fetch"):
            return
    urls = [line.strip() for line in raw.splitlines() if line.strip()]
    known = st.session_state[state.URLS]
    added = [u for u in dict.fromkeys(urls) if u not in set(known)]
    room = max(0, MAX_URLS - len(known))
    st.session_state[state.URLS] = (*known, *added[:room])
    if len(added) > room:
        st.warning(
            f"{len(added) - room:,} URL(s) were not added: a session fetches at most "
            f"{MAX_URLS} pages (analyse more with the command line)."
        )


# ----------------------------------------------------------------------------- main area


def summary(corpus: Corpus) -> None:
    """Headline numbers of the loaded corpus."""
    articles = corpus.articles
    cells = st.columns(5)
    cells[0].metric("Articles", f"{len(articles):,}")
    cells[1].metric("Outlets", f"{len(outlets_of(articles)) if len(articles) else 0:,}")
    cells[2].metric("Words", f"{int(articles[S.N_WORDS].sum()) if len(articles) else 0:,}")
    cells[3].metric("Lines removed", f"{len(corpus.removed):,}")
    cells[4].metric("Rejected inputs", f"{len(corpus.rejected):,}")


def corpus_table(articles: pd.DataFrame, *, editable: bool) -> None:
    """The table of articles; when ``editable``, edits to outlet, title and date flow into
    every page (an opened analysis folder is shown as it was made)."""
    st.subheader("Articles")
    st.caption(
        "Edit an article's outlet, title or date in the table: every analysis uses "
        "the edited values."
        if editable
        else "The articles of the analysis folder, as it was made."
    )
    shown = articles.assign(**{TITLE_GUESSED: guessed_titles(articles)})[
        [
            S.OUTLET,
            S.TITLE,
            TITLE_GUESSED,
            S.PUBLISHED,
            S.N_WORDS,
            S.LANGUAGE,
            S.REMOVED_LINES,
            S.COPY_OVERLAP,
            S.DOMAIN,
            S.SOURCE,
            S.ARTICLE_ID,
        ]
    ]
    columns = {
        S.OUTLET: st.column_config.TextColumn("Outlet", required=True),
        S.TITLE: st.column_config.TextColumn("Title", width="large"),
        TITLE_GUESSED: st.column_config.CheckboxColumn(
            "Title guessed",
            help="The article gave no title: it was made from its URL, and is not counted "
            "as a headline.",
        ),
        S.PUBLISHED: st.column_config.DateColumn("Date", format="YYYY-MM-DD"),
        S.N_WORDS: st.column_config.NumberColumn("Words"),
        S.LANGUAGE: st.column_config.TextColumn("Language"),
        S.REMOVED_LINES: st.column_config.NumberColumn("Lines removed"),
        S.COPY_OVERLAP: st.column_config.ProgressColumn(
            "Copied text",
            help="Share of this article's text found in an earlier article "
            "(wire copy); empty when it is original.",
            format="percent",
            min_value=0.0,
            max_value=1.0,
        ),
        S.DOMAIN: st.column_config.TextColumn("Domain"),
        S.SOURCE: st.column_config.TextColumn("Source"),
        S.ARTICLE_ID: st.column_config.TextColumn("Article id"),
    }
    if not editable:
        st.dataframe(shown, hide_index=True, width="stretch", column_config=columns)
        return
    st.session_state[state.EDITOR_IDS] = shown[S.ARTICLE_ID].tolist()
    st.data_editor(
        shown,
        key=state.EDITOR,
        on_change=_on_edit,
        hide_index=True,
        num_rows="fixed",
        width="stretch",
        disabled=[c for c in shown.columns if c not in EDITABLE_COLUMNS],
        column_config=columns,
    )
    if st.session_state[state.EDITS]:
        st.button(
            f"Undo my edits ({len(st.session_state[state.EDITS])} article(s))",
            on_click=_clear_edits,
        )


def notices(articles: pd.DataFrame) -> None:
    """Non-English articles and wire copies: kept, but the user should know."""
    foreign = articles[~articles[S.LANGUAGE].isin(["en"])]
    if len(foreign):
        listed = ", ".join(
            f"{md(o)} ({md(lang)})"
            for o, lang in zip(foreign[S.OUTLET], foreign[S.LANGUAGE], strict=True)
        )
        st.warning(
            f"{len(foreign)} article(s) may not be in English: {listed}. They are kept, "
            "but the sentiment analysis is English-only."
        )
    for row in copy_notices(articles).itertuples(index=False):
        st.info(
            f"**{md(row.outlet)}** — “{md(row.title)}” repeats "
            f"{row.copy_overlap:.0%} of **{md(row.copied_outlet)}** — "
            f"“{md(row.copied_title)}” (the same wire copy). Both are kept."
        )


def removed_lines(corpus: Corpus) -> None:
    """Per article: every line that cleaning removed, with its reason, and the text before and
    after cleaning."""
    st.subheader("What cleaning removed")
    articles = corpus.articles
    if not st.session_state[state.CLEAN]:
        st.caption("Cleaning is switched off: articles are analysed as loaded.")
    chosen = widgets.choose_article(
        st,
        articles.set_index(S.ARTICLE_ID),
        outlets_of(articles),
        keys=(state.REMOVED_OUTLET, state.REMOVED_ARTICLE),
        label="Article",
    )
    if chosen is None:
        return
    removed = corpus.removed[corpus.removed[S.ARTICLE_ID] == chosen]
    if removed.empty:
        st.caption("Nothing was removed from this article.")
    else:
        labels = {S.LINE_NO: "Line", S.REMOVED_TEXT: "Removed", S.REASON: "Why"}
        shown = removed[list(labels)]
        widgets.labelled_table(shown, labels, large=S.REMOVED_TEXT, numbers={S.LINE_NO})
    row = data.articles_with_texts(corpus, [chosen]).iloc[0]
    with st.expander("Text as loaded and after cleaning"):
        left, right = st.columns(2)
        left.text_area("As loaded", row[S.RAW_TEXT], height=360, disabled=True)
        right.text_area("After cleaning (title apart)", row[S.TEXT], height=360, disabled=True)


def rejected_inputs(rejected: pd.DataFrame) -> None:
    """Every input that did not become an article, with the reason."""
    st.subheader("Rejected inputs")
    if rejected.empty:
        st.success("Every input became an article.")
        return
    labels = {S.SOURCE: "Input", S.REASON: "Why it was not loaded", S.DETAIL: "Detail"}
    widgets.labelled_table(rejected, labels, large=S.REASON)


def main() -> None:
    """The home page."""
    opened = data.opened_results() is not None
    if opened:
        results_sidebar(st.session_state[state.RESULTS])
    else:
        sidebar()
    st.title("presslens")
    st.caption(
        "Compare how news outlets cover the same story. Load articles in the sidebar: "
        "the sample articles are loaded by default. Supported files: "
        + ", ".join(sorted(SUPPORTED_SUFFIXES))
        + "."
    )
    widgets.show_message(state.HOME_MESSAGE)
    corpus = data.current_corpus()
    summary(corpus)
    if corpus.articles.empty:
        st.warning(
            "No article is loaded. Switch on the sample articles or add your own in "
            "the sidebar; the inputs that could not be read are listed below."
        )
    else:
        corpus_table(corpus.articles, editable=not opened)
        notices(corpus.articles)
        removed_lines(corpus)
    rejected_inputs(corpus.rejected)
    if not corpus.articles.empty:
        widgets.analysis_problems(corpus, heading="Analysis")


def home() -> None:
    """The home page, the navigation's default: :func:`main` inside the page guard."""
    guard.run_page((), main)


nav.navigation(home).run()
