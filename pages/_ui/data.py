"""Cached access to the corpus for every page (the only place that calls ``st.cache_*``).

The cache is keyed by the sources' content (file bytes, pasted text, URLs) and the settings;
user edits to outlet, title and date are applied after the cache, so an edit never re-runs
the cleaning.
"""

from __future__ import annotations

import os
from pathlib import Path

import streamlit as st

from analysis.corpus import Corpus, apply_edits, build_corpus
from analysis.ingest import IngestResult, fetch_url, read_paths, read_text, read_uploads
from pages._ui import state

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
#: Set PRESSLENS_ALLOW_PRIVATE_URLS=1 to fetch URLs on loopback or a private network
#: (local use and tests); a hosted dashboard refuses them.
ALLOW_PRIVATE_URLS = os.environ.get("PRESSLENS_ALLOW_PRIVATE_URLS") == "1"


@st.cache_data(show_spinner="Fetching the page…", ttl=3600, max_entries=500)
def _fetch(url: str) -> IngestResult:
    return fetch_url(url, allow_private=ALLOW_PRIVATE_URLS)


@st.cache_data(show_spinner="Reading and cleaning the articles…", max_entries=16)
def _build(
    include_seeds: bool,
    uploads: tuple[tuple[str, bytes], ...],
    pasted: tuple[tuple[str, str, str, str, str], ...],
    urls: tuple[str, ...],
    clean: bool,
) -> Corpus:
    result = read_paths([SEEDS]) if include_seeds else IngestResult()
    result += read_uploads(uploads)
    for source, text, outlet, title, published in pasted:
        result += read_text(
            source, text, outlet=outlet or None, title=title or None, published=published or None
        )
    for url in urls:
        result += _fetch(url)
    return build_corpus(result, clean=clean)


def loaded_corpus() -> Corpus:
    """The corpus as loaded and cleaned, before the user's edits."""
    state.init(st.session_state)
    s = st.session_state
    return _build(
        s[state.INCLUDE_SEEDS], s[state.UPLOADS], s[state.PASTED], s[state.URLS], s[state.CLEAN]
    )


def current_corpus() -> Corpus:
    """The corpus every page analyses: loaded, cleaned, with the user's edits applied."""
    corpus = loaded_corpus()
    edits = st.session_state[state.EDITS]
    if not edits:
        return corpus
    return Corpus(apply_edits(corpus.articles, edits), corpus.rejected, corpus.removed)
