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
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from analysis.budget import SESSION_ARTICLES
from analysis.corpus import EDITABLE_COLUMNS
from analysis.datafile import DataFileError
from analysis.ingest import MAX_URLS
from analysis.sentiment import METHODS, TRANSFORMER
from analysis.settings import DATA_FILES

KIND = "presslens-workspace"
VERSION = 1
PASTED_FIELDS = ("source", "text", "outlet", "title", "published")
#: Largest workspace file read (bytes): uploads travel inside it, base64-encoded.
MAX_WORKSPACE_BYTES = 32 * 1024 * 1024
#: Most articles a workspace file or a link may edit, and the longest edited value.
MAX_EDITS = 100_000
MAX_EDIT_CHARS = 1_000


class WorkspaceError(ValueError):
    """A file is no usable workspace; the message says why in words a user understands."""


@dataclass(frozen=True)
class Workspace:
    """What a workspace file holds.

    ``uploads``: (file name, bytes) of uploaded files; ``pasted``: (source, text, outlet,
    title, published) of pasted articles; ``urls``: article URLs; ``include_seeds``,
    ``clean``, ``coref``: the corpus switches; ``sentiment``: the sentiment method (one of
    :data:`analysis.sentiment.METHODS`); ``edits``: ``{article_id: {column: value}}``;
    ``files``: data-file name (see :data:`analysis.settings.DATA_FILES`) -> TOML text, only
    those the user changed; ``view``: page selections by session-state key (lists of text,
    text, int, bool).
    """

    uploads: tuple[tuple[str, bytes], ...] = ()
    pasted: tuple[tuple[str, str, str, str, str], ...] = ()
    urls: tuple[str, ...] = ()
    include_seeds: bool = True
    clean: bool = True
    coref: bool = True
    sentiment: str = TRANSFORMER
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
        "sentiment": workspace.sentiment,
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
    items = _list(document, "pasted")
    if len(items) > SESSION_ARTICLES:
        raise WorkspaceError(
            f"it holds {len(items):,} pasted articles; a session holds at most "
            f"{SESSION_ARTICLES:,} articles"
        )
    pasted = []
    for item in items:
        if not isinstance(item, dict) or not isinstance(item.get("text"), str):
            raise WorkspaceError("a pasted article has no text")
        row = tuple("" if item.get(f) is None else str(item.get(f)) for f in PASTED_FIELDS)
        pasted.append(row)
    return tuple(pasted)  # type: ignore[arg-type]


def read_edits(edits: object) -> dict[str, dict[str, str | None]]:
    """User edits ``{article_id: {column: value}}`` from JSON data (a workspace file, a
    link): only the columns of :data:`analysis.corpus.EDITABLE_COLUMNS`, values as text (at
    most :data:`MAX_EDIT_CHARS` characters) or None, at most :data:`MAX_EDITS` articles;
    raises :class:`WorkspaceError` naming what is wrong otherwise."""
    if not isinstance(edits, dict) or not all(isinstance(v, dict) for v in edits.values()):
        raise WorkspaceError("'edits' should map article ids to the edited columns")
    if len(edits) > MAX_EDITS:
        raise WorkspaceError(f"it edits more than {MAX_EDITS:,} articles")
    checked: dict[str, dict[str, str | None]] = {}
    for article, changes in edits.items():
        for column, value in changes.items():
            if column not in EDITABLE_COLUMNS:
                raise WorkspaceError(
                    f"the column {str(column)[:40]!r} cannot be edited (only "
                    + ", ".join(EDITABLE_COLUMNS)
                    + ")"
                )
            if value is not None and (not isinstance(value, str) or len(value) > MAX_EDIT_CHARS):
                raise WorkspaceError(
                    f"an edited {column} should be text of at most {MAX_EDIT_CHARS} characters"
                )
        checked[str(article)] = dict(changes)
    return checked


def parse_json(data: bytes | str) -> Any:
    """JSON from a workspace file or a link; raises :class:`WorkspaceError` for anything
    that is not JSON, including nesting too deep to read."""
    try:
        return json.loads(data)
    except (UnicodeDecodeError, ValueError):
        raise WorkspaceError("it is not a JSON file") from None
    except RecursionError:
        raise WorkspaceError("its JSON is nested too deeply") from None


def _flag(document: Mapping[str, Any], key: str) -> bool:
    value = document.get(key, True)
    if not isinstance(value, bool):
        raise WorkspaceError(f"'{key}' should be true or false, not {json.dumps(value)[:20]}")
    return value


def _method(document: Mapping[str, Any]) -> str:
    value = document.get("sentiment", TRANSFORMER)
    if value not in METHODS:
        raise WorkspaceError(
            f"'sentiment' should be one of {', '.join(METHODS)}, not {json.dumps(value)[:20]}"
        )
    return value


def _view(document: Mapping[str, Any]) -> dict[str, Any]:
    view = document.get("view", {})
    if not isinstance(view, dict):
        raise WorkspaceError("'view' should map page settings to their values")
    for key, value in view.items():
        plain = isinstance(value, str | int | float | bool) or value is None
        listed = isinstance(value, list) and all(isinstance(v, str) for v in value)
        if not (plain or listed):
            raise WorkspaceError(f"the page setting {str(key)[:40]!r} has a wrong kind of value")
    return view


def _files(document: Mapping[str, Any]) -> dict[str, str]:
    files = document.get("files", {})
    if not isinstance(files, dict):
        raise WorkspaceError("'files' should map data-file names to their text")
    checked = {}
    kinds = DATA_FILES
    for name, text in files.items():
        if name not in kinds:
            raise WorkspaceError(f"unknown data file '{str(name)[:40]}'")
        if not isinstance(text, str):
            raise WorkspaceError(f"its {kinds[name].what} should be TOML text")
        try:
            kinds[name].parse(text)
        except DataFileError as error:
            raise WorkspaceError(f"its {kinds[name].what} cannot be used: {error}") from None
        checked[name] = text
    return checked


def read_workspace(data: bytes) -> Workspace:
    """The workspace in ``data`` (the bytes of a workspace file); raises
    :class:`WorkspaceError` naming what is wrong (not JSON, not a workspace, a newer version,
    a damaged upload, a data file that does not parse)."""
    if len(data) > MAX_WORKSPACE_BYTES:
        raise WorkspaceError(
            f"it is {len(data) / 1e6:.0f} MB; a workspace file may be at most "
            f"{MAX_WORKSPACE_BYTES / 1e6:.0f} MB (analyse larger corpora with the command line)"
        )
    document = parse_json(data)
    if not isinstance(document, dict) or document.get("kind") != KIND:
        raise WorkspaceError("it is JSON but not a presslens workspace file")
    if document.get("version") != VERSION:
        raise WorkspaceError(
            f"it has version {document.get('version')!r}; this presslens reads version {VERSION}"
        )
    urls = _list(document, "urls")
    if len(urls) > MAX_URLS:
        raise WorkspaceError(
            f"it lists {len(urls):,} URLs; a session fetches at most {MAX_URLS} (analyse more "
            "pages with the command line)"
        )
    return Workspace(
        uploads=_uploads(document),
        pasted=_pasted(document),
        urls=tuple(str(url) for url in urls if str(url).startswith(("http://", "https://"))),
        include_seeds=_flag(document, "include_seeds"),
        clean=_flag(document, "clean"),
        coref=_flag(document, "coref"),
        sentiment=_method(document),
        edits=read_edits(document.get("edits", {})),
        files=_files(document),
        view=_view(document),
    )
