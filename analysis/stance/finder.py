"""The stance finder: the stance table of a set of articles, sentence by sentence.

1. a sentence counts for a topic when one of the topic's cues occurs in it; where one word
   is a cue of several topics, the article's own topic wins;
2. each support or oppose cue is given its holders (:mod:`analysis.stance.holders`) and a
   topic and a label (:mod:`analysis.stance.polarity`);
3. an actor who speaks about a topic in their clause with no cue holds the position the
   sentiment classifier reads toward the topic's words (positive: support, negative:
   oppose); "discuss", "consider" and a neutral reading are neutral; a clause with a subject
   of its own hung on the speech verb ("after Trump unleashed ...") is another event;
4. the holder of a clause about a topic's mention (:mod:`analysis.stance.agents`) holds the
   position the classifier reads toward the mention; a neutral reading is no position, and a
   holder never opposes itself (its own topic: only praise counts, as support);
5. topics may be actors (:mod:`analysis.stance.targets`): a topic named after an actor takes
   the actor's mentions as its own, every other person, country and organisation is a target
   under its name, and a verb of praise or attack whose object names the actor states a
   position toward it (no holder toward itself); a row's ``target_kind`` says which.

Stance comes only from what the sentence says, never from who the actor is.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from typing import NamedTuple

import pandas as pd
from spacy.tokens import Doc

from analysis import schema as S
from analysis.actors import Registry
from analysis.sentiment import TRANSFORMER
from analysis.speech import ArticleSpeech, Speaker
from analysis.stance.agents import agents, is_argument
from analysis.stance.cues import (
    CONDITIONAL,
    DIRECTIVE_WINDOW,
    NEUTRAL,
    OPPOSE,
    SUPPORT,
    Phrases,
    Sentence,
    cue_lists,
    longest,
    offset_token,
    one_topic_per_span,
    read_sentence,
    text_of,
    tokens_of,
    topic_cues,
)
from analysis.stance.holders import (
    cue_holders,
    cue_token,
    quote_speakers,
    reporting_holders,
    speakers_in,
)
from analysis.stance.polarity import (
    acted_on,
    condition_after,
    condition_before,
    cue_label,
    in_condition,
    intents,
    negated_above,
    particle,
    reduces_topic,
    reported_intent,
    topic_after,
)
from analysis.stance.pronouns import Genders, pronoun_targets
from analysis.stance.readings import DONE, OWN, SPOKEN, evaluated
from analysis.stance.targets import (
    ACTOR,
    TOPIC,
    actor_stances,
    actor_targets,
    outside_clause,
    received,
    with_actor_spans,
)
from analysis.stance.topics import Topics, default_topics


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
    topics = topics if topics is not None else default_topics()
    topic_phrases = topic_cues(topics)
    named = {topic.name for topic in topics}
    sentence_groups = dict(tuple(sentences.groupby(S.ARTICLE_ID, sort=False)))
    mention_groups = dict(tuple(mentions.groupby(S.ARTICLE_ID, sort=False)))
    direct = quotes[quotes[S.DIRECT].astype(bool)]
    quote_groups = dict(tuple(direct.groupby(S.ARTICLE_ID, sort=False)))
    rows: list[list[object]] = []
    pending: list[tuple[int, int, int, str]] = []
    groups: list[tuple[object, ...]] = []
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
        speakers = quote_speakers(quote_groups.get(identifier))
        quote_starts = {start for start, _, _ in speakers}
        targets = {
            target.topic: target.actors
            for target in actor_targets(
                topics, mention_groups.get(identifier, mentions.iloc[0:0]), registry
            )
        }
        actor_topics = {topic: actors for topic, actors in targets.items() if topic in named}
        sentences_ = [
            with_actor_spans(speech, read_sentence(speech, row, topic_phrases), actor_topics)
            for row in range(len(speech.sentences))
        ]
        ranked = _ranked_topics(sentences_, topic_phrases)
        genders = Genders(speech)
        for sentence in sentences_:
            stances = {
                (found.actor, found.topic): found
                for found in _sentence_stances(
                    speech,
                    sentence,
                    ranked,
                    speakers,
                    persons=frozenset(actor_topics),
                    genders=genders,
                )
            }
            for found in actor_stances(speech, sentence, targets, speakers):
                stances[(found.holder.name, found.topic)] = _Stance(
                    found.holder.name,
                    found.topic,
                    found.stance,
                    found.cue,
                    found.modifier,
                    found.holder.surface,
                    found.start,
                    found.end,
                )
            for found in stances.values():
                if found.about is not None:
                    start, end = found.about
                    pending.append(
                        (len(rows), start - sentence.start, end - sentence.start, found.reading)
                    )
                    groups.append(  # one quote, one position of its speaker toward a topic
                        (identifier, found.actor, found.topic, found.start)
                        if found.start in quote_starts
                        else (len(rows),)
                    )
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
                        ACTOR if found.topic in targets else TOPIC,
                    ]
                )
    rows = evaluated(rows, pending, sentiment, groups=groups)
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
    #: how a portrayal read from the sentence becomes a stance (:data:`SPOKEN`, :data:`DONE`,
    #: :data:`OWN`)
    reading: str = "spoken"


def _ranked_topics(
    sentences: list[Sentence], topic_phrases: list[tuple[str, Phrases]]
) -> list[tuple[str, Phrases]]:
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
    sentence: Sentence,
    topic_phrases: list[tuple[str, Phrases]],
    speakers: list[tuple[int, int, str]],
    *,
    genders: Genders,
    persons: frozenset[str] = frozenset(),
) -> list[_Stance]:
    """The stances of one sentence, one per actor and topic (a committed stance wins over
    neutral; the first cue wins among committed ones). A directive whose topic is one of
    ``persons`` (topics named after an actor) asks that actor to act ("called on Trump to
    get his act together or drop out"): it states no support of them, and what it says of
    them is read by the model (:mod:`analysis.stance.agents`). A cue the parse reads as a
    particle ("has bounced back in the polls") is no cue, and a negation of the verb a cue is
    governed by or coordinated with negates it ("does not endorse and support me"). A
    speaker who speaks of a person with no cue takes a position only when the model reads
    one toward them (mentioning a person is no neutral position, as speaking of talks is) and
    when the person is an argument of what is said (:func:`analysis.stance.agents.is_argument`).
    ``genders`` is the article's :class:`~analysis.stance.pronouns.Genders`."""
    words = sentence.split
    topic_spans = one_topic_per_span(
        [(i, j, name) for name, _ in topic_phrases for i, j, _ in sentence.topics[name]]
    )
    targets = pronoun_targets(speech, sentence, topic_phrases, speakers, genders=genders)
    if not topic_spans and not targets:
        return []
    cues = cue_lists()
    actions = {
        (i, j): label
        for phrases, label in ((cues.enact, SUPPORT), (cues.reduce, OPPOSE))
        for i, j, _ in phrases.find(words)
    }
    labelled = sorted(
        [(i, j, SUPPORT) for i, j, _ in cues.support.find(words)]
        + [(i, j, OPPOSE) for i, j, _ in cues.oppose.find(words)]
        + [(i, j, label) for (i, j), label in actions.items()]
        + intents(speech, sentence, topic_spans)
    )
    directives = cues.directive.find(words)
    phrases = dict(topic_phrases)
    reporters = speakers_in(speech, sentence)
    found: dict[tuple[str, str], _Stance] = {}
    consumed_until = -1
    for i, j, label in longest(labelled):
        if i < consumed_until:
            continue
        directive = any(a < j and i < b for a, b, _ in directives)
        if directive:
            consumed_until = j + DIRECTIVE_WINDOW
        elif j < len(words) and words[j] == "that":
            continue  # "suggested that ...": reported speech, not a position
        topic_at = (
            acted_on(words, topic_spans, i, j)
            if (i, j) in actions
            else topic_after(words, topic_spans, i, j)
        )
        if topic_at is None:
            continue
        topic = topic_at[2]
        if directive and topic in persons:
            continue
        target = (sentence.spans[topic_at[0]][0], sentence.spans[topic_at[1] - 1][1])
        cue = cue_token(speech, *sentence.spans[i])
        if outside_clause(speech, sentence.spans[i], target) or (cue and received(cue)):
            continue
        if cue is not None and j - i == 1 and particle(cue):
            continue
        stance, modifier = cue_label(words, sentence, label, i, j)
        negated = None if modifier or cue is None else negated_above(cue)
        if negated is not None and stance in (SUPPORT, OPPOSE):
            stance = OPPOSE if stance == SUPPORT else CONDITIONAL
            modifier = negated
        condition = condition_before(speech, sentence, i) if stance in (SUPPORT, OPPOSE) else None
        if condition is not None:
            stance, modifier = CONDITIONAL, speech.text[condition[0] : condition[1]]
        if (i, j) not in actions and reduces_topic(words, j, topic_at):
            stance = {SUPPORT: OPPOSE, OPPOSE: SUPPORT}.get(stance, stance)
        holders = cue_holders(speech, sentence, i, speakers)
        names = {holder.name for holder in holders}
        holders += [
            r for r in reporting_holders(speech, sentence, i, reporters) if r.name not in names
        ]
        if condition is not None:  # the one a condition is set on does not set it
            named = {c.name for c in speech.candidates(*condition)}
            holders = [holder for holder in holders if holder.name not in named]
        for holder in holders:
            if in_condition(words, sentence, holder, i):
                break
            if stance == OPPOSE and _own(phrases, topic, holder):
                continue  # a holder never opposes itself: "Trump has denied the charge"
            before = found.get((holder.name, topic))
            if before is not None and not (before.stance == SUPPORT and stance == CONDITIONAL):
                continue  # the first cue wins, but a condition qualifies a plain support
            found[(holder.name, topic)] = _Stance(
                holder.name,
                topic,
                stance,
                text_of(sentence, i, j),
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
        condition = condition_after(words, sentence, offset_token(sentence, end))
        intent = None if condition else reported_intent(speech, start, end, holder, topic_at)
        stance = CONDITIONAL if condition else NEUTRAL if intent is None else intent[0]
        cue = speech.text[start:end] if intent is None else intent[1]
        spoken = stance == NEUTRAL and not cue_lists().neutral.find(tokens_of(cue))
        lo, hi = _clause_of(speech, sentence, start, end)
        aside = _aside(speech, start, end)
        inside = [
            t
            for (a, _), (_, _, t) in zip(topic_at, topic_spans, strict=True)
            if lo <= a < hi and not any(x <= a < y for x, y in aside)
        ]
        for side in [holder, *([] if intent is None else intent[2])]:
            for topic in inside:
                person = spoken and topic in persons
                if person and not is_argument(speech, *first[topic]):
                    continue  # the clause is about something the person only qualifies
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
                            OWN if _own(phrases, topic, side) else DONE if person else SPOKEN,
                        ),
                    )
    for agent in agents(speech, sentence, topic_spans, speakers, pronouns=targets):
        key = (agent.holder.name, agent.topic)
        if key in found:
            continue
        found[key] = _Stance(
            agent.holder.name,
            agent.topic,
            NEUTRAL,
            agent.verb,
            "",
            agent.holder.surface,
            agent.start,
            agent.end,
            agent.about,
            OWN if _own(phrases, agent.topic, agent.holder) else DONE,
        )
    return list(found.values())


def _own(phrases: Mapping[str, Phrases], topic: str, holder: Speaker) -> bool:
    """Whether ``topic`` is the holder itself: one of its cues is in the holder's name."""
    return bool(phrases[topic].find(tokens_of(holder.name)))


def _aside(speech: ArticleSpeech, start: int, end: int) -> list[tuple[int, int]]:
    """The offsets of the adverbial clauses with a subject of their own on the speech verb at
    ``[start, end)``: another event, not what the speaker says ("spoke to reporters after
    Trump unleashed a series of tweets", "When Clinton noted that ..., Trump boasted")."""
    span = None if speech.doc is None else speech.doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return []
    return [
        (clause.left_edge.idx, clause.right_edge.idx + len(clause.right_edge))
        for clause in span[0].children
        if clause.dep_ == "advcl" and any(c.dep_ in ("nsubj", "nsubjpass") for c in clause.children)
    ]


def _clause_of(speech: ArticleSpeech, sentence: Sentence, start: int, end: int) -> tuple[int, int]:
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
