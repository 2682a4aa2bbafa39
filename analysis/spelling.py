"""Spelling: how each article writes the names that have more than one spelling.

A variant group (:class:`analysis.lexicon.PhraseGroup` in the :data:`FORMAT` of the variant
table) is one entity and the spellings counted for it (Zelensky: Zelensky, Zelenskyy,
Zelenskiy, ...). The built-in groups are the data file ``analysis/data/spellings.toml``
(transliterations and exonyms, with their sources); users add their own, and
:func:`discover_variants` proposes groups found in the corpus itself.

* :func:`variant_hits`: every occurrence of a variant, with offsets (whole words,
  case-insensitive, possessives and hyphenated compounds count, a longer variant never
  counted as a shorter one: the rules of :class:`analysis.lexicon.Lexicon`);
* :func:`find_spellings`: the spellings table, one row per article and variant used, with the
  count in the body and in the headline;
* :func:`discover_variants`: names that differ only by diacritics, doubled letters, a
  transliteration ending (y / yy / iy / yi / i) or one letter inside the word, used in similar
  contexts, a person's name after initials written with or without dots and spaces ("JD
  Vance", "J. D. Vance"), and words written with and without a hyphen ("cease-fire",
  "ceasefire"), each with its evidence so the user can accept or reject it.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import replace
from functools import cache

import pandas as pd
from wordfreq import zipf_frequency

from analysis import schema as S
from analysis.actors import skeleton
from analysis.corpus import guessed_titles
from analysis.datafile import built_in_text
from analysis.lexicon import (
    DISCOVERED,
    GroupFormat,
    Groups,
    Lexicon,
    PhraseGroup,
    fold,
    parse_groups,
    validated,
)
from analysis.text import headline_end, snippet, stopwords

GROUP_KINDS: tuple[str, ...] = ("person", "place", "country", "organisation", "other")
#: Shortest name (letters) considered by discovery: shorter names collide too often.
MIN_DISCOVERY_LENGTH = 5
#: Shortest name (letters) that may be linked by a one-letter difference ("Kharkiv" /
#: "Kharkov"); below it, too many different names are one letter apart (Iran / Iraq).
MIN_EDIT_LENGTH = 6
#: Least context similarity (cosine of the words around each spelling, 0..1, higher = more
#: alike) for two names one letter apart to be proposed as one entity.
MIN_CONTEXT_SIMILARITY = 0.1
#: Words either side of a name that make its context.
CONTEXT_WINDOW = 4

#: A word of letters, hyphenated parts kept together ("Al-Sisi"), a possessive left out.
_NAME = re.compile(r"(?<![\w’'-])[^\W\d_]+(?:-[^\W\d_]+)*")
#: A name after one to three initials, written with or without dots and spaces ("JD Vance",
#: "J.D. Vance", "J. D. Vance"): the initials, then the name.
_INITIALS = re.compile(
    r"(?<![\w.’'-])((?:[A-Z]\.[ \u00a0]?){1,3}|[A-Z]{2,3}[ \u00a0])([A-Z][^\W\d_]+)\b(?![.’']?\w)"
)
#: A name after initials is a person's when it is rarer than this in general English (Zipf
#: scale: "Vance" 3.4, "Senate" 4.6): "US Senate" / "U.S. Senate" is no person's name.
INITIALS_NAME_ZIPF = 4.5


#: The format of the variant table: ``variants`` lists, at least two, with a kind.
FORMAT = GroupFormat("variants", 2, GROUP_KINDS)


def default_groups_text() -> str:
    """The built-in variant table as TOML (``analysis/data/spellings.toml``)."""
    return built_in_text("spellings.toml")


@cache
def default_groups() -> Groups:
    """The built-in variant groups (transliterations and exonyms)."""
    return parse_groups(default_groups_text(), FORMAT)


@cache
def _lexicon(groups: Groups) -> tuple[Lexicon, dict[str, str]]:
    lexicon = Lexicon([v for g in groups for v in g.phrases])
    owner = {v: g.name for g in groups for v in g.phrases}
    return lexicon, owner


def _hits(text: str, groups: Groups) -> Iterable[tuple[str, str, str, int, int]]:
    """``(group, variant, surface, start, end)`` of every variant in ``text``."""
    lexicon, owner = _lexicon(groups)
    for hit in lexicon.finditer(text):
        yield owner[hit.phrase], hit.phrase, hit.surface, hit.start, hit.end


def variant_hits(articles: pd.DataFrame, *, groups: Groups | None = None) -> pd.DataFrame:
    """Every occurrence of a variant in the cleaned text of ``articles``.

    Columns :data:`analysis.schema.VARIANT_HIT_COLUMNS`: article_id, group, variant (as
    written in the group), surface (as written in the article), start, end (offsets into
    ``articles.text``, end exclusive).
    """
    groups = groups if groups is not None else default_groups()
    rows = [
        (identifier, *hit)
        for identifier, text in zip(articles[S.ARTICLE_ID], articles[S.TEXT], strict=True)
        for hit in _hits(text, groups)
    ]
    frame = pd.DataFrame(rows, columns=list(S.VARIANT_HIT_COLUMNS))
    return frame.astype({S.START: "int64", S.END: "int64"})


def find_spellings(articles: pd.DataFrame, *, groups: Groups | None = None) -> pd.DataFrame:
    """The spellings table of ``articles``: :func:`count_spellings` of their
    :func:`variant_hits`."""
    groups = groups if groups is not None else default_groups()
    return count_spellings(variant_hits(articles, groups=groups), articles, groups=groups)


def count_spellings(
    hits: pd.DataFrame, articles: pd.DataFrame, *, groups: Groups | None = None
) -> pd.DataFrame:
    """The spellings table from the :func:`variant_hits` of ``articles`` (made with the same
    ``groups``): one row per article and variant it uses.

    Columns :data:`analysis.schema.SPELLING_COLUMNS`: article_id, group (the canonical
    entity), variant, count (uses in the cleaned body text, >= 0), headline (uses in the
    title, >= 0, none in a title guessed from the URL: :func:`analysis.corpus.guessed_titles`;
    a row exists when either is > 0), source (table / discovered / user).
    """
    groups = groups if groups is not None else default_groups()
    sources = {g.name: g.source for g in groups}
    ends = {
        identifier: headline_end(text, title)
        for identifier, text, title in zip(
            articles[S.ARTICLE_ID], articles[S.TEXT], articles[S.TITLE], strict=True
        )
    }
    in_body = hits[S.START].to_numpy() >= hits[S.ARTICLE_ID].map(ends).fillna(0).to_numpy()
    body = Counter(
        zip(
            hits[S.ARTICLE_ID][in_body],
            hits[S.GROUP][in_body],
            hits[S.VARIANT][in_body],
            strict=True,
        )
    )
    titles = articles[S.TITLE].where(~guessed_titles(articles))  # a guessed title is none
    head = Counter(
        (identifier, group, variant)
        for identifier, title in zip(articles[S.ARTICLE_ID], titles, strict=True)
        for group, variant, *_ in _hits("" if pd.isna(title) else title, groups)
    )
    order = {identifier: n for n, identifier in enumerate(articles[S.ARTICLE_ID])}
    keys = sorted(body.keys() | head.keys(), key=lambda k: (order[k[0]], k[1], k[2]))
    rows = [(*key, body[key], head[key], sources[key[1]]) for key in keys]
    frame = pd.DataFrame(rows, columns=list(S.SPELLING_COLUMNS))
    return frame.astype({S.COUNT: "int64", S.HEADLINE: "int64"})


def _plain(word: str) -> str:
    decomposed = unicodedata.normalize("NFKD", word.replace("ı", "i"))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def _initials_key(form: str) -> str:
    """A name after initials as compared: the initials' letters and the name ("J. D. Vance"
    and "JD Vance" -> "jd vance")."""
    *initials, name = form.split()
    return "".join(c for c in "".join(initials) if c.isalpha()).casefold() + " " + name.casefold()


def _unhyphenated(form: str) -> str:
    return form.replace("-", "").casefold()


def _difference(a: str, b: str) -> str:
    """How two spellings of a name differ, in the words of the evidence column."""
    if " " in a and " " in b and _initials_key(a) == _initials_key(b):
        return "initials"
    if ("-" in a) != ("-" in b) and _unhyphenated(a) == _unhyphenated(b):
        return "hyphen"
    if _plain(a) == _plain(b):
        return "diacritics"
    if re.sub(r"(.)\1+", r"\1", _plain(a)) == re.sub(r"(.)\1+", r"\1", _plain(b)):
        return "doubled letters"
    if skeleton(a) == skeleton(b):
        return "transliteration ending"
    return "one letter"


def _one_edit(a: str, b: str) -> bool:
    """Whether ``a`` and ``b`` differ by one letter substituted, added or dropped, or two
    neighbours swapped, inside the word (first and last letters equal)."""
    if a == b or a[0] != b[0] or a[-1] != b[-1]:
        return False
    if len(a) == len(b):
        diff = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
        return len(diff) == 1 or (
            len(diff) == 2
            and diff[1] == diff[0] + 1
            and a[diff[0]] == b[diff[1]]
            and a[diff[1]] == b[diff[0]]
        )
    short, long = sorted((a, b), key=len)
    return len(long) == len(short) + 1 and any(
        long[:i] + long[i + 1 :] == short for i in range(1, len(long) - 1)
    )


def _deletions(word: str) -> set[str]:
    """The word and every form of it with one inner letter dropped (lower case)."""
    lower = word.casefold()
    return {lower} | {lower[:i] + lower[i + 1 :] for i in range(1, len(lower) - 1)}


class Names:
    """Capitalised words of a corpus: counts, outlets, contexts, first example; what
    :func:`discover_variants` links. The names of parts of a corpus add up
    (:meth:`add`) to the names of the whole."""

    def __init__(self) -> None:
        self.count: Counter[str] = Counter()
        self.lower: Counter[str] = Counter()
        self.outlets: dict[str, set[str]] = {}
        self.example: dict[str, str] = {}
        self.context: dict[str, Counter[str]] = {}
        #: Words written in lower case with a hyphen ("cease-fire"), counted as names are.
        self.compounds: Counter[str] = Counter()
        #: The outlets of each word written in lower case (the outlets of "ceasefire").
        self.lower_outlets: dict[str, set[str]] = {}

    def _seen(self, form: str, outlet: str, text: str, at: tuple[int, int]) -> None:
        self.outlets.setdefault(form, set()).add(outlet)
        self.example.setdefault(form, snippet(text, at[0], at[1], 60))

    @classmethod
    def of(cls, articles: pd.DataFrame) -> Names:
        """The names of ``articles``' texts."""
        names = cls()
        stop = stopwords()
        first: dict[str, tuple[str, tuple[int, int]]] = {}  # a lower-case word's first use
        for outlet, text in zip(articles[S.OUTLET], articles[S.TEXT], strict=True):
            words = list(_NAME.finditer(text))
            lowered = [m.group().casefold() for m in words]
            for i, match in enumerate(words):
                word = match.group()
                long = sum(c.isalpha() for c in word) >= MIN_DISCOVERY_LENGTH
                if word[0].islower():
                    names.lower[word.casefold()] += 1
                    if long:
                        names.lower_outlets.setdefault(word.casefold(), set()).add(str(outlet))
                        first.setdefault(word.casefold(), (text, match.span()))
                    if not long or "-" not in word:
                        continue
                    names.compounds[word] += 1
                elif word.isupper() or not long:
                    continue
                else:
                    names.count[word] += 1
                names._seen(word, str(outlet), text, match.span())
                around = lowered[max(0, i - CONTEXT_WINDOW) : i + 1 + CONTEXT_WINDOW]
                names.context.setdefault(word, Counter()).update(
                    w for w in around if w not in stop and len(w) > 2 and w != lowered[i]
                )
            names._initialled_in(text, str(outlet), stop)
        for _, joined in names.hyphenated():  # the example of "ceasefire" beside "cease-fire"
            if joined in first and joined not in names.example:
                text, (start, end) = first[joined]
                names.example[joined] = snippet(text, start, end, 60)
        return names

    def _initialled_in(self, text: str, outlet: str, stop: frozenset[str]) -> None:
        """Counts the people's names after initials in ``text`` (:data:`_INITIALS`)."""
        for match in _INITIALS.finditer(text):
            if zipf_frequency(match.group(2).casefold(), "en") >= INITIALS_NAME_ZIPF:
                continue
            form = " ".join(match.group().split())
            self.count[form] += 1
            self._seen(form, outlet, text, match.span())
            start, end = match.span()
            around = _NAME.findall(text, max(0, start - 200), start)[-CONTEXT_WINDOW:]
            around += _NAME.findall(text, end, end + 200)[:CONTEXT_WINDOW]
            self.context.setdefault(form, Counter()).update(
                w.casefold() for w in around if w.casefold() not in stop and len(w) > 2
            )

    def add(self, part: Names) -> Names:
        """These names with those of ``part`` (of articles after these) added."""
        self.count.update(part.count)
        self.lower.update(part.lower)
        self.compounds.update(part.compounds)
        for word, outlets in part.lower_outlets.items():
            self.lower_outlets.setdefault(word, set()).update(outlets)
        for word, outlets in part.outlets.items():
            self.outlets.setdefault(word, set()).update(outlets)
        for word, example in part.example.items():
            self.example.setdefault(word, example)
        for word, context in part.context.items():
            self.context.setdefault(word, Counter()).update(context)
        return self

    def names(self) -> list[str]:
        """Words written capitalised more often than in lower case (names, not ordinary
        words at the start of a sentence)."""
        return [w for w, n in self.count.items() if n > self.lower[w.casefold()]]

    def uses(self, form: str) -> int:
        """How often ``form`` is written: as a name, a hyphenated word or a lower-case word."""
        return self.count[form] or self.compounds[form] or self.lower[form]

    def outlets_of(self, form: str) -> set[str]:
        return self.outlets.get(form) or self.lower_outlets.get(form, set())

    def hyphenated(self) -> list[tuple[str, str]]:
        """Pairs of a word written with a hyphen and the same word written without it, both
        in lower case ("cease-fire", "ceasefire")."""
        pairs = ((word, word.replace("-", "").casefold()) for word in self.compounds)
        return [(word, joined) for word, joined in pairs if self.lower[joined]]

    def initialled(self) -> list[list[str]]:
        """The names after initials written in two or more ways ("JD Vance", "J. D. Vance"),
        one list per name."""
        by_key: dict[str, list[str]] = {}
        for form in self.count:
            if " " in form:
                by_key.setdefault(_initials_key(form), []).append(form)
        return [forms for forms in by_key.values() if len(forms) > 1]

    def similarity(self, a: str, b: str) -> float:
        """Cosine similarity (0..1, higher = more alike) of the words around ``a`` and
        ``b``, the names themselves left out."""
        names = {a.casefold(), b.casefold()}
        ca = Counter({w: n for w, n in self.context.get(a, {}).items() if w not in names})
        cb = Counter({w: n for w, n in self.context.get(b, {}).items() if w not in names})
        dot = sum(n * cb[w] for w, n in ca.items())
        norm = math.sqrt(sum(n * n for n in ca.values()) * sum(n * n for n in cb.values()))
        return dot / norm if norm else 0.0

    def shared(self, forms: list[str], top: int = 5) -> list[str]:
        """The context words the spellings have in common, most frequent first."""
        contexts = [self.context.get(f, Counter()) for f in forms]
        common = set.intersection(*(set(c) for c in contexts))
        total = sum(contexts, Counter())
        return [w for w, _ in total.most_common() if w in common][:top]


class _Links:
    """Union-find over spellings, remembering why two were linked."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, x: str) -> str:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: str, b: str) -> None:
        self.parent[self.find(a)] = self.find(b)

    def clusters(self) -> list[list[str]]:
        found: dict[str, list[str]] = {}
        for x in self.parent:
            found.setdefault(self.find(x), []).append(x)
        return [sorted(c) for c in found.values() if len(c) > 1]


def discover_variants(
    articles: pd.DataFrame,
    *,
    groups: Groups | None = None,
    min_similarity: float = MIN_CONTEXT_SIMILARITY,
) -> pd.DataFrame:
    """Names of ``articles`` that look like spellings of one entity:
    :func:`variants_from_names` of their :class:`Names`."""
    return variants_from_names(Names.of(articles), groups=groups, min_similarity=min_similarity)


def variants_from_names(
    names: Names,
    *,
    groups: Groups | None = None,
    min_similarity: float = MIN_CONTEXT_SIMILARITY,
) -> pd.DataFrame:
    """Names of the corpus that look like spellings of one entity, with their evidence.

    Two capitalised names (at least :data:`MIN_DISCOVERY_LENGTH` letters, written capitalised
    more often than in lower case) are linked when they differ only by diacritics (Erdoğan /
    Erdogan), doubled letters, a transliteration ending (Zelensky / Zelenskyy / Zelenskiy), or,
    for names of :data:`MIN_EDIT_LENGTH` letters or more, one letter inside the word (Kharkiv /
    Kharkov) with a context similarity of at least ``min_similarity``; so are a person's name
    after initials written in several ways ("JD Vance", "J.D. Vance", "J. D. Vance": the
    initials with or without dots and spaces) and a lower-case word written with and without
    a hyphen ("cease-fire", "ceasefire"). Linked names form a
    proposed group. Groups whose spellings are all in ``groups`` already are left out; a
    group that adds a spelling to a known group keeps that group's name.

    Returns :data:`analysis.schema.CANDIDATE_COLUMNS`, most used first: group (the proposed
    name: the known group's name or the most used spelling), variants ("; "-separated, most
    used first), counts ("Zelenskiy 11; Zelensky 7"), difference (diacritics / doubled letters /
    transliteration ending / one letter / initials / hyphen), similarity (context similarity
    0..1, higher = used more alike), shared_context (context words the spellings share),
    outlets ("spelling: outlet, outlet" per spelling), examples (one snippet per spelling),
    new (the spellings not yet in any group).
    """
    groups = groups if groups is not None else default_groups()
    known = {fold(v): g.name for g in groups for v in g.phrases}
    candidates = [name for name in names.names() if " " not in name]
    links = _Links()
    for forms in names.initialled():
        for other in forms[1:]:
            links.union(forms[0], other)
    for word, joined in names.hyphenated():
        links.union(word, joined)
    by_skeleton: dict[str, list[str]] = {}
    for word in candidates:
        by_skeleton.setdefault(skeleton(word), []).append(word)
    for forms in by_skeleton.values():
        distinct = list({fold(f): f for f in forms}.values())
        for other in distinct[1:]:
            links.union(distinct[0], other)
    by_deletion: dict[str, list[str]] = {}
    for word in candidates:
        if len(word) >= MIN_EDIT_LENGTH:
            for key in _deletions(word):
                by_deletion.setdefault(key, []).append(word)
    for forms in by_deletion.values():
        for i, a in enumerate(forms):
            for b in forms[i + 1 :]:
                if (
                    _one_edit(a.casefold(), b.casefold())
                    and links.find(a) != links.find(b)
                    and names.similarity(a, b) >= min_similarity
                ):
                    links.union(a, b)
    rows = []
    for cluster in links.clusters():
        forms = sorted(cluster, key=lambda f: (-names.uses(f), f))
        new = [f for f in forms if fold(f) not in known]
        if not new:
            continue
        owners = [known[fold(f)] for f in forms if fold(f) in known]
        kinds = sorted({_difference(forms[0], f) for f in forms[1:]})
        rows.append(
            (
                owners[0] if owners else forms[0],
                "; ".join(forms),
                "; ".join(f"{f} {names.uses(f)}" for f in forms),
                ", ".join(kinds),
                round(min(names.similarity(forms[0], f) for f in forms[1:]), 3),
                ", ".join(names.shared(forms)),
                " | ".join(f"{f}: {', '.join(sorted(names.outlets_of(f)))}" for f in forms),
                " | ".join(f"{f}: {names.example[f]}" for f in forms if f in names.example),
                "; ".join(new),
                sum(names.uses(f) for f in forms),
            )
        )
    rows.sort(key=lambda r: (-r[-1], r[0]))
    return pd.DataFrame([r[:-1] for r in rows], columns=list(S.CANDIDATE_COLUMNS))


def groups_with_candidates(groups: Groups, candidates: pd.DataFrame) -> Groups:
    """``groups`` with the accepted ``candidates`` rows added: a candidate named after a known
    group adds its new spellings to it, any other becomes a ``discovered`` group."""
    merged = {g.name: g for g in groups}
    for row in candidates.itertuples(index=False):
        variants = tuple(v.strip() for v in str(row.variants).split(";") if v.strip())
        old = merged.get(row.group)
        if old is not None:
            known = {fold(x) for x in old.phrases}
            added = tuple(v for v in variants if fold(v) not in known)
            merged[row.group] = replace(old, phrases=old.phrases + added)
        else:
            note = f"Found in the corpus ({row.difference})."
            merged[row.group] = PhraseGroup(row.group, variants, "other", note, DISCOVERED)
    return validated(tuple(merged.values()))
