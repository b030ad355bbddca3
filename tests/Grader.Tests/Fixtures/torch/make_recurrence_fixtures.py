#!/usr/bin/env python3
"""Reference values from PyTorch float64 for recurrences (src/Grader.Problems/README.md, "Recurrences").

Each fixture is a complete problem spec whose compute: holds a recurrence, and the answer PyTorch gives for each of
its parts, computed here with an ordinary Python loop and autograd (or torch.optim's own optimizers, or
F.ctc_loss), never from the spec's formulas: an RNN with back-propagation through time (gradients with respect to
every weight, the initial state and an intermediate state), SGD with momentum and Adam (torch.optim.SGD and
torch.optim.Adam stepping real parameters), gradient descent unrolled and differentiated with respect to its start
and its learning rate, and CTC's alpha recursion against F.ctc_loss. The answers of the shipped specs under
problems/dl-a4 are computed the same way from their data (copied from the YAML).

RecurrenceTorchTests loads each spec with the grader and compares part by part (1e-10 relative).

Run with a Python that has torch:  /usr/bin/python3 make_recurrence_fixtures.py  (writes recurrences.json here).
"""
import json
import os

import torch
import torch.nn.functional as F

torch.manual_seed(2204)
D = torch.float64


def t(values):
    return torch.tensor(values, dtype=D)


def rand(*shape, scale=1.0):
    return (torch.randn(*shape, dtype=D) * scale).round(decimals=3)


def listify(x):
    return x.detach().tolist() if isinstance(x, torch.Tensor) else x


def yaml_value(v):
    return json.dumps(listify(v))


def given_block(values):
    return "\n".join(f"  {k}: {yaml_value(v)}" for k, v in values.items())


def parts_block(parts):
    return "\n".join(f"  - id: {pid}\n    answer: {expr}" for pid, expr in parts)


def spec(name, given, functions, compute, parts):
    text = f"id: {name}\ngiven:\n{given_block(given)}\n"
    if functions:
        text += "functions:\n" + "\n".join(f"  {k}: {v}" for k, v in functions.items()) + "\n"
    text += f"compute:\n{compute}\nparts:\n{parts_block(parts)}\n"
    return text


FIXTURES = []


def fixture(name, given, functions, compute, parts, answers):
    assert [p for p, _ in parts] == list(answers), name
    FIXTURES.append({"name": name, "spec": spec(name, given, functions, compute, parts),
                     "answers": {k: listify(v) for k, v in answers.items()}})


# ---- an RNN over T steps: back-propagation through time -------------------------------------------------------------

def rnn(name, T, n, d, activation):
    act = {"tanh": torch.tanh, "sigmoid": torch.sigmoid, "relu": torch.relu}[activation]
    g = {"W": rand(n, n, scale=0.5), "U": rand(n, d, scale=0.5), "b": rand(n, scale=0.1), "h0": rand(n, scale=0.5),
         "xs": rand(T, d), "v": rand(n), "y": rand(1)[0]}
    leaves = {k: g[k].clone().requires_grad_(True) for k in ["W", "U", "b", "h0"]}
    h = leaves["h0"]
    hs = []
    for step in range(T):
        h = act(leaves["W"] @ h + leaves["U"] @ g["xs"][step] + leaves["b"])
        h.retain_grad()
        hs.append(h)
    L = (g["v"] @ h - g["y"]) ** 2
    L.backward()
    compute = f"""  rnn:
    steps: {T}
    init: {{ h: h0 }}
    update:
      h: {activation}(W @ h + U @ xs[t - 1] + b)
  L: (v @ h - y)^2"""
    k = T // 2
    parts = [("h1", "h[t=1]"), ("hk", f"h[t={k}]"), ("last", "h"), ("states", "h[t=1:]"), ("all", "h[t=:]"), ("L", "L"),
             ("gW", "grad(L, W)"), ("gU", "grad(L, U)"), ("gb", "grad(L, b)"), ("gh0", "grad(L, h0)"), ("ghk", f"grad(L, h[t={k}])")]
    answers = {"h1": hs[0], "hk": hs[k - 1], "last": hs[-1], "states": torch.stack(hs),
               "all": torch.stack([g["h0"]] + [x.detach() for x in hs]), "L": L,
               "gW": leaves["W"].grad, "gU": leaves["U"].grad, "gb": leaves["b"].grad, "gh0": leaves["h0"].grad,
               "ghk": hs[k - 1].grad}
    fixture(name, g, None, compute, parts, answers)


rnn("rnn-tanh-5", 5, 3, 2, "tanh")
rnn("rnn-sigmoid-8", 8, 4, 3, "sigmoid")
rnn("rnn-relu-4", 4, 3, 2, "relu")


# ---- optimizers: torch.optim stepping a real parameter --------------------------------------------------------------

def quadratic():
    M = rand(3, 3, scale=0.5)
    return {"A": M @ M.T + torch.eye(3, dtype=D), "c": rand(3), "w0": rand(3)}


def J_quadratic(A, c, w):
    return 0.5 * w @ A @ w - c @ w


def sgd_momentum(name, steps, lr, mu):
    g = quadratic()
    g.update({"v0": torch.zeros(3, dtype=D), "lr": lr, "mu": mu})
    w = g["w0"].clone().requires_grad_(True)
    opt = torch.optim.SGD([w], lr=lr, momentum=mu)
    iterates, grads = [], []
    for _ in range(steps):
        opt.zero_grad()
        J_quadratic(g["A"], g["c"], w).backward()
        grads.append(w.grad.clone())
        opt.step()
        iterates.append(w.detach().clone())
    velocity = opt.state[w]["momentum_buffer"]
    compute = f"""  sgd:
    steps: {steps}
    init: {{ w: w0, v: v0 }}
    update:
      g: grad(J(w), w)
      v: mu * v + g
      w: w - lr * v"""
    parts = [("w1", "w[t=1]"), ("w2", "w[t=2]"), ("last", "w"), ("v", "v"), ("g1", "g[t=1]"), ("grads", "g[t=:]"),
             ("ws", "w[t=1:]"), ("final", "J(w)")]
    answers = {"w1": iterates[0], "w2": iterates[1], "last": iterates[-1], "v": velocity, "g1": grads[0],
               "grads": torch.stack(grads), "ws": torch.stack(iterates), "final": J_quadratic(g["A"], g["c"], iterates[-1])}
    fixture(name, g, {"J(w)": "0.5 * w @ A @ w - c @ w"}, compute, parts, answers)


sgd_momentum("sgd-momentum-3", 3, 0.1, 0.9)
sgd_momentum("sgd-momentum-12", 12, 0.05, 0.5)


def adam(name, steps, lr, betas, eps):
    g = quadratic()
    g.update({"z": torch.zeros(3, dtype=D), "lr": lr, "beta1": betas[0], "beta2": betas[1], "eps": eps})
    w = g["w0"].clone().requires_grad_(True)
    opt = torch.optim.Adam([w], lr=lr, betas=betas, eps=eps)
    iterates = []
    for _ in range(steps):
        opt.zero_grad()
        J_quadratic(g["A"], g["c"], w).backward()
        opt.step()
        iterates.append(w.detach().clone())
    state = opt.state[w]
    compute = f"""  adam:
    steps: {steps}
    init: {{ w: w0, m: z, v: z }}
    update:
      g: grad(J(w), w)
      m: beta1 * m + (1 - beta1) * g
      v: beta2 * v + (1 - beta2) * g^2
      w: w - lr * (m / (1 - beta1^t)) / (sqrt(v / (1 - beta2^t)) + eps)"""
    parts = [("w1", "w[t=1]"), ("w2", "w[t=2]"), ("last", "w"), ("m", "m"), ("v", "v"), ("ws", "w[t=1:]")]
    answers = {"w1": iterates[0], "w2": iterates[1], "last": iterates[-1], "m": state["exp_avg"], "v": state["exp_avg_sq"],
               "ws": torch.stack(iterates)}
    fixture(name, g, {"J(w)": "0.5 * w @ A @ w - c @ w"}, compute, parts, answers)


adam("adam-4", 4, 0.1, (0.9, 0.999), 1e-8)
adam("adam-10", 10, 0.05, (0.8, 0.99), 1e-6)


# ---- gradient descent with the gradient written out, differentiated through every step ----------------------------

def unrolled_descent(name, steps):
    g = quadratic()
    g["lr"] = t(0.15)
    w0 = g["w0"].clone().requires_grad_(True)
    lr = g["lr"].clone().requires_grad_(True)
    w = w0
    for _ in range(steps):
        w = w - lr * (g["A"] @ w - g["c"])
    final = J_quadratic(g["A"], g["c"], w)
    gw0, glr = torch.autograd.grad(final, [w0, lr])
    compute = f"""  gd:
    steps: {steps}
    init: {{ w: w0 }}
    update:
      w: w - lr * (A @ w - c)
  final: 0.5 * w @ A @ w - c @ w"""
    parts = [("last", "w"), ("final", "final"), ("gw0", "grad(final, w0)"), ("glr", "grad(final, lr)")]
    fixture(name, g, None, compute, parts, {"last": w, "final": final, "gw0": gw0, "glr": glr})


unrolled_descent("unrolled-descent-6", 6)


# ---- CTC's alpha recursion against F.ctc_loss -----------------------------------------------------------------------

def ctc(name, T, C, labels):
    ext = [0]
    for label in labels:
        ext += [label, 0]
    S = len(ext)
    # Tr[s, s'] = 1 where alpha_t(s) receives alpha_(t-1)(s'): itself, the position before, and two before when s is
    # a label different from the label two before (the blank between them may be skipped).
    Tr = torch.zeros(S, S, dtype=D)
    for s in range(S):
        Tr[s, s] = 1
        if s >= 1:
            Tr[s, s - 1] = 1
        if s >= 2 and ext[s] != 0 and ext[s] != ext[s - 2]:
            Tr[s, s - 2] = 1
    Z = rand(T, C)
    logits = Z.clone().requires_grad_(True)
    log_probs = F.log_softmax(logits, dim=1)
    loss = F.ctc_loss(log_probs.unsqueeze(1), torch.tensor([labels]), torch.tensor([T]), torch.tensor([len(labels)]),
                      blank=0, reduction="sum")
    (gZ,) = torch.autograd.grad(loss, [logits])
    # alpha by the same recursion, from alpha_0 = e_0 (so that alpha_1 = [y_1(blank), y_1(l_1), 0, ...])
    probs = torch.softmax(Z, dim=1)
    alpha = torch.zeros(S, dtype=D)
    alpha[0] = 1
    alphas = []
    for step in range(T):
        alpha = (Tr @ alpha) * probs[step, ext]
        alphas.append(alpha)
    g = {"Z": Z, "Tr": Tr, "ext": t(ext), "e0": torch.eye(S, dtype=D)[0]}
    compute = f"""  ctc:
    steps: {T}
    init: {{ alpha: e0 }}
    update:
      alpha: (Tr @ alpha) * (one_hot(ext, {C}) @ softmax(Z[t - 1]))
  loss: -log(alpha[{S - 1}] + alpha[{S - 2}])"""
    parts = [("alpha1", "alpha[t=1]"), ("alphas", "alpha[t=1:]"), ("loss", "loss"), ("gZ", "grad(loss, Z)")]
    fixture(name, g, None, compute, parts, {"alpha1": alphas[0], "alphas": torch.stack(alphas), "loss": loss, "gZ": gZ})


ctc("ctc-alpha-6", 6, 3, [1, 2])
ctc("ctc-alpha-7-repeat", 7, 4, [3, 3, 1])


# ---- the shipped specs of problems/dl-a4, computed independently (the data copied from the YAML) --------------------

SHIPPED = {}


def shipped_rnn_bptt():
    xs = t([[1.0, 0.5], [-0.5, 1.0], [0.8, -0.6], [0.0, 1.2], [-1.0, -0.4]])
    W_xh = t([[0.5, -0.3], [0.2, 0.8], [-0.6, 0.1]]).requires_grad_(True)
    W_hh = t([[0.4, -0.2, 0.1], [0.3, 0.5, -0.4], [-0.1, 0.2, 0.6]]).requires_grad_(True)
    b_h = t([0.1, -0.1, 0.05])
    w_y, b_y, y = t([1.0, -0.5, 0.8]), 0.2, 1.0
    h = torch.zeros(3, dtype=D)
    hs = []
    for x in xs:
        h = torch.tanh(W_hh @ h + W_xh @ x + b_h)
        h.retain_grad()
        hs.append(h)
    yhat = w_y @ h + b_y
    L = 0.5 * (yhat - y) ** 2
    L.backward()
    return {"a-h1": hs[0], "b-states": torch.stack(hs), "c-loss": L, "d-grad-h5": hs[4].grad, "e-grad-h3": hs[2].grad,
            "f-grad-W_hh": W_hh.grad, "g-grad-W_xh": W_xh.grad}


def shipped_momentum(w0=(0.0, 0.1, -0.1), lr=0.5, mu=0.9):
    X = t([[1.0, 2.0], [2.0, -1.0], [-1.0, -1.5], [0.5, 1.0]])
    y = t([1, 0, 0, 1])
    Xa = torch.cat([torch.ones(4, 1, dtype=D), X], dim=1)

    def J(w):
        return F.binary_cross_entropy_with_logits(Xa @ w, y)

    w = t(list(w0)).requires_grad_(True)
    opt = torch.optim.SGD([w], lr=lr, momentum=mu)
    iterates, grads = [], []
    for _ in range(3):
        opt.zero_grad()
        J(w).backward()
        grads.append(w.grad.clone())
        opt.step()
        iterates.append(w.detach().clone())
    return {"a-g1": grads[0], "b-w1": iterates[0], "c-w2": iterates[1], "d-w3": iterates[2],
            "e-v3": opt.state[w]["momentum_buffer"], "f-loss": J(iterates[2]), "g-impl": iterates[2]}


SHIPPED["problems/dl-a4/rnn-bptt.yaml"] = shipped_rnn_bptt()
SHIPPED["problems/dl-a4/momentum-steps.yaml"] = shipped_momentum()

out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "recurrences.json")
with open(out, "w") as f:
    json.dump({"torch": torch.__version__, "fixtures": FIXTURES,
               "shipped": {k: {p: listify(v) for p, v in a.items()} for k, a in SHIPPED.items()}}, f, indent=1)
    f.write("\n")
print(f"wrote {len(FIXTURES)} fixtures and {len(SHIPPED)} shipped specs to {out}")
