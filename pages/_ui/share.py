"""Shareable views: a page's view state and a small corpus live in ``st.query_params``.

Every page calls :func:`restore` before its widgets and :func:`publish` after them. The URL in
the browser then always describes the view: the selections of the page (the ``view`` of its
:class:`pages._ui.state.PageKeys`), and the corpus when a link can carry it (the sample
articles or not, the list of article URLs, cleaning, coreference, the sentiment classifier and the
outlet/title/date
edits). A link is read once per session, on the first page the session opens, so a colleague
who opens it sees the same view, and later widget changes are not overwritten by it.

Uploaded files and pasted text never go into a link (they would be stored in the URL and in
server logs); the sidebar says so and points to the workspace file of the Export page.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any
from urllib.parse import urlencode

import streamlit as st

from analysis.ingest import MAX_URLS
from analysis.sentiment import METHODS
from analysis.settings import DATA_FILES
from analysis.workspace import Workspace, WorkspaceError, parse_json, read_edits
from pages._ui import state
from pages._ui.state import ViewKey

#: Pixels of the sidebar's link box: one line, however long the link (it scrolls).
LINK_HEIGHT = 48
RESTORED = "share.restored"  # bool: this session has read its link
#: Query parameters of the corpus.
URL, SEEDS, CLEAN, COREF, EDITS = "url", "seeds", "clean", "coref", "edits"
SENTIMENT = "sentiment"
_FLAGS = {SEEDS: state.INCLUDE_SEEDS, CLEAN: state.CLEAN, COREF: state.COREF}


def _flag(text: str) -> bool:
    return text.strip().lower() in {"1", "true", "yes", "on"}


def coerce(view: ViewKey, raw: Any) -> Any:
    """``raw`` (text or a list of texts from a link, a JSON value from a workspace file) as a
    value the widget of ``view`` can take; None when it cannot be read. Numbers are kept in
    the widget's range."""
    if view.kind == "list":
        items = raw if isinstance(raw, list) else [raw]
        return [str(item) for item in items if item not in (None, "")]
    if isinstance(raw, list):
        raw = raw[-1] if raw else None
    if raw is None:
        return None
    if view.kind == "bool":
        return raw if isinstance(raw, bool) else _flag(str(raw))
    if view.kind == "int":
        try:
            return min(max(int(raw), view.low), view.high)
        except (TypeError, ValueError):
            return None
    return str(raw)


def _restore_corpus(params: Any) -> None:
    s = st.session_state
    urls = [url for url in params.get_all(URL) if url.startswith(("http://", "https://"))]
    if urls:
        s[state.URLS] = tuple(dict.fromkeys(urls[:MAX_URLS]))
    for param, key in _FLAGS.items():
        if param in params:
            s[key] = _flag(params[param])
    if params.get(SENTIMENT) in METHODS:
        s[state.SENTIMENT] = params[SENTIMENT]
    if EDITS in params:
        try:
            s[state.EDITS] = read_edits(parse_json(params[EDITS]))
        except WorkspaceError as error:
            st.warning(f"The edits in this link were not applied: {error}.")


def restore(views: Sequence[ViewKey]) -> None:
    """Once per session, before the page's widgets: the corpus and the values of ``views``
    from the link the session was opened with. Values a widget cannot take are left out (the
    widgets drop options that no longer exist)."""
    state.init(st.session_state)
    state.keep(st.session_state)
    if st.session_state.get(RESTORED):
        return
    st.session_state[RESTORED] = True
    params = st.query_params
    _restore_corpus(params)
    for view in views:
        if view.key in params:
            value = coerce(view, params.get_all(view.key))
            if value is not None:
                st.session_state[view.key] = value


def shareable_corpus() -> bool:
    """Whether a link can carry this session's corpus (no uploads and no pasted text)."""
    s = st.session_state
    return not s[state.UPLOADS] and not s[state.PASTED]


def view_params(views: Sequence[ViewKey]) -> dict[str, str | list[str]]:
    """The query parameters describing this session's corpus and the values of ``views``."""
    s = st.session_state
    params: dict[str, str | list[str]] = {}
    if shareable_corpus():
        if s[state.URLS]:
            params[URL] = list(s[state.URLS])
        for param, key in _FLAGS.items():
            if s[key] != state.DEFAULTS[key]:
                params[param] = "1" if s[key] else "0"
        if s[state.SENTIMENT] != state.DEFAULTS[state.SENTIMENT]:
            params[SENTIMENT] = s[state.SENTIMENT]
        if s[state.EDITS]:
            params[EDITS] = json.dumps(s[state.EDITS], separators=(",", ":"), sort_keys=True)
    for view in views:
        if view.key not in s:
            continue
        value = s[view.key]
        if view.kind == "list":
            params[view.key] = [str(v) for v in value] or [""]
        elif view.kind == "bool":
            params[view.key] = "1" if value else "0"
        elif value is not None:
            params[view.key] = str(value)
    return params


def _edited_files() -> list[str]:
    s = st.session_state
    return [
        DATA_FILES[name].what
        for name, key in state.DATA_FILE_KEYS.items()
        if s[key] != state.DEFAULTS[key]
    ]


def publish(views: Sequence[ViewKey]) -> None:
    """After the page's widgets: put the view into the URL and show "Copy link to this view"
    in the sidebar, saying what a link cannot carry."""
    params = view_params(views)
    st.query_params.from_dict(params)
    query = urlencode(params, doseq=True)
    link = f"{st.context.url or ''}?{query}" if query else st.context.url or ""
    shown = sum(1 for value in params.values() if value not in ("", [""]))
    with st.sidebar:
        st.markdown("**Copy link to this view**")
        st.code(link, language=None, wrap_lines=False, height=LINK_HEIGHT)
        st.caption(
            f"The link opens this page with its {shown} selections; the copy button is at "
            "the right of the box."
        )
        if not shareable_corpus():
            st.caption(
                "Uploaded files and pasted text do not travel in a link: the link opens the "
                "same view of the sample articles and URLs only. To share your own corpus, "
                "download a workspace file on the Export page."
            )
        edited = _edited_files()
        if edited:
            st.caption(
                f"Your edits to the {', '.join(edited)} do not travel in a link either; the "
                "workspace file carries them."
            )


def current_workspace() -> Workspace:
    """This session's corpus, settings, edited data files and the selections of every page."""
    s = st.session_state
    files = {
        name: s[key] for name, key in state.DATA_FILE_KEYS.items() if s[key] != state.DEFAULTS[key]
    }
    view = {v.key: s[v.key] for v in state.ALL_VIEWS if v.key in s}
    return Workspace(
        uploads=s[state.UPLOADS],
        pasted=s[state.PASTED],
        urls=s[state.URLS],
        include_seeds=s[state.INCLUDE_SEEDS],
        clean=s[state.CLEAN],
        coref=s[state.COREF],
        sentiment=s[state.SENTIMENT],
        edits=s[state.EDITS],
        files=files,
        view=view,
    )


def open_workspace(workspace: Workspace) -> None:
    """Replace this session's corpus, settings and selections by those of ``workspace``."""
    s = st.session_state
    state.reset(s)
    s[state.UPLOADS] = workspace.uploads
    s[state.PASTED] = workspace.pasted
    s[state.URLS] = workspace.urls
    s[state.INCLUDE_SEEDS] = workspace.include_seeds
    s[state.CLEAN] = workspace.clean
    s[state.COREF] = workspace.coref
    s[state.SENTIMENT] = workspace.sentiment
    s[state.EDITS] = workspace.edits
    for name, text in workspace.files.items():
        s[state.DATA_FILE_KEYS[name]] = text
    for view in state.ALL_VIEWS:
        s.pop(view.key, None)
        if view.key in workspace.view:
            value = coerce(view, workspace.view[view.key])
            if value is not None:
                s[view.key] = value
    s[RESTORED] = True
