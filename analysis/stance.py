"""Stance: what position each actor is reported to take toward each topic.

Topics (:class:`Topic`) are user-editable lists of cue words; the defaults are the data file
``analysis/data/topics.toml``. The cues that say a position (support, oppose, directive,
condition, negation, hedge, neutral) are ``analysis/data/stance_cues.toml``, which documents
the rules. :func:`find_stance` applies them sentence by sentence:

1. a sentence counts for a topic when one of the topic's cues occurs in it;
2. each support or oppose cue is given a holder, the actor who is its subject in the parse
   (else the nearest actor mention before it in the clause, appositions skipped), a "he" /
   "she" resolved to a person, or, for "I" / "we" inside a quotation, the quote's speaker
   (from the quotes table), with the actors coordinated with it; a cue noun's owner holds it
   ("Kyiv's ceasefire plan", "the backing of Trump"); a passive subject and the one asked to
   act ("waiting for Russia to announce") hold nothing; and a topic, the first topic cue
   after it in the clause (a word two topics share goes to the article's own topic);
3. negation, hedges and conditions change the label (support / oppose / conditional), a
   condition clause ahead of the cue's verb too ("if Putin agrees, both will fly there to
   meet him"), and the actor a condition names holds nothing;
4. what a speaker reports of their own side is the speaker's position: an intention in the
   clause a speech verb governs ("Russia said they would take place") and a cue whose subject
   is the speaker's side ("Medinsky said both sides agreed to ...", "according to X"); "we",
   "they" and "both sides" include the countries and organisations the speaker's title and
   description name ("U.S. Trade Representative Jamieson Greer", "who headed Moscow's
   delegation");
5. an actor who speaks about a topic in their clause with no cue holds the position the
   sentiment classifier reads toward the topic's words (positive: support, negative:
   oppose); "discuss", "consider" and a neutral reading are neutral.

The result is the stance table (:data:`analysis.schema.STANCE_COLUMNS`): one row per
sentence, actor and topic, with the cue (and its modifier) as written and the sentence as
evidence. Stance comes only from what the sentence says, never from who the actor is.
"""

from __future__ import annotations

import bisect
import re
import tomllib
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from typing import NamedTuple

import numpy as np
import pandas as pd
from spacy.attrs import LOWER, POS
from spacy.symbols import ADJ, NOUN, VERB
from spacy.tokens import Doc, Token

from analysis import datafile
from analysis import schema as S
from analysis.actors import Registry
from analysis.entities import country_of
from analysis.sentiment import TRANSFORMER, target_probabilities
from analysis.speech import SOURCE, ArticleSpeech, Speaker, first_person, token_span, verbs_in
from analysis.text import Span

#: Modifiers of a stance read from how the sentence portrays the topic.
EVALUATED_POSITIVE = "speaks of it positively"
EVALUATED_NEGATIVE = "speaks of it negatively"
SUPPORT = "support"
OPPOSE = "oppose"
CONDITIONAL = "conditional"
NEUTRAL = "neutral"
#: Stances from most to least committed, the order of the Stance page's columns.
STANCES: tuple[str, ...] = (SUPPORT, CONDITIONAL, NEUTRAL, OPPOSE)
#: Most words between a cue and the topic cue it governs ("urged Ukraine to accept Russia's
#: proposal for direct talks").
TOPIC_WINDOW = 15
#: Auxiliaries that make a topic verb an intention ("will meet", "would negotiate").
INTENT_AUXILIARIES = frozenset({"will", "would", "'ll", "’ll", "shall"})
#: Most words between an enact or reduce cue and the topic it acts on ("imposed sweeping
#: tariffs").
ACTION_WINDOW = 3
#: Words after a directive cue whose own cues belong to the other party.
DIRECTIVE_WINDOW = 8
#: Words after a cue searched for a condition ("ready to meet ..., provided Russia agrees").
CONDITION_WINDOW = 15
#: Most words between a holder and its cue ("the Kremlin stated that the Russian side
#: continues preparations").
HOLDER_GAP_WORDS = 7

_TOKEN = re.compile(r"\w+(?:[’'-]\w+)*|[;:,.!?]")
#: Speakers that hold no stance: names that are no actor, unnamed sources.
_NOT_HOLDERS = frozenset({"name", SOURCE})
#: Participles that say the subject's state, not what was done to it ("is prepared for talks").
_STATE_PARTICIPLES = frozenset({"prepare", "commit", "interest", "determine", "open"})
#: Kinds of actor a speaker speaks for when they say "we" or "our side" (see :func:`_affiliation`).
_SIDES = frozenset({"country", "organisation"})
#: Dependencies that leave a person's description (see :func:`_description`).
_NOT_DESCRIPTION = frozenset({"prep", "punct", "cc", "conj", "advcl", "advmod", "npadvmod"})
#: Possessives by which a quote's speaker names what a cue acts on as their own.
_FIRST_PERSON_OWNERS = frozenset({"our", "my"})
_CLAUSE_BREAK = frozenset({";", "but", "while", "whereas", "although", "though"})
_COORDINATION = re.compile(r"\s*(?:,|,?\s+and|,?\s+or)\s+")


class TopicError(datafile.DataFileError):
    """A topic list that cannot be used; the message says what to fix."""


@dataclass(frozen=True)
class Topic:
    """A topic and the cue words that put it in a sentence (see ``topics.toml``)."""

    name: str
    cues: tuple[str, ...]


Topics = tuple[Topic, ...]


def parse_topics(text: str) -> Topics:
    """Topics from TOML text shaped like ``analysis/data/topics.toml``; raises
    :class:`TopicError` with a sentence that says what to fix (within the limits of
    :mod:`analysis.datafile`)."""
    try:
        datafile.check_file(text, "topic")
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise TopicError(f"The topic file is not valid TOML: {error}.") from error
    except datafile.DataFileError as error:
        raise TopicError(str(error)) from None
    entries = data.get("topic")
    if not isinstance(entries, list) or not entries:
        raise TopicError("The topic file has no [[topic]] tables.")
    if not all(isinstance(entry, dict) for entry in entries):
        raise TopicError("Each [[topic]] must be a table.")
    return _validated(
        tuple(
            _topic(entry.get("name"), entry.get("cues"), number)
            for number, entry in enumerate(entries, 1)
        )
    )


def _topic(name: object, cues: object, number: int) -> Topic:
    try:
        name = datafile.cell(name, what=f"The name of topic {number}")
        if not name:
            raise TopicError(f"Topic {number} has no name.")
        kept = tuple(datafile.split_list(cues, what=f"The cues of {name!r}"))
    except datafile.DataFileError as error:
        raise TopicError(str(error)) from None
    if not kept:
        raise TopicError(f"Topic {name!r} has no cue words.")
    return Topic(name, kept)


def _validated(topics: Topics) -> Topics:
    try:
        datafile.check_entries(len(topics), "topics")
        datafile.check_items(sum(len(t.cues) for t in topics), "cue words")
    except datafile.DataFileError as error:
        raise TopicError(str(error)) from None
    counts = Counter(t.name for t in topics)
    twice = sorted(name for name, count in counts.items() if count > 1)
    if twice:
        raise TopicError(f"The topic {twice[0]!r} is listed twice; keep one.")
    return topics


def default_topics_text() -> str:
    """The default topics' TOML, with its comments."""
    return resources.files("analysis").joinpath("data/topics.toml").read_text(encoding="utf-8")


@cache
def default_topics() -> Topics:
    """The topics shipped in ``analysis/data/topics.toml``."""
    return parse_topics(default_topics_text())


def topics_to_toml(topics: Topics) -> str:
    """Topic TOML that :func:`parse_topics` reads back to the same topics."""
    lines = ["# presslens stance topics (see analysis/data/topics.toml for the format)", ""]
    for topic in topics:
        lines += [
            "[[topic]]",
            f"name = {datafile.toml_string(topic.name)}",
            f"cues = {datafile.toml_list(topic.cues)}",
            "",
        ]
    return "\n".join(lines)


def topics_frame(topics: Topics) -> pd.DataFrame:
    """The topics as a table: name and cues (joined by the one separator of
    :mod:`analysis.datafile`)."""
    return pd.DataFrame(
        [(t.name, datafile.join_list(t.cues)) for t in topics], columns=["name", "cues"]
    )


def topics_from_frame(frame: pd.DataFrame) -> Topics:
    """Topics from a table shaped like :func:`topics_frame` (blank rows skipped)."""
    try:
        kept = datafile.rows(frame)
    except datafile.DataFileError as error:
        raise TopicError(str(error)) from None
    topics = tuple(
        _topic(row.get("name"), row.get("cues"), number) for number, row in enumerate(kept, 1)
    )
    if not topics:
        raise TopicError("Give at least one topic with a name and cue words.")
    return _validated(topics)


class _Phrases:
    """Case-insensitive whole-word phrases over tokens; a trailing * matches any ending."""

    def __init__(self, phrases: list[str] | tuple[str, ...]) -> None:
        self.exact: dict[str, list[tuple[str, list[str]]]] = {}
        self.prefixed: list[tuple[str, str, list[str]]] = []
        self.starting: dict[str, list[tuple[str, list[str]]]] = {}
        for phrase in phrases:
            parts = _tokens_of(phrase)
            if parts[0].endswith("*"):
                self.prefixed.append((parts[0][:-1], phrase, parts))
            else:
                self.exact.setdefault(parts[0], []).append((phrase, parts))

    def _starting_with(self, word: str) -> list[tuple[str, list[str]]]:
        """The phrases whose first token can match ``word`` (remembered per word)."""
        found = self.starting.get(word)
        if found is None:
            found = self.exact.get(word, []) + [
                (p, parts) for prefix, p, parts in self.prefixed if word.startswith(prefix)
            ]
            self.starting[word] = found
        return found

    def find(self, words: list[str]) -> list[tuple[int, int, str]]:
        """``(first, end, phrase)`` token spans of every match, longest first where they
        start at the same token."""
        found = []
        for i, word in enumerate(words):
            candidates = self.starting.get(word)
            if candidates is None:
                candidates = self._starting_with(word)
            if not candidates:
                continue
            best: tuple[int, int, str] | None = None
            for phrase, parts in candidates:
                j = i + len(parts)
                if (
                    j <= len(words)
                    and all(
                        _matches(part, word) for part, word in zip(parts, words[i:j], strict=True)
                    )
                    and (best is None or j > best[1])
                ):
                    best = (i, j, phrase)
            if best is not None:
                found.append(best)
        return found


def _tokens_of(phrase: str) -> list[str]:
    return phrase.lower().split()


def _matches(part: str, word: str) -> bool:
    if part.endswith("*"):
        return word.startswith(part[:-1])
    return word == part


class _Cues(NamedTuple):
    support: _Phrases
    oppose: _Phrases
    directive: _Phrases
    condition: _Phrases
    negation: _Phrases
    hedge: _Phrases
    unconditional: _Phrases
    neutral: _Phrases
    enact: _Phrases
    reduce: _Phrases
    own_side: _Phrases


@cache
def _cues() -> _Cues:
    text = resources.files("analysis").joinpath("data/stance_cues.toml").read_text("utf-8")
    data = tomllib.loads(text)
    return _Cues(*(_Phrases(data[field]) for field in _Cues._fields))


@cache
def _topic_phrases(topics: Topics) -> list[tuple[str, _Phrases]]:
    return [(t.name, _Phrases(t.cues)) for t in topics]


class _Sentence(NamedTuple):
    words: list[str]
    spans: list[tuple[int, int]]
    start: int
    end: int
    sent_id: int
    text: str
    #: the words with negations split off (:func:`_split_negations`): what cues are found in
    split: list[str]
    #: each topic's cue matches in ``split``, by topic name
    topics: dict[str, list[tuple[int, int, str]]]

    @property
    def span(self) -> Span:
        """Where the sentence stands in the article's text."""
        return Span(self.start, self.end)


def find_stance(
    articles: pd.DataFrame,
    sentences: pd.DataFrame,
    mentions: pd.DataFrame,
    quotes: pd.DataFrame,
    *,
    topics: Topics | None = None,
    registry: Registry | None = None,
    docs: Mapping[str, Doc] | None = None,
    sentiment: str = TRANSFORMER,
) -> pd.DataFrame:
    """The stance table of ``articles``: one row per sentence, actor and topic.

    Columns: article_id, sent_id, actor, topic, stance (support / conditional / neutral /
    oppose), cue (the words that carry the stance, as written), modifier (the negation,
    hedge or condition that changed it, "" if none), holder (the actor as written: "he",
    "the Kremlin"), evidence (the sentence), start, end (offsets of the cue in
    ``articles.text``). ``sentences``, ``mentions`` and ``quotes`` are the tables of
    :mod:`analysis.text`, :mod:`analysis.actors` and :mod:`analysis.quotes` for the same
    articles; ``docs`` their parses by article id (:func:`analysis.parse.parse`), which give
    each cue's holder as the subject of its predicate. ``sentiment`` is the classifier
    (:data:`analysis.sentiment.METHODS`) that reads how a sentence in which an actor speaks
    about a topic, with no cue, portrays the topic (modifier "speaks of it positively" /
    "... negatively"; a neutral portrayal stays neutral).
    """
    topic_phrases = _topic_phrases(topics if topics is not None else default_topics())
    sentence_groups = dict(tuple(sentences.groupby(S.ARTICLE_ID, sort=False)))
    mention_groups = dict(tuple(mentions.groupby(S.ARTICLE_ID, sort=False)))
    direct = quotes[quotes[S.DIRECT].astype(bool)]
    quote_groups = dict(tuple(direct.groupby(S.ARTICLE_ID, sort=False)))
    rows: list[list[object]] = []
    pending: list[tuple[int, int, int]] = []
    for identifier, text in zip(articles[S.ARTICLE_ID], articles[S.TEXT], strict=True):
        group = sentence_groups.get(identifier)
        if group is None or group.empty:
            continue
        speech = ArticleSpeech.build(
            text,
            group,
            mention_groups.get(identifier, mentions.iloc[0:0]),
            registry,
            None if docs is None else docs.get(identifier),
        )
        speakers = _quote_speakers(quote_groups.get(identifier))
        sentences_ = [_sentence(speech, row, topic_phrases) for row in range(len(speech.sentences))]
        ranked = _ranked_topics(sentences_, topic_phrases)
        for sentence in sentences_:
            for found in _sentence_stances(speech, sentence, ranked, speakers):
                if found.about is not None:
                    start, end = found.about
                    pending.append((len(rows), start - sentence.start, end - sentence.start))
                rows.append(
                    [
                        identifier,
                        sentence.sent_id,
                        found.actor,
                        found.topic,
                        found.stance,
                        found.cue,
                        found.modifier,
                        found.holder,
                        sentence.text,
                        found.start,
                        found.end,
                    ]
                )
    _evaluated(rows, pending, sentiment)
    frame = pd.DataFrame(rows, columns=list(S.STANCE_COLUMNS))
    return frame.astype({S.SENT_ID: "int64", S.START: "int64", S.END: "int64"})


class _Stance(NamedTuple):
    actor: str
    topic: str
    stance: str
    cue: str
    modifier: str
    holder: str
    start: int
    end: int
    #: the topic's offsets in the text when the stance is to be read from how the sentence
    #: portrays it (an actor who speaks about it with no cue), else None
    about: tuple[int, int] | None = None


def _quote_speakers(quotes: pd.DataFrame | None) -> list[tuple[int, int, str]]:
    """``(start, end, speaker)`` of the attributed direct quotes of an article."""
    if quotes is None:
        return []
    return [
        (int(start), int(end), speaker)
        for start, end, speaker in zip(
            quotes[S.START], quotes[S.END], quotes[S.SPEAKER], strict=True
        )
        if speaker != "unattributed"
    ]


def _sentence(
    speech: ArticleSpeech, row: int, topic_phrases: list[tuple[str, _Phrases]]
) -> _Sentence:
    start, end = speech.bounds(row)
    matches = list(_TOKEN.finditer(speech.text, start, end))
    words = [m.group().lower() for m in matches]
    split = _split_negations(words)
    return _Sentence(
        words,
        [m.span() for m in matches],
        start,
        end,
        speech.sent_ids[row],
        speech.text[start:end],
        split,
        {name: phrases.find(split) for name, phrases in topic_phrases},
    )


def _ranked_topics(
    sentences: list[_Sentence], topic_phrases: list[tuple[str, _Phrases]]
) -> list[tuple[str, _Phrases]]:
    """The topics, those whose cues cover most words of the article first, each word of a
    topic's name that no other topic's name has counting too ("trade" for "trade talks",
    "direct" for "direct talks"): where one word is a cue of several topics ("talks"), the
    article's own topic wins (see :func:`_sentence_stances`)."""
    named = Counter(word for name, _ in topic_phrases for word in set(name.lower().split()))
    own = {name: {w for w in name.lower().split() if named[w] == 1} for name, _ in topic_phrases}
    counts: Counter[str] = Counter()
    for sentence in sentences:
        for name, _ in topic_phrases:
            counts[name] += sum(j - i for i, j, _ in sentence.topics[name])
            counts[name] += sum(word in own[name] for word in sentence.split)
    order = {name: number for number, (name, _) in enumerate(topic_phrases)}
    return sorted(topic_phrases, key=lambda item: (-counts[item[0]], order[item[0]]))


def _sentence_stances(
    speech: ArticleSpeech,
    sentence: _Sentence,
    topic_phrases: list[tuple[str, _Phrases]],
    speakers: list[tuple[int, int, str]],
) -> list[_Stance]:
    """The stances of one sentence, one per actor and topic (a committed stance wins over
    neutral; the first cue wins among committed ones)."""
    words = sentence.split
    topic_spans = _one_topic_per_span(
        [(i, j, name) for name, _ in topic_phrases for i, j, _ in sentence.topics[name]]
    )
    if not topic_spans:
        return []
    cues = _cues()
    actions = {
        (i, j): label
        for phrases, label in ((cues.enact, SUPPORT), (cues.reduce, OPPOSE))
        for i, j, _ in phrases.find(words)
    }
    labelled = sorted(
        [(i, j, SUPPORT) for i, j, _ in cues.support.find(words)]
        + [(i, j, OPPOSE) for i, j, _ in cues.oppose.find(words)]
        + [(i, j, label) for (i, j), label in actions.items()]
        + _intents(speech, sentence, topic_spans)
    )
    directives = cues.directive.find(words)
    reporters = _speakers_of(speech, sentence)
    found: dict[tuple[str, str], _Stance] = {}
    consumed_until = -1
    for i, j, label in _longest(labelled):
        if i < consumed_until:
            continue
        directive = any(a < j and i < b for a, b, _ in directives)
        if directive:
            consumed_until = j + DIRECTIVE_WINDOW
        elif j < len(words) and words[j] == "that":
            continue  # "suggested that ...": reported speech, not a position
        topic_at = (
            _acted_on(words, topic_spans, i, j)
            if (i, j) in actions
            else _topic_after(words, topic_spans, i, j)
        )
        if topic_at is None:
            continue
        topic = topic_at[2]
        stance, modifier = _label(words, sentence, label, i, j)
        condition = _condition_before(speech, sentence, i) if stance in (SUPPORT, OPPOSE) else None
        if condition is not None:
            stance, modifier = CONDITIONAL, speech.text[condition[0] : condition[1]]
        if (i, j) not in actions and _reduced(words, j, topic_at):
            stance = {SUPPORT: OPPOSE, OPPOSE: SUPPORT}.get(stance, stance)
        holders = _holders(speech, sentence, i, speakers)
        names = {holder.name for holder in holders}
        holders += [r for r in _reporters(speech, sentence, i, reporters) if r.name not in names]
        if condition is not None:  # the one a condition is set on does not set it
            named = {c.name for c in speech.candidates(*condition)}
            holders = [holder for holder in holders if holder.name not in named]
        for holder in holders:
            if _in_condition(words, sentence, holder, i):
                break
            before = found.get((holder.name, topic))
            if before is not None and not (before.stance == SUPPORT and stance == CONDITIONAL):
                continue  # the first cue wins, but a condition qualifies a plain support
            found[(holder.name, topic)] = _Stance(
                holder.name,
                topic,
                stance,
                _text(sentence, i, j),
                modifier,
                holder.surface,
                sentence.spans[i][0],
                sentence.spans[j - 1][1],
            )
    committed = {topic for _, topic in found}
    topic_at = [(sentence.spans[i][0], sentence.spans[j - 1][1]) for i, j, _ in topic_spans]
    first = {}
    for (a, b), (_, _, topic) in zip(topic_at, topic_spans, strict=True):
        first.setdefault(topic, (a, b))
    for start, end, holder in reporters:
        condition = _condition(words, sentence, _offset_token(sentence, end))
        intent = None if condition else _reported_intent(speech, start, end, holder, topic_at)
        stance = CONDITIONAL if condition else NEUTRAL if intent is None else intent[0]
        cue = speech.text[start:end] if intent is None else intent[1]
        spoken = stance == NEUTRAL and not _cues().neutral.find(_tokens_of(cue))
        lo, hi = _clause_of(speech, sentence, start, end)
        inside = [
            t for (a, _), (_, _, t) in zip(topic_at, topic_spans, strict=True) if lo <= a < hi
        ]
        for side in [holder, *([] if intent is None else intent[2])]:
            for topic in inside:
                if intent is not None or topic not in committed:
                    found.setdefault(
                        (side.name, topic),
                        _Stance(
                            side.name,
                            topic,
                            stance,
                            cue,
                            condition,
                            side.surface,
                            start,
                            end,
                            first[topic] if spoken else None,
                        ),
                    )
    return list(found.values())


def _evaluated(rows: list[list[object]], pending: list[tuple[int, int, int]], method: str) -> None:
    """Turn the neutral rows of actors who speak about a topic into support or oppose when the
    sentence portrays the topic positively or negatively (the sentiment classifier's label
    toward the topic's words, :func:`analysis.sentiment.target_probabilities` by ``method``):
    praise of the talks is support, warning of the tariffs' consequences opposition.
    ``pending`` holds (row, start, end): the topic's offsets in the row's sentence."""
    if not pending:
        return
    evidence = S.STANCE_COLUMNS.index(S.EVIDENCE)
    probabilities = target_probabilities(
        [str(rows[row][evidence]) for row, _, _ in pending],
        [start for _, start, _ in pending],
        [end for _, _, end in pending],
        method=method,
    )
    for (row, _, _), (negative, neutral, positive) in zip(pending, probabilities, strict=True):
        if max(negative, positive) > neutral:
            positively = positive > negative
            rows[row][S.STANCE_COLUMNS.index(S.STANCE)] = SUPPORT if positively else OPPOSE
            rows[row][S.STANCE_COLUMNS.index(S.MODIFIER)] = (
                EVALUATED_POSITIVE if positively else EVALUATED_NEGATIVE
            )


def _clause_of(speech: ArticleSpeech, sentence: _Sentence, start: int, end: int) -> tuple[int, int]:
    """The offsets of the clause a speech verb speaks in: the whole sentence for its main
    verb, the verb's own subtree for one in a subordinate clause ("..., saying he was ready
    for talks", "what he calls 'this stupid war'"), with the noun a relative clause
    describes ("the negotiations, which Bessent characterized as respectful")."""
    if speech.doc is None:
        return sentence.start, sentence.end
    span = speech.doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span) or span[0].dep_ in ("ROOT", "conj"):
        return sentence.start, sentence.end
    verb = span[0]
    if verb.dep_ == "relcl":  # "the negotiations, which Bessent characterized as ...":
        verb = verb.head  # what it says is about the noun the clause describes
    return verb.left_edge.idx, verb.right_edge.idx + len(verb.right_edge)


def _infinitive(speech: ArticleSpeech, start: int, end: int) -> bool:
    """Whether the speech verb at ``[start, end)`` is an infinitive ("waiting for Russia to
    announce"): something expected or asked of its subject, not said."""
    if speech.doc is None:
        return False
    span = speech.doc.char_span(start, end, alignment_mode="expand")
    return (
        span is not None
        and len(span) > 0
        and span[0].tag_ == "VB"
        and any(child.dep_ == "aux" and child.lower_ == "to" for child in span[0].children)
    )


def _complement(speech: ArticleSpeech, start: int, end: int) -> list[Token]:
    """The clauses the speech verb at ``[start, end)`` governs ("said [that they will
    come]"), from the parse."""
    if speech.doc is None:
        return []
    span = speech.doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return []
    return [child for child in span[0].children if child.dep_ == "ccomp"]


def _own_side(speech: ArticleSpeech, clause: Token, speaker: Speaker) -> list[Speaker] | None:
    """Whether ``clause`` reports the speaker's own side: its subject is absent, "we",
    "they", the speaker, or an :data:`own_side` noun ("the Russian delegation"). The actors
    such a noun names (Russia) are returned with it; None when the subject is another
    actor, a noun of something else or "there" ("there would be no movement": a forecast)."""
    if any(child.dep_ == "expl" for child in clause.children):
        return None
    subjects = [child for child in clause.children if child.dep_ in ("nsubj", "nsubjpass")]
    if not subjects:
        return []
    subject = subjects[0]
    if subject.lower_ == "i":
        return []
    if subject.lower_ in ("we", "they"):
        return _affiliation(speech, speaker)
    found = speech.speaker_of(subject)
    if found is not None and found.how not in _NOT_HOLDERS and found.name == speaker.name:
        return []
    if not _cues().own_side.find([subject.lower_]):
        return None
    if found is None or found.how in _NOT_HOLDERS:
        return _affiliation(speech, speaker)
    return [found]


def _affiliation(speech: ArticleSpeech, speaker: Speaker) -> list[Speaker]:
    """The countries and organisations the speaker is described by ("Russian presidential
    aide Vladimir Medinsky, who headed Moscow's delegation": Russia; "U.S. Trade
    Representative Jamieson Greer": United States): the side a speaker's "we", "they" or
    "both sides" includes."""
    span = speech.parsed(speaker.start, speaker.end)
    if span is None:
        return []
    words = [w for w in _description(span.root) if not span.start <= w.i < span.end]
    if not words:
        return []
    mentions = {
        c.start: c
        for c in speech.candidates(words[0].idx, words[-1].idx + len(words[-1]))
        if c.how == "actor" and speech.kinds.get(c.name) in _SIDES
    }
    found: dict[str, Speaker] = {}
    for word in words:
        side = mentions.get(word.idx)
        country = "" if side is not None else country_of(word)
        if country:
            side = Speaker(country, word.text, word.idx, word.idx + len(word), "actor")
        if side is not None and side.name != speaker.name:
            found.setdefault(side.name, side)
    return list(found.values())


def _description(name: Token) -> list[Token]:
    """The words that describe a named person: titles before the name, an apposition and a
    relative clause with its object ("who leads Russia's delegation"), without the
    prepositional phrases that say where or with whom ("in talks with Ukraine"); in order."""
    words = [name]
    for child in name.children:
        if child.dep_ not in _NOT_DESCRIPTION:
            words += _description(child)
    return sorted(words, key=lambda t: t.i)


def _reported_intent(
    speech: ArticleSpeech,
    start: int,
    end: int,
    speaker: Speaker,
    topics: list[tuple[int, int]],
) -> tuple[str, str, list[Speaker]] | None:
    """The intention a speaker reports of their own side ("Russia said they would take
    place", "Medinsky said the Russian delegation will be waiting"): support (oppose when
    negated and the clause names one of the ``topics``, character spans, or when its verb
    reduces: "both countries will slash tariffs"; support again when both), the auxiliary as
    written, and the actors the subject names; None when the complement states no
    intention or is about another actor."""
    for clause in _complement(speech, start, end):
        chain = [clause, *(c for c in clause.children if c.dep_ == "xcomp")]
        auxiliaries = [
            child
            for token in chain
            for child in token.children
            if child.dep_ == "aux" and child.lower_ in INTENT_AUXILIARIES
        ]
        sides = _own_side(speech, clause, speaker)
        if not auxiliaries or sides is None:
            continue
        negated = any(child.dep_ == "neg" for token in chain for child in token.children)
        if negated and not any(start <= t.idx < end for t in _own(clause) for start, end in topics):
            continue  # "would not go to Istanbul" opposes no topic the clause does not name
        reduced = bool(_cues().reduce.find([token.lower_ for token in chain]))
        return (OPPOSE if negated != reduced else SUPPORT), auxiliaries[0].text, sides
    return None


def _own(clause: Token) -> list[Token]:
    """The tokens of ``clause`` without the clauses coordinated with it ("would not go to
    Istanbul [and that his team's mandate was to discuss a ceasefire]")."""
    joined = [child for child in clause.children if child.dep_ == "conj"]
    return [
        t for t in clause.subtree if not any(c.left_edge.i <= t.i <= c.right_edge.i for c in joined)
    ]


def _reporters(
    speech: ArticleSpeech,
    sentence: _Sentence,
    i: int,
    reporters: list[tuple[int, int, Speaker]],
) -> list[Speaker]:
    """The speaker whose own side's position the cue at token ``i`` states when the cue has
    no actor subject: the cue is in the clause a speech verb governs and that clause's
    subject is the speaker's side ("Medinsky said both sides agreed to ...")."""
    if speech.doc is None:
        return []
    span = speech.doc.char_span(*sentence.spans[i], alignment_mode="expand")
    if span is None or not len(span):
        return []
    token = span[0]
    if _expected_of(token):
        return []
    while token.dep_ not in ("ccomp", "ROOT") and token.head.i != token.i:
        token = token.head
    if token.dep_ != "ccomp":
        return _according(speech, sentence, token)
    verb = token.head
    found = []
    for start, end, speaker in reporters:
        sides = _own_side(speech, token, speaker) if start <= verb.idx < end else None
        if sides is not None:
            found += [speaker, *sides]
    return found


def _according(speech: ArticleSpeech, sentence: _Sentence, clause: Token) -> list[Speaker]:
    """The source of "according to X" on ``clause`` when the clause states X's own side's
    position ("According to Medinsky, the Russian side is ready to resume ...")."""
    for child in clause.children:
        if child.lower_ == "according":
            source = speech.parsed_speaker(token_span(child), sentence.span)
            if source is None or source.how in _NOT_HOLDERS:
                continue
            sides = _own_side(speech, clause, source)
            if sides is not None:
                return [source, *sides]
    return []


def _intents(
    speech: ArticleSpeech, sentence: _Sentence, topic_spans: list[tuple[int, int, str]]
) -> list[tuple[int, int, str]]:
    """Intentions stated with the topic's own verb, from the parse: the future or modal
    auxiliary of a topic verb ("Zelensky will meet Putin", "we will be waiting to meet"),
    or of a verb that is no cue with the topic as its object ("would establish a
    consultation mechanism", "will hold talks"), is a support cue, an opposition cue when
    the verb is negated ("will not meet")."""
    if speech.doc is None:
        return []
    found = []
    for i, j, _ in topic_spans:
        span = speech.doc.char_span(
            sentence.spans[i][0], sentence.spans[j - 1][1], alignment_mode="expand"
        )
        verb = span.root if span is not None and len(span) else None
        if verb is not None and verb.dep_ == "dobj" and not _cue_word(verb.head):
            verb = verb.head  # "would establish a consultation mechanism"
        if verb is None or verb.pos_ != "VERB":
            continue
        purpose = verb.dep_ == "advcl" and any(
            c.dep_ == "aux" and c.lower_ == "to" for c in verb.children
        )  # "will fly there to meet him"
        governing = [verb, verb.head] if verb.dep_ == "xcomp" or purpose else [verb]
        auxiliaries = [
            child
            for token in governing
            for child in token.children
            if child.dep_ == "aux" and child.lower_ in INTENT_AUXILIARIES
        ]
        if auxiliaries and sentence.start <= auxiliaries[0].idx < sentence.end:
            k = _offset_token(sentence, auxiliaries[0].idx)
            negated = any(child.dep_ == "neg" for t in governing for child in t.children)
            found.append((k, k + 1, OPPOSE if negated else SUPPORT))
    return found


def _cue_word(token: Token) -> bool:
    """Whether ``token`` is a stance cue of its own (support, oppose, enact, reduce)."""
    cues = _cues()
    words = [token.lower_]
    return any(p.find(words) for p in (cues.support, cues.oppose, cues.enact, cues.reduce))


def _one_topic_per_span(spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Topic cue spans in order, one topic per stretch of words: of overlapping spans, the
    longer, then the one listed first (the topics come ranked by :func:`_ranked_topics`)."""
    kept: list[tuple[int, int, str]] = []
    for span in sorted(spans, key=lambda s: (s[0], -(s[1] - s[0]))):
        if not any(span[0] < b and a < span[1] for a, b, _ in kept):
            kept.append(span)
    return sorted(kept)


def _split_negations(words: list[str]) -> list[str]:
    """Words with every "doesn't" / "didn’t" made the single negation token "n't"."""
    return ["n't" if w.endswith(("n't", "n’t")) else w for w in words]


def _longest(spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Spans without overlaps, the earlier (and at one start, the longer) kept."""
    kept: list[tuple[int, int, str]] = []
    for span in sorted(spans, key=lambda s: (s[0], -s[1])):
        if not kept or span[0] >= kept[-1][1]:
            kept.append(span)
    return kept


def _topic_after(
    words: list[str], topic_spans: list[tuple[int, int, str]], cue_start: int, cue_end: int
) -> tuple[int, int, str] | None:
    """The topic a cue governs: the first topic cue after it in its clause, within
    :data:`TOPIC_WINDOW` words, else the nearest one before it in its clause ("the ceasefire
    proposal", "a condition Kyiv has consistently rejected")."""
    for span in topic_spans:
        i = span[0]
        if cue_end <= i <= cue_end + TOPIC_WINDOW and not _CLAUSE_BREAK & set(words[cue_end:i]):
            return span
    for span in reversed(topic_spans):
        i, j, _ = span
        clause = not (_CLAUSE_BREAK | {"that", "which"}) & set(words[j:cue_start])
        if cue_start - TOPIC_WINDOW <= i and j <= cue_start and clause:
            return span
    return None


def _reduced(words: list[str], cue_end: int, topic: tuple[int, int, str]) -> bool:
    """Whether the cue governs a reduction of its topic: a reduce cue between them ("agreed
    to a pause in tariffs") or right after the topic ("welcomed the tariff cuts", "agree to
    a tariff truce")."""
    reduce = _cues().reduce
    if topic[0] >= cue_end and reduce.find(words[cue_end : topic[0]]):
        return True
    return bool(reduce.find(words[topic[1] : topic[1] + 1]))


def _acted_on(
    words: list[str], topic_spans: list[tuple[int, int, str]], cue_start: int, cue_end: int
) -> tuple[int, int, str] | None:
    """The topic an enact or reduce cue acts on: the topic right before it ("a tariff
    pause"), else its object right after it, within :data:`ACTION_WINDOW` words ("imposed
    sweeping tariffs"); None when it acts on no topic."""
    for span in topic_spans:
        if span[1] == cue_start:
            return span
    for span in topic_spans:
        i = span[0]
        if cue_end <= i <= cue_end + ACTION_WINDOW and not _CLAUSE_BREAK & set(words[cue_end:i]):
            return span
    return None


def _offset_token(sentence: _Sentence, offset: int) -> int:
    """Index of the first token starting at or after ``offset``."""
    return next((n for n, (s, _) in enumerate(sentence.spans) if s >= offset), len(sentence.spans))


def _quote_speaker(offset: int, speakers: list[tuple[int, int, str]]) -> str | None:
    return next((name for start, end, name in speakers if start <= offset < end), None)


def _holders(
    speech: ArticleSpeech, sentence: _Sentence, i: int, speakers: list[tuple[int, int, str]]
) -> list[Speaker]:
    """The actors whose position the cue at token ``i`` states: its holder and the actors
    coordinated with it, by position or in the parse ("Both Trump and Putin have said they
    are keen to meet", "The United States and China have agreed ...", "China and the United
    States would establish ...") and the country a body acting for it names ("China's
    Ministry of Commerce": China)."""
    holder = _holder(speech, sentence, i, speakers)
    if holder is None:
        return []
    holders = [holder]
    for candidate in reversed(speech.candidates(sentence.start, holder.start)):
        between = speech.text[candidate.end : holders[-1].start]
        if candidate.how in _NOT_HOLDERS or not _COORDINATION.fullmatch(between):
            break
        holders.append(candidate)
    last = holder
    for candidate in speech.candidates(holder.end, sentence.spans[i][0]):
        between = speech.text[last.end : candidate.start]
        if candidate.how in _NOT_HOLDERS or not _COORDINATION.fullmatch(between):
            break
        holders.append(candidate)
        last = candidate
    return _with_sides(speech, holders + _conjoined(speech, holder))


def _with_sides(speech: ArticleSpeech, holders: list[Speaker]) -> list[Speaker]:
    """``holders`` (each name once) and the country each body among them acts for: a
    mention headed by an :data:`own_side` noun ("China's Ministry of Commerce", "the Russian
    Foreign Ministry") gives the country its name or description names the position too."""
    found = {holder.name: holder for holder in holders}
    for holder in holders:
        span = speech.parsed(holder.start, holder.end)
        if span is None or not _cues().own_side.find([span.root.lower_]):
            continue
        named = [
            Speaker(country, token.text, token.idx, token.idx + len(token), "actor")
            for token in span
            if (country := country_of(token)) and country != holder.name
        ]
        for side in [*named, *_affiliation(speech, holder)]:
            found.setdefault(side.name, side)
    return list(found.values())


def _holder(
    speech: ArticleSpeech, sentence: _Sentence, i: int, speakers: list[tuple[int, int, str]]
) -> Speaker | None:
    """The actor whose position the cue at token ``i`` states, or None. In a quote, a cue
    after "I"/"we" or before "our"/"my" with no other holder is the speaker's."""
    cue_start, cue_end = sentence.spans[i]
    speaker = _quote_speaker(cue_start, speakers)
    for word, (start, end) in reversed(
        list(zip(sentence.words[max(0, i - 3) : i], sentence.spans[max(0, i - 3) : i], strict=True))
    ):
        if first_person(word) and speaker is not None:
            return Speaker(speaker, speech.text[start:end], start, end, "speaker")
    token = _cue_token(speech, cue_start, cue_end)
    if token is not None and (_passive(token) or _expected_of(token)):
        return None
    if token is not None and token.pos_ == "NOUN" and _owner(token) is not None:
        return _possessor(speech, token)
    found = speech.speaker_for(
        Span(cue_start, cue_end),
        Span(sentence.start, cue_start),
        sentence.start,
        quoted=speaker is not None,
        max_gap=HOLDER_GAP_WORDS,
        trailing=2,
    )
    if found is not None and found.how not in _NOT_HOLDERS:
        return found
    if speaker is None:
        return None
    for n in range(i + 1, min(i + 1 + ACTION_WINDOW, len(sentence.words))):
        if sentence.words[n].lower() in _FIRST_PERSON_OWNERS:  # "a pause for our tariffs"
            start, end = sentence.spans[n]
            return Speaker(speaker, speech.text[start:end], start, end, "speaker")
    return None


def _cue_token(speech: ArticleSpeech, start: int, end: int) -> Token | None:
    """The parse's token of a one-word cue at ``[start, end)``; None for a cue of several
    words or without a parse."""
    span = speech.parsed(start, end)
    return span[0] if span is not None and len(span) == 1 else None


def _passive(verb: Token) -> bool:
    """Whether a cue is a passive verb ("Trump had been invited to the meeting"): its subject
    is the one acted on, not the holder. A participle of state ("is prepared to resume", "is
    prepared for talks") is no passive."""
    deps = {child.dep_ for child in verb.children}
    return (
        {"auxpass", "nsubjpass"} <= deps
        and "xcomp" not in deps
        and verb.lemma_ not in _STATE_PARTICIPLES
    )


def _expected_of(token: Token) -> bool:
    """Whether a cue is in what someone waits for or asks of another ("waiting for Russia to
    announce its delegation", "waiting for Putin to give a simple 'yes' to the proposal"):
    an infinitive with its own subject after "for" states no position of that subject, nor
    of the one who waits."""
    for verb in [token, *token.ancestors]:
        deps = {(child.dep_, child.lower_) for child in verb.children}
        if ("mark", "for") in deps and any(dep == "nsubj" for dep, _ in deps):
            return True
    return False


def _owner(noun: Token) -> Token | None:
    """Who a cue noun belongs to in the parse: its possessor ("Kyiv's plan") or the object
    of "of" / "by" after it ("the backing of US President Donald Trump", "a proposal by
    Russia"); None when the parse names no one."""
    for child in noun.children:
        if child.dep_ == "poss":
            return child
        if child.dep_ == "prep" and child.lower_ in ("of", "by"):
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects and objects[0].pos_ == "PROPN":
                return objects[0]
    return None


def _possessor(speech: ArticleSpeech, noun: Token) -> Speaker | None:
    """The holder of a cue noun with an owner (:func:`_owner`): the actor the owner names
    ("Kyiv's ceasefire plan", "Putin's offer"), or None when it names none ("world
    leaders' demands for a ceasefire" are no position of the sentence's subject)."""
    owner = _owner(noun)
    if owner is None:
        return None
    lo = owner.left_edge.idx
    hi = owner.right_edge.idx + len(owner.right_edge)
    return next((c for c in speech.candidates(lo, hi) if c.how not in _NOT_HOLDERS), None)


def _in_condition(words: list[str], sentence: _Sentence, holder: Speaker, i: int) -> bool:
    """Whether the cue is in a condition clause ("provided Russia agrees", "but if Russian
    ruler Vladimir Putin agrees"): a condition opens the clause before the holder."""
    first = _offset_token(sentence, holder.start)
    if first > i:
        return False
    opening = first
    while opening > 0 and words[opening - 1] not in _CLAUSE_BREAK | {","}:
        opening -= 1
    lead = words[max(0, opening - 1) : first]
    return bool(_cues().condition.find(lead))


def _label(words: list[str], sentence: _Sentence, label: str, i: int, j: int) -> tuple[str, str]:
    """The stance of a cue and the words that modified it (see ``stance_cues.toml``)."""
    cues = _cues()
    lead = max(0, i - 4)
    negation = cues.negation.find(words[lead:i])
    hedge = cues.hedge.find(words[lead:i])
    if label == SUPPORT and hedge:
        first = min([hedge[0][0], *(n[0] for n in negation)])
        return CONDITIONAL, _text(sentence, lead + first, i)
    if negation:
        return (OPPOSE if label == SUPPORT else CONDITIONAL), _text(
            sentence, lead + negation[0][0], i
        )
    condition = _condition(words, sentence, j)
    return (CONDITIONAL, condition) if condition else (label, "")


def _condition_before(speech: ArticleSpeech, sentence: _Sentence, i: int) -> tuple[int, int] | None:
    """Where the condition is that the parse hangs on the verb of the cue at token ``i``
    ahead of it ("if Putin agrees to come to Istanbul, both he and Erdoğan will fly there to
    meet him"): an adverbial clause opened by a condition word; None when there is none."""
    token = _cue_token(speech, *sentence.spans[i])
    if token is None:
        return None
    verbs = [token, *token.ancestors][:3]
    for verb in verbs:
        for clause in verb.children:
            if clause.dep_ != "advcl" or clause.i > token.i:
                continue
            marks = [c for c in clause.children if c.dep_ == "mark"]
            if marks and _cues().condition.find([marks[0].lower_]):
                return marks[0].idx, clause.right_edge.idx + len(clause.right_edge)
    return None


def _until_break(words: list[str]) -> list[str]:
    """``words`` up to the first clause break ("but", "while", ";")."""
    for n, word in enumerate(words):
        if word in _CLAUSE_BREAK:
            return words[:n]
    return words


def _condition(words: list[str], sentence: _Sentence, j: int) -> str:
    """The condition (as written) in the clause after token ``j``, or ""."""
    cues = _cues()
    after = _until_break(words[j : j + CONDITION_WINDOW])
    for a, b, _ in cues.condition.find(after):
        if not cues.unconditional.find(after[max(0, a - 2) : a]) and not cues.unconditional.find(
            after[a:b]
        ):
            return _text(sentence, j + a, j + b).lstrip(", ")
    return ""


def _text(sentence: _Sentence, i: int, j: int) -> str:
    """The sentence's text from token ``i`` to token ``j`` (exclusive), as written."""
    if j <= i:
        return ""
    start = sentence.spans[i][0] - sentence.start
    end = sentence.spans[j - 1][1] - sentence.start
    return sentence.text[start:end]


def _speakers_of(speech: ArticleSpeech, sentence: _Sentence) -> list[tuple[int, int, Speaker]]:
    """``(start, end, holder)`` of each speech verb or neutral cue with an actor subject."""
    found = []
    cues = [  # "according to X" passes on what X reports of others: no position of X's
        (m.start(), m.end())
        for m in verbs_in(speech.text, sentence.start, sentence.end)
        if not speech.inside_quote(*m.span()) and not m.group().lower().startswith("according")
    ]
    cues += [
        (sentence.spans[i][0], sentence.spans[j - 1][1])
        for i, j, _ in _cues().neutral.find(sentence.split)
    ]
    for start, end in sorted(cues):
        if _infinitive(speech, start, end):
            continue
        holder = speech.speaker_for(Span(start, end), sentence.span, sentence.start)
        if holder is not None and holder.how not in _NOT_HOLDERS:
            found += [
                (start, end, each)
                for each in _with_sides(speech, [holder, *_conjoined(speech, holder)])
            ]
    return found


def _conjoined(speech: ArticleSpeech, speaker: Speaker) -> list[Speaker]:
    """The actors coordinated with ``speaker`` in the parse ("Greer and Treasury Secretary
    Scott Bessent revealed ...")."""
    span = speech.parsed(speaker.start, speaker.end)
    if span is None:
        return []
    found = [speech.speaker_of(token) for token in span.root.conjuncts]
    return [s for s in found if s is not None and s.how not in _NOT_HOLDERS and s != speaker]


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
    cues = _cues()
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
    cues = _cues()
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
    known = [phrases for _, phrases in _topic_phrases(topics or default_topics())]
    unknown = [not any(p.find(term.split()) for p in known) for term in terms[S.TERM]]
    kept = terms[pd.Series(unknown, index=terms.index, dtype=bool)]
    frame = kept.assign(suggested=kept[S.TERM] + "*")
    ordered = frame.sort_values(["statements", S.TERM], ascending=[False, True])
    return ordered.head(top).reset_index(drop=True)


def add_topic(topics: Topics, name: str, cue: str) -> Topics:
    """``topics`` with a new topic ``name`` found by ``cue``; unchanged when a topic of that
    name exists."""
    if any(topic.name == name for topic in topics):
        return topics
    return _validated((*topics, _topic(name, [cue], len(topics) + 1)))
