"""What the data files a user edits share (the actor registry, stance topics, spelling
variant groups and contested terms; each analyser owns its own file's format, and
:mod:`analysis.settings` lists the kinds).

Each is TOML text (the format of its built-in file in ``analysis/data/``, :func:`built_in_text`)
made of ``[[key]]`` tables (read by :func:`toml_tables`, written by :func:`toml_file`) and, for
the dashboard's editor, a table with one row per entry whose lists are joined by
:data:`SEPARATOR`. This module holds what they share: how a value is written as a TOML string
(:func:`toml_string`: quotes, backslashes and every control or invisible character escaped, so
any text round-trips), how a cell becomes text and a list (:func:`cell`, :func:`split_list`),
and the limits a file must keep (:data:`MAX_ENTRIES`, :data:`MAX_ITEMS`, :data:`MAX_CELL_CHARS`,
:data:`MAX_FILE_CHARS`). Every refusal is a :class:`DataFileError` (or the subclass of the
file's analyser, :func:`refused_as`) whose message says what to fix.
"""

from __future__ import annotations

import math
import tomllib
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from importlib import resources
from typing import Any

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


@contextmanager
def refused_as(error: type[DataFileError]) -> Iterator[None]:
    """Within it, a :class:`DataFileError` is raised again as ``error`` (an analyser's own
    subclass) with the same message."""
    try:
        yield
    except error:
        raise
    except DataFileError as problem:
        raise error(str(problem)) from None


def toml_tables(
    text: str, key: str, *, what: str, error: type[DataFileError], may_be_empty: bool = False
) -> list[dict[str, Any]]:
    """The ``[[key]]`` tables of the TOML ``text`` of a ``what`` file ("registry", "topic"...),
    in order. Refuses, as ``error``: a file over :data:`MAX_FILE_CHARS`, text that is not
    TOML, a file without ``[[key]]`` tables (an empty list when ``may_be_empty``) and an entry
    that is not a table."""
    with refused_as(error):
        check_file(text, what)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as problem:
        raise error(f"The {what} file is not valid TOML: {problem}.") from problem
    tables = data.get(key, [] if may_be_empty else None)
    if not isinstance(tables, list) or not (tables or may_be_empty):
        raise error(f"The {what} file has no [[{key}]] tables.")
    if not all(isinstance(table, dict) for table in tables):
        raise error(f"Each [[{key}]] must be a table.")
    return tables


def toml_file(
    key: str, entries: Iterable[Mapping[str, str | Sequence[str]]], *, header: str = ""
) -> str:
    """TOML of one ``[[key]]`` table per entry (each field a string or a list of strings, in
    order; a blank line after each table), under the comment line ``header`` when given: what
    :func:`toml_tables` reads back."""
    lines = [header, ""] if header else []
    for entry in entries:
        lines.append(f"[[{key}]]")
        lines += [
            f"{field} = {toml_string(value) if isinstance(value, str) else toml_list(value)}"
            for field, value in entry.items()
        ]
        lines.append("")
    return "\n".join(lines)


def built_in_text(file_name: str) -> str:
    """The text of the built-in data file ``analysis/data/<file_name>``, with its comments."""
    return resources.files("analysis").joinpath("data", file_name).read_text(encoding="utf-8")
