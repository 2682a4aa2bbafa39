"""The settings of an analysis, owned here: the data files a user edits and the other choices.

:data:`DATA_FILES` is the one table of the data-file kinds (the actor registry, stance topics,
spelling variant groups, contested terms and outlets): for each, its name, what people call
it, its parser and writer (owned by its analyser: :mod:`analysis.actors`,
:mod:`analysis.stance`, :mod:`analysis.lexicon` for the phrase groups of
:mod:`analysis.spelling` and :mod:`analysis.framing`, :mod:`analysis.outlets`), its built-in
text and entries, the command line's option, the
dashboard's session-state key and the page that edits it. The command line, workspace files,
the dashboard and the workers all read it.

:class:`Settings` is what an analysis is made with: a data file of each kind (None: the
built-in one, filled in by :meth:`Settings.resolved` and nowhere else), coreference and the
sentiment model; :meth:`Settings.fingerprint` names it in caches and results folders.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import Any, NamedTuple

import pandas as pd

from analysis import actors, lexicon, outlets, stance
from analysis.actors import Registry
from analysis.framing import TERMS_FORMAT, default_terms, default_terms_text
from analysis.lexicon import Groups
from analysis.outlets import Outlets
from analysis.sentiment import TRANSFORMER
from analysis.spelling import FORMAT as SPELLINGS_FORMAT
from analysis.spelling import default_groups, default_groups_text
from analysis.stance import Topics


class DataFileKind(NamedTuple):
    """One kind of data file: its ``name`` (the key in workspaces, :class:`Settings` and the
    command line's ``--name`` option), what people call it (``what``) and its entries
    (``noun``), the file name of a download, the dashboard's session-state key
    (``state_key``: the TOML text) and the page that edits it (``page``), and its functions:
    ``parse`` (a user's TOML text -> entries), ``to_toml`` (entries -> TOML that ``parse``
    reads back), ``frame`` (entries -> the editor's table), ``from_frame`` (edited table ->
    entries), ``default_text`` (the built-in file), ``default`` (its entries) and
    ``parse_session`` (the dashboard's TOML text, built-in or edited -> entries: phrase groups
    keep the source of the built-in table, ``table``, where ``parse`` marks them ``user``)."""

    name: str
    what: str
    noun: str
    file_name: str
    state_key: str
    page: str
    parse: Callable[[str], tuple[Any, ...]]
    to_toml: Callable[[tuple[Any, ...]], str]
    frame: Callable[[tuple[Any, ...]], pd.DataFrame]
    from_frame: Callable[[pd.DataFrame], tuple[Any, ...]]
    default_text: Callable[[], str]
    default: Callable[[], tuple[Any, ...]]
    parse_session: Callable[[str], tuple[Any, ...]]

    @property
    def option(self) -> str:
        """The command line's option that names a file of this kind (``--registry``...)."""
        return f"--{self.name}"

    def toml_from_frame(self, frame: pd.DataFrame) -> tuple[tuple[Any, ...], str]:
        """The entries of an edited table and their TOML; :class:`DataFileError` when the
        table cannot be used."""
        entries = self.from_frame(frame)
        return entries, self.to_toml(entries)


def _groups(
    name: str,
    what: str,
    noun: str,
    page: str,
    form: lexicon.GroupFormat,
    default_text: Callable[[], str],
    default: Callable[[], Groups],
) -> DataFileKind:
    """A kind of phrase-group file (:mod:`analysis.lexicon`) of format ``form``."""
    return DataFileKind(
        name,
        what,
        noun,
        f"presslens-{name}.toml",
        f"corpus.{name}",
        page,
        lambda text: lexicon.parse_groups(text, form, source=lexicon.USER),
        lambda entries: lexicon.groups_to_toml(entries, form),
        lambda entries: lexicon.groups_frame(entries, form),
        lambda frame: lexicon.groups_from_frame(frame, form),
        default_text,
        default,
        lambda text: lexicon.parse_groups(text, form),
    )


#: Every kind of user-editable data file, by name, in the order of :class:`Settings`.
DATA_FILES: dict[str, DataFileKind] = {
    "registry": DataFileKind(
        "registry",
        "actor registry",
        "actors",
        "presslens-actors.toml",
        "corpus.registry",
        "Actors",
        actors.parse_registry,
        actors.registry_to_toml,
        actors.registry_frame,
        actors.registry_from_frame,
        actors.default_registry_text,
        actors.default_registry,
        actors.parse_registry,
    ),
    "topics": DataFileKind(
        "topics",
        "stance topics",
        "topics",
        "presslens-topics.toml",
        "corpus.topics",
        "Stance",
        stance.parse_topics,
        stance.topics_to_toml,
        stance.topics_frame,
        stance.topics_from_frame,
        stance.default_topics_text,
        stance.default_topics,
        stance.parse_topics,
    ),
    "spellings": _groups(
        "spellings",
        "spelling variants",
        "variant groups",
        "Spelling",
        SPELLINGS_FORMAT,
        default_groups_text,
        default_groups,
    ),
    "terms": _groups(
        "terms",
        "contested terms",
        "contested-term groups",
        "Framing",
        TERMS_FORMAT,
        default_terms_text,
        default_terms,
    ),
    "outlets": DataFileKind(
        "outlets",
        "outlets file",
        "outlets",
        "presslens-outlets.toml",
        "corpus.outlets",
        "Groups",
        outlets.parse_outlets,
        outlets.outlets_to_toml,
        outlets.outlets_frame,
        outlets.outlets_from_frame,
        outlets.default_outlets_text,
        outlets.default_outlets,
        outlets.parse_outlets,
    ),
}


class Settings(NamedTuple):
    """What the user can change about the analysis: a data file of each kind of
    :data:`DATA_FILES` (None means the built-in one), coreference and the sentiment model."""

    registry: Registry | None = None
    topics: Topics | None = None
    spellings: Groups | None = None
    terms: Groups | None = None
    #: What is known of the outlets (:mod:`analysis.outlets`): their groups and aliases.
    outlets: Outlets | None = None
    coref: bool = True
    #: The target classifier of :func:`analysis.sentiment.score_targets`.
    sentiment: str = TRANSFORMER

    def resolved(self) -> Settings:
        """The settings with every None replaced by the built-in data (the one place that
        does so)."""
        return self._replace(
            **{
                name: kind.default()
                for name, kind in DATA_FILES.items()
                if getattr(self, name) is None
            }
        )

    def fingerprint(self) -> str:
        """A stable hash of the resolved settings (the same on every run and machine). The
        outlets file is left out: its groups change no table (the Groups page reads them),
        and its aliases change the corpus, which is keyed by its content."""
        fields = self.resolved()._asdict()
        del fields["outlets"]
        text = f"Settings({', '.join(f'{name}={value!r}' for name, value in fields.items())})"
        return hashlib.sha256(text.encode()).hexdigest()


#: The built-in registry, topics, spelling and term groups, with coreference.
DEFAULT_SETTINGS = Settings()
