"""Session-state keys and the small values kept under them (never DataFrames).

Keys are namespaced: ``corpus.*`` for the loaded sources, ``home.*`` for the home page.
"""

from __future__ import annotations

from collections.abc import MutableMapping
from typing import Any

UPLOADS = "corpus.uploads"  # tuple of (file name, bytes) uploaded in this session
PASTED = "corpus.pasted"  # tuple of (source, text, outlet, title, published) pasted
URLS = "corpus.urls"  # tuple of URLs to fetch
INCLUDE_SEEDS = "corpus.include_seeds"  # bool: load the sample articles
CLEAN = "corpus.clean"  # bool: remove page boilerplate
EDITS = "corpus.edits"  # {article_id: {column: value}} made in the corpus table

UPLOADER = "home.uploader"
EDITOR = "home.editor"
EDITOR_IDS = "home.editor_ids"  # article ids in the order the corpus table shows them
REMOVED_ARTICLE = "home.removed_article"
PASTE_OUTLET = "home.paste_outlet"
PASTE_TITLE = "home.paste_title"
PASTE_DATE = "home.paste_date"
PASTE_TEXT = "home.paste_text"
URL_TEXT = "home.url_text"

DEFAULTS: dict[str, Any] = {
    UPLOADS: (),
    PASTED: (),
    URLS: (),
    INCLUDE_SEEDS: True,
    CLEAN: True,
    EDITS: {},
}


def init(state: MutableMapping[str, Any]) -> None:
    """Put the default of every corpus key that is not set yet into ``state``."""
    for key, value in DEFAULTS.items():
        if key not in state:
            state[key] = value.copy() if isinstance(value, dict) else value


def reset(state: MutableMapping[str, Any]) -> None:
    """Forget every loaded source and edit (back to the sample articles)."""
    for key, value in DEFAULTS.items():
        state[key] = value.copy() if isinstance(value, dict) else value
