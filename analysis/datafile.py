"""The data files a user edits, in one mechanism: the actor registry, stance topics, spelling
variant groups and contested terms.

Each is TOML text (the format of its built-in file in ``analysis/data/``) and, for the
dashboard's editor, a table with one row per entry whose lists are joined by
:data:`SEPARATOR`. This module holds what they share: how a value is written as a TOML string
(:func:`toml_string`: quotes, backslashes and every control or invisible character escaped, so
any text round-trips), how a cell becomes text and a list (:func:`cell`, :func:`split_list`),
the limits a file must keep (:data:`MAX_ENTRIES`, :data:`MAX_ITEMS`, :data:`MAX_CELL_CHARS`,
:data:`MAX_FILE_CHARS`), and :func:`data_files`: each kind with its parser, writer and table
converters. Every refusal is a :class:`DataFileError` whose message says what to fix.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from functools import cache
from typing import Any, NamedTuple

import pandas as pd

#: The one separator of lists in a table cell (aliases, roles, cues, spellings, terms).
SEPARATOR = ";"
#: Most entries (actors, topics, groups) in one file.
MAX_ENTRIES = 2_000
#: Most items in one entry's list (aliases, roles, cues, spellings, terms).
MAX_ITEMS = 200
#: Most items in all the lists of one file together.
MAX_TOTAL_ITEMS = 20_000
#: Longest name, list item or note (characters).
MAX_CELL_CHARS = 500
#: Longest data file (characters of TOML).
MAX_FILE_CHARS = 2_000_000


class DataFileError(ValueError):
    """A data file or edited table that cannot be used; the message says what to fix."""


def toml_string(value: str) -> str:
    """``value`` as a TOML basic string that reads back as exactly ``value``: backslashes and
    quotes escaped, and every character that is not printable (newlines, tabs, control and
    invisible characters) written as a ``\\u``/``\\U`` escape."""
    escaped = value.replace("\\", "\\\\").replace('"', '\\"')
    return (
        '"'
        + "".join(
            c
            if c.isprintable()
            else (f"\\u{ord(c):04x}" if ord(c) < 0x10000 else f"\\U{ord(c):08x}")
            for c in escaped
        )
        + '"'
    )


def toml_list(values: Iterable[str]) -> str:
    """``values`` as a TOML array of strings."""
    return "[" + ", ".join(toml_string(v) for v in values) + "]"


def _check_text(text: str, what: str) -> str:
    if len(text) > MAX_CELL_CHARS:
        raise DataFileError(f"{what} is longer than {MAX_CELL_CHARS} characters.")
    if any(0xD800 <= ord(c) <= 0xDFFF for c in text):
        raise DataFileError(f"{what} holds characters that are not valid text.")
    return text


def cell(value: object, *, what: str, keep_lines: bool = False) -> str:
    """The text of a table cell or TOML value: "" for None or a missing cell, white space
    folded to single spaces (``keep_lines`` keeps it as written, for notes); refuses text
    over :data:`MAX_CELL_CHARS` and broken characters (``what`` names the cell)."""
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return ""
    text = str(value).strip() if keep_lines else " ".join(str(value).split())
    return _check_text(text, what)


def split_list(value: object, *, what: str) -> list[str]:
    """The items of a list cell ("a; b") or TOML array, each as :func:`cell`, empty ones and
    repeats dropped; refuses more than :data:`MAX_ITEMS` items, an item with the separator
    in it (it could not be read back) and anything that is neither text nor a list of text."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return []
    if isinstance(value, str):
        parts: list[Any] = value.split(SEPARATOR)
    elif isinstance(value, list) and all(isinstance(v, str) for v in value):
        parts = value
        if any(SEPARATOR in v for v in value):
            raise DataFileError(f"{what}: an item may not contain '{SEPARATOR}'.")
    else:
        raise DataFileError(f"{what} must be a list of words or phrases.")
    items = list(dict.fromkeys(t for t in (cell(p, what=what) for p in parts) if t))
    if len(items) > MAX_ITEMS:
        raise DataFileError(f"{what} has more than {MAX_ITEMS} items.")
    return items


def join_list(items: Iterable[str]) -> str:
    """The items of a list as one table cell (read back by :func:`split_list`)."""
    return f"{SEPARATOR} ".join(items)


def check_entries(count: int, what: str) -> None:
    """Refuse more than :data:`MAX_ENTRIES` entries (``what``: "actors", "topics"...)."""
    if count > MAX_ENTRIES:
        raise DataFileError(f"There are {count:,} {what}; at most {MAX_ENTRIES:,} are allowed.")


def check_items(count: int, what: str) -> None:
    """Refuse more than :data:`MAX_TOTAL_ITEMS` list items in one file (``what``: "aliases
    and roles", "cue words"...)."""
    if count > MAX_TOTAL_ITEMS:
        raise DataFileError(
            f"There are {count:,} {what} in all; at most {MAX_TOTAL_ITEMS:,} are allowed."
        )


def check_file(text: str, what: str) -> None:
    """Refuse a file over :data:`MAX_FILE_CHARS` characters."""
    if len(text) > MAX_FILE_CHARS:
        raise DataFileError(
            f"The {what} file is larger than {MAX_FILE_CHARS:,} characters; keep it smaller."
        )


def rows(frame: pd.DataFrame) -> list[dict[str, object]]:
    """The rows of an edited table that hold anything (blank rows are skipped), refusing
    more than :data:`MAX_ENTRIES`."""
    kept = [
        row
        for row in frame.to_dict("records")
        if any(cell(v, what="a cell", keep_lines=True) for v in row.values())
    ]
    check_entries(len(kept), "rows")
    return kept


class DataFileKind(NamedTuple):
    """One kind of data file: its ``name`` (the key in workspaces and session state), what
    people call it (``what``) and its entries (``noun``), the file name of a download, and
    its functions: ``parse`` (TOML text -> entries), ``to_toml`` (entries -> TOML that
    ``parse`` reads back), ``frame`` (entries -> the editor's table), ``from_frame`` (edited
    table -> entries) and ``default_text`` (the built-in file)."""

    name: str
    what: str
    noun: str
    file_name: str
    parse: Callable[[str], tuple[Any, ...]]
    to_toml: Callable[[tuple[Any, ...]], str]
    frame: Callable[[tuple[Any, ...]], pd.DataFrame]
    from_frame: Callable[[pd.DataFrame], tuple[Any, ...]]
    default_text: Callable[[], str]

    def toml_from_frame(self, frame: pd.DataFrame) -> tuple[tuple[Any, ...], str]:
        """The entries of an edited table and their TOML; :class:`DataFileError` when the
        table cannot be used."""
        entries = self.from_frame(frame)
        return entries, self.to_toml(entries)


@cache
def data_files() -> dict[str, DataFileKind]:
    """Every kind of user-editable data file, by name."""
    from analysis import actors, lexicon, stance
    from analysis.framing import TERMS_FORMAT, default_terms_text
    from analysis.spelling import FORMAT as SPELLINGS_FORMAT
    from analysis.spelling import default_groups_text

    def groups(
        name: str, what: str, noun: str, form: lexicon.GroupFormat, default: Callable[[], str]
    ) -> DataFileKind:
        return DataFileKind(
            name,
            what,
            noun,
            f"presslens-{name}.toml",
            lambda text: lexicon.parse_groups(text, form, source=lexicon.USER),
            lambda entries: lexicon.groups_to_toml(entries, form),
            lambda entries: lexicon.groups_frame(entries, form),
            lambda frame: lexicon.groups_from_frame(frame, form),
            default,
        )

    return {
        "registry": DataFileKind(
            "registry",
            "actor registry",
            "actors",
            "presslens-actors.toml",
            actors.parse_registry,
            actors.registry_to_toml,
            actors.registry_frame,
            actors.registry_from_frame,
            actors.default_registry_text,
        ),
        "topics": DataFileKind(
            "topics",
            "stance topics",
            "topics",
            "presslens-topics.toml",
            stance.parse_topics,
            stance.topics_to_toml,
            stance.topics_frame,
            stance.topics_from_frame,
            stance.default_topics_text,
        ),
        "spellings": groups(
            "spellings",
            "spelling variants",
            "variant groups",
            SPELLINGS_FORMAT,
            default_groups_text,
        ),
        "terms": groups(
            "terms", "contested terms", "contested-term groups", TERMS_FORMAT, default_terms_text
        ),
    }
