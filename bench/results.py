"""The latest figures of each benchmark, one JSON file per benchmark in ``bench/results/``.

A benchmark run as a script calls ``record(name, figures, split=...)`` once at the end; the file
``bench/results/<name>.json`` then holds the figures of that run, the data they were measured
on, the date, the command and the code version. ``bench/render_benchmarks.py`` makes
``docs/benchmarks.md`` from these files. History is in git, not in the files.
"""

from __future__ import annotations

import json
import shlex
import subprocess
import sys
from collections.abc import Mapping
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"

#: A figure: a count, a score or a time, or a short text such as "1.65–2.00".
Figure = int | float | str


def code_version(root: Path = ROOT) -> str:
    """``git rev-parse --short HEAD`` of ``root``, with ``+modified`` when ``analysis/`` or
    ``bench/`` differ from that commit; ``"unknown"`` outside a git checkout."""
    try:
        head = subprocess.run(
            ["git", "-C", str(root), "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        changed = subprocess.run(
            ["git", "-C", str(root), "status", "--porcelain", "--", "analysis", "bench/*.py"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return f"{head}+modified" if changed else head


def record(
    name: str,
    figures: Mapping[str, Figure],
    *,
    split: str,
    command: str | None = None,
    directory: Path = RESULTS,
) -> Path:
    """Write ``figures`` (name -> value, in the order they should be shown) as the latest
    result of benchmark ``name``, measured on ``split`` (the data, e.g. "NewsMTSC dev_rw").
    ``command`` defaults to the command line of this process. Returns the file written."""
    if not figures:
        raise ValueError(f"benchmark {name!r} recorded no figures")
    if command is None:
        script = Path(sys.argv[0]).resolve()
        shown = script.relative_to(ROOT) if script.is_relative_to(ROOT) else script
        command = shlex.join(["python", str(shown), *sys.argv[1:]])
    entry = {
        "benchmark": name,
        "split": split,
        "date": datetime.now(UTC).date().isoformat(),
        "code_version": code_version(),
        "command": command,
        "figures": dict(figures),
    }
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / f"{name}.json"
    path.write_text(json.dumps(entry, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


def read_all(directory: Path = RESULTS) -> dict[str, dict]:
    """Every recorded result in ``directory``, by benchmark name."""
    entries = (json.loads(p.read_text(encoding="utf-8")) for p in sorted(directory.glob("*.json")))
    return {entry["benchmark"]: entry for entry in entries}
