#!/usr/bin/env python3
"""Reference values from PyTorch float64 for the engine's ops and the network losses.

Each fixture is a complete problem spec (YAML) and the answer PyTorch gives for each of its parts: the forward
value, and the gradient of every differentiable input (of sum(value * R) for a fixed random R when the value is
not a scalar). The tests load the spec with the grader and compare part by part (FixtureTests.cs).

It also computes the answers of the shipped specs under problems/dl-a2 in torch, from the same data (shipped.json),
so that their approved answers are checked against PyTorch, not only against what the grader prints.

Run with a Python that has torch:  /usr/bin/python3 make_fixtures.py  (writes fixtures.json and shipped.json here).
"""
import json
import os

import torch
import torch.nn.functional as F

torch.manual_seed(577)
D = torch.float64


def t(values):
    return torch.tensor(values, dtype=D)


def rand(*shape):
    return torch.randn(*shape, dtype=D)


def listify(x):
    return x.detach().tolist() if isinstance(x, torch.Tensor) else x


FIXTURES = []


def yaml_value(v):
    return json.dumps(listify(v))


def op(name, expr, fn, inputs, constants=None, grads=True, gradient=None):
    """expr in the spec language; fn the same in torch; inputs are differentiated, constants are not.
    gradient, where given, replaces autograd (for the one place where this torch build is wrong)."""
    constants = constants or {}
    leaves = {k: v.clone().requires_grad_(grads) for k, v in inputs.items()}
    out = fn(*leaves.values(), *constants.values())
    answers = {"value": listify(out)}
    given = {**inputs, **constants}
    parts = [("value", expr)]
    if grads:
        if out.dim() == 0:
            scalar, probe = out, expr
        else:
            R = rand(*out.shape)
            given["R"] = R
            scalar, probe = (out * R).sum(), f"sum(({expr}) * R)"
        names = list(leaves)
        gs = torch.autograd.grad(scalar, [leaves[n] for n in names], allow_unused=True) if gradient is None else gradient(**inputs)
        for n, g in zip(names, gs):
            g = torch.zeros_like(leaves[n]) if g is None else g
            answers[f"grad-{n}"] = listify(g)
            parts.append((f"grad-{n}", f"grad({probe}, {n})"))
    spec = ["id: fixture", "given:"] + [f"  {k}: {yaml_value(v)}" for k, v in given.items()] + ["parts:"]
    spec += [f"  - {{ id: {pid}, answer: {json.dumps(e)} }}" for pid, e in parts]
    FIXTURES.append({"name": name, "spec": "\n".join(spec) + "\n", "answers": answers})


def network(name, layers, loss, x, target, extra_parts=()):
    """A network block and the same model in torch; parts: the loss and its gradient for every weight."""
    given = {"X": x, "T": target}
    lines, params, h = [], {}, x
    for i, (units, activation) in enumerate(layers):
        W = rand(units, h.shape[-1]).requires_grad_()
        b = rand(units).requires_grad_()
        params[f"W{i}"], params[f"b{i}"] = W, b
        given[f"W{i}"], given[f"b{i}"] = W, b
        a = F.linear(h, W, b)
        pre = a
        h = {"linear": a, "relu": torch.relu(a), "sigmoid": torch.sigmoid(a), "tanh": torch.tanh(a),
             "softmax": torch.softmax(a, -1)}[activation]
        lines.append(f"    - {{ name: l{i}, units: {units}, activation: {activation}, weights: W{i}, bias: b{i} }}")
    last_activation = layers[-1][1]
    kind, reduction = loss
    out = h if units > 1 else h.squeeze(-1)
    pre = pre if units > 1 else pre.squeeze(-1)
    T = target
    L = {
        "squared_error": lambda: ((T - out) ** 2),
        "mse": lambda: ((T - out) ** 2),
        "half_mse": lambda: 0.5 * (T - out) ** 2,
        "l1": lambda: (T - out).abs(),
        "bce": lambda: (F.binary_cross_entropy_with_logits(pre, T, reduction="none") if last_activation == "sigmoid"
                        else F.binary_cross_entropy(out, T, reduction="none")),
        "cross_entropy": lambda: F.cross_entropy(pre if last_activation == "softmax" else out,
                                                 T.long() if T.dim() < pre.dim() else T, reduction="none"),
        "hinge": lambda: torch.relu(1 - T * out),
    }[kind]()
    L = L.sum() if reduction == "sum" else L.mean()
    names = list(params)
    gs = torch.autograd.grad(L, [params[n] for n in names])
    answers = {"loss": L.item(), **{f"grad-{n}": listify(g) for n, g in zip(names, gs)}}
    spec = ["id: fixture", "given:"] + [f"  {k}: {yaml_value(v)}" for k, v in given.items()]
    spec += ["network:", "  input: X", "  layers:"] + lines
    spec += [f"  loss: {{ type: {kind}, target: T, reduction: {reduction} }}", "parts:", "  - { id: loss, answer: loss }"]
    spec += [f"  - {{ id: grad-{n}, answer: \"grad(loss, {n})\" }}" for n in names]
    FIXTURES.append({"name": name, "spec": "\n".join(spec) + "\n", "answers": answers})


# ---- elementwise ----
op("add broadcast", "A + v", lambda A, v: A + v, {"A": rand(3, 2), "v": rand(2)})
op("sub", "a - b", lambda a, b: a - b, {"a": rand(3), "b": rand(3)})
op("mul broadcast", "A * v", lambda A, v: A * v, {"A": rand(2, 3), "v": rand(3)})
op("div", "a / b", lambda a, b: a / b, {"a": rand(3), "b": t([0.5, -2.0, 3.0])})
op("pow", "a ^ b", lambda a, b: a ** b, {"a": t([0.5, 1.5, 2.0]), "b": t([2.0, -1.0, 0.5])})
op("pow at a zero base", "a ^ b", lambda a, b: a ** b, {"a": t([0.0, 0.0, 2.0]), "b": t([2.0, 3.0, 2.0])})
op("neg", "-a", lambda a: -a, {"a": rand(3)})
op("sigmoid", "sigmoid(a)", torch.sigmoid, {"a": t([-40.0, -1.0, 0.0, 2.0, 40.0])})
op("relu with a kink", "relu(a)", torch.relu, {"a": t([-1.0, 0.0, 2.0])})
op("tanh", "tanh(a)", torch.tanh, {"a": rand(4)})
op("exp", "exp(a)", torch.exp, {"a": rand(4)})
op("log", "log(a)", torch.log, {"a": t([0.5, 1.0, 3.0])})
op("abs with a kink", "abs(a)", torch.abs, {"a": t([-1.5, 0.0, 2.0])})
op("sqrt", "sqrt(a)", torch.sqrt, {"a": t([0.25, 1.0, 4.0])})
op("sign", "sign(a)", torch.sign, {"a": t([-2.0, 0.0, 3.0])})
op("maximum", "max(a, b)", torch.maximum, {"a": t([1.0, 2.0, -1.0]), "b": t([0.5, 3.0, -2.0])})
op("maximum with ties", "max(a, b)", torch.maximum, {"a": t([1.0, 2.0, 5.0]), "b": t([1.0, 3.0, 5.0])})
op("minimum with ties", "min(a, b)", torch.minimum, {"a": t([1.0, 2.0, 5.0]), "b": t([1.0, 3.0, 4.0])})
op("maximum with a scalar", "max(a, b)", torch.maximum, {"a": t([-1.0, 0.0, 2.0]), "b": t(0.0)})

# ---- reductions ----
op("sum", "sum(A)", torch.sum, {"A": rand(2, 3)})
op("mean", "mean(A)", torch.mean, {"A": rand(2, 3)})
op("sum axis 0", "sum(A, 0)", lambda A: A.sum(0), {"A": rand(2, 3)})
op("sum axis 1 named", "sum(A, axis: 1)", lambda A: A.sum(1), {"A": rand(2, 3)})
op("mean axis 0", "mean(A, 0)", lambda A: A.mean(0), {"A": rand(2, 3)})
op("mean axis 1", "mean(A, 1)", lambda A: A.mean(1), {"A": rand(2, 3)})
op("rowsum", "rowsum(A)", lambda A: A.sum(-1), {"A": rand(3, 2)})
op("max", "max(a)", torch.max, {"a": rand(5)})
op("max with ties", "max(a)", torch.max, {"a": t([1.0, 3.0, -2.0, 3.0, 3.0])})
op("min with ties", "min(A)", torch.min, {"A": t([[1.0, -2.0], [-2.0, 0.0]])})
op("max axis 1 with ties", "max(A, axis: 1)", lambda A: torch.amax(A, 1), {"A": t([[1.0, 3.0, 3.0], [0.0, -1.0, 2.0]])})
op("max axis 0", "max(A, axis: 0)", lambda A: torch.amax(A, 0), {"A": rand(3, 2)})
op("min axis 1 with ties", "min(A, axis: 1)", lambda A: torch.amin(A, 1), {"A": t([[1.0, 1.0, 3.0], [0.0, -1.0, 2.0]])})
op("norm", "norm(a)", torch.linalg.norm, {"a": rand(4)})
op("norm at zero", "norm(a)", torch.linalg.norm, {"a": t([0.0, 0.0, 0.0])})
op("argmax with ties", "argmax(a)", lambda a: torch.argmax(a).to(D), {"a": t([1.0, 3.0, 3.0, 0.0])}, grads=False)
op("argmin", "argmin(a)", lambda a: torch.argmin(a).to(D), {"a": rand(5)}, grads=False)
op("argmax axis 1", "argmax(A, axis: 1)", lambda A: torch.argmax(A, 1).to(D), {"A": t([[1.0, 3.0, 3.0], [5.0, -1.0, 2.0]])}, grads=False)
op("argmin axis 0", "argmin(A, axis: 0)", lambda A: torch.argmin(A, 0).to(D), {"A": rand(3, 4)}, grads=False)

# ---- rows ----
op("softmax vector", "softmax(a)", lambda a: torch.softmax(a, -1), {"a": rand(4)})
op("softmax rows", "softmax(A)", lambda A: torch.softmax(A, -1), {"A": rand(3, 4)})
op("log_softmax rows", "log_softmax(A)", lambda A: torch.log_softmax(A, -1), {"A": rand(2, 3)})

# ---- structure ----
op("matmul", "A @ B", torch.matmul, {"A": rand(2, 3), "B": rand(3, 4)})
op("matmul matrix vector", "A @ v", torch.matmul, {"A": rand(2, 3), "v": rand(3)})
op("matmul vector matrix", "v @ A", torch.matmul, {"v": rand(3), "A": rand(3, 2)})
op("matmul vector vector", "u @ v", torch.matmul, {"u": rand(3), "v": rand(3)})
op("transpose", "transpose(A)", lambda A: A.T, {"A": rand(2, 3)})
op("augment", "augment(A)", lambda A: torch.cat([torch.ones(A.shape[0], 1, dtype=D), A], 1), {"A": rand(3, 2)})
op("augment vector", "augment(v)", lambda v: torch.cat([torch.ones(1, dtype=D), v]), {"v": rand(3)})
op("dot", "dot(u, v)", torch.dot, {"u": rand(4), "v": rand(4)})
op("outer", "outer(u, v)", torch.outer, {"u": rand(3), "v": rand(2)})
op("dense", "dense(X, W, b)", F.linear, {"X": rand(4, 3), "W": rand(2, 3), "b": rand(2)})
op("index row", "A[1]", lambda A: A[1], {"A": rand(3, 2)})
op("index element", "v[-1]", lambda v: v[-1], {"v": rand(4)})
op("stack", "[a, b]", lambda a, b: torch.stack([a, b]), {"a": rand(3), "b": rand(3)})
op("slice range", "v[1:4]", lambda v: v[1:4], {"v": rand(6)})
op("slice open ends", "v[:2] + v[-2:]", lambda v: v[:2] + v[-2:], {"v": rand(5)})
op("column", "A[:, 1]", lambda A: A[:, 1], {"A": rand(3, 4)})
op("block", "A[1:, :2]", lambda A: A[1:, :2], {"A": rand(3, 4)})
op("concat vectors", "concat(a, b)", lambda a, b: torch.cat([a, b]), {"a": rand(2), "b": rand(3)})
op("concat rows", "concat(A, B)", lambda A, B: torch.cat([A, B], 0), {"A": rand(2, 3), "B": rand(1, 3)})
op("concat columns", "concat(A, B, axis: 1)", lambda A, B: torch.cat([A, B], 1), {"A": rand(2, 3), "B": rand(2, 2)})
op("reshape", "reshape(A, [3, 2])", lambda A: A.reshape(3, 2), {"A": rand(2, 3)})
op("reshape inferred", "reshape(A, [-1])", lambda A: A.reshape(-1), {"A": rand(2, 3)})
op("one_hot", "one_hot(y, 4)", lambda y: F.one_hot(y.long(), 4).to(D), {"y": t([2.0, 0.0, 3.0])}, grads=False)
op("eye", "eye(3) * a", lambda a: torch.eye(3, dtype=D) * a, {"a": t(2.5)})
op("diag of a vector", "diag(v)", torch.diag, {"v": rand(3)})
op("diag of a matrix", "diag(A)", torch.diag, {"A": rand(3, 3)})

# ---- linear algebra ----
SPD = rand(3, 3)
SPD = SPD @ SPD.T + 3 * torch.eye(3, dtype=D)
op("inv", "inv(A)", torch.linalg.inv, {"A": SPD})
op("solve vector", "solve(A, b)", torch.linalg.solve, {"A": rand(3, 3) + 3 * torch.eye(3, dtype=D), "b": rand(3)})
op("solve matrix", "solve(A, B)", torch.linalg.solve, {"A": rand(3, 3) + 3 * torch.eye(3, dtype=D), "B": rand(3, 2)})
op("det", "det(A)", torch.linalg.det, {"A": rand(3, 3)})


def cofactors(A):
    """d det(A) / dA: C_ij = (-1)^(i+j) det(A without row i and column j), defined at singular A too."""
    n = A.shape[0]
    keep = lambda k: [x for x in range(n) if x != k]
    return torch.stack([torch.stack([(-1) ** (i + j) * torch.linalg.det(A[keep(i)][:, keep(j)]) for j in range(n)])
                        for i in range(n)])


# At a singular matrix of rank n - 1 the derivative of det is the (nonzero) cofactor matrix; torch 1.13's
# backward returns zeros there, so this fixture's gradient is the cofactor matrix computed in torch.
op("det singular", "det(A)", torch.linalg.det, {"A": t([[1.0, 2.0, 3.0], [2.0, 4.0, 6.0], [1.0, 0.0, 1.0]])},
   gradient=lambda A: [cofactors(A)])
op("ridge closed form", "solve(transpose(X) @ X + lam * eye(3), transpose(X) @ y)",
   lambda X, y, lam: torch.linalg.solve(X.T @ X + lam * torch.eye(3, dtype=D), X.T @ y),
   {"X": rand(5, 3), "y": rand(5), "lam": t(0.5)})

# ---- convolution (cross-correlation, valid) ----
op("conv1d", "conv1d(x, w)", lambda x, w: F.conv1d(x.view(1, 1, -1), w.view(1, 1, -1)).view(-1), {"x": rand(7), "w": rand(3)})
op("conv1d stride 2", "conv1d(x, w, stride: 2)", lambda x, w: F.conv1d(x.view(1, 1, -1), w.view(1, 1, -1), stride=2).view(-1),
   {"x": rand(8), "w": rand(3)})
op("conv1d channels", "conv1d(x, w)", lambda x, w: F.conv1d(x.unsqueeze(0), w.unsqueeze(0)).view(-1), {"x": rand(2, 6), "w": rand(2, 3)})

# ---- losses as functions ----
op("cross_entropy indices", "cross_entropy(Z, y)", lambda Z, y: F.cross_entropy(Z, y.long(), reduction="none"),
   {"Z": rand(4, 3)}, {"y": t([2.0, 0.0, 1.0, 1.0])})
op("cross_entropy mean", "mean(cross_entropy(Z, y))", lambda Z, y: F.cross_entropy(Z, y.long()),
   {"Z": rand(4, 3)}, {"y": t([2.0, 0.0, 1.0, 1.0])})
op("cross_entropy one sample", "cross_entropy(z, y)", lambda z, y: F.cross_entropy(z, y.long()), {"z": rand(3)}, {"y": t(1.0)})
op("cross_entropy probabilities", "cross_entropy(Z, P)", lambda Z, P: F.cross_entropy(Z, P, reduction="none"),
   {"Z": rand(2, 3), "P": t([[0.2, 0.3, 0.5], [0.0, 1.0, 0.0]])})
op("cross_entropy large logits", "cross_entropy(Z, y)", lambda Z, y: F.cross_entropy(Z, y.long(), reduction="none"),
   {"Z": t([[1000.0, 0.0, -1000.0], [0.0, 800.0, 0.0]])}, {"y": t([2.0, 1.0])})
op("bce", "bce(p, y)", lambda p, y: F.binary_cross_entropy(p, y, reduction="none"),
   {"p": t([0.1, 0.7, 0.999]), "y": t([0.0, 1.0, 0.3])})
op("bce at 0 and 1 (clamped logs)", "bce(p, y)", lambda p, y: F.binary_cross_entropy(p, y, reduction="none"),
   {"p": t([0.0, 1.0])}, {"y": t([1.0, 0.0])})
op("bce_with_logits", "bce_with_logits(z, y)", lambda z, y: F.binary_cross_entropy_with_logits(z, y, reduction="none"),
   {"z": t([-40.0, -1.0, 0.0, 3.0, 40.0]), "y": t([0.0, 1.0, 0.5, 0.0, 0.0])})
op("hinge at the margin", "mean(relu(1 - s * p))", lambda p, s: torch.relu(1 - s * p).mean(),
   {"p": t([1.0, -0.5, 2.0])}, {"s": t([1.0, 1.0, -1.0])})

# ---- derivatives as values, and comparisons ----
op("jacobian", "jacobian([x[0]^2 + 2 * x[1], 3 * x[0] + 4 * x[1]^2, x[0] * x[1]], x)",
   lambda x: torch.autograd.functional.jacobian(lambda v: torch.stack([v[0] ** 2 + 2 * v[1], 3 * v[0] + 4 * v[1] ** 2, v[0] * v[1]]), x),
   {"x": t([1.5, -0.5])}, grads=False)
op("grad of a list", "grad(sum(x * y) + sum(x^2) * y[0], [x, y])",
   lambda x, y: (lambda x, y: torch.cat(torch.autograd.grad((x * y).sum() + (x ** 2).sum() * y[0], [x, y])))(
       x.detach().requires_grad_(), y.detach().requires_grad_()),
   {"x": t([1.0, 2.0]), "y": t([0.5, -1.0])}, grads=False)
op("comparisons", "(a < b) + 2 * (a >= b) + 4 * (a == b) + 8 * (a != b)",
   lambda a, b: (a < b).to(D) + 2 * (a >= b).to(D) + 4 * (a == b).to(D) + 8 * (a != b).to(D),
   {"a": t([1.0, 2.0, 3.0]), "b": t([2.0, 2.0, 1.0])}, grads=False)

# ---- network losses ----
X4 = rand(4, 3)
network("net squared_error", [(3, "relu"), (1, "linear")], ("squared_error", "sum"), X4, rand(4))
network("net mse", [(3, "tanh"), (1, "linear")], ("mse", "mean"), X4, rand(4))
network("net half_mse", [(3, "sigmoid"), (2, "linear")], ("half_mse", "mean"), X4, rand(4, 2))
network("net l1", [(3, "relu"), (1, "linear")], ("l1", "mean"), X4, rand(4))
network("net bce after sigmoid", [(3, "relu"), (1, "sigmoid")], ("bce", "mean"), X4, t([0.0, 1.0, 1.0, 0.0]))
network("net bce sum", [(3, "tanh"), (1, "sigmoid")], ("bce", "sum"), X4, t([0.0, 1.0, 1.0, 0.0]))
network("net cross_entropy softmax labels", [(3, "relu"), (3, "softmax")], ("cross_entropy", "mean"), X4, t([2.0, 0.0, 1.0, 2.0]))
network("net cross_entropy linear labels sum", [(3, "tanh"), (3, "linear")], ("cross_entropy", "sum"), X4, t([1.0, 1.0, 0.0, 2.0]))
network("net cross_entropy softmax probabilities", [(3, "relu"), (3, "softmax")], ("cross_entropy", "mean"), X4,
        torch.softmax(rand(4, 3), -1))
network("net hinge", [(3, "relu"), (1, "tanh")], ("hinge", "mean"), X4, t([1.0, -1.0, 1.0, -1.0]))


# ---- the shipped specs of problems/dl-a2, computed independently in torch (the data copied from the YAML) ----
SHIPPED = {}


def shipped_softmax_classifier():
    X = t([[1.0, 0.5], [-0.5, 1.5], [2.0, -1.0], [0.0, 0.0]])
    labels = torch.tensor([1, 0, 0, 2])
    W1 = t([[0.5, -0.2], [0.3, 0.8], [-0.6, 0.4]])
    b1 = t([0.1, 0.0, -0.1])
    W2 = t([[0.7, -0.3, 0.2], [-0.4, 0.6, 0.1], [0.2, 0.1, -0.5]]).requires_grad_()
    b2 = t([0.0, 0.1, -0.1])
    z = F.linear(torch.relu(F.linear(X, W1, b1)), W2, b2)
    z.retain_grad()
    p = torch.softmax(z, 1)
    loss = F.cross_entropy(z, labels)
    loss.backward()
    pred = torch.argmax(p, 1)
    Z = t([[2, 1, 0], [0, 0, 0]]).requires_grad_()
    F.cross_entropy(Z, torch.tensor([0, 2])).backward()
    return {"probabilities": listify(p), "predictions": listify(pred.to(D)), "accuracy": (pred == labels).to(D).mean().item(),
            "loss": loss.item(), "grad-logits": listify(z.grad), "grad-W2": listify(W2.grad), "grad-logits-impl": listify(Z.grad)}


def shipped_ridge():
    X = t([[1, 0.5, -1.0], [1, 1.5, 0.2], [1, -0.3, 0.8], [1, 2.0, 1.5], [1, 0.7, -0.4]])
    y = t([1.2, 2.9, 0.4, 4.1, 1.5])
    lam = 0.5
    A = X.T @ X + lam * torch.eye(3, dtype=D)
    w = torch.linalg.solve(A, X.T @ y).requires_grad_()
    J = ((X @ w - y) ** 2).sum() + lam * (w ** 2).sum()
    J.backward()
    dof = torch.trace(X @ torch.linalg.inv(A) @ X.T)
    return {"normal-matrix": listify(A), "w-star": listify(w), "loss-at-w-star": J.item(), "grad-at-w-star": listify(w.grad),
            "degrees-of-freedom": dof.item(), "ridge-impl": listify(w)}


def shipped_formula():
    def grad_f(x0, y0):
        x, y = t(x0).requires_grad_(), t(y0).requires_grad_()
        (x ** 2 * y + torch.exp(x * y) / 2).backward()
        return [x.grad.item(), y.grad.item()]
    w = t(1.0).requires_grad_()
    (torch.relu(1 - w) + torch.abs(w - 1)).backward()
    return {"grad-f-at-point": grad_f(1.0, 2.0), "grad-f-impl": grad_f(0.5, -1.0), "subgradient-h": w.grad.item()}


SHIPPED["problems/dl-a2/softmax-classifier.yaml"] = shipped_softmax_classifier()
SHIPPED["problems/dl-a2/ridge-closed-form.yaml"] = shipped_ridge()
SHIPPED["problems/dl-a2/formula-gradient.yaml"] = shipped_formula()

out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "fixtures.json")
with open(out, "w") as f:
    json.dump({"torch": torch.__version__, "fixtures": FIXTURES}, f, indent=1)
    f.write("\n")
print(f"{len(FIXTURES)} fixtures from torch {torch.__version__} -> {out}")
out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "shipped.json")
with open(out, "w") as f:
    json.dump({"torch": torch.__version__, "specs": SHIPPED}, f, indent=1)
    f.write("\n")
print(f"{len(SHIPPED)} shipped specs -> {out}")
