// Answers for problems/dl-a2/softmax-classifier.yaml: the forward pass and backpropagation written out.
double[,] X = { { 1.0, 0.5 }, { -0.5, 1.5 }, { 2.0, -1.0 }, { 0.0, 0.0 } };
double[] labels = { 1, 0, 0, 2 };
double[,] W1 = { { 0.5, -0.2 }, { 0.3, 0.8 }, { -0.6, 0.4 } };
double[] b1 = { 0.1, 0.0, -0.1 };
double[,] W2 = { { 0.7, -0.3, 0.2 }, { -0.4, 0.6, 0.1 }, { 0.2, 0.1, -0.5 } };
double[] b2 = { 0.0, 0.1, -0.1 };

double[,] Dense(double[,] input, double[,] W, double[] b, bool relu)
{
    int n = input.GetLength(0), units = W.GetLength(0), inputs = W.GetLength(1);
    var a = new double[n, units];
    for (var i = 0; i < n; i++)
    {
        for (var j = 0; j < units; j++)
        {
            var s = b[j];
            for (var k = 0; k < inputs; k++)
            {
                s += W[j, k] * input[i, k];
            }
            a[i, j] = relu ? Math.Max(s, 0) : s;
        }
    }
    return a;
}

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

// dL/dZ of the mean cross-entropy: (softmax(Z) - onehot(y)) / n.
double[,] GradLogits(double[,] Z, double[] y)
{
    var p = Softmax(Z);
    int n = Z.GetLength(0), c = Z.GetLength(1);
    for (var i = 0; i < n; i++)
    {
        for (var j = 0; j < c; j++)
        {
            p[i, j] = (p[i, j] - (j == (int)y[i] ? 1 : 0)) / n;
        }
    }
    return p;
}

var H = Dense(X, W1, b1, relu: true);
var Z = Dense(H, W2, b2, relu: false);
var P = Softmax(Z);
var predictions = Enumerable.Range(0, 4).Select(i => (double)Enumerable.Range(0, 3).OrderByDescending(j => P[i, j]).First()).ToArray();
var loss = -Enumerable.Range(0, 4).Average(i => Math.Log(P[i, (int)labels[i]]));
var G = GradLogits(Z, labels);
var gradW2 = new double[3, 3];
for (var j = 0; j < 3; j++)
{
    for (var k = 0; k < 3; k++)
    {
        gradW2[j, k] = Enumerable.Range(0, 4).Sum(i => G[i, j] * H[i, k]);
    }
}

Answer("probabilities", P);
Answer("predictions", predictions);
Answer("accuracy", predictions.Zip(labels, (p, l) => p == l ? 1.0 : 0.0).Average());
Answer("loss", loss);
Answer("grad-logits", G);
Answer("grad-W2", gradW2);
