"""bench/actors_truth.py: the scoring of actors against hand-made truth, on a tiny inline truth
and mentions table; and the truth files of bench/truth/ (when ../shared is there)."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

from analysis import schema as S
from bench import actors_truth as T

TRUTH_TEXT = """
set = "tiny"
folder = "tiny"

[articles]
a = "a.txt"
b = "b.txt"
c = "c.txt"
d = "d.txt"

[[actor]]
name = "Narendra Modi"
kind = "person"
[actor.surfaces]
"Narendra Modi" = ["a", "b"]
"Modi" = ["a", "b", "c"]

[[actor]]
name = "Nawaz Sharif"
kind = "person"
[actor.surfaces]
"Nawaz Sharif" = ["a"]

[[actor]]
name = "Shehbaz Sharif"
kind = "person"
[actor.surfaces]
"Shehbaz Sharif" = ["a", "b"]
"Shahbaz Sharif" = ["c"]

[[actor]]
name = "India"
kind = "country"
[actor.surfaces]
"India" = ["a", "b", "c", "d"]
"Indian side" = ["b"]

[[actor]]
name = "Reuters"
kind = "organisation"
[actor.surfaces]
"Reuters" = ["d"]
"""


@pytest.fixture
def truth() -> T.Truth:
    return T.parse_truth(TRUTH_TEXT)


def mentions(*rows: tuple[str, str, str]) -> pd.DataFrame:
    """A mentions table of (file, actor, surface) rows."""
    return pd.DataFrame(
        [
            {S.ARTICLE_ID: file, S.SENT_ID: i, S.ACTOR: actor, S.SURFACE: surface, T.FILE: file}
            for i, (file, actor, surface) in enumerate(rows)
        ]
    )


def good() -> pd.DataFrame:
    """Every truth pair found under one right name per actor."""
    return mentions(
        ("a.txt", "Narendra Modi", "Narendra Modi"),
        ("a.txt", "Narendra Modi", "Modi"),
        ("b.txt", "Narendra Modi", "Prime Minister Narendra Modi"),
        ("b.txt", "Narendra Modi", "Modi"),
        ("c.txt", "Narendra Modi", "Modi's"),
        ("a.txt", "Nawaz Sharif", "Nawaz Sharif"),
        ("a.txt", "Shehbaz Sharif", "Shehbaz Sharif"),
        ("b.txt", "Shehbaz Sharif", "Shehbaz Sharif"),
        ("c.txt", "Shehbaz Sharif", "Shahbaz Sharif"),
        ("a.txt", "India", "India"),
        ("b.txt", "India", "India"),
        ("b.txt", "India", "the Indian side"),
        ("c.txt", "India", "India"),
        ("d.txt", "India", "India"),
        ("d.txt", "Reuters", "Reuters"),
    )


def test_parse_truth_has_a_row_per_actor_surface_and_file(truth: T.Truth) -> None:
    assert truth.name == "tiny"
    assert truth.files == ("a.txt", "b.txt", "c.txt", "d.txt")
    assert len(truth.rows) == 2 + 3 + 1 + 2 + 1 + 5 + 1
    assert truth.people() == {"Narendra Modi", "Nawaz Sharif", "Shehbaz Sharif"}
    assert truth.kinds()["India"] == "country"


def test_parse_truth_names_what_is_wrong() -> None:
    with pytest.raises(ValueError, match="kind"):
        T.parse_truth('[articles]\na = "a.txt"\n[[actor]]\nname = "X"\nkind = "thing"\n')
    with pytest.raises(ValueError, match="no article 'z'"):
        T.parse_truth(
            '[articles]\na = "a.txt"\n[[actor]]\nname = "X"\nkind = "person"\n'
            '[actor.surfaces]\n"X" = ["z"]\n'
        )


def test_normalise_ignores_case_the_and_possessives() -> None:
    assert T.normalise("The Kremlin") == "kremlin"
    assert T.normalise("Modi’s") == "modi"
    assert T.normalise("Ukraine's  president") == "ukraine's president"
    assert T.normalise("U.S.") == "u.s."


def test_a_clean_analysis_scores_perfectly(truth: T.Truth) -> None:
    result = T.score(good(), truth)
    assert result["precision"].score == 1.0
    assert result["split"] == {}
    assert result["merged"] == {}
    assert result["recall"].score == 1.0
    assert result["recall"].pairs == 15
    assert result["frequent_missing"] == []


def test_precision_counts_the_junk_among_the_top(truth: T.Truth) -> None:
    junk = mentions(
        *[("a.txt", "British Indian Ocean Territory", "Indian")] * 3,
        *[("b.txt", "Pakistan Confirms Ceasefire", "Pakistan Confirms Ceasefire")] * 2,
    )
    both = pd.concat([good(), junk], ignore_index=True)
    result = T.precision(both, truth, top=4)
    # top 4: India (5), Narendra Modi (5), Shehbaz Sharif (3), British Indian Ocean Territory (3)
    assert result.top == (
        "India",
        "Narendra Modi",
        "British Indian Ocean Territory",
        "Shehbaz Sharif",
    )
    assert result.junk == (("British Indian Ocean Territory", 3),)
    assert result.score == 0.75
    assert T.precision(both, truth).score < T.precision(good(), truth).score
    assert T.precision(both, truth).score == pytest.approx(5 / 7)


def test_a_surname_of_one_person_is_a_real_name(truth: T.Truth) -> None:
    only = mentions(("a.txt", "Modi", "Modi"), ("a.txt", "Sharif", "Nawaz Sharif"))
    # "Modi" is a surface; "Sharif" is the surname of two people, so not a name of the truth
    assert T.precision(only, truth).junk == (("Sharif", 1),)


def test_people_split_lists_every_name_of_a_person(truth: T.Truth) -> None:
    split = pd.concat(
        [
            good(),
            mentions(
                ("c.txt", "Ministers Modi", "Ministers Modi"),
                ("c.txt", "Ministers Modi", "Modi"),
            ),
        ],
        ignore_index=True,
    )
    assert T.people_split(split, truth) == {"Narendra Modi": ["Narendra Modi", "Ministers Modi"]}
    assert len(T.people_split(split, truth)) > len(T.people_split(good(), truth))


def test_people_merged_finds_two_people_under_one_name(truth: T.Truth) -> None:
    merged = mentions(
        ("a.txt", "Sharif", "Nawaz Sharif"),
        ("a.txt", "Sharif", "Shehbaz Sharif"),
        ("b.txt", "Sharif", "Shehbaz Sharif"),
        ("a.txt", "India", "India"),
    )
    assert T.people_merged(merged, truth) == {"Sharif": {"Shehbaz Sharif": 2, "Nawaz Sharif": 1}}
    assert T.people_merged(good(), truth) == {}


def test_recall_is_the_share_of_pairs_found_under_the_right_actor(truth: T.Truth) -> None:
    table = good()
    # Reuters in d.txt given to India: the pair is missed; Shahbaz in c.txt not found at all
    table.loc[table[S.SURFACE] == "Reuters", S.ACTOR] = "India"
    table = table[table[S.SURFACE] != "Shahbaz Sharif"]
    result = T.recall(table, truth)
    assert set(result.missed) == {
        ("Reuters", "Reuters", "d.txt"),
        ("Shehbaz Sharif", "Shahbaz Sharif", "c.txt"),
    }
    assert result.score == pytest.approx(13 / 15)


def test_frequent_people_are_ranked_by_their_best_name(truth: T.Truth) -> None:
    # a quarter of 4 articles is 1: all three people count; ranks: India and Modi 5 mentions,
    # Shehbaz 3, then Nawaz and Reuters 1 each (ties by name)
    ranks = T.frequent_people(good(), truth)
    assert ranks == {"Narendra Modi": 2, "Nawaz Sharif": 4, "Shehbaz Sharif": 3}
    assert T.frequent_people(good(), truth, top=3)["Nawaz Sharif"] == 4
    absent = good()[good()[S.ACTOR] != "Nawaz Sharif"]
    assert T.frequent_people(absent, truth)["Nawaz Sharif"] is None
    assert "Nawaz Sharif" in T.score(absent, truth)["frequent_missing"]


def test_figures_are_the_recorded_numbers(truth: T.Truth) -> None:
    assert T.figures(T.score(good(), truth)) == {
        "precision_top20": 1.0,
        "people_split": 0,
        "people_merged": 0,
        "mention_recall": 1.0,
        "frequent_people_missing": 0,
    }


@pytest.mark.parametrize("name", T.SETS)
def test_truth_files_parse_and_name_existing_files(name: str) -> None:
    truth = T.load_truth(name)
    assert truth.name == name
    assert len(truth.files) == len(set(truth.files))
    assert set(truth.rows["kind"]) <= T.KINDS
    folder = T.SHARED / truth.folder
    if not folder.is_dir():
        pytest.skip(f"{folder} is absent (the shared data sits beside the repository)")
    missing = [file for file in truth.files if not (folder / file).is_file()]
    assert not missing
    texts = {file: (folder / file).read_text(encoding="utf-8") for file in truth.files}
    absent = [
        (row.actor, row.surface, row.file)
        for row in truth.rows.itertuples(index=False)
        if not re.search(
            rf"(?<!\w){re.escape(row.surface.replace(chr(39), '’'))}(?!\w)"
            rf"|(?<!\w){re.escape(row.surface)}(?!\w)",
            texts[row.file],
            re.IGNORECASE,
        )
    ]
    assert not absent, f"surfaces not in the articles listed for them: {absent}"


def test_corpus_dev_truth_covers_every_article() -> None:
    truth = T.load_truth("corpus-dev")
    assert len(truth.files) == 30
    assert set(truth.rows["file"]) == set(truth.files)
    polnear = T.load_truth("polnear-dev")
    assert len(polnear.files) == 10
    assert len({Path(f).name.split("_")[0] for f in polnear.files}) == 7
