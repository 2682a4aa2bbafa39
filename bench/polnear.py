"""Read PolNeAR (Newell, Margolin & Ruths, LREC 2018): attribution relations in brat standoff.

A split folder (``../shared/bench/polnear/<split>/``) holds ``text/<name>.txt`` (the article,
first line the headline) and ``attributions/<name>_<annotator>.ann``. In an ``.ann`` file:

- ``T1<TAB>Source 89 106<TAB>The New York Post``: a text-bound span of type Source, Cue,
  Content or Attribution (the relation's anchor) with character offsets (``start`` inclusive,
  ``end`` exclusive) into the article text as read from the file; a discontinuous span lists
  its pieces ``a b;c d`` and its text is the pieces joined by one space;
- ``E1<TAB>Attribution:T4 Content:T3 Cue:T2 Source:T1``: one attribution, its first
  argument the anchor (``Attribution`` or ``Attribution-no-source``), then its roles. A role
  may repeat with a number (``Content2``): its spans join those of the role.

When several annotators annotated an article, :func:`read_split` takes the annotator whose id
sorts first (always the same file).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import NamedTuple

#: One piece of a span: (start, end), ``end`` exclusive.
Piece = tuple[int, int]

SOURCE, CUE, CONTENT = "Source", "Cue", "Content"
#: Marks that open a direct quote (the README: "content opening with a quotation mark").
QUOTE_MARKS = "\"“”„«‘'"


class Span(NamedTuple):
    """A text-bound annotation: its type, its pieces in text order and its text."""

    kind: str
    pieces: tuple[Piece, ...]
    text: str

    @property
    def start(self) -> int:
        return self.pieces[0][0]

    @property
    def end(self) -> int:
        return self.pieces[-1][1]


class Attribution(NamedTuple):
    """One attribution relation: content (always), cue and source (None when not annotated:
    ``Attribution-no-source`` relations have no source)."""

    relation: str
    content: Span
    cue: Span | None
    source: Span | None

    @property
    def direct(self) -> bool:
        """A direct quote: the content opens with a quotation mark (:data:`QUOTE_MARKS`)."""
        return self.content.text.lstrip()[:1] in tuple(QUOTE_MARKS)


class Article(NamedTuple):
    """One annotated article: its file name without ``.txt``, its text as in the file, the
    annotator whose attributions these are, and the attributions in content order."""

    name: str
    text: str
    annotator: str
    attributions: tuple[Attribution, ...]


def _span(kind: str, offsets: str, text: str) -> Span:
    pieces = tuple(
        (int(start), int(end)) for start, end in (piece.split() for piece in offsets.split(";"))
    )
    return Span(kind, pieces, text)


def _joined(spans: list[Span]) -> Span:
    """One span of several (a repeated role): pieces sorted, texts joined by a space."""
    if len(spans) == 1:
        return spans[0]
    ordered = sorted(spans, key=lambda span: span.start)
    pieces = tuple(sorted(piece for span in ordered for piece in span.pieces))
    return Span(ordered[0].kind, pieces, " ".join(span.text for span in ordered))


def parse_ann(ann: str) -> list[Attribution]:
    """The attributions of one ``.ann`` file's text, in the order of their content spans.

    Lines other than ``T`` and ``E`` lines are ignored; a relation without a content span is
    left out (it has nothing to find)."""
    spans: dict[str, Span] = {}
    relations: list[list[tuple[str, str]]] = []
    for line in ann.splitlines():
        fields = line.split("\t")
        if line.startswith("T") and len(fields) >= 2:
            kind, offsets = fields[1].split(" ", 1)
            spans[fields[0]] = _span(kind, offsets, fields[2] if len(fields) > 2 else "")
        elif line.startswith("E") and len(fields) >= 2:
            relations.append([tuple(arg.split(":", 1)) for arg in fields[1].split()])
    found = []
    for arguments in relations:
        relation = arguments[0][0]
        roles: dict[str, list[Span]] = {}
        for role, tid in arguments[1:]:
            if tid in spans:
                roles.setdefault(re.sub(r"\d+$", "", role), []).append(spans[tid])
        if CONTENT not in roles:
            continue
        cue, source = roles.get(CUE), roles.get(SOURCE)
        found.append(
            Attribution(
                relation,
                _joined(roles[CONTENT]),
                _joined(cue) if cue else None,
                _joined(source) if source else None,
            )
        )
    return sorted(found, key=lambda a: (a.content.start, a.content.end))


def read_split(folder: Path) -> list[Article]:
    """Every annotated article of a split folder, by file name; one annotator each (the id
    that sorts first). Texts are read as in the file (no newline translation), so the
    ``.ann`` offsets index them."""
    chosen: dict[str, Path] = {}
    for ann in sorted((folder / "attributions").glob("*.ann")):
        name = ann.stem.rsplit("_", 1)[0]
        chosen.setdefault(name, ann)
    articles = []
    for name, ann in sorted(chosen.items()):
        text_file = folder / "text" / f"{name}.txt"
        if not text_file.is_file():
            continue
        with text_file.open(encoding="utf-8", newline="") as handle:
            text = handle.read()
        articles.append(
            Article(
                name,
                text,
                ann.stem.rsplit("_", 1)[1],
                tuple(parse_ann(ann.read_text(encoding="utf-8"))),
            )
        )
    return articles
