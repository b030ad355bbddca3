// Answers for problems/dl-a4/normalisation.yaml: batch norm and layer norm, forward and backward, written out.
double[,] X = { { 1.0, -2.0, 0.5 }, { 0.3, 0.8, -1.2 }, { -0.7, 1.5, 2.0 }, { 2.2, -0.4, 0.1 } };
double[] gamma = { 1.5, 0.8, -0.5 };
double[] beta = { 0.1, -0.2, 0.3 };
double[,] R = { { 0.5, -1.0, 0.2 }, { 1.2, 0.3, -0.7 }, { -0.4, 0.9, 1.1 }, { 0.6, -0.2, 0.8 } };
const int N = 4, D = 3;
const double Eps = 1e-5;

// Normalises each group of m values (read and written through the index maps), returning xhat and 1/sigma per group;
// the backward pass of out = gamma * xhat + beta with upstream gradient R:
// dx = (1/sigma) / m * (m * dxhat - sum(dxhat) - xhat * sum(dxhat * xhat)), dxhat = R * gamma.
(double[,] Out, double[,] Dx, double[] Dgamma) Normalise(int groups, int m, Func<int, int, (int Row, int Col)> at)
{
    var xhat = new double[N, D];
    var output = new double[N, D];
    var dx = new double[N, D];
    var dgamma = new double[D];
    for (var g = 0; g < groups; g++)
    {
        var mean = Enumerable.Range(0, m).Average(k => X[at(g, k).Row, at(g, k).Col]);
        var variance = Enumerable.Range(0, m).Average(k => Math.Pow(X[at(g, k).Row, at(g, k).Col] - mean, 2));
        var inv = 1 / Math.Sqrt(variance + Eps);
        double sumD = 0, sumDX = 0;
        for (var k = 0; k < m; k++)
        {
            var (r, col) = at(g, k);
            xhat[r, col] = (X[r, col] - mean) * inv;
            output[r, col] = gamma[col] * xhat[r, col] + beta[col];
            var dxhat = R[r, col] * gamma[col];
            sumD += dxhat;
            sumDX += dxhat * xhat[r, col];
            dgamma[col] += R[r, col] * xhat[r, col];
        }
        for (var k = 0; k < m; k++)
        {
            var (r, col) = at(g, k);
            dx[r, col] = inv / m * (m * R[r, col] * gamma[col] - sumD - xhat[r, col] * sumDX);
        }
    }
    return (output, dx, dgamma);
}

var bn = Normalise(D, N, (feature, sample) => (sample, feature));
var ln = Normalise(N, D, (sample, feature) => (sample, feature));

Answer("batch-norm", bn.Out);
Answer("batch-norm-dx", bn.Dx);
Answer("batch-norm-dgamma", bn.Dgamma);
Answer("layer-norm", ln.Out);
Answer("layer-norm-dx", ln.Dx);
