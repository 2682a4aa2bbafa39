"""Target sentiment: the shipped classifier, the lexicon score and the actor_sentiment table."""

from __future__ import annotations

import sys

import pandas as pd
import pytest

from analysis import schema as S
from analysis.sentiment import (
    METHODS,
    MODEL_FILE,
    actor_sentiment,
    lexicon_polarity,
    load_model,
    score_targets,
)
from tests.conftest import ROOT, SHARED

NEWSMTSC = SHARED / "bench" / "newsmtsc"


def _targets(rows: list[tuple[str, str]]) -> pd.DataFrame:
    return pd.DataFrame(
        [(s, s.index(t), s.index(t) + len(t)) for s, t in rows],
        columns=["sentence", "start", "end"],
        index=[10 + i for i in range(len(rows))],
    )


@pytest.mark.parametrize("method", METHODS)
def test_both_methods_label_clear_cases(method: str) -> None:
    frame = _targets(
        [
            ("Critics condemned Putin as a brutal dictator who lied to the world.", "Putin"),
            (
                "Zelensky was praised for his courageous leadership and won wide support.",
                "Zelensky",
            ),
            ("Macron arrived in Kyiv on Tuesday for a meeting.", "Macron"),
        ]
    )
    scored = score_targets(frame, method=method)
    assert scored[S.LABEL].tolist() == ["negative", "positive", "neutral"]
    assert scored.index.tolist() == frame.index.tolist()
    assert scored[S.POLARITY].between(-1, 1).all()
    assert scored[S.CONFIDENCE].between(1 / 3, 1).all()
    assert scored[S.POLARITY].iloc[0] < scored[S.POLARITY].iloc[2] < scored[S.POLARITY].iloc[1]


@pytest.mark.parametrize("method", METHODS)
def test_empty_frame_scores_to_an_empty_frame(method: str) -> None:
    scored = score_targets(pd.DataFrame(columns=["sentence", "start", "end"]), method=method)
    assert scored.empty
    assert list(scored.columns) == [S.LABEL, S.POLARITY, S.CONFIDENCE]


def test_an_unknown_method_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown sentiment method 'vibes'"):
        score_targets(_targets([("Smith spoke.", "Smith")]), method="vibes")


def test_lexicon_score_reads_the_targets_clause() -> None:
    sentence = "Putin is a terrible liar, but Zelensky is a wonderful leader."
    putin = lexicon_polarity(sentence, 0, 5)
    zelensky = lexicon_polarity(sentence, sentence.index("Zelensky"), sentence.index(" is a w"))
    assert putin < 0 < zelensky


def test_shipped_model_is_small_and_documented() -> None:
    path = ROOT / "analysis" / MODEL_FILE
    assert path.stat().st_size < 3_000_000
    model = load_model()
    assert model.meta["trained_on"] == "train.jsonl"
    assert model.coef.shape == (len(model.vocabulary), 3)


def test_actor_sentiment_scores_every_seed_mention(
    seeds_sentences: pd.DataFrame, seeds_mentions: pd.DataFrame
) -> None:
    scored = actor_sentiment(seeds_mentions, seeds_sentences)
    assert list(scored.columns) == list(S.ACTOR_SENTIMENT_COLUMNS)
    assert len(scored) == len(seeds_mentions)
    assert scored[[S.START, S.END]].equals(seeds_mentions[[S.START, S.END]])
    assert scored[S.LEXICON_POLARITY].between(-1, 1).all()
    assert set(scored[S.LABEL]) <= {"negative", "neutral", "positive"}


def _bench_modules() -> None:
    if not (NEWSMTSC / "train.jsonl").exists():
        pytest.skip("../shared/bench/newsmtsc is not beside the project")
    sys.path.insert(0, str(ROOT / "bench"))


def test_benchmark_meets_the_target_on_dev_rw(capsys: pytest.CaptureFixture[str]) -> None:
    _bench_modules()
    import sentiment_newsmtsc

    assert sentiment_newsmtsc.main(["--data", str(NEWSMTSC / "dev_rw.jsonl")]) == 0
    out = capsys.readouterr().out.strip().splitlines()
    assert out[-1].startswith("F1m=")
    assert float(out[-1].removeprefix("F1m=")) >= 0.78  # the transformer, the default
    classifier = next(line for line in out if line.strip().startswith("classifier "))
    assert float(classifier.split("F1m=")[1].split()[0]) >= 0.65
    assert any("transformer throughput" in line and "2 threads" in line for line in out)


def test_training_is_reproducible(tmp_path: pytest.TempPathFactory) -> None:
    _bench_modules()
    import train_sentiment

    subset = tmp_path / "train.jsonl"
    lines = (NEWSMTSC / "train.jsonl").read_text(encoding="utf-8").splitlines()[:600]
    subset.write_text("\n".join(lines), encoding="utf-8")
    outputs = []
    for name in ("a", "b"):
        out = tmp_path / f"{name}.json.gz"
        assert train_sentiment.main(["--data", str(subset), "--out", str(out)]) == 0
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1]
