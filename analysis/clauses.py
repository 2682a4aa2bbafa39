"""Who does what in a clause, read from the parse: a verb's subject (its own, or that of the
verb it hangs on), the agent of a passive verb, and whether a passive verb reports its
subject's words ("was quoted as saying"). :mod:`analysis.speech` finds speakers with them.
"""

from __future__ import annotations

from spacy.tokens import Token

from analysis.verbs import verb_pattern

#: Dependency labels of a verb's subject.
SUBJECTS = frozenset({"nsubj", "nsubjpass"})
#: Negations, which the parse now and then labels a subject.
NEGATIONS = frozenset({"n't", "n’t", "not"})
#: Dependency labels by which a verb hangs on another one that may carry the subject.
_CLAUSE_LINKS = frozenset({"advcl", "xcomp", "conj", "ccomp", "relcl"})
#: Parts of speech of a word that can be a speaker.
_NOMINAL = frozenset({"NOUN", "PROPN", "PRON"})


def as_saying(verb: Token) -> bool:
    """Whether a passive verb reports its subject's words ("was quoted as saying", "was
    heard saying"): a speech verb in "-ing" hangs on it."""
    return any(
        t.tag_ == "VBG" and verb_pattern().fullmatch(t.text) is not None
        for child in verb.children
        if child.dep_ != "agent"
        for t in child.subtree
    )


def agent(verb: Token) -> Token | None:
    """The object of a passive verb's "by" ("described by scientists"), or None."""
    for child in verb.children:
        if child.dep_ == "agent":
            return next((c for c in child.children if c.dep_ == "pobj"), None)
    return None


def subject_of(verb: Token) -> Token | None:
    """The subject of ``verb``: its own, the object of "to" after "according", or that of
    the verb it hangs on (two steps at most: "..., saying", "and added", "by raising")."""
    if verb.lower_ == "according":
        for token in verb.subtree:
            if token.dep_ == "pobj":
                return token
        return None
    clauses = [child.i for child in verb.children if child.dep_ == "ccomp"]
    own = [
        child
        for child in verb.children
        if child.dep_ in SUBJECTS
        and child.lower_ not in NEGATIONS
        and not any(verb.i < c < child.i for c in clauses)
    ]  # misparses: a subject after what the verb says ("said both are ready, News.Az ..."),
    # a negation ("Washington “didn’t have": the parse makes "n’t" a second subject)
    if own:  # the nearest, when the parse gives two ("The talks ended, and an official said")
        return min(own, key=lambda child: abs(child.i - verb.i))
    if verb.dep_ == "conj" and verb.head.dep_ == "amod":  # a parse that coordinates the verb
        # with an adjective ("curbs on metals, vital for makers of weapons, and raising
        # tariffs") leaves it where the adjective's phrase stands: the verb above it
        above = next((token for token in verb.head.ancestors if token.pos_ == "VERB"), None)
        return None if above is None else subject_of(above)
    before = verb.nbor(-1) if verb.i > verb.sent.start else None
    if before is not None and before.pos_ in _NOMINAL:
        return before  # a parse that gives the verb no subject: "..., and an official said"
    if verb.pos_ == "NOUN" and verb.dep_ == "dobj":  # a cue noun: the subject of the verb
        return subject_of(verb.head)  # it is the object of ("Washington didn't have expectations")
    for _ in range(2):
        if verb.dep_ == "pcomp" and verb.head.dep_ == "prep":
            verb = verb.head  # "hit back by raising tariffs": the verb the preposition is on
        elif verb.dep_ not in _CLAUSE_LINKS or verb.head.i == verb.i:
            return None
        elif verb.dep_ == "advcl" and "Fin" in verb.morph.get("VerbForm") and verb.i > verb.head.i:
            return None  # a finite clause after its verb has a subject the parse missed; one
            # ahead of it ("Asked what his message was, Zelensky told") shares the verb's
        verb = verb.head
        for child in verb.children:
            if child.dep_ in SUBJECTS:
                return child
    return None
