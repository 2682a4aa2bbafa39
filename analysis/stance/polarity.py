"""Polarity: which stance a cue gives and toward which topic.

A support or oppose cue governs the first topic cue after it in its clause (else the nearest
one before it); an enact or reduce cue acts on the topic right before or right after it, and
a reduction of the topic turns support into opposition ("agreed to a pause in tariffs").
Negations and hedges before a cue and a condition after it, or a condition clause ahead of
its verb ("if Putin agrees, both will fly there to meet him"), change the label; the actor a
condition names holds nothing. Intentions are stances too: a future or modal auxiliary on a
topic's verb ("will meet") and what a speaker reports of their own side ("Russia said they
would take place").
"""

from __future__ import annotations

from spacy.tokens import Token

from analysis.speech import ArticleSpeech, Speaker
from analysis.stance.cues import (
    ACTION_WINDOW,
    CLAUSE_BREAK,
    CONDITION_WINDOW,
    CONDITIONAL,
    INTENT_AUXILIARIES,
    OPPOSE,
    SUPPORT,
    TOPIC_WINDOW,
    Sentence,
    cue_lists,
    cue_word,
    offset_token,
    text_of,
)
from analysis.stance.holders import cue_token, own_side

#: Most verbs walked up from a cue to a negation that governs it (:func:`negated_above`).
_NEGATED_HOPS = 3


def _complement(speech: ArticleSpeech, start: int, end: int) -> list[Token]:
    """The clauses the speech verb at ``[start, end)`` governs ("said [that they will
    come]"), from the parse."""
    if speech.doc is None:
        return []
    span = speech.doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return []
    return [child for child in span[0].children if child.dep_ == "ccomp"]


def reported_intent(
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
        sides = own_side(speech, clause, speaker)
        if not auxiliaries or sides is None:
            continue
        negated = any(child.dep_ == "neg" for token in chain for child in token.children)
        if negated and not any(start <= t.idx < end for t in _own(clause) for start, end in topics):
            continue  # "would not go to Istanbul" opposes no topic the clause does not name
        reduced = bool(cue_lists().reduce.find([token.lower_ for token in chain]))
        return (OPPOSE if negated != reduced else SUPPORT), auxiliaries[0].text, sides
    return None


def _own(clause: Token) -> list[Token]:
    """The tokens of ``clause`` without the clauses coordinated with it ("would not go to
    Istanbul [and that his team's mandate was to discuss a ceasefire]")."""
    joined = [child for child in clause.children if child.dep_ == "conj"]
    return [
        t for t in clause.subtree if not any(c.left_edge.i <= t.i <= c.right_edge.i for c in joined)
    ]


def intents(
    speech: ArticleSpeech, sentence: Sentence, topic_spans: list[tuple[int, int, str]]
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
        if verb is not None and verb.dep_ == "dobj" and not cue_word(verb.head):
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
            k = offset_token(sentence, auxiliaries[0].idx)
            negated = any(child.dep_ == "neg" for t in governing for child in t.children)
            found.append((k, k + 1, OPPOSE if negated else SUPPORT))
    return found


def topic_after(
    words: list[str], topic_spans: list[tuple[int, int, str]], cue_start: int, cue_end: int
) -> tuple[int, int, str] | None:
    """The topic a cue governs: the first topic cue after it in its clause, within
    :data:`TOPIC_WINDOW` words, else the nearest one before it in its clause ("the ceasefire
    proposal", "a condition Kyiv has consistently rejected")."""
    for span in topic_spans:
        i = span[0]
        if cue_end <= i <= cue_end + TOPIC_WINDOW and not CLAUSE_BREAK & set(words[cue_end:i]):
            return span
    for span in reversed(topic_spans):
        i, j, _ = span
        clause = not (CLAUSE_BREAK | {"that", "which"}) & set(words[j:cue_start])
        if cue_start - TOPIC_WINDOW <= i and j <= cue_start and clause:
            return span
    return None


def reduces_topic(words: list[str], cue_end: int, topic: tuple[int, int, str]) -> bool:
    """Whether the cue governs a reduction of its topic: a reduce cue between them ("agreed
    to a pause in tariffs") or right after the topic ("welcomed the tariff cuts", "agree to
    a tariff truce")."""
    reduce = cue_lists().reduce
    if topic[0] >= cue_end and reduce.find(words[cue_end : topic[0]]):
        return True
    return bool(reduce.find(words[topic[1] : topic[1] + 1]))


def acted_on(
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
        if cue_end <= i <= cue_end + ACTION_WINDOW and not CLAUSE_BREAK & set(words[cue_end:i]):
            return span
    return None


def in_condition(words: list[str], sentence: Sentence, holder: Speaker, i: int) -> bool:
    """Whether the cue is in a condition clause ("provided Russia agrees", "but if Russian
    ruler Vladimir Putin agrees"): a condition opens the clause before the holder."""
    first = offset_token(sentence, holder.start)
    if first > i:
        return False
    opening = first
    while opening > 0 and words[opening - 1] not in CLAUSE_BREAK | {","}:
        opening -= 1
    lead = words[max(0, opening - 1) : first]
    return bool(cue_lists().condition.find(lead))


def cue_label(words: list[str], sentence: Sentence, label: str, i: int, j: int) -> tuple[str, str]:
    """The stance of a cue and the words that modified it (see ``stance_cues.toml``)."""
    cues = cue_lists()
    lead = max(0, i - 4)
    negation = cues.negation.find(words[lead:i])
    hedge = cues.hedge.find(words[lead:i])
    if label == SUPPORT and hedge:
        first = min([hedge[0][0], *(n[0] for n in negation)])
        return CONDITIONAL, text_of(sentence, lead + first, i)
    if negation:
        return (OPPOSE if label == SUPPORT else CONDITIONAL), text_of(
            sentence, lead + negation[0][0], i
        )
    condition = condition_after(words, sentence, j)
    return (CONDITIONAL, condition) if condition else (label, "")


def particle(cue: Token) -> bool:
    """Whether the parse reads a one-word cue as a verb's particle or an adverb ("has
    bounced back in the polls"): no position."""
    return cue.dep_ == "prt" or cue.pos_ in ("ADP", "ADV", "PART")


def negated_above(cue: Token) -> str | None:
    """The negation ("n't", "not", "never") of a verb that governs the cue through an open
    complement or that it is coordinated with, :data:`_NEGATED_HOPS` verbs up at most
    ("is not going to campaign for him or back him": "not"); None when none is."""
    token = cue
    for _ in range(_NEGATED_HOPS):
        if token.dep_ not in ("xcomp", "conj") or token.head.i == token.i:
            return None
        token = token.head
        negation = next((c for c in token.children if c.dep_ == "neg"), None)
        if negation is not None:
            return negation.text
    return None


def condition_before(speech: ArticleSpeech, sentence: Sentence, i: int) -> tuple[int, int] | None:
    """Where the condition is that the parse hangs on the verb of the cue at token ``i``
    ahead of it ("if Putin agrees to come to Istanbul, both he and Erdoğan will fly there to
    meet him"): an adverbial clause opened by a condition word; None when there is none."""
    token = cue_token(speech, *sentence.spans[i])
    if token is None:
        return None
    verbs = [token, *token.ancestors][:3]
    for verb in verbs:
        for clause in verb.children:
            if clause.dep_ != "advcl" or clause.i > token.i:
                continue
            marks = [c for c in clause.children if c.dep_ == "mark"]
            if marks and cue_lists().condition.find([marks[0].lower_]):
                return marks[0].idx, clause.right_edge.idx + len(clause.right_edge)
    return None


def _until_break(words: list[str]) -> list[str]:
    """``words`` up to the first clause break ("but", "while", ";")."""
    for n, word in enumerate(words):
        if word in CLAUSE_BREAK:
            return words[:n]
    return words


def condition_after(words: list[str], sentence: Sentence, j: int) -> str:
    """The condition (as written) in the clause after token ``j``, or ""."""
    cues = cue_lists()
    after = _until_break(words[j : j + CONDITION_WINDOW])
    for a, b, _ in cues.condition.find(after):
        if not cues.unconditional.find(after[max(0, a - 2) : a]) and not cues.unconditional.find(
            after[a:b]
        ):
            return text_of(sentence, j + a, j + b).lstrip(", ")
    return ""
