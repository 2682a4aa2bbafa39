"""Workspace files: what goes in comes back out; a broken file is refused with its reason."""

from __future__ import annotations

import json

import pytest

from analysis.actors import default_registry_text
from analysis.workspace import Workspace, WorkspaceError, read_workspace, workspace_json

STORY = "Russian President Vladimir Putin proposed direct talks with Ukraine in Istanbul."


def _workspace() -> Workspace:
    registry = default_registry_text() + '\n[[actor]]\nname = "Maria Zakharova"\nkind = "person"\n'
    return Workspace(
        uploads=(("talks.txt", STORY.encode("utf-8")), ("raw.bin", bytes(range(256)))),
        pasted=(("pasted text 1", STORY, "Agency", "Talks", "2025-05-12"),),
        urls=("https://example.org/a",),
        include_seeds=False,
        clean=False,
        coref=False,
        sentiment="classifier",
        edits={"abc123": {"outlet": "Reuters", "published": None}},
        files={"registry": registry},
        view={"actors.outlets": ["Reuters"], "actors.min_mentions": 2},
    )


def test_a_workspace_round_trips_through_its_file() -> None:
    workspace = _workspace()
    data = workspace_json(workspace)
    assert json.loads(data)["kind"] == "presslens-workspace"
    assert read_workspace(data) == workspace


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"\xff\xfe not text", "not a JSON file"),
        (b"{not json", "not a JSON file"),
        (b'{"kind": "something else"}', "not a presslens workspace file"),
        (b'{"kind": "presslens-workspace", "version": 9}', "version 9"),
        (
            b'{"kind": "presslens-workspace", "version": 1, '
            b'"uploads": [{"name": "a.txt", "base64": "***"}]}',
            "the content of a.txt is damaged",
        ),
        (
            b'{"kind": "presslens-workspace", "version": 1, "files": {"registry": "[[actor]]"}}',
            "its actor registry cannot be used",
        ),
        (
            b'{"kind": "presslens-workspace", "version": 1, "files": {"passwords": ""}}',
            "unknown data file 'passwords'",
        ),
        (b'{"kind": "presslens-workspace", "version": 1, "pasted": [{}]}', "no text"),
        (b'{"kind": "presslens-workspace", "version": 1, "urls": "x"}', "should be a list"),
        (
            b'{"kind": "presslens-workspace", "version": 1, "include_seeds": "false"}',
            "'include_seeds' should be true or false",
        ),
        (b'{"kind": "presslens-workspace", "version": 1, "clean": 0}', "'clean' should be true"),
        (b'{"kind": "presslens-workspace", "version": 1, "coref": null}', "'coref' should be"),
        (
            b'{"kind": "presslens-workspace", "version": 1, "sentiment": "vibes"}',
            "'sentiment' should be one of transformer, classifier",
        ),
        (
            b'{"kind": "presslens-workspace", "version": 1, "edits": {"abc": {"text": "x"}}}',
            "the column 'text' cannot be edited",
        ),
        (
            b'{"kind": "presslens-workspace", "version": 1, "edits": {"abc": {"title": 5}}}',
            "an edited title should be text",
        ),
        (
            b'{"kind": "presslens-workspace", "version": 1, "view": {"actors.outlets": {"a": 1}}}',
            "has a wrong kind of value",
        ),
        (b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
        (b" " * (33 * 1024 * 1024), "a workspace file may be at most 34 MB"),
    ],
)
def test_a_broken_workspace_is_refused_with_its_reason(data: bytes, reason: str) -> None:
    with pytest.raises(WorkspaceError, match=reason):
        read_workspace(data)


def test_only_web_urls_are_kept() -> None:
    document = {
        "kind": "presslens-workspace",
        "version": 1,
        "urls": ["https://example.org/a", "file:///etc/passwd", "javascript:alert(1)"],
    }
    assert read_workspace(json.dumps(document).encode()).urls == ("https://example.org/a",)


def test_a_workspace_fetches_no_more_urls_than_a_link() -> None:
    urls = [f"https://example.org/{n}" for n in range(1_000_000)]
    document = {"kind": "presslens-workspace", "version": 1, "urls": urls}
    with pytest.raises(
        WorkspaceError, match="it lists 1,000,000 URLs; a session fetches at most 25"
    ):
        read_workspace(json.dumps(document).encode())
    document["urls"] = urls[:25]
    assert len(read_workspace(json.dumps(document).encode()).urls) == 25


def test_a_workspace_holds_no_more_pasted_articles_than_a_session() -> None:
    pasted = [{"text": "x"}] * 200_001
    document = {"kind": "presslens-workspace", "version": 1, "pasted": pasted}
    with pytest.raises(WorkspaceError, match="it holds 200,001 pasted articles"):
        read_workspace(json.dumps(document).encode())
