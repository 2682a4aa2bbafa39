"""Actors found in the text: the named entities of the parse, as people, organisations and
countries, with no list of names to match.

Every PERSON, ORG, GPE, LOC and NORP entity of :mod:`analysis.parse` is a candidate. The rules:

* **Countries** are named by the country table ``analysis/data/countries.csv`` (every
  country's name, other names, demonyms, capital and, for a few, the seat of government): "the
  U.S.", "America" and "USA" are the actor "United States".
* **Seats of government** ("the Kremlin", "the White House") stand for their country.
* **Capitals** stand for their government ("Moscow rejected the plan", "talks with Kyiv")
  except after a preposition of place ("talks in Moscow", "flew to Kyiv"): a place, not an
  actor.
* **Demonyms** stand for their country when they act ("the Russians said") or describe a
  body that speaks for it ("the Russian side", "Ukrainian officials", "the Chinese
  delegation": :data:`GOVERNMENT_NOUNS`; the mention is the whole phrase); "Russian oil" or
  "Chinese goods" are not mentions.
* Other places (cities, regions) are not actors.
* **Organisations** are named as written, without a leading "the".
* **People** are named by their full name: within an article, a surname alone ("Bessent")
  is the full name given earlier or later in the same article ("Scott Bessent"), and every
  other use of that surname in the article is a mention even where the model saw no
  entity; across the
  corpus, :func:`merge_people` gives every spelling of one person (Zelensky, Zelenskyy,
  Zelenskiy) the most frequent full name.

:func:`entity_mentions` returns the mentions of one parsed article that a ``taken`` mask (the
registry's mentions) does not already cover.
"""

from __future__ import annotations

import csv
import re
from collections import Counter, defaultdict
from collections.abc import Callable
from functools import cache
from importlib import resources
from typing import NamedTuple

import numpy as np
from spacy.attrs import ORTH, POS
from spacy.symbols import PROPN
from spacy.tokens import Doc, Span, Token
from wordfreq import zipf_frequency

from analysis.furniture import page_furniture, time_zone

PERSON = "person"
#: How a mention found in the text was found: a name (or a demonym, a capital, a seat).
ENTITY = "entity"
#: The kind of a mention while it is resolved (an office held by a person: "the Russian
#: leader"); it becomes a person, or the country when no person is named before it.
ROLE = "role"
#: Most characters between a country and a person's name for the country to describe the
#: person ("Russian President Vladimir Putin").
ROLE_DISTANCE = 30
COUNTRY = "country"
ORGANISATION = "organisation"
#: An ordinary word naming an organisation after "the" ("the Times"): an actor only as the
#: short form of a longer name in the same article.
ORG_SHORT = "organisation short form"
#: Entity labels that can be actors.
ACTOR_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP"})
#: Head nouns (as written) that, described by a demonym, speak for the country ("the Russian
#: side", "Ukrainian officials"); one person ("a Ukrainian official", "his Turkish
#: counterpart") does not.
GOVERNMENT_NOUNS = frozenset(
    (
        "side",
        "government",
        "delegation",
        "delegations",
        "officials",
        "authorities",
        "ministry",
        "military",
        "army",
        "forces",
        "troops",
        "leadership",
        "negotiators",
        "team",
        "diplomats",
        "envoys",
        "representatives",
        "embassy",
        "administration",
        "state",
        "leaders",
        "parliament",
        "cabinet",
        "regime",
        "partners",
        "counterparts",
    )
)
#: Singular nouns for one person's office: "the Russian leader", "the Ukrainian president"
#: stand for the person who holds it (see :func:`_roles`), not for the country.
PERSON_ROLES = frozenset(
    [
        "leader",
        "president",
        "minister",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "envoy",
        "ambassador",
        "negotiator",
        "chancellor",
        "premier",
        "secretary",
        "diplomat",
        "counterpart",
        "head",
        "chief",
        "king",
        "queen",
        "governor",
        "mayor",
        "commissioner",
        "chairman",
        "chairwoman",
    ]
)
#: Titles left out at the start of a person's name ("President Zelenskyy").
TITLES = frozenset(
    [
        "president",
        "vice",
        "premier",
        "minister",
        "secretary",
        "chancellor",
        "prime",
        "representative",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "ambassador",
        "envoy",
        "senator",
        "sen",
        "rep",
        "general",
        "foreign",
        "defence",
        "defense",
        "treasury",
        "trade",
        "state",
        "chief",
        "head",
        "deputy",
        "king",
        "queen",
        "prince",
        "pope",
        "governor",
        "mayor",
        "commissioner",
        "chairman",
        "chair",
        "director",
        "aide",
        "adviser",
        "advisor",
        "leader",
    ]
)
#: Prepositions of place: a capital after one is a place, not its government.
PLACE_PREPOSITIONS = frozenset(
    [
        "in",
        "at",
        "to",
        "from",
        "near",
        "into",
        "inside",
        "outside",
        "around",
        "across",
        "through",
        "toward",
        "towards",
        "via",
    ]
)
#: Dependency labels of a subject (an actor that acts).
SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj"})
#: Words never part of a person's name at its edges.
_NAME_EDGES = frozenset({"the", "a", "an", "'s", "’s", "'", "’", "mr", "mrs", "ms", "dr"})
_LETTERS = re.compile(r"[^\W\d_]")
_YEAR = re.compile(r"(1[89]|20)\d\d")
_FUNCTION_WORDS = frozenset({"ADP", "DET", "CCONJ", "SCONJ", "PART", "PRON"})
#: A sentence is in title case when at least this share of its words of
#: :data:`MIN_TITLE_CASE_WORD` letters or more (and at least :data:`MIN_TITLE_CASE_WORDS` of
#: them) start with a capital.
TITLE_CASE_SHARE = 0.75
MIN_TITLE_CASE_WORD = 4
MIN_TITLE_CASE_WORDS = 4
#: Most title words between an organisation and the name it is the title of.
MAX_TITLE_WORDS = 3
#: Longest word in capitals read as an acronym (NATO, OPEC) rather than a shouted word.
MAX_ACRONYM = 5
#: A one-word organisation or person at least this frequent in English (wordfreq's Zipf
#: scale: 6 = once per thousand words) is an ordinary word the model mistook for a name.
COMMON_WORD_ZIPF = 5.5


class Found(NamedTuple):
    """One mention: ``actor`` is the canonical name, ``surface`` the text as written, ``how``
    :data:`ENTITY` for a name, :data:`ROLE` for an office given to its holder."""

    actor: str
    surface: str
    start: int
    end: int
    kind: str
    how: str = "entity"


class _Countries(NamedTuple):
    names: dict[str, str]  # name or other name (dots removed) -> country
    demonyms: dict[str, str]  # lower-case demonym or its plural -> country
    capitals: dict[str, str]
    seats: dict[str, str]


def _key(text: str) -> str:
    return " ".join(text.replace(".", "").replace("’", "'").split())


@cache
def countries() -> _Countries:
    """The country table, read once."""
    data = resources.files("analysis").joinpath("data/countries.csv").read_text("utf-8")
    rows = csv.DictReader(line for line in data.splitlines() if not line.startswith("#"))
    names: dict[str, str] = {}
    demonyms: dict[str, str] = {}
    capitals: dict[str, str] = {}
    seats: dict[str, str] = {}
    shared: set[str] = set()
    for row in rows:
        country = row["name"]
        for name in [country, *filter(None, row["aliases"].split(";"))]:
            names.setdefault(_key(name), country)
            if name.startswith("The "):
                names.setdefault(_key(name[4:]), country)
        for demonym in filter(None, row["demonyms"].split(";")):
            for form in {demonym.lower(), demonym.lower() + ("" if demonym.endswith("s") else "s")}:
                _claim(demonyms, form, country, shared)
        if row["capital"]:
            _claim(capitals, _key(row["capital"]), country, shared)
        for seat in filter(None, row["seats"].split(";")):
            seats.setdefault(_key(seat), country)
    return _Countries(
        names,
        {k: v for k, v in demonyms.items() if k not in shared},
        {k: v for k, v in capitals.items() if k not in shared},
        seats,
    )


def _claim(table: dict[str, str], key: str, country: str, shared: set[str]) -> None:
    """``table[key] = country``, noting in ``shared`` a key that two countries claim (an
    ambiguous demonym or capital names neither)."""
    if table.setdefault(key, country) != country:
        shared.add(key)


def _trimmed(span: Span) -> Span | None:
    """``span`` without leading articles or titles, and without a trailing possessive,
    function word, year or punctuation ("Obama's 2008" is Obama); None when fewer than two
    letters are left."""
    start, end = span.start, span.end
    doc = span.doc
    while start < end and (
        doc[start].lower_ in _NAME_EDGES
        or doc[start].is_punct
        or (
            not doc[start].text[:1].isupper()
            and (doc[start].pos_ in _FUNCTION_WORDS or not doc[start].is_alpha)
        )
        or (span.label_ == "PERSON" and _title_word(doc[start]))
    ):
        start += 1
    while end > start and (
        doc[end - 1].lower_ in _NAME_EDGES
        or doc[end - 1].is_punct
        or doc[end - 1].pos_ in _FUNCTION_WORDS
        or _YEAR.fullmatch(doc[end - 1].text)
    ):
        end -= 1
    trimmed = doc[start:end]
    return trimmed if len(_LETTERS.findall(trimmed.text)) >= 2 else None


def _title_word(token: Token) -> bool:
    """Whether ``token`` is a title word, singular or plural ("Minister", "Ministers")."""
    word = token.lower_.rstrip(".")
    return word in TITLES or (word.endswith("s") and word[:-1] in TITLES)


#: A one-word organisation at least this frequent in English (Zipf) that qualifies an office
#: ("Union minister", "Council member") is part of the office's title, not a name.
TITLE_QUALIFIER_ZIPF = 5.0


def _describes_person(span: Span) -> bool:
    """Whether ``span`` is part of a description of one person rather than a mention of
    itself: an ordinary word that qualifies an office right after it ("a former Union
    minister"; a name does not: "a former Democratic National Committee chairman",
    "Switzerland's UN ambassador"), or it is what the office of a person named before it is
    of ("He Lifeng, Vice Premier of the State Council")."""
    root = span.root
    head = root.head
    office = PERSON_ROLES | TITLES
    if (
        len(span) == 1
        and not span.text.isupper()
        and zipf_frequency(span.text.lower(), "en") >= TITLE_QUALIFIER_ZIPF
        and root.dep_ in {"compound", "amod", "nmod"}
        and head.i == span.end
        and head.tag_ in {"NN", "NNP"}
        and head.lemma_.lower() in PERSON_ROLES
    ):
        return True
    if root.dep_ != "pobj" or head.lower_ != "of":
        return False
    title = head.head
    if title.lower_ not in office and title.lemma_.lower() not in office:
        return False
    holder = title.head if title.dep_ == "appos" else None
    return holder is not None and holder.ent_type_ == "PERSON"


def _with_body(span: Span) -> Span:
    """``span`` with the body it names when it modifies one right after it ("the Trump
    administration", "the Kyiv regime"): the mention is the whole phrase."""
    head = span.root.head
    if (
        span.root.dep_ in {"compound", "nmod", "amod"}
        and head.i == span.end
        and head.lower_ in GOVERNMENT_NOUNS
    ):
        return span.doc[span.start : head.i + 1]
    return span


def _in_title(entity: Span) -> bool:
    """Whether ``entity`` is part of a person's title ("Treasury Secretary Scott Bessent",
    "U.S. Trade Representative Jamieson Greer"): followed by title words, then a name. The
    person is the one mention there."""
    doc = entity.doc
    position = entity.end
    while position < len(doc) and position - entity.end < MAX_TITLE_WORDS:
        token = doc[position]
        if token.ent_type_ == "PERSON" and token.ent_iob_ == "B":
            return position > entity.end
        if token.lower_.rstrip(".") not in TITLES:
            return False
        position += 1
    return False


def _ordinary(span: Span) -> bool:
    """Whether ``span`` is one ordinary word rather than a name: a common English word
    ("State", "Parliament") or one shouted in capitals ("BLOODBATH"); short acronyms
    (NATO, EU) are names."""
    if len(span) != 1:
        return False
    word = span.text
    if word.isupper() and len(word) > MAX_ACRONYM:
        return True
    return zipf_frequency(word.lower(), "en") >= COMMON_WORD_ZIPF


def _title_case(sentence: Span, *, names: bool = True) -> bool:
    """Whether a sentence is written in title case ("Markets Surge as U.S. and China Agree
    to 90-Day Tariff Truce"): most of its longer words start with a capital; with ``names``
    False, most of its longer words outside named entities (a sentence full of names,
    "Senator Elizabeth Warren lashed out at Donald Trump in a speech.", is no title)."""
    words = [
        t
        for t in sentence
        if t.is_alpha and len(t) >= MIN_TITLE_CASE_WORD and (names or not t.ent_type_)
    ]
    capitals = sum(t.text[0].isupper() for t in words)
    return len(words) >= MIN_TITLE_CASE_WORDS and capitals >= TITLE_CASE_SHARE * len(words)


def _headline(sentence: Span) -> bool:
    """Whether an article's first sentence is a headline: a line of its own without the
    full stop of a sentence."""
    text = sentence.text.strip()
    return bool(text) and text[-1] not in ".!?\"”’'" and "\n" not in text


def _first_line(doc: Doc) -> list[tuple[int, int]]:
    """The sentences of the text's first line when that line is in title case, full stop or
    not, above a body ("Stealth Over Health: Clinton Was Headed to ER But Diverted to Avoid
    Bad Optics."): a headline."""
    end = doc.text.find("\n")
    if end < 0 or not doc.text[end:].strip():
        return []  # one line: no headline above a body
    line = doc.char_span(0, end, alignment_mode="contract")
    if line is None or not _title_case(line, names=False):
        return []
    return [(s.start, s.end) for s in doc.sents if s.start < line.end]


def _capitalised_only(doc: Doc) -> Callable[[Span], bool]:
    """A test of whether an entity comes only from a headline's capitals ("Pakistan Confirms
    Ceasefire", "Bessent Outlines U.S.-China Trade Strategy", "Rip Donald Trump"): it is no
    country of the table, the article never writes it (without titles and edges) nor, for a
    person, its surname as a person's name outside title-case lines, and it lies in a headline
    (a title-case line without a full stop, or the article's first line when that has none,
    or a title-case first line even with a full stop), or in a title-case sentence where
    every word of it is written in lower case elsewhere in the article (in any form:
    "Markets Surge", "surged")."""
    sentences = list(doc.sents)
    titled = [(s.start, s.end) for s in sentences if _title_case(s)]
    headlines = [
        (s.start, s.end)
        for number, s in enumerate(sentences)
        if _headline(s) and (number == 0 or (s.start, s.end) in titled)
    ] + _first_line(doc)
    titled += headlines
    if not titled:
        return lambda entity: False
    lower = {form for t in doc if t.is_lower for form in (t.text, t.lemma_)}
    elsewhere = " ".join(s.text for s in doc.sents if (s.start, s.end) not in titled)
    names = {
        e[-1].text
        for e in doc.ents
        if e.label_ == "PERSON" and not any(a <= e.start < b for a, b in titled)
    }

    def test(entity: Span) -> bool:
        if not any(a <= entity.start < b for a, b in titled):
            return False
        trimmed = _trimmed(entity)
        if trimmed is None or trimmed.text in elsewhere or _country(trimmed) is not None:
            return False
        if entity.label_ == "PERSON" and len(trimmed) > 1 and trimmed[-1].text in names:
            return False  # "Hillary Clinton" in the headline, "Clinton" in the body
        if any(a <= entity.start < b for a, b in headlines):
            return True
        words = [t for t in entity if t.is_alpha]
        return bool(words) and all(t.lower_ in lower or t.lemma_.lower() in lower for t in words)

    return test


def _place(span: Span) -> bool:
    """Whether ``span`` names a place rather than a government: the object of a preposition
    of place ("talks in Moscow", "flew to Kyiv"), not the subject of a verb or a party
    ("Moscow rejected", "talks with Kyiv", "between Moscow and Kyiv")."""
    root = span.root
    while root.dep_ == "conj" and root.head.i != root.i:
        root = root.head
    return root.dep_ == "pobj" and root.head.lower_ in PLACE_PREPOSITIONS


def _speaks_for(token: Token) -> bool:
    """Whether a demonym ``token`` acts or describes a body that speaks for its country."""
    if token.dep_ in SUBJECTS:
        return True
    head = token.head
    if token.dep_ == "conj" and head.i < token.i and head.lower_ in countries().demonyms:
        return _speaks_for(head)  # "American and Chinese officials"
    return token.dep_ in {"amod", "compound", "nmod"} and head.lower_ in GOVERNMENT_NOUNS


def _role(token: Token) -> Span | None:
    """The phrase "the <demonym> <office>" that a demonym ``token`` opens ("the Russian
    leader"), or None."""
    head = token.head
    if token.dep_ not in {"amod", "compound"} or head.tag_ != "NN":
        return None
    if head.lemma_.lower() not in PERSON_ROLES or head.i < token.i:
        return None
    first = next((c for c in head.children if c.dep_ in {"det", "poss"}), None)
    if first is None or first.lower_ not in {"the", "its", "their"}:
        return None
    return token.doc[first.i : head.i + 1]


def _country(span: Span) -> tuple[str, str] | None:
    """``(country, surface)`` when ``span`` names a country or stands for one."""
    table = countries()
    key = _key(span.text)
    for lookup in (table.names, table.seats):
        if key in lookup:
            return lookup[key], span.text
    if key in table.capitals:
        return None if _place(span) else (table.capitals[key], span.text)
    demonym = table.demonyms.get(span.text.lower())
    if demonym is None or not _speaks_for(span.root):
        return None
    head = span.root.head
    if span.root.dep_ == "conj" and head.head.i == span.end:
        head = head.head  # "Chinese officials" in "American and Chinese officials"
    if span.root.dep_ in SUBJECTS or head.i < span.end:
        return demonym, span.text
    return demonym, span.doc[span.start : head.i + 1].text  # "Russian delegation"


def _is_name(span: Span) -> bool:
    """Whether a PERSON entity looks like a name (capitalised words, no digits) and does not
    end in a seat of government or a country of two words or more ("the Obama White House"
    is a place, not a person named House)."""
    words = [token for token in span if token.is_alpha]
    table = countries()
    ends_in_state = any(
        _key(span[i:].text) in table.seats
        or (len(span) - i >= 2 and _key(span[i:].text) in table.names)
        for i in range(len(span))
    )
    return (
        bool(words)
        and all(token.text[:1].isupper() for token in words)
        and not any(character.isdigit() for character in span.text)
        and not ends_in_state
    )


def entity_mentions(doc: Doc, taken: bytearray) -> list[Found]:
    """The actor mentions of the entities of one parsed article, in order, leaving out any
    entity that overlaps a character marked 1 in ``taken``."""
    found: list[Found] = []
    shorts: list[Found] = []
    capitalised = _capitalised_only(doc)
    furniture = bytearray(len(doc))
    for sentence in doc.sents:
        part = page_furniture(sentence)
        if part is not None:
            furniture[part.start : part.end] = b"\x01" * len(part)
    for entity in doc.ents:
        if entity.label_ not in ACTOR_LABELS or 1 in taken[entity.start_char : entity.end_char]:
            continue
        if capitalised(entity) or 1 in furniture[entity.start : entity.end] or time_zone(entity):
            continue
        span = _trimmed(entity)
        if span is None or (entity.label_ != "PERSON" and _in_title(entity)):
            continue
        if (
            entity.label_ != "PERSON"
            and span.text.lower() not in countries().demonyms
            and _describes_person(span)
            and _country(span) is None
        ):
            continue
        if _key(span.text) in countries().capitals and _place(span):
            continue  # "talks in Moscow": a place
        country = _country(span)
        if country is None and _ordinary(span):
            if entity.label_ == "ORG" and _after_the(doc, span.start_char):
                shorts.append(
                    Found(span.text, span.text, span.start_char, span.end_char, ORG_SHORT)
                )
            continue
        demonym = countries().demonyms.get(span.text.lower())
        role = _role(span.root) if demonym is not None else None
        if role is not None:
            found.append(Found(demonym, role.text, role.start_char, role.end_char, ROLE))
        elif country is not None:
            text = _with_body(span).text if country[1] == span.text else country[1]
            end = span.start_char + len(text)
            found.append(Found(country[0], text, span.start_char, end, COUNTRY))
        elif entity.label_ == "ORG":
            found.append(Found(span.text, span.text, span.start_char, span.end_char, ORGANISATION))
        elif entity.label_ == "PERSON" and _is_name(span):
            body = _with_body(span)
            found.append(Found(span.text, body.text, body.start_char, body.end_char, PERSON))
    found = _short_names(doc, found, shorts)
    return _roles(doc, _full_names(_with_surnames(doc, found, taken)))


def _with_surnames(doc: Doc, found: list[Found], taken: bytearray) -> list[Found]:
    """``found`` and a mention for every other use of a person's surname in the article
    (a proper noun spelled exactly like the last word of a full name found in it), where
    nothing else covers it: the model misses some uses of a name it finds elsewhere."""
    surnames = {m.actor.split()[-1]: m.actor for m in found if m.kind == PERSON and " " in m.actor}
    if not surnames:
        return found
    covered = bytearray(taken)
    for mention in found:
        covered[mention.start : mention.end] = b"\x01" * (mention.end - mention.start)
    strings = doc.vocab.strings
    array = doc.to_array([ORTH, POS])
    orths = np.array([strings[surname] for surname in surnames], dtype="uint64")
    uses = np.isin(array[:, 0], orths) & (array[:, 1] == PROPN)
    added = [
        Found(surnames[token.text], token.text, token.idx, token.idx + len(token), PERSON)
        for token in (doc[int(i)] for i in np.flatnonzero(uses))
        if 1 not in covered[token.idx : token.idx + len(token)]
    ]
    return sorted(found + added, key=lambda mention: mention.start)


def _short_names(doc: Doc, found: list[Found], shorts: list[Found]) -> list[Found]:
    """``found`` where an organisation called by the last word of its name after "the" ("the
    Post", "the Times", "the Commission") is the organisation of that longer name the article
    gives (the nearest one before it, else the first after it). ``shorts`` are such words
    left out as ordinary words ("Times"): they count only when the article spells the longer
    name out."""
    longer: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for mention in found:
        if mention.kind == ORGANISATION and " " in mention.actor:
            longer[mention.actor.split()[-1]].append((mention.start, mention.actor))
    if not longer:
        return found
    named = []
    for mention in sorted(found + shorts, key=lambda m: m.start):
        options = longer.get(mention.actor) if mention.kind != PERSON else None
        if options and (
            mention.kind == ORG_SHORT
            or (mention.kind == ORGANISATION and _after_the(doc, mention.start))
        ):
            before = [name for start, name in options if start < mention.start]
            chosen = before[-1] if before else options[0][1]
            named.append(mention._replace(actor=chosen, kind=ORGANISATION))
        elif mention.kind != ORG_SHORT:
            named.append(mention)
    return named


def _after_the(doc: Doc, start: int) -> bool:
    """Whether the word before character ``start`` is the definite article."""
    token = doc.char_span(start, start + 1, alignment_mode="expand")
    return token is not None and token.start > 0 and doc[token.start - 1].lower_ == "the"


def _roles(doc: Doc, found: list[Found]) -> list[Found]:
    """Each "the <demonym> <office>" (found as :data:`ROLE`, named by its country) given to
    the person it describes: the last person named before it whose name follows that
    country's name or demonym ("Russian President Vladimir Putin", "Russia's Putin"), else
    the last person named before it; the country's mention when no person was named before."""
    resolved: list[Found] = []
    people: list[Found] = []
    country_of: dict[str, str] = {}
    for mention in found:
        if mention.kind == PERSON:
            people.append(mention)
            country = _country_before(doc, mention.start)
            if country:
                country_of.setdefault(mention.actor, country)
        if mention.kind == ROLE:
            compatible = [p for p in people if country_of.get(p.actor) == mention.actor]
            person = (compatible or people or [None])[-1]
            kind, actor = (COUNTRY, mention.actor) if person is None else (PERSON, person.actor)
            how = ENTITY if person is None else ROLE
            mention = mention._replace(actor=actor, kind=kind, how=how)
        resolved.append(mention)
    return resolved


def _country_before(doc: Doc, start: int) -> str:
    """The country named or described within :data:`ROLE_DISTANCE` characters before
    ``start`` ("Russian President ", "Russia's "), or ""."""
    table = countries()
    window = doc.char_span(max(0, start - ROLE_DISTANCE), start, alignment_mode="expand")
    for token in reversed(list(window or ())):
        if token.idx >= start:
            continue
        country = table.demonyms.get(token.lower_) or table.names.get(_key(token.text))
        if country:
            return country
    return ""


def _entity_of(token: Token) -> Span | None:
    """The named entity ``token`` is part of, from the tokens' entity tags (in the entity's
    length, not the document's), or None."""
    if not token.ent_type_:
        return None
    doc = token.doc
    start, end = token.i, token.i + 1
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return doc[start:end]


def country_of(token: Token) -> str:
    """The country a word names, stands for or describes, read with the entity it is part of
    ("U.S." in "U.S. Trade Representative", "United" in "United States", "Russian",
    "Kremlin"), or "" for any other word."""
    table = countries()
    entity = _entity_of(token)
    for text in ([] if entity is None else [entity.text]) + [token.text]:
        country = (
            table.names.get(_key(text))
            or table.seats.get(_key(text))
            or table.demonyms.get(text.lower())
        )
        if country:
            return country
    return ""


_NAMED_KINDS = frozenset({PERSON, ORGANISATION})
#: How many times more often the model must tag a one-word name as an organisation than it
#: tags the person of that surname for the name to stay an organisation in an article (the
#: model tags many a surname ORG now and then; a headline's "Blames Google" is one PERSON
#: against every "Google" of the story).
OTHER_KIND_SHARE = 3


def _surname(name: str) -> str:
    return name.split()[-1].lower()


def _principal(options: list[tuple[int, str]], start: int) -> str:
    """Of the full names an article gives a surname (``(start, name)`` in order), the one a
    bare surname at ``start`` stands for: the name written out most often ("Ted Cruz" twice
    against his father's "Rafael Cruz" once), and among those the nearest before, else the
    first after."""
    counts = Counter(name for _, name in options)
    most = max(counts.values())
    named = [(at, name) for at, name in options if counts[name] == most]
    before = [name for at, name in named if at < start]
    return before[-1] if before else named[0][1]


def _full_names(found: list[Found]) -> list[Found]:
    """People named by one word carry the full name that the article gives them (the one
    written out most often, then the nearest, earlier mentions first: :func:`_principal`); a
    surname the model took for an organisation ("Zelenskiy" tagged ORG) is that person too,
    unless the model names it an organisation more than :data:`OTHER_KIND_SHARE` times as
    often as it names that person ("Google", after a headline's "Blames Google" tagged
    PERSON). A first name alone ("Hillary") is the one full name of the article that starts
    with it, if there is exactly one."""
    full: dict[str, list[tuple[int, str]]] = defaultdict(list)
    as_person: Counter[str] = Counter()
    as_other: Counter[str] = Counter()
    firsts: dict[str, set[str]] = defaultdict(set)
    for mention in found:
        if mention.kind == PERSON:
            as_person[_surname(mention.actor)] += 1
            if " " in mention.actor:
                full[_surname(mention.actor)].append((mention.start, mention.actor))
                firsts[mention.actor.split()[0].lower()].add(mention.actor)
        elif " " not in mention.actor:
            as_other[mention.actor.lower()] += 1
    named = []
    for mention in found:
        key = mention.actor.lower()
        options = full.get(key) if mention.kind in _NAMED_KINDS else None
        if mention.kind != PERSON and as_other[key] > OTHER_KIND_SHARE * as_person[key]:
            options = None
        given = firsts.get(key, set())
        if not options and mention.kind == PERSON and len(given) == 1:
            # "Hillary" where the article names Hillary Clinton (and no other Hillary)
            options = [(mention.start, next(iter(given)))]
        if options and " " not in mention.actor:
            mention = mention._replace(actor=_principal(options, mention.start), kind=PERSON)
        named.append(mention)
    return named
