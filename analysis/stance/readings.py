"""Stances read from how a sentence portrays a topic: the rows of the stance finder
(:func:`analysis.stance.finder.find_stance`) with no cue, whose position is the sentiment
classifier's reading toward the topic's words, and how each reading becomes a stance
(:data:`SPOKEN`, :data:`DONE`, :data:`OWN`).
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence

import numpy as np

from analysis import schema as S
from analysis.sentiment import target_probabilities
from analysis.stance.cues import EVALUATED_NEGATIVE, EVALUATED_POSITIVE, OPPOSE, SUPPORT

#: A speaker's topic in their clause: a neutral portrayal is a neutral stance.
SPOKEN = "spoken"
#: A topic the holder says or does something about (:mod:`analysis.stance.agents`): a
#: neutral portrayal is no stance.
DONE = "done"
#: The holder's own topic: only a positive portrayal is a stance (support; a holder never
#: opposes itself: "Trump has denied the charge" defends him).
OWN = "own"


def evaluated(
    rows: list[list[object]],
    pending: list[tuple[int, int, int, str]],
    method: str,
    *,
    groups: Sequence[Hashable] | None = None,
) -> list[list[object]]:
    """``rows`` with the neutral rows whose stance is read from the sentence turned into
    support or oppose when the sentence portrays the topic positively or negatively (the
    sentiment classifier's label toward the topic's words,
    :func:`analysis.sentiment.target_probabilities` by ``method``): praise of the talks is
    support, warning of the tariffs' consequences opposition. ``pending`` holds (row, start,
    end, reading): the topic's offsets in the row's sentence and how the reading becomes a
    stance (:data:`SPOKEN`: a neutral portrayal stays neutral; :data:`DONE`: it is no
    stance; :data:`OWN`: only a positive one is a stance). The ``pending`` rows that share a
    key of ``groups`` (one per row of ``pending``) are one position read as a whole: the
    mean of their readings decides them all (a speaker's quote that mentions a topic in
    several sentences takes one position toward it, not one reading per sentence, so that a
    sentence the model misreads alone follows the rest of the quote)."""
    if not pending:
        return rows
    evidence = S.STANCE_COLUMNS.index(S.EVIDENCE)
    probabilities = target_probabilities(
        [str(rows[row][evidence]) for row, *_ in pending],
        [start for _, start, _, _ in pending],
        [end for _, _, end, _ in pending],
        method=method,
    )
    if groups is not None:
        probabilities = _pooled(probabilities, groups)
    dropped = set()
    for (row, _, _, reading), (negative, neutral, positive) in zip(
        pending, probabilities, strict=True
    ):
        committed = max(negative, positive) > neutral
        positively = positive > negative
        if reading != SPOKEN and not (committed and (positively or reading == DONE)):
            dropped.add(row)
        elif committed:
            rows[row][S.STANCE_COLUMNS.index(S.STANCE)] = SUPPORT if positively else OPPOSE
            rows[row][S.STANCE_COLUMNS.index(S.MODIFIER)] = (
                EVALUATED_POSITIVE if positively else EVALUATED_NEGATIVE
            )
    return [row for n, row in enumerate(rows) if n not in dropped]


def _pooled(
    probabilities: Sequence[Sequence[float]], groups: Sequence[Hashable]
) -> list[tuple[float, float, float]]:
    """Each row's probabilities replaced by the mean of its group's."""
    members: dict[Hashable, list[int]] = {}
    for n, key in enumerate(groups):
        members.setdefault(key, []).append(n)
    pooled: list[tuple[float, float, float]] = [(0.0, 0.0, 0.0)] * len(groups)
    for rows in members.values():
        mean = np.mean([probabilities[n] for n in rows], axis=0)
        for n in rows:
            pooled[n] = (float(mean[0]), float(mean[1]), float(mean[2]))
    return pooled
