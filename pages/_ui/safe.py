"""Make article text safe to show in Streamlit's markdown-rendering elements."""

from __future__ import annotations

import html
import re
from collections.abc import Mapping, Sequence

import pandas as pd

from analysis import schema as S
from analysis.marks import ACTOR, KEYWORD, QUOTE, SPELLING, TERM, Segment

_MARKDOWN = re.compile(r"([\\`*_{}\[\]()#+\-.!|>~<$&:])")


def md(text: object) -> str:
    """``text`` with every markdown and HTML special character escaped, so that an article's
    title or outlet renders as the literal characters it contains (no links, no markup)."""
    return _MARKDOWN.sub(r"\\\1", str(text)).replace("\n", " ")


def highlight(text: str, start: int, end: int) -> str:
    """``text`` escaped with ``md``, ``text[start:end]`` shown bold on an orange background
    (Streamlit's markdown directive, so no HTML is rendered)."""
    return f"{md(text[:start])}:orange-background[**{md(text[start:end])}**]{md(text[end:])}"


def in_context(text: str, start: int, end: int, width: int = 100) -> str:
    """:func:`highlight` of ``text[start:end]`` with up to ``width`` characters either side,
    whitespace made single and an ellipsis where the text was cut."""
    left = max(0, start - width)
    right = min(len(text), end + width)
    before = " ".join(text[left:start].split())
    middle = " ".join(text[start:end].split())
    after = " ".join(text[end:right].split())
    window = f"{before} {middle} {after}".strip() if before else f"{middle} {after}".strip()
    offset = len(before) + 1 if before else 0
    return (
        ("… " if left else "")
        + highlight(window, offset, offset + len(middle))
        + (" …" if right < len(text) else "")
    )


#: How each kind of mark looks (outermost first; an actor's colour is added to its style).
MARK_STYLES: dict[str, str] = {
    QUOTE: "background:#EEF2F5;font-style:italic;",
    KEYWORD: "text-decoration:underline 2px #009E73;text-underline-offset:3px;",
    TERM: "background:#F0E44288;font-weight:600;",
    SPELLING: "border-bottom:2px dotted #CC79A7;",
    ACTOR: "border-radius:3px;padding:0 1px;",
}


def marked_html(
    text: str,
    pieces: Sequence[Segment],
    marks: pd.DataFrame,
    *,
    actor_colours: Mapping[str, str],
    headline: int = 0,
) -> str:
    """``text`` as HTML with its marks: every piece of text escaped (``html.escape``, quotes
    included), wrapped in one span per kind of mark covering it, whose tooltip (``title``)
    lists the marks' details; the first ``headline`` characters (the headline paragraph)
    set large and bold. Nothing of the article is rendered as HTML or markdown."""
    kinds = marks[S.KIND].tolist()
    labels = marks[S.LABEL].tolist()
    details = marks[S.DETAIL].tolist()
    parts = []
    split = [
        part
        for piece in pieces
        for part in (
            [Segment(piece.start, headline, piece.marks), Segment(headline, piece.end, piece.marks)]
            if piece.start < headline < piece.end
            else [piece]
        )
    ]
    for piece in split:
        inner = html.escape(text[piece.start : piece.end])
        for kind in MARK_STYLES:
            covering = [i for i in piece.marks if kinds[i] == kind]
            if not covering:
                continue
            style = MARK_STYLES[kind]
            if kind == ACTOR:
                colour = actor_colours.get(labels[covering[0]], "#999999")
                style += f"background:{colour}40;box-shadow:inset 0 -2px {colour};"
            tip = html.escape(" · ".join(dict.fromkeys(details[i] for i in covering)))
            inner = f'<span class="mark-{kind}" style="{style}" title="{tip}">{inner}</span>'
        if piece.end <= headline:
            inner = f'<strong style="font-size:1.5em;line-height:1.3;">{inner}</strong>'
        parts.append(inner)
    body = "".join(parts)
    return f'<div style="white-space:pre-wrap;line-height:1.7;font-size:16px;">{body}</div>'
