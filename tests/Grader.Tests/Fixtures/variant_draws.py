#!/usr/bin/env python3
"""An independent implementation of per-student variants (src/Grader.Problems/README.md, "Per-student variants"): SHA-256 of
"grader-variant\n<problem>\n<student>", its first 8 bytes little-endian as the SplitMix64 seed, normals by Marsaglia's
polar method, givens drawn in the order written, then rounded.

Prints the W of student alice in FeedbackTests' variant spec (problem v), pinned in that test, and with PyTorch
float64 (when run with Debian's /usr/bin/python3) writes variants.json: the answers of problems/dl-a3/own-numbers.yaml
for three students, which VariantOracleTests compares with the grader's.
"""
import hashlib
import json
import math
import os
import struct

M = (1 << 64) - 1


def seed(problem, student):
    return struct.unpack('<Q', hashlib.sha256(f"grader-variant\n{problem}\n{student}".encode()).digest()[:8])[0]


class SplitMix64:
    def __init__(self, state):
        self.state = state
        self.spare = None

    def next(self):
        self.state = (self.state + 0x9E3779B97F4A7C15) & M
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & M
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & M
        return z ^ (z >> 31)

    def double(self):
        return (self.next() >> 11) * (1.0 / (1 << 53))

    def uniform(self, low, high):
        return low + (high - low) * self.double()

    def normal(self, mean, std):
        if self.spare is not None:
            v, self.spare = self.spare, None
            return mean + std * v
        while True:
            u, v = 2 * self.double() - 1, 2 * self.double() - 1
            r = u * u + v * v
            if 0 < r < 1:
                break
        f = math.sqrt(-2 * math.log(r) / r)
        self.spare = v * f
        return mean + std * u * f


r = SplitMix64(seed("v", "alice"))
print("alice's W in problem v:", [round(r.normal(0, 1), 2) for _ in range(4)])

try:
    import torch
except ImportError:
    raise SystemExit("PyTorch not installed: variants.json not written (run with /usr/bin/python3)")
torch.set_default_dtype(torch.float64)
answers = {}
for student in ["all-correct", "partial", "write-up-mistakes", "alice"]:
    r = SplitMix64(seed("own-numbers", student))
    w = torch.tensor([round(r.normal(0, 0.5), 2) for _ in range(3)], requires_grad=True)
    b = torch.tensor(round(r.uniform(-0.5, 0.5), 1))
    x = torch.tensor([1.0, -2, 0.5])
    a = w @ x + b
    p = torch.sigmoid(a)
    L = (1 - p) ** 2
    L.backward()
    answers[student] = {"w": w.tolist(), "b": b.item(), "a-pre": a.item(), "b-out": p.item(), "c-loss": L.item(), "d-grad": w.grad.tolist()}
with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "torch", "variants.json"), "w") as f:
    json.dump({"torch": torch.__version__, "problem": "dl-a3/own-numbers", "students": answers}, f, indent=1)
    f.write("\n")
print("variants.json written")
