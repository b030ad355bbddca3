// The write-up's pseudo-code (seed 004, question 1) taken as the subgradient: g = sum of y x over samples
// with margin <= 1. That is the negative direction, and a sum rather than the mean.
Answer("margins", new[] { 0.2, 1.3, 0.2, 0.25, 1.1 });
Answer("loss", 0.47);
Answer("subgradient", HingeGrad(new double[,] { { 1, 2 }, { 2, -1 }, { -1, -1 }, { 0.5, 0.5 }, { -2, 1 } }, new double[] { 1, 1, -1, 1, -1 }, new[] { 0.1, 0.5, -0.2 }));

double[] HingeGrad(double[,] X, double[] y, double[] w)
{
    var g = new double[w.Length];
    for (var i = 0; i < X.GetLength(0); i++)
    {
        double[] x = [1, X[i, 0], X[i, 1]];
        if (y[i] * (w[0] * x[0] + w[1] * x[1] + w[2] * x[2]) <= 1)
        {
            for (var j = 0; j < 3; j++)
            {
                g[j] += y[i] * x[j];
            }
        }
    }
    return g;
}
