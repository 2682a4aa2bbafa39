"""The outlets file: parsing, refusals a person understands, round trips, groupings, aliases
merged at load and proposals from the corpus."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis import outlets as O
from analysis import schema as S

FILE = """
[[outlet]]
name = "Dawn"
country = "Pakistan"
language = "English"
aliases = ["dawn.com", "Dawn News"]
[outlet.groups]
ownership = "private"
"state media" = "no"

[[outlet]]
name = "APP"
country = "Pakistan"
[outlet.groups]
"state media" = true

[[outlet]]
name = "The Hindu"
country = "India"
proposed = true
"""


def test_parse_reads_fields_labels_and_aliases() -> None:
    dawn, app, hindu = O.parse_outlets(FILE)
    assert dawn == O.Outlet(
        "Dawn",
        "Pakistan",
        "English",
        (("ownership", "private"), ("state media", "no")),
        ("dawn.com", "Dawn News"),
    )
    assert app.label("state media") == "true"
    assert app.label("ownership") == ""
    assert hindu.proposed


def test_built_in_file_is_empty() -> None:
    assert O.default_outlets() == ()
    assert O.parse_outlets("") == ()


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ('[[outlet]]\ncountry = "India"\n', "Outlet 1 has no name"),
        ('[[outlet]]\nname = "A"\ncontry = "India"\n', "'contry'"),
        ('[[outlet]]\nname = "A"\n[[outlet]]\nname = "a"\n', "listed twice"),
        ('[[outlet]]\nname = "A"\nproposed = "yes"\n', "true or false"),
        ('[[outlet]]\nname = "A"\ncountry = 3\n', "text in quotes"),
        ('[[outlet]]\nname = "A"\n[outlet.groups]\ncountry = "India"\n', "field of its own"),
        ('[[outlet]]\nname = "A"\n[outlet.groups]\nlean = ""\n', "is empty"),
        (
            '[[outlet]]\nname = "A"\naliases = ["x.com"]\n[[outlet]]\nname = "B"\n'
            'aliases = ["X.com"]\n',
            "one outlet only",
        ),
        ('[[outlet]]\nname = "A"\naliases = ["B"]\n[[outlet]]\nname = "B"\n', "of its own"),
        ("[[outlet]\nname = 1", "not valid TOML"),
    ],
)
def test_refusals_name_the_outlet_and_the_fix(text: str, words: str) -> None:
    with pytest.raises(O.OutletError, match=words):
        O.parse_outlets(text)


def test_toml_and_table_round_trip() -> None:
    outlets = O.parse_outlets(FILE)
    assert O.parse_outlets(O.outlets_to_toml(outlets)) == outlets
    frame = O.outlets_frame(outlets)
    assert list(frame.columns) == list(O.FRAME_COLUMNS)
    assert frame.loc[0, "groups"] == "ownership = private; state media = no"
    assert O.outlets_from_frame(frame) == outlets
    blank = pd.concat([frame, pd.DataFrame([{"proposed": False}])], ignore_index=True)
    assert O.outlets_from_frame(blank) == outlets


def test_table_label_without_sign_is_refused() -> None:
    frame = pd.DataFrame([{"name": "A", "groups": "left"}])
    with pytest.raises(O.OutletError, match="grouping = label"):
        O.outlets_from_frame(frame)


def test_groupings_and_labels_leave_proposals_out() -> None:
    outlets = O.parse_outlets(FILE)
    assert O.groupings(outlets) == ("country", "language", "ownership", "state media")
    labels = O.group_labels(outlets, names=["Dawn", "The Hindu", "Unknown"])
    assert labels[S.OUTLET].tolist() == ["Dawn", "The Hindu", "Unknown"]
    assert labels["country"].tolist()[0] == "Pakistan"
    assert labels["country"].isna().tolist() == [False, True, True]
    assert O.group_labels(outlets)[S.OUTLET].tolist() == ["Dawn", "APP"]
    accepted = O.accept(outlets, ["The Hindu"])
    assert O.group_labels(accepted, names=["The Hindu"])["country"].tolist() == ["India"]


def test_aliases_merge_outlets_by_name_or_domain() -> None:
    articles = pd.DataFrame(
        {
            S.OUTLET: ["DAWN NEWS", "dawn.com", "Other", "Site"],
            S.DOMAIN: ["dawn.com", "dawn.com", "other.org", "dawn.com"],
        }
    )
    merged = O.merge_aliases(articles, O.parse_outlets(FILE))
    assert merged[S.OUTLET].tolist() == ["Dawn", "Dawn", "Other", "Dawn"]
    assert articles[S.OUTLET].tolist()[0] == "DAWN NEWS"
    assert O.merge_aliases(articles, ()) is articles


@pytest.mark.parametrize(
    ("domain", "country"),
    [
        ("tribune.com.pk", "Pakistan"),
        ("www.thehindu.co.in", "India"),
        ("bbc.co.uk", "United Kingdom"),
        ("espreso.tv", ""),
        ("apnews.com", ""),
        ("localhost", ""),
        (None, ""),
    ],
)
def test_country_from_domain(domain: str | None, country: str) -> None:
    assert O.country_of_domain(domain) == country


def test_proposals_from_the_corpus() -> None:
    articles = pd.DataFrame(
        {
            S.OUTLET: ["Dawn", "Tribune", "Tribune", "Wire", "Mint"],
            S.DOMAIN: ["dawn.com", "tribune.com.pk", "tribune.com.pk", "wire.com", "livemint.com"],
            S.LANGUAGE: ["en", "en", "en", "", "en"],
        }
    )
    known = O.parse_outlets(FILE)
    proposals = O.propose_outlets(articles, known)
    assert [(p.name, p.country, p.language) for p in proposals] == [
        ("Tribune", "Pakistan", "en"),
        ("Mint", "", "en"),
    ]
    assert all(p.proposed for p in proposals)
    both = O.with_proposals(known, proposals)
    assert [o.name for o in both] == ["Dawn", "APP", "The Hindu", "Tribune", "Mint"]
    assert O.parse_outlets(O.outlets_to_toml(both)) == both
    with_column = articles.assign(country=["", "Pakistan?", "", "", "India"])
    assert O.propose_outlets(with_column)[0].country == "Pakistan?"
