"""Attribution verbs: which words report speech ("said", "pointed out", "denied"), with what
connotation, and where they stand in a text.

The verbs and their connotations are the data file ``analysis/data/speech_verbs.toml``;
:func:`speech_verbs` reads it once and inflects each verb (irregular forms come from the file).
:func:`verb_pattern` matches any form as whole words, :func:`verbs_in` finds the verbs of a
stretch of text leaving out nouns of the same spelling ("a warning", "European states").
Who speaks next to a verb is :mod:`analysis.speech`'s.
"""

from __future__ import annotations

import re
import tomllib
from functools import cache
from importlib import resources
from typing import NamedTuple

#: Connotation of verbs that report speech and nothing more.
NEUTRAL = "neutral"
#: Class of every verb that is not neutral.
LOADED = "loaded"
#: A word, as attribution rules count words (letters, digits, ’ ' - and _).
WORD = re.compile(r"[\w’'-]+")
_DETERMINERS = frozenset(
    [
        "the",
        "a",
        "an",
        "his",
        "her",
        "its",
        "their",
        "our",
        "my",
        "your",
        "this",
        "these",
        "those",
        "such",
        "of",
        "any",
        "no",
        "every",
    ]
)
#: The ending of a demonym ("European", "Chinese", "Turkish", "Baltic", "Israeli").
DEMONYM = re.compile(r"(?:an|ese|ish|ic|i)$")


class SpeechVerb(NamedTuple):
    """An attribution verb: its base form and connotation ("neutral", "doubt", ...)."""

    lemma: str
    connotation: str

    @property
    def verb_class(self) -> str:
        """Either "neutral" or "loaded"."""
        return NEUTRAL if self.connotation == NEUTRAL else LOADED


def _inflections(verb: str) -> list[str]:
    first, _, rest = verb.partition(" ")
    tail = f" {rest}" if rest else ""
    if first.endswith("e"):
        forms = [first + "s", first + "d", first[:-1] + "ing"]
    elif re.search(r"[^aeiou]y$", first):
        forms = [first[:-1] + "ies", first[:-1] + "ied", first + "ing"]
    elif re.search(r"(?:s|sh|ch|x|z)$", first):
        forms = [first + "es", first + "ed", first + "ing"]
    else:
        forms = [first + "s", first + "ed", first + "ing"]
    return [verb] + [form + tail for form in forms]


@cache
def speech_verbs() -> dict[str, SpeechVerb]:
    """Every form of every attribution verb (lower case) -> its :class:`SpeechVerb`."""
    text = resources.files("analysis").joinpath("data/speech_verbs.toml").read_text("utf-8")
    data = tomllib.loads(text)
    irregular: dict[str, list[str]] = data.pop("irregular", {})
    forms: dict[str, SpeechVerb] = {}
    for connotation, table in data.items():
        for verb in table.get("verbs", []):
            entry = SpeechVerb(verb, connotation)
            for form in [verb, *irregular[verb]] if verb in irregular else _inflections(verb):
                forms[form] = entry
        for phrase in table.get("phrases", []):
            forms[phrase] = SpeechVerb(phrase, connotation)
    return forms


@cache
def verb_pattern() -> re.Pattern[str]:
    """A case-insensitive pattern matching any attribution verb form as whole words (the
    longest form where several match, "pointed out" before "pointed")."""
    trie: dict[str, dict] = {}
    for form in speech_verbs():
        node = trie
        for character in " ".join(form.lower().split()):
            node = node.setdefault(character, {})
        node[""] = {}
    return re.compile(rf"(?<![\w’'-])(?:{_trie_pattern(trie)})(?![\w’'-])", re.IGNORECASE)


def _trie_pattern(node: dict[str, dict]) -> str:
    """The regular expression of the words of a character trie (``""`` marks a word's end),
    one branch per shared prefix: matching tries only the forms that begin like the text, ten
    times faster than an alternation of every form; a space matches any white space. Longer
    words come first (the optional group is greedy), as in a longest-first alternation."""
    branches = [
        (r"\s+" if character == " " else re.escape(character)) + _trie_pattern(child)
        for character, child in sorted(node.items())
        if character
    ]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"
    return f"(?:{body})?" if "" in node else body


def lookup(verb: str) -> SpeechVerb:
    """The :class:`SpeechVerb` of a verb form as written ("Said", "pointed  out")."""
    return speech_verbs()[" ".join(verb.lower().split())]


def verbs_in(text: str, lo: int, hi: int) -> list[re.Match[str]]:
    """Attribution verbs in ``text[lo:hi]``, leaving out nouns of the same spelling ("a
    warning", "European states", "his claims")."""
    found = []
    for match in verb_pattern().finditer(text, lo, hi):
        previous = WORD.findall(text, max(0, match.start() - 40), match.start())
        word = previous[-1] if previous else ""
        if word.lower() in _DETERMINERS or word.endswith(("'s", "’s")):
            continue  # "a warning", "Russia's state news agency"
        plural = match.group().lower().endswith("s")
        if plural and word[:1].isupper() and DEMONYM.search(word):
            continue  # "European states"
        found.append(match)
    return found
