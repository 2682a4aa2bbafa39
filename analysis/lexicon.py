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

import math
import re
import tomllib
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from typing import NamedTuple

import pandas as pd


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


class GroupError(ValueError):
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
    optional kind and note. Raises :class:`GroupError` naming the group at fault."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise GroupError(f"The table is not valid TOML: {error}.") from error
    tables = data.get("group")
    if not isinstance(tables, list) or not tables:
        raise GroupError("The table has no [[group]] entries.")
    groups = tuple(
        _group(t.get("name"), t.get(form.field), t.get("kind", ""), t.get("note", ""), n, form)
        for n, t in enumerate(tables, start=1)
    )
    return validated(tuple(replace(g, source=source) for g in groups))


def _group(
    name: object, phrases: object, kind: object, note: object, number: int, form: GroupFormat
) -> PhraseGroup:
    if not isinstance(name, str) or not name.strip():
        raise GroupError(f"Group {number} has no name.")
    if isinstance(phrases, str):
        phrases = re.split(r"[;,]", phrases)
    if not isinstance(phrases, list) or not all(isinstance(p, str) for p in phrases):
        raise GroupError(f"Group {name!r}: {form.field} must be a list of words or phrases.")
    unique = tuple(dict.fromkeys(" ".join(p.split()) for p in phrases if p.strip()))
    if len(unique) < form.min_phrases:
        raise GroupError(f"Group {name!r} needs at least {form.min_phrases} {form.field}.")
    kind_text = _text(kind).strip().lower()
    if form.kinds and kind_text not in form.kinds:
        raise GroupError(f"Group {name!r}: kind must be one of {', '.join(form.kinds)}.")
    return PhraseGroup(name.strip(), unique, kind_text, _text(note).strip())


def validated(groups: Groups) -> Groups:
    """``groups`` unchanged if no phrase is in two of them; else :class:`GroupError`."""
    owner: dict[str, str] = {}
    for group in groups:
        for phrase in group.phrases:
            key = fold(phrase)
            if owner.setdefault(key, group.name) != group.name:
                raise GroupError(
                    f"{phrase!r} is in both {owner[key]!r} and {group.name!r}; keep it in one "
                    "group."
                )
    return groups


def _text(value: object) -> str:
    return "" if value is None or (isinstance(value, float) and math.isnan(value)) else str(value)


def groups_to_toml(groups: Groups, form: GroupFormat) -> str:
    """Groups as TOML that :func:`parse_groups` reads back."""
    blocks = []
    for g in groups:
        phrases = ", ".join(_toml_string(p) for p in g.phrases)
        kind = f"kind = {_toml_string(g.kind)}\n" if form.kinds else ""
        blocks.append(
            f"[[group]]\nname = {_toml_string(g.name)}\n{kind}"
            f"{form.field} = [{phrases}]\nnote = {_toml_string(g.note)}\n"
        )
    return "\n".join(blocks)


def _toml_string(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def groups_frame(groups: Groups, form: GroupFormat) -> pd.DataFrame:
    """Groups as an editable table: name, kind (if the format has kinds), the phrases
    (comma-separated), note, source."""
    columns = ["name", *(["kind"] if form.kinds else []), form.field, "note", "source"]
    rows = [
        (g.name, *([g.kind] if form.kinds else []), ", ".join(g.phrases), g.note, g.source)
        for g in groups
    ]
    return pd.DataFrame(rows, columns=columns)


def groups_from_frame(frame: pd.DataFrame, form: GroupFormat) -> Groups:
    """Groups from an edited :func:`groups_frame`; blank rows are skipped, new rows are
    ``user`` groups. Raises :class:`GroupError` as :func:`parse_groups` does."""
    groups = []
    for number, row in enumerate(frame.to_dict("records"), start=1):
        name, phrases = _text(row.get("name")), _text(row.get(form.field))
        if not name.strip() and not phrases.strip():
            continue
        group = _group(name, phrases, row.get("kind", ""), row.get("note"), number, form)
        groups.append(replace(group, source=_text(row.get("source")).strip() or USER))
    if not groups:
        raise GroupError(f"Give at least one group with a name and its {form.field}.")
    return validated(tuple(groups))
