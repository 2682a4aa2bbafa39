"""Outlet-level summaries with counts and uncertainty.

:func:`actor_summary` turns the per-mention actor_sentiment table into one row per outlet and
actor: how many mentions, mean polarity with a 95% bootstrap interval, and the shares of
negative and positive mentions. Cells with fewer mentions than the chosen minimum keep their
count but no figures: ``enough`` is False and the scores are NaN, so a chart or table shows
"too few mentions" rather than a bare number.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
import pandas as pd

from analysis import schema as S

#: Fewest mentions for an outlet-actor figure to be shown.
MIN_MENTIONS = 3
#: Bootstrap resamples for the 95% interval.
BOOTSTRAP = 1000
#: Most resampled values held at once (the resamples of an actor with many mentions are
#: drawn in batches: all 1,000 of 500,000 mentions at once would take 4 GB).
BOOTSTRAP_CELLS = 1 << 23

SUMMARY_COLUMNS: tuple[str, ...] = (
    S.OUTLET,
    S.ACTOR,
    S.MENTIONS,
    S.ARTICLES,
    S.MEAN_POLARITY,
    S.CI_LOW,
    S.CI_HIGH,
    S.SHARE_NEGATIVE,
    S.SHARE_POSITIVE,
    S.MEAN_LEXICON,
    S.ENOUGH,
)


def bootstrap_interval(
    values: np.ndarray, *, resamples: int = BOOTSTRAP, seed: int = 0
) -> tuple[float, float]:
    """95% percentile bootstrap interval of the mean of ``values`` (NaN, NaN if empty)."""
    if len(values) == 0:
        return float("nan"), float("nan")
    rng = np.random.default_rng(seed)
    batch = max(1, min(resamples, BOOTSTRAP_CELLS // len(values)))
    means = np.concatenate(
        [
            values[
                rng.integers(0, len(values), size=(min(batch, resamples - done), len(values)))
            ].mean(axis=1)
            for done in range(0, resamples, batch)
        ]
    )
    low, high = np.percentile(means, [2.5, 97.5])
    return float(low), float(high)


def actor_summary(
    actor_sentiment: pd.DataFrame,
    articles: pd.DataFrame,
    *,
    min_mentions: int = MIN_MENTIONS,
    resamples: int = BOOTSTRAP,
    seed: int = 0,
) -> pd.DataFrame:
    """One row per outlet and actor with at least one mention.

    Columns: outlet, actor, mentions, articles (articles of the outlet mentioning the actor),
    mean_polarity (classifier polarity, -1..1, > 0 = portrayed more positively), ci_low and
    ci_high (95% bootstrap interval over mentions), share_negative and share_positive (0..1),
    mean_lexicon (mean lexicon_polarity), enough (mentions >= ``min_mentions``). When
    ``enough`` is False every score is NaN. Rows sorted by outlet, then mentions descending.
    """
    outlets = articles[[S.ARTICLE_ID, S.OUTLET]]
    data = actor_sentiment.merge(outlets, on=S.ARTICLE_ID, how="inner")
    rows = []
    for (outlet, actor), group in data.groupby([S.OUTLET, S.ACTOR], sort=True):
        count = len(group)
        enough = count >= min_mentions
        polarity = group[S.POLARITY].to_numpy(dtype=float)
        if enough:
            low, high = bootstrap_interval(polarity, resamples=resamples, seed=seed)
            scores = (
                float(polarity.mean()),
                low,
                high,
                float((group[S.LABEL] == "negative").mean()),
                float((group[S.LABEL] == "positive").mean()),
                float(group[S.LEXICON_POLARITY].mean()),
            )
        else:
            scores = (float("nan"),) * 6
        rows.append((outlet, actor, count, group[S.ARTICLE_ID].nunique(), *scores, enough))
    frame = pd.DataFrame(rows, columns=list(SUMMARY_COLUMNS))
    frame = frame.astype({S.MENTIONS: "int64", S.ARTICLES: "int64", S.ENOUGH: "bool"})
    return frame.sort_values([S.OUTLET, S.MENTIONS], ascending=[True, False]).reset_index(drop=True)


def at_least(summary: pd.DataFrame, min_mentions: int) -> pd.DataFrame:
    """``summary`` (of :func:`actor_summary`, made with a minimum no larger than
    ``min_mentions``) as :func:`actor_summary` makes it with ``min_mentions``: each row's
    figures do not depend on the minimum, only whether it has ``enough`` mentions to show
    them."""
    enough = summary[S.MENTIONS] >= min_mentions
    scores = [column for column in SUMMARY_COLUMNS[4:] if column != S.ENOUGH]
    shown = summary.assign(**{S.ENOUGH: enough})
    shown.loc[~enough, scores] = float("nan")
    return shown


#: Columns of :func:`stance_summary`.
STANCE_SUMMARY_COLUMNS: tuple[str, ...] = (
    S.OUTLET,
    S.ACTOR,
    S.TOPIC,
    S.TARGET_KIND,
    "support",
    "conditional",
    "neutral",
    "oppose",
    "statements",
    "net",
)


def stance_summary(stance: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """One row per outlet, actor and topic (with its ``target_kind``: "actor" for a target
    actor, "topic" for a topic; "topic" for a table made before targets had a kind): how
    many statements of each stance, their total, and ``net`` = (support − oppose) /
    statements, from −1 (every statement opposes) to +1 (every statement supports);
    conditional and neutral statements pull it toward 0."""
    outlets = articles.set_index(S.ARTICLE_ID)[S.OUTLET]
    frame = stance.assign(**{S.OUTLET: stance[S.ARTICLE_ID].map(outlets)})
    if S.TARGET_KIND not in frame:
        frame = frame.assign(**{S.TARGET_KIND: "topic"})
    counts = (
        frame.groupby([S.OUTLET, S.ACTOR, S.TOPIC, S.TARGET_KIND, S.STANCE])
        .size()
        .unstack(fill_value=0)
        if not frame.empty
        else pd.DataFrame()
    )
    counts = counts.reindex(columns=["support", "conditional", "neutral", "oppose"], fill_value=0)
    counts["statements"] = counts.sum(axis=1)
    counts["net"] = (counts["support"] - counts["oppose"]) / counts["statements"]
    result = (
        counts.reset_index() if not counts.empty else pd.DataFrame(columns=STANCE_SUMMARY_COLUMNS)
    )
    return result.reindex(columns=list(STANCE_SUMMARY_COLUMNS)).rename_axis(columns=None)


def _verb_counts(frame: pd.DataFrame, keys: list[str]) -> pd.Series:
    """Per ``keys`` group of quotes, its attribution verbs with their counts, most used
    first, ties in the order they first occur ("said ×4, wrote ×2")."""
    said = frame[frame[S.VERB] != ""]
    said = said.assign(_position=np.arange(len(said)))
    counts = (
        said.groupby([*keys, S.VERB], sort=False)
        .agg(_count=("_position", "size"), _first=("_position", "min"))
        .reset_index()
        .sort_values([*keys, "_count", "_first"], ascending=[True, True, False, True])
    )
    counts["_text"] = counts[S.VERB] + " ×" + counts["_count"].astype(str)
    return counts.groupby(keys, sort=True)["_text"].agg(", ".join)


#: Columns of :func:`voice_summary`.
VOICE_COLUMNS: tuple[str, ...] = (
    S.OUTLET,
    S.SPEAKER,
    "quotes",
    "direct",
    S.WORDS,
    "share",
    "loaded",
    "verbs",
)


def voice_summary(quotes: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """Who gets a voice, per outlet and speaker: quotes (direct and reported), how many are
    direct, quoted words, ``share`` of the outlet's quoted words (0..1, higher = more voice),
    ``loaded`` = share of the speaker's attributed quotes introduced by a loaded verb
    (claimed, insisted...; 0..1), and ``verbs``, the attribution verbs with their counts,
    most used first ("said ×4, wrote ×2")."""
    if quotes.empty:
        return pd.DataFrame(columns=list(VOICE_COLUMNS))
    outlets = articles.set_index(S.ARTICLE_ID)[S.OUTLET]
    keys = [S.OUTLET, S.SPEAKER]
    frame = quotes.assign(
        **{
            S.OUTLET: quotes[S.ARTICLE_ID].map(outlets),
            "_attributed": quotes[S.VERB_CLASS] != "",
            "_loaded": quotes[S.VERB_CLASS] == "loaded",
        }
    )
    counts = frame.groupby(keys, sort=True).agg(
        quotes=(S.DIRECT, "size"),
        direct=(S.DIRECT, "sum"),
        words=(S.WORDS, "sum"),
        _attributed=("_attributed", "sum"),
        _loaded=("_loaded", "sum"),
    )
    result = counts.reset_index().astype({"quotes": "int64", "direct": "int64", S.WORDS: "int64"})
    attributed = result["_attributed"].to_numpy()
    loaded = result["_loaded"].to_numpy() / np.maximum(attributed, 1)
    result["share"] = 0.0
    result["loaded"] = np.where(attributed > 0, loaded, np.nan)
    verbs = _verb_counts(frame, keys).reindex(pd.MultiIndex.from_frame(result[keys]))
    result["verbs"] = verbs.fillna("").to_numpy()
    result = result[list(VOICE_COLUMNS)]
    totals = result.groupby(S.OUTLET)[S.WORDS].transform("sum")
    result["share"] = result[S.WORDS] / totals.where(totals > 0, 1)
    return result.sort_values([S.OUTLET, S.WORDS], ascending=[True, False], ignore_index=True)


#: Columns of :func:`spelling_summary`.
SPELLING_SUMMARY_COLUMNS: tuple[str, ...] = (
    S.OUTLET,
    S.GROUP,
    S.VARIANT,
    "uses",
    S.ARTICLES,
    "share",
    "house_style",
    "first",
    "last",
)


def _with_outlets(table: pd.DataFrame, articles: pd.DataFrame, *columns: str) -> pd.DataFrame:
    """``table`` with the article's outlet (and any other article ``columns``) added."""
    meta = articles.set_index(S.ARTICLE_ID)
    return table.assign(
        **{name: table[S.ARTICLE_ID].map(meta[name]) for name in (S.OUTLET, *columns)}
    )


def spelling_summary(spellings: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """One row per outlet, variant group and variant the outlet uses: ``uses`` (body and
    headline), articles using it, ``share`` of the outlet's uses of the group (0..1),
    ``house_style`` (True for the outlet's most used variant of the group; on a tie, the one
    used first), and the ``first`` and ``last`` publication dates on which the outlet used it
    (NaT where dates are unknown)."""
    if spellings.empty:
        return pd.DataFrame(columns=list(SPELLING_SUMMARY_COLUMNS))
    frame = _with_outlets(spellings, articles, S.PUBLISHED)
    frame["uses"] = frame[S.COUNT] + frame[S.HEADLINE]
    result = (
        frame.groupby([S.OUTLET, S.GROUP, S.VARIANT], sort=True)
        .agg(
            uses=("uses", "sum"),
            articles=(S.ARTICLE_ID, "nunique"),
            first=(S.PUBLISHED, "min"),
            last=(S.PUBLISHED, "max"),
        )
        .reset_index()
    )
    totals = result.groupby([S.OUTLET, S.GROUP])["uses"].transform("sum")
    result["share"] = result["uses"] / totals
    ranked = result.sort_values(
        [S.OUTLET, S.GROUP, "uses", "first"], ascending=[True, True, False, True]
    )
    result["house_style"] = ~ranked.duplicated([S.OUTLET, S.GROUP]).reindex(result.index)
    return result.reindex(columns=list(SPELLING_SUMMARY_COLUMNS))


def _uses(used: pd.DataFrame) -> str:
    """Variants with their uses, most used first: "Turkey 3; Türkiye 1"."""
    used = used.sort_values(["uses", S.VARIANT], ascending=[False, True])
    return "; ".join(f"{v} {n}" for v, n in zip(used[S.VARIANT], used["uses"], strict=True))


#: Columns of :func:`mixed_spellings`.
MIXED_COLUMNS: tuple[str, ...] = (S.ARTICLE_ID, S.OUTLET, S.TITLE, S.GROUP, S.VARIANTS)


def mixed_spellings(spellings: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """Articles that write one entity in more than one way: one row per article and group,
    with ``variants`` and their uses ("Turkey 3; Türkiye 1", most used first)."""
    if spellings.empty:
        return pd.DataFrame(columns=list(MIXED_COLUMNS))
    frame = _with_outlets(spellings, articles, S.TITLE)
    frame["uses"] = frame[S.COUNT] + frame[S.HEADLINE]
    keys = [S.ARTICLE_ID, S.GROUP]
    mixed = frame[frame.groupby(keys, sort=False)[S.VARIANT].transform("size") > 1]
    if mixed.empty:
        return pd.DataFrame(columns=list(MIXED_COLUMNS))
    # each (article, group) numbered in order of appearance, its variants most used first
    mixed = mixed.assign(_group=mixed.groupby(keys, sort=False).ngroup().to_numpy())
    mixed = mixed.sort_values(
        ["_group", "uses", S.VARIANT], ascending=[True, False, True], kind="stable"
    )
    mixed["_used"] = mixed[S.VARIANT].astype(str) + " " + mixed["uses"].astype(str)
    rows = mixed.groupby("_group", sort=True).agg(
        **{
            S.ARTICLE_ID: (S.ARTICLE_ID, "first"),
            S.OUTLET: (S.OUTLET, "first"),
            S.TITLE: (S.TITLE, "first"),
            S.GROUP: (S.GROUP, "first"),
            S.VARIANTS: ("_used", "; ".join),
        }
    )
    return rows.reset_index(drop=True).sort_values([S.OUTLET, S.GROUP], ignore_index=True)


#: Columns of :func:`house_styles`.
HOUSE_STYLE_COLUMNS: tuple[str, ...] = (
    S.OUTLET,
    S.GROUP,
    "style",
    "share",
    "uses",
    S.VARIANTS,
    "mixed_articles",
)


def house_styles(spellings: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """Each outlet's house style per variant group: ``style`` (its most used variant),
    ``share`` of its uses that follow the style (0..1; 1 = consistent), all ``uses``, the
    ``variants`` it uses ("Turkey 3; Türkiye 1") and ``mixed_articles``, how many of its
    articles use more than one variant of the group (0 = never mixed in one article)."""
    summary = spelling_summary(spellings, articles)
    if summary.empty:
        return pd.DataFrame(columns=list(HOUSE_STYLE_COLUMNS))
    mixed = mixed_spellings(spellings, articles).groupby([S.OUTLET, S.GROUP]).size()
    rows = []
    for (outlet, group), used in summary.groupby([S.OUTLET, S.GROUP], sort=True):
        used = used.sort_values(["uses", S.VARIANT], ascending=[False, True])
        style = used[used["house_style"]]
        rows.append(
            (
                outlet,
                group,
                style[S.VARIANT].iloc[0],
                float(style["share"].iloc[0]),
                int(used["uses"].sum()),
                _uses(used),
                int(mixed.get((outlet, group), 0)),
            )
        )
    return pd.DataFrame(rows, columns=list(HOUSE_STYLE_COLUMNS))


#: Columns of :func:`term_summary`.
TERM_SUMMARY_COLUMNS: tuple[str, ...] = (
    S.OUTLET,
    S.GROUP,
    S.TERM,
    S.COUNT,
    "own",
    S.QUOTED,
    S.HEADLINE,
    S.ARTICLES,
    "per_1000",
    S.EXAMPLE,
)


def term_summary(terms: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """One row per outlet and contested term it uses: count (body uses), ``own`` (in the
    outlet's own voice) and ``quoted`` (inside quotation marks), headline uses, articles
    using it, ``per_1000`` = body uses per 1,000 words of the outlet's articles (comparable
    across outlets of different size) and one example sentence."""
    if terms.empty:
        return pd.DataFrame(columns=list(TERM_SUMMARY_COLUMNS))
    words = articles.groupby(S.OUTLET)[S.N_WORDS].sum()
    frame = _with_outlets(terms, articles)
    result = (
        frame.groupby([S.OUTLET, S.GROUP, S.TERM], sort=True)
        .agg(
            count=(S.COUNT, "sum"),
            quoted=(S.QUOTED, "sum"),
            headline=(S.HEADLINE, "sum"),
            articles=(S.ARTICLE_ID, "nunique"),
            example=(S.EXAMPLE, "first"),
        )
        .reset_index()
    )
    result["own"] = result[S.COUNT] - result[S.QUOTED]
    result["per_1000"] = 1000 * result[S.COUNT] / result[S.OUTLET].map(words).clip(lower=1)
    return result.reindex(columns=list(TERM_SUMMARY_COLUMNS))


#: Columns of :func:`frame_summary`.
FRAME_SUMMARY_COLUMNS: tuple[str, ...] = (S.OUTLET, S.FRAME, S.SCORE, S.HEADLINE, S.ARTICLES)


def frame_summary(frames: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """One row per outlet and frame: mean ``score`` of its articles (0..1, higher = the
    outlet frames the story more that way), mean ``headline`` score (the same from titles
    alone) and the number of articles."""
    if frames.empty:
        return pd.DataFrame(columns=list(FRAME_SUMMARY_COLUMNS))
    frame = _with_outlets(frames, articles)
    result = (
        frame.groupby([S.OUTLET, S.FRAME], sort=True)
        .agg(
            score=(S.SCORE, "mean"),
            headline=(S.HEADLINE, "mean"),
            articles=(S.ARTICLE_ID, "nunique"),
        )
        .reset_index()
    )
    return result.reindex(columns=list(FRAME_SUMMARY_COLUMNS))


#: Columns of :func:`label_summary`.
LABEL_SUMMARY_COLUMNS: tuple[str, ...] = (S.OUTLET, S.ACTOR, S.LABEL, S.COUNT, S.ARTICLES)
#: The column of :func:`label_counts` that holds a label case-folded.
FOLDED = "folded"


class LabelCounts(NamedTuple):
    """What :func:`label_summary` is made of, for some outlets: ``uses`` has one row per
    outlet, actor and label case-folded (:data:`FOLDED`) with its count and articles;
    ``forms`` one row per outlet, label case-folded and label as written, with its count.
    The counts of several outlets are theirs concatenated."""

    uses: pd.DataFrame
    forms: pd.DataFrame


def label_counts(labels: pd.DataFrame, articles: pd.DataFrame) -> LabelCounts:
    """The :class:`LabelCounts` of the ``labels`` of ``articles``."""
    if labels.empty:  # a table that could not be made may have no columns
        return LabelCounts(
            pd.DataFrame(columns=[S.OUTLET, S.ACTOR, FOLDED, S.COUNT, S.ARTICLES]),
            pd.DataFrame(columns=[S.OUTLET, FOLDED, S.LABEL, S.COUNT]),
        )
    frame = _with_outlets(labels, articles)
    frame = frame.assign(**{FOLDED: frame[S.LABEL].astype(str).str.casefold()})
    uses = (
        frame.groupby([S.OUTLET, S.ACTOR, FOLDED], sort=True)
        .agg(count=(S.ARTICLE_ID, "size"), articles=(S.ARTICLE_ID, "nunique"))
        .reset_index()
    )
    forms = frame.groupby([S.OUTLET, FOLDED, S.LABEL], sort=True).size().rename(S.COUNT)
    return LabelCounts(
        uses.astype({S.COUNT: "int64", S.ARTICLES: "int64"}),
        forms.reset_index().astype({S.COUNT: "int64"}),
    )


def label_summary_of(counts: LabelCounts) -> pd.DataFrame:
    """:func:`label_summary` from the :class:`LabelCounts` of every outlet it covers."""
    if counts.uses.empty:
        return pd.DataFrame(columns=list(LABEL_SUMMARY_COLUMNS))
    forms = counts.forms.groupby([FOLDED, S.LABEL], sort=True)[S.COUNT].sum().reset_index()
    forms = forms.sort_values([FOLDED, S.COUNT, S.LABEL], ascending=[True, False, True])
    shown = forms.drop_duplicates(FOLDED).set_index(FOLDED)[S.LABEL]
    uses = counts.uses.assign(**{S.LABEL: counts.uses[FOLDED].map(shown)})
    return uses.sort_values(
        [S.ACTOR, S.OUTLET, S.COUNT, S.LABEL],
        ascending=[True, True, False, True],
        ignore_index=True,
    ).reindex(columns=list(LABEL_SUMMARY_COLUMNS))


def label_summary(labels: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """One row per outlet, actor and label: how often the outlet uses the label for the
    actor and in how many articles. Labels that differ only in case are one label, shown
    in its most used form across the outlets ("Russian President" for "Russian president"
    too; of equally used forms, the first in alphabetical order)."""
    return label_summary_of(label_counts(labels, articles))


def label_matrix(summary: pd.DataFrame) -> pd.DataFrame:
    """The outlet x actor table of labels: one row per actor, one column per outlet, each
    cell the labels the outlet uses for the actor with their counts, most used first
    ("Russian President ×2; Russian leader ×1"); empty where the outlet uses none."""
    if summary.empty:
        return pd.DataFrame(columns=[S.ACTOR])
    cells = (
        summary.sort_values([S.COUNT, S.LABEL], ascending=[False, True])
        .groupby([S.ACTOR, S.OUTLET], sort=True)
        .apply(
            lambda g: "; ".join(
                f"{lab} ×{n}" for lab, n in zip(g[S.LABEL], g[S.COUNT], strict=True)
            ),
            include_groups=False,
        )
    )
    return cells.unstack(fill_value="").reset_index().rename_axis(columns=None)
