"""Strip page boilerplate from scraped news text, recording every removal with its reason.

:func:`clean_text` works line by line on text that :mod:`analysis.ingest` has decoded and
normalised. It removes what a reader of the story would not count as the story: share bars,
teasers, related-story lists, newsletter prompts, advertisement markers, photo credits,
bylines and header matter, repeated titles and subtitles, comment sections and citation
debris. The patterns live in ``data/boilerplate.toml``; the structural rules (header zone,
repeated lines, trailing headline lists, navigation menus) live here.

Every removed line (or fragment of a line) is a :class:`Removal` with the 1-based line number
in the input, the removed text and a reason a person understands. The headline, when it is
the first line of the text, is taken out of the body and returned as ``title``.
"""

from __future__ import annotations

import itertools
import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import NamedTuple

#: A line with at least this many words that ends like a sentence starts the story body.
BODY_MIN_WORDS = 12
#: A line this long is a story paragraph whatever its punctuation.
BODY_LONG_WORDS = 30
#: Share of a subtitle's words that must recur in one later paragraph to call it repeated.
SUBTITLE_OVERLAP = 0.75
#: How many kept lines from the top count as the header for captions printed twice.
HEADER_LINES = 8

_SENTENCE_END = re.compile(r"[.!?…:;][\"'”’)\]]*$|[\"”’]$")
_WORD = re.compile(r"[^\W_]+(?:[’'.-][^\W_]+)*")
_BULLET = re.compile(r"^\s*[•●▪◦*·–-]\s+")
_FUNCTION_WORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "to",
        "in",
        "on",
        "at",
        "for",
        "with",
        "and",
        "or",
        "but",
        "by",
        "from",
        "as",
        "is",
        "are",
        "was",
        "were",
        "be",
        "has",
        "have",
        "had",
        "not",
        "no",
        "it",
        "its",
        "this",
        "that",
        "after",
        "before",
        "over",
        "under",
        "into",
        "amid",
        "about",
        "against",
    ]
)
_DATE_WORDS = re.compile(
    r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?|\b(mon|tue|wed|thu|fri|"
    r"sat|sun)[a-z]*\.?|\b(utc|gmt|msk|cet|cest|est|edt|pst|pdt|bst|ist|am|pm|a\.m\.|p\.m\.)\b",
    re.IGNORECASE,
)


#: Marks line ``index`` as removed for ``reason`` (records it once).
_Drop = Callable[[int, str], None]


class Removal(NamedTuple):
    """One removed line or fragment: where it was (1-based line), what it said, and why."""

    line_no: int
    text: str
    reason: str


class Cleaned(NamedTuple):
    """Result of :func:`clean_text`.

    ``text`` is the story body; ``title`` the headline found in the text (None when the text
    has none or a title was given); ``published`` a date found in a date stamp (ISO string or
    None); ``removed`` every removal in line order.
    """

    text: str
    title: str | None
    published: str | None
    removed: list[Removal]


@dataclass(frozen=True)
class _Rule:
    reason: str
    pattern: re.Pattern[str]
    max_words: int | None = None
    requires: re.Pattern[str] | None = None

    def matches(self, line: str) -> bool:
        if self.max_words is not None and len(line.split()) > self.max_words:
            return False
        if self.requires is not None and not self.requires.search(line):
            return False
        return self.pattern.fullmatch(line) is not None


@dataclass(frozen=True)
class _Rules:
    line: tuple[_Rule, ...]
    block: tuple[_Rule, ...]
    box: tuple[_Rule, ...]
    fragment: tuple[_Rule, ...]
    share_words: frozenset[str]


@cache
def _rules() -> _Rules:
    """The boilerplate patterns of ``data/boilerplate.toml``, compiled once."""
    raw = tomllib.loads(
        resources.files("analysis").joinpath("data/boilerplate.toml").read_text(encoding="utf-8")
    )

    def build(kind: str) -> tuple[_Rule, ...]:
        rules = []
        for entry in raw.get(kind, []):
            flags = 0 if entry.get("case") else re.IGNORECASE
            requires = entry.get("requires")
            rules.append(
                _Rule(
                    reason=entry["reason"],
                    pattern=re.compile(entry["pattern"], flags),
                    max_words=entry.get("max_words"),
                    requires=re.compile(requires, re.IGNORECASE) if requires else None,
                )
            )
        return tuple(rules)

    return _Rules(
        build("line"),
        build("block"),
        build("box"),
        build("fragment"),
        frozenset(raw["share_words"]),
    )


def _words(line: str) -> list[str]:
    return _WORD.findall(line)


def _key(line: str) -> str:
    """Comparison key of a line: lower-case words only (quotes and punctuation ignored)."""
    return " ".join(w.lower() for w in _words(line))


def is_body_line(line: str) -> bool:
    """True when a line reads like a story paragraph (a long line that ends like a sentence)."""
    n = len(_words(line))
    return n >= BODY_LONG_WORDS or (n >= BODY_MIN_WORDS and bool(_SENTENCE_END.search(line)))


def _is_share_bar(line: str, share_words: frozenset[str]) -> bool:
    words = [w.lower() for w in re.findall(r"[^\W\d_]+", line)]
    return (
        bool(words)
        and len(words) <= 12
        and all(w in share_words for w in words)
        and any(
            w
            in {
                "facebook",
                "twitter",
                "linkedin",
                "pinterest",
                "whatsapp",
                "telegram",
                "reddit",
                "email",
                "share",
                "print",
                "vk",
                "tumblr",
                "flipboard",
                "bluesky",
                "instagram",
            }
            for w in words
        )
    )


def _is_navigation_menu(line: str) -> bool:
    """Six or more capitalised words with no function word and no sentence punctuation."""
    words = line.split()
    if len(words) < 6 or re.search(r"[.,;:!?\"“”]", line):
        return False
    return all(w[:1].isupper() or not w[:1].isalpha() for w in words) and not any(
        w.lower() in _FUNCTION_WORDS for w in words
    )


def _is_stray_fragment(line: str) -> bool:
    """A short line without a single word of three letters (widgets, initials, separators)."""
    return len(line) <= 40 and not re.search(r"[^\W\d_]{3,}", line)


def _is_date_stamp(line: str) -> bool:
    """A short line made only of a date and/or time ("12 May. 15:30 (UTC+3 MSK)")."""
    if len(line.split()) > 8 or not re.search(r"\d", line):
        return False
    return not re.search(r"[^\W\d_]", _DATE_WORDS.sub("", line))


def _is_headline_like(line: str) -> bool:
    """Title-case line of 4 to 25 words that does not end like a sentence."""
    words = line.split()
    if not 4 <= len(words) <= 25 or line.rstrip().endswith("."):
        return False
    content = [w for w in words if w.lower() not in _FUNCTION_WORDS and w[:1].isalpha()]
    return bool(content) and sum(w[:1].isupper() for w in content) / len(content) >= 0.75


def _is_name_list(line: str) -> bool:
    """A byline of names: "Mary Ilyushina, Serhiy Morgunov, Siobhán O'Grady and Ellen Francis"."""
    parts = [p.strip() for p in re.split(r",|\band\b|&", line) if p.strip()]
    return len(parts) >= 2 and all(
        1 <= len(p.split()) <= 3 and all(w[:1].isupper() for w in p.split()) for p in parts
    )


def _line_reason(line: str, rules: _Rules) -> str | None:
    """Why a whole line is boilerplate, or None when it is not."""
    stripped = line.strip()
    if _is_share_bar(stripped, rules.share_words):
        return "share buttons"
    for rule in rules.line:
        if rule.matches(stripped):
            return rule.reason
    if _is_navigation_menu(stripped):
        return "navigation menu"
    if _is_date_stamp(stripped):
        return "date stamp"
    if _is_stray_fragment(stripped):
        return "stray fragment (page widget or initials)"
    return None


def _strip_fragments(lines: list[str], rules: _Rules, removed: list[Removal]) -> str | None:
    """Remove fragment patterns in place; returns a date found in a date stamp, if any."""
    published = None
    for index, line in enumerate(lines):
        for rule in rules.fragment:
            match = rule.pattern.search(line)
            if match is None or not match.group(0).strip():
                continue
            if "date" in rule.pattern.groupindex and match.group("date"):
                published = published or match.group("date")
            removed.append(Removal(index + 1, match.group(0).strip(), rule.reason))
            line = line[: match.start()] + line[match.end() :]
        lines[index] = line
    return published


def clean_text(text: str, *, title: str | None = None, find_title: bool = True) -> Cleaned:
    """Remove page boilerplate from one article's text and say what was removed and why.

    ``title`` is the article's known title: lines repeating it are removed. When it is None and
    ``find_title`` is true, the headline (the first short line before the story body) is taken
    out of the text and returned as ``Cleaned.title``. Story sentences are never removed by the
    header rules: a line of the body is only removed when a pattern names it boilerplate or it
    repeats another line.
    """
    rules = _rules()
    lines = text.split("\n")
    removed: list[Removal] = []
    published = _strip_fragments(lines, rules, removed)
    keep = [bool(line.strip()) for line in lines]

    def drop(index: int, reason: str) -> None:
        if keep[index]:
            keep[index] = False
            removed.append(Removal(index + 1, lines[index].strip(), reason))

    _drop_pattern_lines(lines, keep, rules, drop)
    body_start = next(
        (i for i, line in enumerate(lines) if keep[i] and is_body_line(line)), len(lines)
    )
    _drop_trailing_blocks(lines, keep, rules, drop, body_start)
    found_title = None
    if title is None and find_title:
        found_title = _find_title(lines, keep, body_start)
        if found_title is not None:
            keep[found_title] = False
            title_text = lines[found_title].strip()
        else:
            title_text = None
    else:
        title_text = title
    _drop_header_matter(lines, keep, drop, body_start, title_text)
    _drop_repeats(lines, keep, drop, title_text)
    _drop_subtitles(lines, keep, drop)
    _drop_trailing_headlines(lines, keep, drop, body_start)
    removed.sort(key=lambda r: r.line_no)
    body = "\n\n".join(lines[i].strip() for i in range(len(lines)) if keep[i])
    return Cleaned(body, title_text if found_title is not None else None, published, removed)


def _drop_pattern_lines(lines: list[str], keep: list[bool], rules: _Rules, drop: _Drop) -> None:
    """Lines that a pattern names boilerplate, and the bullet lines of promotional boxes."""
    index = 0
    while index < len(lines):
        line = lines[index].strip()
        if keep[index] and any(rule.matches(line) for rule in rules.box):
            reason = next(rule.reason for rule in rules.box if rule.matches(line))
            drop(index, reason)
            index += 1
            while index < len(lines) and (not lines[index].strip() or _BULLET.match(lines[index])):
                if lines[index].strip():
                    drop(index, reason)
                index += 1
            continue
        if keep[index]:
            reason = _line_reason(line, rules)
            if reason:
                drop(index, reason)
        index += 1


def _drop_trailing_blocks(
    lines: list[str], keep: list[bool], rules: _Rules, drop: _Drop, body_start: int
) -> None:
    """A related-stories or comments heading after the story removes everything after it."""
    for index in range(body_start + 1, len(lines)):
        line = lines[index].strip()
        rule = next((r for r in rules.block if r.pattern.fullmatch(line)), None)
        if rule is None:
            continue
        drop(index, f"{rule.reason} (heading)")
        for rest in range(index + 1, len(lines)):
            drop(rest, f"{rule.reason} (after '{line}')")
        return


def _find_title(lines: list[str], keep: list[bool], body_start: int) -> int | None:
    """Index of the headline: the first kept line of 3-30 words before the body that is not a
    sentence ending in a full stop nor a list of names."""
    for index in range(body_start):
        line = lines[index].strip()
        if not keep[index]:
            continue
        n = len(_words(line))
        if 3 <= n <= 30 and not line.endswith(".") and not _is_name_list(line):
            return index
    return None


def _drop_header_matter(
    lines: list[str], keep: list[bool], drop: _Drop, body_start: int, title: str | None
) -> None:
    """Before the body: short lines (outlet, section, byline) and name lists; near the top: a
    caption printed twice (two copies with only removed lines between them)."""
    kept_before = [i for i in range(body_start) if keep[i]]
    for index in kept_before:
        line = lines[index].strip()
        if len(_words(line)) < 4:
            drop(index, "header matter (outlet, section or byline)")
        elif _is_name_list(line):
            drop(index, "byline")
    header = [i for i in range(len(lines)) if keep[i]][:HEADER_LINES]
    for first, second in itertools.pairwise(header):
        if _key(lines[first]) == _key(lines[second]) and _key(lines[first]) != _key(title or ""):
            drop(first, "image caption (printed twice)")
            drop(second, "image caption (printed twice)")


def _drop_subtitles(lines: list[str], keep: list[bool], drop: _Drop) -> None:
    """Any of the first four kept lines whose words recur in one later, longer paragraph."""
    kept = [i for i in range(len(lines)) if keep[i]]
    for index in kept[:4]:
        _drop_if_subtitle(lines, keep, drop, index, kept)


def _drop_if_subtitle(
    lines: list[str], keep: list[bool], drop: _Drop, index: int, later: list[int]
) -> None:
    words = {w.lower() for w in _words(lines[index])}
    if len(words) < 6:
        return
    for other in later:
        if other <= index or not keep[other]:
            continue
        other_words = {w.lower() for w in _words(lines[other])}
        if len(other_words) > len(words) * 0.9 and len(words & other_words) >= (
            SUBTITLE_OVERLAP * len(words)
        ):
            drop(index, "subtitle repeated in the body")
            return


def _drop_repeats(lines: list[str], keep: list[bool], drop: _Drop, title: str | None) -> None:
    """Lines repeating the title, and later copies of any line already kept."""
    title_key = _key(title) if title else None
    seen: set[str] = set()
    for index, line in enumerate(lines):
        if not keep[index]:
            continue
        key = _key(line)
        if title_key and key == title_key:
            drop(index, "repeated title")
        elif key in seen and len(key.split()) >= 3:
            drop(index, "repeated line")
        else:
            seen.add(key)


def _drop_trailing_headlines(
    lines: list[str], keep: list[bool], drop: _Drop, body_start: int
) -> None:
    """Two or more headline-like lines at the very end are links to other stories."""
    tail = [i for i in range(len(lines)) if keep[i]]
    run: list[int] = []
    for index in reversed(tail):
        if index <= body_start or not _is_headline_like(lines[index].strip()):
            break
        run.append(index)
    if len(run) >= 2:
        for index in run:
            drop(index, "headlines of other stories at the end")
