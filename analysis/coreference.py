"""Whom a speaker's "he" or "she" stands for: gender and the subject of the sentences before.

The quotes give a "he said" / "she said" the person it stands for
(:meth:`analysis.speech.ArticleSpeech.pronoun_person`). The rules, in order:

1. **Gender.** A person is of a gender when the article tells it: "Mr." / "Mrs." / "Ms." /
   "Miss" written before one of their mentions (three votes each), and every "he" or "she"
   outside quotation marks whose sentence names that one person by name before it, as the
   subject of a verb, and no other (one vote: "Hillary Clinton said she ..."). The
   gender with more votes wins; a tie tells nothing. A "he" never stands for a person known
   to be a woman, a "she" for a man. No list of names is read (first names learned from
   PolNeAR's train split changed nothing on its dev split, so none is shipped).
2. **In its own sentence**, the nearest person named before the pronoun outside quotation
   marks (:meth:`analysis.speech.ArticleSpeech.resolve_pronoun`'s rule, gender applied).
3. **In the sentences before** (up to :data:`SENTENCES_BACK`), the first that names a person
   of a fitting gender or holds a "he" / "she" of the same gender outside quotation marks:
   the subject of its main verb when it is one of those (the parse: "In an interview with
   Rusty Humphries, Ham made it clear ...": Ham), else the first of them. A "he" / "she"
   taken there stands for whom that one stands for ('He notes that ... . “...” he says'), so
   a chain of "he said" paragraphs keeps the person named at its start.

A speaker described by a title ("The president told ...") is the person last named with that
title written before their name ("President Obama"), when there is one (:meth:`Pronouns.titled`).
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Protocol

from spacy.tokens import Span as Tokens


class ArticleSpeech(Protocol):
    """What this module reads of :class:`analysis.speech.ArticleSpeech` (which uses it)."""

    text: str
    mentions: list[tuple[str, str, int, int]]
    kinds: dict[str, str]

    def sentence_at(self, offset: int) -> int: ...
    def bounds(self, row: int) -> tuple[int, int]: ...
    def inside_quote(self, start: int, end: int) -> bool: ...
    def mentions_in(self, lo: int, hi: int) -> list[tuple[str, str, int, int]]: ...
    def persons(self, lo: int, hi: int) -> list[tuple[int, str, bool]]: ...
    def parsed(self, start: int, end: int) -> Tokens | None: ...
    def resolve_pronoun(self, offset: int) -> str | None: ...
    def antecedent(self, offset: int, persons: list[tuple[int, str, bool]]) -> str: ...


#: Sentences before a pronoun's own searched for the person it stands for.
SENTENCES_BACK = 6
#: Votes an honorific ("Mr.", "Ms.") gives a person's gender; a pronoun that follows gives 1.
HONORIFIC_VOTES = 3

#: Third-person pronouns by gender.
GENDERS = {
    "he": "m",
    "him": "m",
    "his": "m",
    "himself": "m",
    "she": "f",
    "her": "f",
    "hers": "f",
    "herself": "f",
}
#: The subject pronouns that may link to the one before them.
_SUBJECTS = frozenset({"he", "she"})
_PRONOUN = re.compile(r"\b(?:" + "|".join(GENDERS) + r")\b", re.IGNORECASE)
_HONORIFIC = re.compile(r"\b(Mr|Mrs|Ms|Miss)\b\.?\s*$")
_OPENING_HONORIFIC = re.compile(r"(Mr|Mrs|Ms|Miss)\b")
_HONORIFIC_GENDER = {"Mr": "m", "Mrs": "f", "Ms": "f", "Miss": "f"}
_MAIN_SUBJECTS = frozenset({"nsubj", "nsubjpass"})


class Pronouns:
    """One article's he/she resolution (the genders worked out once)."""

    def __init__(self, speech: ArticleSpeech) -> None:
        self.speech = speech
        self._genders: dict[str, str] | None = None
        self._resolved: dict[int, str | None] = {}

    @property
    def genders(self) -> dict[str, str]:
        """Each person's gender ("m" / "f") as the article tells it (see the module)."""
        if self._genders is None:
            self._genders = article_genders(self.speech)
        return self._genders

    def person(self, offset: int) -> str | None:
        """The person the "he" / "she" (or him / her) at ``offset`` stands for, None when
        none fits (see the module)."""
        if offset not in self._resolved:
            self._resolved[offset] = None  # a chain never comes back to itself
            self._resolved[offset] = self._person(offset)
        return self._resolved[offset]

    def titled(self, noun: str, before: int) -> str | None:
        """The person last named before ``before`` (outside quotation marks) right after
        ``noun`` written as a title: what "the president" stands for after "President
        Obama"; None when no person was named so."""
        speech, title = self.speech, re.compile(rf"\b{re.escape(noun)}\.?\s+$", re.IGNORECASE)
        for actor, surface, start, end in reversed(speech.mentions_in(0, before)):
            if speech.kinds.get(actor) != "person" or speech.inside_quote(start, end):
                continue
            lead = speech.text[max(0, start - len(noun) - 2) : start]
            if title.search(lead) and lead.strip()[:1].isupper():
                return actor
            if surface.lower().startswith(f"{noun} "):
                return actor
        return None

    def _person(self, offset: int) -> str | None:
        speech = self.speech
        match = _PRONOUN.match(speech.text, offset)
        if match is None:
            return speech.resolve_pronoun(offset)
        gender = GENDERS[match.group().lower()]
        other = frozenset(p for p, known in self.genders.items() if known != gender)
        row = speech.sentence_at(offset)
        start, _ = speech.bounds(row)
        before = [p for p in speech.persons(start, offset) if not p[2] and p[1] not in other]
        before = [p for p in before if not _is_pronoun(speech.text, p[0])]
        if before:
            return speech.antecedent(offset, before)
        for previous in range(row - 1, max(-1, row - 1 - SENTENCES_BACK), -1):
            found = self._in_sentence(previous, gender, other)
            if found is not None:
                return found
        return None

    def _in_sentence(self, row: int, gender: str, other: frozenset[str]) -> str | None:
        """The person sentence ``row`` offers a pronoun of ``gender`` after it (see the
        module), None when it offers none."""
        speech = self.speech
        lo, hi = speech.bounds(row)
        items: list[tuple[int, int, str | None]] = [
            (start, end, actor)
            for actor, _, start, end in speech.mentions_in(lo, hi)
            if speech.kinds.get(actor) == "person"
            and actor not in other
            and not _is_pronoun(speech.text, start)
            and not speech.inside_quote(start, end)
        ]
        for match in _PRONOUN.finditer(speech.text, lo, hi):
            word = match.group().lower()
            same = word in _SUBJECTS and GENDERS[word] == gender
            if same and not speech.inside_quote(*match.span()):
                items.append((*match.span(), None))
        if not items:
            return None
        items.sort()
        subject = next((item for item in items if self._main_subject(*item[:2])), items[0])
        start, _, actor = subject
        return actor if actor is not None else self.person(start)

    def _main_subject(self, start: int, end: int) -> bool:
        """Whether the words of ``[start, end)`` head the subject of their sentence's main
        verb in the parse ("Clinton communication director Jennifer Palmieri said": Jennifer
        Palmieri, not Clinton); False without a parse."""
        words = self.speech.parsed(start, end)
        if words is None:
            return False
        head = words.root
        return head.dep_ in _MAIN_SUBJECTS and head.head.dep_ == "ROOT"


def _subject(speech: ArticleSpeech, start: int, end: int) -> bool:
    """Whether the words of ``[start, end)`` head a subject in the parse; True without one."""
    words = speech.parsed(start, end)
    return words is None or words.root.dep_ in _MAIN_SUBJECTS


def _is_pronoun(text: str, start: int) -> bool:
    """Whether a mention at ``start`` is a pronoun the mentions table resolved."""
    return _PRONOUN.match(text, start) is not None


def article_genders(speech: ArticleSpeech) -> dict[str, str]:
    """Each person's gender as the article tells it: honorifics and the pronouns that
    follow them (see the module)."""
    votes: dict[str, Counter[str]] = {}
    text = speech.text
    for actor, surface, start, _ in speech.mentions:
        if speech.kinds.get(actor) != "person":
            continue
        honorific = _HONORIFIC.search(text, max(0, start - 6), start) or _OPENING_HONORIFIC.match(
            surface
        )
        if honorific is not None:
            gender = _HONORIFIC_GENDER[honorific.group(1)]
            votes.setdefault(actor, Counter())[gender] += HONORIFIC_VOTES
    for match in _PRONOUN.finditer(text):
        word = match.group().lower()
        if word not in _SUBJECTS or speech.inside_quote(*match.span()):
            continue
        lo = speech.bounds(speech.sentence_at(match.start()))[0]
        named = [
            (actor, start, end)
            for actor, _, start, end in speech.mentions_in(lo, match.start())
            if speech.kinds.get(actor) == "person"
            and not speech.inside_quote(start, end)
            and not _is_pronoun(text, start)
        ]
        if len({actor for actor, *_ in named}) == 1 and _subject(speech, *named[0][1:]):
            votes.setdefault(named[0][0], Counter())[GENDERS[word]] += 1
    known = {}
    for person, counts in votes.items():
        (first, most), *rest = counts.most_common()
        if not rest or rest[0][1] < most:
            known[person] = first
    return known
