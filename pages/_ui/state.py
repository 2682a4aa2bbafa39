"""Session-state keys and the small values kept under them (never DataFrames).

Keys are namespaced: ``corpus.*`` for the loaded sources and analysis settings, ``home.*`` for
the home page, and one prefix per page (``actors.*``, ``stance.*``, ``voices.*``,
``keywords.*``, ``spelling.*``, ``framing.*``).
"""

from __future__ import annotations

from collections.abc import MutableMapping
from dataclasses import fields
from typing import Any, NamedTuple

from analysis.sentiment import TRANSFORMER
from analysis.settings import DATA_FILES
from analysis.views import actors, framing, keywords, overview, spelling, stance, voices
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


def reset(state: MutableMapping[str, Any]) -> None:
    """Forget every loaded source and edit, and close the analysis folder (back to the sample
    articles)."""
    for key, value in DEFAULTS.items():
        state[key] = value.copy() if isinstance(value, dict) else value
    state[RESULTS] = ""


OVERVIEW_OUTLETS = "overview.outlets"
OVERVIEW_ACTOR = "overview.actor"
OVERVIEW_PENDING = "overview.pending"  # (page, selections) of the card item just chosen
OVERVIEW_VIEW = selection_keys("overview", overview.Selection)

ACTORS_OUTLETS = "actors.outlets"
ACTORS_ACTORS = "actors.actors"
ACTORS_MIN = "actors.min_mentions"
ACTORS_PAIR_OUTLET = "actors.pair_outlet"
ACTORS_PAIR_ACTOR = "actors.pair_actor"
ACTORS_EDITOR = "actors.editor"
ACTORS_UPLOAD = "actors.registry_upload"
ACTORS_FOUND = "actors.found_editor"
ACTORS_MESSAGE = "actors.message"  # (kind, text) of the last registry change, shown once
ACTORS_SELECTION = selection_keys("actors", actors.Selection)
ACTORS_MIN_VIEW = ACTORS_SELECTION[2]

ACTORS_VIEW = (
    *ACTORS_SELECTION,
    ViewKey(ACTORS_PAIR_OUTLET, "text"),
    ViewKey(ACTORS_PAIR_ACTOR, "text"),
)

KEYWORDS_KIND = "keywords.kind"
KEYWORDS_TOP = "keywords.top"
KEYWORDS_OUTLET = "keywords.outlet"
KEYWORDS_MIN_COUNT = "keywords.min_count"
KEYWORDS_TERM = "keywords.term"
KEYWORDS_FREE_TERM = "keywords.free_term"
KEYWORDS_SELECTION = selection_keys("keywords", keywords.Selection)
KEYWORDS_TOP_VIEW, KEYWORDS_MIN_COUNT_VIEW = KEYWORDS_SELECTION[1], KEYWORDS_SELECTION[3]
KEYWORDS_VIEW = (
    *KEYWORDS_SELECTION,
    ViewKey(KEYWORDS_TERM, "text"),
    ViewKey(KEYWORDS_FREE_TERM, "text"),
)

STANCE_TOPIC = "stance.topic"
STANCE_OUTLETS = "stance.outlets"
STANCE_ACTORS = "stance.actors"
STANCE_EVIDENCE_ACTOR = "stance.evidence_actor"
STANCE_EDITOR = "stance.editor"
STANCE_UPLOAD = "stance.topics_upload"
STANCE_MESSAGE = "stance.message"  # (kind, text) of the last topic change, shown once
STANCE_VIEW = (
    *selection_keys("stance", stance.Selection),
    ViewKey(STANCE_EVIDENCE_ACTOR, "text"),
)

VOICES_OUTLETS = "voices.outlets"
VOICES_TOP = "voices.top"
VOICES_SPEAKER = "voices.speaker"
VOICES_DIRECT_ONLY = "voices.direct_only"
VOICES_SELECTION = selection_keys("voices", voices.Selection)
VOICES_TOP_VIEW = VOICES_SELECTION[1]
VOICES_VIEW = (
    *VOICES_SELECTION,
    ViewKey(VOICES_SPEAKER, "text"),
    ViewKey(VOICES_DIRECT_ONLY, "bool"),
)

SPELLING_GROUP = "spelling.group"
SPELLING_OUTLETS = "spelling.outlets"
SPELLING_EDITOR = "spelling.editor"
SPELLING_UPLOAD = "spelling.variants_upload"
SPELLING_CANDIDATES = "spelling.candidates"
SPELLING_MESSAGE = "spelling.message"  # (kind, text) of the last table change, shown once
SPELLING_VIEW = selection_keys("spelling", spelling.Selection)

FRAMING_OUTLETS = "framing.outlets"
FRAMING_GROUP = "framing.group"
FRAMING_TERM = "framing.term"
FRAMING_ARTICLE = "framing.article"
#: The outlet whose articles the Framing page lists for FRAMING_ARTICLE (follows it).
FRAMING_ARTICLE_OUTLET = "framing.article_outlet"
FRAMING_ACTOR = "framing.actor"
FRAMING_EDITOR = "framing.editor"
FRAMING_UPLOAD = "framing.terms_upload"
FRAMING_MESSAGE = "framing.message"  # (kind, text) of the last term change, shown once
FRAMING_VIEW = (
    *selection_keys("framing", framing.Selection),
    ViewKey(FRAMING_TERM, "text"),
    ViewKey(FRAMING_ARTICLE, "text"),
    ViewKey(FRAMING_ACTOR, "text"),
)

ARTICLE_ID = "article.id"
ARTICLE_KINDS = "article.kinds"
ARTICLE_OTHER = "article.other"
#: The outlets whose articles the Article page lists (the outlet of ARTICLE_ID / ARTICLE_OTHER
#: when a link gives one, so not part of the view).
ARTICLE_OUTLET = "article.outlet"
ARTICLE_OTHER_OUTLET = "article.other_outlet"
ARTICLE_VIEW = (
    ViewKey(ARTICLE_ID, "text"),
    ViewKey(ARTICLE_KINDS, "list"),
    ViewKey(ARTICLE_OTHER, "text"),
)

#: The shareable selections of every page (what a workspace file keeps).
ALL_VIEWS = (
    *OVERVIEW_VIEW,
    *ACTORS_VIEW,
    *STANCE_VIEW,
    *VOICES_VIEW,
    *KEYWORDS_VIEW,
    *SPELLING_VIEW,
    *FRAMING_VIEW,
    *ARTICLE_VIEW,
)
