"""The dashboard on a large analysis opened from its results folder (read through DuckDB).

    python bench/results_dashboard.py --source DIR [--articles 100000] [--out DIR] [--reruns 10]
                                      [--pages]
    python bench/results_dashboard.py --folder DIR [--pages]

``--source`` is a results folder written by ``python -m analysis analyze ... --out DIR``
(for example of 1,000 articles resampled from corpus-dev with ``bench/scale.py``'s
``resample``). Its articles are copied under new ids until there are ``--articles`` of them
(analysing 100,000 articles here takes hours; what is measured is how the dashboard opens
them): every per-article table is copied with its articles, the actor summary is made again
from the copied mentions, the distinctive terms keep their terms with the counts multiplied,
and the analysis is written to ``--out`` with :func:`analysis.results.write_results`, which
makes the summaries of the default views (seconds reported: ``write``).

Then, in a fresh process, the Overview page in AppTest with the folder open: the seconds of
its first run (``page_first``), the median of ``--reruns`` reruns after the user picks
another actor for the timeline (``rerun``), the process's resident memory before the page
(``rss_start``, MiB: Python, Streamlit and the libraries) and its peak (``rss_peak``), and
the tables the page read whole (``read``); then the page opened with six other outlets
chosen, whose cards and differences it makes of the stored summaries, reading the evidence
of the differences it lists (``other_outlets``, seconds of that run, and the peak memory
after it, ``rss_peak_after``). One JSON line per
step. With ``--pages``, then every page in its own fresh process (``step: page``): the
seconds of its first run and of a rerun, its memory before and at its peak, the tables it
read whole and the exceptions it showed. ``--folder DIR`` measures a results folder as it
is, without growing one.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

from analysis import schema as S
from analysis.aggregate import actor_summary
from analysis.results import read_results, write_results
from analysis.tables import TABLES, Analysis
from analysis.views.overview import DEFAULT_CARDS, default_outlets

sys.path.insert(0, str(Path(__file__).resolve().parent))
from results import record as record_result
from scale import RERUNS, ROOT, rerun_seconds


def _copies(frame: pd.DataFrame, times: int) -> pd.DataFrame:
    """``frame`` ``times`` over, the article ids of copy ``k`` ending in ``.k``."""
    if S.ARTICLE_ID not in frame.columns or frame.empty:
        return frame
    return pd.concat(
        [frame.assign(**{S.ARTICLE_ID: frame[S.ARTICLE_ID] + f".{k}"}) for k in range(times)],
        ignore_index=True,
    )


def grown(source: Analysis, articles: int) -> Analysis:
    """``source`` with its articles copied until it has about ``articles`` of them."""
    times = max(1, round(articles / len(source.articles)))
    ids = source.articles[S.ARTICLE_ID]
    tables = {name: _copies(getattr(source, name), times) for name in TABLES}
    tables["articles"] = _copies(source.rows("articles", **{S.ARTICLE_ID: ids}), times)
    tables["actor_summary"] = actor_summary(tables["actor_sentiment"], tables["articles"])
    distinctive = source.distinctive_terms
    tables["distinctive_terms"] = distinctive.assign(**{S.COUNT: distinctive[S.COUNT] * times})
    return Analysis.from_tables(tables)


def make(source: Path, out: Path, articles: int) -> dict[str, object]:
    """Write the grown analysis of ``source`` into ``out``; what it took."""
    started = time.perf_counter()
    analysis = grown(read_results(source), articles)
    made_seconds = time.perf_counter() - started
    started = time.perf_counter()
    written = write_results(analysis, out, settings="bench", csv=False)
    return {
        "step": "write",
        "articles": written["articles"],
        "outlets": written["outlets"],
        "rows": sum(written["rows"].values()),  # type: ignore[union-attr]
        "grow": round(made_seconds, 1),
        "write": round(time.perf_counter() - started, 1),
        "folder_mib": round(sum(f.stat().st_size for f in out.rglob("*") if f.is_file()) / 2**20),
    }


def _status_mib(field: str) -> float:
    """A memory figure of this process from /proc/self/status (``VmRSS``: resident now,
    ``VmHWM``: its peak since the process started; ru_maxrss would count what the parent
    held when it forked this one), MiB."""
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith(field)) / 1024


def measure(folder: Path, reruns: int) -> dict[str, object]:
    """The Overview page on the analysis in ``folder`` (run in a fresh process)."""
    from pages._ui import data, state

    os.environ[data.RESULTS_ROOTS] = str(folder)  # the dashboard opens folders of its roots
    start = _status_mib("VmRSS:")
    first, rerun = rerun_seconds({state.RESULTS: str(folder)}, reruns=reruns)
    opened = data._results(str(folder), str(data.read_manifest(folder).get("created")))
    measured = {
        "step": "overview",
        "page_first": round(first, 2),
        "rerun": round(rerun, 3),
        "rss_start": round(start),
        "rss_peak": round(_status_mib("VmHWM:")),
        "read": [name for name in TABLES if opened.loaded(name)],
    }
    shown = set(default_outlets(opened.articles))
    others = [outlet for outlet in sorted(set(opened.articles[S.OUTLET])) if outlet not in shown]
    started = time.perf_counter()
    rerun_seconds(
        {state.RESULTS: str(folder), state.OVERVIEW.outlets: others[:DEFAULT_CARDS]}, reruns=0
    )
    return measured | {
        "other_outlets": round(time.perf_counter() - started, 2),
        "rss_peak_after": round(_status_mib("VmHWM:")),
    }


def pages() -> list[str]:
    """The home page and every page, as paths from the project root."""
    found = sorted(path.relative_to(ROOT) for path in (ROOT / "pages").glob("[0-9]*_*.py"))
    return ["dashboard.py", *(str(path) for path in found)]


def measure_page(folder: Path, page: str) -> dict[str, object]:
    """One page (a path from the project root) in AppTest with the analysis in ``folder``
    open, in a fresh process: its first run, a rerun, memory and the tables it read."""
    from streamlit.testing.v1 import AppTest

    from pages._ui import data, state

    os.environ[data.RESULTS_ROOTS] = str(folder)  # the dashboard opens folders of its roots
    start = _status_mib("VmRSS:")
    at = AppTest.from_file(str(ROOT / page), default_timeout=1800)
    at.session_state[state.RESULTS] = str(folder)
    seconds = []
    for _ in range(2):
        started = time.perf_counter()
        at.run()
        seconds.append(time.perf_counter() - started)
    opened = data._results(str(folder), str(data.read_manifest(folder).get("created")))
    return {
        "step": "page",
        "page": page,
        "first": round(seconds[0], 2),
        "rerun": round(seconds[1], 2),
        "rss_start": round(start),
        "rss_peak": round(_status_mib("VmHWM:")),
        "read": [name for name in TABLES if opened.loaded(name)],
        "exceptions": len(at.exception),
    }


def _child(command: list[str]) -> tuple[int, dict[str, object]]:
    """Runs a measuring child, shows its output; its exit code and its last JSON line."""
    child = subprocess.run(command, check=False, capture_output=True, text=True)
    print(child.stdout, end="", flush=True)
    print(child.stderr, end="", file=sys.stderr, flush=True)
    lines = [line for line in child.stdout.splitlines() if line.startswith("{")]
    return child.returncode, json.loads(lines[-1]) if lines else {}


def main(argv: list[str] | None = None, *, record: bool = False) -> int:
    """Prints a JSON line per step; with ``record``, writes the Overview's figures (and each
    page's first run and peak with ``--pages``) into ``bench/results/results_dashboard.json``."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--source", type=Path, help="a results folder to grow")
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--out", type=Path, help="where to write it (default: a temporary folder)")
    parser.add_argument("--reruns", type=int, default=RERUNS)
    parser.add_argument(
        "--folder", type=Path, help="measure this results folder as it is (no --source)"
    )
    parser.add_argument("--pages", action="store_true", help="then every page, one at a time")
    parser.add_argument("--measure", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--page", help=argparse.SUPPRESS)
    options = parser.parse_args(argv)
    if options.measure is not None:
        if options.page:
            print(json.dumps(measure_page(options.measure, options.page)), flush=True)
        else:
            print(json.dumps(measure(options.measure, options.reruns)), flush=True)
        return 0
    if options.source is None and options.folder is None:
        parser.error("--source DIR (a folder written by python -m analysis analyze) or --folder")
    with tempfile.TemporaryDirectory() as temporary:
        out = options.folder or options.out or Path(temporary) / "results"
        figures: dict[str, object] = {}
        if options.folder is None:
            made = make(options.source, out, options.articles)
            print(json.dumps(made), flush=True)
            figures["write s"] = made.get("write", "")
        script = [sys.executable, __file__, "--measure", str(out), "--reruns", str(options.reruns)]
        code, overview = _child(script)
        shown = ("page_first", "rerun", "rss_peak", "other_outlets", "rss_peak_after")
        figures |= {f"Overview {name}": overview[name] for name in shown if name in overview}
        for page in pages() if options.pages else []:
            status, measured = _child([*script, "--page", page])
            code |= status
            figures |= {f"{page} {k}": measured[k] for k in ("first", "rss_peak") if k in measured}
        if record and code == 0:
            articles = len(read_results(out).articles)
            record_result("results_dashboard", figures, split=f"{articles:,} articles")
        return code


if __name__ == "__main__":
    raise SystemExit(main(record=True))
