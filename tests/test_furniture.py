"""Page furniture read from the parse: bylines, credits, datelines, page labels and time
zones are found as what they are, and a sentence of the story is none of them."""

from __future__ import annotations

import pytest

from analysis.furniture import page_furniture, time_zone
from analysis.parse import nlp


@pytest.mark.parametrize(
    ("line", "furniture_text"),
    [
        ("By Jane Doe and John Roe", "By Jane Doe and John Roe"),
        ("Photo: Jane Doe/Reuters", "Photo: Jane Doe/Reuters"),
        ("ISTANBUL, Turkey (AP) — Talks resumed on Monday.", "ISTANBUL, Turkey (AP)"),
        ("Tags: Ukraine, Russia, peace talks", "Tags"),
    ],
)
def test_furniture_lines_are_found(line: str, furniture_text: str) -> None:
    sentence = next(iter(nlp()(line).sents))
    part = page_furniture(sentence)
    assert part is not None and part.text.strip() == furniture_text


def test_a_sentence_of_the_story_is_no_furniture() -> None:
    doc = nlp()("By Monday the delegations had agreed to meet again in Geneva, officials said.")
    assert page_furniture(next(iter(doc.sents))) is None


def test_a_zone_after_a_clock_time_is_a_time_zone_and_a_country_is_not() -> None:
    doc = nlp()("The ceasefire began at 5 pm Indian Standard Time, India said on Saturday.")
    kinds = {entity.text: time_zone(entity) for entity in doc.ents}
    assert kinds.get("Indian Standard Time") is True
    assert kinds.get("India") is False
