#!/usr/bin/env python3
"""The answers of the shipped whole-course specs (problems/dl-a4) computed in PyTorch float64, outside the grader.

Each spec's givens are read from its YAML; the computation is written here again in torch, from the spec's
description (not from its expressions; the LSTM and GRU are torch.nn's cells, checked against torch.nn.LSTM and
torch.nn.GRU over the whole sequence), so that the engine's answers are checked against PyTorch's. Writes
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


def cells(cell, xs, states):
    """Runs a torch.nn cell over the rows of xs from states, keeping every step's states (their gradients retained)."""
    steps = []
    for x in xs:
        states = cell(x.unsqueeze(0), states)
        for s in (states if isinstance(states, tuple) else (states,)):
            s.retain_grad()
        steps.append(states)
    return steps


def sequence_loss(module, cell, g, h):
    """Checks the cell by cell run against the torch.nn module over the whole sequence; the loss of its last h."""
    seq = module(2, 3).to(D)
    seq.load_state_dict({k + "_l0": v for k, v in cell.state_dict().items()})
    out, _ = seq(g["xs"].unsqueeze(1))
    assert torch.allclose(out[-1], h, rtol=1e-12, atol=1e-14)
    yhat = (g["w_y"] * h[0]).sum() + g["b_y"]
    loss = 0.5 * (yhat - g["y"]) ** 2
    loss.backward()
    return loss


def lstm():
    g = givens("problems/dl-a4/lstm-bptt.yaml")
    cell = torch.nn.LSTMCell(2, 3).to(D)
    with torch.no_grad():
        cell.weight_ih.copy_(g["W_ih"])
        cell.weight_hh.copy_(g["W_hh"])
        cell.bias_ih.copy_(g["b"])
        cell.bias_hh.zero_()
    steps = cells(cell, g["xs"], (g["h0"].unsqueeze(0), g["c0"].unsqueeze(0)))
    h, c = steps[-1]
    loss = sequence_loss(torch.nn.LSTM, cell, g, h)
    a1 = g["W_ih"] @ g["xs"][0] + g["b"]  # h_0 = 0
    return {"a-f1": torch.sigmoid(a1[3:6]), "b-cells": torch.cat([s[1] for s in steps]), "c-h4": h[0], "d-loss": loss,
            "e-grad-c2": steps[1][1].grad[0], "f-grad-W_hh": cell.weight_hh.grad, "g-grad-W_ih": cell.weight_ih.grad,
            "h-grad-b": cell.bias_ih.grad}


def gru():
    g = givens("problems/dl-a4/gru-bptt.yaml")
    cell = torch.nn.GRUCell(2, 3).to(D)
    with torch.no_grad():
        cell.weight_ih.copy_(g["W_ih"])
        cell.weight_hh.copy_(g["W_hh"])
        cell.bias_ih.copy_(g["b_ih"])
        cell.bias_hh.copy_(g["b_hh"])
    steps = cells(cell, g["xs"], g["h0"].unsqueeze(0))
    h = steps[-1]
    loss = sequence_loss(torch.nn.GRU, cell, g, h)
    pre = g["W_ih"] @ g["xs"][0] + g["b_ih"] + g["b_hh"]  # h_0 = 0
    return {"a-z1": torch.sigmoid(pre[3:6]), "b-states": torch.cat(steps), "c-loss": loss, "d-grad-h2": steps[1].grad[0],
            "e-grad-W_hh": cell.weight_hh.grad, "f-grad-W_ih": cell.weight_ih.grad, "g-grad-b_hh": cell.bias_hh.grad}


specs = {
    "problems/dl-a4/convnet.yaml": listify(convnet()),
    "problems/dl-a4/normalisation.yaml": listify(normalisation()),
    "problems/dl-a4/attention.yaml": listify(attention()),
    "problems/dl-a4/lstm-bptt.yaml": listify(lstm()),
    "problems/dl-a4/gru-bptt.yaml": listify(gru()),
}
with open(os.path.join(HERE, "shipped-course.json"), "w") as f:
    json.dump({"torch": torch.__version__, "specs": specs}, f, indent=1)
    f.write("\n")
print("wrote shipped-course.json:", ", ".join(specs))
