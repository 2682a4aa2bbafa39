"""Who speaks in a sentence: attribution verbs and the speaker next to them.

Shared by :mod:`analysis.quotes` (who is quoted) and :mod:`analysis.stance` (who takes a
position), next to the attribution verbs that :mod:`analysis.verbs` finds.

A speaker is looked for next to a verb, inside given bounds (a sentence, or the part of it
outside a quotation): an actor mention from the mentions table, a "he" / "she" resolved to a
person (the nearest person named earlier in the sentence outside quotation marks, else the
first person of the previous sentence), or a run of capitalised words that no actor covers
(an unregistered name such as "Heorhii Tykhyi"). A speaker may stand before its verb
("Zelenskiy wrote") with a few words between ("Zelenskyy on Friday urged", "Andriy Yermak,
added"), or just after it ("said Bessent").
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cached_property
from typing import NamedTuple

import pandas as pd
from spacy.tokens import Doc, Token
from spacy.tokens import Span as Tokens

from analysis import schema as S
from analysis.actors import Registry, default_registry
from analysis.behalf import appositions, body_of, definite, name_span, named_by
from analysis.clauses import SUBJECTS, agent, as_saying, subject_of
from analysis.coreference import Pronouns
from analysis.text import Span, quote_spans
from analysis.verbs import DEMONYM, WORD
from analysis.verbs import verbs_in as verbs_in  # re-exported for analysis.stance.holders

#: How a speaker that is an unnamed source ("a senior official") was found: the subject
#: of the verb in the parse, as written.
SOURCE = "source"
#: Most words allowed between a speaker and its verb ("Zelenskyy on Friday urged").
MAX_GAP_WORDS = 4
#: Most words allowed between an unregistered name of two or more words and its verb; a
#: one-word unregistered name must stand right next to its verb.
MAX_NAME_GAP_WORDS = 1

_PRONOUNS = {"he", "she"}
_FIRST_PERSON = {"i", "we"}
_NAME = re.compile(r"(?<![\w’'])[A-Z][\w’'-]*[^\W_](?:\s+[A-Z][\w’'-]*[^\W_])*")
_NOT_NAME_WORDS = (
    "The A An He She It They We I This That These Those But And Or So Yet If When While As In "
    "On At By For From With Without After Before Since Until Meanwhile However Still Earlier "
    "Later Asked Speaking There Here Our Their His Her Its My Your Also Then Both Mr Ms Mrs Dr "
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May "
    "June July August September October November December"
)
NOT_NAMES = frozenset(_NOT_NAME_WORDS.split())
_PARTICIPLE_LEAD = re.compile(
    r"(?:,[”\"’]?|[—–]|\bwhile|\bafter|\bbefore|\bwhen|\bby)\s*(?:\w+ly\s+)?$"
)
_APPOSITION_MARKS = ",—–"
_SENTENCE_START = re.compile(r"(?:^|[.!?“\"]|\n)\s*$")
_LAST_WORD = re.compile(r"(?<![\w’'-])([\w’'-]+)\s+$")
_WORD_CHARACTERS = "_’'-"
_PREPOSITIONS = frozenset(
    {"in", "to", "at", "from", "with", "for", "of", "on", "by", "into", "against", "between"}
    | {"over", "about", "under", "near", "toward", "towards", "across", "through"}
)
_BARRIER = re.compile(r"[;:“”\"«»()\[\]]")


class Speaker(NamedTuple):
    """A speaker found next to a verb: ``name`` is the actor (or the unregistered name),
    ``surface`` the words as written, ``how`` one of "actor", "pronoun", "name" (a name that
    is no actor), :data:`SOURCE`."""

    name: str
    surface: str
    start: int
    end: int
    how: str


@dataclass
class ArticleSpeech:
    """One article's text, sentences, mentions and quotation spans, for speaker lookup."""

    text: str
    sentences: pd.DataFrame
    mentions: list[tuple[str, str, int, int]]  # actor, surface, start, end; by start
    kinds: dict[str, str]
    quotes: list[Span]
    starts: list[int]  # sentence starts, for bisection
    ends: list[int]  # sentence ends
    sent_ids: list[int]  # sentence ids
    in_quote: list[bool]  # whether each sentence is mostly quoted
    doc: Doc | None = None  # the article's parse
    #: Whether a spokesperson or official speaks in their own right ("a State Department
    #: spokesperson": the quotes table, the body beside them, see :meth:`body`) rather than
    #: as the body they speak for (the State Department: whose position stance reports).
    spokespeople: bool = False
    #: Whether a speaker's "he" / "she" is resolved with the article's genders and the
    #: subjects of the sentences before (:mod:`analysis.coreference`: the quotes) rather than
    #: by :meth:`resolve_pronoun` alone.
    gendered: bool = False

    @classmethod
    def build(
        cls,
        text: str,
        sentences: pd.DataFrame,
        mentions: pd.DataFrame,
        registry: Registry | None = None,
        doc: Doc | None = None,
        *,
        spokespeople: bool = False,
        gendered: bool = False,
    ) -> ArticleSpeech:
        """``sentences`` and ``mentions`` are this article's rows of the two tables, ``doc``
        its parse; ``spokespeople`` and ``gendered`` as the attributes say."""
        kinds = {a.name: a.kind for a in (registry or default_registry())}
        kinds.update(zip(mentions[S.ACTOR], mentions[S.ACTOR_KIND], strict=True))
        ordered = mentions.sort_values(S.START, kind="stable")
        rows = list(
            zip(
                ordered[S.ACTOR].tolist(),
                ordered[S.SURFACE].tolist(),
                ordered[S.START].tolist(),
                ordered[S.END].tolist(),
                strict=True,
            )
        )
        sentences = sentences.reset_index(drop=True)
        return cls(
            text,
            sentences,
            rows,
            kinds,
            quote_spans(text),
            sentences[S.START].tolist(),
            sentences[S.END].tolist(),
            sentences[S.SENT_ID].tolist(),
            sentences[S.IN_QUOTE].tolist(),
            doc,
            spokespeople,
            gendered,
        )

    def inside_quote(self, start: int, end: int) -> bool:
        """Whether ``[start, end)`` lies inside a quotation (the quotes are top-level and in
        order: only the last one opening before ``start`` can hold it)."""
        index = bisect.bisect_left(self.quote_starts, start) - 1
        return index >= 0 and end <= self.quotes[index].end

    @cached_property
    def quote_starts(self) -> list[int]:
        """Where each quotation opens, in order (for bisection)."""
        return [q.start for q in self.quotes]

    @cached_property
    def quote_ends(self) -> list[int]:
        """Where each quotation closes, in order (for bisection)."""
        return [q.end for q in self.quotes]

    def quotes_between(self, start: int, end: int) -> list[Span]:
        """The quotations that overlap ``[start, end)``, in order."""
        first = bisect.bisect_right(self.quote_ends, start)
        last = bisect.bisect_left(self.quote_starts, end)
        return self.quotes[first:last]

    @cached_property
    def _quote_only(self) -> dict[int, bool]:
        return {}

    def quote_only_paragraph(self, offset: int) -> bool:
        """Whether the paragraph holding ``offset`` has nothing but quotations in it (no word
        outside them); worked out once per paragraph."""
        text = self.text
        start = text.rfind("\n", 0, offset) + 1
        if start not in self._quote_only:
            end = text.find("\n", offset)
            end = len(text) if end < 0 else end
            cursor, words = start, False
            for quote in self.quotes_between(start, end):
                words = words or bool(WORD.search(text, cursor, max(cursor, quote.start)))
                cursor = max(cursor, quote.end)
            words = words or bool(WORD.search(text, cursor, max(cursor, end)))
            self._quote_only[start] = not words
        return self._quote_only[start]

    def sentence_at(self, offset: int) -> int:
        """Row number (in :attr:`sentences`) of the sentence holding ``offset``."""
        return max(0, bisect.bisect_right(self.starts, offset) - 1)

    def sentence_id(self, offset: int) -> int:
        """``sent_id`` of the sentence holding ``offset``."""
        return self.sent_ids[self.sentence_at(offset)]

    def bounds(self, row: int) -> tuple[int, int]:
        """``(start, end)`` of the sentence in row ``row``."""
        return self.starts[row], self.ends[row]

    def candidates(self, lo: int, hi: int, *, quoted: bool = False) -> list[Speaker]:
        """Actor mentions, he/she and unregistered names in ``[lo, hi)``, outside quotation
        marks unless ``quoted``."""
        found: list[Speaker] = []
        taken: list[tuple[int, int]] = []
        for actor, surface, start, end in self.mentions_in(lo, hi):
            if surface.lower() in _PRONOUNS or (not quoted and self.inside_quote(start, end)):
                continue
            found.append(Speaker(actor, surface, start, end, "actor"))
            taken.append((start, end))
        for match in WORD.finditer(self.text, lo, hi):
            inside = self.inside_quote(*match.span())
            if match.group().lower() in _PRONOUNS and (quoted or not inside):
                person = self.pronoun_person(match.start())
                if person is not None:
                    found.append(Speaker(person, match.group(), *match.span(), "pronoun"))
        for match in _NAME.finditer(self.text, lo, hi):
            words = [w for w in match.group().split() if w not in NOT_NAMES]
            if not words or any(s < match.end() and match.start() < e for s, e in taken):
                continue
            if (not quoted and self.inside_quote(*match.span())) or match.group() in NOT_NAMES:
                continue
            if len(words) == 1 and (
                DEMONYM.search(words[0])
                or _SENTENCE_START.search(self.text, max(0, match.start() - 8), match.start())
            ):
                continue  # "European", "Chinese": adjectives; "Officials called": a common noun
            start = match.start() + match.group().index(words[0])
            found.append(Speaker(" ".join(words), " ".join(words), start, match.end(), "name"))
        return sorted(found, key=lambda s: s.start)

    def _object(self, speaker: Speaker) -> bool:
        """Whether ``speaker`` follows a preposition ("in Türkiye", "with Putin")."""
        match = _LAST_WORD.search(self.text, max(0, speaker.start - 20), speaker.start)
        return match is not None and match.group(1).lower() in _PREPOSITIONS

    def mentions_in(self, lo: int, hi: int) -> list[tuple[str, str, int, int]]:
        """The mentions that lie within ``[lo, hi)``."""
        first = bisect.bisect_left(self.mentions, lo, key=lambda m: m[2])
        last = bisect.bisect_left(self.mentions, hi, key=lambda m: m[2])
        return [m for m in self.mentions[first:last] if m[3] <= hi]

    def persons(self, lo: int, hi: int) -> list[tuple[int, str, bool]]:
        """The persons named in ``[lo, hi)``: (start, actor, inside a quotation), in order."""
        return [
            (start, actor, self.inside_quote(start, end))
            for actor, _, start, end in self.mentions_in(lo, hi)
            if self.kinds.get(actor) == "person"
        ]

    def resolve_pronoun(self, offset: int, *, exclude: frozenset[str] = frozenset()) -> str | None:
        """The person a "he" / "she" at ``offset`` stands for: the nearest person named
        before it in its sentence outside quotation marks, else the first person named
        outside quotation marks in the sentence before (looking further back over sentences
        that lie inside a quotation, so that '“...” he said' after a long quote finds the
        speaker named before the quote); None when there is none. The persons in ``exclude``
        are passed over (those the pronoun's gender rules out), and so is a sentence that
        names no other."""
        row = self.sentence_at(offset)
        start, _ = self.bounds(row)
        before = [p for p in self.persons(start, offset) if not p[2] and p[1] not in exclude]
        if before:
            return self.antecedent(offset, before)
        for previous in range(row - 1, -1, -1):
            named = [p for p in self.persons(*self.bounds(previous)) if not p[2]]
            outside = [p for p in named if p[1] not in exclude]
            if outside:
                return outside[0][1]
            if not self.in_quote[previous] and not named:
                return None
        return None

    @cached_property
    def pronouns(self) -> Pronouns:
        """The article's he/she resolution with genders (:mod:`analysis.coreference`)."""
        return Pronouns(self)

    def pronoun_person(self, offset: int) -> str | None:
        """The person a speaker's "he" / "she" at ``offset`` stands for: by
        :mod:`analysis.coreference` when :attr:`gendered`, else :meth:`resolve_pronoun`."""
        return self.pronouns.person(offset) if self.gendered else self.resolve_pronoun(offset)

    def antecedent(self, offset: int, persons: list[tuple[int, str, bool]]) -> str:
        """Of the ``persons`` named before the pronoun at ``offset`` in its sentence, the one
        it stands for: the nearest, leaving out (with the parse) a person coordinated with
        the pronoun ("both he and Erdoğan") and one inside an adverbial or relative clause
        the pronoun is not in ("if Putin agrees to come, both he and Erdoğan will fly")."""
        pronoun = self._token_at(offset)
        if pronoun is None:
            return persons[-1][1]
        beside = {
            actor
            for t in pronoun.conjuncts
            for actor, *_ in self.mentions_in(t.idx, t.idx + len(t))
        }
        kept = []
        for start, name, _ in persons:
            token = self._token_at(start)
            if token is None or name in beside:
                continue
            clause = next((t for t in [token, *token.ancestors] if t.dep_ in _SIDE_CLAUSES), None)
            if clause is None or clause.left_edge.i <= pronoun.i <= clause.right_edge.i:
                kept.append(name)
        return (kept or [persons[-1][1]])[-1]

    def parsed(self, start: int, end: int) -> Tokens | None:
        """The parse's tokens over ``[start, end)`` (widened to whole tokens); None without a
        parse or when no token lies there."""
        if self.doc is None:
            return None
        span = self.doc.char_span(start, end, alignment_mode="expand")
        return span if span is not None and len(span) else None

    def _token_at(self, offset: int) -> Token | None:
        """The parse's token that starts at or holds ``offset``; None without a parse."""
        span = self.parsed(offset, offset + 1)
        return None if span is None else span[0]

    def speaker_for(
        self,
        verb: Span,
        within: Span,
        clause_start: int | None = None,
        *,
        quoted: bool = False,
        max_gap: int = MAX_GAP_WORDS,
        trailing: int = 0,
    ) -> Speaker | None:
        """The speaker of the ``verb``, looked for ``within`` a stretch of the text: before
        the verb first ("Zelenskiy wrote"), after it when the verb opens the
        attribution ('”, said Bessent') or nothing stands before it. The subject of a
        participle after a comma ("..., saying", "while calling") is the first person named
        from ``clause_start`` to the verb (else the first actor); ``clause_start`` defaults
        to the start of ``within``. ``quoted`` admits speakers inside quotation marks (for a
        verb that is itself inside a quotation); ``max_gap`` is the most words between
        speaker and verb; ``trailing`` the most words between an apposition and the verb. A
        name that follows a preposition ("in Türkiye") is an object, never the speaker.

        With the article's parse, the speaker is first looked for as the subject of the verb
        (:meth:`parsed_speaker`); the rules above apply where the parse names none."""
        parsed = self.parsed_speaker(verb, within, quoted=quoted)
        if parsed is not None:
            return parsed
        (verb_start, verb_end), (lo, hi) = verb, within
        found = self.candidates(lo, hi, quoted=quoted)
        before = [s for s in reversed(found) if s.end <= verb_start]
        after = [s for s in found if s.start >= verb_end]
        apposed = _apposed(self.text, before, lo, verb_start, trailing)
        if apposed is not None:
            return apposed
        if self.text[verb_start:verb_end].lower().endswith("ing") and _PARTICIPLE_LEAD.search(
            self.text, max(0, verb_start - 24), verb_start
        ):
            start = lo if clause_start is None else clause_start
            clause = self.candidates(start, verb_start, quoted=quoted)
            subjects = [s for s in clause if s.how not in {"name", SOURCE}]
            persons = [s for s in subjects if self.kinds.get(s.name) == "person"]
            if persons or subjects:
                return (persons or subjects)[0]
        lead = self.text[lo:verb_start].rstrip()
        inverted = not WORD.search(lead) or lead.endswith((",", "”", '"'))
        after = [s for s in after if len(WORD.findall(self.text, verb_end, s.start)) <= 2]
        for side in (after, before) if inverted else (before,):
            for speaker in side:
                gap = (
                    self.text[speaker.end : verb_start]
                    if speaker.end <= verb_start
                    else self.text[verb_end : speaker.start]
                )
                if _BARRIER.search(gap):
                    break
                if self._object(speaker):
                    continue
                if _fits(gap, speaker, max_gap):
                    return speaker
        return None

    def parsed_speaker(self, verb: Span, within: Span, *, quoted: bool = False) -> Speaker | None:
        """The subject of the speech ``verb`` in the parse, as a speaker ``within`` a stretch
        of the text (None without a parse or a usable subject): "X said",
        "said X", "X, the spokesman, told reporters", "according to X", the subject of the
        verb a participle hangs on ("..., saying"). A pronoun is resolved to a person; a
        role with a name in apposition ("the head of the delegation, Vladimir Medinsky") or
        an organisation it speaks for ("a spokesperson for the Ministry of Commerce") is
        that actor; an unnamed source is kept as written ("a senior official")."""
        if self.doc is None:
            return None
        span = self.doc.char_span(*verb, alignment_mode="expand")
        if span is None or not len(span):
            return None
        subject = subject_of(span[0])
        if subject is not None and subject.dep_ == "nsubjpass" and not as_saying(subject.head):
            subject = agent(subject.head)  # "Maple syrup is described by scientists as ...":
            # who describes, not what is; but "Greer was quoted by the White House as saying"
        if subject is None:
            return None
        first, last = subject.left_edge.idx, subject.right_edge.idx + len(subject.right_edge)
        if (
            first < within.start
            or last > within.end
            or (not quoted and self.inside_quote(first, last))
        ):
            return None
        return self.speaker_of(subject, quoted)

    def speaker_of(self, subject: Token, quoted: bool = False) -> Speaker | None:
        """The speaker a subject token names: a pronoun resolved to a person, the actor
        mentioned in the subject phrase (a person first), or an unnamed source as written
        ("a senior official"); None for other pronouns."""
        word = subject.lower_
        if word in _PRONOUNS or word in _OBJECT_PRONOUNS:
            person = self.pronoun_person(subject.idx)
            end = subject.idx + len(subject)
            return (
                None
                if person is None
                else Speaker(person, subject.text, subject.idx, end, "pronoun")
            )
        if subject.pos_ == "PRON":
            return None
        lo = subject.left_edge.idx
        hi = subject.right_edge.idx + len(subject.right_edge)
        inside = [  # not a name in a compound modifier: "the Paris-based company said"
            m
            for m in self.mentions_in(lo, hi)
            if (quoted or not self.inside_quote(m[2], m[3])) and self.text[m[3] : m[3] + 1] != "-"
        ]
        own = [m for m in inside if m[2] <= subject.idx < m[3]]
        apposed = [m for child in appositions(subject) for m in inside if m[2] <= child.idx < m[3]]
        indefinite = any(c.dep_ == "det" and c.lower_ in _INDEFINITE for c in subject.children)
        owners = [m for m in inside if self._in_prepositional_object(m, subject)]
        if self.spokespeople and not own and not apposed:
            if subject.pos_ == "PROPN" and subject.ent_type_ == "PERSON" and inside:
                start, end = name_span(subject)  # "Kremlin spokesman Dmitry Peskov": Peskov
                name = self.text[start:end]
                return Speaker(name, name, start, end, "name")
            if subject.pos_ == "NOUN" and not _described(subject):
                owners = inside = []  # a role speaks in its own right, its body beside it
        for chosen in (own, apposed, owners if indefinite else [], [] if indefinite else inside):
            if chosen:
                persons = [m for m in chosen if self.kinds.get(m[0]) == "person"]
                actor, surface, start, end = (persons or chosen)[0]
                return Speaker(actor, surface, start, end, "actor")
        if subject.pos_ not in {"NOUN", "PROPN"} or any(
            child.dep_ == "det" and child.lower_ in _DEMONSTRATIVES for child in subject.children
        ):  # "This invitation came after ..., stressing": a thing pointed back to, no source
            return None
        if subject.ent_type_ in {"DATE", "TIME"}:
            return None  # "the past", "last week": a time, no source
        if subject.pos_ == "NOUN" and subject.lemma_.lower() in NO_SOURCE_NOUNS:
            return None  # "The unexpected news came as ..., saying": no one speaks
        if subject.pos_ == "NOUN" and _described(subject):
            # "the statement said", "the group said": the body the article names before
            # ("the Paris-based company" with no company named stays as written)
            issuer = self._issuer(subject.idx, bodies=subject.lemma_.lower() in BODY_NOUNS)
            if issuer is not None:
                return Speaker(issuer, self.text[lo:hi], lo, hi, "actor")
            if all(child.dep_ == "det" for child in subject.children):
                return None
        if subject.pos_ == "NOUN" and not inside and definite(subject):
            named = named_by(  # "the ministry said": the ministry the article named before
                [subject.lower_],
                subject.idx,
                mentions=[m for m in self.mentions if not self.inside_quote(m[2], m[3])],
                kinds=self.kinds,
            )
            if not named and self.gendered:  # "the president said": President Obama
                named = self.pronouns.titled(subject.lower_, subject.idx) or ""
            if named:
                return Speaker(named, self.text[lo:hi], lo, hi, "actor")
        end = subject.idx + len(subject)  # the phrase up to its head: "Bessent", not
        for token in subject.rights:  # "Bessent during a press briefing"
            if token.dep_ not in {"compound", "flat"} or token.i != subject.i + 1:
                break
            end = token.idx + len(token)
        phrase = self.text[lo:end]
        return Speaker(phrase, phrase, lo, end, SOURCE)

    def body(self, speaker: Speaker) -> str:
        """The body ``speaker`` speaks for, from the parse (:func:`analysis.behalf.body_of`:
        "Kremlin spokesman Dmitry Peskov": the Kremlin); "" for a pronoun, without a parse
        or when the words around the speaker name none."""
        if speaker.how == "pronoun":
            return ""
        span = self.parsed(speaker.start, speaker.end)
        if span is None:
            return ""
        head = span.root
        own = token_span(head) if speaker.how == SOURCE else Span(speaker.start, speaker.end)
        return body_of(
            head, speaker=own, mentions=self.mentions, kinds=self.kinds, name=speaker.name
        )

    def _issuer(self, offset: int, *, bodies: bool) -> str | None:
        """The actor last named outside quotation marks before ``offset``, in its sentence or
        the :data:`ISSUER_SENTENCES` before it: an organisation or a group when ``bodies``
        (what "the group" stands for), any actor otherwise (who issued "the statement");
        None when the article names none there."""
        row = self.sentence_at(offset)
        lo = self.bounds(max(0, row - ISSUER_SENTENCES))[0]
        kinds = (
            {"organisation", "group"} if bodies else {"organisation", "group", "country", "person"}
        )
        named = [
            actor
            for actor, _, start, end in self.mentions_in(lo, offset)
            if self.kinds.get(actor) in kinds and not self.inside_quote(start, end)
        ]
        return named[-1] if named else None

    def subject_fills(self, lo: int, verb_start: int) -> bool:
        """Whether the words of ``[lo, verb_start)`` are all the subject phrase of the verb at
        ``verb_start`` in the parse: a name with its apposition, however long ('”, Scott
        Brown, chief economist at Raymond James & Associates Inc. in St. Petersburg, said');
        False without a parse."""
        verb = self._token_at(verb_start)
        if verb is None:
            return False
        subjects = [child for child in verb.children if child.dep_ in SUBJECTS]
        if len(subjects) != 1:
            return False
        words = [token for token in subjects[0].subtree if not token.is_punct]
        first, last = words[0], words[-1]
        outside = self.text[lo : first.idx] + self.text[last.idx + len(last) : verb_start]
        return first.idx >= lo and not WORD.search(outside)

    def is_verb(self, start: int) -> bool:
        """Whether the word at ``start`` is a verb in the parse ("states" in "the United
        States" is not; "according" is taken as one); True without a parse."""
        if self.doc is None:
            return True
        span = self.doc.char_span(start, start + 1, alignment_mode="expand")
        if span is None or not len(span):
            return True
        return span[0].pos_ in {"VERB", "AUX"} or span[0].lower_ == "according"

    def _in_prepositional_object(self, mention: tuple[str, str, int, int], head: Token) -> bool:
        """Whether ``mention`` is the object of a preposition on ``head`` ("a spokesperson
        for the Ministry of Commerce")."""
        for child in head.children:
            if child.dep_ == "prep":
                for token in child.subtree:
                    if mention[2] <= token.idx < mention[3]:
                        return True
        return False


#: Clauses whose people a pronoun outside them does not stand for (see ``antecedent``).
_SIDE_CLAUSES = frozenset({"advcl", "relcl"})
_INDEFINITE = frozenset({"a", "an", "one", "another"})
#: Documents that speak for whoever issued them ("the statement said", "the press release
#: added"): the speaker is the actor the article names before them.
DOCUMENT_NOUNS = frozenset(
    {
        "statement",
        "release",
        "communique",
        "communiqué",
        "readout",
        "letter",
        "declaration",
        "announcement",
        "memo",
        "notice",
        "bulletin",
        "post",
        "tweet",
        "document",
    }
)
#: Descriptions that stand for an organisation named before them ("the group said").
BODY_NOUNS = frozenset({"group", "organisation", "organization", "agency", "company", "firm"})
#: Subjects that are no source at all ("The unexpected news came as ..., saying").
NO_SOURCE_NOUNS = frozenset({"news", "development", "move", "decision"})
#: Sentences before a document or description searched for the actor it stands for.
ISSUER_SENTENCES = 2


def _described(subject: Token) -> bool:
    """Whether ``subject`` is "the <document>" or "the <description of a body>" ("the
    statement", "the joint statement", "the group"), with no name in it."""
    lemma = subject.lemma_.lower()
    definite = any(
        c.dep_ in {"det", "poss"} and c.lower_ in {"the", "its", "their"} for c in subject.children
    )
    return definite and (lemma in DOCUMENT_NOUNS or lemma in BODY_NOUNS)


_DEMONSTRATIVES = frozenset({"this", "that", "these", "those"})
#: "According to him / her".
_OBJECT_PRONOUNS = frozenset({"him", "her"})


def _is_word_character(character: str) -> bool:
    return character.isalnum() or character in _WORD_CHARACTERS


def _without_trailing_words(text: str, count: int) -> str:
    """``text`` without its last ``count`` words (runs of letters, digits, ’ ' - and _) and
    the white space around them; scanned from the end, so linear in the words removed."""
    end = len(text.rstrip())
    for _ in range(count):
        start = end
        while start and _is_word_character(text[start - 1]):
            start -= 1
        if start == end:
            break
        end = len(text[:start].rstrip())
    return text[:end]


def _apposed(
    text: str, before: list[Speaker], lo: int, verb_start: int, trailing: int
) -> Speaker | None:
    """The subject of "<speaker>, <words set off by commas or dashes>, <verb>" ("Andrii
    Yermak, Head of the Office of the President of Ukraine, said"; "the four European
    leaders — who came to the Ukrainian capital — threatened"), with up to ``trailing``
    words between the closing mark and the verb ("Trump, currently on a tour, voiced
    support")."""
    head = _without_trailing_words(text[lo:verb_start], trailing).rstrip()
    if not head or head[-1] not in _APPOSITION_MARKS:
        return None
    opening = max(head.rfind(mark, 0, len(head) - 1) for mark in _APPOSITION_MARKS)
    if opening < 0 or _BARRIER.search(head, opening):
        return None
    for speaker in before:
        if speaker.end <= lo + opening and not text[speaker.end : lo + opening].strip():
            return speaker
    return None


def _fits(gap: str, speaker: Speaker, max_gap: int) -> bool:
    """Whether ``gap`` may stand between ``speaker`` and its verb."""
    words = len(WORD.findall(gap))
    if speaker.how not in {"name", SOURCE}:
        return words <= max_gap
    if " " not in speaker.name:
        return not gap.strip()
    return words <= MAX_NAME_GAP_WORDS


def token_span(token: Token) -> Span:
    """Where a token of the parse stands in the text."""
    return Span(token.idx, token.idx + len(token))


def first_person(word: str) -> bool:
    """Whether ``word`` is "I" or "we" ("we’re", "I'm"): a quote's speaker speaking of
    themselves."""
    return re.sub(r"[’'](?:re|m|ve|ll|d)$", "", word.lower()) in _FIRST_PERSON
