// Partly right (dl-a4/lstm-bptt.yaml): the forward pass is right; the backward pass leaves out the sigmoid derivative
// s(1 - s) of the input, forget and output gates (the cell candidate's tanh derivative is there). So dL/dc_2 and the
// weight gradients are off.
// Gate rows of W_ih, W_hh and b: 0-2 input (i), 3-5 forget (f), 6-8 cell candidate (g), 9-11 output (o).
double[][] xs = { new[] { 1.0, 0.5 }, new[] { -0.5, 1.0 }, new[] { 0.8, -0.6 }, new[] { 0.3, 1.2 } };
double[,] Wih =
{
    { -0.2, -0.4 }, { 0.2, -0.5 }, { 0.0, -0.2 },
    { -0.5, 0.0 }, { -0.6, -0.1 }, { -0.5, -0.5 },
    { -0.1, 0.4 }, { -0.5, -0.3 }, { 0.2, 0.5 },
    { 0.1, -0.1 }, { 0.6, -0.5 }, { 0.4, -0.3 },
};
double[,] Whh =
{
    { -0.4, -0.5, -0.2 }, { 0.4, -0.4, 0.1 }, { 0.2, -0.2, 0.1 },
    { -0.5, -0.5, -0.4 }, { 0.2, -0.1, -0.2 }, { 0.1, -0.1, -0.2 },
    { 0.4, 0.2, -0.3 }, { 0.1, 0.0, 0.5 }, { 0.3, -0.3, 0.6 },
    { -0.5, -0.1, 0.3 }, { -0.4, 0.0, -0.6 }, { 0.2, 0.3, 0.1 },
};
double[] b = { 0.23, -0.19, 0.16, 0.58, 0.53, 0.43, 0.2, 0.27, -0.03, 0.1, -0.28, 0.16 };
double[] wy = { 1.0, -0.8, 0.6 };
double by = 0.1, y = 1.5;
const int T = 4, n = 3, d = 2;

double Sigmoid(double v) => 1 / (1 + Math.Exp(-v));

// Forward: keep every step's gates and states; index 0 of h and c is the initial zero state.
var h = new double[T + 1][];
var c = new double[T + 1][];
var I = new double[T + 1][];
var F = new double[T + 1][];
var G = new double[T + 1][];
var O = new double[T + 1][];
h[0] = new double[n];
c[0] = new double[n];
for (var t = 1; t <= T; t++)
{
    var a = new double[4 * n];
    for (var r = 0; r < 4 * n; r++)
    {
        a[r] = b[r];
        for (var j = 0; j < d; j++)
        {
            a[r] += Wih[r, j] * xs[t - 1][j];
        }
        for (var j = 0; j < n; j++)
        {
            a[r] += Whh[r, j] * h[t - 1][j];
        }
    }
    I[t] = new double[n];
    F[t] = new double[n];
    G[t] = new double[n];
    O[t] = new double[n];
    h[t] = new double[n];
    c[t] = new double[n];
    for (var k = 0; k < n; k++)
    {
        I[t][k] = Sigmoid(a[k]);
        F[t][k] = Sigmoid(a[n + k]);
        G[t][k] = Math.Tanh(a[2 * n + k]);
        O[t][k] = Sigmoid(a[3 * n + k]);
        c[t][k] = F[t][k] * c[t - 1][k] + I[t][k] * G[t][k];
        h[t][k] = O[t][k] * Math.Tanh(c[t][k]);
    }
}
var yhat = by;
for (var k = 0; k < n; k++)
{
    yhat += wy[k] * h[T][k];
}
var L = 0.5 * (yhat - y) * (yhat - y);

// Backward. dh and dc hold dL/dh_t and dL/dc_t (dc gets the part through h_t at step t itself).
var dh = new double[n];
var dc = new double[n];
for (var k = 0; k < n; k++)
{
    dh[k] = (yhat - y) * wy[k];
}
var gWhh = new double[4 * n, n];
var gWih = new double[4 * n, d];
var gb = new double[4 * n];
double[] dc2 = null!;
for (var t = T; t >= 1; t--)
{
    var da = new double[4 * n];
    for (var k = 0; k < n; k++)
    {
        var tc = Math.Tanh(c[t][k]);
        dc[k] += dh[k] * O[t][k] * (1 - tc * tc);
        // The pre-activations: dL/di = dc * g, dL/df = dc * c_(t-1), dL/do = dh * tanh(c); g goes through its tanh.
        da[k] = dc[k] * G[t][k];
        da[n + k] = dc[k] * c[t - 1][k];
        da[2 * n + k] = dc[k] * I[t][k] * (1 - G[t][k] * G[t][k]);
        da[3 * n + k] = dh[k] * tc;
    }
    if (t == 2)
    {
        dc2 = (double[])dc.Clone();
    }
    var dhPrev = new double[n];
    for (var r = 0; r < 4 * n; r++)
    {
        gb[r] += da[r];
        for (var j = 0; j < d; j++)
        {
            gWih[r, j] += da[r] * xs[t - 1][j];
        }
        for (var j = 0; j < n; j++)
        {
            gWhh[r, j] += da[r] * h[t - 1][j];
            dhPrev[j] += Whh[r, j] * da[r];
        }
    }
    for (var k = 0; k < n; k++)
    {
        dc[k] *= F[t][k];
    }
    dh = dhPrev;
}

var cells = new double[T, n];
for (var t = 1; t <= T; t++)
{
    for (var k = 0; k < n; k++)
    {
        cells[t - 1, k] = c[t][k];
    }
}
Answer("a-f1", F[1]);
Answer("b-cells", cells);
Answer("c-h4", h[T]);
Answer("d-loss", L);
Answer("e-grad-c2", dc2);
Answer("f-grad-W_hh", gWhh);
Answer("g-grad-W_ih", gWih);
Answer("h-grad-b", gb);
