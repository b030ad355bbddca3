#!/usr/bin/env python3
"""The answers of the shipped whole-course specs (problems/dl-a4) computed in PyTorch float64, outside the grader.

Each spec's givens are read from its YAML; the computation is written here again in torch, from the spec's
description (not from its expressions), so that the engine's answers are checked against PyTorch's. Writes
shipped-course.json in the format of shipped.json: {"specs": {path: {part: values}}}.

Run with a Python that has torch:  /usr/bin/python3 make_shipped_course.py
"""
import json
import math
import os

import torch
import torch.nn.functional as F
import yaml

D = torch.float64
HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", "..", "..", ".."))


def givens(path):
    with open(os.path.join(ROOT, path)) as f:
        spec = yaml.safe_load(f)
    return {k: torch.tensor(v, dtype=D) for k, v in spec["given"].items()}


def grad(loss, x):
    return torch.autograd.grad(loss, [x], retain_graph=True)[0]


def listify(d):
    return {k: v.detach().tolist() for k, v in d.items()}


def convnet():
    g = givens("problems/dl-a4/convnet.yaml")
    X, y = g["X"], g["y"].long()
    K, c, W, b = (g[n].clone().requires_grad_() for n in ("K", "c", "W", "b"))
    conv = F.conv2d(X, K, c, padding=1)
    pooled = F.max_pool2d(torch.relu(conv), 2)
    scores = pooled.flatten(1) @ W.T + b
    loss = F.cross_entropy(scores, y)
    return {"conv": conv, "pooled": pooled, "loss": loss, "grad-W": grad(loss, W), "grad-K": grad(loss, K), "grad-c": grad(loss, c)}


def normalisation():
    g = givens("problems/dl-a4/normalisation.yaml")
    X = g["X"].clone().requires_grad_()
    gamma = g["gamma"].clone().requires_grad_()
    bn = F.batch_norm(X, None, None, gamma, g["beta"], training=True, eps=1e-5)
    ln = F.layer_norm(X, [3], gamma, g["beta"], eps=1e-5)
    bn_loss = (bn * g["R"]).sum()
    ln_loss = (ln * g["R"]).sum()
    return {"batch-norm": bn, "batch-norm-dx": grad(bn_loss, X), "batch-norm-dgamma": grad(bn_loss, gamma),
            "layer-norm": ln, "layer-norm-dx": grad(ln_loss, X)}


def attention():
    g = givens("problems/dl-a4/attention.yaml")
    X = g["X"].clone().requires_grad_()
    Wq = g["Wq"].clone().requires_grad_()

    def heads(W):
        return (X @ W).reshape(1, 3, 2, 2).transpose(1, 2)

    Q, K, V = heads(Wq), heads(g["Wk"]), heads(g["Wv"])
    scores = (Q @ K.transpose(-2, -1)) / math.sqrt(2)
    scores = scores.masked_fill(g["causal"] == 0, float("-inf"))
    weights = torch.softmax(scores, dim=-1)
    out = (weights @ V).transpose(1, 2).reshape(1, 3, 4) @ g["Wo"]
    loss = (out * g["R"]).sum()
    # The same through PyTorch's own attention, as a check of the written-out form above.
    same = F.scaled_dot_product_attention(Q, K, V, is_causal=True) if hasattr(F, "scaled_dot_product_attention") else weights @ V
    assert torch.allclose(same, weights @ V, rtol=1e-12, atol=1e-14)
    return {"weights": weights, "out": out, "grad-Wq": grad(loss, Wq), "grad-X": grad(loss, X)}


specs = {
    "problems/dl-a4/convnet.yaml": listify(convnet()),
    "problems/dl-a4/normalisation.yaml": listify(normalisation()),
    "problems/dl-a4/attention.yaml": listify(attention()),
}
with open(os.path.join(HERE, "shipped-course.json"), "w") as f:
    json.dump({"torch": torch.__version__, "specs": specs}, f, indent=1)
    f.write("\n")
print("wrote shipped-course.json:", ", ".join(specs))
