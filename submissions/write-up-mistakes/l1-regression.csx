// The write-up (seed 000, problem 2) says L1 cannot be differentiated; this subgradient uses sign(y - Xw),
// the residual the wrong way round.
Answer("a-loss", 3.5);
Answer("b-gradient", new double[] { 0, 0.5 });

double[] GradL1(double[,] X, double[] y, double[] w)
{
    var g = new double[w.Length];
    for (var i = 0; i < X.GetLength(0); i++)
    {
        var r = y[i];
        for (var j = 0; j < w.Length; j++)
        {
            r -= X[i, j] * w[j];
        }
        for (var j = 0; j < w.Length; j++)
        {
            g[j] += Math.Sign(r) * X[i, j];
        }
    }
    return g;
}
