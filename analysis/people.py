"""One person under one name across a corpus: the full names that the surnames, first names
and spellings of the articles' people stand for.

:func:`merge_people` takes the people's names with their mention counts (made by
:mod:`analysis.entities` from the parse, article by article) and says which name each is to
be shown under: a surname or a spelling variant goes to the one full name it belongs to,
namesakes ("Nawaz Sharif", "Shehbaz Sharif") stay apart, and two-word names that differ only
in their vowels ("Rustam Umarov", "Rustem Umerov") are one person.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Mapping


def merge_people(
    names: Counter[str], skeleton: Callable[[str], str], *, others: Mapping[str, int] | None = None
) -> dict[str, str]:
    """A renaming of people across a corpus: every name whose surname has the same
    ``skeleton`` (a spelling-variant key) and a compatible first name goes to the most frequent
    full name of that group (to the most frequent name when none has two words); ``names``
    counts each person's mentions. ``others`` counts the mentions of names the model gave
    another kind (a surname tagged as an organisation): one that matches a group is renamed
    like its people, unless it has more mentions than the whole group. Names that need no
    change are left out."""
    groups: dict[str, list[str]] = defaultdict(list)
    for name in names:
        groups[skeleton(name.split()[-1])].append(name)
    renamed: dict[str, str] = {}
    for members in groups.values():
        full = (
            sorted((name for name in members if " " in name), key=lambda n: (-names[n], n))
            or sorted(members, key=lambda n: (-names[n], n))[:1]
        )
        ambiguous = _namesakes(full, names, skeleton)
        for name in members:
            if ambiguous and " " not in name:
                continue  # "Sharif" alone, where the corpus names two Sharifs about as often
            target = _compatible(name, full, skeleton)
            if target != name:
                renamed[name] = target
    _merge_transliterations(names, skeleton, renamed)
    for name, count in (others or {}).items():
        if name.isupper():
            continue  # an acronym ("ISA") is no spelling of a surname ("Issa")
        members = groups.get(skeleton(name.split()[-1]))
        if members and name not in names and count <= sum(names[m] for m in members):
            full = sorted(members, key=lambda n: (" " not in n, -names[n], n))
            renamed[name] = renamed.get(_compatible(name, full, skeleton), full[0])
    return renamed


#: Shortest given name and surname (letters) whose consonants alone identify a person across
#: transliterations (:func:`_merge_transliterations`).
MIN_TRANSLITERATED_GIVEN = 4
MIN_TRANSLITERATED_SURNAME = 5
_VOWELS = re.compile(r"[aeiouy]")


def name_frame(name: str, skeleton: Callable[[str], str]) -> str | None:
    """The consonants of a two-word name's spelling skeletons ("Rustem Umerov" and "Rustam
    Umarov" give "rstm mrv"), or None for other names and short ones."""
    words = name.split()
    if len(words) != 2 or len(words[0]) < MIN_TRANSLITERATED_GIVEN:
        return None
    if len(words[1]) < MIN_TRANSLITERATED_SURNAME:
        return None
    return " ".join(_VOWELS.sub("", skeleton(word)) for word in words)


def _merge_transliterations(
    names: Counter[str], skeleton: Callable[[str], str], renamed: dict[str, str]
) -> None:
    """Adds to ``renamed`` the transliterations of one person: full names of two words that
    differ only in their vowels ("Rustam Umarov", "Rustem Umerov") go, with every name
    already renamed to them, to the one with most mentions."""
    frames: dict[str, set[str]] = defaultdict(set)
    for name in names:
        frame = name_frame(renamed.get(name, name), skeleton)
        if frame:
            frames[frame].add(renamed.get(name, name))
    for targets in frames.values():
        if len(targets) < 2:
            continue
        total = Counter(
            {t: sum(names[n] for n in names if renamed.get(n, n) == t) for t in targets}
        )
        chosen = min(targets, key=lambda t: (-total[t], t))
        for name in list(names):
            if renamed.get(name, name) in targets and name != chosen:
                renamed[name] = chosen


#: How many times more mentions the most mentioned of two namesakes needs for a surname alone
#: to be taken as theirs across the corpus ("Trump" is Donald Trump beside Melania Trump,
#: "Obama" Barack Obama beside Michelle Obama).
NAMESAKE_SHARE = 1.25


def _namesakes(full: list[str], names: Counter[str], skeleton: Callable[[str], str]) -> bool:
    """Whether ``full`` (full names of one surname, most mentioned first) holds two people
    (given names that do not agree) without the first outnumbering the other
    :data:`NAMESAKE_SHARE` times."""
    first = full[0].split()[:-1]
    others = [n for n in full[1:] if not _same_given(first, n.split()[:-1], skeleton)]
    return bool(others) and names[full[0]] < NAMESAKE_SHARE * max(names[n] for n in others)


def _compatible(name: str, full: list[str], skeleton: Callable[[str], str]) -> str:
    """The first of ``full`` whose given names agree with ``name``'s (any, when ``name`` has
    one word); ``name`` itself when none does. Given names agree when one's are all among
    the other's ("Tayyip Erdogan", "Recep Tayyip Erdogan"), an initial standing for a name
    ("S. Jaishankar", "Subrahmanyam Jaishankar"); "Nawaz Sharif" and "Shehbaz Sharif" do
    not."""
    given = name.split()[:-1]
    return next((c for c in full if _same_given(given, c.split()[:-1], skeleton)), name)


def _same_given(one: list[str], other: list[str], skeleton: Callable[[str], str]) -> bool:
    """Whether two lists of given names can be one person's (see :func:`_compatible`)."""
    if not one or not other:
        return True
    short, long = sorted((one, other), key=len)

    def same(word: str, given: str) -> bool:
        a, b = word.rstrip("."), given.rstrip(".")
        if min(len(a), len(b)) == 1:  # an initial: "S." for "Subrahmanyam"
            return a[:1].lower() == b[:1].lower()
        return skeleton(a) == skeleton(b)

    return all(any(same(word, given) for given in long) for word in short)
