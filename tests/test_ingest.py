"""analysis.ingest: files, folders and uploads of every kind, each within the reading budget,
and corpus files read a chunk at a time."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from analysis import ingest
from analysis.corpus_files import HEAD_BYTES
from analysis.ingest import Document, read_bytes, read_paths, read_table, read_uploads
from analysis.records import UNEXPECTED
from tests.conftest import SEEDS
from tests.test_documents import STORY

# ----------------------------------------------------------------------------- files


def test_seed_folder_reads_three_documents_with_manifest_metadata() -> None:
    result = read_paths([SEEDS])
    assert result.rejected == []
    assert len(result.documents) == 3
    by_outlet = {d.outlet: d for d in result.documents}
    assert set(by_outlet) == {
        "World Bulletin (Anadolu Agency copy)",
        "The Daily Intake",
        "News Guru",
    }
    guru = by_outlet["News Guru"]
    assert guru.published == "2025-05-12"
    assert guru.domain == "newsguru.pk"
    assert guru.url.startswith("https://newsguru.pk/")


def test_one_path_alone_reads_as_a_list_of_it() -> None:
    as_list = read_paths([SEEDS])
    for alone in (SEEDS, str(SEEDS)):
        assert read_paths(alone).documents == as_list.documents


def test_single_file_uses_the_manifest_beside_it() -> None:
    result = read_paths([next(SEEDS.glob("001_*.txt"))])
    assert [d.outlet for d in result.documents] == ["The Daily Intake"]


def test_missing_path_and_unsupported_type_are_rejected(tmp_path: Path) -> None:
    (tmp_path / "slides.pptx").write_bytes(b"PK\x03\x04 not really")
    result = read_paths([tmp_path / "nope", tmp_path])
    reasons = {r.source.rsplit("/", 1)[-1]: r.reason for r in result.rejected}
    assert reasons["nope"] == "No such file or folder."
    assert "not supported" in reasons["slides.pptx"]


def test_uploads_with_a_manifest_take_its_metadata() -> None:
    manifest = b"file,outlet,url,published\na.txt,Reuters,https://reuters.com/x,2025-05-11\n"
    result = read_uploads([("manifest.csv", manifest), ("a.txt", STORY.encode())])
    assert result.rejected == []
    [doc] = result.documents
    assert (doc.outlet, doc.domain, doc.published) == ("Reuters", "reuters.com", "2025-05-11")


def test_binary_data_is_rejected() -> None:
    result = read_bytes("photo.txt", bytes(range(256)) * 40)
    assert not result.documents
    assert "binary" in result.rejected[0].reason


def test_too_large_text_is_rejected(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_text(("word " * 200 + "\n") * 1200)
    result = read_paths([big])
    assert "too large for one article" in result.rejected[0].reason


def test_an_unexpected_failure_rejects_one_input_only(monkeypatch: pytest.MonkeyPatch) -> None:
    real = ingest.decode_bytes

    def decode(data: bytes) -> object:
        if b"BOOM" in data:
            raise RecursionError("maximum recursion depth exceeded")
        return real(data)

    monkeypatch.setattr(ingest, "decode_bytes", decode)
    result = read_uploads([("bad.txt", b"BOOM " + STORY.encode()), ("story.txt", STORY.encode())])
    assert [d.source for d in result.documents] == ["story.txt"]
    [rejection] = result.rejected
    assert rejection.source == "bad.txt" and rejection.reason == UNEXPECTED
    assert rejection.detail.startswith("RecursionError")


# ----------------------------------------------------------------------- corpus files in chunks


def _corpus_frame(corpus_dev: Path) -> pd.DataFrame:
    """corpus-dev's articles as the rows of a corpus export (text, outlet, url, published)."""
    manifest = pd.read_csv(corpus_dev / "manifest.csv", dtype=str, keep_default_na=False)
    texts = [(corpus_dev / name).read_text(encoding="utf-8") for name in manifest["file"]]
    return pd.DataFrame(
        {
            "text": texts,
            "outlet": manifest["outlet"],
            "url": manifest["url"],
            "published": manifest["published"],
        }
    )


def _whole_and_chunked(
    name: str, path: Path, monkeypatch: pytest.MonkeyPatch
) -> tuple[ingest.IngestResult, list[ingest.Chunk]]:
    """The file at ``path`` read whole (its bytes, as an upload) and read in chunks of 7 rows
    (every file streams)."""
    whole = read_table(name, path.read_bytes())
    monkeypatch.setattr(ingest, "STREAM_BYTES", 0)
    return whole, list(ingest.read_chunks([path], chunk_rows=7))


def _sources_and_texts(documents: list[Document]) -> list[tuple[str, str, str | None]]:
    return [(Path(d.source).name, d.text, d.outlet) for d in documents]


@pytest.mark.parametrize("suffix", [".csv", ".jsonl", ".parquet"])
def test_a_large_corpus_file_is_read_in_chunks_with_the_documents_of_a_whole_read(
    corpus_dev: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, suffix: str
) -> None:
    frame = _corpus_frame(corpus_dev)
    path = tmp_path / f"export{suffix}"
    if suffix == ".csv":
        frame.to_csv(path, index=False)
    elif suffix == ".jsonl":
        frame.to_json(path, orient="records", lines=True, force_ascii=False)
    else:
        frame.to_parquet(path, index=False)
    whole, chunks = _whole_and_chunked(path.name, path, monkeypatch)
    assert len(chunks) == -(-len(frame) // 7)
    streamed = [doc for chunk in chunks for doc in chunk.result.documents]
    assert _sources_and_texts(streamed) == _sources_and_texts(whole.documents)
    assert len(streamed) == len(frame)
    assert streamed[-1].source.endswith(f" {len(frame)}")
    done = [chunk.done for chunk in chunks]
    assert done == sorted(done) and done[-1] == chunks[-1].total == path.stat().st_size


def test_a_malformed_row_ends_a_streamed_csv_with_a_reason_and_keeps_the_rows_before(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rows = [f'"{STORY} Number {n}.",Outlet {n}' for n in range(20)]
    rows[15] = '"a row","with","too many cells"'
    path = tmp_path / "broken.csv"
    path.write_text("text,outlet\n" + "\n".join(rows) + "\n", encoding="utf-8")
    monkeypatch.setattr(ingest, "STREAM_BYTES", 0)
    chunks = list(ingest.read_chunks([path], chunk_rows=5))
    documents = [doc for chunk in chunks for doc in chunk.result.documents]
    [rejection] = [r for chunk in chunks for r in chunk.result.rejected]
    assert [d.outlet for d in documents] == [f"Outlet {n}" for n in range(15)]
    assert "could not be read after row 15" in rejection.reason
    assert "the rest of it was not read" in rejection.reason


def test_a_parquet_corpus_is_read_from_an_fsspec_url(corpus_dev: Path) -> None:
    import fsspec

    frame = _corpus_frame(corpus_dev)
    filesystem = fsspec.filesystem("memory")
    with filesystem.open("/presslens-test/archive.parquet", "wb") as handle:
        frame.to_parquet(handle, index=False)
    try:
        result = read_paths(["memory://presslens-test/archive.parquet"])
        missing = read_paths(["memory://presslens-test/none.parquet"])
    finally:
        filesystem.rm("/presslens-test", recursive=True)
    assert [d.outlet for d in result.documents] == frame["outlet"].tolist()
    assert result.documents[0].source == "memory://presslens-test/archive.parquet row 1"
    assert not result.rejected
    assert missing.rejected[0].reason == "The URL could not be opened."


def test_a_streamed_json_lines_file_rejects_a_line_that_is_not_utf8_by_number(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A bad byte past the start of the file (its start is UTF-8, so it streams)."""
    lines = [json.dumps({"text": f"{STORY} Number {n}.", "outlet": f"O{n}"}) for n in range(999)]
    data = "\n".join(lines).encode().replace(b"Number 900.", b"Number \xff900.")
    path = tmp_path / "feed.jsonl"
    path.write_bytes(data + b"\n")
    assert data.index(b"\xff") > HEAD_BYTES
    monkeypatch.setattr(ingest, "STREAM_BYTES", 0)
    result = read_paths([path])
    assert [d.outlet for d in result.documents] == [f"O{n}" for n in range(999) if n != 900]
    [rejection] = result.rejected
    assert rejection.source == f"{path} line 901"
    assert rejection.reason == "Line 901 is not UTF-8 text."
