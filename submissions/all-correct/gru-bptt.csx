// Answers for problems/dl-a4/gru-bptt.yaml: the GRU run forward, then back-propagation through time by hand.
// Rows of W_ih, W_hh, b_ih, b_hh: 0-2 reset gate (r), 3-5 update gate (z), 6-8 candidate (n).
double[][] xs = { new[] { 1.0, 0.5 }, new[] { -0.5, 1.0 }, new[] { 0.8, -0.6 }, new[] { 0.3, 1.2 } };
double[,] Wih =
{
    { 0.2, 0.6 }, { 0.4, -0.3 }, { -0.1, 0.2 },
    { -0.6, 0.0 }, { -0.4, -0.5 }, { -0.5, 0.3 },
    { -0.4, -0.3 }, { -0.1, 0.4 }, { -0.5, -0.1 },
};
double[,] Whh =
{
    { 0.1, 0.5, 0.4 }, { 0.4, -0.3, -0.1 }, { -0.2, 0.5, 0.5 },
    { -0.4, -0.4, -0.3 }, { -0.3, 0.0, 0.1 }, { -0.3, -0.6, -0.1 },
    { -0.2, 0.1, 0.5 }, { 0.2, 0.0, 0.1 }, { 0.2, -0.5, 0.5 },
};
double[] bih = { 0.19, 0.22, 0.16, -0.03, -0.16, -0.21, 0.06, -0.27, -0.25 };
double[] bhh = { -0.16, -0.2, -0.1, -0.27, -0.3, -0.21, -0.25, -0.31, -0.28 };
double[] wy = { 0.8, -1.0, 0.5 };
double by = -0.1, y = 0.4;
const int T = 4, n = 3, d = 2;

double Sigmoid(double v) => 1 / (1 + Math.Exp(-v));

// Forward, keeping q = W_hh h + b_hh and the gates of every step (h[0] = 0).
var h = new double[T + 1][];
var q = new double[T + 1][];
var R = new double[T + 1][];
var Z = new double[T + 1][];
var N = new double[T + 1][];
h[0] = new double[n];
for (var t = 1; t <= T; t++)
{
    var p = new double[3 * n];
    q[t] = new double[3 * n];
    for (var r = 0; r < 3 * n; r++)
    {
        p[r] = bih[r];
        q[t][r] = bhh[r];
        for (var j = 0; j < d; j++)
        {
            p[r] += Wih[r, j] * xs[t - 1][j];
        }
        for (var j = 0; j < n; j++)
        {
            q[t][r] += Whh[r, j] * h[t - 1][j];
        }
    }
    R[t] = new double[n];
    Z[t] = new double[n];
    N[t] = new double[n];
    h[t] = new double[n];
    for (var k = 0; k < n; k++)
    {
        R[t][k] = Sigmoid(p[k] + q[t][k]);
        Z[t][k] = Sigmoid(p[n + k] + q[t][n + k]);
        N[t][k] = Math.Tanh(p[2 * n + k] + R[t][k] * q[t][2 * n + k]);
        h[t][k] = (1 - Z[t][k]) * N[t][k] + Z[t][k] * h[t - 1][k];
    }
}
var yhat = by;
for (var k = 0; k < n; k++)
{
    yhat += wy[k] * h[T][k];
}
var L = 0.5 * (yhat - y) * (yhat - y);

// Backward: dh is dL/dh_t. dp and dq are the gradients at p_t and q_t (they differ in the candidate's rows, where
// q is multiplied by r).
var dh = new double[n];
for (var k = 0; k < n; k++)
{
    dh[k] = (yhat - y) * wy[k];
}
var gWhh = new double[3 * n, n];
var gWih = new double[3 * n, d];
var gbhh = new double[3 * n];
double[] dh2 = null!;
for (var t = T; t >= 1; t--)
{
    if (t == 2)
    {
        dh2 = (double[])dh.Clone();
    }
    var dp = new double[3 * n];
    var dq = new double[3 * n];
    for (var k = 0; k < n; k++)
    {
        var dn = dh[k] * (1 - Z[t][k]) * (1 - N[t][k] * N[t][k]);
        var dr = dn * q[t][2 * n + k] * R[t][k] * (1 - R[t][k]);
        var dz = dh[k] * (h[t - 1][k] - N[t][k]) * Z[t][k] * (1 - Z[t][k]);
        dp[k] = dq[k] = dr;
        dp[n + k] = dq[n + k] = dz;
        dp[2 * n + k] = dn;
        dq[2 * n + k] = dn * R[t][k];
    }
    var dhPrev = new double[n];
    for (var k = 0; k < n; k++)
    {
        dhPrev[k] = dh[k] * Z[t][k];
    }
    for (var r = 0; r < 3 * n; r++)
    {
        gbhh[r] += dq[r];
        for (var j = 0; j < d; j++)
        {
            gWih[r, j] += dp[r] * xs[t - 1][j];
        }
        for (var j = 0; j < n; j++)
        {
            gWhh[r, j] += dq[r] * h[t - 1][j];
            dhPrev[j] += Whh[r, j] * dq[r];
        }
    }
    dh = dhPrev;
}

var states = new double[T, n];
for (var t = 1; t <= T; t++)
{
    for (var k = 0; k < n; k++)
    {
        states[t - 1, k] = h[t][k];
    }
}
Answer("a-z1", Z[1]);
Answer("b-states", states);
Answer("c-loss", L);
Answer("d-grad-h2", dh2);
Answer("e-grad-W_hh", gWhh);
Answer("f-grad-W_ih", gWih);
Answer("g-grad-b_hh", gbhh);
