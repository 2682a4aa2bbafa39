"""Static int8 quantisation of the sentiment transformer (``make train``, after training).

    python bench/quantise_static.py [--source FILE] [--out analysis/data]

``--source`` is the dynamically quantised model ``bench/train_transformer.py`` writes into
analysis/data (``quantize_dynamic``: every call quantises its activations with the range of
that call, so pairs scored together, or padding, shift each other's scores). Each of its
DynamicQuantizeLinear nodes becomes a QuantizeLinear with a constant scale and zero point, and
each MatMulInteger with its Cast, scale Mul and bias Add one MatMulIntegerToFloat
(onnxruntime's fused kernel); the int8 weights are kept byte for byte.

Calibration: every NewsMTSC train.jsonl pair is run alone through the source model, recording
the minimum and maximum of each quantised activation (the range the dynamic model used for
that pair) and its logits. An activation's static range is the (100 - p)th percentile of the
pairs' minima and the p-th of their maxima (p = 100: the widest range seen); p is chosen among
:data:`PERCENTILES` by two-fold agreement with the source model's labels (calibrated on one
half of the pairs, compared on the other; the dev splits are not read for the choice), then the
ranges are taken over all train pairs. Both files are scored on dev_rw and dev_mt as the
analysis scores them, the temperature is refitted on dev, and everything goes to
sentiment_minilm.json. The same source gives the same file, byte for byte.

To rebuild the shipped file from a checkout without training: take the dynamic model out of
git (its SHA-256 is the record's ``quantised_from.sha256``; it shipped until the commit that
added this script), e.g. ``git show <commit>^:analysis/data/sentiment_minilm.onnx > dyn.onnx``,
and run ``python bench/quantise_static.py --source dyn.onnx``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

import numpy as np
from newsmtsc import DATA, ROOT, read_targets
from sentiment_newsmtsc import calibration_error, confusion, f1_of
from train_transformer import DEV, fit_temperature

from analysis import transformer as T
from analysis.sentiment import LABELS

#: Candidate percentiles of the per-pair activation extremes (100 = min / max).
PERCENTILES: tuple[float, ...] = (100.0, 99.999, 99.99, 99.9)
MICROSOFT = "com.microsoft"


def _session(model: bytes):  # -> onnxruntime.InferenceSession
    import onnxruntime as ort

    options = ort.SessionOptions()
    options.intra_op_num_threads = 1
    options.inter_op_num_threads = 1
    return ort.InferenceSession(model, options, providers=["CPUExecutionProvider"])


def _pairs(name: str):
    data = read_targets(DATA / f"{name}.jsonl")
    keys = list(zip(data["sentence"], data["start"], data["end"], strict=True))
    gold = np.asarray([LABELS.index(g) for g in data["gold"]])
    return keys, gold


def dynamic_inputs(model) -> list[str]:
    """The activations the dynamic model quantises per call, in graph order."""
    return [n.input[0] for n in model.graph.node if n.op_type == "DynamicQuantizeLinear"]


def record_ranges(
    model, keys: list[T.Pair], tokenizer
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per pair (each run alone): the min and max of each quantised activation (pairs x
    activations) and the logits (pairs x 3) of the dynamic ``model``."""
    from onnx import TensorProto, helper

    probe = type(model)()
    probe.CopyFrom(model)
    names = dynamic_inputs(model)
    for name in names:
        probe.graph.output.append(helper.make_tensor_value_info(name, TensorProto.FLOAT, None))
    session = _session(probe.SerializeToString())
    low = np.zeros((len(keys), len(names)), np.float32)
    high = np.zeros_like(low)
    logits = np.zeros((len(keys), len(LABELS)), np.float32)
    for i, key in enumerate(keys):
        feeds = T.padded(tokenizer, [tokenizer.encode(*T.marked(*key))]).feeds()
        outputs = session.run(None, feeds)
        logits[i] = outputs[0][0]
        for j, values in enumerate(outputs[1:]):
            low[i, j], high[i, j] = values.min(), values.max()
    return low, high, logits


def ranges_at(low: np.ndarray, high: np.ndarray, percentile: float) -> np.ndarray:
    """Each activation's (min, max) at ``percentile`` of the pairs' extremes (activations x 2)."""
    return np.stack(
        [np.percentile(low, 100 - percentile, axis=0), np.percentile(high, percentile, axis=0)],
        axis=1,
    )


def _scale_and_zero(low: float, high: float) -> tuple[np.float32, np.uint8]:
    """uint8 scale and zero point of [low, high] widened to hold 0, as DynamicQuantizeLinear
    computes them for a call's range."""
    low, high = min(0.0, float(low)), max(0.0, float(high))
    scale = np.float32((high - low) / 255.0) if high > low else np.float32(1.0)
    zero = np.uint8(np.clip(np.round(-low / scale), 0, 255))
    return scale, zero


def convert(model, ranges: np.ndarray):
    """A copy of the dynamic ``model`` with each activation quantised with the constant range
    of ``ranges`` (rows in :func:`dynamic_inputs` order), each quantised matrix product one
    MatMulIntegerToFloat (bias included when an Add of a constant follows)."""
    from onnx import checker, helper, numpy_helper

    static = type(model)()
    static.CopyFrom(model)
    graph = static.graph
    constants = {i.name for i in graph.initializer}
    made = {o: n for n in graph.node for o in n.output}
    users: dict[str, list] = {}
    for node in graph.node:
        for name in node.input:
            users.setdefault(name, []).append(node)
    bounds = dict(zip(dynamic_inputs(model), ranges, strict=True))
    replaced: dict[int, list] = {}
    dropped: set[int] = set()
    for node in graph.node:
        if node.op_type == "DynamicQuantizeLinear":
            x = node.input[0]
            quantised, scale, zero = node.output
            value, point = _scale_and_zero(*bounds[x])
            graph.initializer.extend(
                [
                    numpy_helper.from_array(np.array(value, np.float32), scale),
                    numpy_helper.from_array(np.array(point, np.uint8), zero),
                ]
            )
            replaced[id(node)] = [
                helper.make_node("QuantizeLinear", [x, scale, zero], [quantised], name=node.name)
            ]
        elif node.op_type == "MatMulInteger":
            x_q, w_q, x_zero, w_zero = node.input
            (cast,) = users[node.output[0]]
            (rescale,) = users[cast.output[0]]
            scales = made[rescale.input[1]]
            x_scale, w_scale = scales.input
            inputs = [x_q, w_q, x_scale, w_scale, x_zero, w_zero]
            output = rescale.output[0]
            following = users.get(output, [])
            dropped.update({id(cast), id(rescale), id(scales)})
            if len(following) == 1 and following[0].op_type == "Add":
                (add,) = following
                bias = [name for name in add.input if name != output]
                if len(bias) == 1 and bias[0] in constants:
                    inputs.append(bias[0])
                    output = add.output[0]
                    dropped.add(id(add))
            replaced[id(node)] = [
                helper.make_node(
                    "MatMulIntegerToFloat", inputs, [output], name=node.name, domain=MICROSOFT
                )
            ]
    nodes = []
    for node in graph.node:
        if id(node) in replaced:
            nodes.extend(replaced[id(node)])
        elif id(node) not in dropped:
            nodes.append(node)
    del graph.node[:]
    graph.node.extend(nodes)
    if not any(o.domain == MICROSOFT for o in static.opset_import):
        static.opset_import.append(helper.make_opsetid(MICROSOFT, 1))
    checker.check_model(static)
    return static


def agreement(model, ranges: np.ndarray, keys: list[T.Pair], reference: np.ndarray, tokenizer):
    """Share of ``keys`` whose label under the static model of ``ranges`` is the dynamic
    model's (``reference`` logits)."""
    session = _session(convert(model, ranges).SerializeToString())
    probs = T.probabilities(
        *map(list, zip(*keys, strict=True)), session=session, tokenizer=tokenizer, temperature=1.0
    )
    return float((probs.argmax(1) == reference.argmax(1)).mean())


def choose_percentile(model, keys, low, high, reference, tokenizer) -> dict[str, float]:
    """Mean two-fold agreement with the dynamic model of each of :data:`PERCENTILES`."""
    halves = (np.arange(len(keys)) % 2 == 0, np.arange(len(keys)) % 2 == 1)
    scores = {}
    for percentile in PERCENTILES:
        folds = []
        for fit, held in (halves, halves[::-1]):
            ranges = ranges_at(low[fit], high[fit], percentile)
            held_keys = [k for k, h in zip(keys, held, strict=True) if h]
            folds.append(agreement(model, ranges, held_keys, reference[held], tokenizer))
        scores[str(percentile)] = round(float(np.mean(folds)), 4)
        print(f"p={percentile}: agreement with the dynamic model {scores[str(percentile)]}")
    return scores


def dev_figures(path: Path, tokenizer, *, batch: int) -> tuple[dict, dict[str, np.ndarray]]:
    """dev_rw / dev_mt F1m of the model at ``path`` as the analysis scores them, and its
    probabilities (temperature 1)."""
    session = _session(path.read_bytes())
    figures: dict[str, float] = {}
    probs = {}
    for name in DEV:
        keys, gold = _pairs(name)
        probs[name] = T.probabilities(
            *map(list, zip(*keys, strict=True)),
            session=session,
            tokenizer=tokenizer,
            temperature=1.0,
            batch=batch,
        )
        figures[name] = round(f1_of(confusion(gold, probs[name].argmax(1))), 4)
    figures["dev_mean"] = round(sum(figures[n] for n in DEV) / len(DEV), 4)
    figures["megabytes"] = round(path.stat().st_size / 1e6, 1)
    return figures, probs


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def main(argv: list[str] | None = None) -> int:
    import onnx

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=ROOT / "analysis" / T.MODEL_FILE)
    parser.add_argument("--out", type=Path, default=ROOT / "analysis" / "data")
    args = parser.parse_args(argv)
    if not (DATA / "train.jsonl").is_file():
        print(f"No training file at {DATA / 'train.jsonl'}", file=sys.stderr)
        return 2
    model = onnx.load(str(args.source))
    if not dynamic_inputs(model):
        print(
            f"{args.source} quantises no activation per call (already static?): give --source "
            "the dynamically quantised model (see this script's notes)",
            file=sys.stderr,
        )
        return 2
    source = args.source.resolve()
    dynamic = {"sha256": _sha256(source), "megabytes": round(source.stat().st_size / 1e6, 1)}
    tokenizer = T.load_tokenizer(ROOT / "analysis" / T.TOKENIZER_FILE)
    keys, _ = _pairs("train")
    low, high, reference = record_ranges(model, keys, tokenizer)
    agreements = choose_percentile(model, keys, low, high, reference, tokenizer)
    percentile = float(max(agreements, key=lambda p: (agreements[p], float(p))))
    static = convert(model, ranges_at(low, high, percentile))
    before, _ = dev_figures(source, tokenizer, batch=1)
    target = args.out / Path(T.MODEL_FILE).name
    target.write_bytes(static.SerializeToString())
    after, probs = dev_figures(target, tokenizer, batch=T.BATCH)
    meta_path = args.out / Path(T.META_FILE).name
    meta = json.loads(meta_path.read_text())
    dev = {name: _pairs(name)[1] for name in DEV}
    temperature = fit_temperature(
        np.vstack([probs[n] for n in DEV]), np.concatenate([dev[n] for n in DEV])
    )
    tempered = {n: T.softmax(np.log(np.clip(probs[n], 1e-12, 1.0)) / temperature) for n in DEV}
    meta["onnx"] = {**meta["onnx"], "int8": before, "int8-static": after}
    meta["ships"] = "int8-static"
    meta["temperature"] = temperature
    meta["calibration_error"] = {
        name: {
            "raw": round(calibration_error(probs[name], dev[name]), 4),
            "shipped": round(calibration_error(tempered[name], dev[name]), 4),
        }
        for name in DEV
    }
    meta["confusion"] = {
        "rows_gold_cols_predicted": list(LABELS),
        **{name: confusion(dev[name], probs[name].argmax(1)).tolist() for name in DEV},
    }
    meta["quantised_from"] = {
        **dynamic,
        "how": "onnxruntime quantize_dynamic (per-channel int8 weights, activations per call)",
    }
    meta["static_quantisation"] = {
        "script": "bench/quantise_static.py",
        "calibration": f"NewsMTSC train.jsonl, {len(keys):,} pairs, each run alone",
        "range": "percentile of the pairs' per-activation min / max",
        "percentile": percentile,
        "agreement_with_dynamic_by_percentile": agreements,
        "activations": len(low[0]),
    }
    meta["sha256"] = _sha256(target)
    meta_path.write_text(json.dumps(meta, indent=1) + "\n")
    print(json.dumps({k: meta[k] for k in ("onnx", "ships", "temperature", "sha256")}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
