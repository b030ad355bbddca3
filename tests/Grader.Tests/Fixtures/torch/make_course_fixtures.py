#!/usr/bin/env python3
"""Reference values from PyTorch float64 for the course functions of FORMAT.md section 5 (tensors of any rank).

Each fixture is a complete problem spec (YAML) and the answer PyTorch gives for each of its parts, as in
make_fixtures.py: the forward value, and the gradient of every differentiable input (of sum(value * R) for a fixed
random R, itself a given, when the value is not a scalar). Whole-number inputs (indices, classes, masks) are givens
that are not differentiated. CourseFixtureTests.cs loads each spec with the grader and compares every part, its shape
included (keepdim, squeeze and unsqueeze change nothing else), at rel 1e-10 / abs 1e-12.

Conventions these fixtures pin down (torch 1.13, Debian's python3-torch; each was checked in this torch):
- Names and keywords are PyTorch's, with dim spelled `axis:`; keyword values `true`/`false` and quoted strings
  (`approximate: 'tanh'`); `inf`/`-inf` are numbers.
- Ranks 3 and 4 are nested lists in `given:`; broadcasting is NumPy's at any rank; `@` is torch.matmul (batched over
  the leading axes, broadcast between them; a vector on the left or right is unsqueezed and the axis removed after).
- Kinks (the subgradient PyTorch's backward returns): relu'(0) = 0; abs'(0) = 0; leaky_relu'(0) = negative_slope
  (the negative branch: x > 0 ? 1 : slope); elu'(0) = alpha (the negative branch: alpha * exp(0));
  clamp passes gradient 1 at exactly min and exactly max (both bounds inclusive), 0 strictly outside;
  softplus(x, beta, threshold) is x with gradient 1 where beta * x > threshold (strictly: at beta * x == threshold
  it is log(1 + exp(beta * x)) / beta).
- Ties in reductions: max/min of all elements and with `axis:` (torch.amax/amin, one axis or several) share the
  gradient equally among the tied elements; max pooling (1d and 2d) sends a window's whole gradient to its first
  maximum in row-major order, and an element that is the maximum of several overlapping windows gets the sum.
- Pooling: stride defaults to the kernel; output sizes round down (ceil_mode false); max pooling ignores padded
  positions (pads with -inf); avg pooling counts padded zeros in the divisor (count_include_pad true: a corner window
  of a 3x3 kernel with padding 1 divides by 9).
- var/std are unbiased (divide by n - 1) by default; `unbiased: false` and `correction: 0` divide by n.
- layer_norm normalises over the trailing `normalized_shape` axes with the biased variance, eps 1e-5 by default;
  batch_norm in training mode normalises each channel (axis 1) over the batch and spatial axes with the biased
  variance (F.batch_norm(x, None, None, weight, bias, training=True), eps 1e-5), gradients through the statistics.
- Convolutions are cross-correlations (F.conv1d/F.conv2d): weight [F, C/groups, k...], optional bias [F], stride,
  padding (zeros), dilation, groups; an unbatched input ([C, L] with a rank-3 weight, [C, H, W]) gives an unbatched
  output. conv1d with a rank-2 weight keeps the engine's older one-filter meaning and is not tested here.
- Indexing: an integer tensor index gathers (U[idx] rows; S[i, y] one element per pair, as advanced indexing), and
  gradients add up over repeated indices; slices take a positive step (x[::2], x[1:6:2]); None inserts an axis.
- Creation: linspace(start, end, steps) (torch fills the second half from the end, so the last value is exactly end;
  an element may differ from start + i * step by an ulp), arange(end) and arange(start, end, step) (int64 in torch,
  float64 here), zeros(shape), ones(shape).
- where(c, a, b) sends the gradient to the chosen side only (0 to the other, never NaN); a masked softmax
  (where(mask > 0, s, -inf)) is exactly 0 at the masked places, and so is its gradient there.
- Forms that were valid before keep their meaning and shape (the `unchanged` fixtures, which the old engine passes).

Run with Debian's PyTorch:  /usr/bin/python3 make_course_fixtures.py  (writes course.json beside this file).
"""
import json
import os

import torch
import torch.nn.functional as F
import yaml

torch.manual_seed(5770)
D = torch.float64


def t(values):
    return torch.tensor(values, dtype=D)


def rand(*shape):
    return torch.randn(*shape, dtype=D)


def ints(low, high, *shape):
    """Small whole numbers as float64: ties, on purpose."""
    return torch.randint(low, high, shape).to(D)


def listify(x):
    return x.detach().to(D).tolist() if isinstance(x, torch.Tensor) else x


FIXTURES = []


def op(name, expr, fn, inputs=None, constants=None, grads=True):
    """expr in the spec language; fn the same in torch, called with the inputs and then the constants in order; inputs
    are differentiated, constants (whole numbers such as indices and masks) are not."""
    inputs, constants = inputs or {}, constants or {}
    assert not any(k in inputs for k in constants)
    leaves = {k: v.clone().requires_grad_(grads) for k, v in inputs.items()}
    out = fn(*leaves.values(), *constants.values())
    answers = {"value": listify(out)}
    given = {**inputs, **constants}
    parts = [("value", expr)]
    if grads and leaves:
        if out.dim() == 0:
            scalar, probe = out, expr
        else:
            R = rand(*out.shape)
            given["R"] = R
            scalar, probe = (out * R).sum(), f"sum(({expr}) * R)"
        names = list(leaves)
        gs = torch.autograd.grad(scalar, [leaves[n] for n in names], allow_unused=True)
        for n, g in zip(names, gs):
            g = torch.zeros_like(leaves[n]) if g is None else g
            answers[f"grad-{n}"] = listify(g)
            parts.append((f"grad-{n}", f"grad({probe}, {n})"))
    spec = ["id: fixture"]
    if given:
        spec += ["given:"] + [f"  {k}: {json.dumps(listify(v))}" for k, v in given.items()]
    spec += ["parts:"] + [f"  - {{ id: {pid}, answer: {json.dumps(e)} }}" for pid, e in parts]
    spec = "\n".join(spec) + "\n"
    # The spec is valid YAML, and it holds the values and expressions exactly.
    loaded = yaml.safe_load(spec)
    assert loaded.get("given", {}) == {k: listify(v) for k, v in given.items()}, name
    assert [p["answer"] for p in loaded["parts"]] == [e for _, e in parts], name
    assert name not in {f["name"] for f in FIXTURES}, name
    FIXTURES.append({"name": name, "spec": spec, "answers": answers})


def has_pool_tie(x, kernel, stride, padding=0):
    """Some window of a 2d max pool holds its maximum twice (so the first-maximum rule is exercised)."""
    p = F.pad(x, (padding,) * 4, value=float("-inf"))
    win = p.unfold(-2, kernel, stride).unfold(-2, kernel, stride)
    win = win.reshape(*win.shape[:-2], -1)
    return bool(((win == win.amax(-1, keepdim=True)).sum(-1) > 1).any())


# ---- values of rank 3 and 4, broadcasting and batched matmul ----
op("rank 3 given", "x", lambda x: x, {"x": rand(2, 3, 4)})
op("rank 4 given", "2 * x", lambda x: 2 * x, {"x": rand(2, 1, 3, 2)})
op("broadcast [2,3,4] + [4]", "x + v", lambda x, v: x + v, {"x": rand(2, 3, 4), "v": rand(4)})
op("broadcast [2,1,4] * [3,1]", "x * y", lambda x, y: x * y, {"x": rand(2, 1, 4), "y": rand(3, 1)})
op("broadcast [2,3,1,5] - [3,4,1]", "x - y", lambda x, y: x - y, {"x": rand(2, 3, 1, 5), "y": rand(3, 4, 1)})
op("broadcast [2,3,4] / [3,1]", "x / y", lambda x, y: x / y, {"x": rand(2, 3, 4), "y": t([[0.5], [-2.0], [3.0]])})
op("broadcast scalar ^ rank 3", "x ^ p", lambda x, p: x ** p, {"x": rand(2, 2, 3).abs() + 0.5, "p": t(1.5)})
op("matmul [2,3,4] @ [4,5]", "A @ B", torch.matmul, {"A": rand(2, 3, 4), "B": rand(4, 5)})
op("matmul [2,3,4] @ [2,4,5]", "A @ B", torch.matmul, {"A": rand(2, 3, 4), "B": rand(2, 4, 5)})
op("matmul [5] @ [2,5,3]", "A @ B", torch.matmul, {"A": rand(5), "B": rand(2, 5, 3)})
op("matmul [2,3,4] @ [4]", "A @ B", torch.matmul, {"A": rand(2, 3, 4), "B": rand(4)})
op("matmul [2,1,3,4] @ [3,4,2] (batch broadcast)", "A @ B", torch.matmul, {"A": rand(2, 1, 3, 4), "B": rand(3, 4, 2)})

# ---- elementwise (vectors, so that each fixture needs only its function) ----
SPECIAL = t([-2.0, -0.5, 0.0, 0.3, 1.7])
op("sin", "sin(x)", torch.sin, {"x": rand(5)})
op("cos", "cos(x)", torch.cos, {"x": rand(5)})
op("erf", "erf(x)", torch.erf, {"x": SPECIAL})
op("gelu", "gelu(x)", F.gelu, {"x": SPECIAL})
op("gelu tanh", "gelu(x, approximate: 'tanh')", lambda x: F.gelu(x, approximate="tanh"), {"x": SPECIAL})
op("silu", "silu(x)", F.silu, {"x": SPECIAL})
op("softplus", "softplus(x)", F.softplus, {"x": t([-30.0, -1.0, 0.0, 2.0, 19.0, 21.0])})
op("softplus beta threshold (at and past the threshold)", "softplus(x, beta: 2, threshold: 20)",
   lambda x: F.softplus(x, beta=2, threshold=20), {"x": t([-3.0, 0.0, 1.5, 9.5, 10.0, 12.0])})
op("leaky_relu at 0", "leaky_relu(x)", F.leaky_relu, {"x": t([-2.0, -0.5, 0.0, 1.0])})
op("leaky_relu slope at 0", "leaky_relu(x, negative_slope: 0.2)", lambda x: F.leaky_relu(x, 0.2),
   {"x": t([-2.0, -0.5, 0.0, 1.0])})
op("elu at 0", "elu(x)", F.elu, {"x": t([-2.0, -0.5, 0.0, 1.0])})
op("elu alpha at 0", "elu(x, alpha: 0.5)", lambda x: F.elu(x, alpha=0.5), {"x": t([-2.0, -0.5, 0.0, 1.0])})
CLAMPED = t([-1.0, -0.5, -0.2, 0.0, 0.5, 0.7])
op("clamp named at the bounds", "clamp(x, min: -0.5, max: 0.5)", lambda x: torch.clamp(x, min=-0.5, max=0.5), {"x": CLAMPED})
op("clamp positional at the bounds", "clamp(x, -0.5, 0.5)", lambda x: torch.clamp(x, -0.5, 0.5), {"x": CLAMPED})
op("clamp min only", "clamp(x, min: -0.5)", lambda x: torch.clamp(x, min=-0.5), {"x": CLAMPED})
op("clamp max only", "clamp(x, max: 0.5)", lambda x: torch.clamp(x, max=0.5), {"x": CLAMPED})
op("where", "where(c > 0, a, b)", lambda a, b, c: torch.where(c > 0, a, b),
   {"a": rand(2, 3), "b": rand(2, 3)}, {"c": t([[1.0, 0.0, -1.0], [0.0, 2.0, 1.0]])})
op("where broadcast", "where(c > 0, a, b)", lambda a, b, c: torch.where(c > 0, a, b),
   {"a": rand(2, 3), "b": rand(3)}, {"c": t([[1.0, 0.0, -1.0], [0.0, 2.0, 1.0]])})
op("where with a number", "where(c > 0, a, 0)", lambda a, c: torch.where(c > 0, a, t(0.0)),
   {"a": rand(4)}, {"c": t([1.0, 0.0, -1.0, 3.0])})
op("relu at 0 rank 3", "relu(x)", torch.relu, {"x": t([[[-1.0, 0.0], [2.0, 0.0]], [[0.0, -3.0], [0.5, -0.5]]])})
op("abs at 0 rank 3", "abs(x)", torch.abs, {"x": t([[[-1.0, 0.0], [2.0, 0.0]], [[0.0, -3.0], [0.5, -0.5]]])})
op("elementwise rank 4", "tanh(x) * sigmoid(x) + exp(x / 4)", lambda x: torch.tanh(x) * torch.sigmoid(x) + torch.exp(x / 4),
   {"x": rand(2, 2, 2, 3)})

# ---- creation ----
op("linspace(0, 1, 5)", "linspace(0, 1, 5)", lambda: torch.linspace(0, 1, 5, dtype=D))
op("linspace(-1, 1, 7)", "linspace(-1, 1, 7)", lambda: torch.linspace(-1, 1, 7, dtype=D))
op("arange(5)", "arange(5)", lambda: torch.arange(5, dtype=D))
op("arange(1, 7, 2)", "arange(1, 7, 2)", lambda: torch.arange(1, 7, 2, dtype=D))
op("arange(0, 1, 0.25)", "arange(0, 1, 0.25)", lambda: torch.arange(0, 1, 0.25, dtype=D))
op("zeros([3])", "zeros([3])", lambda: torch.zeros(3, dtype=D))
op("zeros([2, 3])", "zeros([2, 3])", lambda: torch.zeros(2, 3, dtype=D))
op("ones([2, 2, 2])", "ones([2, 2, 2])", lambda: torch.ones(2, 2, 2, dtype=D))
op("x * linspace", "x * linspace(0, 1, 4)", lambda x: x * torch.linspace(0, 1, 4, dtype=D), {"x": rand(3, 4)})
op("x + arange", "x + arange(5)", lambda x: x + torch.arange(5, dtype=D), {"x": rand(5)})
op("x * arange with a step", "x * arange(1, 7, 2)", lambda x: x * torch.arange(1, 7, 2, dtype=D), {"x": rand(2, 3)})
op("x + zeros vector", "x + zeros([3])", lambda x: x + torch.zeros(3, dtype=D), {"x": rand(3)})
op("x + zeros matrix", "x + zeros([2, 3])", lambda x: x + torch.zeros(2, 3, dtype=D), {"x": rand(3)})
op("x * ones rank 3", "x * ones([2, 2, 2])", lambda x: x * torch.ones(2, 2, 2, dtype=D), {"x": rand(2)})

# ---- shape ----
op("reshape [3,4] to [2,-1,3]", "reshape(x, [2, -1, 3])", lambda x: x.reshape(2, -1, 3), {"x": rand(3, 4)})
op("reshape rank 4 to a matrix", "reshape(x, [4, 6])", lambda x: x.reshape(4, 6), {"x": rand(2, 3, 2, 2)})
op("permute [1,0,2]", "permute(x, [1, 0, 2])", lambda x: x.permute(1, 0, 2), {"x": rand(2, 3, 4)})
op("permute NCHW to NHWC", "permute(x, [0, 2, 3, 1])", lambda x: x.permute(0, 2, 3, 1), {"x": rand(2, 3, 2, 4)})
op("transpose(x, 1, 2)", "transpose(x, 1, 2)", lambda x: x.transpose(1, 2), {"x": rand(2, 3, 4)})
op("transpose(x, 0, -1)", "transpose(x, 0, -1)", lambda x: x.transpose(0, -1), {"x": rand(2, 3, 4)})
op("transpose(M) of a matrix", "transpose(M)", lambda M: M.T, {"M": rand(2, 3)})
op("unsqueeze(x, 1)", "unsqueeze(x, 1)", lambda x: x.unsqueeze(1), {"x": rand(2, 3)})
op("unsqueeze(x, -1)", "unsqueeze(x, -1)", lambda x: x.unsqueeze(-1), {"x": rand(2, 3)})
op("squeeze(x)", "squeeze(x)", lambda x: x.squeeze(), {"x": rand(2, 1, 3, 1)})
op("squeeze(x, 1)", "squeeze(x, 1)", lambda x: x.squeeze(1), {"x": rand(2, 1, 3, 1)})
op("flatten(x)", "flatten(x)", lambda x: x.flatten(), {"x": rand(2, 3, 4)})
op("flatten(x, 1)", "flatten(x, 1)", lambda x: x.flatten(1), {"x": rand(2, 3, 4)})
op("stack axis 1", "stack([a, b], axis: 1)", lambda a, b: torch.stack([a, b], 1), {"a": rand(2, 3), "b": rand(2, 3)})
op("stack default axis", "stack([a, b, c])", lambda a, b, c: torch.stack([a, b, c]), {"a": rand(4), "b": rand(4), "c": rand(4)})
op("stack axis -1", "stack([a, b], axis: -1)", lambda a, b: torch.stack([a, b], -1), {"a": rand(2, 3), "b": rand(2, 3)})
op("concat rank 3 axis 2", "concat(a, b, axis: 2)", lambda a, b: torch.cat([a, b], 2), {"a": rand(2, 3, 4), "b": rand(2, 3, 2)})
op("concat rank 3 axis 0", "concat(a, b)", lambda a, b: torch.cat([a, b], 0), {"a": rand(1, 2, 3), "b": rand(2, 2, 3)})

# ---- reductions ----
TIED3 = ints(0, 3, 2, 3, 4)  # values 0, 1, 2: many ties along every axis
op("sum axis -1 of a matrix", "sum(M, axis: -1)", lambda M: M.sum(-1), {"M": rand(3, 4)})
op("sum axis -1", "sum(x, axis: -1)", lambda x: x.sum(-1), {"x": rand(2, 3, 4)})
op("sum axis [0, 2]", "sum(x, axis: [0, 2])", lambda x: x.sum((0, 2)), {"x": rand(2, 3, 4)})
op("sum keepdim", "sum(x, axis: 1, keepdim: true)", lambda x: x.sum(1, keepdim=True), {"x": rand(2, 3, 4)})
op("mean axis -2", "mean(x, axis: -2)", lambda x: x.mean(-2), {"x": rand(2, 3, 4)})
op("mean axis [0, 2] keepdim", "mean(x, axis: [0, 2], keepdim: true)", lambda x: x.mean((0, 2), keepdim=True), {"x": rand(2, 3, 4)})
op("mean keepdim of a matrix", "mean(M, axis: 1, keepdim: true)", lambda M: M.mean(1, keepdim=True), {"M": rand(3, 4)})
op("max axis -1 of a matrix with ties", "max(M, axis: -1)", lambda M: torch.amax(M, -1),
   {"M": t([[1.0, 3.0, 3.0, 0.0], [2.0, 2.0, 2.0, 2.0], [0.0, -1.0, 5.0, 1.0]])})
op("max axis 1 with ties", "max(x, axis: 1)", lambda x: torch.amax(x, 1), {"x": TIED3})
op("max axis [0, 2] with ties", "max(x, axis: [0, 2])", lambda x: torch.amax(x, (0, 2)), {"x": TIED3})
op("min axis -1 keepdim with ties", "min(x, axis: -1, keepdim: true)", lambda x: torch.amin(x, -1, keepdim=True), {"x": TIED3})
op("min axis 0 rank 3", "min(x, axis: 0)", lambda x: torch.amin(x, 0), {"x": rand(2, 3, 4)})
op("max of all rank 3 with ties", "max(x)", torch.max, {"x": TIED3})
op("sum of all rank 4", "sum(x)", torch.sum, {"x": rand(2, 3, 2, 2)})
op("var", "var(x)", torch.var, {"x": rand(2, 3, 4)})
op("var unbiased false", "var(x, unbiased: false)", lambda x: torch.var(x, unbiased=False), {"x": rand(5)})
op("var correction 0", "var(x, correction: 0)", lambda x: torch.var(x, unbiased=False), {"x": rand(5)})
op("var axis 1", "var(x, axis: 1)", lambda x: torch.var(x, 1), {"x": rand(2, 3, 4)})
op("var axis -1 unbiased false", "var(M, axis: -1, unbiased: false)", lambda M: torch.var(M, -1, unbiased=False), {"M": rand(3, 4)})
op("var axis [0, 2] correction 0 keepdim", "var(x, axis: [0, 2], correction: 0, keepdim: true)",
   lambda x: torch.var(x, (0, 2), correction=0, keepdim=True), {"x": rand(2, 3, 4)})
op("std", "std(x)", torch.std, {"x": rand(3, 4)})
op("std axis 1 unbiased false", "std(x, axis: 1, unbiased: false)", lambda x: torch.std(x, 1, unbiased=False), {"x": rand(2, 3, 4)})
op("std axis -1 keepdim", "std(x, axis: -1, keepdim: true)", lambda x: torch.std(x, -1, keepdim=True), {"x": rand(2, 3, 4)})
op("std axis 0 correction 0", "std(M, axis: 0, correction: 0)", lambda M: torch.std(M, 0, correction=0), {"M": rand(3, 4)})
op("logsumexp axis 1", "logsumexp(x, axis: 1)", lambda x: torch.logsumexp(x, 1), {"x": rand(2, 3, 4)})
op("logsumexp large of a matrix", "logsumexp(M, axis: -1)", lambda M: torch.logsumexp(M, -1),
   {"M": t([[1000.0, 999.0, -1000.0], [-800.0, -800.0, -801.0]])})
op("logsumexp keepdim", "logsumexp(x, axis: [1, 2], keepdim: true)", lambda x: torch.logsumexp(x, (1, 2), keepdim=True),
   {"x": rand(2, 3, 4)})
op("softmax axis 1 rank 3", "softmax(x, axis: 1)", lambda x: torch.softmax(x, 1), {"x": rand(2, 3, 4)})
op("log_softmax axis 0 rank 3", "log_softmax(x, axis: 0)", lambda x: torch.log_softmax(x, 0), {"x": rand(2, 3, 4)})
op("softmax axis 0 of a matrix", "softmax(M, axis: 0)", lambda M: torch.softmax(M, 0), {"M": rand(3, 4)})
op("softmax default axis rank 3", "softmax(x)", lambda x: torch.softmax(x, -1), {"x": rand(2, 3, 4)})

# ---- convolution ----
op("conv1d batched", "conv1d(x, w)", F.conv1d, {"x": rand(2, 3, 8), "w": rand(4, 3, 3)})
op("conv1d bias stride padding", "conv1d(x, w, b, stride: 2, padding: 1)",
   lambda x, w, b: F.conv1d(x, w, b, stride=2, padding=1), {"x": rand(2, 3, 8), "w": rand(4, 3, 3), "b": rand(4)})
op("conv1d unbatched with a rank-3 weight", "conv1d(x, w)", F.conv1d, {"x": rand(3, 8), "w": rand(2, 3, 3)})
op("conv1d dilation 2", "conv1d(x, w, dilation: 2)", lambda x, w: F.conv1d(x, w, dilation=2), {"x": rand(1, 2, 9), "w": rand(3, 2, 3)})
op("conv1d groups 2", "conv1d(x, w, b, groups: 2)", lambda x, w, b: F.conv1d(x, w, b, groups=2),
   {"x": rand(2, 4, 6), "w": rand(6, 2, 3), "b": rand(6)})
op("conv2d bias padding 1", "conv2d(x, w, b, stride: 1, padding: 1)", lambda x, w, b: F.conv2d(x, w, b, stride=1, padding=1),
   {"x": rand(2, 3, 5, 5), "w": rand(4, 3, 3, 3), "b": rand(4)})
op("conv2d valid", "conv2d(x, w)", F.conv2d, {"x": rand(1, 2, 5, 4), "w": rand(3, 2, 2, 3)})
op("conv2d stride 2 padding 1 even size", "conv2d(x, w, stride: 2, padding: 1)", lambda x, w: F.conv2d(x, w, stride=2, padding=1),
   {"x": rand(1, 2, 6, 6), "w": rand(2, 2, 3, 3)})
op("conv2d dilation 2", "conv2d(x, w, dilation: 2)", lambda x, w: F.conv2d(x, w, dilation=2), {"x": rand(1, 2, 7, 7), "w": rand(3, 2, 3, 3)})
op("conv2d groups 2", "conv2d(x, w, b, groups: 2)", lambda x, w, b: F.conv2d(x, w, b, groups=2),
   {"x": rand(1, 4, 5, 5), "w": rand(6, 2, 3, 3), "b": rand(6)})
op("conv2d unbatched", "conv2d(x, w, b, padding: 1)", lambda x, w, b: F.conv2d(x, w, b, padding=1),
   {"x": rand(3, 4, 4), "w": rand(2, 3, 3, 3), "b": rand(2)})

# ---- pooling (max pools on small whole numbers: windows with two equal maxima) ----
POOL = t([[[[1.0, 2.0, 0.0, 0.0], [2.0, 1.0, 0.0, 0.0], [3.0, 3.0, 1.0, 2.0], [3.0, 3.0, 2.0, 0.0]],
           [[1.0, 1.0, 5.0, 4.0], [1.0, 1.0, 4.0, 5.0], [0.0, 2.0, 2.0, 2.0], [1.0, 2.0, 0.0, 0.0]]]])
assert has_pool_tie(POOL, 2, 2)
op("max_pool2d kernel 2 with ties", "max_pool2d(x, 2)", lambda x: F.max_pool2d(x, 2), {"x": POOL})
POOL5 = ints(0, 3, 1, 2, 5, 5)
assert has_pool_tie(POOL5, 2, 2)
op("max_pool2d kernel 2 odd size with ties", "max_pool2d(x, 2)", lambda x: F.max_pool2d(x, 2), {"x": POOL5})
POOL_PAD = ints(0, 3, 2, 1, 5, 5)
assert has_pool_tie(POOL_PAD, 3, 2, 1)
op("max_pool2d kernel 3 stride 2 padding 1 with ties", "max_pool2d(x, 3, stride: 2, padding: 1)",
   lambda x: F.max_pool2d(x, 3, stride=2, padding=1), {"x": POOL_PAD})
op("max_pool2d padding on negatives", "max_pool2d(x, 3, stride: 2, padding: 1)",
   lambda x: F.max_pool2d(x, 3, stride=2, padding=1), {"x": -1.0 - ints(0, 2, 1, 1, 3, 3)})
POOL_OVERLAP = ints(0, 3, 1, 1, 4, 4)
assert has_pool_tie(POOL_OVERLAP, 2, 1)
op("max_pool2d stride 1 overlapping with ties", "max_pool2d(x, 2, stride: 1)", lambda x: F.max_pool2d(x, 2, stride=1), {"x": POOL_OVERLAP})
op("max_pool2d unbatched with ties", "max_pool2d(x, 2)", lambda x: F.max_pool2d(x, 2), {"x": POOL[0]})
op("max_pool1d kernel 2 with ties", "max_pool1d(x, 2)", lambda x: F.max_pool1d(x, 2),
   {"x": t([[[1.0, 1.0, 0.0, 3.0, 3.0, 3.0], [2.0, 0.0, 0.0, 2.0, 1.0, 1.0], [0.0, 0.0, 4.0, 1.0, 2.0, 2.0]],
            [[5.0, 5.0, 1.0, 2.0, 0.0, 1.0], [1.0, 0.0, 0.0, 0.0, 3.0, 2.0], [2.0, 2.0, 2.0, 2.0, 2.0, 2.0]]])})
op("max_pool1d kernel 3 stride 2 padding 1 with ties", "max_pool1d(x, 3, stride: 2, padding: 1)",
   lambda x: F.max_pool1d(x, 3, stride=2, padding=1), {"x": t([[[1.0, 2.0, 2.0, 0.0, 2.0, 1.0, 1.0]]])})
op("avg_pool2d kernel 2", "avg_pool2d(x, 2)", lambda x: F.avg_pool2d(x, 2), {"x": rand(1, 2, 4, 4)})
op("avg_pool2d odd size", "avg_pool2d(x, 2)", lambda x: F.avg_pool2d(x, 2), {"x": rand(2, 1, 5, 5)})
op("avg_pool2d padding counts the zeros", "avg_pool2d(x, 3, stride: 2, padding: 1)",
   lambda x: F.avg_pool2d(x, 3, stride=2, padding=1), {"x": rand(1, 1, 5, 5)})
op("avg_pool1d kernel 3 stride 1", "avg_pool1d(x, 3, stride: 1)", lambda x: F.avg_pool1d(x, 3, stride=1), {"x": rand(2, 2, 6)})

# ---- normalisation ----
op("layer_norm", "layer_norm(x, [4])", lambda x: F.layer_norm(x, [4]), {"x": rand(2, 3, 4)})
op("layer_norm weight bias eps", "layer_norm(x, [4], w, b, eps: 1e-5)", lambda x, w, b: F.layer_norm(x, [4], w, b, eps=1e-5),
   {"x": rand(2, 3, 4), "w": rand(4), "b": rand(4)})
op("layer_norm of a matrix", "layer_norm(M, [3])", lambda M: F.layer_norm(M, [3]), {"M": rand(4, 3)})
op("layer_norm two axes eps", "layer_norm(x, [3, 4], eps: 0.001)", lambda x: F.layer_norm(x, [3, 4], eps=0.001), {"x": rand(2, 3, 4)})
op("batch_norm [N, C]", "batch_norm(x, weight: g, bias: b)", lambda x, g, b: F.batch_norm(x, None, None, g, b, training=True),
   {"x": rand(4, 3), "g": rand(3), "b": rand(3)})
op("batch_norm [N, C, H, W]", "batch_norm(x, weight: g, bias: b)", lambda x, g, b: F.batch_norm(x, None, None, g, b, training=True),
   {"x": rand(2, 3, 2, 2), "g": rand(3), "b": rand(3)})
op("batch_norm without affine", "batch_norm(x)", lambda x: F.batch_norm(x, None, None, training=True), {"x": rand(4, 2, 3)})

# ---- indexing ----
op("gather rows with a repeated index", "U[idx]", lambda U, idx: U[idx.long()], {"U": rand(5, 3)}, {"idx": t([0.0, 3.0, 3.0, 1.0])})
op("gather elements with a repeated index", "v[idx]", lambda v, idx: v[idx.long()], {"v": rand(5)}, {"idx": t([4.0, 0.0, 4.0, 4.0, 2.0])})
op("pick one per row", "S[arange(3), y]", lambda S, y: S[torch.arange(3), y.long()], {"S": rand(3, 4)}, {"y": t([2.0, 0.0, 2.0])})
op("pick with a repeated pair", "S[i, y]", lambda S, i, y: S[i.long(), y.long()],
   {"S": rand(3, 4)}, {"i": t([0.0, 2.0, 0.0, 1.0]), "y": t([1.0, 3.0, 1.0, 0.0])})
op("slice step", "x[::2]", lambda x: x[::2], {"x": rand(7)})
op("slice start stop step", "x[1:6:2]", lambda x: x[1:6:2], {"x": rand(7)})
op("slice step rows of a matrix", "M[::2, 1:]", lambda M: M[::2, 1:], {"M": rand(5, 3)})
op("None adds an axis", "a[:, None] + b", lambda a, b: a[:, None] + b, {"a": rand(3), "b": rand(4)})
op("index rank 3", "x[0, :, 1]", lambda x: x[0, :, 1], {"x": rand(2, 3, 4)})
op("slices rank 3", "x[:, 1:, ::2]", lambda x: x[:, 1:, ::2], {"x": rand(2, 3, 4)})

# ---- inf in masks ----
op("masked softmax", "softmax(where(mask > 0, s, -inf), axis: -1)",
   lambda s, mask: torch.softmax(torch.where(mask > 0, s, t(float("-inf"))), -1),
   {"s": rand(3, 4)}, {"mask": t([[1.0, 1.0, 0.0, 1.0], [0.0, 1.0, 1.0, 0.0], [0.0, 0.0, 0.0, 1.0]])})

# ---- forms that were valid before stay valid (FORMAT.md section 5), with their shapes: these pass on the old engine ----
op("unchanged matrix @ vector", "A @ v", torch.matmul, {"A": rand(2, 3), "v": rand(3)})
op("unchanged sum(M, 1) positional axis", "sum(M, 1)", lambda M: M.sum(1), {"M": rand(3, 4)})
op("unchanged max(M, axis: 0) with ties", "max(M, axis: 0)", lambda M: torch.amax(M, 0),
   {"M": t([[1.0, 3.0, 2.0], [1.0, 0.0, 2.0], [0.0, 3.0, 2.0]])})
op("unchanged max(v) with ties", "max(v)", torch.max, {"v": t([2.0, -1.0, 2.0, 0.0])})
op("unchanged softmax of rows", "softmax(M)", lambda M: torch.softmax(M, -1), {"M": rand(2, 3)})

out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "course.json")
with open(out, "w") as f:
    json.dump({"torch": torch.__version__, "fixtures": FIXTURES}, f, indent=1)
    f.write("\n")
print(f"{len(FIXTURES)} fixtures from torch {torch.__version__} -> {out}")
