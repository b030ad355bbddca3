// Answers for problems/dl-a1/squared-norm.yaml
double[] x = { 1, -2, 3 };
Answer("a-gradient", x.Select(v => 2 * v).ToArray());
Answer("b-gradient", new double[] { -12, -8 });
Answer("b-minimiser", new double[] { 2, 2 });
Answer("b-gradient-at-minimiser", new double[] { 0, 0 });

double[] Minimiser(double[,] P)
{
    var n = P.GetLength(0);
    var mu = new double[P.GetLength(1)];
    for (var i = 0; i < n; i++)
    {
        for (var j = 0; j < mu.Length; j++)
        {
            mu[j] += P[i, j] / n;
        }
    }
    return mu;
}
