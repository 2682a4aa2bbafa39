"""Actors as targets: positions toward a person, country or organisation ("who attacks
whom").

A topic of the topic file named after an actor (its name or one of its cues is the name of
an actor the article mentions, or of a registry actor or one of its aliases) takes that
actor's mentions as its own: every surface form of the mentions table, pronouns included
(:func:`with_actor_spans`). Every other person, country and organisation an article
mentions is a target of its own, under its name (:func:`actor_targets`). A target that is
an actor gives rows whose ``target_kind`` is :data:`ACTOR`; a topic's rows are
:data:`TOPIC`.

A position toward an actor is stated by a verb or noun of the ``praise`` list (support) or
of the ``attack`` and ``oppose`` lists (oppose) of ``stance_cues.toml`` whose object in the
parse names the actor (:func:`actor_stances`): "Cruz endorsed Trump", "lashed out at
Clinton", "attacked Trump's record", "his criticism of Clinton"; a passive's agent holds it
("Clinton was attacked by Trump"); a noun of position that someone receives names the
target as the receiver ("Trump won the endorsement of the NRA"). Negations, hedges and
conditions change the label as for topics, and a praise verb that a refusal governs
("refused to endorse Trump") opposes.

These verbs give no position of a holder toward itself ("Trump has denied the charge" is no
position of Trump toward Trump). Two rules hold for every target (the finder applies them
to the cues of topics too): a cue inside a relative clause states nothing about what comes
after it ("Clinton, who drew support from half the voters, leads Trump"); a noun of
position that the subject of its clause receives ("drew support from", the ``receive``
list) is no position of that subject (:func:`outside_clause`, :func:`received`).
"""

from __future__ import annotations

import bisect
from collections.abc import Mapping
from typing import NamedTuple

import pandas as pd
from spacy.tokens import Token

from analysis import schema as S
from analysis.actors import Registry, default_registry
from analysis.speech import ArticleSpeech, Speaker
from analysis.stance.cues import OPPOSE, SUPPORT, Sentence, cue_lists, text_of
from analysis.stance.holders import cue_holders
from analysis.stance.polarity import cue_label
from analysis.stance.topics import Topics

#: ``target_kind`` of a statement toward an actor, and toward a topic.
ACTOR = "actor"
TOPIC = "topic"
#: Kinds of actor that are targets of their own.
TARGET_KINDS = frozenset({"person", "country", "organisation"})
#: Prepositions after a verb that introduce whom it is about ("lashed out at", "campaigned
#: for", "railed against", "sided with"), and after a noun ("criticism of", "attack on").
_VERB_PREPOSITIONS = frozenset({"at", "against", "for", "with", "on", "by", "behind", "after"})
_NOUN_PREPOSITIONS = frozenset({"of", "on", "at", "against", "for", "toward", "towards", "to"})
#: Dependencies of the words that make one mention with an object ("Trump's record",
#: "Hillary Clinton", "him").
_OWNERS = frozenset({"poss", "compound"})


class Target(NamedTuple):
    """A topic name and the actors whose mentions are its mentions."""

    topic: str
    actors: frozenset[str]


def _fold(name: str) -> str:
    return " ".join(name.replace("’", "'").lower().split())


def actor_targets(
    topics: Topics, mentions: pd.DataFrame, registry: Registry | None = None
) -> list[Target]:
    """The actor targets of one article: the topics of ``topics`` named after an actor (its
    name or a cue without * is an actor's name in ``mentions`` or a registry actor's name or
    alias), with those actors, then each other person, country and organisation of
    ``mentions`` under its own name, most mentioned first."""
    kinds = mentions[mentions[S.ACTOR_KIND].isin(TARGET_KINDS)]
    counts = kinds[S.ACTOR].value_counts(sort=False)
    mentioned = sorted(counts.index, key=lambda actor: (-int(counts[actor]), str(actor)))
    names: dict[str, set[str]] = {}
    for actor in mentioned:
        names.setdefault(_fold(actor), set()).add(actor)
    for actor in registry or default_registry():
        if actor.kind in TARGET_KINDS:
            for name in (actor.name, *actor.aliases):
                names.setdefault(_fold(name), set()).add(actor.name)
    found: list[Target] = []
    for topic in topics:
        words = [topic.name, *(cue for cue in topic.cues if not cue.endswith("*"))]
        actors = frozenset(a for word in words for a in names.get(_fold(word), ()))
        if actors:
            found.append(Target(topic.name, actors))
    covered = {actor for target in found for actor in target.actors}
    named = {target.topic for target in found}
    found += [
        Target(str(actor), frozenset({str(actor)}))
        for actor in mentioned
        if actor not in covered and actor not in named
    ]
    return found


def _mention_spans(
    speech: ArticleSpeech, sentence: Sentence, actors: frozenset[str]
) -> list[tuple[int, int]]:
    """The token spans (in ``sentence.split``) of the mentions of ``actors`` in the
    sentence."""
    first = bisect.bisect_left(speech.mentions, sentence.start, key=lambda m: m[2])
    last = bisect.bisect_left(speech.mentions, sentence.end, key=lambda m: m[2])
    starts = [start for start, _ in sentence.spans]
    spans = []
    for actor, _, start, end in speech.mentions[first:last]:
        if actor not in actors:
            continue
        i = bisect.bisect_left(starts, start)
        j = bisect.bisect_left(starts, end)
        if i < j:
            spans.append((i, j))
    return spans


def with_actor_spans(
    speech: ArticleSpeech, sentence: Sentence, targets: Mapping[str, frozenset[str]]
) -> Sentence:
    """``sentence`` with the mentions of each topic's actors (``targets``: topic name to
    actors) among that topic's matches."""
    topics = dict(sentence.topics)
    for topic, actors in targets.items():
        spans = _mention_spans(speech, sentence, actors)
        if spans:
            known = {(i, j) for i, j, _ in topics.get(topic, [])}
            added = [(i, j, topic) for i, j in spans if (i, j) not in known]
            topics[topic] = sorted([*topics.get(topic, []), *added])
    return sentence._replace(topics=topics)


class ActorStance(NamedTuple):
    """A position toward an actor target found by :func:`actor_stances`."""

    holder: Speaker
    topic: str
    stance: str
    cue: str
    modifier: str
    start: int
    end: int


def _token(speech: ArticleSpeech, start: int, end: int) -> Token | None:
    span = speech.parsed(start, end)
    return None if span is None else span[0]


def _core(token: Token) -> list[Token]:
    """The words of one noun phrase's head that name whom it is about: the head, its
    owners and name parts ("Trump's record": Trump; "Hillary Clinton")."""
    return [token, *(child for child in token.children if child.dep_ in _OWNERS)]


def _objects(cue: Token) -> list[Token]:
    """Whom a cue word is about in the parse: a verb's direct object (else the object of
    "at / against / for / with / on / behind / after", also after a particle: "lashed out
    at"), a noun's object after "of / on / against / for / to"."""
    if cue.pos_ in ("NOUN", "PROPN"):
        return [
            pobj
            for child in cue.children
            if child.dep_ == "prep" and child.lower_ in _NOUN_PREPOSITIONS
            for pobj in child.children
            if pobj.dep_ == "pobj"
        ]
    direct = [child for child in cue.children if child.dep_ in ("dobj", "dative")]
    if direct:
        return direct
    return [
        pobj
        for child in cue.children
        if child.dep_ == "prep" and child.lower_ in _VERB_PREPOSITIONS - {"by"}
        for pobj in child.children
        if pobj.dep_ == "pobj"
    ]


def _targets_in(
    speech: ArticleSpeech, words: list[Token], targets: Mapping[str, frozenset[str]]
) -> list[str]:
    """The topics of ``targets`` whose actors a mention over one of ``words`` names."""
    found: list[str] = []
    for word in words:
        last = bisect.bisect_right(speech.mentions, word.idx, key=lambda m: m[2])
        for actor, _, start, end in speech.mentions[max(0, last - 3) : last]:
            if start <= word.idx < end:
                found += [t for t, actors in targets.items() if actor in actors and t not in found]
    return found


def received(cue: Token) -> bool:
    """Whether a noun of position is what the subject of its clause receives ("drew support
    from", "won the endorsement of": the ``receive`` list): no position of the subject."""
    return (
        cue.pos_ == "NOUN"
        and cue.dep_ in ("dobj", "attr")
        and bool(cue_lists().receive.find([cue.head.lower_]))
    )


def outside_clause(speech: ArticleSpeech, cue: tuple[int, int], target: tuple[int, int]) -> bool:
    """Whether the cue at ``cue`` (offsets) lies in a relative clause and ``target``
    (offsets) comes after it, in the clause it interrupts: such a cue says nothing about the
    target ("Clinton, who drew support from half the voters, leads Trump"). What the clause
    describes comes before it ("the ceasefire, which Russia rejected"; "Ukraine must pull
    out of the regions, a condition Kyiv has rejected")."""
    token = _token(speech, *cue)
    if token is None:
        return False
    clause = next((t for t in [token, *token.ancestors] if t.dep_ == "relcl"), None)
    if clause is None:
        return False
    return target[0] >= clause.right_edge.idx + len(clause.right_edge)


def _passive_roles(
    speech: ArticleSpeech, verb: Token, targets: Mapping[str, frozenset[str]]
) -> tuple[list[Speaker], list[str]] | None:
    """The holder (the agent, "by Trump") and targets (the subject) of a passive cue verb
    ("Clinton was attacked by Trump"); None when the verb is not passive."""
    subjects = [child for child in verb.children if child.dep_ == "nsubjpass"]
    if not subjects:
        return None
    agents = [
        pobj
        for child in verb.children
        if child.dep_ == "agent"
        for pobj in child.children
        if pobj.dep_ == "pobj"
    ]
    holders = [
        s
        for agent in agents
        if (s := speech.speaker_of(agent)) is not None and s.how in ("actor", "pronoun")
    ]
    return holders, _targets_in(speech, _core(subjects[0]), targets)


def _received_roles(
    speech: ArticleSpeech, noun: Token, targets: Mapping[str, frozenset[str]]
) -> tuple[list[Speaker], list[str]]:
    """The holder (the owner: "the endorsement of the NRA", "the NRA's endorsement") and
    targets (the receiver) of a noun of position that the subject of its clause receives."""
    owners = [child for child in noun.children if child.dep_ == "poss"] + [
        pobj
        for child in noun.children
        if child.dep_ == "prep" and child.lower_ in ("of", "from")
        for pobj in child.children
        if pobj.dep_ == "pobj"
    ]
    holders = [
        s
        for owner in owners
        if (s := speech.speaker_of(owner)) is not None and s.how in ("actor", "pronoun")
    ]
    receivers = [child for child in noun.head.children if child.dep_ == "nsubj"]
    found = _targets_in(speech, _core(receivers[0]), targets) if receivers else []
    return holders, found


def _refused(verb: Token) -> bool:
    """Whether a verb is what its governing verb refuses ("refused to endorse", "declined to
    back"): the governing verb is an oppose cue."""
    return verb.dep_ == "xcomp" and bool(cue_lists().oppose.find([verb.head.lower_]))


def actor_stances(
    speech: ArticleSpeech,
    sentence: Sentence,
    targets: Mapping[str, frozenset[str]],
    speakers: list[tuple[int, int, str]],
) -> list[ActorStance]:
    """The positions toward actor ``targets`` (topic name to actors) that the cue words of
    ``sentence`` state (see the module's rules), one per holder and topic (the first cue
    wins)."""
    if speech.doc is None or not targets:
        return []
    cues = cue_lists()
    words = sentence.split
    labelled = sorted(
        [(i, j, SUPPORT) for i, j, _ in cues.praise.find(words)]
        + [(i, j, OPPOSE) for i, j, _ in cues.attack.find(words) + cues.oppose.find(words)]
    )
    found: dict[tuple[str, str], ActorStance] = {}
    for i, j, label in labelled:
        cue = _token(speech, *sentence.spans[i])
        if cue is None:
            continue
        stance, modifier = cue_label(words, sentence, label, i, j)
        if label == SUPPORT and _refused(cue):
            stance, modifier = OPPOSE, cue.head.text
        roles = _passive_roles(speech, cue, targets) if cue.pos_ == "VERB" else None
        if roles is None and received(cue):
            roles = _received_roles(speech, cue, targets)
        if roles is None:
            objects = [word for obj in _objects(cue) for word in _core(obj)]
            topics = _targets_in(speech, objects, targets)
            roles = (cue_holders(speech, sentence, i, speakers) if topics else [], topics)
        holders, topics = roles
        for holder in holders:
            for topic in topics:
                if holder.name in targets[topic] or (holder.name, topic) in found:
                    continue  # a holder takes no position toward itself
                found[(holder.name, topic)] = ActorStance(
                    holder,
                    topic,
                    stance,
                    text_of(sentence, i, j),
                    modifier,
                    sentence.spans[i][0],
                    sentence.spans[j - 1][1],
                )
    return list(found.values())
