"""The settings of an analysis: one table of the data-file kinds, the built-in files filled in
at one place, and a fingerprint that names the resolved settings."""

from __future__ import annotations

import pytest

from analysis.actors import default_registry, parse_registry
from analysis.datafile import DataFileError
from analysis.sentiment import CLASSIFIER
from analysis.settings import DATA_FILES, DEFAULT_SETTINGS, Settings
from analysis.spelling import default_groups
from analysis.stance import default_topics


def test_every_data_file_kind_is_a_field_of_the_settings() -> None:
    assert list(DATA_FILES) == list(Settings._fields[: len(DATA_FILES)])
    for name, kind in DATA_FILES.items():
        assert kind.name == name
        assert kind.option == f"--{name}"
        assert kind.state_key == f"corpus.{name}"
        assert kind.file_name.startswith("presslens-") and kind.file_name.endswith(".toml")


@pytest.mark.parametrize("name", list(DATA_FILES))
def test_each_built_in_file_parses_to_its_default_entries(name: str) -> None:
    kind = DATA_FILES[name]
    assert kind.default() or name == "outlets"  # presslens knows no outlet
    assert kind.parse_session(kind.default_text()) == kind.default()
    assert kind.parse(kind.to_toml(kind.default())) == kind.parse(kind.default_text())


@pytest.mark.parametrize("name", ["topics", "spellings", "terms"])
def test_an_empty_file_is_refused_where_the_kind_needs_entries(name: str) -> None:
    with pytest.raises(DataFileError, match=r"has no \[\["):
        DATA_FILES[name].parse("")


def test_the_outlets_file_changes_no_fingerprint() -> None:
    mine = DATA_FILES["outlets"].parse('[[outlet]]\nname = "Dawn"\ncountry = "Pakistan"\n')
    assert Settings(outlets=mine).resolved().outlets == mine
    assert Settings(outlets=mine).fingerprint() == Settings().fingerprint()


def test_an_empty_registry_is_no_curated_actor() -> None:
    assert DATA_FILES["registry"].parse("") == ()


def test_resolved_fills_in_the_built_in_files_and_keeps_the_chosen_ones() -> None:
    mine = parse_registry('[[actor]]\nname = "Jane Roe"\naliases = ["Roe"]\n')
    resolved = Settings(registry=mine, coref=False).resolved()
    assert resolved.registry == mine
    assert resolved.topics == default_topics()
    assert resolved.spellings == default_groups()
    assert resolved.coref is False
    assert all(getattr(DEFAULT_SETTINGS.resolved(), name) is not None for name in DATA_FILES)


def test_the_fingerprint_names_the_resolved_settings() -> None:
    assert Settings().fingerprint() == Settings(registry=default_registry()).fingerprint()
    assert Settings().fingerprint() != Settings(registry=()).fingerprint()
    assert Settings().fingerprint() != Settings(sentiment=CLASSIFIER).fingerprint()
    assert len(Settings().fingerprint()) == 64
