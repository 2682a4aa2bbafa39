"""Stances read from how a sentence portrays a topic: the rows of the stance finder
(:func:`analysis.stance.finder.find_stance`) with no cue, whose position is the sentiment
classifier's reading toward the topic's words, and how each reading becomes a stance
(:data:`SPOKEN`, :data:`DONE`, :data:`OWN`).
"""

from __future__ import annotations

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
    rows: list[list[object]], pending: list[tuple[int, int, int, str]], method: str
) -> list[list[object]]:
    """``rows`` with the neutral rows whose stance is read from the sentence turned into
    support or oppose when the sentence portrays the topic positively or negatively (the
    sentiment classifier's label toward the topic's words,
    :func:`analysis.sentiment.target_probabilities` by ``method``): praise of the talks is
    support, warning of the tariffs' consequences opposition. ``pending`` holds (row, start,
    end, reading): the topic's offsets in the row's sentence and how the reading becomes a
    stance (:data:`SPOKEN`: a neutral portrayal stays neutral; :data:`DONE`: it is no
    stance; :data:`OWN`: only a positive one is a stance)."""
    if not pending:
        return rows
    evidence = S.STANCE_COLUMNS.index(S.EVIDENCE)
    probabilities = target_probabilities(
        [str(rows[row][evidence]) for row, *_ in pending],
        [start for _, start, _, _ in pending],
        [end for _, _, end, _ in pending],
        method=method,
    )
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
