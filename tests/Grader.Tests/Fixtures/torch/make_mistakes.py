#!/usr/bin/env python3
"""Answers made by known backpropagation mistakes, computed by hand in PyTorch float64 (not by the grader's rules).

Each entry is one shipped part answered by a student who makes one mistake; the grader's diagnosis must name
exactly that mistake (FeedbackTests covers values two mistakes give, where it names neither) (tests/Grader.Tests/Grading/MistakeOracleTests.cs). The right answers are checked against
autograd here, so that a slip in a hand-written backward pass shows up as an assertion, not as a fixture.

Run with Debian's PyTorch: /usr/bin/python3 make_mistakes.py  (writes mistakes.json beside this file)
"""
import json
import os

import torch

torch.set_default_dtype(torch.float64)
out = []


def add(spec, part, mistake, value):
    out.append({"spec": spec, "part": part, "mistake": mistake, "value": value.tolist()})


def aug(m, one=1.0):
    return torch.cat([torch.full((m.shape[0], 1), one), m], dim=1)


# ---- cs577-a2/regression-network: A = aug(X) W^T, Z = sigmoid(A), yhat = aug(Z) v, L = sum((Y - yhat)^2)
W = torch.tensor([[0.01, 0.02, 0.03], [0.03, 0.01, 0.02], [0.02, 0.03, 0.01]])
v = torch.tensor([0.01, 0.02, 0.03, 0.04])
X = torch.tensor([[1.0, 2], [1, 3], [2, 2]])
Y = torch.tensor([8.0, 11, 10])


def regression(one=1.0, dyhat_rule=lambda r: -2 * r, dact=lambda a, z: z * (1 - z), mask=None):
    A = aug(X, one) @ W.T
    Z = torch.sigmoid(A)
    yhat = aug(Z, one) @ v
    dyhat = dyhat_rule(Y - yhat)
    if mask is not None:
        dyhat = dyhat * mask
    dZ = torch.outer(dyhat, v[1:])
    dA = dZ * dact(A, Z)
    return dA.T @ aug(X, one)


Wg = W.clone().requires_grad_()
A = aug(X) @ Wg.T
L = ((Y - aug(torch.sigmoid(A)) @ v) ** 2).sum()
L.backward()
assert torch.allclose(regression(), Wg.grad, rtol=0, atol=1e-14), "the hand-written backward pass is wrong"

spec = "cs577-a2/regression-network"
add(spec, "c-grad-W", "sigmoid-for-derivative", regression(dact=lambda a, z: z))
add(spec, "c-grad-W", "activation-derivative-forgotten", regression(dact=lambda a, z: torch.ones_like(z)))
add(spec, "c-grad-W", "derivative-at-activation", regression(dact=lambda a, z: torch.sigmoid(z) * (1 - torch.sigmoid(z))))
add(spec, "c-grad-W", "square-factor-dropped", regression(dyhat_rule=lambda r: -r))
add(spec, "c-grad-W", "mean-for-sum", regression(dyhat_rule=lambda r: -2 * r / 3))
add(spec, "c-grad-W", "one-sample", regression(mask=torch.tensor([1.0, 0, 0])))
add(spec, "c-grad-W", "sign-flipped", -regression())
add(spec, "c-grad-W", "bias-forgotten", regression(one=0.0))
add(spec, "c-grad-W", "transposed", regression().T)
add(spec, "b-loss", "mean-for-sum", ((Y - aug(torch.sigmoid(aug(X) @ W.T)) @ v) ** 2).mean())

# ---- dl-a2/softmax-classifier: relu hidden layer, softmax output, mean cross-entropy over 4 samples
X2 = torch.tensor([[1.0, 0.5], [-0.5, 1.5], [2.0, -1.0], [0.0, 0.0]])
labels = torch.tensor([1, 0, 0, 2])
W1 = torch.tensor([[0.5, -0.2], [0.3, 0.8], [-0.6, 0.4]])
b1 = torch.tensor([0.1, 0.0, -0.1])
W2 = torch.tensor([[0.7, -0.3, 0.2], [-0.4, 0.6, 0.1], [0.2, 0.1, -0.5]])
b2 = torch.tensor([0.0, 0.1, -0.1])
Zout = (torch.relu(X2 @ W1.T + b1) @ W2.T + b2).requires_grad_()
torch.nn.functional.cross_entropy(Zout, labels).backward()
P = torch.softmax(Zout.detach(), dim=1)
onehot = torch.nn.functional.one_hot(labels, 3).double()
assert torch.allclose((P - onehot) / 4, Zout.grad, rtol=0, atol=1e-15)
add("dl-a2/softmax-classifier", "grad-logits", "softmax-ce-without-y", P / 4)
add("dl-a2/softmax-classifier", "grad-logits", "sum-for-mean", P - onehot)

# ---- dl-hw1/l2-regularised: J = bce(sigmoid(out.a), y) + lambda/2 (||W1||^2 + ||w2||^2)
x = torch.tensor([1.0, 2])
y = torch.tensor(1.0)
W1h = torch.tensor([[0.5, 0.3], [-0.4, -0.1]], requires_grad=True)
b1h = torch.tensor([0.1, 0.2])
w2 = torch.tensor([0.7, -0.6], requires_grad=True)
b2h = torch.tensor(0.05)
lam = 0.1
h = torch.relu(W1h @ x + b1h)
z = w2 @ h + b2h
loss = torch.nn.functional.binary_cross_entropy_with_logits(z, y)
J = loss + lam / 2 * ((W1h ** 2).sum() + (w2 ** 2).sum())
gl_w2, = torch.autograd.grad(loss, w2, retain_graph=True)
gJ_w2, = torch.autograd.grad(J, w2, retain_graph=True)
delta = (torch.sigmoid(z) - y).detach()
assert torch.allclose(gJ_w2, gl_w2 + lam * w2)
spec = "dl-hw1/l2-regularised"
add(spec, "dJ-dw2", "l2-gradient-missing", gl_w2)
# (The grader leaves penalty terms alone when it tries a square's or a reduction's mistake, so 4w is not a rival.)
add(spec, "dJ-dw2", "l2-gradient-halved", gl_w2 + 0.5 * lam * w2.detach())
add(spec, "dJ-dw2", "l2-gradient-doubled", gl_w2 + 2 * lam * w2.detach())
add(spec, "dJ-dw2", "l2-gradient-times-upstream", gl_w2 + lam * w2.detach() * delta)
gl_W1, = torch.autograd.grad(loss, W1h, retain_graph=True)
# The hidden units' delta: dL/d(hidden pre-activation) = delta * w2 * relu'(a).
a = (W1h @ x + b1h).detach()
delta_hidden = delta * w2.detach() * (a > 0).double()
add(spec, "dJ-dW1", "l2-gradient-times-upstream", gl_W1 + lam * W1h.detach() * delta_hidden[:, None])
add(spec, "dL-dW1", "relu-derivative-one", torch.outer(delta * w2.detach(), x))

# ---- cs577-a2/jacobians 13c: J of F(G(x)) at x = 2, F(x, y) = [x^2 + 2y, 3x + 4y^2], G(x) = [x, x^2]
xg = torch.tensor(2.0)
u = torch.stack([xg, xg ** 2])
JF = torch.autograd.functional.jacobian(lambda t: torch.stack([t[0] ** 2 + 2 * t[1], 3 * t[0] + 4 * t[1] ** 2]), u)
JG = torch.autograd.functional.jacobian(lambda t: torch.stack([t, t ** 2]), xg).reshape(2, 1)
right = torch.autograd.functional.jacobian(lambda t: torch.stack([t ** 2 + 2 * t ** 2, 3 * t + 4 * t ** 4]), xg).reshape(2, 1)
assert torch.allclose(JF @ JG, right)
add("cs577-a2/jacobians", "13c-chain", "magnitude-slip", (JF @ JG) * 10)

with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "mistakes.json"), "w") as f:
    json.dump({"torch": torch.__version__, "answers": out}, f, indent=1)
    f.write("\n")
print(f"{len(out)} answers written")
