"""What exporting every chart costs: PNG size and time per chart, kaleido's persistent sync
server against a browser started per chart, and the HTML report.

    python bench/export_charts.py [PATH ...]      (default: the seeds)

One line per chart (page, chart, pixels, bytes, seconds with the sync server), then the
one-shot time of the first chart without the server, the server's start-up, the charts ZIP and
the report. Last line: ``charts=<n> median_png_s=<s> oneshot_over_server=<ratio>``.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

import plotly.io as pio

from analysis.bundles import charts_zip
from analysis.charts import EXPORT_SCALE, HEIGHT, WIDTH
from analysis.corpus import load_corpus
from analysis.export import page_charts
from analysis.pipeline import analyse
from analysis.render import PngRenderer, find_browser
from analysis.report import html_report

sys.path.insert(0, str(Path(__file__).resolve().parent))
from results import record as record_result

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def main(argv: list[str] | None = None, *, record: bool = False) -> int:
    """Prints the cost of every chart; with ``record``, writes the summary figures into
    ``bench/results/export_charts.json``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", type=Path, default=[SEEDS])
    args = parser.parse_args(argv)
    if find_browser() is None:
        print("No Chrome or Chromium: install chromium or set BROWSER_PATH", file=sys.stderr)
        return 2
    analysis = analyse(load_corpus(args.paths))
    started = time.perf_counter()
    charts = page_charts(analysis)
    print(f"{len(charts)} charts built in {time.perf_counter() - started:.2f} s")

    first = charts[0].figure
    started = time.perf_counter()
    pio.to_image(first, format="png", width=WIDTH, height=first.layout.height or HEIGHT)
    oneshot = time.perf_counter() - started
    started = time.perf_counter()
    renderer = PngRenderer()
    start = time.perf_counter() - started
    print(f"one-shot (browser per chart): {oneshot:.2f} s; server start {start:.2f} s")

    seconds = []
    print(f"{'page':<9} {'chart':<55} {'pixels':>10} {'bytes':>8} {'s':>5}")
    for chart in charts:
        started = time.perf_counter()
        png = renderer.png(chart.figure)
        seconds.append(time.perf_counter() - started)
        height = (chart.figure.layout.height or HEIGHT) * EXPORT_SCALE
        pixels = f"{WIDTH * EXPORT_SCALE}x{height}"
        print(
            f"{chart.page:<9} {chart.name[:55]:<55} {pixels:>10} {len(png):>8} {seconds[-1]:>5.2f}"
        )
    started = time.perf_counter()
    archive = charts_zip(charts, renderer)
    print(f"charts ZIP: {len(archive):,} bytes in {time.perf_counter() - started:.2f} s")
    started = time.perf_counter()
    report = html_report(analysis, charts)
    print(f"report: {len(report.encode()):,} bytes in {time.perf_counter() - started:.2f} s")
    renderer.close()
    median = statistics.median(seconds)
    print(
        f"charts={len(charts)} median_png_s={median:.2f} oneshot_over_server={oneshot / median:.1f}"
    )
    if record:
        figures = {
            "charts": len(charts),
            "median PNG s": round(median, 2),
            "one-shot over server": round(oneshot / median, 1),
            "server start s": round(start, 2),
        }
        split = f"{', '.join(p.name for p in args.paths)} ({len(analysis.articles)} articles)"
        record_result("export_charts", figures, split=split)
    return 0


if __name__ == "__main__":
    sys.exit(main(record=True))
