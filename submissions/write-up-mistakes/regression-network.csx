// The write-up's answers (seed 001): a swapped row of activations, per-sample losses that do not add up,
// and gradients without the 2 from the square.
Answer("b-hidden", new[,] { { 0.52248, 0.519989, 0.517493 }, { 0.52498, 0.52996, 0.519989 }, { 0.52747, 0.522184, 0.524999 } });
Answer("b-loss", 63.095 + 119.74559 + 88.88);
Answer("c-grad-W", new[,]
{
    { -0.1437, -0.1933, -0.3420 },
    { -0.2158, -0.2902, -0.5134 },
    { -0.2878, -0.3869, -0.6848 },
});

double Sigmoid(double a) => 1 / (1 + Math.Exp(-a));

// dL/dv = sum (yhat - y) z: the factor 2 of the squared error is lost.
double[] GradV(double[,] X, double[] Y, double[,] W, double[] v)
{
    var grad = new double[v.Length];
    for (var i = 0; i < X.GetLength(0); i++)
    {
        var z = new double[W.GetLength(0) + 1];
        z[0] = 1;
        for (var j = 0; j < W.GetLength(0); j++)
        {
            z[j + 1] = Sigmoid(W[j, 0] + W[j, 1] * X[i, 0] + W[j, 2] * X[i, 1]);
        }
        var yhat = z.Zip(v, (p, q) => p * q).Sum();
        for (var j = 0; j < v.Length; j++)
        {
            grad[j] += (yhat - Y[i]) * z[j];
        }
    }
    return grad;
}
