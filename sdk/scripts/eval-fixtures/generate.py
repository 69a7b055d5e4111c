"""Generates the evaluation fixtures bundled in sdk/assets/eval/ (see the README there).

- iris-mlp.onnx: a scikit-learn MLPClassifier (with a StandardScaler) trained on two thirds of
  Iris, exported by skl2onnx. Input `features` [N, 4] float32; outputs `label` [N] int64 and
  `probabilities` [N, 3] float32.
- digits-cnn.onnx: a small PyTorch CNN trained on three quarters of scikit-learn's 8x8 digits,
  exported by torch.onnx.export (the torch.export-based exporter, PyTorch's default). Input
  `pixels` [N, 1, 8, 8] float32 with the raw 0..16 pixel values (the model divides by 16);
  output `logits` [N, 10] float32.
- iris-test.csv / iris-test.json, digits-test.csv: the held-out samples, one row each, features
  in row-major order and the class in the `label` column.
- expected.json: what the exporting tools themselves predict on those samples (scikit-learn's
  `predict`, PyTorch's forward pass), with their accuracy and macro-F1. The SDK's tests assert
  that @daimm/sdk/eval reproduces these predictions, so the same accuracy, exactly.

Run from the repository root after `npm ci` (the JSON files are formatted with the repository's
biome), in a virtual environment with requirements.txt installed:
    python sdk/scripts/eval-fixtures/generate.py

Training is seeded, but a different CPU or library build may still train slightly different
weights: the committed files, not a regeneration, are the reference. The script checks that
onnxruntime (Python) predicts exactly what the exporting tool predicts, and fails otherwise.
"""

import json
import os
import subprocess
import sys
from importlib.metadata import version

import numpy as np
import onnx
import onnxruntime
import torch
from skl2onnx import to_onnx
from skl2onnx.common.data_types import FloatTensorType
from sklearn.datasets import load_digits, load_iris
from sklearn.metrics import accuracy_score, f1_score
from sklearn.model_selection import train_test_split
from sklearn.neural_network import MLPClassifier
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

SEED = 0
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "assets", "eval")


def onnxruntime_predictions(path, feeds, output):
    session = onnxruntime.InferenceSession(path, providers=["CPUExecutionProvider"])
    result = session.run([output], feeds)[0]
    return result if result.ndim == 1 else result.argmax(axis=1)


def write_csv(path, header, features, labels, fmt):
    with open(path, "w", newline="\n") as f:
        f.write(",".join(header) + "\n")
        for row, label in zip(features, labels):
            f.write(",".join(fmt(v) for v in row) + f",{int(label)}\n")


def summary(tool, labels, predictions):
    return {
        "exporter": tool,
        "n": int(len(labels)),
        "correct": int((labels == predictions).sum()),
        "accuracy": float(accuracy_score(labels, predictions)),
        "macroF1": float(f1_score(labels, predictions, average="macro")),
        "predictions": [int(p) for p in predictions],
    }


def iris():
    data = load_iris()
    x, y = data.data, data.target
    x_train, x_test, y_train, y_test = train_test_split(
        x, y, test_size=50, stratify=y, random_state=SEED
    )
    model = make_pipeline(
        StandardScaler(),
        MLPClassifier(hidden_layer_sizes=(16,), max_iter=2000, random_state=SEED),
    )
    model.fit(x_train, y_train)
    # The model sees float32, as ONNX does: predict on the float32 values of the test set.
    x_test32 = x_test.astype(np.float32)
    predictions = model.predict(x_test32)

    onx = to_onnx(
        model,
        initial_types=[("features", FloatTensorType([None, 4]))],
        options={MLPClassifier: {"zipmap": False}},
        target_opset={"": 17, "ai.onnx.ml": 3},
    )
    onx.doc_string = "Iris MLP (scikit-learn MLPClassifier + StandardScaler), DAIMM eval fixture"
    path = os.path.join(OUT, "iris-mlp.onnx")
    onnx.save(onx, path)
    check(path, {"features": x_test32}, "label", predictions, "iris")
    check(path, {"features": x_test32}, "probabilities", predictions, "iris")

    header = ["sepal_length", "sepal_width", "petal_length", "petal_width", "label"]
    write_csv(os.path.join(OUT, "iris-test.csv"), header, x_test, y_test, lambda v: f"{v:g}")
    rows = [
        {**{name: float(f"{v:g}") for name, v in zip(header, row)}, "label": int(label)}
        for row, label in zip(x_test, y_test)
    ]
    with open(os.path.join(OUT, "iris-test.json"), "w") as f:
        # One sample a line, spaced as the repository's formatter (biome) leaves JSON.
        f.write("[\n" + ",\n".join(f"  {{ {json.dumps(row)[1:-1]} }}" for row in rows) + "\n]\n")
    return summary(f"scikit-learn {version('scikit-learn')} predict", y_test, predictions)


class DigitsCnn(torch.nn.Module):
    """Two 3x3 convolutions with max-pooling, then one linear layer: 1,898 weights."""

    def __init__(self):
        super().__init__()
        self.features = torch.nn.Sequential(
            torch.nn.Conv2d(1, 8, 3, padding=1),
            torch.nn.ReLU(),
            torch.nn.MaxPool2d(2),
            torch.nn.Conv2d(8, 16, 3, padding=1),
            torch.nn.ReLU(),
            torch.nn.MaxPool2d(2),
        )
        self.classifier = torch.nn.Linear(16 * 2 * 2, 10)

    def forward(self, pixels):
        return self.classifier(torch.flatten(self.features(pixels / 16.0), 1))


def digits():
    data = load_digits()
    x, y = data.data, data.target  # pixels 0..16, integers
    x_train, x_test, y_train, y_test = train_test_split(
        x, y, test_size=0.25, stratify=y, random_state=SEED
    )
    torch.manual_seed(SEED)
    torch.use_deterministic_algorithms(True)
    model = DigitsCnn()
    optimizer = torch.optim.Adam(model.parameters(), lr=0.01)
    inputs = torch.tensor(x_train, dtype=torch.float32).reshape(-1, 1, 8, 8)
    targets = torch.tensor(y_train, dtype=torch.long)
    generator = torch.Generator().manual_seed(SEED)
    for _ in range(30):
        order = torch.randperm(len(inputs), generator=generator)
        for start in range(0, len(inputs), 64):
            batch = order[start : start + 64]
            optimizer.zero_grad()
            loss = torch.nn.functional.cross_entropy(model(inputs[batch]), targets[batch])
            loss.backward()
            optimizer.step()
    model.eval()
    test = torch.tensor(x_test, dtype=torch.float32).reshape(-1, 1, 8, 8)
    with torch.no_grad():
        predictions = model(test).argmax(dim=1).numpy()

    program = torch.onnx.export(
        model,
        (test[:2],),
        input_names=["pixels"],
        output_names=["logits"],
        dynamic_shapes=({0: torch.export.Dim("batch")},),
        dynamo=True,
    )
    path = os.path.join(OUT, "digits-cnn.onnx")
    program.save(path)
    onx = onnx.load(path)
    strip_debug_metadata(onx)
    onx.doc_string = "8x8 digits CNN (PyTorch), DAIMM eval fixture"
    onnx.save(onx, path)
    check(path, {"pixels": test.numpy()}, "logits", predictions, "digits")

    header = [f"p{r}_{c}" for r in range(8) for c in range(8)] + ["label"]
    write_csv(os.path.join(OUT, "digits-test.csv"), header, x_test, y_test, lambda v: str(int(v)))
    return summary(f"torch {torch.__version__} forward", y_test, predictions)


def strip_debug_metadata(onx):
    """Drops what the exporter records for debugging (Python stack traces with this machine's paths,
    FX node names, inferred intermediate shapes): the graph and its weights stay as exported."""
    graph = onx.graph
    for item in [*graph.node, *graph.input, *graph.output, *graph.initializer]:
        del item.metadata_props[:]
    del graph.value_info[:]
    del onx.metadata_props[:]


def check(path, feeds, output, expected, name):
    got = onnxruntime_predictions(path, feeds, output)
    if not np.array_equal(got, expected):
        sys.exit(f"{name}: onnxruntime's {output} disagrees with the exporting tool; change SEED")


def main():
    os.makedirs(OUT, exist_ok=True)
    expected = {"iris-mlp": iris(), "digits-cnn": digits()}
    with open(os.path.join(OUT, "expected.json"), "w") as f:
        json.dump(expected, f, indent=2)
        f.write("\n")
    # The repository's formatter checks JSON under sdk/: leave expected.json as it would.
    subprocess.run(["npx", "biome", "format", "--write", OUT], check=True, capture_output=True)
    for name, result in expected.items():
        print(
            f"{name}: accuracy {result['correct']}/{result['n']} = {result['accuracy']:.6f}, "
            f"macro-F1 {result['macroF1']:.6f} ({result['exporter']})"
        )


if __name__ == "__main__":
    main()
