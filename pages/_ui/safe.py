"""Make article text safe to show in Streamlit's markdown-rendering elements."""

from __future__ import annotations

import re

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
