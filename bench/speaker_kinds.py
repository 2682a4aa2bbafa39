"""Score the speaker kinds of :mod:`analysis.speaker_kinds` against hand labels.

    python bench/speaker_kinds.py [--root DIR]

``bench/truth/speaker_kinds.csv`` holds 108 speakers of quotes, labelled by hand by reading
the articles: 53 from corpus-dev (``../shared/corpus-dev``) and 55 from PolNeAR dev
(``../shared/bench/polnear/dev/text``), a random sample of the (article, speaker) pairs the
quote finder gave (seed 40), less those whose speaker was no speaker or the wrong person
("The first sentence", a pronoun read as the wrong man) or whose kind fits none of the
categories (a real-estate developer, attorneys for a family). Columns: set, file (the
article's file name), article_id, speaker (as the quote finder named it), speaker_text,
sent_id (the sentence of its first quote) and kind, one of official, politician, expert,
journalist, citizen, anonymous. The file holds names and file names, never article text.

How the kinds were labelled (the definitions of ``analysis/data/speaker_kinds.toml``): a
politician holds or seeks elected office or leads a party (presidents, prime ministers and
their deputies, senators, governors, mayors, a party chair; an elected secretary of state);
an official speaks for a government or a body (ministers and cabinet secretaries,
spokespeople, aides and delegates, a country or ministry as the speaker, police, a union's or
an advocacy group's director, a campaign's communications director); an expert speaks from
knowledge (economists, professors, pollsters, a physician, a lawyer, a consultant,
researchers); a journalist is a reporter, host or outlet; a citizen speaks as a member of the
public. Anonymous is a speaker the text gives no identity to ("a senior official",
"analysts", "multiple lawmakers", "Administration officials"); an unnamed description of
someone named ("the senior Chinese official" for a vice premier named just before) is that
person's kind.

Each labelled pair is matched to the quotes of the same article file and speaker; its
predicted kind is the most frequent role of those quotes. Printed: accuracy over the matched
pairs with a 95% bootstrap interval over articles (the labels of one article are not
independent), per set, the share of pairs matched, and the confusions. The role words were
written before the labels and were not tuned on them. Run as a script it records
``speaker_kinds`` through ``bench/results.py``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np
import pandas as pd

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(BENCH))

from analysis import schema as S  # noqa: E402
from analysis.speaker_kinds import speaker_roles  # noqa: E402

TRUTH = BENCH / "truth" / "speaker_kinds.csv"
FOLDERS = {"corpus-dev": "corpus-dev", "polnear-dev": "bench/polnear/dev/text"}
FILE = "file"
PREDICTED = "predicted"
RESAMPLES = 2000


def predictions(shared: Path, sets: list[str]) -> pd.DataFrame:
    """The role of every quote of the sets' articles, with its article's file name."""
    from analysis.corpus import load_corpus
    from analysis.engine import Engine
    from analysis.pipeline import analyse

    frames = []
    for name in sets:
        analysis = analyse(load_corpus([shared / FOLDERS[name]]), engine=Engine(workers=1))
        roles = speaker_roles(
            analysis.quotes, analysis.sentences, analysis.labels, analysis.articles
        )
        files = analysis.articles.set_index(S.ARTICLE_ID)[S.SOURCE].map(lambda p: Path(p).name)
        frames.append(roles.assign(**{FILE: roles[S.ARTICLE_ID].map(files), "set": name}))
    return pd.concat(frames, ignore_index=True)


def matched(truth: pd.DataFrame, roles: pd.DataFrame) -> pd.DataFrame:
    """The truth rows with the most frequent predicted role of their (file, speaker) quotes
    (NaN when the analysis has no quote of that speaker in that file)."""
    usual = (
        roles.groupby(["set", FILE, S.SPEAKER])[S.ROLE]
        .agg(lambda values: values.value_counts().index[0])
        .rename(PREDICTED)
        .reset_index()
    )
    return truth.merge(usual, on=["set", FILE, S.SPEAKER], how="left")


def accuracy_interval(frame: pd.DataFrame, *, seed: int = 0) -> tuple[float, float, float]:
    """Accuracy over ``frame``'s rows and its 95% bootstrap interval, articles resampled."""
    right = (frame[PREDICTED] == frame["kind"]).to_numpy(dtype=float)
    codes, _ = pd.factorize(frame[FILE])
    per_article = np.bincount(codes, weights=right)
    sizes = np.bincount(codes).astype(float)
    rng = np.random.default_rng(seed)
    draws = rng.integers(0, len(sizes), size=(RESAMPLES, len(sizes)))
    values = per_article[draws].sum(axis=1) / sizes[draws].sum(axis=1)
    low, high = np.percentile(values, [2.5, 97.5])
    return float(right.mean()), float(low), float(high)


def main(*, record: bool = False) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--root", type=Path, default=ROOT.parent / "shared")
    args = parser.parse_args()
    truth = pd.read_csv(TRUTH)
    sets = sorted(truth["set"].unique())
    missing = [name for name in sets if not (args.root / FOLDERS[name]).is_dir()]
    if missing:
        parser.exit(2, f"no {', '.join(missing)} under {args.root}\n")
    scored = matched(truth, predictions(args.root, sets))
    found = scored.dropna(subset=[PREDICTED])
    accuracy, low, high = accuracy_interval(found)
    figures: dict[str, float | int | str] = {
        "accuracy": round(accuracy, 3),
        "ci_low": round(low, 3),
        "ci_high": round(high, 3),
        "labelled": len(truth),
        "matched": len(found),
    }
    print(f"{len(found)} of {len(truth)} labelled speakers matched")
    print(f"accuracy {accuracy:.3f} [{low:.3f}, {high:.3f}] (95% bootstrap over articles)")
    for name in sets:
        part = found[found["set"] == name]
        value, part_low, part_high = accuracy_interval(part)
        figures[f"accuracy_{name}"] = round(value, 3)
        print(f"  {name}: {value:.3f} [{part_low:.3f}, {part_high:.3f}] on {len(part)}")
    figures["predicted_unknown"] = int((found[PREDICTED] == "unknown").sum())
    print("confusions (labelled -> predicted):")
    wrong = found[found[PREDICTED] != found["kind"]]
    print(pd.crosstab(wrong["kind"], wrong[PREDICTED]).to_string())
    print(wrong[["set", FILE, S.SPEAKER, "kind", PREDICTED]].to_string(index=False))
    if record:
        from results import record as record_result

        record_result(
            "speaker_kinds",
            figures,
            split=f"bench/truth/speaker_kinds.csv ({len(truth)} speakers: corpus-dev, PolNeAR dev)",
        )


if __name__ == "__main__":
    main(record=True)
