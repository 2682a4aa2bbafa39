"""Reading NewsMTSC files (Hamborg & Donnay, EACL 2021) for training and benchmarking."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "bench" / "newsmtsc"
#: NewsMTSC polarity codes -> presslens labels.
LABEL_OF = {-1: "negative", 0: "neutral", 1: "positive"}


def read_targets(path: Path) -> pd.DataFrame:
    """Targets of a NewsMTSC JSONL file: columns sentence, start, end (exclusive), mention,
    gold (negative / neutral / positive)."""
    rows = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                item = json.loads(line)
                rows.append(
                    (
                        item["sentence"],
                        item["from"],
                        item["to"],
                        item["mention"],
                        LABEL_OF[item["polarity"]],
                    )
                )
    return pd.DataFrame(rows, columns=["sentence", "start", "end", "mention", "gold"])
