"""Workspace files: a user's corpus, settings and view in one JSON file a colleague can open.

A link carries a view of public articles only; a workspace file also carries uploaded files
(base64) and pasted text, the user's edits to outlets, titles and dates, the edited data files
(actor registry, stance topics, spelling variants, contested terms) and the selections of every
page. It is made on the user's request and stays on the user's machine: the server keeps
nothing of it beyond the session that opens it.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from analysis.actors import RegistryError, parse_registry
from analysis.framing import TERMS_FORMAT
from analysis.lexicon import USER, GroupError, parse_groups
from analysis.spelling import FORMAT as SPELLINGS_FORMAT
from analysis.stance import TopicError, parse_topics

KIND = "presslens-workspace"
VERSION = 1
#: The data files a workspace may carry, with what they are called and how they are checked.
DATA_FILES: dict[str, tuple[str, Callable[[str], object], type[Exception]]] = {
    "registry": ("actor registry", parse_registry, RegistryError),
    "topics": ("stance topics", parse_topics, TopicError),
    "spellings": (
        "spelling variants",
        lambda text: parse_groups(text, SPELLINGS_FORMAT, source=USER),
        GroupError,
    ),
    "terms": (
        "contested terms",
        lambda text: parse_groups(text, TERMS_FORMAT, source=USER),
        GroupError,
    ),
}
PASTED_FIELDS = ("source", "text", "outlet", "title", "published")


class WorkspaceError(ValueError):
    """A file is no usable workspace; the message says why in words a user understands."""


@dataclass(frozen=True)
class Workspace:
    """What a workspace file holds.

    ``uploads``: (file name, bytes) of uploaded files; ``pasted``: (source, text, outlet,
    title, published) of pasted articles; ``urls``: article URLs; ``include_seeds``,
    ``clean``, ``coref``: the corpus switches; ``edits``: ``{article_id: {column: value}}``;
    ``files``: data-file name (see :data:`DATA_FILES`) -> TOML text, only those the user
    changed; ``view``: page selections by session-state key (lists of text, text, int, bool).
    """

    uploads: tuple[tuple[str, bytes], ...] = ()
    pasted: tuple[tuple[str, str, str, str, str], ...] = ()
    urls: tuple[str, ...] = ()
    include_seeds: bool = True
    clean: bool = True
    coref: bool = True
    edits: dict[str, dict[str, str | None]] = field(default_factory=dict)
    files: dict[str, str] = field(default_factory=dict)
    view: dict[str, Any] = field(default_factory=dict)


def workspace_json(workspace: Workspace) -> bytes:
    """``workspace`` as the UTF-8 JSON of a workspace file (uploads base64-encoded)."""
    document = {
        "kind": KIND,
        "version": VERSION,
        "uploads": [
            {"name": name, "base64": base64.b64encode(content).decode("ascii")}
            for name, content in workspace.uploads
        ],
        "pasted": [dict(zip(PASTED_FIELDS, row, strict=True)) for row in workspace.pasted],
        "urls": list(workspace.urls),
        "include_seeds": workspace.include_seeds,
        "clean": workspace.clean,
        "coref": workspace.coref,
        "edits": workspace.edits,
        "files": workspace.files,
        "view": workspace.view,
    }
    return json.dumps(document, ensure_ascii=False, indent=1).encode("utf-8")


def _list(document: Mapping[str, Any], key: str) -> list[Any]:
    value = document.get(key, [])
    if not isinstance(value, list):
        raise WorkspaceError(f"'{key}' should be a list")
    return value


def _uploads(document: Mapping[str, Any]) -> tuple[tuple[str, bytes], ...]:
    uploads = []
    for item in _list(document, "uploads"):
        if not isinstance(item, dict) or not isinstance(item.get("name"), str):
            raise WorkspaceError("an uploaded file has no name")
        try:
            content = base64.b64decode(str(item.get("base64", "")), validate=True)
        except (binascii.Error, ValueError):
            raise WorkspaceError(f"the content of {item['name']} is damaged") from None
        uploads.append((item["name"], content))
    return tuple(uploads)


def _pasted(document: Mapping[str, Any]) -> tuple[tuple[str, str, str, str, str], ...]:
    pasted = []
    for item in _list(document, "pasted"):
        if not isinstance(item, dict) or not isinstance(item.get("text"), str):
            raise WorkspaceError("a pasted article has no text")
        row = tuple("" if item.get(f) is None else str(item.get(f)) for f in PASTED_FIELDS)
        pasted.append(row)
    return tuple(pasted)  # type: ignore[arg-type]


def read_edits(edits: object) -> dict[str, dict[str, str | None]]:
    """User edits ``{article_id: {column: value}}`` from JSON data (a workspace file, a
    link), values as text or None; raises :class:`WorkspaceError` when it has another
    shape."""
    if not isinstance(edits, dict) or not all(isinstance(v, dict) for v in edits.values()):
        raise WorkspaceError("'edits' should map article ids to the edited columns")
    return {
        str(article): {str(c): None if v is None else str(v) for c, v in changes.items()}
        for article, changes in edits.items()
    }


def _files(document: Mapping[str, Any]) -> dict[str, str]:
    files = document.get("files", {})
    if not isinstance(files, dict):
        raise WorkspaceError("'files' should map data-file names to their text")
    checked = {}
    for name, text in files.items():
        if name not in DATA_FILES:
            raise WorkspaceError(f"unknown data file '{name}'")
        what, parse, error_type = DATA_FILES[name]
        try:
            parse(str(text))
        except error_type as error:
            raise WorkspaceError(f"its {what} cannot be used: {error}") from None
        checked[name] = str(text)
    return checked


def read_workspace(data: bytes) -> Workspace:
    """The workspace in ``data`` (the bytes of a workspace file); raises
    :class:`WorkspaceError` naming what is wrong (not JSON, not a workspace, a newer version,
    a damaged upload, a data file that does not parse)."""
    try:
        document = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise WorkspaceError("it is not a JSON file") from None
    if not isinstance(document, dict) or document.get("kind") != KIND:
        raise WorkspaceError("it is JSON but not a presslens workspace file")
    if document.get("version") != VERSION:
        raise WorkspaceError(
            f"it has version {document.get('version')!r}; this presslens reads version {VERSION}"
        )
    view = document.get("view", {})
    if not isinstance(view, dict):
        raise WorkspaceError("'view' should map page settings to their values")
    urls = [str(url) for url in _list(document, "urls")]
    return Workspace(
        uploads=_uploads(document),
        pasted=_pasted(document),
        urls=tuple(url for url in urls if url.startswith(("http://", "https://"))),
        include_seeds=bool(document.get("include_seeds", True)),
        clean=bool(document.get("clean", True)),
        coref=bool(document.get("coref", True)),
        edits=read_edits(document.get("edits", {})),
        files=_files(document),
        view=view,
    )
