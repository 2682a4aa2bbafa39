"""Session-state keys and the small values kept under them (never DataFrames).

Keys are namespaced: ``corpus.*`` for the loaded sources and analysis settings, ``home.*`` for
the home page, and one prefix per page (``actors.*``, ``stance.*``, ``voices.*``, ``groups.*``,
``keywords.*``, ``spelling.*``, ``framing.*``).
"""

from __future__ import annotations

from collections.abc import MutableMapping
from dataclasses import fields
from typing import Any, NamedTuple

from analysis.sentiment import TRANSFORMER
from analysis.settings import DATA_FILES
from analysis.views import actors, framing, groups, keywords, overview, spelling, stance, voices
from analysis.views.base import bounds


class ViewKey(NamedTuple):
    """A session-state key that is part of a page's shareable view (see pages._ui.share):
    its ``kind`` (list, text, int or bool) and, for int, the range ``low``..``high`` and the
    ``default`` of the widget, which is drawn from them (:func:`pages._ui.widgets.number_input`).
    """

    key: str
    kind: str
    low: int = 0
    high: int = 0
    default: int = 0


#: The kind of view key of each type of a selection's field.
FIELD_KINDS = {"tuple[str, ...] | None": "list", "str | None": "text", "int": "int", "bool": "bool"}


def selection_keys(page: str, selection: type) -> tuple[ViewKey, ...]:
    """The shareable keys of a view's selection class (analysis.views): one per field, named
    ``page.field``, of the kind its type says; a number carries its range and default (its
    widget is drawn from them, a shared link is checked against them)."""
    keys = []
    for field in fields(selection):
        kind = FIELD_KINDS[str(field.type)]
        numbers = bounds(selection, field.name) if kind == "int" else ()
        keys.append(ViewKey(f"{page}.{field.name}", kind, *numbers))
    return tuple(keys)


class PageKeys:
    """The session-state keys of one page, by name: ``ACTORS.min_mentions`` is the key
    ``"actors.min_mentions"``. Its ``view`` is the keys a shared link carries: one per field
    of the page's view ``selection`` (:func:`selection_keys`), then the ``shared`` ones (name:
    kind); ``own`` names the page's other keys. :meth:`view_key` gives a shareable key with
    its kind and range."""

    def __init__(
        self,
        page: str,
        selection: type | None = None,
        *,
        shared: dict[str, str] | None = None,
        own: tuple[str, ...] = (),
    ) -> None:
        chosen = selection_keys(page, selection) if selection is not None else ()
        others = (ViewKey(f"{page}.{name}", kind) for name, kind in (shared or {}).items())
        self.page = page
        self.view: tuple[ViewKey, ...] = (*chosen, *others)
        self._view_keys = {view.key.removeprefix(f"{page}."): view for view in self.view}
        self._names = {*self._view_keys, *own}

    def __getattr__(self, name: str) -> str:
        if name.startswith("_") or name not in self._names:
            raise AttributeError(f"the {self.page} page has no key {name!r}")
        return f"{self.page}.{name}"

    def view_key(self, name: str) -> ViewKey:
        """The shareable key ``name`` with its kind (and, for a number, range and default)."""
        return self._view_keys[name]


UPLOADS = "corpus.uploads"  # tuple of (file name, bytes) uploaded in this session
PASTED = "corpus.pasted"  # tuple of (source, text, outlet, title, published) pasted
URLS = "corpus.urls"  # tuple of URLs to fetch
INCLUDE_SEEDS = "corpus.include_seeds"  # bool: load the sample articles
CLEAN = "corpus.clean"  # bool: remove page boilerplate
EDITS = "corpus.edits"  # {article_id: {column: value}} made in the corpus table
#: The TOML text of each data file a user may edit, by its kind's name (the session-state
#: keys of analysis.settings.DATA_FILES: corpus.registry, corpus.topics...).
DATA_FILE_KEYS = {name: kind.state_key for name, kind in DATA_FILES.items()}
REGISTRY = DATA_FILE_KEYS["registry"]  # actor registry, edited on the Actors page
COREF = "corpus.coref"  # bool: resolve sentence-initial He/She to the previous subject
SENTIMENT = "corpus.sentiment"  # str: the sentiment method (analysis.sentiment.METHODS)
TOPICS = DATA_FILE_KEYS["topics"]  # stance topics, edited on the Stance page
SPELLINGS = DATA_FILE_KEYS["spellings"]  # spelling variant groups, edited on Spelling
TERMS = DATA_FILE_KEYS["terms"]  # contested-term groups, edited on the Framing page

UPLOADER = "home.uploader"
EDITOR = "home.editor"
EDITOR_IDS = "home.editor_ids"  # article ids in the order the corpus table shows them
REMOVED_ARTICLE = "home.removed_article"
#: The outlet whose articles the home page lists for REMOVED_ARTICLE (follows it).
REMOVED_OUTLET = "home.removed_outlet"
PASTE_OUTLET = "home.paste_outlet"
PASTE_TITLE = "home.paste_title"
PASTE_DATE = "home.paste_date"
PASTE_TEXT = "home.paste_text"
URL_TEXT = "home.url_text"
WORKSPACE_UPLOADER = "home.workspace"
HOME_MESSAGE = "home.message"  # (kind, text) of the last workspace opened, shown once
#: str: the analysis folder shown instead of the sources ("": none; unset: the --results
#: folder of the command line, see pages._ui.data.opened_results)
RESULTS = "corpus.results"
RESULTS_TEXT = "home.results_text"

DEFAULTS: dict[str, Any] = {
    UPLOADS: (),
    PASTED: (),
    URLS: (),
    INCLUDE_SEEDS: True,
    CLEAN: True,
    EDITS: {},
    COREF: True,
    SENTIMENT: TRANSFORMER,
    **{kind.state_key: kind.default_text() for kind in DATA_FILES.values()},
}


def init(state: MutableMapping[str, Any]) -> None:
    """Put the default of every corpus key that is not set yet into ``state``."""
    for key, value in DEFAULTS.items():
        if key not in state:
            state[key] = value.copy() if isinstance(value, dict) else value


#: Corpus keys that a widget holds on one page only (the sample-articles and cleaning toggles
#: of the home page, the sentiment model and coreference of the Actors page): Streamlit drops
#: the state of a widget a run does not draw, so without :func:`keep` a visit to another
#: page would bring back their defaults (the sample articles the user left out).
PAGE_WIDGETS: tuple[str, ...] = (INCLUDE_SEEDS, CLEAN, SENTIMENT, COREF)


def keep(state: MutableMapping[str, Any]) -> None:
    """Keep the values of :data:`PAGE_WIDGETS` on every page: each is set again as a value
    of the session (to call before the page draws any widget)."""
    for key in PAGE_WIDGETS:
        if key in state:
            state[key] = state[key]


def reset(state: MutableMapping[str, Any]) -> None:
    """Forget every loaded source and edit, and close the analysis folder (back to the sample
    articles)."""
    for key, value in DEFAULTS.items():
        state[key] = value.copy() if isinstance(value, dict) else value
    state[RESULTS] = ""


OVERVIEW = PageKeys("overview", overview.Selection, own=("pending", "omission_grouping"))
ACTORS = PageKeys(
    "actors",
    actors.Selection,
    shared={"pair_outlet": "text", "pair_actor": "text"},
    own=("registry_form", "editor", "registry_upload", "found_editor", "message", "every_outlet"),
)
KEYWORDS = PageKeys(
    "keywords",
    keywords.Selection,
    shared={"term": "text", "free_term": "text"},
    own=("kwic_shown", "kwic_more"),
)
STANCE = PageKeys(
    "stance",
    stance.Selection,
    shared={"evidence_actor": "text", "holder": "text", "target": "text"},
    own=("topic_form", "editor", "topics_upload", "message"),
)
VOICES = PageKeys(
    "voices",
    voices.Selection,
    shared={"speaker": "text"},
    own=("kind_grouping",),
)
GROUPS = PageKeys(
    "groups",
    groups.Selection,
    shared={"finding": "text"},
    own=("outlets_form", "editor", "outlets_upload", "message"),
)
SPELLING = PageKeys(
    "spelling",
    spelling.Selection,
    own=("table_form", "editor", "variants_upload", "candidates", "message"),
)
FRAMING = PageKeys(
    "framing",
    framing.Selection,
    shared={"term": "text", "article": "text", "actor": "text"},
    own=("article_outlet", "term_form", "editor", "terms_upload", "message"),
)
#: The Article page's outlets (``outlet``, ``other_outlet``) follow the article a link gives,
#: so they are not part of its view.
ARTICLE = PageKeys(
    "article",
    shared={"id": "text", "kinds": "list", "other": "text"},
    own=("outlet", "other_outlet"),
)

#: The shareable selections of every page (what a workspace file keeps).
ALL_VIEWS = tuple(
    key
    for page in (OVERVIEW, ACTORS, STANCE, VOICES, GROUPS, KEYWORDS, SPELLING, FRAMING, ARTICLE)
    for key in page.view
)
