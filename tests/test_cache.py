"""The disk cache: tables only (no code runs on reading), damaged entries are misses, a private
folder (and folders above it no one else can change, checked on every read and write), entries
read only as far as they declare, and keyed by the code that made them."""

from __future__ import annotations

import hashlib
import io
import json
import os
import pickle
import shutil
import subprocess
import sys
import threading
import tracemalloc
import zipfile
from pathlib import Path

import pandas as pd
import pandas.testing as pdt
import pytest

from analysis.cache import DiskCache, code_fingerprint
from analysis.corpus import Corpus
from analysis.pipeline import analyse
from analysis.tables import OUTLET_TABLES
from tests.conftest import ROOT

FRAME = pd.DataFrame(
    {
        "text": pd.Series(["a", "b", None], dtype="str"),
        "n": [1, 2, 3],
        "when": pd.to_datetime(["2025-05-01", None, "2025-05-03"]).astype("datetime64[s]"),
        "flag": [True, False, True],
        "score": [0.5, float("nan"), -1.0],
    }
)


class _Planted:
    """A pickle payload that would create a file when unpickled."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, tuple[str]]:
        return (os.system, (f"touch {self.marker}",))


#: What someone else would like a session to be served instead of its own tables.
FORGED = pd.DataFrame({"text": ["layoffs-2026-board-minutes.docx"], "n": [666]})


def test_tables_round_trip_with_their_types(tmp_path: Path) -> None:
    cache = DiskCache(tmp_path / "cache")
    key = DiskCache.key("round trip")
    assert len(key) == 64  # a full SHA-256
    cache.put(key, {"frame": FRAME, "empty": FRAME.iloc[0:0]})
    stored = cache.get(key)
    assert stored is not None
    pdt.assert_frame_equal(stored["frame"], FRAME)
    pdt.assert_frame_equal(stored["empty"], FRAME.iloc[0:0])


def test_the_folder_is_private(tmp_path: Path) -> None:
    cache = DiskCache(tmp_path / "new" / "cache")
    assert cache.enabled
    assert (tmp_path / "new" / "cache").stat().st_mode & 0o777 == 0o700


def test_a_folder_others_may_write_to_is_refused(seeds_corpus: Corpus, tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o777)
    cache = DiskCache(shared)
    assert not cache.enabled and "others may write" in cache.problem
    tables = analyse(seeds_corpus, cache=cache)
    assert len(tables.mentions) and not list(shared.iterdir())


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs root to chown")
def test_a_folder_of_another_user_is_refused(tmp_path: Path) -> None:
    theirs = tmp_path / "theirs"
    theirs.mkdir(mode=0o700)
    os.chown(theirs, 65534, 65534)
    cache = DiskCache(theirs)
    assert not cache.enabled and "another user" in cache.problem


def test_a_folder_under_one_others_may_write_to_is_refused(tmp_path: Path) -> None:
    """Whoever may write to a folder above the cache folder can rename the cache folder and put
    a forged one in its place; a shared folder with the sticky bit (as /tmp) forbids that."""
    opened = tmp_path / "open"
    opened.mkdir()
    opened.chmod(0o777)
    cache = DiskCache(opened / "cache")
    assert not cache.enabled
    assert cache.problem == f"others may write to {opened}, a folder above the cache folder " + str(
        opened / "cache"
    )
    sticky = tmp_path / "sticky"
    sticky.mkdir()
    sticky.chmod(0o1777)
    assert DiskCache(sticky / "cache").enabled


@pytest.mark.parametrize("opened", ["parent", "folder"])
def test_a_folder_swapped_after_start_is_never_served(tmp_path: Path, opened: str) -> None:
    """The folder is checked on every read, not once at start: after its parent (or the folder
    itself) was opened to everyone and the folder swapped for a forged one, nothing is
    served and nothing more is written."""
    parent = tmp_path / "parent"
    parent.mkdir()
    cache = DiskCache(parent / "cache")
    key = DiskCache.key("swapped")
    cache.put(key, {"t": FRAME})
    assert cache.enabled and cache.get(key) is not None
    forged = tmp_path / "forged"
    DiskCache(forged).put(key, {"t": FORGED})  # an entry named as the session's, made alike
    (parent / "cache").rename(tmp_path / "moved")
    forged.rename(parent / "cache")
    (parent if opened == "parent" else parent / "cache").chmod(0o777)
    assert cache.get(key) is None
    assert not cache.enabled and "others may write to" in cache.problem
    cache.put(DiskCache.key("after"), {"t": FRAME})
    assert len(list((parent / "cache").iterdir())) == 1  # nothing written into it


def test_an_entry_that_is_a_link_is_never_followed(tmp_path: Path) -> None:
    cache = DiskCache(tmp_path / "cache")
    key = DiskCache.key("linked")
    elsewhere = DiskCache(tmp_path / "elsewhere")
    elsewhere.put(key, {"t": FORGED})
    target = elsewhere._path(key)
    cache._path(key).symlink_to(target)
    assert cache.get(key) is None
    assert not cache._path(key).is_symlink() and target.exists()  # the link went, not its target


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs root to chown")
def test_an_entry_of_another_user_is_never_served(tmp_path: Path) -> None:
    cache = DiskCache(tmp_path / "cache")
    key = DiskCache.key("theirs")
    cache.put(key, {"t": FRAME})
    os.chown(cache._path(key), 65534, 65534)
    assert cache.get(key) is None and not cache._path(key).exists()


def _archive(members: dict[str, bytes], *, deflated: frozenset[str] = frozenset()) -> bytes:
    """A ZIP archive of ``members``, those named in ``deflated`` compressed."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in members.items():
            method = zipfile.ZIP_DEFLATED if name in deflated else zipfile.ZIP_STORED
            archive.writestr(name, content, compress_type=method)
    return buffer.getvalue()


def _peak_of(read: object) -> tuple[object, int]:
    """What ``read()`` returned and the most bytes Python and numpy held at once meanwhile."""
    tracemalloc.start()
    try:
        returned = read()  # type: ignore[operator]
        return returned, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_a_zip_bomb_entry_is_refused_before_any_member_is_read(tmp_path: Path) -> None:
    """A planted entry whose member inflates to 128 MiB (from well under 1 MB) is refused from
    its declared sizes: reading it costs about what the file holds."""
    cache = DiskCache(tmp_path / "cache")
    key = DiskCache.key("bomb")
    inflated = bytes(128 * 2**20)
    manifest = {
        "t": {"member": "0.parquet", "sha256": hashlib.sha256(inflated).hexdigest(), "dtypes": {}}
    }
    bomb = _archive(
        {"0.parquet": inflated, "manifest.json": json.dumps(manifest).encode()},
        deflated=frozenset({"0.parquet"}),
    )
    del inflated
    assert len(bomb) < 2**20
    cache._path(key).write_bytes(bomb)
    found, peak = _peak_of(lambda: cache.get(key))
    assert found is None and not cache._path(key).exists()
    assert peak < 8 * 2**20


def test_column_types_an_entry_asks_for_are_those_of_tables(tmp_path: Path) -> None:
    """A manifest asking for a text type of ten million characters a row is refused before
    any column is converted (a few rows of it would take 40 MB each)."""
    cache = DiskCache(tmp_path / "cache")
    key = DiskCache.key("types")
    parquet = io.BytesIO()
    FORGED.to_parquet(parquet, index=False)
    content = parquet.getvalue()
    manifest = {
        "t": {
            "member": "0.parquet",
            "sha256": hashlib.sha256(content).hexdigest(),
            "dtypes": {"text": "<U10000000", "n": "int64"},
        }
    }
    cache._path(key).write_bytes(
        _archive({"0.parquet": content, "manifest.json": json.dumps(manifest).encode()})
    )
    found, peak = _peak_of(lambda: cache.get(key))
    assert found is None and not cache._path(key).exists()
    assert peak < 8 * 2**20


def test_a_planted_pickle_never_runs(tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    cache = DiskCache(tmp_path / "cache")
    key = DiskCache.key("planted")
    payload = pickle.dumps(_Planted(marker))
    cache._path(key).write_bytes(payload)
    (cache.folder / f"{key}.pickle").write_bytes(payload)  # the old format, too
    assert cache.get(key) is None
    assert not marker.exists()
    assert not cache._path(key).exists()  # the foreign entry was deleted


def test_one_flipped_bit_is_a_miss_then_made_again(seeds_corpus: Corpus, tmp_path: Path) -> None:
    cache = DiskCache(tmp_path)
    analyse(seeds_corpus, cache=cache)
    entries = sorted(tmp_path.glob("*.entry"))
    assert len(entries) == 2 + len(seeds_corpus.articles)  # the tables and each article's parse
    for number, path in enumerate(entries):
        data = bytearray(path.read_bytes())
        data[len(data) // 3 + number] ^= 0x10
        path.write_bytes(bytes(data))
    timings: dict[str, float] = {}
    tables = analyse(seeds_corpus, cache=cache, timings=timings)
    assert "keywords" in timings and set(OUTLET_TABLES) <= set(tables.tables())
    again: dict[str, float] = {}
    analyse(seeds_corpus, cache=cache, timings=again)
    assert again == {}  # made again and stored whole


def test_two_writers_at_once_leave_one_whole_entry(tmp_path: Path) -> None:
    cache = DiskCache(tmp_path)
    frame = pd.DataFrame({"n": range(200_000)})
    key = DiskCache.key("race")
    writers = [threading.Thread(target=cache.put, args=(key, {"t": frame})) for _ in range(8)]
    for writer in writers:
        writer.start()
    for writer in writers:
        writer.join()
    assert [p.name for p in tmp_path.iterdir()] == [cache._path(key).name]
    stored = cache.get(key)
    assert stored is not None
    pdt.assert_frame_equal(stored["t"], frame)


def test_an_unusable_folder_only_means_no_cache(seeds_corpus: Corpus, tmp_path: Path) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    cache = DiskCache(blocked / "cache")
    assert not cache.enabled and "cannot be made" in cache.problem
    assert len(analyse(seeds_corpus, cache=cache).mentions) > 0


def test_old_entries_are_forgotten(tmp_path: Path) -> None:
    cache = DiskCache(tmp_path, max_age_days=0)
    legacy = tmp_path / f"{'a' * 40}.pickle"  # the pickle cache of earlier versions
    legacy.write_bytes(b"never read")
    cache.put(DiskCache.key("old"), {"t": FRAME})
    cache.put(DiskCache.key("new"), {"t": FRAME})
    assert cache.get(DiskCache.key("old")) is None
    assert not legacy.exists()


def test_writing_many_entries_sweeps_the_folder_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = DiskCache(tmp_path)
    listed = []
    glob = Path.glob

    def counted_glob(folder: Path, pattern: str) -> object:
        listed.append(pattern)
        return glob(folder, pattern)

    monkeypatch.setattr(Path, "glob", counted_glob)
    for number in range(50):
        cache.put(DiskCache.key(str(number)), {"t": FRAME})
    assert len(listed) == 2  # the entries and the old pickle files, listed once
    assert all(cache.get(DiskCache.key(str(number))) is not None for number in range(50))


def test_the_fingerprint_names_what_made_the_analysis() -> None:
    fingerprint = code_fingerprint()
    assert len(fingerprint.digest) == 64
    assert {"analysis source", "analysis data files", "pandas", "yake", "textblob"} <= set(
        fingerprint.parts
    )
    assert fingerprint.parts["pandas"].endswith(".x")


_RUN = """
import sys
from analysis.cache import DiskCache
from analysis.corpus import load_corpus
from analysis.pipeline import analyse
timings = {}
analyse(load_corpus([sys.argv[1]]), cache=DiskCache(sys.argv[2]), timings=timings)
print("analysed" if timings else "from cache")
"""


def _run_copy(package: Path, cache: Path) -> str:
    """What the analysis of the seeds by the code in ``package`` printed; a process that
    fails shows its standard error (with every thread's stack when it dies of a signal)."""
    done = subprocess.run(
        [sys.executable, "-c", _RUN, str(ROOT / "seeds"), str(cache)],
        cwd=package,
        env={**os.environ, "PYTHONPATH": str(package), "PYTHONFAULTHANDLER": "1"},
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    assert done.returncode == 0, f"exit {done.returncode}; stdout {done.stdout!r}\n{done.stderr}"
    return done.stdout.strip()


def test_an_analysis_made_by_other_code_is_never_served(tmp_path: Path) -> None:
    """Two copies of the package, one line of the stance analyser changed in the second: they
    never share an entry; the same code twice does."""
    first, second = tmp_path / "first", tmp_path / "second"
    for copy in (first, second):
        shutil.copytree(
            ROOT / "analysis", copy / "analysis", ignore=shutil.ignore_patterns("__pycache__")
        )
    stance = second / "analysis" / "stance" / "finder.py"
    stance.write_text(stance.read_text() + "\n#: a changed line\nCHANGED = True\n")
    cache = tmp_path / "cache"
    assert _run_copy(first, cache) == "analysed"
    assert _run_copy(first, cache) == "from cache"
    assert _run_copy(second, cache) == "analysed"
    assert _run_copy(second, cache) == "from cache"
    # the first copy is this code: only the second copy's entries are of another version (its
    # two of tables and the parses of the three seeds)
    assert DiskCache(cache).other_versions() == 5
