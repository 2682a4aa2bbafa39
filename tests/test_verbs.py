"""analysis.verbs: the attribution verbs of the data file, their forms and connotations, and the
verbs found in sentences of the seeds."""

from __future__ import annotations

import pytest

from analysis.corpus import Corpus
from analysis.verbs import LOADED, NEUTRAL, lookup, speech_verbs, verb_pattern, verbs_in
from tests.conftest import seed_text


def test_loaded_verbs_are_classed() -> None:
    assert lookup("claimed").verb_class == "loaded"
    assert lookup("claimed").connotation == "doubt"
    assert lookup("admitted").connotation == "concession"
    assert lookup("Said").verb_class == "neutral"
    assert lookup("pointed out").lemma == "point out"
    assert {"told", "wrote", "added", "noted", "stated"} <= set(speech_verbs())


@pytest.mark.parametrize(
    ("lemma", "forms"),
    [
        ("urge", ["urges", "urged", "urging"]),  # a final e
        ("deny", ["denies", "denied", "denying"]),  # a consonant and y
        ("stress", ["stresses", "stressed", "stressing"]),  # a hissing end
        ("warn", ["warns", "warned", "warning"]),
        ("point out", ["points out", "pointed out", "pointing out"]),  # the first word inflects
        ("say", ["said", "says", "saying"]),  # irregular, from the data file
    ],
)
def test_every_verb_is_found_in_each_of_its_forms(lemma: str, forms: list[str]) -> None:
    verbs = speech_verbs()
    assert all(verbs[form].lemma == lemma for form in [lemma, *forms])


def test_neutral_verbs_report_and_the_others_are_loaded() -> None:
    classes = {form: verb.verb_class for form, verb in speech_verbs().items()}
    assert set(classes.values()) == {NEUTRAL, LOADED}
    assert classes["according to"] == classes["told"] == NEUTRAL
    assert classes["slammed"] == classes["warned"] == classes["insists"] == LOADED


def test_the_pattern_matches_whole_words_and_the_longest_form() -> None:
    pattern = verb_pattern()
    found = [m.group() for m in pattern.finditer("She Pointed  out that the essay said so.")]
    assert found == ["Pointed  out", "said"]  # not "Pointed" alone, nothing inside "essay"
    assert pattern.fullmatch("according to") and not pattern.fullmatch("sayings")


@pytest.mark.parametrize(
    ("seed", "sentence", "verbs"),
    [
        (
            "000",
            "Zelenskyy stressed that Ukraine expects European states to",
            ["stressed"],  # "European states": a noun after a demonym
        ),
        ("001", "Putin dismissed what he characterized as", ["dismissed", "characterized"]),
        (
            "001",
            "issued a warning of a “potentially significant” Russian air attack",
            ["attack"],  # "a warning": a noun after a determiner
        ),
        (
            "002",
            "Kremlin spokesperson Dmitry Peskov stating that Russia would",
            ["stating"],
        ),
    ],
)
def test_verbs_in_a_seed_sentence_leave_out_nouns_of_the_same_spelling(
    seeds_corpus: Corpus, seed: str, sentence: str, verbs: list[str]
) -> None:
    text = seed_text(seeds_corpus, seed)
    start = text.index(sentence)
    found = verbs_in(text, start, start + len(sentence))
    assert [m.group() for m in found] == verbs
    assert all(start <= m.start() < m.end() <= start + len(sentence) for m in found)
