"""Whole-word phrase matching shared by the spelling, contested-term and frame analysers.

A :class:`Lexicon` finds every occurrence of a list of phrases in a text:

* case-insensitively, as whole words: a phrase never matches inside a longer word
  ("Zelensky" is not found in "Zelenskyy"), but a possessive ("Kyiv's") or a hyphenated
  compound ("Kyiv-based") counts;
* the longest phrase wins where phrases overlap ("special military operation" is one hit, not
  also a "military operation");
* words of a phrase may be separated by any whitespace, and a hyphen in a phrase also matches a
  space ("full-scale invasion" finds "full scale invasion");
* a trailing ``*`` on a word matches any ending ("urg*"), and with ``plurals=True`` a final
  "s" or "es" is allowed ("invasions" is an "invasion").

Each hit names the phrase it matched as the phrase is written in the lexicon, so the counts
of a lexicon are keyed by its own entries.

Lexicons come in named groups (:class:`PhraseGroup`) kept in TOML data files that users may
edit as TOML or as a table; :func:`parse_groups` and :func:`groups_from_frame` check them and
say what to fix.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from typing import NamedTuple

import pandas as pd

from analysis import datafile


class Hit(NamedTuple):
    """One occurrence: the lexicon ``phrase`` it matched, the ``surface`` as written and its
    ``start`` and ``end`` offsets (end exclusive)."""

    phrase: str
    surface: str
    start: int
    end: int


def _word_pattern(word: str) -> str:
    if word.endswith("*"):
        return re.escape(word[:-1]) + r"\w*"
    parts = [re.escape(part).replace("'", "['’]") for part in word.split("-")]
    return r"[\s-]+".join(parts)


def phrase_pattern(phrase: str, *, plurals: bool = False) -> str:
    """The regular expression (without word boundaries) of one lexicon phrase."""
    body = r"\s+".join(_word_pattern(word) for word in phrase.split())
    if plurals and not phrase.endswith("*"):
        body += "(?:e?s)?"
    return body


def fold(text: str) -> str:
    """The comparison key of a phrase: case folded, single spaces, hyphens and curly
    apostrophes made plain, diacritics kept (Türkiye and Turkiye stay apart)."""
    text = unicodedata.normalize("NFC", text).replace("’", "'").replace("-", " ")
    return " ".join(text.casefold().split())


class Lexicon:
    """Finds the phrases of a list in text; see the module docstring for the rules."""

    def __init__(self, phrases: Iterable[str], *, plurals: bool = False) -> None:
        unique = sorted({" ".join(p.split()) for p in phrases if p.strip()}, key=len, reverse=True)
        self.phrases: tuple[str, ...] = tuple(unique)
        self._exact = {fold(p): p for p in reversed(unique) if "*" not in p}
        self._each = [
            (p, re.compile(phrase_pattern(p, plurals=plurals), re.IGNORECASE)) for p in unique
        ]
        body = "|".join(f"(?:{phrase_pattern(p, plurals=plurals)})" for p in unique)
        self._pattern = re.compile(rf"(?<!\w)(?:{body})(?!\w)", re.IGNORECASE) if unique else None

    def __bool__(self) -> bool:
        return bool(self.phrases)

    def phrase_of(self, surface: str) -> str:
        """The lexicon phrase that ``surface`` (a hit's text) stands for: the entry written
        the same way ignoring case, else the longest entry that matches it."""
        exact = self._exact.get(fold(surface))
        if exact is not None:
            return exact
        return next((p for p, pattern in self._each if pattern.fullmatch(surface)), surface)

    def finditer(self, text: str) -> Iterator[Hit]:
        """Every hit in ``text``, in order, none overlapping."""
        if self._pattern is None:
            return
        for match in self._pattern.finditer(text):
            surface = match.group()
            yield Hit(self.phrase_of(surface), surface, match.start(), match.end())


TABLE = "table"
USER = "user"
DISCOVERED = "discovered"


class GroupError(datafile.DataFileError):
    """A table of phrase groups that cannot be used; the message says what to fix."""


@dataclass(frozen=True)
class PhraseGroup:
    """A named list of phrases: the spellings of one entity (``analysis.spelling``) or the
    rival terms for one contested thing (``analysis.framing``). ``source`` says where it comes
    from: ``table`` (a built-in data file), ``user`` or ``discovered`` (accepted from the
    corpus)."""

    name: str
    phrases: tuple[str, ...]
    kind: str = ""
    note: str = ""
    source: str = TABLE


Groups = tuple[PhraseGroup, ...]


class GroupFormat(NamedTuple):
    """How a data file names its lists: ``field`` ("variants", "terms"), the fewest phrases a
    group needs, and the allowed kinds (empty: no kind)."""

    field: str
    min_phrases: int
    kinds: tuple[str, ...] = ()


def parse_groups(text: str, form: GroupFormat, *, source: str = TABLE) -> Groups:
    """Groups from TOML text: ``[[group]]`` tables with name, the ``form.field`` list, and
    optional kind and note. Raises :class:`GroupError` naming the group at fault (or the
    limit of :mod:`analysis.datafile` a file goes over)."""
    tables = datafile.toml_tables(text, "group", what="group", error=GroupError)
    groups = tuple(
        _group(t.get("name"), t.get(form.field), t.get("kind", ""), t.get("note", ""), n, form)
        for n, t in enumerate(tables, start=1)
    )
    return validated(tuple(replace(g, source=source) for g in groups))


def _group(
    name: object, phrases: object, kind: object, note: object, number: int, form: GroupFormat
) -> PhraseGroup:
    with datafile.refused_as(GroupError):
        name = datafile.cell(name, what=f"The name of group {number}")
        if not name:
            raise GroupError(f"Group {number} has no name.")
        what = f"Group {name!r}: {form.field}"
        if phrases is None:
            raise GroupError(f"{what} must be a list of words or phrases.")
        unique = tuple(datafile.split_list(phrases, what=what))
        kind_text = datafile.cell(kind, what=f"The kind of {name!r}").lower()
        note_text = datafile.cell(note, what=f"The note of {name!r}", keep_lines=True)
    if len(unique) < form.min_phrases:
        raise GroupError(f"Group {name!r} needs at least {form.min_phrases} {form.field}.")
    if form.kinds and kind_text not in form.kinds:
        raise GroupError(f"Group {name!r}: kind must be one of {', '.join(form.kinds)}.")
    return PhraseGroup(name, unique, kind_text, note_text)


def validated(groups: Groups) -> Groups:
    """``groups`` unchanged if no phrase is in two of them and they keep the limits of
    :mod:`analysis.datafile`; else :class:`GroupError`."""
    with datafile.refused_as(GroupError):
        datafile.check_entries(len(groups), "groups")
        datafile.check_items(sum(len(g.phrases) for g in groups), "phrases")
    owner: dict[str, str] = {}
    names: set[str] = set()
    for group in groups:
        if group.name in names:
            raise GroupError(f"Two groups are named {group.name!r}; keep one.")
        names.add(group.name)
        for phrase in group.phrases:
            key = fold(phrase)
            if owner.setdefault(key, group.name) != group.name:
                raise GroupError(
                    f"{phrase!r} is in both {owner[key]!r} and {group.name!r}; keep it in one "
                    "group."
                )
    return groups


def groups_to_toml(groups: Groups, form: GroupFormat) -> str:
    """Groups as TOML that :func:`parse_groups` reads back."""
    return datafile.toml_file(
        "group",
        (
            {"name": g.name, **({"kind": g.kind} if form.kinds else {})}
            | {form.field: g.phrases, "note": g.note}
            for g in groups
        ),
    )


def groups_frame(groups: Groups, form: GroupFormat) -> pd.DataFrame:
    """Groups as an editable table: name, kind (if the format has kinds), the phrases
    (joined by the one separator of :mod:`analysis.datafile`), note, source."""
    columns = ["name", *(["kind"] if form.kinds else []), form.field, "note", "source"]
    table = [
        (g.name, *([g.kind] if form.kinds else []), datafile.join_list(g.phrases), g.note, g.source)
        for g in groups
    ]
    return pd.DataFrame(table, columns=columns)


def groups_from_frame(frame: pd.DataFrame, form: GroupFormat) -> Groups:
    """Groups from an edited :func:`groups_frame`; blank rows are skipped, new rows are
    ``user`` groups. Raises :class:`GroupError` as :func:`parse_groups` does."""
    with datafile.refused_as(GroupError):
        kept = datafile.rows(frame)
    groups = []
    for number, row in enumerate(kept, start=1):
        group = _group(
            row.get("name"), row.get(form.field), row.get("kind", ""), row.get("note"), number, form
        )
        source = datafile.cell(row.get("source"), what="A source") or USER
        groups.append(replace(group, source=source))
    if not groups:
        raise GroupError(f"Give at least one group with a name and its {form.field}.")
    return validated(tuple(groups))
