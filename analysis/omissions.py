"""What most outlets carry and one never does: the actors it never mentions, the speakers it
never quotes, the topics no statement of it touches and the contested terms it never uses,
while most of the other outlets do.

:func:`carried` counts, per outlet, the articles that carry each item of each kind and those
that carry it prominently (in the headline or the first paragraphs, :data:`LEAD_PARAGRAPHS`);
it is made of each outlet's rows alone. :func:`find_omissions` compares a unit (an outlet, or a
group of outlets) with the other outlets: an item is an omission of the unit when none of its
articles carries it, at least :data:`MIN_CARRIERS` other outlets and :data:`MIN_SHARE` of them
do, and its absence is unlikely to be chance given how few articles the unit has: the share of
the other outlets' articles that carry the item, ``p``, makes ``(1 - p) ** n`` the chance that
``n`` articles like theirs all miss it, and it must be at most :data:`MAX_CHANCE`. A unit with
fewer than :data:`MIN_WORDS` words is not judged at all (a short brief leaves out most
things). Omissions are ranked by the share of other outlets carrying the item, then by how
often they carry it prominently. :func:`omission_evidence` reads the sentences of the outlets
that carry each listed omission.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import NamedTuple

import numpy as np
import pandas as pd

from analysis import schema as S
from analysis.quotes import ANONYMOUS, UNATTRIBUTED
from analysis.tables import Analysis

#: The kinds of item, in the order ties are listed, and the table and column each comes from.
ACTOR = "actor"
SPEAKER = "speaker"
TOPIC = "topic"
TERM = "contested term"
KINDS: tuple[str, ...] = (ACTOR, SPEAKER, TOPIC, TERM)
#: How each kind's absence is said ("never mentions NATO").
VERBS: dict[str, str] = {
    ACTOR: "never mentions",
    SPEAKER: "never quotes",
    TOPIC: "reports no statement on",
    TERM: "never uses",
}
#: Fewest other outlets that must carry an item, and the smallest share of them.
MIN_CARRIERS = 3
MIN_SHARE = 0.6
#: Largest chance (0..1) that the unit's articles all miss the item by chance alone.
MAX_CHANCE = 0.2
#: Fewest words of a unit before anything is called its omission.
MIN_WORDS = 150
#: Paragraphs that count as prominent: the headline (the first paragraph) and the next two.
LEAD_PARAGRAPHS = 3
#: Most omissions listed per unit, and evidence sentences read per omission.
PER_UNIT = 5
EVIDENCE = 5

#: The columns of :func:`carried`.
CARRIED_COLUMNS: S.Columns = (S.OUTLET, S.KIND, S.ITEM, S.ARTICLES, S.PROMINENT)
#: The columns of :attr:`Omissions.found`.
OMISSION_COLUMNS: S.Columns = (
    S.OUTLET,
    S.RANK,
    S.KIND,
    S.ITEM,
    S.CARRIERS,
    S.OTHERS,
    S.SHARE,
    S.PROMINENT,
    S.CHANCE,
    S.STATEMENT,
)
#: The columns of :attr:`Omissions.units`.
UNIT_COLUMNS: S.Columns = (S.OUTLET, S.ARTICLES, S.WORDS, S.OMISSIONS, S.STATUS)
#: The columns of :func:`omission_evidence`.
OMISSION_EVIDENCE_COLUMNS: S.Columns = (
    S.OUTLET,
    S.KIND,
    S.ITEM,
    S.SOURCE,
    S.TITLE,
    S.WHERE,
    S.TEXT,
)
#: A unit's status: what was found, or why nothing was judged.
FOUND = "omissions"
NONE_FOUND = "no omission"
TOO_SHORT = "too little text"
TOO_FEW = "too few other outlets"
HEADLINE_OR_LEAD = "headline or lead"
BODY = "body"


class Omissions(NamedTuple):
    """What each unit leaves out: ``found`` has one row per omission (:data:`OMISSION_COLUMNS`,
    at most :data:`PER_UNIT` per unit, ``rank`` 1 first), ``units`` one row per unit with its
    size, how many omissions passed and its ``status`` (omissions, no omission, too little
    text, too few other outlets)."""

    found: pd.DataFrame
    units: pd.DataFrame


def _lead(sentences: pd.DataFrame) -> pd.Series:
    """Whether each (article, sentence) is in the headline or the first paragraphs."""
    keys = pd.MultiIndex.from_frame(sentences[[S.ARTICLE_ID, S.SENT_ID]])
    return pd.Series((sentences[S.PARAGRAPH] < LEAD_PARAGRAPHS).to_numpy(), index=keys)


def _items(analysis: Analysis) -> pd.DataFrame:
    """One row per occurrence: article, kind, item, and whether it is in the lead."""
    quotes = analysis.quotes
    spoken = quotes[~quotes[S.SPEAKER_KIND].isin([ANONYMOUS, UNATTRIBUTED])]
    stance = analysis.stance
    parts = [
        (ACTOR, analysis.mentions, S.ACTOR),
        (SPEAKER, spoken, S.SPEAKER),
        (TOPIC, stance[stance[S.TOPIC].fillna("") != ""], S.TOPIC),
        (TERM, analysis.terms, S.TERM),
    ]
    lead = _lead(analysis.sentences)
    frames = []
    for kind, frame, column in parts:
        if frame.empty:
            continue
        keys = pd.MultiIndex.from_frame(
            frame[[S.ARTICLE_ID, S.SENT_ID]].astype({S.SENT_ID: "int64"})
        )
        in_lead = lead.reindex(keys, fill_value=False).to_numpy(dtype=bool, copy=True)
        if kind == TERM:
            in_lead = in_lead | (frame[S.HEADLINE].fillna(0).to_numpy() > 0)
        frames.append(
            pd.DataFrame(
                {
                    S.ARTICLE_ID: frame[S.ARTICLE_ID].to_numpy(),
                    S.KIND: kind,
                    S.ITEM: frame[column].astype(str).to_numpy(),
                    S.PROMINENT: in_lead,
                }
            )
        )
    if not frames:
        return pd.DataFrame(columns=[S.ARTICLE_ID, S.KIND, S.ITEM, S.PROMINENT])
    return pd.concat(frames, ignore_index=True)


def carried(analysis: Analysis) -> pd.DataFrame:
    """Per outlet, kind and item (:data:`CARRIED_COLUMNS`): the outlet's ``articles`` that
    carry the item (1 or more) and the ``prominent`` ones among them (the item in their
    headline or first :data:`LEAD_PARAGRAPHS` paragraphs). Rows in outlet order, each made
    of its outlet's rows alone."""
    items = _items(analysis)
    outlets = analysis.articles.set_index(S.ARTICLE_ID)[S.OUTLET]
    items = items.assign(**{S.OUTLET: items[S.ARTICLE_ID].map(outlets)}).dropna(subset=[S.OUTLET])
    if items.empty:
        return pd.DataFrame({c: pd.Series(dtype="object") for c in CARRIED_COLUMNS}).astype(
            {S.ARTICLES: "int64", S.PROMINENT: "int64"}
        )
    per_article = items.groupby([S.OUTLET, S.KIND, S.ITEM, S.ARTICLE_ID], sort=False)[
        S.PROMINENT
    ].any()
    counts = per_article.groupby(level=[0, 1, 2], sort=True).agg(["size", "sum"])
    counts.columns = [S.ARTICLES, S.PROMINENT]
    return counts.reset_index().astype({S.ARTICLES: "int64", S.PROMINENT: "int64"})[
        list(CARRIED_COLUMNS)
    ]


def outlet_sizes(articles: pd.DataFrame) -> pd.DataFrame:
    """Articles and words per outlet (index: outlet, sorted)."""
    return articles.groupby(S.OUTLET).agg(
        **{S.ARTICLES: (S.OUTLET, "size"), S.WORDS: (S.N_WORDS, "sum")}
    )


def _statement(kind: str, item: str, carriers: int, others: int, prominent: int) -> str:
    lead = f", {prominent} of them in a headline or lead" if prominent else ""
    return f"{VERBS[kind]} {item}; {carriers} of {others} other outlets do{lead}"


def _totals(carried_: pd.DataFrame) -> pd.DataFrame:
    """Per kind and item over every outlet of ``carried_``: the outlets carrying it, their
    articles carrying it and the prominent ones."""
    return carried_.groupby([S.KIND, S.ITEM]).agg(
        carriers=(S.OUTLET, "nunique"),
        hits=(S.ARTICLES, "sum"),
        prominent=(S.PROMINENT, "sum"),
    )


def _unit_omissions(
    unit: str,
    own: list[str],
    carried_: pd.DataFrame,
    totals: pd.DataFrame,
    sizes: pd.DataFrame,
) -> tuple[list[tuple[object, ...]], str, int]:
    """The omissions of one unit (outlets ``own``) against the other outlets of ``sizes``
    (``totals``: :func:`_totals` over all of them; for an item the unit never carries, the
    others' counts are the totals)."""
    others = [outlet for outlet in sizes.index if outlet not in own]
    articles = int(sizes.loc[own, S.ARTICLES].sum())
    if int(sizes.loc[own, S.WORDS].sum()) < MIN_WORDS:
        return [], TOO_SHORT, articles
    if len(others) < MIN_CARRIERS:
        return [], TOO_FEW, articles
    share = totals["carriers"] / len(others)
    rate = totals["hits"] / max(int(sizes.loc[others, S.ARTICLES].sum()), 1)
    chance = chance_absent(rate, articles)
    keep = (totals["carriers"] >= MIN_CARRIERS) & (share >= MIN_SHARE) & (chance <= MAX_CHANCE)
    mine = carried_[carried_[S.OUTLET].isin(own)]
    keep &= ~totals.index.isin(pd.MultiIndex.from_frame(mine[[S.KIND, S.ITEM]]))
    found = totals[keep].assign(share=share[keep], chance=chance[keep])
    found["lead"] = found["prominent"] / found["hits"].clip(lower=1)
    order = {kind: number for number, kind in enumerate(KINDS)}
    found = found.reset_index()
    found["_kind"] = found[S.KIND].map(order)
    found = found.sort_values(
        ["share", "lead", "chance", "_kind", S.ITEM], ascending=[False, False, True, True, True]
    )
    rows = [
        (
            unit,
            rank,
            row.kind,
            row.item,
            int(row.carriers),
            len(others),
            float(row.share),
            int(row.prominent),
            float(row.chance),
            _statement(row.kind, row.item, int(row.carriers), len(others), int(row.prominent)),
        )
        for rank, row in enumerate(found.head(PER_UNIT).itertuples(), start=1)
    ]
    return rows, (FOUND if rows else NONE_FOUND), articles


def find_omissions(
    carried_: pd.DataFrame,
    articles: pd.DataFrame,
    *,
    outlets: Sequence[str] | None = None,
    groups: Mapping[str, str] | None = None,
) -> Omissions:
    """The omissions of each of ``outlets`` (None: every outlet of ``articles``) against the
    others of them, from their :func:`carried` counts; with ``groups`` (outlet -> group
    name), of each group against the chosen outlets outside it (``outlet`` then names the
    group; outlets in no group are compared against, never judged)."""
    sizes = outlet_sizes(articles)
    chosen = sorted(sizes.index if outlets is None else set(outlets) & set(sizes.index))
    sizes = sizes.loc[chosen]
    carried_ = carried_[carried_[S.OUTLET].isin(chosen)]
    if groups is None:
        units = {outlet: [outlet] for outlet in chosen}
    else:
        units = {}
        for outlet in chosen:
            if outlet in groups and pd.notna(groups[outlet]):
                units.setdefault(str(groups[outlet]), []).append(outlet)
    totals = _totals(carried_)
    found: list[tuple[object, ...]] = []
    statuses = []
    for unit in sorted(units):
        own = units[unit]
        rows, status, count = _unit_omissions(unit, own, carried_, totals, sizes)
        found.extend(rows)
        words = int(sizes.loc[own, S.WORDS].sum())
        statuses.append((unit, count, words, len(rows), status))
    table = pd.DataFrame(found, columns=list(OMISSION_COLUMNS))
    return Omissions(
        table.astype({S.RANK: "int64", S.CARRIERS: "int64", S.OTHERS: "int64"}),
        pd.DataFrame(statuses, columns=list(UNIT_COLUMNS)),
    )


def _sentence_ids(analysis: Analysis, kind: str, item: str, ids: list[str]) -> pd.DataFrame:
    """(article_id, sent_id) of the occurrences of ``item`` in the articles ``ids``."""
    if kind == ACTOR:
        rows = analysis.rows("mentions", **{S.ACTOR: [item], S.ARTICLE_ID: ids})
    elif kind == SPEAKER:
        rows = analysis.rows("quotes", **{S.SPEAKER: [item], S.ARTICLE_ID: ids})
    elif kind == TOPIC:
        rows = analysis.rows("stance", **{S.TOPIC: [item], S.ARTICLE_ID: ids})
    else:
        rows = analysis.rows("terms", **{S.TERM: [item], S.ARTICLE_ID: ids})
    return rows[[S.ARTICLE_ID, S.SENT_ID]].drop_duplicates()


def omission_evidence(
    analysis: Analysis,
    found: pd.DataFrame,
    *,
    outlets: Sequence[str] | None = None,
    per_item: int = EVIDENCE,
) -> pd.DataFrame:
    """The sentences behind each omission of ``found`` (:attr:`Omissions.found`): up to
    ``per_item`` from the other outlets (of ``outlets``, None: every outlet) that carry the
    item, one an outlet first, those in a headline or lead first (:data:`OMISSION_EVIDENCE_
    COLUMNS`; ``outlet`` is the omitting unit, ``source`` the outlet that carries it)."""
    articles = analysis.articles
    if outlets is not None:
        articles = articles[articles[S.OUTLET].isin(outlets)]
    rows = []
    for omission in found.drop_duplicates([S.OUTLET, S.KIND, S.ITEM]).itertuples():
        others = articles[articles[S.OUTLET] != omission.outlet]
        places = _sentence_ids(
            analysis, omission.kind, omission.item, others[S.ARTICLE_ID].tolist()
        )
        if places.empty:
            continue
        texts = analysis.rows(
            "sentences",
            **{S.ARTICLE_ID: places[S.ARTICLE_ID].unique().tolist()},
        )
        shown = places.merge(texts[[S.ARTICLE_ID, S.SENT_ID, S.TEXT, S.PARAGRAPH]])
        shown = shown.merge(others[[S.ARTICLE_ID, S.OUTLET, S.TITLE]], on=S.ARTICLE_ID)
        shown = shown.assign(lead=shown[S.PARAGRAPH] < LEAD_PARAGRAPHS)
        shown = shown.sort_values(["lead", S.OUTLET, S.SENT_ID], ascending=[False, True, True])
        shown = shown.assign(nth=shown.groupby(S.OUTLET).cumcount()).sort_values(
            ["nth", "lead"], ascending=[True, False], kind="stable"
        )
        for row in shown.head(per_item).itertuples():
            rows.append(
                (
                    omission.outlet,
                    omission.kind,
                    omission.item,
                    row.outlet,
                    row.title,
                    HEADLINE_OR_LEAD if row.lead else BODY,
                    row.text,
                )
            )
    return pd.DataFrame(rows, columns=list(OMISSION_EVIDENCE_COLUMNS))


def chance_absent(rate: float | np.ndarray, articles: int) -> float | np.ndarray:
    """The chance (0..1) that ``articles`` articles all miss an item that a share ``rate`` of
    the other outlets' articles carry: ``(1 - rate) ** articles``."""
    return (1 - np.clip(rate, 0, 1)) ** articles
