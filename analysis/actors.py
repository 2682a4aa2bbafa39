"""Actors of a story and where each article mentions them.

An :class:`Actor` has a canonical name, a kind (person, country, organisation, group), aliases
(names as written: full and short names, transliterations, abbreviations, metonyms such as
"the Kremlin") and roles ("Ukrainian president"). The default registry is the data file
``analysis/data/actors.toml``; users edit it as TOML or as a table (:func:`registry_frame`,
:func:`registry_from_frame`).

:func:`find_mentions` builds the mentions table. Each mention records how it was found:

* ``name``: an alias that contains the actor's canonical name ("Vladimir Putin", "European Union");
* ``alias``: any other alias ("Moscow", "EU", "Türkiye");
* ``variant``: a spelling of a person's name that is not in the registry but reduces to the
  same skeleton as one of its aliases (Zelenskyy, Zelenskiy, Zelenski -> Zelensky; Erdogan ->
  Erdoğan); the spelling used is kept in ``surface``;
* ``role``: a role description, resolved only in an article that also names the actor and
  never when the role is a title in front of a name;
* ``pronoun``: a sentence-initial "He" / "She" resolved to the person mentioned first (the
  usual subject) in the previous sentence (light coreference, switchable).

With the parse, every person, organisation and country the text names is an actor too
(``entity``, :mod:`analysis.entities`): the registry curates, it is not the gate.
:func:`found_actors` lists those actors, and :func:`curated` saves a user's decisions about
them (a new name, a merge into another actor, a drop) in the registry.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache

import pandas as pd
from spacy.tokens import Doc

from analysis import datafile
from analysis import schema as S
from analysis.entities import ENTITY, PERSON, entity_mentions
from analysis.people import name_frame
from analysis.text import Span, quote_spans

#: The kind of a name that is not an actor ("dropped" on the Actors page): its mentions are
#: left out, and the text's entity finder no longer proposes it.
IGNORED = "ignored"
KINDS: tuple[str, ...] = ("person", "country", "organisation", "group", IGNORED)
#: Shortest name (letters) that spelling-variant matching considers; shorter names only match
#: exactly, since their skeletons collide with ordinary words.
MIN_VARIANT_LENGTH = 5

HOW_NAME = "name"
HOW_ALIAS = "alias"
HOW_VARIANT = "variant"
HOW_ROLE = "role"
HOW_PRONOUN = "pronoun"
HOW_ENTITY = ENTITY


class RegistryError(datafile.DataFileError):
    """A registry that cannot be used; the message says what to fix."""


@dataclass(frozen=True)
class Actor:
    """One actor: ``name`` is canonical; ``aliases`` match case-sensitively as whole words,
    ``roles`` case-insensitively (with or without "the")."""

    name: str
    kind: str
    aliases: tuple[str, ...]
    roles: tuple[str, ...] = ()


Registry = tuple[Actor, ...]


def parse_registry(text: str) -> Registry:
    """Actors from registry TOML (``[[actor]]`` tables with name, kind, aliases, roles).

    Raises :class:`RegistryError` with a readable message for malformed TOML, a missing
    name, an unknown kind, an alias or role claimed by two actors, or a file over the limits
    of :mod:`analysis.datafile`. An empty file is an empty registry (no curated actors).
    """
    entries = datafile.toml_tables(
        text, "actor", what="registry", error=RegistryError, may_be_empty=True
    )
    with datafile.refused_as(RegistryError):
        datafile.check_entries(len(entries), "actors")
    actors = [
        _actor(
            entry.get("name", ""),
            entry.get("kind", "person"),
            entry.get("aliases", []),
            entry.get("roles", []),
            number,
        )
        for number, entry in enumerate(entries, start=1)
    ]
    return _validated(tuple(actors))


def _actor(name: object, kind: object, aliases: object, roles: object, number: int) -> Actor:
    with datafile.refused_as(RegistryError):
        name = datafile.cell(name, what=f"The name of actor {number}")
        if not name:
            raise RegistryError(f"Actor {number} has no name.")
        if datafile.SEPARATOR in name:
            raise RegistryError(
                f"{name}: a name may not contain '{datafile.SEPARATOR}' (it is an alias)."
            )
        kind = datafile.cell(kind, what=f"The kind of {name}").lower() or "person"
        if kind not in KINDS:
            raise RegistryError(f"{name}: kind must be one of {', '.join(KINDS)}, not {kind!r}.")
        alias_list = datafile.split_list(aliases, what=f"The aliases of {name}")
        role_list = datafile.split_list(roles, what=f"The roles of {name}")
    if name not in alias_list:
        alias_list.insert(0, name)
    return Actor(name, kind, tuple(alias_list), tuple(role_list))


def _validated(actors: Registry) -> Registry:
    with datafile.refused_as(RegistryError):
        datafile.check_entries(len(actors), "actors")
        datafile.check_items(
            sum(len(a.aliases) + len(a.roles) for a in actors), "aliases and roles"
        )
    names: set[str] = set()
    claimed: dict[str, str] = {}
    for actor in actors:
        if actor.name in names:
            raise RegistryError(f"Two actors are named {actor.name!r}.")
        names.add(actor.name)
        for alias in actor.aliases:
            _claim(claimed, alias, actor.name)
        for role in actor.roles:
            _claim(claimed, "role:" + role.lower(), actor.name)
    return actors


def _claim(claimed: dict[str, str], key: str, name: str) -> None:
    owner = claimed.setdefault(key, name)
    if owner != name:
        shown = key.removeprefix("role:")
        raise RegistryError(f"{shown!r} is listed for both {owner} and {name}; keep one.")


@cache
def default_registry() -> Registry:
    """The registry shipped in ``analysis/data/actors.toml``."""
    return parse_registry(default_registry_text())


def default_registry_text() -> str:
    """The default registry's TOML, with its comments (the format and the sources)."""
    return datafile.built_in_text("actors.toml")


def registry_to_toml(registry: Registry) -> str:
    """Registry TOML that :func:`parse_registry` reads back to the same actors."""
    return datafile.toml_file(
        "actor",
        (
            {"name": a.name, "kind": a.kind, "aliases": a.aliases, "roles": a.roles}
            for a in registry
        ),
        header="# presslens actor registry (see analysis/data/actors.toml for the format)",
    )


def registry_frame(registry: Registry) -> pd.DataFrame:
    """The registry as a table: name, kind, aliases and roles (each list joined by the one
    separator of :mod:`analysis.datafile`)."""
    return pd.DataFrame(
        [
            (a.name, a.kind, datafile.join_list(a.aliases), datafile.join_list(a.roles))
            for a in registry
        ],
        columns=["name", "kind", "aliases", "roles"],
    )


def registry_from_frame(frame: pd.DataFrame) -> Registry:
    """Actors from a table shaped like :func:`registry_frame` (blank rows are skipped).
    Raises :class:`RegistryError` like :func:`parse_registry`."""
    with datafile.refused_as(RegistryError):
        kept = datafile.rows(frame)
    actors = [
        _actor(row.get("name"), row.get("kind"), row.get("aliases"), row.get("roles"), number)
        for number, row in enumerate(kept, start=1)
    ]
    return _validated(tuple(actors))


#: The columns of :func:`entity_counts`'s two frames: per actor, and per actor and surface.
ENTITY_COLUMNS = (S.ACTOR, S.ACTOR_KIND, S.MENTIONS, S.ARTICLES)
SPELLING_COLUMNS = (S.ACTOR, S.SURFACE, S.MENTIONS)


def entity_counts(mentions: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """What :func:`found_actors` lists, counted before any registry: per actor found in the
    text (mentions with how ``entity``), its kind, mentions and articles; per actor and
    surface (the name as written), its mentions; each in the order of the actors' (and
    surfaces') first mention. The counts of disjoint sets of articles (of outlets) add up:
    :func:`found_from_counts` takes them concatenated."""
    found = mentions.loc[
        mentions[S.HOW] == HOW_ENTITY, [S.ARTICLE_ID, S.ACTOR, S.ACTOR_KIND, S.SURFACE]
    ]
    by_actor = found.groupby(S.ACTOR, sort=False)
    actors = pd.DataFrame(
        {
            S.ACTOR_KIND: by_actor[S.ACTOR_KIND].first(),
            S.MENTIONS: by_actor.size(),
            S.ARTICLES: by_actor[S.ARTICLE_ID].nunique(),
        }
    ).reset_index()
    spellings = found.groupby([S.ACTOR, S.SURFACE], sort=False).size()
    return actors[list(ENTITY_COLUMNS)], spellings.rename(S.MENTIONS).reset_index()


def found_from_counts(
    counts: tuple[pd.DataFrame, pd.DataFrame], *, registry: Registry | None = None
) -> pd.DataFrame:
    """:func:`found_actors` of the :func:`entity_counts` ``counts`` (of several sets of
    articles, concatenated: their counts are added)."""
    actors, spellings = counts
    named = {actor.name for actor in (registry if registry is not None else default_registry())}
    actors = actors[~actors[S.ACTOR].isin(named)]
    by_actor = actors.groupby(S.ACTOR, sort=False)
    totals = by_actor[[S.MENTIONS, S.ARTICLES]].sum().join(by_actor[S.ACTOR_KIND].first())
    written = spellings[spellings[S.ACTOR].isin(set(totals.index))]
    written = written.groupby([S.ACTOR, S.SURFACE], sort=False)[S.MENTIONS].sum().reset_index()
    written = written.sort_values(S.MENTIONS, ascending=False, kind="stable")
    joined = written.groupby(S.ACTOR, sort=False)[S.SURFACE].agg(
        lambda surfaces: datafile.join_list(surfaces.tolist())
    )
    frame = pd.DataFrame(
        {
            S.ACTOR: totals.index,
            "kind": totals[S.ACTOR_KIND].to_numpy(),
            S.MENTIONS: totals[S.MENTIONS].astype(int).to_numpy(),
            S.ARTICLES: totals[S.ARTICLES].astype(int).to_numpy(),
            "spellings": joined.reindex(totals.index).fillna("").to_numpy(),
        }
    )
    return frame.sort_values([S.MENTIONS, S.ACTOR], ascending=[False, True], ignore_index=True)


def found_actors(mentions: pd.DataFrame, *, registry: Registry | None = None) -> pd.DataFrame:
    """The actors found in the text rather than through ``registry`` (mentions with how
    ``entity`` of actors the registry does not name), most mentioned first: actor, kind,
    mentions, articles and spellings (the surfaces as written, most frequent first, joined by
    the list separator)."""
    return found_from_counts(entity_counts(mentions), registry=registry)


def curated(
    registry: Registry,
    found: pd.DataFrame,
    *,
    names: Mapping[str, str],
    dropped: set[str],
) -> Registry:
    """The registry with the user's decisions on actors found in the text (rows of
    :func:`found_actors`): an actor in ``dropped`` becomes an entry of kind :data:`IGNORED`;
    one given a new name in ``names`` becomes an actor of that name (merged into it when an
    actor of that name exists), its spellings as aliases. Raises :class:`RegistryError` when
    the result is not a valid registry."""
    actors = {actor.name: actor for actor in registry}
    for row in found.itertuples(index=False):
        spellings = [s for s in datafile.split_list(row.spellings, what="spellings") if s]
        target = (names.get(row.actor) or "").strip()
        if row.actor in dropped:
            target, kind = row.actor, IGNORED
        elif target:
            kind = actors[target].kind if target in actors else row.kind
        else:
            continue
        existing = actors.get(target)
        aliases = [*(existing.aliases if existing else (target,)), *spellings]
        actors[target] = Actor(
            target,
            kind,
            tuple(dict.fromkeys(aliases)),
            existing.roles if existing else (),
        )
    return _validated(tuple(actors.values()))


def skeleton(word: str) -> str:
    """Spelling skeleton of a name: diacritics dropped, lower case, doubled letters single,
    and the transliteration endings -iy, -yi, -ii, -i and -y made one ("Zelenskyy",
    "Zelenskiy", "Zelenski" and "Zelensky" all give "zelensky")."""
    plain = unicodedata.normalize("NFKD", word.replace("ı", "i"))
    plain = "".join(c for c in plain if not unicodedata.combining(c)).lower()
    plain = re.sub(r"(.)\1+", r"\1", plain)
    return re.sub(r"(?:iy|yi|ii|i|y)$", "y", plain)


@dataclass(frozen=True)
class _Matcher:
    aliases: re.Pattern[str] | None
    roles: re.Pattern[str] | None
    alias_actor: dict[str, str]
    role_actor: dict[str, str]
    variants: dict[str, str]
    kinds: dict[str, str]
    #: The consonants of each person's two-word aliases -> the person: a transliteration
    #: found in the text ("Rustam Umarov" for "Rustem Umerov") is that person.
    frames: dict[str, str]


def _alternation(phrases: list[str]) -> str:
    ordered = sorted(set(phrases), key=len, reverse=True)
    return "|".join(
        r"\s+".join(re.escape(part).replace("'", "['’]") for part in p.split()) for p in ordered
    )


@cache
def _matcher(registry: Registry) -> _Matcher:
    alias_actor = {_key(alias): a.name for a in registry for alias in a.aliases}
    role_actor = {_key(role).lower(): a.name for a in registry for role in a.roles}
    variants: dict[str, str] = {}
    for actor in registry:
        if actor.kind != "person":
            continue
        for alias in actor.aliases:
            last = alias.split()[-1]
            if sum(c.isalpha() for c in last) >= MIN_VARIANT_LENGTH:
                variants.setdefault(skeleton(last), actor.name)
    aliases = _alternation([alias for a in registry for alias in a.aliases])
    roles = _alternation([role for a in registry for role in a.roles])
    return _Matcher(
        aliases=re.compile(rf"(?<![\w.])(?:{aliases})(?!\w)") if aliases else None,
        roles=re.compile(rf"(?<!\w)(?:the\s+)?(?:{roles})(?!\w)", re.IGNORECASE) if roles else None,
        alias_actor=alias_actor,
        role_actor=role_actor,
        variants=variants,
        kinds={a.name: a.kind for a in registry},
        frames={
            frame: actor.name
            for actor in registry
            if actor.kind == "person"
            for alias in actor.aliases
            if (frame := name_frame(alias, skeleton))
        },
    )


@cache
def _person_names(registry: Registry) -> dict[str, str]:
    """Lower-case aliases of persons -> the person's lower-case name."""
    return {
        " ".join(alias.lower().split()): actor.name.lower()
        for actor in registry
        if actor.kind == "person"
        for alias in actor.aliases
    }


#: Terms a :class:`_Canonical` remembers before it starts afresh.
MAX_REMEMBERED_TERMS = 200_000


class _Canonical:
    """:func:`canonical_term` for one registry, its answers remembered."""

    def __init__(self, registry: Registry) -> None:
        self.registry = registry
        self.names = _person_names(registry)
        self.variants = _matcher(registry).variants
        self.known: dict[str, str] = {}

    def __call__(self, term: str) -> str:
        found = self.known.get(term)
        if found is None:
            if len(self.known) >= MAX_REMEMBERED_TERMS:
                self.known.clear()
            found = self.known[term] = self._canonical(term.split())
        return found

    def _canonical(self, words: list[str]) -> str:
        out: list[str] = []
        i = 0
        while i < len(words):
            for size in range(min(4, len(words) - i), 0, -1):
                name = self.names.get(" ".join(words[i : i + size]))
                if name is not None:
                    out.append(name)
                    i += size
                    break
            else:
                word = words[i]
                long = len(word) >= MIN_VARIANT_LENGTH
                name = self.variants.get(skeleton(word)) if long else None
                out.append(name.lower() if name else word)
                i += 1
        return " ".join(out)


#: The :class:`_Canonical` last asked for, found by the registry's identity: hashing a
#: registry hashes every actor, and an analysis asks with one registry for every keyword.
_LAST_CANONICAL: list[_Canonical] = []


def canonical_term(term: str, registry: Registry) -> str:
    """A lower-case term with every person's alias or spelling variant replaced by the
    person's name: "volodymyr zelenskiy" -> "zelensky", "president zelenskyy" -> "president
    zelensky". Places and organisations are left as written (their names are findings of
    their own: Kyiv or Kiev, Türkiye or Turkey)."""
    last = _LAST_CANONICAL[0] if _LAST_CANONICAL else None
    if last is None or last.registry is not registry:
        last = _Canonical(registry)
        _LAST_CANONICAL[:] = [last]
    return last(term)


def written_as(word: str, registry: Registry | None = None) -> set[str]:
    """What a text shows where :func:`canonical_term` (with ``registry``) gives a term
    starting with the lower-case ``word``: the word itself, the first word of each alias of
    a person whose name starts with it, and the :func:`skeleton` of each spelling variant
    of such a person's name, less its transliteration ending (a text writing that variant
    holds these letters in this order, any of them doubled, once lower-cased and its
    accents stripped). A text in which none of them appears cannot use the term."""
    found = {word}
    if registry is None:
        return found
    for alias, name in _person_names(registry).items():
        if name.split()[0] == word:
            found.add(alias.split()[0])
    for key, name in _matcher(registry).variants.items():
        if name.lower().split()[0] == word:
            found.add(key[:-1] if key.endswith("y") else key)
    return found


def _key(phrase: str) -> str:
    """A phrase with its whitespace made single and curly apostrophes straight."""
    return " ".join(phrase.replace("’", "'").split())


_WORD = re.compile(r"[^\W\d_]+")
_TITLE_NEXT = re.compile(r"\s+[A-Z]")
_PRONOUN = re.compile(r"[\"“‘']?(He|She)\b")


def _how(actor: str, surface: str) -> str:
    return HOW_NAME if actor in _key(surface) else HOW_ALIAS


def _article_mentions(text: str, matcher: _Matcher) -> list[tuple[str, str, int, int, str]]:
    """``(actor, surface, start, end, how)`` of names, aliases, variants and roles."""
    found: list[tuple[str, str, int, int, str]] = []
    if matcher.aliases is not None:
        for match in matcher.aliases.finditer(text):
            actor = matcher.alias_actor[_key(match.group())]
            found.append(
                (actor, match.group(), match.start(), match.end(), _how(actor, match.group()))
            )
    taken = _mask(len(text), [m[2:4] for m in found])
    for match in _WORD.finditer(text):
        word = match.group()
        if not word[0].isupper() or 1 in taken[match.start() : match.end()]:
            continue
        if sum(c.isalpha() for c in word) < MIN_VARIANT_LENGTH:
            continue
        actor = matcher.variants.get(skeleton(word))
        if actor is not None:
            found.append((actor, word, match.start(), match.end(), HOW_VARIANT))
    named = {mention[0] for mention in found}
    titles: list[tuple[int, int]] = []
    roles: list[tuple[str, str, int, int, str]] = []
    if matcher.roles is not None:
        for match in matcher.roles.finditer(text):
            # a role may be written with its article ("the alliance") or without it
            bare = re.sub(r"^the\s+", "", match.group(), flags=re.IGNORECASE)
            actor = (
                matcher.role_actor.get(_key(match.group()).lower())
                or matcher.role_actor[_key(bare).lower()]
            )
            if _TITLE_NEXT.match(text, match.end()):
                # "US President Donald Trump": a title; the name is the one mention
                titles.append((match.start(), match.end()))
            elif actor in named:
                # "the US president" is one mention of the president, not also of the country
                roles.append((actor, match.group(), match.start(), match.end(), HOW_ROLE))
    in_title = _mask(len(text), titles)
    in_role = _mask(len(text), [m[2:4] for m in roles])
    kept = [
        m
        for m in found
        if not (m[4] == HOW_ALIAS and 1 in in_title[m[2] : m[3]]) and 1 not in in_role[m[2] : m[3]]
    ]
    return sorted(kept + roles, key=lambda m: m[2])


def _mask(length: int, spans: list[tuple[int, int]]) -> bytearray:
    """One byte per character of a text: 1 where one of ``spans`` covers it, else 0."""
    mask = bytearray(length)
    for start, end in spans:
        mask[start:end] = b"\x01" * (end - start)
    return mask


def find_mentions(
    articles: pd.DataFrame,
    sentences: pd.DataFrame,
    *,
    registry: Registry | None = None,
    coref: bool = True,
    docs: Mapping[str, Doc] | None = None,
) -> pd.DataFrame:
    """The mentions table: one row per actor mention in the cleaned text of ``articles``.

    Columns: article_id, sent_id, actor (canonical name), surface (the text as written,
    so the spelling variant is kept), start, end (offsets into ``articles.text``, end
    exclusive), how (name / alias / variant / role / pronoun, see the module docstring, or
    entity: found in the text by :mod:`analysis.entities`), actor_kind (person / country /
    organisation / group). ``sentences`` is the frame of :func:`analysis.text.sentences` for
    the same articles; ``docs`` their parses by article id (:func:`analysis.parse.parse`):
    with a parse, every person, organisation and country the text names is an actor, the
    registry's actors first. ``coref`` switches the pronoun resolution. Text removed by
    cleaning is not in ``articles.text`` and so yields no mentions.
    """
    matcher = _matcher(registry if registry is not None else default_registry())
    by_article = {key: group for key, group in sentences.groupby(S.ARTICLE_ID, sort=False)}
    rows = []
    for identifier, text in zip(articles[S.ARTICLE_ID], articles[S.TEXT], strict=True):
        group = by_article.get(identifier)
        if group is None:
            continue
        starts = group[S.START].tolist()
        ids = group[S.SENT_ID].tolist()
        mentions = [
            (actor, surface, start, end, how, matcher.kinds[actor])
            for actor, surface, start, end, how in _article_mentions(text, matcher)
        ]
        doc = None if docs is None else docs.get(identifier)
        if doc is not None:
            taken = _mask(len(text), [m[2:4] for m in mentions])
            mentions += [
                (
                    matcher.frames.get(name_frame(m.actor, skeleton) or "", m.actor),
                    *m[1:4],
                    m.how,
                    m.kind,
                )
                if m.kind == PERSON
                else (*m[:4], m.how, m.kind)
                for m in entity_mentions(doc, taken)
            ]
        mentions = [m for m in mentions if m[5] != IGNORED]
        found = [
            (ids[max(0, bisect.bisect_right(starts, m[2]) - 1)], *m)
            for m in sorted(mentions, key=lambda m: m[2])
        ]
        if coref:
            found = _with_pronouns(found, group, quote_spans(text))
        rows.extend((identifier, *mention) for mention in found)
    frame = pd.DataFrame(rows, columns=list(S.MENTION_COLUMNS))
    return frame.astype({S.SENT_ID: "int64", S.START: "int64", S.END: "int64"})


Found = tuple[int, str, str, int, int, str, str]


def _with_pronouns(found: list[Found], group: pd.DataFrame, quotes: list[Span]) -> list[Found]:
    """Adds a mention for each sentence-initial He/She whose previous sentence mentions a
    person: the first person mentioned there outside quotation marks (or inside them when
    none is outside), which in news prose is nearly always the subject ("Zelensky said he
    would meet Putin ... He emphasized ..." is Zelensky; in '"I call on the President of
    Russia ...," Zelenskyy said. He also called ...' it is Zelenskyy, not Putin)."""
    first_person: dict[int, str] = {}
    quoted_person: dict[int, str] = {}
    quoted = _mask(max((s.end for s in quotes), default=0), [(s.start, s.end) for s in quotes])
    for sent_id, actor, _, start, end, _, kind in found:
        if kind == PERSON:
            inside = 1 in quoted[start:end]
            (quoted_person if inside else first_person).setdefault(sent_id, actor)
    for sent_id, actor in quoted_person.items():
        first_person.setdefault(sent_id, actor)
    added = []
    for sent_id, start, text in zip(group[S.SENT_ID], group[S.START], group[S.TEXT], strict=True):
        match = _PRONOUN.match(text)
        actor = first_person.get(sent_id - 1)
        if match and actor:
            begin = start + match.start(1)
            added.append(
                (sent_id, actor, match.group(1), begin, start + match.end(1), HOW_PRONOUN, PERSON)
            )
    return sorted(found + added, key=lambda m: m[3])
