// Partly right (dl-a4/convnet.yaml): the forward pass and the loss are right; three slips in the backward pass.
// - Max pool: the gradient goes to every position of a window equal to its maximum, not to the first one only as
//   max_pool2d sends it. (On these numbers no window holds two equal maxima: each of the 36 windows has a positive
//   value and no two positive values tie, so this slip changes no answer and grad-c stays right.)
// - grad-W in CS231n's layout (scores = flat @ W with W [18, 3], so dW = flat^T @ dscores): an 18 x 3 answer where
//   the spec's W is 3 x 18.
// - grad-K as a true convolution, the kernel flipped ("the backward pass of a convolution is a convolution with the
//   flipped kernel" holds for dX, not for dK): dK[a, d] gathers X[i - a + 1, j - d + 1], dK rotated by 180 degrees.
double[,,,] X =
{
    { { { 0.2, -0.5, 1.0, 0.3, -0.2, 0.8 }, { 0.7, 0.1, -0.4, 0.9, 0.5, -0.6 }, { -0.3, 0.6, 0.2, -0.8, 0.4, 0.1 },
        { 0.5, -0.7, 0.8, 0.2, -0.1, 0.3 }, { 0.9, 0.4, -0.2, 0.6, 0.7, -0.5 }, { -0.1, 0.3, 0.5, -0.4, 0.2, 0.6 } } },
    { { { -0.6, 0.2, 0.4, -0.3, 0.8, 0.1 }, { 0.3, 0.9, -0.5, 0.2, -0.7, 0.4 }, { 0.1, -0.2, 0.7, 0.5, 0.3, -0.8 },
        { 0.6, 0.4, -0.1, -0.9, 0.2, 0.5 }, { -0.4, 0.8, 0.3, 0.1, -0.6, 0.7 }, { 0.2, -0.3, 0.6, 0.4, 0.9, -0.2 } } },
};
double[,,,] K =
{
    { { { 0.5, -0.3, 0.2 }, { 0.1, 0.4, -0.2 }, { -0.1, 0.3, 0.2 } } },
    { { { -0.4, 0.2, 0.1 }, { 0.3, -0.5, 0.4 }, { 0.2, 0.1, -0.3 } } },
};
double[] c = { 0.05, -0.1 };
double[,] W =
{
    { 0.2, -0.1, 0.3, 0.0, 0.1, -0.2, 0.4, 0.1, -0.3, 0.2, 0.0, 0.1, -0.1, 0.3, 0.2, -0.2, 0.1, 0.0 },
    { -0.3, 0.2, 0.0, 0.1, -0.2, 0.3, -0.1, 0.2, 0.1, -0.4, 0.2, 0.0, 0.3, -0.1, 0.0, 0.2, -0.3, 0.1 },
    { 0.1, 0.0, -0.2, 0.3, 0.2, -0.1, 0.0, -0.3, 0.2, 0.1, -0.2, 0.3, 0.0, 0.1, -0.2, 0.0, 0.2, -0.1 },
};
double[] b = { 0.1, -0.05, 0.0 };
int[] y = { 2, 0 };
const int N = 2, F = 2, S = 6, P = 3, Classes = 3, Flat = F * P * P;

double Pixel(int n, int i, int j) => i < 0 || j < 0 || i >= S || j >= S ? 0 : X[n, 0, i, j];

// Forward: convolution (cross-correlation, padding 1), ReLU, 2x2 max pool.
var conv = new double[N, F, S, S];
for (var n = 0; n < N; n++)
    for (var f = 0; f < F; f++)
        for (var i = 0; i < S; i++)
            for (var j = 0; j < S; j++)
            {
                var sum = c[f];
                for (var a = 0; a < 3; a++)
                    for (var d = 0; d < 3; d++)
                        sum += Pixel(n, i + a - 1, j + d - 1) * K[f, 0, a, d];
                conv[n, f, i, j] = sum;
            }
var pooled = new double[N, F, P, P];
for (var n = 0; n < N; n++)
    for (var f = 0; f < F; f++)
        for (var pi = 0; pi < P; pi++)
            for (var pj = 0; pj < P; pj++)
            {
                var best = double.NegativeInfinity;
                for (var a = 0; a < 2; a++)
                    for (var d = 0; d < 2; d++)
                        best = Math.Max(best, Math.Max(conv[n, f, 2 * pi + a, 2 * pj + d], 0));
                pooled[n, f, pi, pj] = best;
            }
double FlatAt(int n, int m) => pooled[n, m / (P * P), m % (P * P) / P, m % P];
var scores = new double[N, Classes];
for (var n = 0; n < N; n++)
    for (var k = 0; k < Classes; k++)
    {
        scores[n, k] = b[k];
        for (var m = 0; m < Flat; m++)
            scores[n, k] += W[k, m] * FlatAt(n, m);
    }

// Loss and dL/dscores = (softmax - one-hot) / N.
var loss = 0.0;
var dscores = new double[N, Classes];
for (var n = 0; n < N; n++)
{
    var max = Enumerable.Range(0, Classes).Max(k => scores[n, k]);
    var total = Enumerable.Range(0, Classes).Sum(k => Math.Exp(scores[n, k] - max));
    loss += (max + Math.Log(total) - scores[n, y[n]]) / N;
    for (var k = 0; k < Classes; k++)
        dscores[n, k] = (Math.Exp(scores[n, k] - max) / total - (k == y[n] ? 1 : 0)) / N;
}

// Backward: the affine layer, the pool (to the window's maximum), the ReLU, the convolution.
var gradW = new double[Flat, Classes];
var dconv = new double[N, F, S, S];
for (var n = 0; n < N; n++)
    for (var m = 0; m < Flat; m++)
    {
        var dflat = 0.0;
        for (var k = 0; k < Classes; k++)
        {
            gradW[m, k] += FlatAt(n, m) * dscores[n, k];
            dflat += dscores[n, k] * W[k, m];
        }
        int f = m / (P * P), pi = m % (P * P) / P, pj = m % P;
        for (var a = 0; a < 2; a++)
            for (var d = 0; d < 2; d++)
            {
                int i = 2 * pi + a, j = 2 * pj + d;
                if (Math.Max(conv[n, f, i, j], 0) == pooled[n, f, pi, pj] && conv[n, f, i, j] > 0)
                    dconv[n, f, i, j] += dflat;
            }
    }
var gradK = new double[F, 1, 3, 3];
var gradC = new double[F];
for (var n = 0; n < N; n++)
    for (var f = 0; f < F; f++)
        for (var i = 0; i < S; i++)
            for (var j = 0; j < S; j++)
            {
                gradC[f] += dconv[n, f, i, j];
                for (var a = 0; a < 3; a++)
                    for (var d = 0; d < 3; d++)
                        gradK[f, 0, a, d] += dconv[n, f, i, j] * Pixel(n, i - a + 1, j - d + 1);
            }

Answer("conv", conv);
Answer("pooled", pooled);
Answer("loss", loss);
Answer("grad-W", gradW);
Answer("grad-K", gradK);
Answer("grad-c", gradC);
