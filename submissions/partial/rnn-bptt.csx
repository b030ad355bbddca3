// Partly right: the forward pass is right, but the weight gradients keep only the last time step's term
// (truncated back-propagation: the loop over t stops after t = T), and dL/dh_3 is left out.
double[][] xs = { new[] { 1.0, 0.5 }, new[] { -0.5, 1.0 }, new[] { 0.8, -0.6 }, new[] { 0.0, 1.2 }, new[] { -1.0, -0.4 } };
double[,] Wxh = { { 0.5, -0.3 }, { 0.2, 0.8 }, { -0.6, 0.1 } };
double[,] Whh = { { 0.4, -0.2, 0.1 }, { 0.3, 0.5, -0.4 }, { -0.1, 0.2, 0.6 } };
double[] bh = { 0.1, -0.1, 0.05 };
double[] wy = { 1.0, -0.5, 0.8 };
double by = 0.2, y = 1.0;
const int T = 5, n = 3;

// h[t] for t = 0..T, h[0] = 0.
var h = new double[T + 1][];
h[0] = new double[n];
for (var t = 1; t <= T; t++)
{
    h[t] = new double[n];
    for (var i = 0; i < n; i++)
    {
        var a = bh[i];
        for (var j = 0; j < n; j++)
        {
            a += Whh[i, j] * h[t - 1][j];
        }
        for (var j = 0; j < 2; j++)
        {
            a += Wxh[i, j] * xs[t - 1][j];
        }
        h[t][i] = Math.Tanh(a);
    }
}
var yhat = by + Enumerable.Range(0, n).Sum(i => wy[i] * h[T][i]);
var L = 0.5 * (yhat - y) * (yhat - y);

// Backward: dh is dL/dh_t; through tanh, da = dh * (1 - h^2); every step adds its term to the weight gradients.
var dh = new double[T + 1][];
dh[T] = wy.Select(w => (yhat - y) * w).ToArray();
var gWhh = new double[n, n];
var gWxh = new double[n, 2];
for (var t = T; t >= T; t--)
{
    var da = Enumerable.Range(0, n).Select(i => dh[t][i] * (1 - h[t][i] * h[t][i])).ToArray();
    dh[t - 1] = new double[n];
    for (var i = 0; i < n; i++)
    {
        for (var j = 0; j < n; j++)
        {
            gWhh[i, j] += da[i] * h[t - 1][j];
            dh[t - 1][j] += Whh[i, j] * da[i];
        }
        for (var j = 0; j < 2; j++)
        {
            gWxh[i, j] += da[i] * xs[t - 1][j];
        }
    }
}

var states = new double[T, n];
for (var t = 1; t <= T; t++)
{
    for (var i = 0; i < n; i++)
    {
        states[t - 1, i] = h[t][i];
    }
}
Answer("a-h1", h[1]);
Answer("b-states", states);
Answer("c-loss", L);
Answer("d-grad-h5", dh[T]);
Answer("f-grad-W_hh", gWhh);
Answer("g-grad-W_xh", gWxh);
