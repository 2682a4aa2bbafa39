"""Objects and proposed topics: what stance predicates are about in the parse
(:func:`stance_objects`), counted per outlet and term (:func:`object_counts`,
:func:`object_terms`), and the terms the corpus argues about that no topic covers
(:func:`proposed_topics`), offered to the user as new topics.
"""

from __future__ import annotations

import bisect
from collections.abc import Mapping
from functools import lru_cache
from typing import NamedTuple

import numpy as np
import pandas as pd
from spacy.attrs import LOWER, POS
from spacy.symbols import ADJ, NOUN, VERB
from spacy.tokens import Doc, Token

from analysis import datafile
from analysis import schema as S
from analysis.stance.cues import cue_lists, topic_cues
from analysis.stance.topics import Topics, default_topics

#: Dependency labels of a predicate's object or complement.
_OBJECTS = frozenset({"dobj", "attr", "oprd"})
#: Prepositions that introduce what a stance is about ("call for", "agree to", "insist on").
_ABOUT = frozenset({"for", "to", "on", "of", "with"})
#: Fewest articles a proposed topic must come from.
MIN_TOPIC_ARTICLES = 2
#: Most topics proposed.
MAX_PROPOSED_TOPICS = 12


def stance_objects(articles: pd.DataFrame, *, docs: Mapping[str, Doc]) -> pd.DataFrame:
    """What stance predicates are about, from the parse: one row per common-noun object or
    complement of a support or oppose cue ("proposed a 30-day ceasefire" gives "ceasefire",
    "rejected the tariff cuts" gives "tariff cut", "called for talks" gives "talk").

    Columns: article_id, sent_id (the sentence's number, as in the sentences table), term
    (lower-case lemma with its noun compounds), cue (the predicate as written), start, end
    (offsets of the object's head). Articles without a parse give no rows."""
    rows = []
    for identifier in articles[S.ARTICLE_ID]:
        doc = docs.get(identifier)
        if doc is None:
            continue
        starts = [sentence.start for sentence in doc.sents]
        for token in _cue_tokens(doc):
            for head in _objects_of(token):
                term = _term(head)
                if term:
                    sent_id = bisect.bisect_right(starts, head.i) - 1
                    end = head.idx + len(head)
                    rows.append((identifier, sent_id, term, token.text, head.idx, end))
    frame = pd.DataFrame(rows, columns=list(S.STANCE_OBJECT_COLUMNS))
    return frame.astype({S.SENT_ID: "int64", S.START: "int64", S.END: "int64"})


#: Parts of speech of a stance predicate's cue word, as spaCy's symbol ids.
_PREDICATE_POS = np.array([VERB, NOUN, ADJ], dtype="uint64")


@lru_cache(maxsize=100_000)
def _is_cue(lower: str) -> bool:
    """Whether the lower-case word is a support or oppose cue on its own."""
    cues = cue_lists()
    return bool(cues.support.find([lower]) or cues.oppose.find([lower]))


def _cue_tokens(doc: Doc) -> list[Token]:
    """The verbs, nouns and adjectives of ``doc`` that are support or oppose cues (read from
    the parse's arrays: only those become tokens)."""
    array = doc.to_array([POS, LOWER])
    strings = doc.vocab.strings
    return [
        doc[int(i)]
        for i in np.flatnonzero(np.isin(array[:, 0], _PREDICATE_POS))
        if _is_cue(strings[int(array[i, 1])])
    ]


def _objects_of(predicate: Token) -> list[Token]:
    """The heads of a predicate's objects: direct objects and complements, the objects of
    "for / to / on / of / with", and those of an infinitive it governs ("agreed to hold
    talks")."""
    found = []
    for child in predicate.children:
        if child.dep_ in _OBJECTS:
            found.append(child)
        elif child.dep_ == "prep" and child.lower_ in _ABOUT:
            found += [c for c in child.children if c.dep_ == "pobj"]
        elif child.dep_ == "xcomp":
            found += [c for c in child.children if c.dep_ in _OBJECTS]
    return found


def _term(head: Token) -> str:
    """A common noun with its noun compounds, as lower-case lemmas ("tariff cut"); "" for
    names, pronouns, numbers and words too short to be a topic ("90-day pause" is "pause")."""
    if head.pos_ != "NOUN" or head.ent_type_ or not head.is_alpha or len(head) < 3:
        return ""
    cues = cue_lists()
    if cues.reduce.find([head.lower_]) or cues.enact.find([head.lower_]):
        return ""  # "agreed a pause (in tariffs)": an action on a topic, not a topic
    compounds = [
        c
        for c in head.children
        if c.dep_ == "compound" and c.pos_ == "NOUN" and c.is_alpha and c.nbor(-1).text != "-"
    ]
    words = [c.lemma_.lower() for c in sorted(compounds, key=lambda c: c.i)]
    return " ".join([*words, head.lemma_.lower()])


class ObjectCounts(NamedTuple):
    """What :func:`object_terms` counts, per outlet: ``cues`` has one row per outlet, term
    of :func:`stance_objects` and cue (lower case) with its statements, ``articles`` one row
    per outlet and term with its articles. The counts of several outlets are theirs
    concatenated."""

    cues: pd.DataFrame
    articles: pd.DataFrame


def object_counts(objects: pd.DataFrame, articles: pd.DataFrame) -> ObjectCounts:
    """The :class:`ObjectCounts` of ``objects`` (rows of :func:`stance_objects`) in
    ``articles``."""
    if objects.empty:  # a table that could not be made may have no columns
        return ObjectCounts(
            pd.DataFrame(columns=[S.OUTLET, S.TERM, S.CUE, "statements"]).astype(
                {"statements": "int64"}
            ),
            pd.DataFrame(columns=[S.OUTLET, S.TERM, S.ARTICLES]).astype({S.ARTICLES: "int64"}),
        )
    outlets = articles.set_index(S.ARTICLE_ID)[S.OUTLET]
    frame = objects.assign(
        **{S.OUTLET: objects[S.ARTICLE_ID].map(outlets), S.CUE: objects[S.CUE].str.lower()}
    )
    cues = frame.groupby([S.OUTLET, S.TERM, S.CUE], sort=True).size().rename("statements")
    used = frame.groupby([S.OUTLET, S.TERM], sort=True)[S.ARTICLE_ID].nunique()
    return ObjectCounts(
        cues.reset_index().astype({"statements": "int64"}),
        used.rename(S.ARTICLES).reset_index().astype({S.ARTICLES: "int64"}),
    )


def object_terms_of(
    counts: ObjectCounts, *, min_articles: int = MIN_TOPIC_ARTICLES
) -> pd.DataFrame:
    """:func:`object_terms` from the :class:`ObjectCounts` of every outlet."""
    articles = counts.articles.groupby(S.TERM, sort=True)[S.ARTICLES].sum()
    frequent = set(articles[articles >= min_articles].index)
    cues = counts.cues[counts.cues[S.TERM].isin(frequent)]
    cues = cues.groupby([S.TERM, S.CUE], sort=True)["statements"].sum().reset_index()
    cues = cues.sort_values([S.TERM, "statements", S.CUE], ascending=[True, False, True])
    rows = [
        (
            term,
            int(group["statements"].sum()),
            int(articles[term]),
            datafile.join_list(group[S.CUE].tolist()[:5]),
        )
        for term, group in cues.groupby(S.TERM, sort=True)
    ]
    return pd.DataFrame(rows, columns=[S.TERM, "statements", S.ARTICLES, "cues"]).astype(
        {"statements": "int64", S.ARTICLES: "int64"}
    )


def object_terms(objects: pd.DataFrame, *, min_articles: int = MIN_TOPIC_ARTICLES) -> pd.DataFrame:
    """The terms of :func:`stance_objects` from at least ``min_articles`` articles,
    counted: term, statements, articles, cues (the predicates in lower case, most frequent
    first, then alphabetically, at most five, joined by the list separator), by term."""
    ids = objects[S.ARTICLE_ID].unique() if S.ARTICLE_ID in objects else []
    one = pd.DataFrame({S.ARTICLE_ID: ids, S.OUTLET: ""})  # their articles as of one outlet
    return object_terms_of(object_counts(objects, one), min_articles=min_articles)


def proposed_topics(
    objects: pd.DataFrame,
    *,
    topics: Topics | None = None,
    min_articles: int = MIN_TOPIC_ARTICLES,
    top: int = MAX_PROPOSED_TOPICS,
) -> pd.DataFrame:
    """Topics the corpus argues about that ``topics`` does not cover: the terms of
    :func:`stance_objects` from at least ``min_articles`` articles
    (:func:`proposed_from_terms` of their :func:`object_terms`)."""
    return proposed_from_terms(
        object_terms(objects, min_articles=min_articles), topics=topics, top=top
    )


def proposed_from_terms(
    terms: pd.DataFrame, *, topics: Topics | None = None, top: int = MAX_PROPOSED_TOPICS
) -> pd.DataFrame:
    """The ``top`` :func:`object_terms` that no topic of ``topics`` finds, the most frequent
    first. Columns: term, statements, articles, cues, and suggested (a cue for the topic
    file: the term with a trailing * on its last word, so plurals match)."""
    known = [phrases for _, phrases in topic_cues(topics or default_topics())]
    unknown = [not any(p.find(term.split()) for p in known) for term in terms[S.TERM]]
    kept = terms[pd.Series(unknown, index=terms.index, dtype=bool)]
    frame = kept.assign(suggested=kept[S.TERM] + "*")
    ordered = frame.sort_values(["statements", S.TERM], ascending=[False, True])
    return ordered.head(top).reset_index(drop=True)
