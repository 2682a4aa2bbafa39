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
