// Answers for problems/dl-a4/momentum-steps.yaml: logistic regression's gradient and three steps of SGD with momentum.
double[,] X = { { 1.0, 2.0 }, { 2.0, -1.0 }, { -1.0, -1.5 }, { 0.5, 1.0 } };
double[] y = { 1, 0, 0, 1 };

// dJ/dw of the mean binary cross-entropy: the mean of (sigmoid(z_i) - y_i) [1, x_i].
double[] Grad(double[] w)
{
    var g = new double[3];
    for (var i = 0; i < 4; i++)
    {
        double[] xi = { 1, X[i, 0], X[i, 1] };
        var z = w[0] * xi[0] + w[1] * xi[1] + w[2] * xi[2];
        var d = 1 / (1 + Math.Exp(-z)) - y[i];
        for (var j = 0; j < 3; j++)
        {
            g[j] += d * xi[j] / 4;
        }
    }
    return g;
}

double Loss(double[] w)
{
    var s = 0.0;
    for (var i = 0; i < 4; i++)
    {
        var z = w[0] + w[1] * X[i, 0] + w[2] * X[i, 1];
        var p = 1 / (1 + Math.Exp(-z));
        s -= y[i] * Math.Log(p) + (1 - y[i]) * Math.Log(1 - p);
    }
    return s / 4;
}

// PyTorch's SGD with momentum: v = mu v + g, w = w - lr v (v starts at 0).
(double[] W, double[] V, double[] G) Step(double[] w, double[] v, double lr, double mu)
{
    var g = Grad(w);
    var v2 = v.Select((vj, j) => mu * vj + g[j]).ToArray();
    return (w.Select((wj, j) => wj - lr * v2[j]).ToArray(), v2, g);
}

double[] Momentum(double[] w0, double lr, double mu)
{
    var (w, v) = (w0, new double[3]);
    for (var t = 0; t < 3; t++)
    {
        (w, v, _) = Step(w, v, lr, mu);
    }
    return w;
}

var (w1, v1, g1) = Step(new[] { 0.0, 0.1, -0.1 }, new double[3], 0.5, 0.9);
var (w2, v2, _) = Step(w1, v1, 0.5, 0.9);
var (w3, v3, _) = Step(w2, v2, 0.5, 0.9);
Answer("a-g1", g1);
Answer("b-w1", w1);
Answer("c-w2", w2);
Answer("d-w3", w3);
Answer("e-v3", v3);
Answer("f-loss", Loss(w3));
