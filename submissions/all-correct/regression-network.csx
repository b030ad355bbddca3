// Answers for problems/cs577-a2/regression-network.yaml: everything right.
Answer("b-hidden", new[,] { { 0.5225, 0.5200, 0.5175 }, { 0.5300, 0.5250, 0.5200 }, { 0.5275, 0.5225, 0.5250 } });
Answer("b-loss", 281.70);
Answer("c-grad-W", new[,]
{
    { -0.2874, -0.3866, -0.6839 },
    { -0.4315, -0.5804, -1.0268 },
    { -0.5755, -0.7739, -1.3696 },
});

double Sigmoid(double a) => 1 / (1 + Math.Exp(-a));

double[] GradV(double[,] X, double[] Y, double[,] W, double[] v)
{
    var grad = new double[v.Length];
    for (var i = 0; i < X.GetLength(0); i++)
    {
        var z = new double[W.GetLength(0) + 1];
        z[0] = 1;
        for (var j = 0; j < W.GetLength(0); j++)
        {
            var a = W[j, 0];
            for (var k = 0; k < X.GetLength(1); k++)
            {
                a += W[j, k + 1] * X[i, k];
            }
            z[j + 1] = Sigmoid(a);
        }
        var yhat = z.Zip(v, (p, q) => p * q).Sum();
        // L = sum (y - yhat)^2, so dL/dyhat = -2 (y - yhat).
        for (var j = 0; j < v.Length; j++)
        {
            grad[j] += -2 * (Y[i] - yhat) * z[j];
        }
    }
    return grad;
}
