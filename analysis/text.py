"""Sentences and quotation spans of cleaned article text, with character offsets.

Paragraphs are the lines of the cleaned text (:mod:`analysis.clean` separates them with a
blank line). Sentences are split with segtok, which ships its rules (no download). Offsets are
into ``articles.text``: ``text[start:end] == sentence`` (``end`` exclusive).

Quote spans cover straight and curly double quotes and curly single quotes, nested quotes,
quotes that run over several sentences, and the newspaper convention of a quotation that runs
over several paragraphs (each paragraph re-opens the quote, only the last one closes it).
"""

from __future__ import annotations

import bisect
import re
from functools import cache
from importlib import resources
from typing import NamedTuple

import pandas as pd
from segtok.segmenter import split_single

from analysis import schema as S

#: Share of a sentence's characters inside quotation marks for it to count as ``in_quote``.
IN_QUOTE_SHARE = 0.5

#: Longest run of non-space characters read as a word (or a URL). Longer runs are never
#: language; they are blanked out before sentence splitting and keyword extraction, whose
#: tokenisers (segtok, wordfreq) take time that grows with the square of a token's length.
MAX_TOKEN_CHARS = 200
_LONG_TOKEN = re.compile(rf"\S{{{MAX_TOKEN_CHARS + 1},}}")
#: Longest sentence (characters). A longer run of text without a sentence end (a list of
#: names, a table flattened into one line) is cut at spaces into pieces of at most this
#: length: sentence-level analysers then do bounded work per piece, whatever the input.
MAX_SENTENCE_CHARS = 2_000
_PARAGRAPH = re.compile(r"[^\n]+")
#: A title abbreviation, with or without initials after it, at the end of a piece segtok
#: split off ("“No,” Sen." + "John Smith said."; "said Rep. G.K." + "Butterfield (D-N.C.)"):
#: the name after it belongs to the same sentence.
_TITLE_END = re.compile(
    r"(?<![\w.])(?:Adm|Amb|Atty|Brig|Capt|Cmdr|Col|Cpl|Del|Det|Dr|Gen|Gov|Govs|Hon|Insp|Lt|Maj|"
    r"Mr|Mrs|Ms|Pres|Prof|Pvt|Rep|Reps|Rev|Sen|Sens|Sgt|Supt)\.(?:\s+(?:[A-Z]\.){1,3})?$"
)
#: A dateline at the start of a paragraph ("ISTANBUL, Turkey (AP) — "): a sentence of its
#: own, so that the place is not read as the subject of the sentence after it.
_DATELINE = re.compile(
    r"[A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+)*(?:, [A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*)*)?"
    r"(?: \([^()\n]{1,40}\))? *[—–-]+ +"
)
_OPEN_DOUBLE = ("“", "„", "«", "``")
_CLOSE_DOUBLE = ("”", "»")
#: Marks written like the straight double quote: it, and two apostrophes (the typewriter
#: convention of some wire and archive texts: ''Yes,'' she said).
_STRAIGHT = ('"', "''")
#: Every mark :func:`quote_spans` acts on (the rest of the text is skipped unread).
_QUOTE_MARK = re.compile("''|``|[“„«”»\"‘’]")


class Span(NamedTuple):
    """A stretch of a text, ``text[start:end]`` (end exclusive): a quotation (with its
    quotation marks), a sentence, a speech verb, the part of a sentence a speaker is looked
    for in."""

    start: int
    end: int


def headline_end(text: str, title: object) -> int:
    """Where the headline ends in ``text``: the length of ``title`` when the text begins
    with it (the corpus keeps an article's headline as its first paragraph, so that its
    sentences are analysed), else 0. ``text[headline_end(text, title):]`` is the body."""
    if not isinstance(title, str) or not title.strip():
        return 0
    headline = title.strip()
    return len(headline) if text.startswith(headline) else 0


def with_headline(body: str, title: str | None) -> str:
    """``body`` with the headline ``title`` as its first paragraph (unchanged when there is no
    title, no body, or the body already begins with it)."""
    headline = (title or "").strip()
    if not headline or not body or body.startswith(headline):
        return body
    return f"{headline}\n\n{body}"


def paragraphs(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` offsets of every non-blank line of ``text``, in order."""
    return [(m.start(), m.end()) for m in _PARAGRAPH.finditer(text) if m.group().strip()]


def _is_opening(text: str, index: int, size: int = 1) -> bool:
    """Whether the straight quote of ``size`` characters at ``index`` opens (at a word
    start) rather than closes."""
    before = text[index - 1] if index > 0 else " "
    after = text[index + size] if index + size < len(text) else " "
    if before.isspace() or before in "([{—–-:/":
        return not after.isspace()
    return False


def _misused_close(text: str, index: int) -> bool:
    """Whether the “ at ``index`` is used as a closing mark ('very well,“ Bessent said'):
    it follows a word or punctuation and is followed by a space or the end."""
    before = text[index - 1] if index > 0 else " "
    after = text[index + 1] if index + 1 < len(text) else " "
    return not before.isspace() and before not in "([{—–-:/" and after.isspace()


def _misused_open(text: str, index: int) -> bool:
    """Whether the ” at ``index`` is used as an opening mark: it opens its paragraph
    ('”Fear. I am truly afraid ...” ― Edwin G. Monroy'); a closing mark never does."""
    return text[index] == "”" and not text[text.rfind("\n", 0, index) + 1 : index].strip()


def _opens(text: str, index: int, mark: str) -> bool:
    """Whether the double quotation ``mark`` at ``index`` opens a quotation."""
    if mark in _STRAIGHT:
        return _is_opening(text, index, len(mark))
    if _misused_open(text, index):
        return True
    return mark in _OPEN_DOUBLE and not _misused_close(text, index)


def _closes(text: str, index: int, mark: str) -> bool:
    """Whether the double quotation ``mark`` at ``index`` closes an open quotation."""
    if mark in _STRAIGHT:
        return not _is_opening(text, index, len(mark))
    if _misused_open(text, index):
        return False
    return mark in _CLOSE_DOUBLE or (mark == "“" and _misused_close(text, index))


def quote_spans(text: str) -> list[Span]:
    """Top-level quotation spans of ``text``, in order (quotes nested inside are part of them).

    Curly quotes pair “ with ” (a “ inside an open quotation opens a nested one when two ”
    follow it in the paragraph); a ” that opens its paragraph opens a quotation; straight
    double quotes (and two apostrophes written for one,
    ``''``, opened by ``''`` or ````` ``) open at the start of a word and close at its end; curly
    single quotes ‘…’ count when ‘ opens a word and ’ is not an apostrophe (not followed by a
    letter). A quote left open at a paragraph end continues when the next
    paragraph opens a quote again (the newspaper convention) or ends without opening one;
    otherwise it closes at the paragraph end.
    """
    spans: list[Span] = []
    paras = paragraphs(text)
    open_at: int | None = None
    single_at: int | None = None
    nested = 0
    for number, (p_start, p_end) in enumerate(paras):
        for mark in _QUOTE_MARK.finditer(text, p_start, p_end):
            index, char = mark.start(), mark.group()
            if open_at is None:
                if _opens(text, index, char):
                    open_at = index
                    single_at = None
                elif char == "‘" and single_at is None and _is_opening(text, index):
                    single_at = index
                elif (
                    char == "’"
                    and single_at is not None
                    and not (index + 1 < len(text) and text[index + 1].isalpha())
                ):
                    spans.append(Span(single_at, index + 1))
                    single_at = None
            elif char == "“" and _opens(text, index, char) and text.count("”", index, p_end) > 1:
                nested += 1  # 'what he calls “hell” than ...”': closed twice in the paragraph
            elif _closes(text, index, char):
                if nested and char == "”":
                    nested -= 1
                    continue
                spans.append(Span(open_at, mark.end()))
                open_at = None
        nested = 0
        if open_at is not None and not _continues(text, paras, number, open_at):
            spans.append(Span(open_at, p_end))
            open_at = None
        single_at = None
    if open_at is not None:
        spans.append(Span(open_at, paras[-1][1]))
    return spans


def _continues(text: str, paras: list[tuple[int, int]], number: int, open_at: int) -> bool:
    """Whether a quote still open at the end of paragraph ``number`` runs into the next one."""
    if number + 1 >= len(paras):
        return False
    start, end = paras[number + 1]
    marks = list(_QUOTE_MARK.finditer(text, start, end))
    first = marks[0] if marks else None
    if (
        first is not None
        and first.start() == start
        and (first.group() in (*_OPEN_DOUBLE, *_STRAIGHT) or _misused_open(text, start))
    ):
        return True
    closes = [m.start() for m in marks if _closes(text, m.start(), m.group())]
    opens = [m.start() for m in marks if _opens(text, m.start(), m.group())]
    return bool(closes) and (not opens or closes[0] < opens[0])


def blank_long_tokens(text: str) -> str:
    """``text`` with every run of more than :data:`MAX_TOKEN_CHARS` non-space characters
    replaced by as many spaces (offsets are unchanged)."""
    return _LONG_TOKEN.sub(lambda match: " " * len(match.group()), text)


def split_sentences(text: str) -> list[tuple[int, int, int]]:
    """``(start, end, paragraph)`` of every sentence of ``text`` (paragraphs numbered from 0).

    A dateline that opens a paragraph ("KYIV, Ukraine (AP) — ") is a sentence of its own.
    A piece that segtok splits off but that starts with a lower-case letter (the attribution
    after a quote ending in "!" or "?") or follows a title abbreviation ("Sen.", "Rep.") is
    joined to the sentence before it. Runs of more
    than :data:`MAX_TOKEN_CHARS` non-space characters belong to no sentence; sentences
    longer than :data:`MAX_SENTENCE_CHARS` are cut into pieces.
    """
    text = blank_long_tokens(text)
    found: list[tuple[int, int, int]] = []
    for number, (p_start, p_end) in enumerate(paragraphs(text)):
        dateline = _DATELINE.match(text, p_start, p_end)
        if dateline is not None and dateline.end() < p_end:
            found.append((p_start, len(text[: dateline.end()].rstrip()), number))
            p_start = dateline.end()
        cursor = p_start
        for sentence in split_single(text[p_start:p_end]):
            sentence = sentence.strip()
            if not sentence:
                continue
            start = text.find(sentence, cursor, p_end)
            if start < 0:
                continue
            end = start + len(sentence)
            if (
                found
                and found[-1][2] == number
                and (sentence[0].islower() or _TITLE_END.search(text, found[-1][0], found[-1][1]))
            ):  # '"... Ukraine!" he declared' and '“No,” Sen. John Smith said' are one sentence
                start = found.pop()[0]
            found.extend((a, b, number) for a, b in _pieces(text, start, end))
            cursor = end
    return found


def _pieces(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """``(start, end)`` of the sentence ``text[start:end]``, cut at spaces into pieces of at
    most :data:`MAX_SENTENCE_CHARS` characters when it is longer (no piece starts or ends
    with white space; a piece without a space in it is cut where the limit falls)."""
    pieces = []
    while end - start > MAX_SENTENCE_CHARS:
        limit = start + MAX_SENTENCE_CHARS
        cut = text.rfind(" ", start + 1, limit)
        cut = limit if cut <= start else cut
        pieces.append((start, len(text[:cut].rstrip())))
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if start < end:
        pieces.append((start, end))
    return pieces


def _quoted_share(start: int, end: int, spans: list[Span], ends: list[int]) -> float:
    """Share of ``start``..``end`` inside the top-level quote ``spans`` (in order, so their
    ``ends`` are sorted too): only the spans that overlap are visited."""
    inside = 0
    for span in spans[bisect.bisect_right(ends, start) :]:
        if span.start >= end:
            break
        inside += min(end, span.end) - max(start, span.start)
    return inside / max(1, end - start)


def sentences(articles: pd.DataFrame) -> pd.DataFrame:
    """The sentences frame of ``articles`` (columns of :data:`analysis.schema.SENTENCE_COLUMNS`).

    ``sent_id`` counts from 0 within each article; ``paragraph`` from 0; ``in_quote`` is True
    when at least half of the sentence's characters lie inside a quotation.
    """
    rows = []
    for identifier, text in zip(articles[S.ARTICLE_ID], articles[S.TEXT], strict=True):
        spans = quote_spans(text)
        ends = [span.end for span in spans]
        for number, (start, end, paragraph) in enumerate(split_sentences(text)):
            rows.append(
                (
                    identifier,
                    number,
                    start,
                    end,
                    text[start:end],
                    paragraph,
                    _quoted_share(start, end, spans, ends) >= IN_QUOTE_SHARE,
                )
            )
    frame = pd.DataFrame(rows, columns=list(S.SENTENCE_COLUMNS))
    numbers = dict.fromkeys((S.SENT_ID, S.START, S.END, S.PARAGRAPH), "int64")
    return frame.astype(numbers | {S.IN_QUOTE: "bool"})


def quotes(articles: pd.DataFrame) -> pd.DataFrame:
    """Quotation spans of every article (columns of ``QUOTE_SPAN_COLUMNS``; offsets into
    ``text``, quotation marks included; ``paragraph`` is where the quote opens)."""
    rows = []
    for identifier, text in zip(articles[S.ARTICLE_ID], articles[S.TEXT], strict=True):
        paras = paragraphs(text)
        for span in quote_spans(text):
            paragraph = next(i for i, (s, e) in enumerate(paras) if s <= span.start < e)
            rows.append((identifier, span.start, span.end, paragraph))
    return pd.DataFrame(rows, columns=list(S.QUOTE_SPAN_COLUMNS)).astype(
        {S.START: "int64", S.END: "int64", S.PARAGRAPH: "int64"}
    )


def snippet(text: str, start: int, end: int, width: int = 80) -> str:
    """``text[start:end]`` with up to ``width`` characters either side, whitespace made
    single, an ellipsis where the text was cut."""
    left = max(0, start - width)
    right = min(len(text), end + width)
    return (
        ("…" if left else "")
        + " ".join(text[left:right].split())
        + ("…" if right < len(text) else "")
    )


@cache
def stopwords() -> frozenset[str]:
    """English stopwords: YAKE's own list (shipped in the yake package), lower-case."""
    text = (
        resources.files("yake")
        .joinpath("core/StopwordsList/stopwords_en.txt")
        .read_text(encoding="utf-8", errors="ignore")
    )
    return frozenset(word.strip().lower() for word in text.split() if word.strip())
