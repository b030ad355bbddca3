// Partly right (dl-a4/attention.yaml): the forward pass (weights, out) is right; the backward pass leaves out the
// 1/sqrt(d_k) scale of the scores: dQ = dscores @ K and dK = dscores^T @ Q, where both carry a factor 1/sqrt(2).
// So grad-Wq is sqrt(2) times too large, and grad-X is off too (its paths through Q and K, not the one through V).
// The batch has one sequence, so X is kept as a 3 x 4 matrix (token, feature); head h owns columns 2h and 2h + 1
// of Q, K, V and of the heads' concatenation (reshape to [1, 3, 2, 2] then swap the token and head axes).
double[,] X = { { 0.5, -0.2, 0.1, 0.8 }, { -0.3, 0.7, 0.4, -0.1 }, { 0.2, 0.3, -0.6, 0.5 } };
double[,] Wq = { { 0.2, -0.1, 0.3, 0.0 }, { 0.1, 0.4, -0.2, 0.2 }, { -0.3, 0.2, 0.1, 0.1 }, { 0.0, 0.1, 0.2, -0.4 } };
double[,] Wk = { { 0.1, 0.3, -0.2, 0.2 }, { -0.2, 0.1, 0.4, 0.0 }, { 0.3, -0.1, 0.1, 0.2 }, { 0.2, 0.0, -0.3, 0.1 } };
double[,] Wv = { { 0.4, 0.1, 0.0, -0.2 }, { 0.1, -0.3, 0.2, 0.3 }, { -0.1, 0.2, 0.3, 0.1 }, { 0.2, 0.1, -0.1, 0.4 } };
double[,] Wo = { { 0.3, 0.0, -0.2, 0.1 }, { 0.1, 0.2, 0.0, -0.3 }, { -0.2, 0.1, 0.4, 0.0 }, { 0.0, -0.1, 0.2, 0.3 } };
double[,] R = { { 1.0, -0.5, 0.3, 0.2 }, { 0.4, 0.8, -0.6, 0.1 }, { -0.3, 0.2, 0.5, -0.9 } };
const int T = 3, Model = 4, Heads = 2, Dk = 2;
var scale = 1 / Math.Sqrt(Dk);

// A @ B, and A @ B^T / A^T @ B for the backward pass.
double[,] MatMul(double[,] a, double[,] b, bool transA = false, bool transB = false)
{
    int rows = transA ? a.GetLength(1) : a.GetLength(0), inner = transA ? a.GetLength(0) : a.GetLength(1);
    var cols = transB ? b.GetLength(0) : b.GetLength(1);
    var c = new double[rows, cols];
    for (var i = 0; i < rows; i++)
        for (var j = 0; j < cols; j++)
            for (var k = 0; k < inner; k++)
                c[i, j] += (transA ? a[k, i] : a[i, k]) * (transB ? b[j, k] : b[k, j]);
    return c;
}

// Forward.
var Q = MatMul(X, Wq);
var K = MatMul(X, Wk);
var V = MatMul(X, Wv);
var weights = new double[Heads, T, T];
var concat = new double[T, Model];
for (var h = 0; h < Heads; h++)
    for (var t = 0; t < T; t++)
    {
        // Scores of token t against tokens s <= t (the later ones are masked: weight 0), softmax over s.
        var scores = new double[t + 1];
        for (var s = 0; s <= t; s++)
            for (var i = 0; i < Dk; i++)
                scores[s] += Q[t, h * Dk + i] * K[s, h * Dk + i] * scale;
        var max = scores.Max();
        var total = scores.Sum(z => Math.Exp(z - max));
        for (var s = 0; s <= t; s++)
        {
            weights[h, t, s] = Math.Exp(scores[s] - max) / total;
            for (var i = 0; i < Dk; i++)
                concat[t, h * Dk + i] += weights[h, t, s] * V[s, h * Dk + i];
        }
    }
var output = MatMul(concat, Wo);

// Backward of L = sum(out * R): dout = R, dconcat = R @ Wo^T; per head, with dheads = dconcat's columns of the head:
// dweights = dheads @ V^T, dV = weights^T @ dheads, dscores = weights * (dweights - rowsum(weights * dweights)),
// dQ = dscores @ K, dK = dscores^T @ Q. Masked scores have weight 0 and so gradient 0.
var dconcat = MatMul(R, Wo, transB: true);
var dQ = new double[T, Model];
var dK = new double[T, Model];
var dV = new double[T, Model];
for (var h = 0; h < Heads; h++)
    for (var t = 0; t < T; t++)
    {
        var dweights = new double[T];
        for (var s = 0; s <= t; s++)
            for (var i = 0; i < Dk; i++)
            {
                dweights[s] += dconcat[t, h * Dk + i] * V[s, h * Dk + i];
                dV[s, h * Dk + i] += weights[h, t, s] * dconcat[t, h * Dk + i];
            }
        var dot = 0.0;
        for (var s = 0; s <= t; s++)
            dot += weights[h, t, s] * dweights[s];
        for (var s = 0; s <= t; s++)
        {
            var dscore = weights[h, t, s] * (dweights[s] - dot);
            for (var i = 0; i < Dk; i++)
            {
                dQ[t, h * Dk + i] += dscore * K[s, h * Dk + i];
                dK[s, h * Dk + i] += dscore * Q[t, h * Dk + i];
            }
        }
    }
var gradWq = MatMul(X, dQ, transA: true);
var dXq = MatMul(dQ, Wq, transB: true);
var dXk = MatMul(dK, Wk, transB: true);
var dXv = MatMul(dV, Wv, transB: true);

// Back to the spec's shapes: weights [1, 2, 3, 3], out and dL/dX [1, 3, 4].
var weights4 = new double[1, Heads, T, T];
for (var h = 0; h < Heads; h++)
    for (var t = 0; t < T; t++)
        for (var s = 0; s < T; s++)
            weights4[0, h, t, s] = weights[h, t, s];
var output3 = new double[1, T, Model];
var gradX = new double[1, T, Model];
for (var t = 0; t < T; t++)
    for (var j = 0; j < Model; j++)
    {
        output3[0, t, j] = output[t, j];
        gradX[0, t, j] = dXq[t, j] + dXk[t, j] + dXv[t, j];
    }

Answer("weights", weights4);
Answer("out", output3);
Answer("grad-Wq", gradWq);
Answer("grad-X", gradX);
