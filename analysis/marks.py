"""Marks on one article's text: every actor mention, quote, contested term, spelling variant
and keyword, as offsets into the cleaned text, from the tables of the analysis.

:func:`article_marks` gathers them into one frame; :func:`segments` cuts the text where marks
begin and end, so a renderer can escape each piece of text and mark it, whatever overlaps
(a mention inside a quote, a spelling variant that is also a mention).
"""

from __future__ import annotations

import re
from itertools import pairwise
from typing import NamedTuple

import pandas as pd

from analysis import schema as S

ACTOR, QUOTE, TERM, SPELLING, KEYWORD = "actor", "quote", "term", "spelling", "keyword"
#: Kinds of mark, the one drawn on top first when marks overlap.
KINDS: tuple[str, ...] = (ACTOR, SPELLING, TERM, KEYWORD, QUOTE)
MARK_COLUMNS: tuple[str, ...] = (S.KIND, S.START, S.END, S.LABEL, S.DETAIL)
#: Keywords of an article that are marked (its best ``TOP_KEYWORDS`` single words).
TOP_KEYWORDS = 10


def _frame(rows: list[tuple[str, int, int, str, str]]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=list(MARK_COLUMNS))
    return frame.astype({S.START: "int64", S.END: "int64"})


def _keyword_rows(text: str, keywords: pd.DataFrame) -> list[tuple[str, int, int, str, str]]:
    words = keywords[(keywords[S.KIND] == "word") & (keywords[S.RANK] <= TOP_KEYWORDS)]
    rows = []
    for keyword, rank in zip(words[S.KEYWORD], words[S.RANK], strict=True):
        pattern = re.compile(rf"(?<!\w){re.escape(str(keyword))}(?!\w)", re.IGNORECASE)
        for found in pattern.finditer(text):
            rows.append((KEYWORD, found.start(), found.end(), str(keyword), f"keyword #{rank}"))
    return rows


def article_marks(
    article_id: str,
    text: str,
    *,
    sentiment: pd.DataFrame,
    quotes: pd.DataFrame,
    term_hits: pd.DataFrame,
    variant_hits: pd.DataFrame,
    keywords: pd.DataFrame,
) -> pd.DataFrame:
    """Every mark of the article ``article_id`` (whose cleaned text is ``text``), sorted by
    start. Columns: kind (actor / quote / term / spelling / keyword), start, end (offsets
    into ``text``), label (the actor, the speaker, the term group, the spelling group, the
    keyword) and detail (a sentence for a tooltip: sentiment polarity -1..1 of a mention, the
    verb of a quote, own voice or quoted for a term, the spelling used, the keyword's rank).

    Inputs are the tables of the analysis (actor_sentiment, quotes, term hits, variant hits,
    keywords); rows of other articles are ignored. A quote's detail names the body its
    speaker speaks for (``on_behalf_of``) when there is one."""

    def mine(frame: pd.DataFrame) -> pd.DataFrame:
        return frame[frame[S.ARTICLE_ID] == article_id]

    rows: list[tuple[str, int, int, str, str]] = []
    for row in mine(sentiment).itertuples(index=False):
        detail = f"{row.actor}: {row.label}, polarity {row.polarity:+.2f} (as '{row.surface}')"
        rows.append((ACTOR, row.start, row.end, row.actor, detail))
    for row in mine(quotes).itertuples(index=False):
        how = "direct quote" if row.direct else "reported speech"
        verb = f", {row.verb} ({row.verb_class})" if isinstance(row.verb, str) and row.verb else ""
        body = getattr(row, S.ON_BEHALF_OF, "")
        behalf = f" on behalf of {body}" if isinstance(body, str) and body else ""
        detail = f"{how} of {row.speaker}{behalf}{verb}"
        rows.append((QUOTE, row.start, row.end, row.speaker, detail))
    for row in mine(term_hits).itertuples(index=False):
        voice = "inside a quote" if row.quoted else "in the outlet's own voice"
        rows.append((TERM, row.start, row.end, row.group, f"{row.group}: '{row.term}', {voice}"))
    for row in mine(variant_hits).itertuples(index=False):
        rows.append(
            (SPELLING, row.start, row.end, row.group, f"spelling of {row.group}: {row.variant}")
        )
    rows += _keyword_rows(text, mine(keywords))
    frame = _frame(rows)
    return frame.sort_values([S.START, S.END], kind="stable").reset_index(drop=True)


class Segment(NamedTuple):
    """A piece of text ``text[start:end]`` and the row numbers of the marks covering it."""

    start: int
    end: int
    marks: tuple[int, ...]


def segments(text: str, marks: pd.DataFrame) -> list[Segment]:
    """``text`` cut at every start and end of ``marks`` (a frame with start and end), each
    piece with the marks covering it; together the pieces are the whole text, in order."""
    cuts = {0, len(text)}
    spans = list(zip(marks[S.START].tolist(), marks[S.END].tolist(), strict=True))
    for start, end in spans:
        cuts.update((max(0, min(start, len(text))), max(0, min(end, len(text)))))
    points = sorted(cuts)
    pieces = []
    for left, right in pairwise(points):
        covering = tuple(i for i, (s, e) in enumerate(spans) if s <= left and right <= e)
        pieces.append(Segment(left, right, covering))
    return pieces
