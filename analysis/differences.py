"""The largest differences between outlets, each with its evidence: a name the outlets spell
differently, a contested thing they name with different terms, an actor they portray with
different sentiment, a speaker one quotes far more, a frame one uses far more.

Found in the :class:`~analysis.overview.OutletSummaries` the Overview's cards are made of;
only the evidence of the differences listed is read from the
:class:`~analysis.tables.Analysis`. No sentence of it is written by hand; the page says
which of :data:`KINDS` a difference is and the dashboard knows which page explains each.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from functools import partial
from itertools import combinations
from typing import NamedTuple

import numpy as np
import pandas as pd

from analysis import schema as S
from analysis.keywords import fold
from analysis.overview import OutletSummaries, outlet_summaries
from analysis.quotes import UNATTRIBUTED
from analysis.tables import Analysis, Matching

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
#: Sentences that may hold a variant read at a time while looking for its first use.
_LOOK_AHEAD = 64


class Differences(NamedTuple):
    """The largest differences between outlets: ``summary`` has one row per difference
    (:data:`analysis.schema.DIFFERENCE_COLUMNS`), ``evidence`` the facts and sentences behind
    each (:data:`analysis.schema.EVIDENCE_COLUMNS`), joined on ``rank``."""

    summary: pd.DataFrame
    evidence: pd.DataFrame


#: A fact behind a difference: outlet, item, count, article_id, example sentence.
Evidence = tuple[str, str, float, str, str]


class _Difference(NamedTuple):
    """A difference found; its ``evidence`` is looked up (rows read) only when it is
    listed."""

    kind: str
    subject: str
    statement: str
    details: str
    score: float
    evidence: Callable[[], list[Evidence]]


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


def _outlet_articles(analysis: Analysis, outlets: Iterable[str]) -> list[str]:
    """The ids of the articles of ``outlets``, in table order."""
    articles = analysis.articles
    return articles.loc[articles[S.OUTLET].isin(set(outlets)), S.ARTICLE_ID].tolist()


def _word(phrase: str) -> Callable[[str], bool]:
    pattern = re.compile(rf"(?<!\w){re.escape(phrase)}(?!\w)")
    return lambda text: pattern.search(text) is not None


def _first_use(analysis: Analysis, outlet: str, variant: str) -> tuple[str, str]:
    """(article_id, sentence) of the outlet's first body sentence that writes ``variant``
    as a word, else of its first headline that does, else ("", ""). Only the sentences
    whose folded text holds the variant are read, :data:`_LOOK_AHEAD` at a time."""
    matches = _word(variant)
    own = _outlet_articles(analysis, [outlet])
    where = {S.ARTICLE_ID: own, S.TEXT: Matching(re.escape(fold(variant)))}
    limit: int | None = _LOOK_AHEAD
    while True:
        body = analysis.rows("sentences", limit, **where)
        for article_id, text in zip(body[S.ARTICLE_ID], body[S.TEXT], strict=True):
            if matches(text):
                return article_id, text
        if limit is None or len(body) < limit:
            break
        limit = None
    articles = analysis.articles
    titled = articles[articles[S.OUTLET] == outlet]
    for article_id, title in zip(titled[S.ARTICLE_ID], titled[S.TITLE], strict=True):
        if matches(str(title or "")):
            return article_id, str(title)
    return "", ""


def _spelling_evidence(analysis: Analysis, rows: pd.DataFrame) -> list[Evidence]:
    evidence = []
    for row in rows.itertuples():
        for part in row.variants.split("; "):
            variant, uses = part.rsplit(" ", 1)
            article_id, example = _first_use(analysis, row.outlet, variant)
            evidence.append((row.outlet, variant, float(uses), article_id, example))
    return evidence


def _spelling_differences(analysis: Analysis, styles: pd.DataFrame) -> list[_Difference]:
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
                partial(_spelling_evidence, analysis, rows),
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


def _wording_evidence(analysis: Analysis, rows: pd.DataFrame) -> list[Evidence]:
    article_of = _articles_of(analysis, rows)
    return [
        (
            row.outlet,
            row.term,
            float(row.count),
            article_of.get((row.outlet, row.example), ""),
            row.example,
        )
        for row in rows.sort_values([S.OUTLET, S.COUNT], ascending=[True, False]).itertuples()
    ]


def _wording_differences(analysis: Analysis, summary: pd.DataFrame) -> list[_Difference]:
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
        found.append(
            _Difference(
                "wording",
                group,
                _wording_lead(group, counts, quoted.reindex_like(counts).fillna(0)),
                f"Words for {group}: {details} (uses in the body).",
                score,
                partial(_wording_evidence, analysis, rows),
            )
        )
    return found


def _articles_of(analysis: Analysis, examples: pd.DataFrame) -> dict[tuple[str, str], str]:
    """For each (outlet, example sentence) of ``examples``, the first article of the outlet
    whose body holds the sentence, else whose headline is it (pairs of neither are left
    out), for every pair at once."""
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


def _extremes(
    summary: pd.DataFrame, by: str, value: str
) -> Iterator[tuple[str, pd.DataFrame, pd.Series, pd.Series]]:
    """Per ``by`` value compared by at least two outlets: its rows and the rows of the
    outlets with the highest and the lowest ``value``."""
    for name, rows in summary.groupby(by, sort=True):
        if len(rows) >= 2:
            yield str(name), rows, rows.loc[rows[value].idxmax()], rows.loc[rows[value].idxmin()]


def _sentiment_evidence(
    analysis: Analysis, actor: str, high: pd.Series, low: pd.Series
) -> list[Evidence]:
    """The most positive mention of ``actor`` in the ``high`` outlet and the most negative
    in the ``low`` one (the first of equals), with their sentences."""
    chosen = []
    for side, pick in ((high, "idxmax"), (low, "idxmin")):
        own = _outlet_articles(analysis, [side[S.OUTLET]])
        mentions = analysis.rows("actor_sentiment", **{S.ACTOR: [actor], S.ARTICLE_ID: own})
        chosen.append((side, mentions.loc[getattr(mentions[S.POLARITY], pick)()]))
    sentences = analysis.rows(
        "sentences", **{S.ARTICLE_ID: {mention[S.ARTICLE_ID] for _, mention in chosen}}
    )
    texts = dict(
        zip(
            zip(sentences[S.ARTICLE_ID], sentences[S.SENT_ID], strict=True),
            sentences[S.TEXT],
            strict=True,
        )
    )
    return [
        (
            side[S.OUTLET],
            f"{mention[S.SURFACE]} ({mention[S.POLARITY]:+.2f})",
            float(side[S.MENTIONS]),
            mention[S.ARTICLE_ID],
            str(texts.get((mention[S.ARTICLE_ID], mention[S.SENT_ID]), "")),
        )
        for side, mention in chosen
    ]


def _sentiment_differences(analysis: Analysis, summary: pd.DataFrame) -> list[_Difference]:
    shown = summary[summary[S.ENOUGH]]
    found = []
    for actor, rows, high, low in _extremes(shown, S.ACTOR, S.MEAN_POLARITY):
        if high[S.CI_LOW] <= low[S.CI_HIGH]:  # overlapping 95% intervals: no clear difference
            continue
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
                partial(_sentiment_evidence, analysis, actor, high, low),
            )
        )
    return found


def _voice_evidence(analysis: Analysis, speaker: str, outlets: list[str]) -> list[Evidence]:
    """The first two quotes of ``speaker`` in each of ``outlets``."""
    evidence = []
    for outlet in dict.fromkeys(outlets):
        own = _outlet_articles(analysis, [outlet])
        said = analysis.rows("quotes", 2, **{S.SPEAKER: [speaker], S.ARTICLE_ID: own})
        evidence += [
            (outlet, verb or "(no verb)", 1.0, article_id, text)
            for verb, article_id, text in zip(
                said[S.VERB], said[S.ARTICLE_ID], said[S.TEXT], strict=True
            )
        ]
    return evidence


def _voice_differences(analysis: Analysis, voices: pd.DataFrame) -> list[_Difference]:
    if voices[S.OUTLET].nunique() < 2:
        return []
    shares = voices.pivot_table(index=S.OUTLET, columns=S.SPEAKER, values="share", fill_value=0.0)
    quotes = voices.pivot_table(index=S.OUTLET, columns=S.SPEAKER, values="quotes", fill_value=0)
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
                partial(_voice_evidence, analysis, speaker, [high, low]),
            )
        )
    return found


def _frames_verb(rows: pd.DataFrame, score: float) -> str:
    return "frames" if (rows[S.SCORE] == score).sum() == 1 else "frame"


def _frame_evidence(analysis: Analysis, frame_name: str, outlets: list[str]) -> list[Evidence]:
    """The frame's score in every article of ``outlets``, with its evidence sentence."""
    own = analysis.rows(
        "frames", **{S.FRAME: [frame_name], S.ARTICLE_ID: _outlet_articles(analysis, outlets)}
    )
    outlet_of = analysis.articles.set_index(S.ARTICLE_ID)[S.OUTLET]
    return [
        (
            outlet_of[row.article_id],
            f"score {row.score:.2f}",
            float(row.yes),
            row.article_id,
            row.evidence,
        )
        for row in own.itertuples()
    ]


def _frame_differences(analysis: Analysis, summary: pd.DataFrame) -> list[_Difference]:
    found = []
    for frame_name, rows, high, low in _extremes(summary, S.FRAME, S.SCORE):
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
                partial(_frame_evidence, analysis, frame_name, [high[S.OUTLET], low[S.OUTLET]]),
            )
        )
    return found


def differences(
    analysis: Analysis,
    summaries: OutletSummaries | None = None,
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

    The differences are found in ``summaries`` (of the outlets of ``analysis``; by default
    made of its tables); only the evidence of those listed is read from ``analysis``.
    """
    made = outlet_summaries(analysis) if summaries is None else summaries
    found = [
        *_spelling_differences(analysis, made.styles),
        *_wording_differences(analysis, made.terms),
        *_sentiment_differences(analysis, made.actors),
        *_voice_differences(analysis, made.voices),
        *_frame_differences(analysis, made.frames),
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
        [(rank, *row) for rank, item in enumerate(kept, start=1) for row in item.evidence()],
        columns=list(S.EVIDENCE_COLUMNS),
    )
    return Differences(
        summary.astype({S.RANK: "int64", S.SCORE: "float64"}),
        evidence.astype({S.RANK: "int64", S.COUNT: "float64"}),
    )
