"""The whole comparison at a glance: one card per outlet, a timeline, and the largest
differences between outlets, each with its evidence.

Everything is computed from an :class:`~analysis.tables.Analysis` (articles,
sentences, actor_sentiment, actor_summary, quotes, keywords, distinctive_terms, spellings,
terms, frames); no sentence of it is written by hand. Pandas in, pandas out; the page that
says which of :data:`SECTIONS` a card's fact belongs to and which of :data:`KINDS` a
difference is; the dashboard knows which page explains each.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from itertools import combinations
from typing import NamedTuple

import numpy as np
import pandas as pd

from analysis import schema as S
from analysis.aggregate import frame_summary, house_styles, term_summary, voice_summary
from analysis.keywords import WORD, outlet_keywords
from analysis.quotes import UNATTRIBUTED
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
#: Kinds of difference, in the order ties are listed.
KINDS: tuple[str, ...] = ("spelling", "wording", "sentiment", "voices", "frames")
#: Most differences listed, and most of one kind.
LIMIT = 10
PER_KIND = 3
#: Smallest score (0..1) of a difference worth listing.
MIN_SCORE = 0.2
#: Fewest uses of a contested-term group for an outlet's wording of it to be compared.
MIN_GROUP_USES = 2
#: Fewest quotes of a speaker, in the outlet quoting them most, for a voices difference.
MIN_QUOTES = 2


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


def _spelling_facts(analysis: Analysis) -> list[tuple]:
    styles = house_styles(analysis.spellings, analysis.articles)
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


def _keyword_facts(analysis: Analysis, top: int) -> list[tuple]:
    words = outlet_keywords(analysis.keywords, analysis.articles, kind=WORD, top=top)
    rows = [
        _card_row(row.outlet, "keywords", row.keyword, f"#{row.rank}", row.score)
        for row in words.itertuples()
    ]
    distinctive = analysis.distinctive_terms
    distinctive = _top_rows(distinctive[distinctive[S.Z] > 0], S.Z, top)
    rows += [
        _card_row(row.outlet, "distinctive terms", row.term, f"z = {row.z:.1f}", row.count)
        for row in distinctive.itertuples()
    ]
    return rows


def _sentiment_facts(analysis: Analysis, top: int) -> list[tuple]:
    summary = _top_rows(analysis.actor_summary, S.MENTIONS, top)
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


def _voice_facts(analysis: Analysis, top: int) -> list[tuple]:
    voices = _top_rows(voice_summary(analysis.quotes, analysis.articles), S.WORDS, top)
    return [
        _card_row(row.outlet, "quotes", row.speaker, row.verbs or "no attribution verb", row.quotes)
        for row in voices.itertuples()
    ]


def _framing_facts(analysis: Analysis, top: int) -> list[tuple]:
    frames = frame_summary(analysis.frames, analysis.articles)
    frames = _top_rows(frames[frames[S.SCORE] > 0], S.SCORE, min(top, 2))
    terms = _top_rows(term_summary(analysis.terms, analysis.articles), S.COUNT, top)
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


def outlet_cards(analysis: Analysis, *, top: int = TOP) -> pd.DataFrame:
    """The facts of one card per outlet: one row per fact.

    Columns: outlet; section (articles, spelling, keywords, distinctive terms, sentiment,
    quotes, frames, contested terms: :data:`SECTIONS`, in that order); item (the fact's
    subject: "dates", a variant group, a keyword, an actor, a speaker, a frame, a term);
    value (what the card shows: the date range, the outlet's spelling, "#1", the mean
    polarity "+0.31" in -1..1 (> 0 = portrayed more positively), the attribution verbs, the
    frame score in 0..1 (higher = framed more that way), the term's group); count (articles,
    dated articles, words, uses of the group, keyword score in 0..1 (higher = more
    important), the term's count in the outlet, mentions, quotes, frame score, uses). Per
    section at most ``top`` items (frames: 2), strongest first.
    """
    rows = [
        *_article_facts(analysis.articles),
        *_spelling_facts(analysis),
        *_keyword_facts(analysis, top),
        *_sentiment_facts(analysis, top),
        *_voice_facts(analysis, top),
        *_framing_facts(analysis, top),
    ]
    frame = pd.DataFrame(rows, columns=list(S.CARD_COLUMNS))
    order = {section: position for position, section in enumerate(SECTIONS)}
    frame = frame.assign(_order=frame[S.SECTION].map(order))
    frame = frame.sort_values([S.OUTLET, "_order"], kind="stable").drop(columns="_order")
    return frame.astype({S.COUNT: "float64"}).reset_index(drop=True)


class Differences(NamedTuple):
    """The largest differences between outlets: ``summary`` has one row per difference
    (:data:`analysis.schema.DIFFERENCE_COLUMNS`), ``evidence`` the facts and sentences behind
    each (:data:`analysis.schema.EVIDENCE_COLUMNS`), joined on ``rank``."""

    summary: pd.DataFrame
    evidence: pd.DataFrame


class _Difference(NamedTuple):
    kind: str
    subject: str
    statement: str
    details: str
    score: float
    evidence: list[tuple[str, str, float, str, str]]  # outlet, item, count, article_id, example


def _times(count: float) -> str:
    return "once" if count == 1 else f"{count:g} times"


def _names(outlets: Iterable[str], *, limit: int = 3) -> str:
    """ "A", "A and B", "A, B and C", or "5 outlets" when there are more than ``limit``."""
    names = list(outlets)
    if len(names) > limit:
        return f"{len(names)} outlets"
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def _pair_disagreement(values: Mapping[str, object]) -> float:
    """Share of outlet pairs whose values differ (0..1)."""
    pairs = list(combinations(values.values(), 2))
    return sum(a != b for a, b in pairs) / len(pairs) if pairs else 0.0


class _OutletText:
    """The body sentences and the headlines of each outlet's articles, in table order."""

    def __init__(self, analysis: Analysis) -> None:
        self.articles = analysis.articles[[S.ARTICLE_ID, S.OUTLET, S.TITLE]]
        self.sentences = analysis.sentences[[S.ARTICLE_ID, S.TEXT]].merge(
            self.articles[[S.ARTICLE_ID, S.OUTLET]], on=S.ARTICLE_ID
        )
        self._sentences_of = self.sentences.groupby(S.OUTLET, sort=False).indices
        self._articles_of = self.articles.groupby(S.OUTLET, sort=False).indices

    def first(self, outlet: str, matches: Callable[[str], bool]) -> tuple[str, str]:
        """(article_id, sentence) of the outlet's first body sentence ``matches`` accepts;
        falls back to a headline, then to ("", "")."""
        body = self.sentences.iloc[self._sentences_of.get(outlet, [])]
        for article_id, text in zip(body[S.ARTICLE_ID], body[S.TEXT], strict=True):
            if matches(text):
                return article_id, text
        own = self.articles.iloc[self._articles_of.get(outlet, [])]
        for article_id, title in zip(own[S.ARTICLE_ID], own[S.TITLE], strict=True):
            if matches(str(title or "")):
                return article_id, str(title)
        return "", ""


def _word(phrase: str) -> Callable[[str], bool]:
    pattern = re.compile(rf"(?<!\w){re.escape(phrase)}(?!\w)")
    return lambda text: pattern.search(text) is not None


def _spelling_differences(analysis: Analysis) -> list[_Difference]:
    styles = house_styles(analysis.spellings, analysis.articles)
    if styles.empty:
        return []
    text = _OutletText(analysis)
    found = []
    for group, rows in styles.groupby(S.GROUP, sort=True):
        chosen = dict(zip(rows[S.OUTLET], rows["style"], strict=True))
        score = _pair_disagreement(chosen)
        if score == 0:
            continue
        parts = [
            f"{row.outlet} writes {row.variants.replace('; ', ' and ')}"
            for row in rows.itertuples()
        ]
        evidence = []
        for row in rows.itertuples():
            for part in row.variants.split("; "):
                variant, uses = part.rsplit(" ", 1)
                article_id, example = text.first(row.outlet, _word(variant))
                evidence.append((row.outlet, variant, float(uses), article_id, example))
        found.append(
            _Difference(
                "spelling",
                group,
                f"{group} is spelled {len(set(chosen.values()))} ways: "
                + "; ".join(
                    f"{style} by {_names([o for o, s in chosen.items() if s == style], limit=4)}"
                    for style in dict.fromkeys(chosen.values())
                )
                + ".",
                "; ".join(parts) + " (uses, body and headline).",
                score,
                evidence,
            )
        )
    return found


def _total_variation(shares: pd.DataFrame) -> float:
    """Mean over outlet pairs of the total variation distance between the rows of
    ``shares`` (0 = same wording, 1 = no word in common)."""
    pairs = list(combinations(range(len(shares)), 2))
    values = shares.to_numpy()
    return float(np.mean([0.5 * np.abs(values[a] - values[b]).sum() for a, b in pairs]))


def _wording_lead(group: str, counts: pd.DataFrame, quoted: pd.DataFrame) -> str:
    """ "A says "invasion" 2 times (2 in quotes); B never does." for the term one outlet uses
    most where another outlet writing about the same thing never uses it."""
    shares = counts.div(counts.sum(axis=1), axis=0)
    best = None
    for term in counts.columns:
        never = counts.index[counts[term] == 0]
        if never.empty:
            continue
        user = counts[term].idxmax()
        key = (counts.at[user, term], shares.at[user, term])
        if best is None or key > best[0]:
            best = (key, term, user, list(never))
    if best is None:
        spread = shares.max() - shares.min()
        term = str(spread.idxmax())
        high, low = shares[term].idxmax(), shares[term].idxmin()
        return (
            f"“{term}” is {shares.at[high, term]:.0%} of {high}'s words for {group}, "
            f"{shares.at[low, term]:.0%} of {low}'s."
        )
    _, term, user, never = best
    count = counts.at[user, term]
    in_quotes = int(quoted.at[user, term])
    voice = f" ({in_quotes} in quotes)" if in_quotes else ""
    verb = "does" if len(never) == 1 else "do"
    return f"{user} says “{term}” {_times(count)}{voice}; {_names(never)} never {verb}." + "".join(
        _only(counts, exclude=term)
    )


def _only(counts: pd.DataFrame, *, exclude: str) -> list[str]:
    """ " Only A says “x”, “y”." for each outlet with terms no other outlet uses."""
    users = counts.gt(0).sum()
    sentences = []
    for outlet, line in counts.iterrows():
        own = [t for t in line[line > 0].sort_values(ascending=False).index if users[t] == 1]
        own = [term for term in own if term != exclude][:3]
        if own:
            sentences.append(f" Only {outlet} says {', '.join(f'“{t}”' for t in own)}.")
    return sentences


def _wording_differences(analysis: Analysis) -> list[_Difference]:
    summary = term_summary(analysis.terms, analysis.articles)
    found = []
    for group, rows in summary.groupby(S.GROUP, sort=True):
        counts = rows.pivot_table(
            index=S.OUTLET, columns=S.TERM, values=S.COUNT, aggfunc="sum", fill_value=0
        )
        counts = counts[counts.sum(axis=1) >= MIN_GROUP_USES]
        if len(counts) < 2:
            continue
        score = _total_variation(counts.div(counts.sum(axis=1), axis=0))
        if score == 0:
            continue
        quoted = rows.pivot_table(
            index=S.OUTLET, columns=S.TERM, values=S.QUOTED, aggfunc="sum", fill_value=0
        )
        details = "; ".join(
            f"{outlet}: "
            + ", ".join(
                f"{term} {count:g}"
                for term, count in line[line > 0].sort_values(ascending=False).items()
            )
            for outlet, line in counts.iterrows()
        )
        article_of = _articles_of(analysis, rows)
        evidence = [
            (
                row.outlet,
                row.term,
                float(row.count),
                article_of.get((row.outlet, row.example), ""),
                row.example,
            )
            for row in rows.sort_values([S.OUTLET, S.COUNT], ascending=[True, False]).itertuples()
        ]
        found.append(
            _Difference(
                "wording",
                group,
                _wording_lead(group, counts, quoted.reindex_like(counts).fillna(0)),
                f"Words for {group}: {details} (uses in the body).",
                score,
                evidence,
            )
        )
    return found


def _articles_of(analysis: Analysis, examples: pd.DataFrame) -> dict[tuple[str, str], str]:
    """For each (outlet, example sentence) of ``examples``, the first article of the outlet
    whose body holds the sentence, else whose headline is it (pairs of neither are left
    out): :func:`_first_sentence` of the equal text, for every pair at once."""
    wanted = set(examples[S.EXAMPLE])
    articles = analysis.articles
    outlets = articles[[S.ARTICLE_ID, S.OUTLET]]
    body = analysis.rows("sentences", **{S.TEXT: wanted})[[S.ARTICLE_ID, S.TEXT]]
    titles = [str(title or "") for title in articles[S.TITLE]]
    headline = articles.assign(**{S.TEXT: titles})[[S.ARTICLE_ID, S.OUTLET, S.TEXT]]
    found = pd.concat(
        [body.merge(outlets, on=S.ARTICLE_ID), headline[headline[S.TEXT].isin(wanted)]]
    ).drop_duplicates([S.OUTLET, S.TEXT])
    return {
        (outlet, text): article
        for outlet, text, article in zip(
            found[S.OUTLET], found[S.TEXT], found[S.ARTICLE_ID], strict=True
        )
    }


def _with_outlet(frame: pd.DataFrame, analysis: Analysis) -> pd.DataFrame:
    return frame.merge(analysis.articles[[S.ARTICLE_ID, S.OUTLET]], on=S.ARTICLE_ID)


def _extremes(
    summary: pd.DataFrame, by: str, value: str
) -> Iterator[tuple[str, pd.DataFrame, pd.Series, pd.Series]]:
    """Per ``by`` value compared by at least two outlets: its rows and the rows of the
    outlets with the highest and the lowest ``value``."""
    for name, rows in summary.groupby(by, sort=True):
        if len(rows) >= 2:
            yield str(name), rows, rows.loc[rows[value].idxmax()], rows.loc[rows[value].idxmin()]


def _sentiment_differences(analysis: Analysis) -> list[_Difference]:
    summary = analysis.actor_summary
    shown = summary[summary[S.ENOUGH]]
    if shown.empty:
        return []
    apart = [
        (actor, rows, high, low)
        for actor, rows, high, low in _extremes(shown, S.ACTOR, S.MEAN_POLARITY)
        if high[S.CI_LOW] > low[S.CI_HIGH]  # overlapping 95% intervals: no clear difference
    ]
    if not apart:
        return []
    mentions = _with_outlet(
        analysis.rows("actor_sentiment", **{S.ACTOR: {actor for actor, *_ in apart}}), analysis
    )
    picks = mentions.groupby([S.OUTLET, S.ACTOR], sort=False)[S.POLARITY].agg(["idxmax", "idxmin"])
    chosen = mentions.loc[
        [
            picks.loc[(side[S.OUTLET], actor), pick]
            for actor, _, high, low in apart
            for side, pick in ((high, "idxmax"), (low, "idxmin"))
        ]
    ]
    sentences = analysis.rows("sentences", **{S.ARTICLE_ID: set(chosen[S.ARTICLE_ID])})
    texts = dict(
        zip(
            zip(sentences[S.ARTICLE_ID], sentences[S.SENT_ID], strict=True),
            sentences[S.TEXT],
            strict=True,
        )
    )
    found = []
    for number, (actor, rows, high, low) in enumerate(apart):
        evidence = []
        for side, mention in zip(
            (high, low), chosen.iloc[2 * number : 2 * number + 2].itertuples(), strict=True
        ):
            evidence.append(
                (
                    side[S.OUTLET],
                    f"{mention.surface} ({mention.polarity:+.2f})",
                    float(side[S.MENTIONS]),
                    mention.article_id,
                    str(texts.get((mention.article_id, mention.sent_id), "")),
                )
            )
        found.append(
            _Difference(
                "sentiment",
                actor,
                f"{high[S.OUTLET]} writes of {actor} more positively "
                f"({high[S.MEAN_POLARITY]:+.2f}, {high[S.MENTIONS]} mentions) than "
                f"{low[S.OUTLET]} ({low[S.MEAN_POLARITY]:+.2f}, {low[S.MENTIONS]} mentions).",
                "Mean polarity of the sentences mentioning the actor, -1..1 (> 0 = more "
                "positive); the 95% intervals do not overlap: "
                + "; ".join(
                    f"{row.outlet} {row.ci_low:+.2f} to {row.ci_high:+.2f}"
                    for row in rows.itertuples()
                )
                + ".",
                (high[S.MEAN_POLARITY] - low[S.MEAN_POLARITY]) / 2,
                evidence,
            )
        )
    return found


def _voice_differences(analysis: Analysis) -> list[_Difference]:
    voices = voice_summary(analysis.quotes, analysis.articles)
    if voices[S.OUTLET].nunique() < 2:
        return []
    shares = voices.pivot_table(index=S.OUTLET, columns=S.SPEAKER, values="share", fill_value=0.0)
    quotes = voices.pivot_table(index=S.OUTLET, columns=S.SPEAKER, values="quotes", fill_value=0)
    quoted = _with_outlet(analysis.quotes, analysis)
    found = []
    for speaker in shares.columns.drop(UNATTRIBUTED, errors="ignore"):
        high, low = shares[speaker].idxmax(), shares[speaker].idxmin()
        if quotes.at[high, speaker] < MIN_QUOTES:
            continue
        never = quotes.index[quotes[speaker] == 0]
        low_text = (
            f"{_names(never)} never {'quotes' if len(never) == 1 else 'quote'} them"
            if len(never)
            else f"{low} {shares.at[low, speaker]:.0%}"
        )
        said = quoted[(quoted[S.SPEAKER] == speaker) & quoted[S.OUTLET].isin([high, low])]
        evidence = [
            (row.outlet, row.verb or "(no verb)", 1.0, row.article_id, row.text)
            for row in said.groupby(S.OUTLET).head(2).itertuples()
        ]
        found.append(
            _Difference(
                "voices",
                speaker,
                f"{high} gives {speaker} {shares.at[high, speaker]:.0%} of its quoted words "
                f"({quotes.at[high, speaker]:g} quotes); {low_text}.",
                "Share of each outlet's quoted words (direct and reported) given to the speaker: "
                + "; ".join(f"{outlet} {share:.0%}" for outlet, share in shares[speaker].items())
                + ".",
                float(shares.at[high, speaker] - shares.at[low, speaker]),
                evidence,
            )
        )
    return found


def _frames_verb(rows: pd.DataFrame, score: float) -> str:
    return "frames" if (rows[S.SCORE] == score).sum() == 1 else "frame"


def _frame_differences(analysis: Analysis) -> list[_Difference]:
    summary = frame_summary(analysis.frames, analysis.articles)
    frames = _with_outlet(analysis.frames, analysis)
    found = []
    for frame_name, rows, high, low in _extremes(summary, S.FRAME, S.SCORE):
        own = frames[
            (frames[S.FRAME] == frame_name)
            & (frames[S.OUTLET].isin([high[S.OUTLET], low[S.OUTLET]]))
        ]
        evidence = [
            (row.outlet, f"score {row.score:.2f}", float(row.yes), row.article_id, row.evidence)
            for row in own.itertuples()
        ]
        found.append(
            _Difference(
                "frames",
                frame_name,
                f"{_names(rows[rows[S.SCORE] == high[S.SCORE]][S.OUTLET])} "
                f"{_frames_verb(rows, high[S.SCORE])} the story as {frame_name} "
                f"{high[S.SCORE]:.2f}, {_names(rows[rows[S.SCORE] == low[S.SCORE]][S.OUTLET])} "
                f"{low[S.SCORE]:.2f}.",
                "Frame score: share of the frame's questions the articles answer yes, 0..1 "
                "(higher = framed more that way): "
                + "; ".join(f"{row.outlet} {row.score:.2f}" for row in rows.itertuples())
                + ".",
                float(high[S.SCORE] - low[S.SCORE]),
                evidence,
            )
        )
    return found


def differences(
    analysis: Analysis,
    *,
    limit: int = LIMIT,
    per_kind: int = PER_KIND,
    min_score: float = MIN_SCORE,
) -> Differences:
    """The largest differences between outlets found in the analysis, largest first.

    Kinds (:data:`KINDS`), each with a ``score`` in 0..1 (higher = the outlets differ more):
    spelling (a name the outlets spell differently; share of outlet pairs whose house styles
    differ), wording (a contested thing the outlets name with different terms; mean total
    variation distance between the outlets' term shares, among outlets using the group),
    sentiment (an actor whose mean polarity differs between two outlets with non-overlapping
    95% intervals; half the difference), voices (a speaker's share of the outlets' quoted
    words; the difference of shares) and frames (the difference of frame scores).

    At most ``per_kind`` of a kind and ``limit`` in all, each with a score of at least
    ``min_score``. ``summary.statement`` is one sentence naming the outlets and counts,
    ``details`` every outlet's figures; ``evidence`` gives per outlet the item counted, its
    count and an example sentence with its article.
    """
    found = [
        *_spelling_differences(analysis),
        *_wording_differences(analysis),
        *_sentiment_differences(analysis),
        *_voice_differences(analysis),
        *_frame_differences(analysis),
    ]
    found = [item for item in found if item.score >= min_score]
    found.sort(key=lambda item: (-item.score, KINDS.index(item.kind), item.subject))
    kept: list[_Difference] = []
    for item in found:
        if sum(other.kind == item.kind for other in kept) < per_kind and len(kept) < limit:
            kept.append(item)
    summary = pd.DataFrame(
        [
            (
                rank,
                item.kind,
                item.subject,
                item.statement,
                item.details,
                item.score,
            )
            for rank, item in enumerate(kept, start=1)
        ],
        columns=list(S.DIFFERENCE_COLUMNS),
    )
    evidence = pd.DataFrame(
        [(rank, *row) for rank, item in enumerate(kept, start=1) for row in item.evidence],
        columns=list(S.EVIDENCE_COLUMNS),
    )
    return Differences(
        summary.astype({S.RANK: "int64", S.SCORE: "float64"}),
        evidence.astype({S.RANK: "int64", S.COUNT: "float64"}),
    )


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
