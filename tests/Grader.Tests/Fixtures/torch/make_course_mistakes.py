#!/usr/bin/env python3
"""Answers made by the course's known mistakes, computed by hand in PyTorch float64 (not by the grader's rules).

Each entry is one part of a shipped spec (problems/dl-a4, and pairs on the earlier specs) answered by a student who
makes the named mistake, or two mistakes together ("pair"): the grader's diagnosis must name exactly that
(CourseMistakeOracleTests). Each mistaken computation is written out here on its own, from the mistake's description,
so a slip in the grader's rules shows up as a failing test, not as a fixture.

Run with Debian's PyTorch: /usr/bin/python3 make_course_mistakes.py  (writes course-mistakes.json beside this file)
"""
import json
import math
import os

import torch
import torch.nn.functional as F
import yaml

torch.set_default_dtype(torch.float64)
HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", "..", "..", ".."))
out = []


def givens(path):
    with open(os.path.join(ROOT, "problems", path + ".yaml")) as f:
        return {k: torch.tensor(v) for k, v in yaml.safe_load(f)["given"].items()}


def add(spec, part, mistakes, value):
    out.append({"spec": spec, "part": part, "mistakes": mistakes, "value": value.detach().tolist()})


# ---- dl-a4/normalisation: out = gamma * xhat + beta, L = sum(out * R)
g = givens("dl-a4/normalisation")
X, gamma, beta, R = g["X"], g["gamma"], g["beta"], g["R"]
eps = 1e-5


def norm(x, dim, unbiased=False):
    mean = x.mean(dim, keepdim=True)
    var = x.var(dim, unbiased=unbiased, keepdim=True)
    return (x - mean) / torch.sqrt(var + eps), var


# batch norm's dx with the mean and variance as constants: dx = gamma * dout / sqrt(var + eps)
_, var = norm(X, 0)
add("dl-a4/normalisation", "batch-norm-dx", ["batchnorm-mean-variance-as-constants"], gamma * R / torch.sqrt(var + eps))
# the variance divided by N - 1 (forward, and the gradient of that forward)
xhat, _ = norm(X, 0, unbiased=True)
add("dl-a4/normalisation", "batch-norm", ["variance-unbiased"], gamma * xhat + beta)
xhat, _ = norm(X, 1, unbiased=True)
add("dl-a4/normalisation", "layer-norm", ["variance-unbiased"], gamma * xhat + beta)
# layer norm's statistics over the batch (each feature across samples)
xhat, _ = norm(X, 0)
add("dl-a4/normalisation", "layer-norm", ["layernorm-over-batch"], gamma * xhat + beta)

# ---- dl-a4/attention: scores without 1/sqrt(d_k); softmax over the wrong axis
g = givens("dl-a4/attention")


def attention(scale=True, axis=-1):
    Xg = g["X"].clone().requires_grad_()
    Wq = g["Wq"].clone().requires_grad_()

    def heads(W):
        return (Xg @ W).reshape(1, 3, 2, 2).transpose(1, 2)

    Q, K, V = heads(Wq), heads(g["Wk"]), heads(g["Wv"])
    scores = Q @ K.transpose(-2, -1)
    if scale:
        scores = scores / math.sqrt(2)
    scores = scores.masked_fill(g["causal"] == 0, float("-inf"))
    weights = torch.softmax(scores, dim=axis)
    out_ = (weights @ V).transpose(1, 2).reshape(1, 3, 4) @ g["Wo"]
    loss = (out_ * g["R"]).sum()
    return weights, out_, torch.autograd.grad(loss, [Wq])[0]


w, o, gq = attention(scale=False)
add("dl-a4/attention", "weights", ["attention-unscaled"], w)
add("dl-a4/attention", "grad-Wq", ["attention-unscaled"], gq)
# softmax over the other axis: with -inf above the diagonal, columns (axis -2) of the masked scores
w, o, gq = attention(axis=-2)
add("dl-a4/attention", "out", ["softmax-wrong-axis"], o)

# ---- dl-a4/convnet: a true convolution (flipped kernel); max pool's gradient to every element of the window
g = givens("dl-a4/convnet")


def convnet(flip=False, pool_all=False):
    K = g["K"].clone().requires_grad_()
    W = g["W"].clone().requires_grad_()
    kernel = torch.flip(K, dims=[2, 3]) if flip else K
    conv = F.conv2d(g["X"], kernel, g["c"], padding=1)
    r = torch.relu(conv)
    if pool_all:
        # forward as max pool, backward to every element of each window: pooled = max + (avg*4 - (avg*4).detach())
        mx = F.max_pool2d(r, 2)
        s = F.avg_pool2d(r, 2) * 4
        pooled = mx.detach() + s - s.detach()
    else:
        pooled = F.max_pool2d(r, 2)
    scores = pooled.flatten(1) @ W.T + g["b"]
    loss = F.cross_entropy(scores, g["y"].long())
    gK, gW = torch.autograd.grad(loss, [K, W])
    return conv, gK, gW


conv, gK, gW = convnet(flip=True)
add("dl-a4/convnet", "conv", ["conv-kernel-flipped"], conv)
add("dl-a4/convnet", "grad-K", ["conv-kernel-flipped"], gK)
_, right, _ = convnet()
add("dl-a4/convnet", "grad-K", ["conv-kernel-flipped"], torch.flip(right, dims=[2, 3]))
_, gK, _ = convnet(pool_all=True)
add("dl-a4/convnet", "grad-K", ["pool-gradient-to-all-maxima"], gK)

# ---- dl-a4/lstm-bptt and gru-bptt: back-propagation through time written by hand (checked against autograd), with a
# gate's sigmoid derivative, the tanh's derivative, or every step's term but the last left out


def sig_slope(s, drop):
    """The sigmoid's derivative at its value s, or 1 for a student who leaves it out."""
    return torch.ones_like(s) if drop else s * (1 - s)


def lstm(drop_gates=False, drop_tanh=False, last_step_only=False):
    g = {k: v.double() for k, v in givens("dl-a4/lstm-bptt").items()}
    xs, W_ih, W_hh, b = g["xs"], g["W_ih"], g["W_hh"], g["b"]
    hs, cs, cache = [g["h0"]], [g["c0"]], []
    for x in xs:
        a = W_ih @ x + W_hh @ hs[-1] + b
        i, f, gg, o = torch.sigmoid(a[0:3]), torch.sigmoid(a[3:6]), torch.tanh(a[6:9]), torch.sigmoid(a[9:12])
        cs.append(f * cs[-1] + i * gg)
        hs.append(o * torch.tanh(cs[-1]))
        cache.append((i, f, gg, o))
    yhat = g["w_y"] @ hs[-1] + g["b_y"]
    tanh_slope = (lambda v: torch.ones_like(v)) if drop_tanh else (lambda v: 1 - v ** 2)
    dh, dc = (yhat - g["y"]) * g["w_y"], torch.zeros(3)
    dW_ih, dW_hh, db, dc2 = torch.zeros_like(W_ih), torch.zeros_like(W_hh), torch.zeros_like(b), None
    T = len(xs)
    for t in range(T, 0, -1):
        i, f, gg, o = cache[t - 1]
        tc = torch.tanh(cs[t])
        do = dh * tc
        dc = dc + dh * o * tanh_slope(tc)
        if t == 2:
            dc2 = dc
        di, df, dg = dc * gg, dc * cs[t - 1], dc * i
        da = torch.cat([di * sig_slope(i, drop_gates), df * sig_slope(f, drop_gates), dg * tanh_slope(gg), do * sig_slope(o, drop_gates)])
        if not last_step_only or t == T:
            dW_ih += torch.outer(da, xs[t - 1])
            dW_hh += torch.outer(da, hs[t - 1])
            db += da
        dh, dc = W_hh.T @ da, dc * f
    return {"e-grad-c2": dc2, "f-grad-W_hh": dW_hh, "g-grad-W_ih": dW_ih, "h-grad-b": db}


def gru(drop_gates=False):
    g = {k: v.double() for k, v in givens("dl-a4/gru-bptt").items()}
    xs, W_ih, W_hh, b_ih, b_hh = g["xs"], g["W_ih"], g["W_hh"], g["b_ih"], g["b_hh"]
    hs, cache = [g["h0"]], []
    for x in xs:
        p_, q = W_ih @ x + b_ih, W_hh @ hs[-1] + b_hh
        r, z = torch.sigmoid(p_[0:3] + q[0:3]), torch.sigmoid(p_[3:6] + q[3:6])
        n = torch.tanh(p_[6:9] + r * q[6:9])
        hs.append((1 - z) * n + z * hs[-1])
        cache.append((q, r, z, n))
    yhat = g["w_y"] @ hs[-1] + g["b_y"]
    dh = (yhat - g["y"]) * g["w_y"]
    dW_ih, dW_hh, db_hh, dh2 = torch.zeros_like(W_ih), torch.zeros_like(W_hh), torch.zeros_like(b_hh), None
    for t in range(len(xs), 0, -1):
        if t == 2:
            dh2 = dh
        q, r, z, n = cache[t - 1]
        dn_pre = dh * (1 - z) * (1 - n ** 2)
        dr_pre = dn_pre * q[6:9] * sig_slope(r, drop_gates)
        dz_pre = dh * (hs[t - 1] - n) * sig_slope(z, drop_gates)
        dp = torch.cat([dr_pre, dz_pre, dn_pre])
        dq = torch.cat([dr_pre, dz_pre, dn_pre * r])
        dW_ih += torch.outer(dp, xs[t - 1])
        dW_hh += torch.outer(dq, hs[t - 1])
        db_hh += dq
        dh = dh * z + W_hh.T @ dq
    return {"d-grad-h2": dh2, "e-grad-W_hh": dW_hh, "f-grad-W_ih": dW_ih, "g-grad-b_hh": db_hh}


def autograd_check(spec, computed):
    """The hand-written backward pass without a mistake agrees with torch.nn's cells (shipped-course.json)."""
    with open(os.path.join(HERE, "shipped-course.json")) as f:
        answers = json.load(f)["specs"]["problems/" + spec + ".yaml"]
    for part, value in computed.items():
        assert torch.allclose(value, torch.tensor(answers[part]), rtol=1e-12, atol=1e-15), (spec, part)


autograd_check("dl-a4/lstm-bptt", lstm())
autograd_check("dl-a4/gru-bptt", gru())
for part, value in lstm(drop_gates=True).items():
    add("dl-a4/lstm-bptt", part, ["gate-derivative-forgotten"], value)
add("dl-a4/lstm-bptt", "f-grad-W_hh", ["activation-derivative-forgotten"], lstm(drop_tanh=True)["f-grad-W_hh"])
add("dl-a4/lstm-bptt", "g-grad-W_ih", ["bptt-last-step-only"], lstm(last_step_only=True)["g-grad-W_ih"])
for part, value in gru(drop_gates=True).items():
    add("dl-a4/gru-bptt", part, ["gate-derivative-forgotten"], value)

# ---- pairs on dl-a2/softmax-classifier: grad-logits = (softmax(Z) - onehot(y)) / N
# (its YAML holds expressions PyYAML refuses unquoted, `axis: 1`, so the givens are written again here)
Xs = torch.tensor([[1.0, 0.5], [-0.5, 1.5], [2.0, -1.0], [0.0, 0.0]])
labels = torch.tensor([1, 0, 0, 2])
W1 = torch.tensor([[0.5, -0.2], [0.3, 0.8], [-0.6, 0.4]])
b1 = torch.tensor([0.1, 0.0, -0.1])
W2 = torch.tensor([[0.7, -0.3, 0.2], [-0.4, 0.6, 0.1], [0.2, 0.1, -0.5]])
b2 = torch.tensor([0.0, 0.1, -0.1])
H = torch.relu(Xs @ W1.T + b1)
Z = H @ W2.T + b2
P = torch.softmax(Z, dim=1)
onehot = F.one_hot(labels, 3).double()
# the - y forgotten and a sum where the loss takes a mean: softmax(Z) (no / N)
add("dl-a2/softmax-classifier", "grad-logits", ["softmax-ce-without-y", "sum-for-mean"], P)
# the - y forgotten and the sign flipped: -softmax(Z) / N
add("dl-a2/softmax-classifier", "grad-logits", ["sign-flipped", "softmax-ce-without-y"], -P / 4)

with open(os.path.join(HERE, "course-mistakes.json"), "w") as f:
    json.dump({"torch": torch.__version__, "answers": out}, f, indent=1)
    f.write("\n")
print(f"wrote course-mistakes.json: {len(out)} answers")
