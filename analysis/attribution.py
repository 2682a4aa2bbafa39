"""Who said a direct quote that the rules leave without a speaker: a learned ranker.

The rules of :mod:`analysis.quotes` give a quote the speaker that stands next to an
attribution verb in its own sentence, the sentence before (a quote-only paragraph) or the
start of the next. Where they find none ("the speaker two sentences back", a pronoun whose
person is named in the paragraph before, a quote that runs over several paragraphs), this
module ranks the speakers the parse offers around the quote and gives it the best one when
the model is sure enough (:data:`THRESHOLD` in the model file).

**Candidates** (:meth:`SpeakerRanker.candidates`): every speaker
:meth:`analysis.speech.ArticleSpeech.candidates` finds outside quotation marks from
:data:`SENTENCES_BEFORE` sentences before the quote to :data:`SENTENCES_AFTER` after it
(actor mentions, "he" / "she" resolved to a person, unregistered names), and the speaker
the rules give each attribution verb there (an unnamed source among them, "a senior
official").

**Features** (:data:`FEATURES`, :meth:`SpeakerRanker.features`): where the candidate stands
(before or after the quote, how many sentences and paragraphs away, its rank among the
candidates on its side), what it is (an actor, a pronoun, a name, an unnamed source; a
person), what the parse makes of it (the subject of an attribution verb, of another verb, an
object), whether the rules give it an attribution verb nearby, whether it spoke the quote
before, how often the article names it, and whether the quote stands alone in its paragraph.

**Model**: a logistic regression over those features, trained on PolNeAR's train split by
``bench/train_attribution.py`` (``make train-attribution``) and shipped as its weights in
:data:`MODEL_FILE` with its record (data, seed, features, scores); run with numpy alone.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import NamedTuple

import numpy as np
from spacy.tokens import Token

from analysis import schema as S
from analysis.clauses import subject_of
from analysis.speech import SOURCE, ArticleSpeech, Speaker
from analysis.text import Span
from analysis.verbs import WORD, verbs_in

#: The model's weights and its training record.
MODEL_FILE = Path(__file__).resolve().parent / "data" / "attribution_model.json"
#: Sentences before the quote's first sentence searched for candidates.
SENTENCES_BEFORE = 4
#: Sentences after the quote's last sentence searched for candidates.
SENTENCES_AFTER = 2
#: Sentences before a "he" / "she" the rules leave unresolved searched for its person.
PRONOUN_SENTENCES = 6
#: Where a quote attributed by the model says it was attributed (the ``attribution`` column).
RANKED = "ranked"

_HOWS = ("actor", "pronoun", "name", SOURCE)
_PRONOUNS = frozenset({"he", "she"})
_DEPS = ("nsubj", "nsubjpass", "pobj", "dobj", "poss", "compound", "appos", "conj")
#: The model's features, in the order of its weights.
FEATURES: tuple[str, ...] = (
    "before",
    "after",
    *(f"before_sentences_{n}" for n in ("0", "1", "2", "3+")),
    *(f"after_sentences_{n}" for n in ("0", "1", "2+")),
    "paragraphs_away",
    "same_paragraph",
    "log_chars_away",
    *(f"before_rank_{n}" for n in ("0", "1", "2+")),
    *(f"after_rank_{n}" for n in ("0", "1", "2+")),
    *(f"how_{h}" for h in _HOWS),
    "person",
    "organisation",
    "country_or_group",
    *(f"dep_{d}" for d in _DEPS),
    "speech_subject",
    "speech_subject_same_sentence",
    "speech_subject_near",
    "rule_speaker_same_sentence",
    "rule_speaker_near",
    "previous_quote_speaker",
    "log_mentions",
    "first_mention_share",
    "quote_only_paragraph_before",
    "quote_only_paragraph_previous_speaker",
    "quote_only_paragraph_after",
    "sentence_start",
    "far_pronoun",
    "rules_speaker",
)
_INDEX = {name: k for k, name in enumerate(FEATURES)}


class Model(NamedTuple):
    """A logistic regression: ``weights`` by :data:`FEATURES`, ``bias``, and the score a
    best candidate needs to be taken (``threshold``, a probability)."""

    weights: np.ndarray
    bias: float
    threshold: float
    record: dict

    def probabilities(self, features: np.ndarray) -> np.ndarray:
        """The probability that each row's candidate is the speaker."""
        return 1.0 / (1.0 + np.exp(-(features @ self.weights + self.bias)))


@cache
def model(path: Path = MODEL_FILE) -> Model:
    """The shipped model (read once per process); its features must be :data:`FEATURES`."""
    entry = json.loads(path.read_text(encoding="utf-8"))
    if tuple(entry["features"]) != FEATURES:
        raise ValueError(f"{path.name} was trained on other features: train it again")
    weights = np.array([entry["weights"][name] for name in FEATURES], dtype=float)
    return Model(weights, float(entry["bias"]), float(entry["threshold"]), entry["record"])


class _Verb(NamedTuple):
    """An attribution verb outside quotation marks: its sentence row, the head token of its
    subject in the parse (None when the parse gives none) and the rules' speaker."""

    row: int
    subject: tuple[int, int] | None
    speaker: Speaker | None


class SpeakerRanker:
    """The candidates and features of one article's quotes (its verbs found once)."""

    def __init__(self, speech: ArticleSpeech) -> None:
        self.speech = speech
        self.paragraphs: list[int] = speech.sentences[S.PARAGRAPH].tolist()
        self._verbs: list[_Verb] | None = None
        self._counts: dict[str, tuple[int, int]] | None = None
        self._far: set[tuple[int, int]] = set()  # pronouns resolved here, not by the rules

    @property
    def verbs(self) -> list[_Verb]:
        """The article's attribution verbs outside quotation marks, in text order."""
        if self._verbs is None:
            speech, found = self.speech, []
            for row in range(len(speech.sentences)):
                lo, hi = speech.bounds(row)
                for verb in verbs_in(speech.text, lo, hi):
                    start, end = verb.span()
                    if speech.inside_quote(start, end) or not speech.is_verb(start):
                        continue
                    found.append(
                        _Verb(
                            row,
                            self._subject(start),
                            speech.speaker_for(Span(start, end), Span(lo, hi)),
                        )
                    )
            self._verbs = found
        return self._verbs

    def _subject(self, start: int) -> tuple[int, int] | None:
        parsed = self.speech.parsed(start, start + 1)
        subject = None if parsed is None else subject_of(parsed[0])
        return None if subject is None else (subject.idx, subject.idx + len(subject))

    @property
    def counts(self) -> dict[str, tuple[int, int]]:
        """Each actor's number of mentions and the offset of its first one."""
        if self._counts is None:
            counts: dict[str, tuple[int, int]] = {}
            for actor, _, start, _ in self.speech.mentions:
                number, first = counts.get(actor, (0, start))
                counts[actor] = (number + 1, first)
            self._counts = counts
        return self._counts

    def candidates(self, span: Span) -> list[Speaker]:
        """The speakers around the quote ``span`` (see the module), in text order, one per
        place in the text."""
        speech = self.speech
        first = max(0, speech.sentence_at(span.start) - SENTENCES_BEFORE)
        last = min(len(speech.sentences) - 1, speech.sentence_at(span.end - 1) + SENTENCES_AFTER)
        lo, hi = speech.bounds(first)[0], speech.bounds(last)[1]
        found = {(s.start, s.end): s for s in speech.candidates(lo, hi)}
        for pronoun in self._far_pronouns(lo, hi):
            found.setdefault((pronoun.start, pronoun.end), pronoun)
        for verb in self.verbs:
            if first <= verb.row <= last and verb.speaker is not None:
                found.setdefault((verb.speaker.start, verb.speaker.end), verb.speaker)
        return [
            s
            for key, s in sorted(found.items())
            if (s.end <= span.start or s.start >= span.end) and s.name.strip()
        ]

    def _far_pronouns(self, lo: int, hi: int) -> list[Speaker]:
        """The "he" / "she" of ``[lo, hi)`` outside quotation marks that the rules leave
        unresolved (no person in their sentence or the one before), as the person last named
        outside quotation marks within :data:`PRONOUN_SENTENCES` sentences before them."""
        speech, found = self.speech, []
        for match in WORD.finditer(speech.text, lo, hi):
            start, end = match.span()
            if match.group().lower() not in _PRONOUNS or speech.inside_quote(start, end):
                continue
            if speech.pronoun_person(start) is not None:
                continue
            row = speech.sentence_at(start)
            earliest = speech.bounds(max(0, row - PRONOUN_SENTENCES))[0]
            persons = [
                actor
                for actor, _, first, last in speech.mentions
                if earliest <= first
                and last <= start
                and speech.kinds.get(actor) == "person"
                and not speech.inside_quote(first, last)
            ]
            if persons:
                found.append(Speaker(persons[-1], match.group(), start, end, "pronoun"))
                self._far.add((start, end))
        return found

    def features(
        self,
        span: Span,
        candidates: list[Speaker],
        previous: str | None = None,
        ruled: str | None = None,
    ) -> np.ndarray:
        """One row of :data:`FEATURES` per candidate of the quote ``span``; ``previous`` is
        the speaker of the quote before it in the article, ``ruled`` the speaker the rules
        give this quote (None when none)."""
        speech = self.speech
        rows = np.zeros((len(candidates), len(FEATURES)))
        quote_first = speech.sentence_at(span.start)
        quote_last = speech.sentence_at(max(span.start, span.end - 1))
        alone = speech.quote_only_paragraph(span.start)
        before = [k for k, s in enumerate(candidates) if s.end <= span.start]
        after = [k for k, s in enumerate(candidates) if s.start >= span.end]
        ranks = {k: n for n, k in enumerate(reversed(before))} | {k: n for n, k in enumerate(after)}
        longest = max(len(speech.text), 1)
        for k, candidate in enumerate(candidates):
            row = rows[k]
            where = speech.sentence_at(candidate.start)
            is_before = candidate.end <= span.start
            set_ = _setter(row)
            if is_before:
                set_("before")
                gap = quote_first - where
                set_(f"before_sentences_{min(gap, 3)}" if gap < 3 else "before_sentences_3+")
                set_(f"before_rank_{min(ranks[k], 2)}" if ranks[k] < 2 else "before_rank_2+")
                chars = span.start - candidate.end
            else:
                set_("after")
                gap = where - quote_last
                set_(f"after_sentences_{gap}" if gap < 2 else "after_sentences_2+")
                set_(f"after_rank_{ranks[k]}" if ranks[k] < 2 else "after_rank_2+")
                chars = candidate.start - span.end
            paragraphs = abs(self.paragraphs[where] - self.paragraphs[quote_first])
            row[_INDEX["paragraphs_away"]] = min(paragraphs, 4) / 4
            set_("same_paragraph", paragraphs == 0)
            row[_INDEX["log_chars_away"]] = math.log1p(max(chars, 0)) / 8
            set_(f"how_{candidate.how}")
            kind = speech.kinds.get(candidate.name, "person" if candidate.how != SOURCE else "")
            set_("person", kind == "person")
            set_("organisation", kind == "organisation")
            set_("country_or_group", kind in {"country", "group"})
            token = self._head(candidate)
            if token is not None and token.dep_ in _DEPS:
                set_(f"dep_{token.dep_}")
            for verb in self.verbs:
                subject = verb.subject is not None and _overlaps(verb.subject, candidate)
                said = verb.speaker is not None and verb.speaker.name == candidate.name
                same = verb.row == where and quote_first - 1 <= verb.row <= quote_last + 1
                near = abs(verb.row - where) <= 1 and quote_first - 2 <= verb.row <= quote_last + 1
                if subject:
                    set_("speech_subject")
                    set_("speech_subject_same_sentence", same)
                    set_("speech_subject_near", near)
                if said and near:
                    set_("rule_speaker_same_sentence", verb.row in (quote_first, quote_last))
                    set_("rule_speaker_near")
            is_previous = previous is not None and previous == candidate.name
            set_("previous_quote_speaker", is_previous)
            number, first_at = self.counts.get(candidate.name, (1, candidate.start))
            row[_INDEX["log_mentions"]] = math.log1p(number) / 3
            row[_INDEX["first_mention_share"]] = first_at / longest
            set_("quote_only_paragraph_before", alone and is_before)
            set_("quote_only_paragraph_previous_speaker", alone and is_previous)
            set_("quote_only_paragraph_after", alone and not is_before)
            lead = speech.text[speech.bounds(where)[0] : candidate.start]
            set_("sentence_start", not WORD.search(lead))
            set_("far_pronoun", (candidate.start, candidate.end) in self._far)
            set_("rules_speaker", ruled is not None and ruled == candidate.name)
        return rows

    def _head(self, candidate: Speaker) -> Token | None:
        """The candidate's syntactic head in the parse (None without a parse)."""
        parsed = self.speech.parsed(candidate.start, candidate.end)
        return None if parsed is None else parsed.root

    def spoken(self, span: Span) -> bool:
        """Whether the quoted words hold a verb in the parse (a clause someone said, not a
        title or a name in quotation marks: "“The Art of the Deal”"); True without a parse."""
        parsed = self.speech.parsed(span.start, span.end)
        return parsed is None or any(token.pos_ in {"VERB", "AUX"} for token in parsed)

    def speaker(self, span: Span, previous: str | None = None) -> Speaker | None:
        """The best candidate for the quote ``span`` when the model gives it at least its
        threshold; None otherwise, without candidates, or when the quote holds no verb
        (:meth:`spoken`)."""
        candidates = self.candidates(span)
        if not candidates or not self.spoken(span):
            return None
        ranker = model()
        scores = ranker.probabilities(self.features(span, candidates, previous))
        best = int(np.argmax(scores))
        return candidates[best] if scores[best] >= ranker.threshold else None


def _setter(row: np.ndarray) -> Callable[..., None]:
    """A function that sets the named feature of ``row`` to 1 when its value is true."""

    def set_(name: str, value: bool = True) -> None:
        if value:
            row[_INDEX[name]] = 1.0

    return set_


def _overlaps(subject: tuple[int, int], speaker: Speaker) -> bool:
    return subject[0] < speaker.end and speaker.start < subject[1]
