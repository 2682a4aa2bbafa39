"""Framing: which words an outlet uses for contested things, which generic news frames its
articles carry, and which labels it attaches to actors.

* Contested terms (:func:`find_terms`, :func:`term_hits`): groups of rival names for one thing
  (the war itself: invasion, war, special military operation, conflict, ...) from the
  user-editable data file ``analysis/data/terms.toml``; counted as whole words with the
  rules of :class:`analysis.lexicon.Lexicon` (plurals count), each use marked as the outlet's
  own voice or inside a quotation, with an example sentence.
* Generic news frames (:func:`frame_answers`, :func:`find_frames`): the five frames of
  Semetko & Valkenburg (2000) scored from cue lexicons tied to each yes/no question of their
  codebook (``analysis/data/frames.toml``, which documents the questions and cues); a frame's
  score is the share of its questions answered yes (0..1), each yes with its evidence sentence.
* Labels (:func:`find_labels`): titles in front of a name ("former U.S. President Donald
  Trump"), appositions ("Vladimir Putin, the Russian leader,"), the registry's role
  descriptions standing in for a name ("the Ukrainian president") and epithets ("the
  dictator"); rules and word lists in ``analysis/data/labels.toml``.

Everything is computed from the cleaned body text (``articles.text``) with offsets into it;
titles are counted apart (``headline`` columns), so headline and body can be compared.
"""

from __future__ import annotations

import bisect
import re
import tomllib
from collections import Counter
from collections.abc import Iterator
from functools import cache
from typing import NamedTuple

import pandas as pd

from analysis import schema as S
from analysis.actors import Registry, default_registry
from analysis.datafile import built_in_text
from analysis.lexicon import GroupFormat, Groups, Lexicon, parse_groups
from analysis.speech import NOT_NAMES
from analysis.text import headline_end, quote_spans, stopwords

#: The format of the contested-terms table: ``terms`` lists, at least one term each.
TERMS_FORMAT = GroupFormat("terms", 1)
#: The five generic frames, in the codebook's order.
FRAMES: tuple[str, ...] = (
    "responsibility",
    "human interest",
    "conflict",
    "morality",
    "economic consequences",
)
TITLE = "title"
APPOSITION = "apposition"
ROLE = "role"
EPITHET = "epithet"
#: Most sentences back from an epithet to the person it describes (0 = same sentence).
EPITHET_REACH = 1
#: Most words in a title or apposition label.
MAX_LABEL_WORDS = 7
#: Capitalised first names skipped between a title and a registered surname ("Foreign
#: Minister Hakan Fidan" when only "Fidan" is registered).
MAX_FIRST_NAMES = 2

#: Modifiers written in lower case inside a sentence, capitalised only at its start.
_LOWER_CASE_FIRST = frozenset({"former", "then", "ex", "acting", "interim", "late", "outgoing"})
_ABBREVIATION = re.compile(r"(?:[A-Z]\.){2,}")
_NORMAL_FORMS = {"US": "U.S.", "U.S": "U.S.", "UK": "U.K.", "U.K": "U.K."}
_APPOSITION = re.compile(
    r"\s*,\s+(?:(?:the|a|an)\s+)?"
    r"((?:(?:[A-Z]\.){2,}|[\w’'-]+)(?:\s+(?:(?:[A-Z]\.){2,}|[\w’'-]+)){0,6})"
    r"\s*(?=[,;:.—–)]|$)"
)
_TOKEN_BEFORE = re.compile(r"(\S+)(\s+)$")


def default_terms_text() -> str:
    """The built-in contested-term groups as TOML (``analysis/data/terms.toml``)."""
    return built_in_text("terms.toml")


@cache
def default_terms() -> Groups:
    """The built-in contested-term groups."""
    return parse_groups(default_terms_text(), TERMS_FORMAT)


def _title(value: object) -> str:
    return "" if value is None or pd.isna(value) else str(value)


class _Article(NamedTuple):
    identifier: str
    text: str
    title: str
    starts: list[int]
    ids: list[int]
    quotes: list[tuple[int, int]]

    def sentence_id(self, offset: int) -> int:
        return self.ids[max(0, bisect.bisect_right(self.starts, offset) - 1)] if self.ids else 0

    def quoted(self, start: int, end: int) -> bool:
        return any(s <= start and end <= e for s, e in self.quotes)


def _articles(
    articles: pd.DataFrame, sentences: pd.DataFrame, *, quotes: bool = False
) -> Iterator[_Article]:
    """Each article with its sentence starts and, if ``quotes``, its quotation spans."""
    by_article = {key: group for key, group in sentences.groupby(S.ARTICLE_ID, sort=False)}
    for identifier, text, title in zip(
        articles[S.ARTICLE_ID], articles[S.TEXT], articles[S.TITLE], strict=True
    ):
        group = by_article.get(identifier)
        starts = [] if group is None else group[S.START].tolist()
        ids = [] if group is None else group[S.SENT_ID].tolist()
        spans = [(s.start, s.end) for s in quote_spans(text)] if quotes else []
        yield _Article(identifier, text, _title(title), starts, ids, spans)


def _sentence_text(sentences: pd.DataFrame) -> dict[tuple[str, int], str]:
    return dict(
        zip(
            zip(sentences[S.ARTICLE_ID], sentences[S.SENT_ID], strict=True),
            sentences[S.TEXT],
            strict=True,
        )
    )


@cache
def _term_lexicon(groups: Groups) -> tuple[Lexicon, dict[str, str]]:
    return Lexicon([t for g in groups for t in g.phrases], plurals=True), {
        t: g.name for g in groups for t in g.phrases
    }


def term_hits(
    articles: pd.DataFrame, sentences: pd.DataFrame, *, groups: Groups | None = None
) -> pd.DataFrame:
    """Every use of a contested term in the text (the headline paragraph included), in
    order.

    Columns :data:`analysis.schema.TERM_HIT_COLUMNS`: article_id, sent_id, group, term (as
    written in the term list), surface (as written in the article), start, end (offsets into
    ``articles.text``, end exclusive), quoted (True when inside quotation marks: a source's
    words, not the outlet's own voice).
    """
    lexicon, owner = _term_lexicon(groups if groups is not None else default_terms())
    rows = [
        (
            art.identifier,
            art.sentence_id(hit.start),
            owner[hit.phrase],
            hit.phrase,
            hit.surface,
            hit.start,
            hit.end,
            art.quoted(hit.start, hit.end),
        )
        for art in _articles(articles, sentences, quotes=True)
        for hit in lexicon.finditer(art.text)
    ]
    frame = pd.DataFrame(rows, columns=list(S.TERM_HIT_COLUMNS))
    return frame.astype({S.SENT_ID: "int64", S.START: "int64", S.END: "int64", S.QUOTED: "bool"})


def find_terms(
    articles: pd.DataFrame, sentences: pd.DataFrame, *, groups: Groups | None = None
) -> pd.DataFrame:
    """The terms table of ``articles``: :func:`count_terms` of their :func:`term_hits`."""
    groups = groups if groups is not None else default_terms()
    hits = term_hits(articles, sentences, groups=groups)
    return count_terms(hits, articles, sentences, groups=groups)


def count_terms(
    hits: pd.DataFrame,
    articles: pd.DataFrame,
    sentences: pd.DataFrame,
    *,
    groups: Groups | None = None,
) -> pd.DataFrame:
    """The terms table from the :func:`term_hits` of ``articles`` (made with the same
    ``groups``): one row per article and contested term it uses (body or headline).

    Columns :data:`analysis.schema.TERM_COLUMNS`: article_id, group, term, count (uses in the
    body, >= 0), quoted (of those, uses inside quotation marks; count − quoted is the
    outlet's own voice), headline (uses in the title), example (the first sentence using the
    term in the outlet's own voice, else the first one) and its sent_id (−1 when the term is
    only in the headline).
    """
    groups = groups if groups is not None else default_terms()
    lexicon, owner = _term_lexicon(groups)
    texts = _sentence_text(sentences)
    titles = dict(zip(articles[S.ARTICLE_ID], articles[S.TITLE].map(_title), strict=True))
    ends = {
        identifier: headline_end(text, titles[identifier])
        for identifier, text in zip(articles[S.ARTICLE_ID], articles[S.TEXT], strict=True)
    }
    in_body = hits[S.START].to_numpy() >= hits[S.ARTICLE_ID].map(ends).fillna(0).to_numpy()
    ordered = hits[in_body].sort_values([S.ARTICLE_ID, S.TERM, S.QUOTED, S.START])
    body = {
        key: (len(uses), int(uses[S.QUOTED].sum()), int(uses[S.SENT_ID].iloc[0]))
        for key, uses in ordered.groupby([S.ARTICLE_ID, S.TERM], sort=False)
    }
    head = Counter(
        (identifier, hit.phrase)
        for identifier, title in titles.items()
        for hit in lexicon.finditer(title)
    )
    rows = []
    position = {identifier: i for i, identifier in enumerate(titles)}
    for identifier, term in sorted(body.keys() | head.keys(), key=lambda k: (position[k[0]], k[1])):
        count, quoted, sent_id = body.get((identifier, term), (0, 0, -1))
        example = texts.get((identifier, sent_id), titles[identifier])
        rows.append(
            (identifier, owner[term], term, count, quoted, head[identifier, term], example, sent_id)
        )
    frame = pd.DataFrame(rows, columns=list(S.TERM_COLUMNS))
    return frame.astype(
        {S.COUNT: "int64", S.QUOTED: "int64", S.HEADLINE: "int64", S.SENT_ID: "int64"}
    )


class Question(NamedTuple):
    """One yes/no question of the Semetko & Valkenburg codebook, with its cue words.
    ``scored`` is False for a question text cannot answer (visual information)."""

    frame: str
    id: str
    question: str
    cues: tuple[str, ...]
    scored: bool


@cache
def frame_questions() -> tuple[Question, ...]:
    """The codebook's questions and their cues (``analysis/data/frames.toml``)."""
    text = built_in_text("frames.toml")
    return tuple(
        Question(q["frame"], q["id"], q["question"], tuple(q["cues"]), q.get("scored", True))
        for q in tomllib.loads(text)["question"]
    )


def codebook_summary() -> str:
    """The codebook in one phrase, from the data file: each frame with its number of
    questions in codebook order, and how many text can answer where not all ("responsibility
    5, human interest 5 (4 scored from text), ...")."""
    counts: dict[str, list[int]] = {}
    for question in frame_questions():
        asked = counts.setdefault(question.frame, [0, 0])
        asked[0] += 1
        asked[1] += question.scored
    return ", ".join(
        f"{frame} {total}" + ("" if scored == total else f" ({scored} scored from text)")
        for frame, (total, scored) in counts.items()
    )


@cache
def _question_lexicons() -> tuple[tuple[Question, Lexicon], ...]:
    return tuple((q, Lexicon(q.cues)) for q in frame_questions())


def frame_answers(articles: pd.DataFrame, sentences: pd.DataFrame) -> pd.DataFrame:
    """The codebook answered for every article: one row per article and question.

    Columns :data:`analysis.schema.FRAME_ANSWER_COLUMNS`: article_id, frame, question_id,
    question, answer (True = yes: a cue occurs in the body or the title), headline (True when a
    cue occurs in the title), cue (the first cue found, as written), sent_id (its sentence; −1
    for the title or when the answer is no) and evidence (that sentence). Unscored questions
    are listed with answer False and no cue.
    """
    texts = _sentence_text(sentences)
    rows = []
    for art in _articles(articles, sentences):
        for question, lexicon in _question_lexicons():
            first = next(lexicon.finditer(art.text), None) if question.scored else None
            in_title = next(lexicon.finditer(art.title), None) if question.scored else None
            sent_id = art.sentence_id(first.start) if first is not None else -1
            cue = first or in_title
            evidence = texts.get((art.identifier, sent_id), art.title if in_title else "")
            rows.append(
                (
                    art.identifier,
                    question.frame,
                    question.id,
                    question.question,
                    cue is not None,
                    in_title is not None,
                    cue.surface if cue is not None else "",
                    sent_id,
                    evidence,
                )
            )
    frame = pd.DataFrame(rows, columns=list(S.FRAME_ANSWER_COLUMNS))
    return frame.astype({S.ANSWER: "bool", S.HEADLINE: "bool", S.SENT_ID: "int64"})


def find_frames(answers: pd.DataFrame) -> pd.DataFrame:
    """The frames table from :func:`frame_answers`: one row per article and frame.

    Columns :data:`analysis.schema.FRAME_COLUMNS`: article_id, frame, score (share of the
    frame's scored questions answered yes, 0..1, higher = more strongly framed so), yes and
    questions (the counts behind the score), headline (share of the questions answered by the
    title alone, 0..1) and evidence (the evidence of each yes, "R3: sentence").
    """
    scored = {q.id for q in frame_questions() if q.scored}
    answers = answers[answers[S.QUESTION_ID].isin(scored)]
    groups: dict[tuple[str, str], list[tuple[str, bool, bool, str]]] = {}
    for identifier, frame, question, answer, headline, evidence in zip(
        answers[S.ARTICLE_ID],
        answers[S.FRAME],
        answers[S.QUESTION_ID],
        answers[S.ANSWER],
        answers[S.HEADLINE],
        answers[S.EVIDENCE],
        strict=True,
    ):
        groups.setdefault((identifier, frame), []).append(
            (question, bool(answer), bool(headline), evidence)
        )
    rows = []
    for (identifier, frame), group in groups.items():
        yes = [(question, evidence) for question, answer, _, evidence in group if answer]
        rows.append(
            (
                identifier,
                frame,
                len(yes) / len(group),
                len(yes),
                len(group),
                sum(headline for _, _, headline, _ in group) / len(group),
                " | ".join(f"{q}: {e}" for q, e in yes),
            )
        )
    return pd.DataFrame(rows, columns=list(S.FRAME_COLUMNS))


class _LabelWords(NamedTuple):
    roles: frozenset[str]
    heads: frozenset[str]
    #: Heads that are a whole role or epithet by themselves ("president", not the "state"
    #: of "secretary of state").
    single: frozenset[str]
    modifiers: frozenset[str]
    epithets: tuple[str, ...]


@cache
def _label_words() -> _LabelWords:
    text = built_in_text("labels.toml")
    data = tomllib.loads(text)
    phrases = [*data["roles"], *data["epithets"]]
    words = {w.lower() for p in [*phrases, *data["modifiers"]] for w in p.split()}
    return _LabelWords(
        roles=frozenset(words),
        heads=frozenset(p.split()[-1].lower() for p in phrases),
        single=frozenset(p.lower() for p in phrases if " " not in p),
        modifiers=frozenset(w.lower() for m in data["modifiers"] for w in m.split()),
        epithets=tuple(data["epithets"]),
    )


def _label_word(token: str) -> bool:
    """Whether ``token`` may be part of a title or apposition: a role, modifier or epithet
    word, an abbreviation (U.S.), or a capitalised word that is not an ordinary word at the
    start of a sentence ("Russian", "Kremlin", "Ukraine's")."""
    plain = token.rstrip("’'s") if token.endswith(("'s", "’s")) else token
    if token.lower() in _label_words().roles or _ABBREVIATION.fullmatch(token):
        return True
    if token.isupper() and token.isalpha() and len(token) <= 4:
        return True  # an acronym: US, UK, UN, NATO
    return (
        plain[:1].isupper()
        and plain.isalpha() | ("-" in plain)
        and plain not in NOT_NAMES
        and plain.lower() not in stopwords()
    )


def _valid_label(tokens: list[str]) -> bool:
    """Whether ``tokens`` make a label: label words ending in a role noun or epithet,
    optionally followed by "of" and capitalised words ("president of Russia")."""
    if "of" in tokens:
        cut = tokens.index("of")
        tail = [t for t in tokens[cut + 1 :] if t != "the"]
        if not tail or not all(t[:1].isupper() for t in tail):
            return False
        tokens = tokens[:cut]
    return (
        bool(tokens)
        and all(_label_word(t) for t in tokens)
        and tokens[-1].lower() in _label_words().heads
    )


def _normal_label(tokens: list[str]) -> str:
    """A label as written, comparable across outlets: "US" written "U.S.", a leading "the"
    dropped and a sentence-initial "Former" or "Acting" made lower case."""
    words = [_NORMAL_FORMS.get(t, t) for t in tokens]
    if words and words[0].lower() == "the":
        words = words[1:]
    if words and words[0].lower() in _LOWER_CASE_FIRST:
        words[0] = words[0].lower()
    return " ".join(words)


def _title_before(text: str, start: int) -> tuple[int, int] | None:
    """The span of the title right before a name at ``start``, if there is one."""
    tokens: list[str] = []
    position = start
    skipped = 0
    while len(tokens) < MAX_LABEL_WORDS:
        match = _TOKEN_BEFORE.search(text, max(0, position - 60), position)
        if match is None or "\n" in match.group(2):
            break
        token = match.group(1)
        if token.endswith(".") and not _ABBREVIATION.fullmatch(token):
            break
        if not tokens and token[:1].isupper() and token.lower() not in _label_words().heads:
            if skipped >= MAX_FIRST_NAMES or not token.isalpha():
                break
            skipped += 1
            position = match.start(1)
            continue
        if token == "of" and _valid_label(tokens) and tokens[-1].lower() in _label_words().single:
            break  # "a close ally of President Vladimir Putin": the title is "President"; in
            # "Secretary of State Marco Rubio" it is the whole phrase, not "State"
        if token != "of" and not _label_word(token):
            break
        tokens.insert(0, token)
        position = match.start(1)
    while tokens and tokens[0] == "of":
        tokens.pop(0)
    if not tokens or not _valid_label(tokens):
        return None
    begin = text.index(tokens[0], position)
    return begin, text.index(tokens[-1], begin) + len(tokens[-1])


def _apposition_after(text: str, end: int) -> tuple[int, int] | None:
    """The span of a label set off by a comma right after a name ending at ``end``."""
    match = _APPOSITION.match(text, end)
    if match is None or not _valid_label(match.group(1).split()):
        return None
    return match.start(1), match.end(1)


def find_labels(
    articles: pd.DataFrame,
    sentences: pd.DataFrame,
    mentions: pd.DataFrame,
    *,
    registry: Registry | None = None,
) -> pd.DataFrame:
    """The labels table: one row per description attached to a person actor (of the
    registry, or found in the text).

    Columns :data:`analysis.schema.LABEL_COLUMNS`: article_id, actor, label (normalised for
    comparison, see ``labels.toml``), sent_id, kind (title / apposition / role / epithet),
    surface (as written), start, end (offsets of the label into ``articles.text``).
    ``mentions`` is the table of :func:`analysis.actors.find_mentions`.
    """
    registry = registry if registry is not None else default_registry()
    persons = {a.name for a in registry if a.kind == "person"}
    persons |= set(mentions.loc[mentions[S.ACTOR_KIND] == "person", S.ACTOR])
    named = mentions[mentions[S.ACTOR].isin(persons)]
    by_article = {key: group for key, group in named.groupby(S.ARTICLE_ID, sort=False)}
    epithets = Lexicon([f"the {e}" for e in _label_words().epithets], plurals=False)
    rows = []
    for art in _articles(articles, sentences):
        found = by_article.get(art.identifier)
        if found is None:
            continue
        names = found[found[S.HOW].isin(["name", "alias", "variant", "entity"])].sort_values(
            S.START
        )
        for actor, sent_id, start, end in zip(
            names[S.ACTOR], names[S.SENT_ID], names[S.START], names[S.END], strict=True
        ):
            for kind, span in (
                (TITLE, _title_before(art.text, start)),
                (APPOSITION, _apposition_after(art.text, end)),
            ):
                if span is not None:
                    rows.append(_label_row(art, actor, sent_id, kind, *span))
        for row in found[found[S.HOW] == "role"].itertuples(index=False):
            rows.append(_label_row(art, row.actor, row.sent_id, ROLE, row.start, row.end))
        rows.extend(_epithet_rows(art, names, epithets))
    frame = pd.DataFrame(rows, columns=list(S.LABEL_COLUMNS)).drop_duplicates(
        [S.ARTICLE_ID, S.ACTOR, S.END], ignore_index=True
    )
    return frame.astype({S.SENT_ID: "int64", S.START: "int64", S.END: "int64"})


def _label_row(
    art: _Article, actor: str, sent_id: int, kind: str, start: int, end: int
) -> tuple[object, ...]:
    return (
        art.identifier,
        actor,
        _normal_label(art.text[start:end].split()),
        int(sent_id),
        kind,
        art.text[start:end],
        start,
        end,
    )


def _epithet_rows(
    art: _Article, names: pd.DataFrame, epithets: Lexicon
) -> list[tuple[object, ...]]:
    """Epithets ("the dictator") given to the last person named before them, in the same or
    the previous sentence."""
    rows = []
    starts = names[S.START].tolist()
    for hit in epithets.finditer(art.text):
        before = bisect.bisect_left(starts, hit.start) - 1
        if before < 0:
            continue
        sent_id = art.sentence_id(hit.start)
        if sent_id - int(names[S.SENT_ID].iloc[before]) > EPITHET_REACH:
            continue
        actor = names[S.ACTOR].iloc[before]
        rows.append(_label_row(art, actor, sent_id, EPITHET, hit.start, hit.end))
    return rows
