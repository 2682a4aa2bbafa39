"""How the work grows on pathological input: every boilerplate rule and every analyser, timed
on lines built to make regular expressions backtrack (long runs of one character class, nested
repetitions like "by AandAand…Aand!", runs of spaces, quotation marks, brackets) at two sizes.

    python bench/hostile_time.py [--size 50000] [--only NAME ...]

For each input, one line per rule or analyser whose time at 2 x size is above 5 ms: the seconds
at size and at 2 x size and their ratio. Linear work gives a ratio of about 2; 4 means
quadratic; an exponential rule does not finish (run it with a small --size to see it grow).
The last line is the largest ratio seen, ``max_ratio=...``.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

from analysis.clean import _rules, clean_text
from analysis.corpus import build_corpus
from analysis.ingest import read_text
from analysis.pipeline import article_tables

sys.path.insert(0, str(Path(__file__).resolve().parent))
from results import record as record_result

SENTENCE = "Officials said on Friday that the talks would resume next week in Geneva. "

#: Pathological lines by name: each makes a line of about ``size`` characters.
INPUTS: dict[str, Callable[[int], str]] = {
    "letters": lambda n: "a" * n,
    "capitals": lambda n: "A" * n,
    "digits": lambda n: "1" * n,
    "spaces": lambda n: "Word " + " " * n + "end.",
    "dots": lambda n: "." * n,
    "quotes": lambda n: "“" * n,
    "straight quotes": lambda n: '"' * n,
    "apostrophes": lambda n: "'" * n,
    "brackets": lambda n: "(" * n,
    "slashes": lambda n: "a/" * (n // 2),
    "dashes": lambda n: "ab-" * (n // 3),
    "byline": lambda n: "by " + "Aand" * (n // 4) + "!",
    "byline with spaces": lambda n: "By " + "Ann Lee and " * (n // 12) + "!",
    "citation": lambda n: "Ab+1 " * (n // 5),
    "capital words": lambda n: "Putin Said " * (n // 11),
    "quoted speech": lambda n: '"Yes," he said. ' * (n // 16),
    "words and spaces": lambda n: "word   " * (n // 7),
}


def _seconds(work: Callable[[], object]) -> float:
    started = time.perf_counter()
    work()
    return time.perf_counter() - started


def rule_times(line: str) -> dict[str, float]:
    """Seconds of each boilerplate rule on ``line``, applied as analysis.clean applies it
    (line, block and box rules match whole lines; fragments are searched), and of the whole
    cleaning."""
    rules = _rules()
    times = {}
    for kind in ("line", "block", "box"):
        for number, rule in enumerate(getattr(rules, kind)):
            times[f"{kind} {number} ({rule.reason})"] = _seconds(lambda r=rule: r.matches(line))
    for number, rule in enumerate(rules.fragment):
        name = f"fragment {number} ({rule.reason})"
        times[name] = _seconds(lambda r=rule: r.pattern.search(line))
    times["clean_text"] = _seconds(lambda: clean_text(line))
    return times


def analyser_times(line: str) -> dict[str, float]:
    """Seconds of each analyser on one article made of ``line`` between two sentences."""
    corpus = build_corpus(read_text("hostile", SENTENCE + line + " " + SENTENCE), clean=False)
    timings: dict[str, float] = {}
    article_tables(corpus.articles, timings=timings)
    return timings


def main(*, record: bool = False) -> None:
    """Prints the timings that grow; with ``record``, writes the largest ratio into
    ``bench/results/hostile_time.json``."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--size", type=int, default=50_000, help="characters of the small line")
    parser.add_argument("--only", nargs="*", default=None, help="names of inputs to run")
    args = parser.parse_args()
    worst = slowest = 0.0
    for name, make in INPUTS.items():
        if args.only and name not in args.only:
            continue
        small, large = make(args.size), make(2 * args.size)
        for measure in (rule_times, analyser_times):
            before, after = measure(small), measure(large)
            for part, seconds in after.items():
                if seconds < 0.005:
                    continue
                ratio = seconds / max(before.get(part, 0.0), 1e-4)
                worst = max(worst, ratio)
                slowest = max(slowest, seconds)
                print(
                    f"{name:>18} | {part:<55} {before.get(part, 0.0):8.3f} s "
                    f"{seconds:8.3f} s  x{ratio:5.1f}",
                    flush=True,
                )
    print(f"max_ratio={worst:.1f}")
    if record:
        split = f"built lines of {args.size:,} and {2 * args.size:,} characters"
        if args.only:
            split += f" ({', '.join(args.only)})"
        figures = {"max ratio": round(worst, 1), "slowest at 2 x size, s": round(slowest, 3)}
        record_result("hostile_time", figures, split=split)


if __name__ == "__main__":
    main(record=True)
