"""The whole comparison at a glance: one card per outlet and a timeline, made of one set of
outlet summaries (which :mod:`analysis.differences` reads too).

Everything is computed from an :class:`~analysis.tables.Analysis` (articles,
sentences, actor_sentiment, actor_summary, quotes, keywords, distinctive_terms, spellings,
terms, frames); no sentence of it is written by hand. Pandas in, pandas out; the page that
says which of :data:`SECTIONS` a card's fact belongs to; the dashboard knows which page
explains each.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

import pandas as pd

from analysis import schema as S
from analysis.aggregate import frame_summary, house_styles, term_summary, voice_summary
from analysis.keywords import WORD, outlet_keywords, outlets_with_words
from analysis.tables import Analysis

#: Sections of an outlet card, in the order a card shows them.
SECTIONS: tuple[str, ...] = (
    "articles",
    "spelling",
    "keywords",
    "distinctive terms",
    "sentiment",
    "quotes",
    "frames",
    "contested terms",
)
#: Items per card section (keywords, distinctive terms, actors, speakers, frames, terms).
TOP = 4


class OutletSummaries(NamedTuple):
    """The summaries the cards and the differences are made of, one row per outlet and
    item: ``styles`` (:func:`analysis.aggregate.house_styles`), ``words`` (the :data:`TOP`
    word keywords of :func:`analysis.keywords.outlet_keywords`), ``actors`` (the analysis's
    actor_summary), ``voices`` (:func:`analysis.aggregate.voice_summary`), ``frames``
    (:func:`analysis.aggregate.frame_summary`) and ``terms``
    (:func:`analysis.aggregate.term_summary`). Each is made of an outlet's rows alone, so
    those of several outlets are theirs concatenated (:meth:`of` keeps some outlets)."""

    styles: pd.DataFrame
    words: pd.DataFrame
    actors: pd.DataFrame
    voices: pd.DataFrame
    frames: pd.DataFrame
    terms: pd.DataFrame

    def of(self, outlets: Iterable[str]) -> OutletSummaries:
        """The rows of ``outlets`` only."""
        kept = set(outlets)
        return OutletSummaries(
            *(frame[frame[S.OUTLET].isin(kept)].reset_index(drop=True) for frame in self)
        )


def outlet_summaries(analysis: Analysis) -> OutletSummaries:
    """The :class:`OutletSummaries` of ``analysis``."""
    articles = analysis.articles
    return OutletSummaries(
        house_styles(analysis.spellings, articles),
        outlet_keywords(analysis.keywords, articles, kind=WORD, top=TOP),
        analysis.actor_summary,
        voice_summary(analysis.quotes, articles),
        frame_summary(analysis.frames, articles),
        term_summary(analysis.terms, articles),
    )


def _card_row(outlet: str, section: str, item: str, value: str, count: float) -> tuple:
    return (outlet, section, item, value, count)


def _dates(published: pd.Series) -> str:
    dates = pd.to_datetime(published, errors="coerce").dropna()
    if dates.empty:
        return "unknown"
    first, last = dates.min().date(), dates.max().date()
    return str(first) if first == last else f"{first} – {last}"


def _article_facts(articles: pd.DataFrame) -> list[tuple]:
    rows = []
    for outlet, group in articles.groupby(S.OUTLET, sort=True):
        dated = int(pd.to_datetime(group[S.PUBLISHED], errors="coerce").notna().sum())
        rows += [
            _card_row(outlet, "articles", "articles", str(len(group)), len(group)),
            _card_row(outlet, "articles", "dates", _dates(group[S.PUBLISHED]), dated),
            _card_row(
                outlet, "articles", "words", f"{group[S.N_WORDS].sum():,}", group[S.N_WORDS].sum()
            ),
        ]
    return rows


def _spelling_facts(styles: pd.DataFrame) -> list[tuple]:
    return [
        _card_row(
            row.outlet,
            "spelling",
            row.group,
            row.style
            if row.share == 1
            else f"{row.style} (also {_others(row.variants, row.style)})",
            row.uses,
        )
        for row in styles.itertuples()
    ]


def _others(variants: str, style: str) -> str:
    """The variants other than ``style`` from house_styles' "Turkey 3; Türkiye 1"."""
    return "; ".join(part for part in variants.split("; ") if part.rsplit(" ", 1)[0] != style)


def _top_rows(frame: pd.DataFrame, by: str, top: int) -> pd.DataFrame:
    return frame.sort_values([S.OUTLET, by], ascending=[True, False]).groupby(S.OUTLET).head(top)


def _keyword_facts(
    words: pd.DataFrame, distinctive: pd.DataFrame, top: int, articles: pd.DataFrame
) -> list[tuple]:
    rows = [
        _card_row(row.outlet, "keywords", row.keyword, f"#{row.rank}", row.score)
        for row in words[words[S.RANK] <= top].itertuples()
    ]
    enough = outlets_with_words(articles)  # too little text: its distinctive terms are noise
    distinctive = distinctive[distinctive[S.OUTLET].isin(enough.index[enough])]
    distinctive = _top_rows(distinctive[distinctive[S.Z] > 0], S.Z, top)
    rows += [
        _card_row(row.outlet, "distinctive terms", row.term, f"z = {row.z:.1f}", row.count)
        for row in distinctive.itertuples()
    ]
    return rows


def _sentiment_facts(actors: pd.DataFrame, top: int) -> list[tuple]:
    summary = _top_rows(actors, S.MENTIONS, top)
    return [
        _card_row(
            row.outlet,
            "sentiment",
            row.actor,
            f"{row.mean_polarity:+.2f}" if row.enough else "too few mentions",
            row.mentions,
        )
        for row in summary.itertuples()
    ]


def _voice_facts(voices: pd.DataFrame, top: int) -> list[tuple]:
    voices = _top_rows(voices, S.WORDS, top)
    return [
        _card_row(row.outlet, "quotes", row.speaker, row.verbs or "no attribution verb", row.quotes)
        for row in voices.itertuples()
    ]


def shared_terms(terms: pd.DataFrame, outlets: int) -> pd.Series:
    """Whether each row of ``terms`` (:func:`analysis.aggregate.term_summary`) is of a
    contested term that every one of ``outlets`` (two or more) uses: no finding for a card,
    as it does not tell the outlets apart."""
    using = terms.groupby(S.TERM)[S.OUTLET].transform("nunique")
    return (using >= outlets) & (outlets > 1)


def _framing_facts(
    frames: pd.DataFrame, terms: pd.DataFrame, top: int, outlets: int
) -> list[tuple]:
    frames = _top_rows(frames[frames[S.SCORE] > 0], S.SCORE, min(top, 2))
    terms = _top_rows(terms[~shared_terms(terms, outlets)], S.COUNT, top)
    return [
        *(
            _card_row(row.outlet, "frames", row.frame, f"{row.score:.2f}", row.score)
            for row in frames.itertuples()
        ),
        *(
            _card_row(row.outlet, "contested terms", row.term, _term_voice(row), row.count)
            for row in terms.itertuples()
        ),
    ]


def _term_voice(row: object) -> str:
    """ "the war itself, 2 in quotes" for a row of term_summary."""
    quoted = int(getattr(row, S.QUOTED))
    group = getattr(row, S.GROUP)
    return f"{group}, {quoted} in quotes" if quoted else group


def outlet_cards(
    analysis: Analysis, *, top: int = TOP, summaries: OutletSummaries | None = None
) -> pd.DataFrame:
    """The facts of one card per outlet: one row per fact.

    Columns: outlet; section (articles, spelling, keywords, distinctive terms, sentiment,
    quotes, frames, contested terms: :data:`SECTIONS`, in that order); item (the fact's
    subject: "dates", a variant group, a keyword, an actor, a speaker, a frame, a term);
    value (what the card shows: the date range, the outlet's spelling, "#1", the mean
    polarity "+0.31" in -1..1 (> 0 = portrayed more positively), the attribution verbs, the
    frame score in 0..1 (higher = framed more that way), the term's group); count (articles,
    dated articles, words, uses of the group, keyword score in 0..1 (higher = more
    important), the term's count in the outlet, mentions, quotes, frame score, uses). Per
    section at most ``top`` items (frames: 2; keywords: at most :data:`TOP`), strongest
    first; a contested term every outlet uses is no card's fact (:func:`shared_terms`).
    The cards are made of ``summaries`` (of the outlets of ``analysis``; by default made of
    its tables), the articles and the distinctive terms.
    """
    made = outlet_summaries(analysis) if summaries is None else summaries
    rows = [
        *_article_facts(analysis.articles),
        *_spelling_facts(made.styles),
        *_keyword_facts(made.words, analysis.distinctive_terms, top, analysis.articles),
        *_sentiment_facts(made.actors, top),
        *_voice_facts(made.voices, top),
        *_framing_facts(made.frames, made.terms, top, analysis.articles[S.OUTLET].nunique()),
    ]
    frame = pd.DataFrame(rows, columns=list(S.CARD_COLUMNS))
    order = {section: position for position, section in enumerate(SECTIONS)}
    frame = frame.assign(_order=frame[S.SECTION].map(order))
    frame = frame.sort_values([S.OUTLET, "_order"], kind="stable").drop(columns="_order")
    return frame.astype({S.COUNT: "float64"}).reset_index(drop=True)


def actors_by_mentions(actor_summary: pd.DataFrame) -> list[str]:
    """The actors of :func:`analysis.aggregate.actor_summary`, most mentioned first (the
    timeline's default actor is the first)."""
    totals = actor_summary.groupby(S.ACTOR)[S.MENTIONS].sum()
    return totals.sort_values(ascending=False, kind="stable").index.tolist()


#: Timeline periods, pandas period codes: a day, a week (starting Monday), a month.
PERIODS = {"day": "D", "week": "W", "month": "M"}


def timeline_period(dates: pd.Series) -> str:
    """The period that keeps a timeline of ``dates`` readable: "day" for up to two months,
    "week" for up to two years, else "month"."""
    dates = pd.to_datetime(dates, errors="coerce").dropna()
    span = (dates.max() - dates.min()).days if len(dates) else 0
    return "day" if span <= 62 else "week" if span <= 730 else "month"


def timeline(
    articles: pd.DataFrame, actor_sentiment: pd.DataFrame, *, actor: str, period: str | None = None
) -> pd.DataFrame:
    """Articles per period of publication and outlet, with the sentiment toward ``actor``.

    ``period`` is "day", "week" or "month" (default: :func:`timeline_period` of the dates).
    Columns: date (the first day of the period), outlet, articles, mentions (of ``actor`` in
    those articles), mean_polarity (-1..1, > 0 = more positive; NaN without a mention).
    Articles without a date are left out (count them with ``articles.published.isna()``).
    Sorted by date, then outlet.
    """
    published = pd.to_datetime(articles[S.PUBLISHED], errors="coerce")
    code = PERIODS[period or timeline_period(published)]
    dated = articles.assign(**{S.DATE: published}).dropna(subset=[S.DATE])
    if dated.empty:
        return pd.DataFrame(columns=list(S.TIMELINE_COLUMNS))
    dated[S.DATE] = dated[S.DATE].dt.tz_localize(None).dt.to_period(code).dt.start_time
    volume = dated.groupby([S.DATE, S.OUTLET]).size().rename(S.ARTICLES)
    mentions = actor_sentiment[actor_sentiment[S.ACTOR] == actor].merge(
        dated[[S.ARTICLE_ID, S.DATE, S.OUTLET]], on=S.ARTICLE_ID
    )
    tone = mentions.groupby([S.DATE, S.OUTLET])[S.POLARITY].agg(["size", "mean"])
    frame = volume.to_frame().join(tone, how="left").reset_index()
    frame = frame.rename(columns={"size": S.MENTIONS, "mean": S.MEAN_POLARITY})
    frame[S.MENTIONS] = frame[S.MENTIONS].fillna(0).astype("int64")
    frame = frame.reindex(columns=list(S.TIMELINE_COLUMNS))
    return frame.sort_values([S.DATE, S.OUTLET], ignore_index=True)
