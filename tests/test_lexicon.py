"""The whole-word phrase matcher and the phrase-group tables shared by spelling and framing."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from analysis.lexicon import (
    GroupError,
    GroupFormat,
    Lexicon,
    groups_frame,
    groups_from_frame,
    groups_to_toml,
    parse_groups,
)

FORM = GroupFormat("terms", 1)


def _found(lexicon: Lexicon, text: str) -> list[tuple[str, str]]:
    return [(hit.phrase, hit.surface) for hit in lexicon.finditer(text)]


def test_whole_words_case_possessives_and_compounds() -> None:
    lexicon = Lexicon(["Kyiv", "Zelensky", "Zelenskyy"])
    text = "KYIV: Kyiv's mayor, a Kyiv-based aide, Kievan Rus, Zelenskyy and Zelensky met."
    assert _found(lexicon, text) == [
        ("Kyiv", "KYIV"),
        ("Kyiv", "Kyiv"),
        ("Kyiv", "Kyiv"),
        ("Zelenskyy", "Zelenskyy"),
        ("Zelensky", "Zelensky"),
    ]


def test_longest_phrase_wins_and_offsets_are_exact() -> None:
    lexicon = Lexicon(["military operation", "special military operation", "war"], plurals=True)
    text = "a special military operation, a military operation, two wars and a trade war"
    hits = list(lexicon.finditer(text))
    assert [h.phrase for h in hits] == [
        "special military operation",
        "military operation",
        "war",
        "war",
    ]
    assert all(text[h.start : h.end] == h.surface for h in hits)


def test_plurals_hyphens_apostrophes_and_wildcards() -> None:
    lexicon = Lexicon(
        ["neo-Nazi", "full-scale invasion", "Kyiv's regime", "denazif*"], plurals=True
    )
    text = "neo-Nazis, full scale invasion, Kyiv’s regime, denazification"
    assert [h.phrase for h in lexicon.finditer(text)] == [
        "neo-Nazi",
        "full-scale invasion",
        "Kyiv's regime",
        "denazif*",
    ]
    assert not list(Lexicon(["war"]).finditer("wars, warning, postwar"))


def test_diacritics_are_kept_apart() -> None:
    lexicon = Lexicon(["Türkiye", "Turkiye", "Turkey"])
    assert [h.phrase for h in lexicon.finditer("TÜRKIYE, Turkiye, Turkey")] == [
        "Türkiye",
        "Turkiye",
        "Turkey",
    ]


def test_empty_lexicon_finds_nothing() -> None:
    assert not Lexicon([]) and not list(Lexicon([]).finditer("anything"))


def test_groups_round_trip_through_toml_and_table() -> None:
    groups = parse_groups(
        '[[group]]\nname = "war"\nterms = ["war", "conflict"]\nnote = "n"\n', FORM
    )
    assert parse_groups(groups_to_toml(groups, FORM), FORM) == groups
    frame = groups_frame(groups, FORM)
    assert list(frame.columns) == ["name", "terms", "note", "source"]
    assert groups_from_frame(frame, FORM) == groups


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[[group]]\nterms = ['a']\n", "has no name"),
        ("[[group]]\nname = 'x'\n", "must be a list"),
        ("[[group]]\nname = 'x'\nterms = ['a']\n[[group]]\nname = 'y'\nterms = ['A']\n", "both"),
        ("name = 'x'", "no [[group]]"),
        ("[[group", "not valid TOML"),
    ],
)
def test_broken_tables_say_what_to_fix(text: str, message: str) -> None:
    with pytest.raises(GroupError, match=re.escape(message)):
        parse_groups(text, FORM)


def test_an_edited_table_with_blank_rows_and_a_new_group() -> None:
    frame = pd.DataFrame(
        [
            {"name": "war", "terms": "war; conflict", "note": None, "source": "table"},
            {"name": None, "terms": None, "note": None, "source": None},
            {"name": "peace", "terms": "truce; ceasefire", "note": None, "source": None},
        ]
    )
    groups = groups_from_frame(frame, FORM)
    assert [(g.name, g.phrases, g.source) for g in groups] == [
        ("war", ("war", "conflict"), "table"),
        ("peace", ("truce", "ceasefire"), "user"),
    ]
    with pytest.raises(GroupError, match="at least one group"):
        groups_from_frame(frame.iloc[[1]], FORM)
