"""Widgets shared by pages that keep their selection valid when the data changes."""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from typing import Any, NamedTuple

import pandas as pd
import streamlit as st

from analysis import schema as S
from analysis.bundles import csv_text
from analysis.charts import export_config, file_stem, inert
from analysis.corpus import Corpus, short_id
from analysis.datafile import DataFileError
from analysis.outlets import Outlets, groupings
from analysis.pipeline import error_summary
from analysis.settings import DATA_FILES, DataFileKind
from analysis.views.base import Chart, outlets_of
from pages._ui import data, state
from pages._ui.safe import in_context, md

#: Prefix of the session-state flag that makes a multiselect start from its default again.
_RESET = "reset:"
#: Prefix of the session-state record of the options a multiselect last offered.
_OFFERED = "offered:"
#: Prefix of the session-state record of what selections were last chosen within
#: (:func:`forget_on_change`).
_WITHIN = "within:"


def multiselect(
    container: Any,
    label: str,
    options: Sequence[str],
    *,
    default: Sequence[str],
    key: str,
    **kw: Any,
) -> list[str]:
    """A multiselect whose remembered selection drops options that no longer exist (after a
    corpus or registry change) instead of failing; ``default`` applies on first show, after
    :func:`forget`, and when the options changed and nothing remembered is among them (a
    choice emptied by the data, not by the user: another topic, another corpus)."""
    s, shown = st.session_state, tuple(options)
    before, s[_OFFERED + key] = s.get(_OFFERED + key), shown
    if s.pop(_RESET + key, False):
        s[key] = [value for value in default if value in options]
    if key in s:
        kept = [value for value in s[key] if value in options]
        if not kept and before is not None and before != shown:
            kept = [value for value in default if value in options]
        if kept != s[key]:
            s[key] = kept
        return container.multiselect(label, options, key=key, **kw)
    return container.multiselect(label, options, default=list(default), key=key, **kw)


def outlet_filter(
    container: Any,
    corpus: Corpus,
    *,
    key: str,
    default: Sequence[str] | None = None,
    **kw: Any,
) -> list[str]:
    """The "Outlets" multiselect of a page: every outlet of ``corpus`` offered, ``default``
    (None: every outlet) chosen at first."""
    outlets = outlets_of(corpus.articles)
    chosen = outlets if default is None else default
    return multiselect(container, "Outlets", outlets, default=chosen, key=key, **kw)


def _forget_unknown(key: str, options: Sequence[str]) -> None:
    """Put the first of ``options`` under ``key`` when what it holds is not one of them (so
    the browser shows it too, not the value of before)."""
    if key in st.session_state and st.session_state[key] not in options:
        if options:
            st.session_state[key] = options[0]
        else:
            del st.session_state[key]


def selectbox(container: Any, label: str, options: Sequence[str], *, key: str, **kw: Any) -> Any:
    """A selectbox that falls back to the first option when its remembered value (or the
    value of a shared link) is not one of ``options``, and starts again from it after
    :func:`forget`."""
    if st.session_state.pop(_RESET + key, False) and options:
        st.session_state[key] = options[0]
    _forget_unknown(key, options)
    return container.selectbox(label, options, key=key, **kw)


def forget_on_change(key: str, value: object, keys: tuple[str, ...]) -> None:
    """:func:`forget` the selections ``keys`` when ``value`` (what they are chosen within:
    the grouping whose groups they are) is not what it was on this session's last run under
    ``key``; on the first run they are kept (a shared link's choices)."""
    before = st.session_state.get(_WITHIN + key, value)
    st.session_state[_WITHIN + key] = value
    if before != value:
        forget(keys)


def number_input(container: Any, label: str, view: state.ViewKey, **kw: Any) -> int:
    """A whole-number input with the range, default and key of ``view`` (the ones a shared
    link is checked against)."""
    value = container.number_input(
        label, min_value=view.low, max_value=view.high, value=view.default, key=view.key, **kw
    )
    return int(value)


def radio(container: Any, label: str, options: Sequence[str], *, key: str, **kw: Any) -> Any:
    """Radio buttons that fall back to the first option like :func:`selectbox`."""
    _forget_unknown(key, options)
    return container.radio(label, options, key=key, **kw)


def file_download(
    container: Any,
    label: str,
    make: Callable[[], bytes],
    file_name: str,
    mime: str,
    **kw: Any,
) -> None:
    """A download button whose file ``make()`` makes when the user clicks (not on every
    rerun, and without rerunning the page). ``make`` runs outside the script: it must not
    read session state."""
    container.download_button(label, make, file_name=file_name, mime=mime, on_click="ignore", **kw)


def csv_download(
    container: Any, label: str, frame: pd.DataFrame | Callable[[], pd.DataFrame], file_name: str
) -> None:
    """A CSV download of ``frame`` (or of the frame ``frame()`` reads, when it is asked); the
    CSV is made when the user clicks, not on every rerun."""

    def made() -> bytes:
        return csv_text(frame() if callable(frame) else frame).encode("utf-8")

    file_download(container, label, made, file_name, "text/csv")


def show_message(key: str) -> None:
    """Show, once, the ``(kind, text)`` message a callback left under ``key``."""
    kind, text = st.session_state.pop(key, (None, None))
    if kind == "error":
        st.error(text)
    elif kind == "success":
        st.success(text)


def require_corpus() -> Corpus:
    """The session's corpus; when no article is loaded, says so and stops the page."""
    state.init(st.session_state)
    corpus = data.current_corpus()
    if corpus.articles.empty:
        st.warning("No articles are loaded. Load some on the home page.")
        st.stop()
    return corpus


def labelled_table(
    frame: pd.DataFrame,
    labels: dict[str, str],
    *,
    large: str,
    numbers: Collection[str] = (),
) -> None:
    """``frame`` as a full-width table without its index, each column of ``labels`` under
    its label: text (the ``large`` one wide) or, for ``numbers``, numbers."""
    config = {
        column: st.column_config.NumberColumn(label)
        if column in numbers
        else st.column_config.TextColumn(label, width="large" if column == large else None)
        for column, label in labels.items()
    }
    st.dataframe(frame, hide_index=True, width="stretch", column_config=config)


#: The columns of the analysis errors as :func:`analysis_problems` lists them.
ERROR_LABELS = {
    S.ARTICLE_ID: "Article",
    S.OUTLET: "Outlet",
    S.TITLE: "Title",
    S.ANALYSER: "Analyser",
    S.ERROR: "Error",
    S.MESSAGE: "Message",
}


def analysis_problems(corpus: Corpus, *, heading: str | None = None) -> None:
    """Which articles some analyser could not analyse, in words, with the list in an expander
    (nothing when everything was analysed), under ``heading`` when one is given."""
    errors = data.analysed(corpus).analysis_errors
    if errors.empty:
        return
    if heading:
        st.subheader(heading)
    st.warning(error_summary(errors), icon=":material/warning:")
    with st.expander("What could not be analysed"):
        shown = errors.assign(
            **{S.ARTICLE_ID: errors[S.ARTICLE_ID].map(short_id).replace("", "whole corpus")}
        )
        labelled_table(shown, ERROR_LABELS, large=S.MESSAGE)


def table_form(
    form_key: str,
    frame: pd.DataFrame,
    *,
    editor_key: str,
    button: str,
    apply: Callable[[pd.DataFrame], str],
    message_key: str,
    refused: str,
    column_config: dict[str, Any] | None = None,
    add_rows: bool = True,
) -> None:
    """A table the user edits (rows may be added unless ``add_rows`` is False) and submits
    as a whole. On submit,
    ``apply(edited)`` stores the change and returns a success message, or raises
    ``ValueError`` with the reason; either is shown once after the rerun (under
    ``message_key``), the reason prefixed by ``refused``."""
    with st.form(form_key):
        edited = st.data_editor(
            frame,
            num_rows="dynamic" if add_rows else "fixed",
            hide_index=True,
            width="stretch",
            key=editor_key,
            column_config=column_config,
        )
        if st.form_submit_button(button):
            try:
                message = ("success", apply(edited))
            except ValueError as error:
                message = ("error", f"{refused}: {error}")
            st.session_state[message_key] = message
            st.rerun()


class FileKeys(NamedTuple):
    """The widget keys of a page's data-file editor: its ``form``, ``editor``, ``upload``
    and ``message`` (the last change's, shown once)."""

    form: str
    editor: str
    upload: str
    message: str


def file_keys(page: state.PageKeys, form: str, upload: str) -> FileKeys:
    """The data-file editor keys of ``page``: its ``form`` and ``upload`` keys by name, its
    ``editor`` and ``message`` keys."""
    return FileKeys(getattr(page, form), page.editor, getattr(page, upload), page.message)


class DataFile(NamedTuple):
    """A user-editable data file on a page: its ``kind`` (a name of
    analysis.settings.DATA_FILES; the TOML text lives under state.DATA_FILE_KEYS[kind]), the
    expander's ``title`` and ``caption``, the page's widget ``keys`` and the editor's column
    settings."""

    kind: str
    title: str
    caption: str
    keys: FileKeys
    column_config: dict[str, Any] | None = None
    resets: tuple[str, ...] = ()  # selections that start again from their defaults on a change


def forget(keys: tuple[str, ...]) -> None:
    """Forget the remembered selections of the :func:`multiselect` and :func:`selectbox`
    widgets ``keys``: they show their defaults again on the next run (after a registry
    change, the most mentioned actors rather than the names of before). The browser
    remembers a widget's value too, so the default is set explicitly then, not merely the
    old value dropped."""
    for key in keys:
        st.session_state[_RESET + key] = True


def _kind(file: DataFile) -> DataFileKind:
    return DATA_FILES[file.kind]


def _apply_table(file: DataFile, edited: pd.DataFrame) -> str:
    kind = _kind(file)
    entries, toml = kind.toml_from_frame(edited)
    st.session_state[state.DATA_FILE_KEYS[file.kind]] = toml
    forget(file.resets)
    return f"{kind.what.capitalize()}: {len(entries)} {kind.noun}."


def _on_upload(file: DataFile) -> None:
    upload = st.session_state.get(file.keys.upload)
    if upload is None:
        return
    kind = _kind(file)
    try:
        text = upload.getvalue().decode("utf-8")
        entries = kind.parse(text)
    except UnicodeDecodeError:
        message = ("error", f"{upload.name} was not loaded: it is not UTF-8 text")
    except DataFileError as error:
        message = ("error", f"{upload.name} was not loaded: {error}")
    else:
        st.session_state[state.DATA_FILE_KEYS[file.kind]] = text
        forget(file.resets)
        message = ("success", f"Loaded {len(entries)} {kind.noun} from {upload.name}.")
    st.session_state[file.keys.message] = message


def data_file_editor(
    file: DataFile, frame: pd.DataFrame, *, extra: Callable[[], None] | None = None
) -> None:
    """An expander to edit the session's data file (``frame``: its entries as the editor's
    table), download it as TOML and load one, the same on every page; a refused change says
    why and changes nothing. ``extra`` draws more settings inside the expander."""
    kind = _kind(file)
    toml = st.session_state[state.DATA_FILE_KEYS[file.kind]]
    with st.expander(file.title):
        st.caption(file.caption)
        table_form(
            file.keys.form,
            frame,
            editor_key=file.keys.editor,
            button=f"Apply changes to the {kind.noun}",
            apply=lambda edited: _apply_table(file, edited),
            message_key=file.keys.message,
            refused=f"The {kind.noun} were not changed",
            column_config=file.column_config,
        )
        if extra is not None:
            extra()
        left, right = st.columns(2)
        left.download_button(
            f"Download the {kind.what} (TOML)",
            toml.encode("utf-8"),
            file_name=kind.file_name,
            mime="application/toml",
        )
        right.file_uploader(
            f"Load {kind.what} (TOML)",
            type=["toml"],
            key=file.keys.upload,
            on_change=_on_upload,
            args=(file,),
        )


#: Most uses listed in context on a page (the CSV downloads have them all).
USE_LIMIT = 100
#: Rows of a per-article table a page lists (its download has all of them).
ROW_LIMIT = 1_000


def uses_in_context(
    rows: pd.DataFrame, corpus: Corpus, heading: Callable[[Any], str], total: int | None = None
) -> None:
    """Each row (article_id, start, end: a span of the article's text) as its outlet, a
    ``heading(row)`` (already escaped) and the span highlighted in its context; the first
    :data:`USE_LIMIT` rows (of ``total``: the rows there are, when ``rows`` holds only the
    first ones)."""
    shown = rows.head(USE_LIMIT)
    articles = data.articles_with_texts(corpus, set(shown[S.ARTICLE_ID])).set_index(S.ARTICLE_ID)
    for row in shown.itertuples(index=False):
        st.markdown(
            f"{heading(row)} · {md(articles.at[row.article_id, S.OUTLET])}  \n"
            + in_context(articles.at[row.article_id, S.TEXT], row.start, row.end)
        )
    first_shown(len(shown), len(rows) if total is None else total, " shown.")


#: Shown under a chart when the server cannot draw PNGs.
NO_SERVER_PNG = (
    "Download PNG needs Chromium on the server (see the Export page); the camera icon above "
    "the chart downloads one from your browser."
)


def chart(drawn: Chart) -> None:
    """Show a view's chart (analysis.views) in the presslens template (no Streamlit theme
    over it): its modebar PNG download named after the chart (see
    analysis.charts.export_config), and a server-side "Download PNG" of the same file, drawn
    by kaleido when clicked. Names from the articles are shown as written, never as markup
    (analysis.charts.inert)."""
    figure = inert(drawn.figure)
    st.plotly_chart(figure, width="stretch", theme=None, config=export_config(drawn.name, figure))
    stem = file_stem(drawn.name)
    if not data.png_available():
        st.caption(NO_SERVER_PNG)
        return
    file_download(
        st,
        "Download PNG",
        lambda: data.png(figure),
        f"{stem}.png",
        "image/png",
        key=f"png.{stem}",
        icon=":material/image:",
        help="1200 px wide at scale 2, drawn on the server in the same template",
    )


class Table(NamedTuple):
    """The table behind a page's charts: the expander's ``title``, the CSV's ``file_name``,
    the ``caption`` that explains its columns, the download's ``label`` and the ``whole``
    tables of the analysis downloadable beside it (download label, table name)."""

    title: str
    file_name: str
    caption: str = ""
    label: str = "Download table (CSV)"
    whole: tuple[tuple[str, str], ...] = ()


def charts_and_table(
    drawn: Sequence[Chart], frame: pd.DataFrame, table: Table, corpus: Corpus
) -> None:
    """A view's charts, then the ``frame`` behind them in an expander with its CSV download
    and those of the whole tables of ``corpus``'s analysis that ``table`` names."""
    for each in drawn:
        chart(each)
    with st.expander(table.title):
        if table.caption:
            st.caption(table.caption)
        st.dataframe(frame, hide_index=True, width="stretch")
        csv_download(st, table.label, frame, table.file_name)
        for label, name in table.whole:
            table_download(corpus, label, name)


def first_shown(shown: int, total: int, rest: str) -> None:
    """Says that the first ``shown`` of ``total`` rows are shown (``rest``: the words that
    follow), when there are more."""
    if total > shown:
        st.caption(f"First {shown} of {total}{rest}")


def found_list(
    title: str,
    found: pd.DataFrame,
    *,
    none: str,
    caption: str,
    draw: Callable[[pd.DataFrame], None],
) -> None:
    """An expander (``title``) of what was found in the articles for the user to take up:
    ``none`` says there is nothing; else the ``caption``, then ``draw(found)``."""
    with st.expander(title):
        if found.empty:
            st.write(none)
            return
        st.caption(caption)
        draw(found)


def _dated_title(articles: pd.DataFrame, article_id: str) -> str:
    row = articles.loc[article_id]
    title = "(no title)" if pd.isna(row[S.TITLE]) else row[S.TITLE]
    return title if pd.isna(row[S.PUBLISHED]) else f"{title} ({row[S.PUBLISHED]:%Y-%m-%d})"


def choose_article(
    container: Any, articles: pd.DataFrame, outlets: list[str], *, keys: tuple[str, str], label: str
) -> str:
    """An article of one of ``outlets``: the outlet, then one of its articles by date (one
    list of every article of a large corpus would be slow to send and to search). ``keys``
    are those of the outlet and of the article; the outlet of a remembered article (or of a
    shared link's) is chosen for it, and choosing another outlet forgets the article."""
    outlet_key, key = keys
    remembered = st.session_state.get(key)
    if remembered in articles.index and articles.at[remembered, S.OUTLET] in outlets:
        st.session_state[outlet_key] = articles.at[remembered, S.OUTLET]
    left, right = container.columns([1, 2])
    outlet = selectbox(
        left,
        f"{label}: outlet",
        outlets,
        key=outlet_key,
        on_change=lambda: st.session_state.pop(key, None),
    )
    own = articles[articles[S.OUTLET] == outlet].sort_values(S.PUBLISHED, kind="stable")
    return selectbox(
        right, label, own.index.tolist(), key=key, format_func=lambda a: _dated_title(articles, a)
    )


def table_download(corpus: Corpus, label: str, name: str) -> None:
    """A CSV download of the whole table ``name`` of ``corpus``'s analysis, read when the
    user clicks (a stored analysis reads nothing before)."""
    analysis = data.analysed(corpus)
    file_download(
        st, label, lambda: csv_text(analysis.rows(name)).encode("utf-8"), f"{name}.csv", "text/csv"
    )


def listed(frame: pd.DataFrame, what: str, total: int | None = None) -> pd.DataFrame:
    """The first :data:`ROW_LIMIT` rows of ``frame`` to list, with a caption saying so when
    there are more (``total``, default the rows of ``frame``; ``what``: the rows,
    "articles"); the download has all of them."""
    total = len(frame) if total is None else total
    if total > ROW_LIMIT:
        st.caption(f"The first {ROW_LIMIT:,} of {total:,} {what} are listed; the download has all.")
    return frame.head(ROW_LIMIT)


#: The choice of judging outlets one by one rather than groups of them.
EACH_OUTLET = "each outlet"


def grouping_choice(label: str, *, key: str, help: str) -> tuple[Outlets, str | None]:
    """The session's outlets file and the grouping of it chosen in a selectbox (``None``:
    each outlet, also when the file groups nothing and no selectbox is drawn)."""
    outlets = data.outlets()
    options = [EACH_OUTLET, *groupings(outlets)]
    if len(options) == 1:
        return outlets, None
    grouping = selectbox(st, label, options, key=key, help=help)
    return outlets, None if grouping == EACH_OUTLET else grouping
