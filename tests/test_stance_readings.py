"""Stances read from how a sentence portrays a topic (analysis.stance.readings)."""

from __future__ import annotations

from analysis import schema as S
from analysis.sentiment import TRANSFORMER
from analysis.stance import EVALUATED_POSITIVE, NEUTRAL
from analysis.stance.readings import DONE, OWN, SPOKEN, evaluated
from analysis.tables import Analysis


def test_a_speaker_without_a_cue_holds_the_position_the_sentence_reads(
    corpus_dev_analysis: Analysis,
) -> None:
    """Praise of the talks with no stance cue ("the China-US high-level meeting ... were
    in-depth, candid and constructive") is support, read by the sentiment classifier toward
    the topic's words; the modifier says so."""
    stance = corpus_dev_analysis.stance
    row = stance[
        stance[S.EVIDENCE].str.contains("were in-depth, candid and constructive", regex=False)
        & (stance[S.ACTOR] == "He Lifeng")
    ].iloc[0]
    assert (row[S.STANCE], row[S.MODIFIER]) == ("support", EVALUATED_POSITIVE)
    assert set(stance[S.MODIFIER]) >= {EVALUATED_POSITIVE}
    described = stance[  # a relative clause speaks about the noun it describes
        stance[S.EVIDENCE].str.contains("which Bessent characterized as respectful", regex=False)
        & (stance[S.ACTOR] == "Bessent")
    ]
    assert described[S.STANCE].tolist() == ["support"]


def _row(sentence: str) -> list[object]:
    """A neutral stance row (analysis.schema.STANCE_COLUMNS) with ``sentence`` as evidence."""
    values = {S.STANCE: NEUTRAL, S.MODIFIER: "", S.EVIDENCE: sentence}
    return [values.get(column, "") for column in S.STANCE_COLUMNS]


def test_a_reading_becomes_a_stance_as_its_kind_says() -> None:
    """Praise spoken of the talks is support; criticism of one's own topic is no stance (a
    holder never opposes itself); a neutral reading of what a holder does is none either."""
    praise = "He said the talks were excellent, constructive and a great success."
    attack = "He said the talks were a disastrous, shameful failure."
    plain = "He said the talks took place on Tuesday in Geneva."
    rows = [_row(praise), _row(attack), _row(plain), _row(plain)]
    pending = [
        (0, praise.index("talks"), praise.index("talks") + 5, SPOKEN),
        (1, attack.index("talks"), attack.index("talks") + 5, OWN),
        (2, plain.index("talks"), plain.index("talks") + 5, DONE),
        (3, plain.index("talks"), plain.index("talks") + 5, SPOKEN),
    ]
    stance, modifier = S.STANCE_COLUMNS.index(S.STANCE), S.STANCE_COLUMNS.index(S.MODIFIER)
    kept = evaluated([list(row) for row in rows], pending, TRANSFORMER)
    assert [(row[stance], row[modifier]) for row in kept] == [
        ("support", EVALUATED_POSITIVE),
        (NEUTRAL, ""),
    ]
    assert evaluated(rows, [], TRANSFORMER) == rows  # nothing to read: the rows as they are


def test_the_sentences_of_one_quote_are_one_position() -> None:
    """Rows that share a group (the sentences of one speaker's quote that mention the topic)
    are decided by the mean of their readings: a quote that praises the talks once and
    attacks them twice opposes them in every sentence; read apart, the praise is support."""
    praise = "He said the talks were excellent, constructive and a great success."
    attack = "He said the talks were a disastrous, shameful failure."
    rows = [_row(praise), _row(attack), _row(attack)]
    pending = [
        (n, text.index("talks"), text.index("talks") + 5, SPOKEN)
        for n, text in enumerate([praise, attack, attack])
    ]
    stance = S.STANCE_COLUMNS.index(S.STANCE)
    apart = evaluated([list(row) for row in rows], pending, TRANSFORMER)
    assert [row[stance] for row in apart] == ["support", "oppose", "oppose"]
    pooled = evaluated([list(row) for row in rows], pending, TRANSFORMER, groups=["q"] * 3)
    assert [row[stance] for row in pooled] == ["oppose", "oppose", "oppose"]
    one_each = evaluated([list(row) for row in rows], pending, TRANSFORMER, groups=[0, 1, 2])
    assert [row[stance] for row in one_each] == [row[stance] for row in apart]
