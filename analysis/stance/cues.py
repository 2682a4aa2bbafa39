"""The cue matcher: the stance labels, the cue lists of ``analysis/data/stance_cues.toml``
(support, oppose, directive, condition, negation, hedge, neutral, enact, reduce, own side,
and praise, attack and receive for positions toward actors; the file documents the rules),
whole-word phrase matching over a sentence's tokens, and the tokenised :class:`Sentence` the
other steps of :mod:`analysis.stance` read.
"""

from __future__ import annotations

import re
import tomllib
from functools import cache
from typing import NamedTuple

from spacy.tokens import Token

from analysis import datafile
from analysis.speech import ArticleSpeech
from analysis.stance.topics import Topics
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
_TOKEN = re.compile(r"\w+(?:[’'-]\w+)*|[;:,.!?]")
_POSSESSIVE = re.compile(r"['’]s$")
CLAUSE_BREAK = frozenset({";", "but", "while", "whereas", "although", "though"})


class Phrases:
    """Case-insensitive whole-word phrases over tokens; a trailing * matches any ending."""

    def __init__(self, phrases: list[str] | tuple[str, ...]) -> None:
        self.exact: dict[str, list[tuple[str, list[str]]]] = {}
        self.prefixed: list[tuple[str, str, list[str]]] = []
        self.starting: dict[str, list[tuple[str, list[str]]]] = {}
        for phrase in phrases:
            parts = tokens_of(phrase)
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


def tokens_of(phrase: str) -> list[str]:
    """The lower-case words of a phrase, split at white space, as :class:`Phrases` matches
    them."""
    return phrase.lower().split()


def _matches(part: str, word: str) -> bool:
    if part.endswith("*"):
        return word.startswith(part[:-1])
    return word == part


class Cues(NamedTuple):
    """The cue lists of ``analysis/data/stance_cues.toml``, one :class:`Phrases` per list
    (the file says what each list does)."""

    support: Phrases
    oppose: Phrases
    directive: Phrases
    condition: Phrases
    negation: Phrases
    hedge: Phrases
    unconditional: Phrases
    neutral: Phrases
    enact: Phrases
    reduce: Phrases
    own_side: Phrases
    praise: Phrases
    attack: Phrases
    receive: Phrases


@cache
def cue_lists() -> Cues:
    """The :class:`Cues` of the built-in cue file, read once."""
    data = tomllib.loads(datafile.built_in_text("stance_cues.toml"))
    return Cues(*(Phrases(data[field]) for field in Cues._fields))


@cache
def topic_cues(topics: Topics) -> list[tuple[str, Phrases]]:
    """Each topic's name with its cues as :class:`Phrases`, in the order of ``topics``
    (made once per topic list)."""
    return [(t.name, Phrases(t.cues)) for t in topics]


class Sentence(NamedTuple):
    """A sentence as the stance steps read it: its words (lower case) and their offsets in
    the article's text, where it stands, and its topic cue matches."""

    words: list[str]
    spans: list[tuple[int, int]]
    start: int
    end: int
    sent_id: int
    text: str
    #: the words with negations split off (:func:`split_negations`): what cues are found in
    split: list[str]
    #: each topic's cue matches in ``split``, by topic name
    topics: dict[str, list[tuple[int, int, str]]]

    @property
    def span(self) -> Span:
        """Where the sentence stands in the article's text."""
        return Span(self.start, self.end)


def read_sentence(
    speech: ArticleSpeech, row: int, topic_phrases: list[tuple[str, Phrases]]
) -> Sentence:
    """The :class:`Sentence` of row ``row`` of the article's sentences, with the matches of
    each topic of ``topic_phrases`` (:func:`topic_cues`)."""
    start, end = speech.bounds(row)
    matches = list(_TOKEN.finditer(speech.text, start, end))
    words = [m.group().lower() for m in matches]
    split = split_negations(words)
    return Sentence(
        words,
        [m.span() for m in matches],
        start,
        end,
        speech.sent_ids[row],
        speech.text[start:end],
        split,
        {name: _topic_matches(phrases, split) for name, phrases in topic_phrases},
    )


def cue_word(token: Token) -> bool:
    """Whether ``token`` is a stance cue of its own (support, oppose, enact, reduce)."""
    cues = cue_lists()
    words = [token.lower_]
    return any(p.find(words) for p in (cues.support, cues.oppose, cues.enact, cues.reduce))


#: Endings that make a noun for people of a verb ("support" + "er", "endorse" + "r").
_AGENT_ENDINGS = ("er", "r", "or")


def backers_of(noun: Token) -> bool:
    """Whether ``noun`` names the people who hold a position toward someone named before it
    ("Clinton supporters", "Trump's backers"): a noun made of a support or oppose cue and
    the ending of a noun for people, with a noun compound or a possessive. That name is whom
    they back or oppose, never the holder; the holders themselves are named by no actor. An
    offer or an order is no such noun ("Putin's offer" is Putin's)."""
    if noun.pos_ != "NOUN" or not any(c.dep_ in ("compound", "poss") for c in noun.children):
        return False
    cues = cue_lists()
    lemma = noun.lemma_.lower()
    stems = [lemma[: -len(end)] for end in _AGENT_ENDINGS if lemma.endswith(end)]
    return any(p.find([stem]) for stem in stems if stem for p in (cues.support, cues.oppose))


def one_topic_per_span(spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Topic cue spans in order, one topic per stretch of words: of overlapping spans, the
    longer, then the one listed first (the finder lists the article's own topics first)."""
    kept: list[tuple[int, int, str]] = []
    for span in sorted(spans, key=lambda s: (s[0], -(s[1] - s[0]))):
        if not any(span[0] < b and a < span[1] for a, b, _ in kept):
            kept.append(span)
    return sorted(kept)


def _topic_matches(phrases: Phrases, words: list[str]) -> list[tuple[int, int, str]]:
    """A topic's cue matches in ``words``, a possessive one too ("Trump's tweets" mentions
    the topic "Trump" as "Donald Trump's campaign" does "Donald Trump")."""
    found = set(phrases.find(words))
    found |= set(phrases.find([_POSSESSIVE.sub("", word) for word in words]))
    return sorted(found)


def split_negations(words: list[str]) -> list[str]:
    """Words with every "doesn't" / "didn’t" made the single negation token "n't"."""
    return ["n't" if w.endswith(("n't", "n’t")) else w for w in words]


def longest(spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Spans without overlaps, the earlier (and at one start, the longer) kept."""
    kept: list[tuple[int, int, str]] = []
    for span in sorted(spans, key=lambda s: (s[0], -s[1])):
        if not kept or span[0] >= kept[-1][1]:
            kept.append(span)
    return kept


def offset_token(sentence: Sentence, offset: int) -> int:
    """Index of the first token starting at or after ``offset``."""
    return next((n for n, (s, _) in enumerate(sentence.spans) if s >= offset), len(sentence.spans))


def text_of(sentence: Sentence, i: int, j: int) -> str:
    """The sentence's text from token ``i`` to token ``j`` (exclusive), as written."""
    if j <= i:
        return ""
    start = sentence.spans[i][0] - sentence.start
    end = sentence.spans[j - 1][1] - sentence.start
    return sentence.text[start:end]
