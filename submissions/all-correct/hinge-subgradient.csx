// Answers for problems/dl-hw1/hinge-subgradient.yaml
Answer("margins", new[] { 0.2, 1.3, 0.2, 0.25, 1.1 });
Answer("loss", 0.47);
Answer("subgradient", HingeGrad(new double[,] { { 1, 2 }, { 2, -1 }, { -1, -1 }, { 0.5, 0.5 }, { -2, 1 } }, new double[] { 1, 1, -1, 1, -1 }, new[] { 0.1, 0.5, -0.2 }));

// J = 1/n sum max(0, 1 - y w.x) with x augmented by a leading 1; only samples with margin < 1 contribute -y x / n.
double[] HingeGrad(double[,] X, double[] y, double[] w)
{
    var n = X.GetLength(0);
    var g = new double[w.Length];
    for (var i = 0; i < n; i++)
    {
        var x = new double[w.Length];
        x[0] = 1;
        for (var j = 1; j < w.Length; j++)
        {
            x[j] = X[i, j - 1];
        }
        var margin = y[i] * x.Zip(w, (a, b) => a * b).Sum();
        if (margin < 1)
        {
            for (var j = 0; j < w.Length; j++)
            {
                g[j] -= y[i] * x[j] / n;
            }
        }
    }
    return g;
}
