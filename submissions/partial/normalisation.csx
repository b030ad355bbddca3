// Partly right (dl-a4/normalisation.yaml): batch norm's output and dgamma are right; two slips.
// - Batch norm's dx as if the batch's mean and variance were constants: dx = gamma * dout / sqrt(var + eps), the two
//   terms through the mean and the variance left out.
// - Layer norm with the unbiased variance (divided by D - 1 = 2, as torch.var's default), and its dx from the usual
//   formula dx = (1/sigma) / D * (D * dxhat - sum(dxhat) - xhat * sum(dxhat * xhat)) applied to that xhat and sigma,
//   so layer-norm and layer-norm-dx are both off.
double[,] X = { { 1.0, -2.0, 0.5 }, { 0.3, 0.8, -1.2 }, { -0.7, 1.5, 2.0 }, { 2.2, -0.4, 0.1 } };
double[] gamma = { 1.5, 0.8, -0.5 };
double[] beta = { 0.1, -0.2, 0.3 };
double[,] R = { { 0.5, -1.0, 0.2 }, { 1.2, 0.3, -0.7 }, { -0.4, 0.9, 1.1 }, { 0.6, -0.2, 0.8 } };
const int N = 4, D = 3;
const double Eps = 1e-5;

// Batch norm: each feature (column) over the batch.
var bn = new double[N, D];
var bnDx = new double[N, D];
var bnDgamma = new double[D];
for (var j = 0; j < D; j++)
{
    var mean = 0.0;
    for (var i = 0; i < N; i++)
        mean += X[i, j] / N;
    var variance = 0.0;
    for (var i = 0; i < N; i++)
        variance += (X[i, j] - mean) * (X[i, j] - mean) / N;
    var sigma = Math.Sqrt(variance + Eps);
    for (var i = 0; i < N; i++)
    {
        var xhat = (X[i, j] - mean) / sigma;
        bn[i, j] = gamma[j] * xhat + beta[j];
        bnDgamma[j] += R[i, j] * xhat;
        bnDx[i, j] = gamma[j] * R[i, j] / sigma;
    }
}

// Layer norm: each sample (row) over its features.
var ln = new double[N, D];
var lnDx = new double[N, D];
for (var i = 0; i < N; i++)
{
    var mean = 0.0;
    for (var j = 0; j < D; j++)
        mean += X[i, j] / D;
    var variance = 0.0;
    for (var j = 0; j < D; j++)
        variance += (X[i, j] - mean) * (X[i, j] - mean) / (D - 1);
    var sigma = Math.Sqrt(variance + Eps);
    var xhat = new double[D];
    var dxhat = new double[D];
    double sumD = 0, sumDX = 0;
    for (var j = 0; j < D; j++)
    {
        xhat[j] = (X[i, j] - mean) / sigma;
        ln[i, j] = gamma[j] * xhat[j] + beta[j];
        dxhat[j] = R[i, j] * gamma[j];
        sumD += dxhat[j];
        sumDX += dxhat[j] * xhat[j];
    }
    for (var j = 0; j < D; j++)
        lnDx[i, j] = (D * dxhat[j] - sumD - xhat[j] * sumDX) / (D * sigma);
}

Answer("batch-norm", bn);
Answer("batch-norm-dx", bnDx);
Answer("batch-norm-dgamma", bnDgamma);
Answer("layer-norm", ln);
Answer("layer-norm-dx", lnDx);
