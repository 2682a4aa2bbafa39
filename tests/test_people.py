"""One person under one name across a corpus (analysis.people.merge_people): spellings,
initials and given names merge, namesakes stay apart."""

from __future__ import annotations

from collections import Counter

from analysis.actors import skeleton
from analysis.people import merge_people


def test_spellings_of_one_person_merge_and_namesakes_stay_apart() -> None:
    names = Counter(
        {
            "Volodymyr Zelensky": 8,
            "Volodymyr Zelenskyy": 3,
            "Zelenskiy": 2,
            "Donald Trump": 9,
            "Melania Trump": 1,
            "Blames Google": 1,
        }
    )
    others = Counter({"Zelenskyy": 2, "Reuters": 4, "Google": 90})
    renamed = merge_people(names, skeleton, others=others)
    assert renamed["Volodymyr Zelenskyy"] == "Volodymyr Zelensky"
    assert renamed["Zelenskiy"] == "Volodymyr Zelensky"
    assert renamed["Zelenskyy"] == "Volodymyr Zelensky"  # a surname tagged as an organisation
    assert "Melania Trump" not in renamed and "Reuters" not in renamed
    # a headline's "Microsoft Blames Google" tagged PERSON does not take over the company
    assert "Google" not in renamed


def test_given_names_initials_merge_and_namesakes_stay_apart() -> None:
    names = Counter(
        {
            "Recep Tayyip Erdogan": 5,
            "Tayyip Erdogan": 2,
            "Subrahmanyam Jaishankar": 3,
            "S. Jaishankar": 4,
            "Shehbaz Sharif": 6,
            "Nawaz Sharif": 2,
        }
    )
    renamed = merge_people(names, skeleton)
    assert renamed["Tayyip Erdogan"] == "Recep Tayyip Erdogan"
    assert renamed.get("S. Jaishankar", "S. Jaishankar") == renamed.get(
        "Subrahmanyam Jaishankar", "Subrahmanyam Jaishankar"
    )
    assert "Nawaz Sharif" not in renamed and "Shehbaz Sharif" not in renamed


def test_a_surname_alone_stays_apart_when_two_namesakes_share_it() -> None:
    renamed = merge_people(Counter({"Shehbaz Sharif": 4, "Nawaz Sharif": 4, "Sharif": 2}), skeleton)
    assert "Sharif" not in renamed  # ambiguous: said as written
    renamed = merge_people(Counter({"Barack Obama": 12, "Michelle Obama": 9, "Obama": 5}), skeleton)
    assert renamed["Obama"] == "Barack Obama"
    renamed = merge_people(Counter({"Donald Trump": 9, "Melania Trump": 1, "Trump": 5}), skeleton)
    assert renamed["Trump"] == "Donald Trump"


def test_transliterations_that_differ_in_vowels_merge() -> None:
    names = Counter({"Rustem Umerov": 5, "Rustam Umarov": 2, "Umerov": 3, "Ahmed Khan": 2})
    names["Ahmad Khan"] = 1  # too short a surname to tell by its consonants
    renamed = merge_people(names, skeleton)
    assert renamed["Rustam Umarov"] == renamed["Umerov"] == "Rustem Umerov"
    assert "Ahmed Khan" not in renamed or renamed["Ahmed Khan"] != "Ahmad Khan"


def test_an_acronym_is_no_spelling_of_a_surname() -> None:
    renamed = merge_people(Counter({"Darrell Issa": 4}), skeleton, others=Counter({"ISA": 2}))
    assert "ISA" not in renamed
