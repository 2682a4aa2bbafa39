"""The user-editable data files in one mechanism: every table the editor can produce is either
refused with a reason or round-trips exactly through TOML and back."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis.datafile import (
    MAX_CELL_CHARS,
    MAX_ENTRIES,
    SEPARATOR,
    DataFileError,
    built_in_text,
    refused_as,
    toml_file,
    toml_string,
    toml_tables,
)
from analysis.settings import DATA_FILES, DataFileKind

KINDS = DATA_FILES


#: The column of each kind's table that holds its list.
ITEMS = {
    "registry": "aliases",
    "topics": "cues",
    "spellings": "variants",
    "terms": "terms",
    "outlets": "aliases",
}


def _round_trips(kind: DataFileKind, frame: pd.DataFrame) -> tuple[object, ...]:
    """The entries of ``frame``; asserts they come back the same through TOML and through
    the editor's table."""
    entries, toml = kind.toml_from_frame(frame)
    assert kind.parse(toml) == entries
    assert kind.from_frame(kind.frame(entries)) == entries
    return entries


def _row(kind: DataFileKind, name: object, items: object, note: object = "") -> dict[str, object]:
    """A row of ``kind``'s editor table (a user's row: kind person where there are kinds)."""
    row: dict[str, object] = {"name": name, ITEMS[kind.name]: items}
    if kind.name in ("registry", "spellings"):
        row["kind"] = "person"
    if kind.name in ("spellings", "terms"):
        row |= {"note": note, "source": "user"}
    if kind.name == "outlets":
        row["country"] = note
    return row


def _frame(*rows: dict[str, object]) -> pd.DataFrame:
    return pd.DataFrame(list(rows), dtype=object)


#: Hostile edits: (what, the cells of one row or a number of rows, accepted?)
HOSTILE = [
    ("control characters", ("A\x07b\x1bc", "x\x00y; z\u202ew", "n\x0bo"), True),
    ("TOML syntax", ('x"]\n[[actor]]\nname = "evil', "a = 1; [b]; '''c'''", '"""'), True),
    ("a newline in a note", ("Kyiv", "Kyiv; Kiev", "first line\nsecond line"), True),
    ("backslashes and quotes", ('C:\\dir "q"', "\\u0041; \\n", "\\"), True),
    ("an empty name", ("", "alpha; beta", "a note"), False),
    ("a 1 MB cell", ("Big", "x" * 1_000_000, ""), False),
    ("a lone surrogate", ("Bad\ud800", "a; b", ""), False),
]


@pytest.mark.parametrize("kind_name", list(KINDS))
@pytest.mark.parametrize(("what", "cells", "accepted"), HOSTILE, ids=[h[0] for h in HOSTILE])
def test_hostile_edits_round_trip_or_are_refused(
    kind_name: str, what: str, cells: tuple[str, str, str], accepted: bool
) -> None:
    kind = KINDS[kind_name]
    frame = _frame(_row(kind, *cells))
    if not accepted:
        with pytest.raises(DataFileError):
            kind.from_frame(frame)
        return
    entries = _round_trips(kind, frame)
    assert len(entries) == 1
    if "note" in frame.columns:
        assert entries[0].note == cells[2].strip()


@pytest.mark.parametrize("kind_name", list(KINDS))
def test_too_many_rows_and_duplicates_are_refused(kind_name: str) -> None:
    kind = KINDS[kind_name]
    many = _frame(*(_row(kind, f"name {n}", f"word{n}a; word{n}b") for n in range(10_000)))
    with pytest.raises(DataFileError, match=f"at most {MAX_ENTRIES:,}"):
        kind.from_frame(many)
    twice = _frame(_row(kind, "same", "one; two"), _row(kind, "same", "three; four"))
    with pytest.raises(DataFileError, match="same"):
        kind.from_frame(twice)


def test_a_topic_cue_with_a_control_character_round_trips() -> None:
    """The reported bug: such a topic was written as TOML the parser then refused."""
    kind = KINDS["topics"]
    entries = _round_trips(kind, pd.DataFrame([{"name": "tariffs", "cues": "tar\x01iff*; duty"}]))
    assert entries[0].cues == ("tar\x01iff*", "duty")


def test_toml_strings_escape_what_toml_forbids() -> None:
    assert toml_string('a"b\\c\nd\x7f\U0001f600') == '"a\\"b\\\\c\\u000ad\\u007f\U0001f600"'


def test_huge_files_are_refused_fast() -> None:
    topics = "".join(f'[[topic]]\nname = "t{n}"\ncues = ["c{n}"]\n' for n in range(20_000))
    with pytest.raises(DataFileError, match="at most 2,000"):
        KINDS["topics"].parse(topics)
    aliases = ", ".join(f'"alias {n}"' for n in range(300_000))
    with pytest.raises(DataFileError, match="larger than"):
        KINDS["registry"].parse(f'[[actor]]\nname = "A"\naliases = [{aliases}]\n')
    aliases_150 = ", ".join(f'"x{m}"' for m in range(150))
    few_many = "".join(
        f'[[actor]]\nname = "A{n}"\naliases = [{aliases_150.replace("x", f"x{n}-")}]\n'
        for n in range(200)
    )
    with pytest.raises(DataFileError, match="at most 20,000"):
        KINDS["registry"].parse(few_many)


_TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40) | st.sampled_from(
    ["", " ", SEPARATOR, "a; b", "x" * (MAX_CELL_CHARS + 1), '"', "\\", "\n"]
)


@pytest.mark.parametrize("kind_name", list(KINDS))
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cells=st.lists(st.tuples(_TEXT, _TEXT, _TEXT), min_size=1, max_size=4))
def test_any_table_the_editor_can_produce_round_trips_or_is_refused(
    kind_name: str, cells: list[tuple[str, str, str]]
) -> None:
    kind = KINDS[kind_name]
    frame = _frame(*(_row(kind, *row) for row in cells))
    try:
        entries = kind.from_frame(frame)
    except DataFileError as error:
        assert str(error)
        return
    assert kind.parse(kind.to_toml(entries)) == kind.parse(
        kind.to_toml(kind.parse(kind.to_toml(entries)))
    )
    assert kind.from_frame(kind.frame(entries)) == entries
    assert kind.to_toml(kind.parse(kind.to_toml(entries))) == kind.to_toml(entries)


class _OwnError(DataFileError):
    """An analyser's own refusal, as the registry's, topics' and groups' are."""


def test_toml_file_is_read_back_by_toml_tables() -> None:
    entries = [{"name": 'Volodymyr "Zelensky"', "aliases": ["Zelenskyy", "Zelenskiy"]}]
    text = toml_file("actor", entries, header="# two spellings")
    assert text.startswith("# two spellings\n\n[[actor]]\n")
    tables = toml_tables(text, "actor", what="registry", error=_OwnError)
    assert tables == [{"name": 'Volodymyr "Zelensky"', "aliases": ["Zelenskyy", "Zelenskiy"]}]
    assert toml_file("group", []) == ""


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('[[topic]\nname = "x"', "The topic file is not valid TOML"),
        ('[other]\nname = "x"\n', r"The topic file has no \[\[topic\]\] tables"),
        ("topic = [1, 2]\n", r"Each \[\[topic\]\] must be a table"),
        ("# " + "x" * 2_000_001, "The topic file is larger than"),
    ],
)
def test_toml_tables_refuses_with_the_analysers_own_error(text: str, message: str) -> None:
    with pytest.raises(_OwnError, match=message):
        toml_tables(text, "topic", what="topic", error=_OwnError)


def test_an_empty_file_is_no_tables_only_where_that_may_be() -> None:
    assert toml_tables("", "actor", what="registry", error=_OwnError, may_be_empty=True) == []
    with pytest.raises(_OwnError, match="has no"):
        toml_tables("", "actor", what="registry", error=_OwnError)


def test_refused_as_keeps_the_message_and_the_own_error() -> None:
    with pytest.raises(_OwnError, match="at most 2,000"), refused_as(_OwnError):
        raise DataFileError("There are 2,001 topics; at most 2,000 are allowed.")
    with pytest.raises(_OwnError, match="kept"), refused_as(_OwnError):
        raise _OwnError("kept")
    with pytest.raises(KeyError), refused_as(_OwnError):
        raise KeyError("not a data-file refusal")


def test_built_in_text_is_the_shipped_file_with_its_comments() -> None:
    text = built_in_text("actors.toml")
    assert text.startswith("#")
    assert "[[actor]]" in text
