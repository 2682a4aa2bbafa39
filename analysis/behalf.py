"""On whose behalf a speaker speaks: the body beside a spokesman, an official or a named
person, read from the parse.

"Kremlin spokesman Dmitry Peskov said": Peskov speaks, on behalf of the Kremlin; "a State
Department spokesperson said": an unnamed source, on behalf of the State Department. The body
is found in the words that describe the speaker's head in the parse, never from a list of
names:

* a possessive ("the Kremlin's spokesman", "Trump's lawyer");
* the object of "for" or "of" ("spokeswoman for the Russian Foreign Ministry", "head of the
  Pentagon");
* a compound or adjective before it ("State Department spokesperson", "Kremlin spokesman
  Dmitry Peskov", "Russian officials");
* the same words of an apposition ("Dmitry Peskov, the Kremlin's spokesman,") or of the role
  a name stands in apposition to ("the Kremlin spokesman, Dmitry Peskov,").

Each group of words names the body by, in this order: an actor mentioned in it (a person only
through a possessive or "for": "Trump's lawyer"); its capitalised words, as written, without
a title ("State Department"; "Treasury" of "Treasury Secretary Scott Bessent"); a common
noun that stands for an organisation or group the article named before ("a ministry
spokesperson" after "China's Ministry of Commerce"). :func:`body_of` returns the first body
found, or "".
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Token

from analysis.entities import PERSON_ROLES, TITLES, country_of

#: A mention: actor, surface, start, end (offsets into the article's text).
Mention = tuple[str, str, int, int]
#: Kinds of actor that are bodies a speaker may speak for.
BODY_KINDS = frozenset({"organisation", "country", "group"})
#: Kinds of actor a common noun may stand for ("the ministry", "a ministry spokesperson").
DESCRIBED_KINDS = frozenset({"organisation", "group"})
#: Prepositions that join a role to its body ("spokesman for", "head of").
_BODY_PREPOSITIONS = frozenset({"for", "of"})
#: Dependencies by which a body's words hang on a role or name before it.
_MODIFIERS = frozenset({"compound", "amod", "nmod"})
#: Words that may stand between the capitalised words of a body's name.
_CONNECTORS = frozenset({"of", "the", "and", "&", "for"})
#: Parts of speech of a capitalised word in a body's name ("Foreign Ministry").
_NAMING = frozenset({"PROPN", "ADJ", "NOUN"})
#: Words of a title that are no body ("Secretary" of "Treasury Secretary").
TITLE_WORDS = TITLES | PERSON_ROLES | {"mr", "mrs", "ms", "dr", "sir", "dame", "lord", "lady"}


def _words(token: Token) -> list[Token]:
    """``token``'s phrase without its possessive ending or punctuation."""
    return [t for t in token.subtree if t.dep_ != "case" and not t.is_punct]


def _groups(head: Token) -> list[tuple[list[Token], bool]]:
    """The groups of words that may name the body of the speaker headed by ``head``, in the
    order they are tried, each with whether a person may be the body (a possessive or
    "for")."""
    holders = [head]
    if head.dep_ == "appos":
        holders.append(head.head)
    holders += [child for child in head.children if child.dep_ == "appos"]
    found: list[tuple[list[Token], bool]] = []
    for holder in holders:
        for child in holder.children:
            if child.dep_ == "poss":
                found.append((_words(child), True))
            elif child.dep_ == "prep" and child.lower_ in _BODY_PREPOSITIONS:
                for pobj in (c for c in child.children if c.dep_ == "pobj"):
                    found.append((_words(pobj), child.lower_ == "for"))
        modifiers = [c for c in holder.children if c.dep_ in _MODIFIERS and c.i < holder.i]
        found += [(_words(child), False) for child in modifiers]
    return found


def body_of(
    head: Token,
    *,
    speaker: tuple[int, int],
    mentions: Sequence[Mention],
    kinds: dict[str, str],
    name: str = "",
) -> str:
    """The body the speaker whose phrase is headed by ``head`` speaks for ("" when its
    description names none); ``speaker`` is where the speaker's own words stand (they are
    no body), ``mentions`` the article's mentions in text order, ``kinds`` the kind of each
    actor, ``name`` the speaker's actor (never its own body)."""
    lo, hi = speaker
    for words, person in _groups(head):
        words = [t for t in words if not lo <= t.idx < hi]
        if not words:
            continue
        first, last = words[0].idx, words[-1].idx + len(words[-1])
        for actor, _, start, end in mentions:
            if start >= first and end <= last and actor != name:
                kind = kinds.get(actor, "person")
                if kind in BODY_KINDS or (person and kind == "person"):
                    return actor
        written = _capitalised(words)
        if written:
            return written
        nouns = [t.lower_ for t in words if t.pos_ == "NOUN"]
        described = named_by(nouns, first, mentions=mentions, kinds=kinds, name=name)
        if described:
            return described
    return ""


def _capitalised(words: list[Token]) -> str:
    """The first run of capitalised words in ``words`` (with "of", "the", "and" between
    them), without people's names and title words, as written ("State Department", "Office
    of the President"; "Treasury" of "Treasury Secretary"); the country when the run names
    one ("U.S.", "Kremlin": :func:`analysis.entities.country_of`)."""
    runs: list[list[Token]] = [[]]
    for token in words:
        if _capital(token) and (runs[-1] or not _title(token)):
            runs[-1].append(token)
        elif not (runs[-1] and token.lower_ in _CONNECTORS):
            runs.append([])
    for run in runs:
        while run and (not _capital(run[-1]) or _title(run[-1])):
            run.pop()
        if run:
            countries = {country_of(token) for token in run}
            if len(countries) == 1 and "" not in countries:
                return countries.pop()
            return run[0].doc[run[0].i : run[-1].i + 1].text
    return ""


def _capital(token: Token) -> bool:
    """Whether ``token`` is a capitalised word that may name a body (no person's name, no
    common word capitalised because it opens the sentence)."""
    return (
        token.text[:1].isupper()
        and token.pos_ in _NAMING
        and token.ent_type_ != "PERSON"
        and (token.pos_ == "PROPN" or bool(token.ent_type_) or not token.is_sent_start)
    )


def _title(token: Token) -> bool:
    """Whether ``token`` is a title word ("Secretary", "President")."""
    return token.lower_.strip(".") in TITLE_WORDS


def named_by(
    nouns: Sequence[str],
    before: int,
    *,
    mentions: Sequence[Mention],
    kinds: dict[str, str],
    name: str = "",
) -> str:
    """The organisation or group last named before ``before`` whose name or surface has one
    of the common ``nouns`` (in lower case) as a word ("ministry": "Chinese Ministry of
    Commerce"; a title word such as "spokesman" never), or ""."""
    wanted = set(nouns) - TITLE_WORDS
    if not wanted:
        return ""
    for actor, surface, start, _ in reversed(mentions):
        if start >= before or actor == name or kinds.get(actor) not in DESCRIBED_KINDS:
            continue
        if wanted & {w.lower() for w in f"{actor} {surface}".split()}:
            return actor
    return ""


def name_span(head: Token) -> tuple[int, int]:
    """Where the name a person's head token ends stands in the text: the proper nouns before
    it that hang on it, up to a title ("Dmitry Peskov" of "Kremlin spokesman Dmitry
    Peskov")."""
    first = head
    while first.i > 0:
        before = first.nbor(-1)
        if before.pos_ != "PROPN" or before.head.i != head.i or _title(before):
            break
        first = before
    return first.idx, head.idx + len(head)


def appositions(token: Token) -> list[Token]:
    """The appositions of ``token`` and theirs ("the delegation's leader, Vice Premier He
    Lifeng": Premier, Lifeng)."""
    found = [child for child in token.children if child.dep_ == "appos"]
    return [each for child in found for each in (child, *appositions(child))]


def definite(subject: Token) -> bool:
    """Whether ``subject`` is "the <noun>" with nothing but adjectives before it ("the
    ministry", "the foreign ministry")."""
    children = list(subject.children)
    return any(c.dep_ == "det" and c.lower_ == "the" for c in children) and all(
        c.dep_ in {"det", "amod"} for c in children if c.i < subject.i
    )
