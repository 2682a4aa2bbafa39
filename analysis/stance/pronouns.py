"""Pronoun targets: a "him", "his", "her" or "she" that stands for a topic's person.

A position is often taken toward a person the sentence names only by a pronoun ("Clinton
attacked him", "criticized her emails", "his campaign"). A third-person pronoun of the
sentence is resolved to a person the way the quotes resolve a speaker's "he" / "she"
(:meth:`analysis.speech.ArticleSpeech.resolve_pronoun`: the nearest person named before it
in the sentence, else in the sentence before), passing over persons the pronoun's gender
rules out: a person is taken to be of a gender when a pronoun of that gender follows them
with no other person named between (from the start of the sentence before), outside
quotation marks, more often than one of the other gender. A pronoun whose person is a
topic (one of the topic's cues is in the person's name) is a mention of that topic; the
holder of what is said about it (:func:`analysis.stance.agents.agents`) must be another
actor ("Trump defended his plan" is about his own plan, no position toward him).

A pronoun inside a direct quote speaks of someone the speaker or the article named before
("... to comment on presidential candidate Donald Trump. 'He started out by insulting
Hispanics,' Barkley said"): it
stands for the nearest person named before it in the quote, quoted mentions counting, else
from the start of the paragraph before the quote (the mentions inside earlier quotes counting
too, those outside them but for the speakers of quotes, who are named as speakers, not spoken
of), else the person a pronoun of an earlier quote there stands for; never the quote's own
speaker (who says "I") nor a person the gender rules out. A pronoun the mentions table
resolved names no one here (its resolution looks outside quotes only).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from typing import NamedTuple

from analysis.clauses import subject_of
from analysis.coreference import GENDERS
from analysis.speech import ArticleSpeech
from analysis.stance.cues import Phrases, Sentence, tokens_of

#: The pronouns that may stand for a target (a reflexive stands for the clause's subject).
_TARGETS = frozenset({"he", "him", "his", "she", "her", "hers"})
#: Most pronouns of earlier quotes followed back to the person a pronoun inside a quote
#: stands for (:func:`quoted_person`).
CHAIN_DEPTH = 2
_PRONOUN = re.compile(r"\b(?:" + "|".join(GENDERS) + r")\b", re.IGNORECASE)


class PronounTarget(NamedTuple):
    """A pronoun of a sentence that stands for a topic's person."""

    #: the pronoun's word span in the sentence (indices of ``Sentence.spans``)
    first: int
    end: int
    topic: str
    #: the person it stands for
    person: str


def pronoun_targets(
    speech: ArticleSpeech,
    sentence: Sentence,
    topic_phrases: list[tuple[str, Phrases]],
    speakers: Sequence[tuple[int, int, str]] = (),
    *,
    genders: Genders | None = None,
) -> list[PronounTarget]:
    """The pronouns of ``sentence``, inside quotation marks too (a quote speaks of the person
    the article named: '"He is a small man," Warren said'), that stand for a person who is
    one of ``topic_phrases``' topics, but for those already among a topic's matches (the
    mentions table's pronouns of a topic named after an actor,
    :func:`analysis.stance.targets.with_actor_spans`); ``speakers`` are the direct quotes'
    ``(start, end, speaker)``, inside which a pronoun is resolved by :func:`quoted_person`.
    ``genders`` is the article's :class:`Genders` (made once per article by the caller of
    every sentence; made here without it)."""
    genders = Genders(speech) if genders is None else genders
    found = []
    covered = {k for spans in sentence.topics.values() for i, j, _ in spans for k in range(i, j)}
    for index, word in enumerate(sentence.words):
        if word not in _TARGETS or index in covered:
            continue
        offset = sentence.spans[index][0]
        exclude = _subject_person(speech, offset)
        quote = next(((lo, hi, name) for lo, hi, name in speakers if lo <= offset < hi), None)
        person = (
            person_of(speech, offset, GENDERS[word], genders, exclude=exclude)
            if quote is None
            else quoted_person(
                speech, offset, GENDERS[word], quote, speakers, genders, exclude=exclude
            )
        )
        if person is None:
            continue
        topic = next(
            (name for name, phrases in topic_phrases if phrases.find(tokens_of(person))), None
        )
        if topic is not None:
            found.append(PronounTarget(index, index + 1, topic, person))
    return found


def person_of(
    speech: ArticleSpeech,
    offset: int,
    gender: str,
    genders: Genders,
    *,
    exclude: frozenset[str] = frozenset(),
) -> str | None:
    """The person the pronoun of ``gender`` ("m" / "f") at ``offset`` stands for, passing
    over those known to be of the other gender (``genders``, the article's :class:`Genders`)
    and those in ``exclude``; None when there is none."""
    known = genders.before(offset)
    other = frozenset(person for person, known_as in known.items() if known_as != gender)
    return speech.resolve_pronoun(offset, exclude=other | exclude)


def quoted_person(
    speech: ArticleSpeech,
    offset: int,
    gender: str,
    quote: tuple[int, int, str],
    speakers: Sequence[tuple[int, int, str]],
    genders: Genders,
    *,
    exclude: frozenset[str] = frozenset(),
    depth: int = CHAIN_DEPTH,
) -> str | None:
    """The person the pronoun of ``gender`` at ``offset``, inside the direct ``quote``
    ``(start, end, speaker)``, stands for: the nearest person named before it in the quote,
    else from the start of the paragraph before the quote's (a person named outside
    quotation marks there who is the speaker of one of ``speakers`` passed over), else the
    person of the last pronoun of that gender in a quote there, resolved the same way (at most
    ``depth`` pronouns back, for quotes that follow one another, each speaking of the person
    the first named); never the quote's speaker, one of ``exclude`` or one the gender rules
    out (``genders``, the article's :class:`Genders`)."""
    start, _, speaker = quote
    known = genders.before(offset)
    ruled_out = {person for person, known_as in known.items() if known_as != gender}
    ruled_out |= exclude | {speaker}
    inside = [
        name
        for at, name, _ in speech.persons(start, offset)
        if name not in ruled_out and not _PRONOUN.match(speech.text, at)
    ]
    if inside:
        return inside[-1]
    window = _paragraph_before(speech.text, start)
    named = {name for _, _, name in speakers}
    before = [
        name
        for at, name, quoted in speech.persons(window, start)
        if name not in ruled_out
        and (quoted or name not in named)
        and not _PRONOUN.match(speech.text, at)
    ]
    if before or depth <= 0:
        return before[-1] if before else None
    for match in reversed(list(_PRONOUN.finditer(speech.text, window, offset))):
        earlier = next(((lo, hi, n) for lo, hi, n in speakers if lo <= match.start() < hi), None)
        if earlier is None or GENDERS[match.group().lower()] != gender:
            continue
        return quoted_person(
            speech,
            match.start(),
            gender,
            earlier,
            speakers,
            genders,
            exclude=exclude,
            depth=depth - 1,
        )
    return None


def _paragraph_before(text: str, offset: int) -> int:
    """Where the paragraph before the one holding ``offset`` starts (a line of its own)."""
    own = text.rfind("\n", 0, offset)
    if own < 0:
        return 0
    previous = text[:own].rstrip("\n").rfind("\n")
    return previous + 1


def _subject_person(speech: ArticleSpeech, offset: int) -> frozenset[str]:
    """The person who is the subject of the clause whose object is the pronoun at
    ``offset`` ("Trump attacked him", "Clinton went after him", "..., calling her a liar"):
    an object pronoun never stands for its own clause's subject (that would be "himself").
    Empty for a possessive, a subject or without a parse."""
    token = speech.parsed(offset, offset + 1)
    if token is None or token[0].dep_ in ("poss", "nsubj", "nsubjpass"):
        return frozenset()
    verb = next((t for t in token[0].ancestors if t.pos_ in ("VERB", "AUX")), None)
    subject = None if verb is None else subject_of(verb)
    holder = None if subject is None else speech.speaker_of(subject)
    return frozenset() if holder is None else frozenset({holder.name})


class Genders:
    """The gender of each person of one article named before an offset (:meth:`before`), as
    the pronouns that follow them outside quotation marks tell it: a pronoun counts for the
    one person named by name (outside quotation marks) from the start of the sentence before
    up to it; the more frequent gender wins, a tie tells nothing.

    Whom each pronoun counts for is worked out once per article, and the running count after
    each pronoun kept, so that the genders before every pronoun of an article cost what one
    pass over its pronouns costs (not a pass per pronoun)."""

    def __init__(self, speech: ArticleSpeech) -> None:
        self.speech = speech
        self._matches = list(_PRONOUN.finditer(speech.text))
        self._ends = [match.end() for match in self._matches]
        #: the person each pronoun (by span) counts for, None for no one
        self._votes: dict[tuple[int, int], str | None] = {}
        #: the votes, person: (for "m", for "f"), after each of the first pronouns
        self._tallies: list[dict[str, tuple[int, int]]] = [{}]

    def before(self, offset: int) -> dict[str, str]:
        """The genders ("m" / "f") the pronouns of the text before ``offset`` tell."""
        # The pronouns ending before ``offset`` are found alike in the text cut at ``offset``;
        # the rest of it is searched cut there (a word cut at ``offset`` may read as one).
        count = bisect.bisect_left(self._ends, offset)
        tally = dict(self._tally(count))
        resume = self._ends[count - 1] if count else 0
        for match in _PRONOUN.finditer(self.speech.text, resume, offset):
            _add(tally, self._vote(match), match)
        known = {}
        for person, (male, female) in tally.items():
            if male != female:
                known[person] = "m" if male > female else "f"
        return known

    def _tally(self, count: int) -> dict[str, tuple[int, int]]:
        """The votes of the article's first ``count`` pronouns."""
        while len(self._tallies) <= count:
            match = self._matches[len(self._tallies) - 1]
            tally = dict(self._tallies[-1])
            _add(tally, self._vote(match), match)
            self._tallies.append(tally)
        return self._tallies[count]

    def _vote(self, match: re.Match[str]) -> str | None:
        """The person the pronoun ``match`` counts for (see the class), None for no one."""
        span = match.span()
        if span not in self._votes:
            self._votes[span] = self._voted(*span)
        return self._votes[span]

    def _voted(self, start: int, end: int) -> str | None:
        speech = self.speech
        if speech.inside_quote(start, end):
            return None
        row = speech.sentence_at(start)
        lo = speech.bounds(max(row - 1, 0))[0]
        named = {  # a pronoun the mentions resolved to a person tells nothing
            actor
            for at, actor, quoted in speech.persons(lo, start)
            if not quoted and not _PRONOUN.match(speech.text, at)
        }
        return named.pop() if len(named) == 1 else None


def _add(tally: dict[str, tuple[int, int]], person: str | None, match: re.Match[str]) -> None:
    """Counts the pronoun ``match``'s vote for ``person`` (None: no vote) in ``tally``."""
    if person is None:
        return
    male, female = tally.get(person, (0, 0))
    if GENDERS[match.group().lower()] == "m":
        tally[person] = (male + 1, female)
    else:
        tally[person] = (male, female + 1)
