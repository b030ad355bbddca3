// Answers for problems/dl-a1/l1-regression.yaml
Answer("a-loss", 3.5);
Answer("b-gradient", new double[] { 0, -0.5 });

// dL/dw = X^T sign(Xw - y), with sign(0) = 0.
double[] GradL1(double[,] X, double[] y, double[] w)
{
    var g = new double[w.Length];
    for (var i = 0; i < X.GetLength(0); i++)
    {
        var r = -y[i];
        for (var j = 0; j < w.Length; j++)
        {
            r += X[i, j] * w[j];
        }
        for (var j = 0; j < w.Length; j++)
        {
            g[j] += Math.Sign(r) * X[i, j];
        }
    }
    return g;
}
