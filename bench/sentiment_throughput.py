"""Benchmark: targets per second of the sentiment transformer on unique pairs.

    python bench/sentiment_throughput.py [--pairs 1000] [--before REV]

The pairs are the first ``--pairs`` distinct (sentence, target) pairs of NewsMTSC
train.jsonl (news sentences, none repeated, so the per-process memo answers none of them;
it is emptied before each run). Each way of scoring runs three times, the ways interleaved
(the machine may be shared, so compare the figures of one run as ratios), and the median is
kept, in targets per second of wall time and per CPU-second of the process (the work a
target costs, which the machine's load changes less), for one and two threads:

* ``batched``: the analysis as it runs (pairs of the same token length together, at most
  ``transformer.BATCH`` per call, calls on ``threads`` threads of one core each);
* ``one call per pair``: the same model, a call per pair (``batch=1``);
* ``intra-op``: batched, but one session whose calls use two cores (``intra_op_num_threads``)
  instead of two calls side by side (2 threads only);
* ``before``, with ``--before REV``: the model file shipped at git revision REV, a call per
  pair (the scheme of the dynamically quantised model).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from importlib import resources

import numpy as np
from newsmtsc import DATA, ROOT, read_targets
from results import record

from analysis import transformer as T

RUNS = 3


def _session(model: bytes, threads: int):  # -> onnxruntime.InferenceSession
    import onnxruntime as ort

    options = ort.SessionOptions()
    options.intra_op_num_threads = threads
    options.inter_op_num_threads = 1
    return ort.InferenceSession(model, options, providers=["CPUExecutionProvider"])


def unique_pairs(count: int) -> list[T.Pair]:
    """The first ``count`` distinct (sentence, start, end) pairs of NewsMTSC train.jsonl."""
    data = read_targets(DATA / "train.jsonl")
    keys = zip(data["sentence"], data["start"], data["end"], strict=True)
    return list(dict.fromkeys(keys))[:count]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=1000)
    parser.add_argument("--before", help="git revision whose shipped model to time too")
    args = parser.parse_args(argv)
    if not (DATA / "train.jsonl").is_file():
        print(f"No data at {DATA / 'train.jsonl'}", file=sys.stderr)
        return 2
    keys = unique_pairs(args.pairs)
    sentences, starts, ends = (list(column) for column in zip(*keys, strict=True))
    shipped = resources.files("analysis").joinpath(T.MODEL_FILE).read_bytes()
    tokenizer = T._tokenizer()
    one_core = _session(shipped, 1)
    ways = {
        "batched, 1 thread": dict(threads=1),
        "batched, 2 threads": dict(threads=2),
        "one call per pair, 1 thread": dict(threads=1, batch=1, session=one_core),
        "one call per pair, 2 threads": dict(threads=2, batch=1, session=one_core),
        "intra-op, 2 threads": dict(threads=1, session=_session(shipped, 2)),
    }
    if args.before:
        old = subprocess.run(
            ["git", "-C", str(ROOT), "show", f"{args.before}:analysis/{T.MODEL_FILE}"],
            capture_output=True,
            check=True,
        ).stdout
        before = _session(old, 1)
        ways["before, 1 thread"] = dict(threads=1, batch=1, session=before)
        ways["before, 2 threads"] = dict(threads=2, batch=1, session=before)
    for options in ways.values():
        if "session" in options:
            options["tokenizer"] = tokenizer
        T.probabilities(sentences[:2], starts[:2], ends[:2], **options)
    rates: dict[str, list[float]] = {way: [] for way in ways}
    work: dict[str, list[float]] = {way: [] for way in ways}
    for _ in range(RUNS):
        for way, options in ways.items():
            T.forget()
            began, cpu = time.perf_counter(), time.process_time()
            T.probabilities(sentences, starts, ends, **options)
            rates[way].append(len(keys) / (time.perf_counter() - began))
            work[way].append(len(keys) / (time.process_time() - cpu))
    figures: dict[str, float] = {"pairs": len(keys), "batch": T.BATCH}
    for way, measured in rates.items():
        figures[f"{way} targets/s"] = round(float(np.median(measured)))
        figures[f"{way} targets per CPU-s"] = round(float(np.median(work[way])))
        print(
            f"{way:32s} {figures[f'{way} targets/s']:6,} targets/s "
            f"{figures[f'{way} targets per CPU-s']:6,} targets per CPU-s"
        )
    reference = "before" if args.before else "one call per pair"
    for unit in ("targets/s", "targets per CPU-s"):
        for threads in ("1 thread", "2 threads"):
            figures[f"batched / {reference}, {threads}, {unit}"] = round(
                figures[f"batched, {threads} {unit}"] / figures[f"{reference}, {threads} {unit}"],
                2,
            )
    record(
        "sentiment_throughput",
        figures,
        split=f"NewsMTSC train.jsonl, first {len(keys):,} distinct pairs",
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
