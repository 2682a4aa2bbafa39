"""Cached access to the corpus for every page (the only place that calls ``st.cache_*``).

The cache is keyed by the sources' content (file bytes, pasted text, URLs) and the settings;
user edits to outlet, title and date are applied after the cache, so an edit never re-runs
the cleaning.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Collection, Hashable
from pathlib import Path
from typing import TypeVar, cast

import pandas as pd
import plotly.graph_objects as go
import streamlit as st
from streamlit import runtime
from streamlit.runtime.scriptrunner import get_script_run_ctx

from analysis import schema as S
from analysis.actors import Registry
from analysis.budget import Budget
from analysis.cache import DiskCache
from analysis.corpus import Corpus, apply_edits, build_corpus
from analysis.engine import Engine, OnProgress, Progress, Stopped
from analysis.export import page_charts
from analysis.ingest import (
    MAX_URLS,
    IngestResult,
    admitted,
    fetch_url,
    read_paths,
    read_text,
    read_uploads,
)
from analysis.lexicon import Groups
from analysis.marks import article_marks
from analysis.outlets import Outlets, merge_aliases, outlets_to_toml
from analysis.pipeline import analyse, own_analysis, shared_analysis, tables_hash
from analysis.render import PngRenderer, find_browser
from analysis.results import (
    ResultsError,
    analysis_folders,
    confined,
    read_manifest,
    read_results,
    results_roots,
    settings_of,
)
from analysis.settings import DATA_FILES, Settings
from analysis.stance import Topics
from analysis.tables import Analysis
from analysis.views import actors as actors_view
from analysis.views import groups as groups_view
from analysis.views import keywords as keywords_view
from analysis.views import stance as stance_view
from analysis.views.base import Chart
from pages._ui import state

View = TypeVar("View")
Selection = TypeVar("Selection", bound=Hashable)

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
#: Set PRESSLENS_ALLOW_PRIVATE_URLS=1 to fetch URLs on loopback or a private network
#: (local use and tests); a hosted dashboard refuses them.
ALLOW_PRIVATE_URLS = os.environ.get("PRESSLENS_ALLOW_PRIVATE_URLS") == "1"
#: The Dask scheduler that analyses the articles (e.g. tcp://scheduler:8786, as in
#: docker-compose.yml); unset: a local cluster of this machine's cores.
SCHEDULER = os.environ.get("PRESSLENS_SCHEDULER") or None
#: Seconds an analysis stays in the server's memory cache; entries are gone at the latest this
#: long after they were made, and sooner when newer analyses push them out. Built corpora and
#: analyses are also kept on disk (analysis.pipeline.DiskCache, in the user's cache folder or
#: $PRESSLENS_CACHE_DIR) so that reopening a corpus is quick; PRESSLENS_DISK_CACHE=0 keeps
#: them in memory only (a hosted dashboard that must not store uploads).
CACHE_TTL = 3600
#: The folders (separated by os.pathsep) in which the home page offers the analysis folders
#: written by python -m analysis analyze --out, as a list to choose from; unset, it offers
#: none (a hosted dashboard opens no folder of the server unless its operator says which).
#: The operator's own streamlit run dashboard.py -- --results DIR opens DIR wherever it is.
RESULTS_ROOTS = "PRESSLENS_RESULTS_ROOTS"


@st.cache_data(show_spinner="Fetching the page…", ttl=CACHE_TTL, max_entries=500)
def _fetch(url: str) -> IngestResult:
    return fetch_url(url, allow_private=ALLOW_PRIVATE_URLS)


@st.cache_resource(show_spinner="Reading and cleaning the articles…", max_entries=16, ttl=CACHE_TTL)
def _build(
    include_seeds: bool,
    uploads: tuple[tuple[str, bytes], ...],
    pasted: tuple[tuple[str, str, str, str, str], ...],
    urls: tuple[str, ...],
    clean: bool,
    _should_stop: Callable[[], bool],
) -> Corpus:
    budget = Budget()
    result = read_paths([SEEDS], budget=budget) if include_seeds else IngestResult()
    result += read_uploads(uploads, budget=budget)
    typed = IngestResult()
    for source, text, outlet, title, published in pasted:
        if _should_stop():
            raise Stopped
        typed += read_text(
            source, text, outlet=outlet or None, title=title or None, published=published or None
        )
    result += admitted(typed, budget)
    for url in urls[:MAX_URLS]:
        if _should_stop():
            raise Stopped
        result += admitted(_fetch(url), budget)
    tell, done = _progress_bar()
    try:
        return build_corpus(
            result,
            clean=clean,
            cache=disk_cache(),
            scheduler=SCHEDULER,
            on_progress=tell,
            should_stop=_should_stop,
        )
    finally:
        done()


def results_argument(argv: list[str]) -> str:
    """The folder of ``--results DIR`` in ``argv`` (``streamlit run dashboard.py --
    --results DIR``), "" when there is none."""
    parser = argparse.ArgumentParser(add_help=False)
    parser.add_argument("--results", default="")
    return str(parser.parse_known_args(argv)[0].results)


@st.cache_resource(show_spinner="Opening the analysis…", max_entries=4, ttl=CACHE_TTL)
def _results(folder: str, created: str) -> Analysis:
    return read_results(Path(folder))


def roots() -> tuple[Path, ...]:
    """The folders of :data:`RESULTS_ROOTS` (none when it is unset)."""
    return results_roots(os.environ.get(RESULTS_ROOTS, ""))


@st.cache_data(ttl=60, show_spinner=False)
def _offered(folders: tuple[Path, ...]) -> list[str]:
    return [str(folder) for folder in analysis_folders(folders)]


def offered_results() -> list[str]:
    """The analysis folders a visitor may open (:func:`analysis.results.analysis_folders`
    of :func:`roots`), looked for again at most once a minute."""
    return _offered(roots())


def allowed_results(folder: str) -> Path:
    """``folder`` as this session may open it: the ``--results`` folder of the command line
    (the operator's choice), or a folder of :func:`roots` (resolved,
    :func:`analysis.results.confined`); :class:`ResultsError` (one message) for any other."""
    if folder == results_argument(sys.argv[1:]):
        return Path(folder)
    return confined(folder, roots())


def opened_results() -> Analysis | None:
    """The analysis of the results folder the session shows (analysis.results), None when it
    shows its own sources; read once per folder and version of it. The folder named by
    ``--results`` on the command line is opened first; one that is not allowed
    (:func:`allowed_results`) or cannot be read is closed with the reason in the home page's
    message."""
    s = st.session_state
    if state.RESULTS not in s:
        s[state.RESULTS] = results_argument(sys.argv[1:])
    folder = s[state.RESULTS]
    if not folder:
        return None
    try:
        allowed = allowed_results(folder)
        return _results(str(allowed), str(read_manifest(allowed).get("created")))
    except ResultsError as error:
        s[state.RESULTS] = ""
        s[state.HOME_MESSAGE] = ("error", str(error))
        return None


def results_folder() -> Path | None:
    """The results folder the session shows (see :func:`opened_results`), None when it shows
    its own sources."""
    opened = opened_results()
    return None if opened is None else allowed_results(st.session_state[state.RESULTS])


def loaded_corpus() -> Corpus:
    """The corpus as loaded and cleaned, before the user's edits (the articles of the
    analysis folder, when one is open)."""
    opened = opened_results()
    state.init(st.session_state)
    if opened is not None:
        return opened.corpus
    s = st.session_state
    return _build(
        s[state.INCLUDE_SEEDS],
        s[state.UPLOADS],
        s[state.PASTED],
        s[state.URLS],
        s[state.CLEAN],
        session_gone(),
    )


def current_corpus() -> Corpus:
    """The corpus every page analyses: loaded, cleaned, with the user's edits applied and
    the outlets the outlets file names under two names merged (analysis.outlets)."""
    corpus = loaded_corpus()
    edits = st.session_state[state.EDITS]
    if st.session_state[state.RESULTS]:
        return corpus
    articles = apply_edits(corpus.articles, edits) if edits else corpus.articles
    articles = merge_aliases(articles, cast(Outlets, _session_file("outlets")))
    if articles is corpus.articles:
        return corpus
    return Corpus(articles, corpus.rejected, corpus.removed)


#: The session's analysis settings as cache-key text: the TOML of each data file (in the
#: order of analysis.settings.DATA_FILES), coreference, sentiment method.
SettingsKey = tuple[tuple[str, ...], bool, str]


def _all_settings() -> SettingsKey:
    s = st.session_state
    texts = tuple(s[state.DATA_FILE_KEYS[name]] for name in DATA_FILES)
    return (texts, s[state.COREF], s[state.SENTIMENT])


@st.cache_data(show_spinner=False, max_entries=128, ttl=CACHE_TTL)
def _data_file(name: str, toml: str) -> tuple[object, ...]:
    """The entries of the session's data file of kind ``name`` (analysis.settings.DATA_FILES)
    parsed from its TOML."""
    return DATA_FILES[name].parse_session(toml)


def _session_file(name: str) -> tuple[object, ...]:
    return _data_file(name, st.session_state[state.DATA_FILE_KEYS[name]])


def _pipeline_settings(settings: SettingsKey) -> Settings:
    texts, coref, sentiment = settings
    files = {name: _data_file(name, text) for name, text in zip(DATA_FILES, texts, strict=True)}
    return Settings(**files, coref=coref, sentiment=sentiment)  # type: ignore[arg-type]


@st.cache_resource(show_spinner=False)
def disk_cache() -> DiskCache | None:
    """The analyses kept on disk (analysis.pipeline.DiskCache), None when switched off with
    PRESSLENS_DISK_CACHE=0."""
    return None if os.environ.get("PRESSLENS_DISK_CACHE") == "0" else DiskCache()


# cache_resource, not cache_data: every page reads these tables on every rerun, and
# cache_data would copy them each time; nothing changes them (the library never mutates
# its inputs and pages only read).
def _progress_bar() -> tuple[OnProgress, Callable[[], None]]:
    """A progress bar that shows the stage of the work and the articles done, and the
    function that removes it. Made inside a cached function, so that a cache hit replays
    it as made and removed, never pointing at a block drawn outside."""
    bar = st.empty()

    def tell(progress: Progress) -> None:
        stage = progress.stage.capitalize()
        if progress.total > 1:
            text = f"{stage}: {progress.done:,} of {progress.total:,}"
        else:
            text = f"{stage}…"
        bar.progress(progress.done / progress.total if progress.total else 1.0, text=text)

    return tell, bar.empty


@st.cache_resource(show_spinner=False, max_entries=8, ttl=CACHE_TTL)
def _analysis(
    key: str,
    settings: SettingsKey,
    _corpus: Corpus,
    _should_stop: Callable[[], bool],
) -> Analysis:
    tell, done = _progress_bar()
    chosen = _pipeline_settings(settings)
    engine = Engine(scheduler=SCHEDULER, on_progress=tell, should_stop=_should_stop)
    try:
        made = analyse(_corpus, chosen, engine=engine, cache=disk_cache())
    finally:
        done()
    return shared_analysis(made, chosen)


def session_gone() -> Callable[[], bool]:
    """A check that turns true once this browser session has gone (closed or disconnected),
    so that work started for it stops (analysis.engine.Stopped); always false outside a
    running server (AppTest, bare mode)."""
    context = get_script_run_ctx()
    if context is None or not runtime.exists():
        return lambda: False
    server, session = runtime.get_instance(), context.session_id
    return lambda: not server.is_active_session(session)


def analysed(corpus: Corpus) -> Analysis:
    """The analysis of ``corpus`` with the session's settings (analysis.pipeline.analyse):
    made once per corpus and settings, on every core, and read from the disk cache when this
    corpus was analysed before; the analysis of the results folder when one is open. The
    memory cache is shared by sessions with the same articles (cleaned texts and metadata) and
    holds nothing else of their corpus (analysis.pipeline.shared_analysis): each session gets
    its own articles, rejected inputs and removed lines back (own_analysis)."""
    opened = opened_results()
    if opened is not None:
        return opened
    return _own_analysis(corpus.content_hash, _all_settings(), corpus, session_gone())


@st.cache_resource(show_spinner=False, max_entries=16, ttl=CACHE_TTL)
def _own_analysis(
    content: str, settings: SettingsKey, _corpus: Corpus, _should_stop: Callable[[], bool]
) -> Analysis:
    """One analysis object per corpus content and settings (views keep their summaries with
    the object: analysis.views.base.once)."""
    shared = _analysis(tables_hash(_corpus.articles), settings, _corpus, _should_stop)
    return own_analysis(shared, _corpus)


def built(
    corpus: Corpus, build: Callable[[Analysis, Selection], View], selection: Selection
) -> View:
    """A page's tables: ``build`` of its view (analysis.views) with the page's ``selection``
    over the analysis of ``corpus``, through :func:`view`."""
    return view(analysed(corpus), build, selection)


def view(
    analysis: Analysis, build: Callable[..., View], *choices: Hashable, spinner: str = ""
) -> View:
    """``build(analysis, *choices)``: the one cache of what the pages show. Made once per
    analysis (its key: corpus and settings), builder and choices, and kept for
    :data:`CACHE_TTL`; ``choices`` are the view's selection and any setting it reads (as
    text), so a builder never reads the session. ``spinner`` is shown while it is made.

    The result is shared, not copied (pages only read it, as they read the analysis)."""
    name = f"{build.__module__}.{build.__qualname__}"
    return cast(View, _view(analysis.key, name, choices, analysis, build, spinner))


@st.cache_resource(show_spinner=False, max_entries=256, ttl=CACHE_TTL)
def _view(
    key: str,
    name: str,
    choices: tuple[Hashable, ...],
    _analysis: Analysis,
    _build: Callable[..., object],
    _spinner: str,
) -> object:
    if not _spinner:
        return _build(_analysis, *choices)
    with st.spinner(_spinner):
        return _build(_analysis, *choices)


def registry() -> Registry:
    """The session's actor registry (the default until the user edits it)."""
    return cast(Registry, _session_file("registry"))


def _found_actors(analysis: Analysis, registry_toml: str) -> pd.DataFrame:
    return actors_view.found(analysis, cast(Registry, _data_file("registry", registry_toml)))


def actors_found(corpus: Corpus) -> pd.DataFrame:
    """The actors found in the text outside the registry (analysis.views.actors.found)."""
    return view(analysed(corpus), _found_actors, st.session_state[state.REGISTRY])


def _contexts(analysis: Analysis, term: str, registry_toml: str) -> pd.DataFrame:
    registry = cast(Registry, _data_file("registry", registry_toml))
    return keywords_view.contexts(analysis, term, registry=registry)


def contexts(corpus: Corpus, term: str) -> pd.DataFrame:
    """Every sentence of ``corpus`` using ``term`` (analysis.views.keywords.contexts)."""
    registry_toml = st.session_state[state.REGISTRY]
    return view(analysed(corpus), _contexts, term, registry_toml, spinner="Finding the sentences…")


def _proposed(analysis: Analysis, topics_toml: str) -> pd.DataFrame:
    return stance_view.proposed(analysis, cast(Topics, _data_file("topics", topics_toml)))


def topics_to_propose(corpus: Corpus) -> pd.DataFrame:
    """Topics the corpus argues about that the session's topics miss
    (analysis.views.stance.proposed)."""
    return view(analysed(corpus), _proposed, st.session_state[state.TOPICS])


@st.cache_data(show_spinner=False, max_entries=8, ttl=CACHE_TTL)
def _made_with(folder: str, created: str) -> Settings | None:
    return settings_of(read_manifest(Path(folder)))


def results_settings() -> Settings | None:
    """The settings the open results folder was made with (recorded in its manifest,
    analysis.results.settings_of); None when no folder is open or it does not record them."""
    folder = results_folder()
    if folder is None:
        return None
    return _made_with(str(folder), str(read_manifest(folder).get("created")))


def topics() -> Topics:
    """The stance topics of the analysis shown: those the open results folder was made with,
    else the session's (the defaults until the user edits them)."""
    made = results_settings()
    if made is not None and made.topics is not None:
        return made.topics
    return cast(Topics, _session_file("topics"))


def spelling_groups() -> Groups:
    """The session's spelling variant groups (the built-in table until the user edits it)."""
    return cast(Groups, _session_file("spellings"))


def term_groups() -> Groups:
    """The session's contested-term groups (the built-in ones until the user edits them)."""
    return cast(Groups, _session_file("terms"))


def session_outlets() -> Outlets:
    """The session's outlets file (empty until the user writes one)."""
    return cast(Outlets, _session_file("outlets"))


def outlets() -> Outlets:
    """The outlets whose groups the Groups page compares: the session's outlets file, else
    the one the open results folder was made with."""
    mine = session_outlets()
    made = results_settings()
    if mine or made is None or not made.outlets:
        return mine
    return made.outlets


def _groups(
    analysis: Analysis, selection: groups_view.Selection, outlets_toml: str
) -> groups_view.Tables:
    chosen = cast(Outlets, _data_file("outlets", outlets_toml))
    return groups_view.build(analysis, selection, outlets=chosen)


def groups_built(corpus: Corpus, selection: groups_view.Selection) -> groups_view.Tables:
    """The Groups page's tables (analysis.views.groups.build) with :func:`outlets`."""
    toml = outlets_to_toml(outlets())
    return view(analysed(corpus), _groups, selection, toml, spinner="Comparing the groups…")


def _group_options(analysis: Analysis, grouping: str | None, outlets_toml: str) -> object:
    chosen = cast(Outlets, _data_file("outlets", outlets_toml))
    return groups_view.options(analysis, grouping, outlets=chosen)


def group_options(corpus: Corpus, grouping: str | None) -> groups_view.Options:
    """The groupings and groups the Groups page offers (analysis.views.groups.options)."""
    toml = outlets_to_toml(outlets())
    return cast(groups_view.Options, view(analysed(corpus), _group_options, grouping, toml))


def _group_evidence(
    analysis: Analysis, kind: str, item: str, sides: tuple[str, str, str], outlets_toml: str
) -> pd.DataFrame:
    chosen = cast(Outlets, _data_file("outlets", outlets_toml))
    ids = groups_view.side_articles(analysis, chosen, *sides)
    return groups_view.evidence(analysis, kind, item, ids)


def group_evidence(
    corpus: Corpus, kind: str, item: str, grouping: str, group: str, versus: str
) -> pd.DataFrame:
    """The rows behind one comparison of the Groups page (analysis.views.groups.evidence)."""
    toml = outlets_to_toml(outlets())
    sides = (grouping, group, versus)
    return view(analysed(corpus), _group_evidence, kind, item, sides, toml)


def all_charts(corpus: Corpus) -> list[Chart]:
    """Every chart of every page in its default view (analysis.export.page_charts), the
    Groups charts with :func:`outlets`."""
    toml = outlets_to_toml(outlets())
    return view(analysed(corpus), _all_charts, toml, spinner="Drawing every chart…")


def _all_charts(analysis: Analysis, outlets_toml: str) -> list[Chart]:
    return page_charts(analysis, cast(Outlets, _data_file("outlets", outlets_toml)))


def png_available() -> bool:
    """Whether this server has a browser for server-side PNG export."""
    return find_browser() is not None


@st.cache_resource(show_spinner="Starting the PNG renderer…")
def renderer() -> PngRenderer:
    """The one kaleido renderer of this server, started on first use (raises
    analysis.render.ExportError when it cannot start; the next call tries again)."""
    return PngRenderer()


def png(figure: go.Figure) -> bytes:
    """``figure`` as PNG, drawn by the one kaleido renderer of this server (started on the
    first use; raises analysis.render.ExportError when it cannot draw)."""
    return renderer().png(figure)


def _marks(analysis: Analysis, article_id: str) -> pd.DataFrame:
    def of_article(name: str) -> pd.DataFrame:
        return analysis.rows(name, **{S.ARTICLE_ID: [article_id]})

    return article_marks(
        article_id,
        analysis.texts([article_id])[article_id],
        sentiment=of_article("actor_sentiment"),
        quotes=of_article("quotes"),
        term_hits=of_article("term_hits"),
        variant_hits=of_article("spelling_hits"),
        keywords=of_article("keywords"),
    )


def articles_with_texts(corpus: Corpus, article_ids: Collection[str]) -> pd.DataFrame:
    """The rows of ``corpus``'s articles ``article_ids`` with their texts (read from the
    results folder when one is open: its articles are held without them)."""
    opened = opened_results()
    if opened is not None:
        return opened.rows("articles", **{S.ARTICLE_ID: article_ids})
    articles = corpus.articles
    return articles[articles[S.ARTICLE_ID].isin(list(article_ids))]


def marks(corpus: Corpus, article_id: str) -> pd.DataFrame:
    """Every mark of one article (analysis.marks.article_marks) from the pages' tables;
    made once per article and settings, not on every rerun."""
    return view(analysed(corpus), _marks, article_id)
