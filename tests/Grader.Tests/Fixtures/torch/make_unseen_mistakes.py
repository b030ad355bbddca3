#!/usr/bin/env python3
"""Mistaken answers to whole-course problems the diagnosis was not written for (Fixtures/unseen-course), made in
PyTorch float64, one computation per mistake, written here from the mistake's description (not from the grader's rules).

For each spec: its right answers (computed in torch from the description, so that a spec slip is not counted as a
missed diagnosis), and for each catalogue mistake a student could make in it, the answer to one or two parts of a
student who makes it. UnseenCourseTests grades each as a script and counts it named (that id), ambiguous (no id) or
misnamed (another id).

Run with Debian's PyTorch: /usr/bin/python3 make_unseen_mistakes.py  (writes unseen-course-mistakes.json beside this)
"""
import json
import math
import os

import torch
import torch.nn.functional as F
import yaml

torch.set_default_dtype(torch.float64)
HERE = os.path.dirname(os.path.abspath(__file__))
SPECS = os.path.normpath(os.path.join(HERE, "..", "unseen-course"))
right, mistaken = {}, []


def givens(spec):
    """The spec's givens (its given: block alone: PyYAML refuses some formulas the grader reads, `axis: 0`)."""
    with open(os.path.join(SPECS, spec + ".yaml")) as f:
        lines = f.read().split("\n")
    start = lines.index("given:")
    end = next(i for i in range(start + 1, len(lines)) if lines[i] and not lines[i][0].isspace() and not lines[i].startswith("#"))
    block = yaml.safe_load("\n".join(lines[start:end]))["given"]
    # PyYAML reads 1e-5 as a string (YAML 1.1), the grader as a number
    return {k: torch.tensor(float(v) if isinstance(v, str) else v, dtype=torch.float64) for k, v in block.items()}


def add(spec, mistake, answers):
    for part, value in answers.items():
        mistaken.append({"spec": spec, "part": part, "mistake": mistake, "value": value.detach().tolist()})


def act(f, a, slip=None):
    """f(a) whose derivative a student takes as 1 ("one"), as f(a) itself ("value"), or as f' at f(a) ("at-output")."""
    y = f(a)
    if slip is None:
        return y
    if slip == "one":
        d = torch.ones_like(y)
    elif slip == "value":
        d = y
    else:
        z = y.detach().requires_grad_()
        d = torch.autograd.grad(f(z).sum(), z)[0]
    return y.detach() + (a - a.detach()) * d.detach()


def grads(loss, wrt):
    found = torch.autograd.grad(loss, wrt, retain_graph=True, allow_unused=True)
    return [torch.zeros_like(w) if d is None else d for w, d in zip(wrt, found)]


def flip_grad(x):
    """x forward, its gradient negated backward (a sign lost in the chain rule)."""
    return 2 * x.detach() - x


# ---- conv-pool-net ---------------------------------------------------------------------------------------------------
def conv_pool_net(flip=False, no_bias=False, pool_all=False, relu_slip=None, ce_without_y=False):
    g = givens("conv-pool-net")
    K, c, W = (g[n].clone().requires_grad_() for n in ("K", "c", "W"))
    Z = F.conv2d(g["X"], torch.flip(K, [2, 3]) if flip else K, None if no_bias else c)
    A = act(torch.relu, Z, relu_slip)
    P = F.max_pool2d(A, 2)
    if pool_all:
        s4 = F.avg_pool2d(A, 2) * 4
        P = P.detach() + s4 - s4.detach()
    s = P.flatten(1) @ W.T + g["b"]
    y = g["y"].long()
    L = F.cross_entropy(s, y)
    if ce_without_y:
        # dL/ds = softmax(s) (no - y): a loss whose gradient at s is that, with the right value
        soft = torch.softmax(s, 1).detach()
        L = L.detach() + ((s - s.detach()) * soft).sum() / s.shape[0]
    gW, gK, gc = grads(L, [W, K, c])
    return {"conv": Z, "pooled": P, "loss": L, "grad-W": gW, "grad-K": gK, "grad-c": gc}


spec = "conv-pool-net"
right[spec] = conv_pool_net()
add(spec, "conv-kernel-flipped", {"conv": conv_pool_net(flip=True)["conv"]})
add(spec, "conv-kernel-flipped", {"grad-K": torch.flip(right[spec]["grad-K"], [2, 3])})
add(spec, "bias-forgotten", {"conv": conv_pool_net(no_bias=True)["conv"]})
add(spec, "pool-gradient-to-all-maxima", {k: v for k, v in conv_pool_net(pool_all=True).items() if k in ("grad-K", "grad-c")})
add(spec, "relu-derivative-one", {k: v for k, v in conv_pool_net(relu_slip="one").items() if k in ("grad-K", "grad-c")})
add(spec, "softmax-ce-without-y", {"grad-W": conv_pool_net(ce_without_y=True)["grad-W"]})
add(spec, "sign-flipped", {"grad-K": -right[spec]["grad-K"]})
add(spec, "magnitude-slip", {"grad-W": 10 * right[spec]["grad-W"]})


# ---- batchnorm-by-hand -----------------------------------------------------------------------------------------------
def batchnorm(unbiased=False, constants=False, relu_slip=None, loss="mean", square_factor=2.0):
    g = givens("batchnorm-by-hand")
    W1, gamma, w2 = (g[n].clone().requires_grad_() for n in ("W1", "gamma", "w2"))
    H = g["X"] @ W1 + g["b1"]
    mu = H.mean(0)
    s2 = ((H - mu) ** 2).sum(0) / (H.shape[0] - 1 if unbiased else H.shape[0])
    if constants:
        mu, s2 = mu.detach(), s2.detach()
    B = gamma * (H - mu) / torch.sqrt(s2 + g["eps"]) + g["beta"]
    A = act(torch.relu, B, relu_slip)
    r = A @ w2 + g["b2"] - g["y"]
    # the square's derivative taken as square_factor * r instead of 2 r
    sq = r ** 2 if square_factor == 2 else r.detach() ** 2 + square_factor * r.detach() * (r - r.detach())
    L = {"mean": sq.mean(), "sum": sq.sum(), "first": sq[0]}[loss]
    gg, gW1, gw2 = grads(L, [gamma, W1, w2])
    return {"normalised": B, "loss": L, "grad-gamma": gg, "grad-W1": gW1, "grad-w2": gw2}


spec = "batchnorm-by-hand"
right[spec] = batchnorm()
add(spec, "batchnorm-mean-variance-as-constants", {"grad-W1": batchnorm(constants=True)["grad-W1"]})
add(spec, "variance-unbiased", {k: v for k, v in batchnorm(unbiased=True).items() if k in ("normalised", "grad-gamma")})
add(spec, "relu-derivative-one", {"grad-W1": batchnorm(relu_slip="one")["grad-W1"]})
add(spec, "sum-for-mean", {"grad-w2": batchnorm(loss="sum")["grad-w2"]})
add(spec, "one-sample", {"grad-w2": batchnorm(loss="first")["grad-w2"]})
add(spec, "square-factor-dropped", {"grad-w2": batchnorm(square_factor=1.0)["grad-w2"]})
add(spec, "sign-flipped", {"grad-gamma": -right[spec]["grad-gamma"]})
add(spec, "magnitude-slip", {"loss": right[spec]["loss"] / 10})


# ---- attention-layernorm ---------------------------------------------------------------------------------------------
def attention_ln(scale=True, axis=1, ln="tokens", unbiased=False):
    g = givens("attention-layernorm")
    Wq, Wv = g["Wq"].clone().requires_grad_(), g["Wv"].clone().requires_grad_()
    X = g["X"]
    Q, K, V = X @ Wq, X @ g["Wk"], X @ Wv
    S = Q @ K.T / (math.sqrt(4) if scale else 1)
    Att = torch.softmax(S, axis)
    Z = X + Att @ V
    dim = 1 if ln == "tokens" else 0
    mean = Z.mean(dim, keepdim=True)
    var = Z.var(dim, unbiased=unbiased, keepdim=True)
    Y = (Z - mean) / torch.sqrt(var + 1e-5)
    if ln == "tokens" and not unbiased:
        assert torch.allclose(Y, F.layer_norm(Z, [4]), rtol=1e-12, atol=1e-14)
    L = (Y * g["R"]).sum()
    gq, gv = grads(L, [Wq, Wv])
    return {"weights": Att, "out": Y, "grad-Wq": gq, "grad-Wv": gv}


spec = "attention-layernorm"
right[spec] = attention_ln()
add(spec, "attention-unscaled", {k: v for k, v in attention_ln(scale=False).items() if k in ("weights", "grad-Wq")})
add(spec, "softmax-wrong-axis", {"weights": attention_ln(axis=0)["weights"]})
add(spec, "layernorm-over-batch", {"out": attention_ln(ln="batch")["out"]})
add(spec, "variance-unbiased", {"out": attention_ln(unbiased=True)["out"]})
add(spec, "sign-flipped", {"grad-Wv": -right[spec]["grad-Wv"]})
add(spec, "transposed", {"weights": right[spec]["weights"].T})


# ---- lstm-classifier -------------------------------------------------------------------------------------------------
def lstm_classifier(gate_slip=None, tanh_slip=None, out_slip=None, last_step_only=False):
    g = givens("lstm-classifier")
    P = {n: g[n].clone().requires_grad_() for n in ("v", "Uf", "Wc", "bo")}
    w = {**g, **P}
    h, c = g["zero"], g["zero"]
    for t, x in enumerate(g["x"]):
        if last_step_only and t == 2:
            h, c = h.detach(), c.detach()
        f = act(torch.sigmoid, w["Wf"] @ x + w["Uf"] @ h + w["bf"], gate_slip)
        i = act(torch.sigmoid, w["Wi"] @ x + w["Ui"] @ h + w["bi"], gate_slip)
        o = act(torch.sigmoid, w["Wo"] @ x + w["Uo"] @ h + w["bo"], gate_slip)
        ct = act(torch.tanh, w["Wc"] @ x + w["Uc"] @ h + w["bc"], tanh_slip)
        c = f * c + i * ct
        h = o * act(torch.tanh, c, tanh_slip)
    p = act(torch.sigmoid, w["v"] @ h + w["a"], out_slip)
    L = -(g["y"] * torch.log(p) + (1 - g["y"]) * torch.log(1 - p))
    gv, gUf, gWc, gbo = grads(L, [P["v"], P["Uf"], P["Wc"], P["bo"]])
    return {"h3": h, "prob": p, "grad-v": gv, "grad-Uf": gUf, "grad-Wc": gWc, "grad-bo": gbo}


spec = "lstm-classifier"
right[spec] = lstm_classifier()
add(spec, "gate-derivative-forgotten", {k: v for k, v in lstm_classifier(gate_slip="one").items() if k in ("grad-Uf", "grad-bo")})
add(spec, "activation-derivative-forgotten", {"grad-v": lstm_classifier(out_slip="one")["grad-v"]})
add(spec, "activation-derivative-forgotten", {"grad-Wc": lstm_classifier(tanh_slip="one")["grad-Wc"]})
add(spec, "tanh-for-derivative", {"grad-Wc": lstm_classifier(tanh_slip="value")["grad-Wc"]})
add(spec, "sigmoid-for-derivative", {"grad-v": lstm_classifier(out_slip="value")["grad-v"]})
add(spec, "derivative-at-activation", {"grad-v": lstm_classifier(out_slip="at-output")["grad-v"]})
add(spec, "bptt-last-step-only", {"grad-Uf": lstm_classifier(last_step_only=True)["grad-Uf"]})


# ---- rnn-sequence-labels ---------------------------------------------------------------------------------------------
def rnn_labels(tanh_slip=None, last_step_only=False, ce_without_y=False, loss="mean"):
    g = givens("rnn-sequence-labels")
    Wx, Wh, V = (g[n].clone().requires_grad_() for n in ("Wx", "Wh", "V"))
    h, hs = g["h0"], []
    for t, x in enumerate(g["xs"]):
        Wh_t = Wh if not last_step_only or t == 3 else Wh.detach()
        h_prev = h.detach() if last_step_only and t == 3 else h
        h = act(torch.tanh, Wx @ x + Wh_t @ h_prev + g["bh"], tanh_slip)
        hs.append(h)
    H = torch.stack(hs)
    S = H @ V.T + g["c"]
    y = g["ys"].long()
    ce = F.cross_entropy(S, y, reduction="none")
    if ce_without_y:
        soft = torch.softmax(S, 1).detach()
        ce = ce.detach() + ((S - S.detach()) * soft).sum(1)
    L = {"mean": ce.mean(), "sum": ce.sum(), "first": ce[0]}[loss]
    gS, gV, gWh, gWx = grads(L, [S, V, Wh, Wx])
    return {"states": H, "loss": L, "grad-S": gS, "grad-V": gV, "grad-Wh": gWh, "grad-Wx": gWx}


spec = "rnn-sequence-labels"
right[spec] = rnn_labels()
add(spec, "bptt-last-step-only", {"grad-Wh": rnn_labels(last_step_only=True)["grad-Wh"]})
add(spec, "activation-derivative-forgotten", {"grad-Wh": rnn_labels(tanh_slip="one")["grad-Wh"]})
add(spec, "tanh-for-derivative", {"grad-Wx": rnn_labels(tanh_slip="value")["grad-Wx"]})
add(spec, "derivative-at-activation", {"grad-Wx": rnn_labels(tanh_slip="at-output")["grad-Wx"]})
add(spec, "softmax-ce-without-y", {"grad-S": rnn_labels(ce_without_y=True)["grad-S"]})
add(spec, "sum-for-mean", {"grad-S": rnn_labels(loss="sum")["grad-S"]})
add(spec, "one-sample", {"grad-V": rnn_labels(loss="first")["grad-V"]})
add(spec, "sign-flipped", {"grad-V": -right[spec]["grad-V"]})


# ---- adam-regression and momentum-weight-decay -----------------------------------------------------------------------
def least_squares_grad(X, y, w, reduce=4.0, factor=2.0):
    return factor * X.T @ (X @ w - y) / reduce


def adam(steps=2, correct=True, sign=1.0, reduce=4.0, factor=2.0):
    g = givens("adam-regression")
    w, m, v, out = g["w0"], g["zero"], g["zero"], {}
    for t in range(1, steps + 1):
        grad = sign * least_squares_grad(g["X"], g["y"], w, reduce, factor)
        m = 0.9 * m + 0.1 * grad
        v = 0.999 * v + 0.001 * grad ** 2
        mhat, vhat = (m / (1 - 0.9 ** t), v / (1 - 0.999 ** t)) if correct else (m, v)
        w = w - 0.1 * mhat / (torch.sqrt(vhat) + 1e-8)
        out.update({f"g{t}": grad, f"m{t}": m, f"w{t}": w})
    # torch.optim.Adam for the right answer
    if correct and sign == 1 and reduce == 4 and factor == 2:
        p = g["w0"].clone().requires_grad_()
        opt = torch.optim.Adam([p], lr=0.1, betas=(0.9, 0.999), eps=1e-8)
        for _ in range(steps):
            opt.zero_grad()
            ((g["X"] @ p - g["y"]) ** 2).mean().backward()
            opt.step()
        assert torch.allclose(p.detach(), w, rtol=1e-12, atol=1e-14)
    return {k: out[k] for k in ("g1", "w1", "m2", "w2")}


spec = "adam-regression"
right[spec] = adam()
add(spec, "adam-no-bias-correction", {k: v for k, v in adam(correct=False).items() if k in ("w1", "w2")})
add(spec, "sign-flipped", {"w1": adam(sign=-1.0)["w1"]})
add(spec, "sum-for-mean", {"g1": adam(reduce=1.0)["g1"]})
add(spec, "square-factor-dropped", {"g1": adam(factor=1.0)["g1"]})
add(spec, "magnitude-slip", {"m2": 10 * right[spec]["m2"]})


def momentum_wd(wd_factor=1.0, sign=1.0, reduce=4.0, factor=2.0):
    g = givens("momentum-weight-decay")
    w, u, out = g["w0"], g["u0"], {}
    for t in range(1, 4):
        grad = sign * (least_squares_grad(g["X"], g["y"], w, reduce, factor) + wd_factor * 0.01 * w)
        u = 0.9 * u + grad
        w = w - 0.1 * u
        out.update({f"g{t}": grad, f"w{t}": w})
    if wd_factor == 1 and sign == 1 and reduce == 4 and factor == 2:
        p = g["w0"].clone().requires_grad_()
        opt = torch.optim.SGD([p], lr=0.1, momentum=0.9, weight_decay=0.01)
        for _ in range(3):
            opt.zero_grad()
            ((g["X"] @ p - g["y"]) ** 2).mean().backward()
            opt.step()
        assert torch.allclose(p.detach(), w, rtol=1e-12, atol=1e-14)
    return {k: out[k] for k in ("g1", "w1", "w3")}


spec = "momentum-weight-decay"
right[spec] = momentum_wd()
add(spec, "l2-gradient-missing", {"w3": momentum_wd(wd_factor=0.0)["w3"]})
add(spec, "l2-gradient-doubled", {"w3": momentum_wd(wd_factor=2.0)["w3"]})
add(spec, "sign-flipped", {"w1": momentum_wd(sign=-1.0)["w1"]})
add(spec, "sum-for-mean", {"g1": momentum_wd(reduce=1.0)["g1"]})
add(spec, "square-factor-dropped", {"g1": momentum_wd(factor=1.0)["g1"]})


# ---- dropout-wd-mlp --------------------------------------------------------------------------------------------------
def dropout_mlp(scaled=True, no_b1=False, relu_slip=None, ce_without_y=False, loss="mean", wd_w=2.0, wd_b=0.0):
    g = givens("dropout-wd-mlp")
    W1, b1, W2, b2 = (g[n].clone().requires_grad_() for n in ("W1", "b1", "W2", "b2"))
    H = act(torch.relu, g["X"] @ W1 + (0 if no_b1 else b1), relu_slip)
    D = H * g["M"] / (1 - 0.5) if scaled else H * g["M"]
    S = D @ W2 + b2
    y = g["y"].long()
    ce = F.cross_entropy(S, y, reduction="none")
    if ce_without_y:
        soft = torch.softmax(S, 1).detach()
        ce = ce.detach() + ((S - S.detach()) * soft).sum(1)
    data = {"mean": ce.mean(), "sum": ce.sum()}[loss]
    lam = 0.01
    # the penalty's gradient taken as wd_w * lam * W (2 lam W is right) and wd_b * lam * b on the biases (0 is right)
    def pen(P, k):
        return lam * (P.detach() ** 2).sum() + k * lam * (P.detach() * (P - P.detach())).sum()
    L = data + pen(W1, wd_w) + pen(W2, wd_w) + pen(b1, wd_b) + pen(b2, wd_b) - lam * ((b1.detach() ** 2).sum() + (b2.detach() ** 2).sum())
    gW2, gb2, gW1, gb1 = grads(L, [W2, b2, W1, b1])
    return {"dropped": D, "loss": L, "grad-W2": gW2, "grad-b2": gb2, "grad-W1": gW1, "grad-b1": gb1}


spec = "dropout-wd-mlp"
right[spec] = dropout_mlp()
g_ = givens("dropout-wd-mlp")
# The right loss once more with torch.nn's layers (the mask applied as given, scaled by 1 / (1 - p)).
net = torch.nn.Linear(2, 4)
out = torch.nn.Linear(4, 3)
with torch.no_grad():
    net.weight.copy_(g_["W1"].T)
    net.bias.copy_(g_["b1"])
    out.weight.copy_(g_["W2"].T)
    out.bias.copy_(g_["b2"])
_check = F.cross_entropy(out(torch.relu(net(g_["X"])) * g_["M"] / 0.5), g_["y"].long()) \
    + 0.01 * ((net.weight ** 2).sum() + (out.weight ** 2).sum())
assert torch.allclose(_check, right[spec]["loss"], rtol=1e-12)
add(spec, "dropout-unscaled", {k: v for k, v in dropout_mlp(scaled=False).items() if k in ("dropped", "grad-W2")})
add(spec, "weight-decay-on-bias", {k: v for k, v in dropout_mlp(wd_b=2.0).items() if k in ("grad-b2", "grad-b1")})
add(spec, "l2-gradient-missing", {"grad-W2": dropout_mlp(wd_w=0.0)["grad-W2"]})
add(spec, "l2-gradient-doubled", {"grad-W1": dropout_mlp(wd_w=4.0)["grad-W1"]})
add(spec, "l2-gradient-halved", {"grad-W2": dropout_mlp(wd_w=1.0)["grad-W2"]})
add(spec, "relu-derivative-one", {"grad-W1": dropout_mlp(relu_slip="one")["grad-W1"]})
add(spec, "softmax-ce-without-y", {"grad-W2": dropout_mlp(ce_without_y=True)["grad-W2"]})
add(spec, "sum-for-mean", {"grad-b2": dropout_mlp(loss="sum")["grad-b2"]})
add(spec, "bias-forgotten", {"dropped": dropout_mlp(no_b1=True)["dropped"]})

with open(os.path.join(HERE, "unseen-course-mistakes.json"), "w") as f:
    json.dump({"torch": torch.__version__,
               "right": {s: {p: v.detach().tolist() for p, v in a.items()} for s, a in right.items()},
               "answers": mistaken}, f, indent=1)
    f.write("\n")
print(f"wrote unseen-course-mistakes.json: {len(right)} specs, {len(mistaken)} mistaken answers")
