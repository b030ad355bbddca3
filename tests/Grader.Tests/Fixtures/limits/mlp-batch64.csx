// A correct submission for mlp-batch64.yaml beside it: the gradients of a 784-256-10 MLP by backpropagation.
static (double[,] A1, double[,] H, double[,] Z) Forward(double[,] X, double[,] W1, double[] b1, double[,] W2, double[] b2)
{
    int n = X.GetLength(0), d = X.GetLength(1), h = W1.GetLength(0), c = W2.GetLength(0);
    var A1 = new double[n, h]; var H = new double[n, h]; var Z = new double[n, c];
    for (int i = 0; i < n; i++)
    {
        for (int j = 0; j < h; j++)
        {
            double s = b1[j];
            for (int k = 0; k < d; k++) s += X[i, k] * W1[j, k];
            A1[i, j] = s; H[i, j] = Math.Max(s, 0);
        }
        for (int j = 0; j < c; j++)
        {
            double s = b2[j];
            for (int k = 0; k < h; k++) s += H[i, k] * W2[j, k];
            Z[i, j] = s;
        }
    }
    return (A1, H, Z);
}

static (double L, double[,] dZ) LossAndGrad(double[,] Z, double[] y)
{
    int n = Z.GetLength(0), c = Z.GetLength(1);
    var dZ = new double[n, c]; double L = 0;
    for (int i = 0; i < n; i++)
    {
        double m = double.NegativeInfinity;
        for (int j = 0; j < c; j++) m = Math.Max(m, Z[i, j]);
        double s = 0;
        for (int j = 0; j < c; j++) s += Math.Exp(Z[i, j] - m);
        L += -(Z[i, (int)y[i]] - m - Math.Log(s)) / n;
        for (int j = 0; j < c; j++) dZ[i, j] = (Math.Exp(Z[i, j] - m) / s - (j == (int)y[i] ? 1 : 0)) / n;
    }
    return (L, dZ);
}

static (double[,] dW1, double[] db1, double[,] dW2, double[] db2) Backward(double[,] X, double[] y, double[,] W1, double[] b1, double[,] W2, double[] b2)
{
    var (A1, H, Z) = Forward(X, W1, b1, W2, b2);
    var (_, dZ) = LossAndGrad(Z, y);
    int n = X.GetLength(0), d = X.GetLength(1), h = W1.GetLength(0), c = W2.GetLength(0);
    var dW2 = new double[c, h]; var db2 = new double[c]; var dA1 = new double[n, h];
    var dW1 = new double[h, d]; var db1 = new double[h];
    for (int i = 0; i < n; i++)
        for (int j = 0; j < c; j++)
        {
            db2[j] += dZ[i, j];
            for (int k = 0; k < h; k++) { dW2[j, k] += dZ[i, j] * H[i, k]; dA1[i, k] += dZ[i, j] * W2[j, k]; }
        }
    for (int i = 0; i < n; i++)
        for (int k = 0; k < h; k++)
        {
            if (A1[i, k] <= 0) continue;
            db1[k] += dA1[i, k];
            for (int m = 0; m < d; m++) dW1[k, m] += dA1[i, k] * X[i, m];
        }
    return (dW1, db1, dW2, db2);
}

double[,] GradW1(double[,] X, double[] y, double[,] W1, double[] b1, double[,] W2, double[] b2) => Backward(X, y, W1, b1, W2, b2).dW1;
double[] GradB1(double[,] X, double[] y, double[,] W1, double[] b1, double[,] W2, double[] b2) => Backward(X, y, W1, b1, W2, b2).db1;
double[,] GradW2(double[,] X, double[] y, double[,] W1, double[] b1, double[,] W2, double[] b2) => Backward(X, y, W1, b1, W2, b2).dW2;
double[] GradB2(double[,] X, double[] y, double[,] W1, double[] b1, double[,] W2, double[] b2) => Backward(X, y, W1, b1, W2, b2).db2;
