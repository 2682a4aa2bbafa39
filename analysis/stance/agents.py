"""Agents: who says or does something about a topic's mention, for the learned polarity.

A topic mentioned in a sentence belongs to the nearest clause above it in the parse whose
subject names an actor: that actor is the holder of what the clause says about the topic
("Cruz is endorsing Trump's campaign", "Clinton has a new ad hitting Trump"). The subject is
read the way the quotes read a speaker (:meth:`analysis.speech.ArticleSpeech.speaker_of`: an
actor mention, a "he" / "she" resolved to the person, a description resolved to the body the
article named); "who" / "which" / "that" stand for the noun their relative clause describes
("Cruz, who pointedly refused to endorse Trump"). A passive clause's agent holds it ("was
endorsed by the Times"); a passive with none holds nothing.

A clause with no subject of its own ("took to Twitter to accuse Clinton's campaign", a
participle describing a noun: "runs an ad attacking the senator") passes the mention on to the
clause above it, and so does a reported clause ("says Trump's tweets
were unhinged") whose subject is no actor or the topic itself: the one who reports it holds
it. A holder is never the topic's own mention, and in a direct quote the quote's speaker holds
what the quote says ("'Trump must stop portraying Latinos as gangsters,' Sanchez said").

The polarity of what the holder says or does toward the mention is the sentiment model's
(:func:`analysis.stance.finder.find_stance`): these are candidates, not stances.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from spacy.tokens import Token

from analysis.speech import SOURCE, ArticleSpeech, Speaker
from analysis.stance.cues import Sentence, backers_of
from analysis.stance.pronouns import PronounTarget

#: Speakers that hold no stance: names that are no actor, unnamed sources.
_NOT_HOLDERS = frozenset({"name", SOURCE})
#: Subjects that stand for the noun their relative clause describes.
_RELATIVES = frozenset({"who", "which", "that"})
#: Clauses whose subject, when it is no actor, passes what they say to the clause above.
_REPORTED = frozenset({"ccomp", "parataxis"})
#: Most verbs walked up from a mention to its holder.
_MAX_CLAUSES = 4
#: Most words between a mention and the verb it is an argument of ("slammed Trump's
#: comments": one, "comments"; "an ad against Clinton": two).
_ARGUMENT_HOPS = 2


class Agent(NamedTuple):
    """A holder and the topic mention it says or does something about."""

    holder: Speaker
    topic: str
    #: the mention's offsets in the text
    about: tuple[int, int]
    #: the verb of the holder's clause (or the quote) and its offsets
    verb: str
    start: int
    end: int


def agents(
    speech: ArticleSpeech,
    sentence: Sentence,
    topic_spans: list[tuple[int, int, str]],
    speakers: list[tuple[int, int, str]],
    *,
    pronouns: Sequence[PronounTarget] = (),
) -> list[Agent]:
    """The holder of each topic mention of ``sentence`` (token spans ``topic_spans``, then
    the ``pronouns`` that stand for a topic's person,
    :func:`analysis.stance.pronouns.pronoun_targets`), the first mention of a topic per
    holder; ``speakers`` are the direct quotes' ``(start, end, speaker)``. A pronoun's
    person never holds a position toward it ("Trump defended his plan")."""
    if speech.doc is None:
        return []
    found: dict[tuple[str, str], Agent] = {}
    mentions = [(i, j, topic, None) for i, j, topic in topic_spans]
    mentions += [(p.first, p.end, p.topic, p.person) for p in pronouns]
    for i, j, topic, person in mentions:
        start, end = sentence.spans[i][0], sentence.spans[j - 1][1]
        agent = _quoted(speech, start, end, topic, speakers) or _clause_agent(
            speech, start, end, topic
        )
        if agent is not None and agent.holder.name != person:
            found.setdefault((agent.holder.name, topic), agent)
    return list(found.values())


def _quoted(
    speech: ArticleSpeech, start: int, end: int, topic: str, speakers: list[tuple[int, int, str]]
) -> Agent | None:
    """The speaker of the direct quote the mention stands in, as its holder."""
    for lo, hi, name in speakers:
        if lo <= start < hi:
            holder = Speaker(name, name, lo, hi, "speaker")
            return Agent(holder, topic, (start, end), speech.text[lo:hi][:40], lo, hi)
    return None


def is_argument(speech: ArticleSpeech, start: int, end: int) -> bool:
    """Whether the mention at ``[start, end)`` is an argument of a clause, within
    :data:`_ARGUMENT_HOPS` words of its verb in the parse (see :func:`_clauses`): what the
    clause says, it says of the mention ("says Trump lied"), not of something the mention
    only qualifies ("says there was a problem with Trump's microphone")."""
    span = None if speech.doc is None else speech.doc.char_span(start, end, alignment_mode="expand")
    return span is not None and len(span) > 0 and bool(_clauses(span.root))


def _clause_agent(speech: ArticleSpeech, start: int, end: int, topic: str) -> Agent | None:
    """The actor subject (or passive agent) of the nearest clause above the mention that has
    one, passing over clauses without a subject and reported clauses whose subject is no
    actor or the mention itself."""
    span = speech.doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    for verb in _clauses(span.root):
        subject = _subject(verb)
        if subject is None:
            continue
        holder = _holder(speech, subject, start, end)
        if holder is not None:
            return Agent(holder, topic, (start, end), verb.text, verb.idx, verb.idx + len(verb))
        if verb.dep_ not in _REPORTED:
            return None
    return None


def _clauses(mention: Token) -> list[Token]:
    """The verbs above a mention that what it says may belong to: the nearest, when the
    mention is its argument or within :data:`_ARGUMENT_HOPS` words of it in the parse ("hitting
    Trump", "slammed Trump's comments", "spoke about Trump", "an ad against Clinton"), then the
    verbs each governs directly ("took to Twitter to accuse ..."), at most
    :data:`_MAX_CLAUSES`. A mention deeper in a phrase ("the debate with Clinton" in "raising
    questions about ... during the debate with Clinton") is no argument of a clause."""
    ancestors = list(mention.ancestors)
    first = next((n for n, t in enumerate(ancestors) if t.pos_ in ("VERB", "AUX")), None)
    if first is None or first > _ARGUMENT_HOPS:
        return []
    verbs = [ancestors[first]]
    while len(verbs) < _MAX_CLAUSES:
        above = _verb_above(verbs[-1])
        if above is None:
            break
        verbs.append(above)
    return verbs


def _verb_above(verb: Token) -> Token | None:
    """The verb that governs ``verb`` directly, or through the noun a participle clause
    describes ("runs an ad attacking the senator": "runs"); None at the top of the
    sentence."""
    head = verb.head
    if head.i == verb.i:
        return None
    if head.pos_ in ("VERB", "AUX"):
        return head
    if verb.dep_ == "acl" and head.head.i != head.i and head.head.pos_ in ("VERB", "AUX"):
        return head.head
    return None


def _subject(verb: Token) -> Token | None:
    """The subject of ``verb``: its active subject, a relative pronoun's noun, a passive's
    agent (None for a passive without one: the subject is acted on)."""
    for child in verb.children:
        if child.dep_ in ("nsubj", "csubj"):
            if child.lower_ in _RELATIVES and verb.dep_ == "relcl":
                return verb.head
            return child
        if child.dep_ == "nsubjpass":
            agents = [
                grandchild
                for agent in verb.children
                if agent.dep_ == "agent"
                for grandchild in agent.children
                if grandchild.dep_ == "pobj"
            ]
            return agents[0] if agents else child
    return None


def _holder(speech: ArticleSpeech, subject: Token, start: int, end: int) -> Speaker | None:
    """The actor ``subject`` names, unless it is none, an unnamed source, people named by
    whom they back (:func:`~analysis.stance.cues.backers_of`) or the mention itself (or a
    phrase holding it: "Trump's tweets")."""
    if subject.dep_ == "nsubjpass" or backers_of(subject):
        return None  # "Clinton supporters have questioned ...": not Clinton's position
    holder = speech.speaker_of(subject)
    if holder is None or holder.how in _NOT_HOLDERS:
        return None
    described = [c for c in subject.children if c.dep_ == "relcl"]
    phrase = [  # the subject's words without a relative clause that describes it
        t.idx
        for t in subject.subtree
        if not any(c.left_edge.i <= t.i <= c.right_edge.i for c in described)
    ]
    if min(phrase) <= start <= max(phrase) or (holder.start < end and start < holder.end):
        return None
    return holder
