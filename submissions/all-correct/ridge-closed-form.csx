// Answers for problems/dl-a2/ridge-closed-form.yaml: the normal equations solved by Gaussian elimination.
double[,] X = { { 1, 0.5, -1.0 }, { 1, 1.5, 0.2 }, { 1, -0.3, 0.8 }, { 1, 2.0, 1.5 }, { 1, 0.7, -0.4 } };
double[] y = { 1.2, 2.9, 0.4, 4.1, 1.5 };
const double Lambda = 0.5;

double[,] NormalMatrix(double[,] X, double lambda)
{
    int n = X.GetLength(0), d = X.GetLength(1);
    var A = new double[d, d];
    for (var i = 0; i < d; i++)
    {
        for (var j = 0; j < d; j++)
        {
            A[i, j] = Enumerable.Range(0, n).Sum(k => X[k, i] * X[k, j]) + (i == j ? lambda : 0);
        }
    }
    return A;
}

// Solves A x = B for each column of B (Gauss-Jordan with partial pivoting).
double[,] SolveMany(double[,] A, double[,] B)
{
    int d = A.GetLength(0), m = B.GetLength(1);
    var a = (double[,])A.Clone();
    var b = (double[,])B.Clone();
    for (var col = 0; col < d; col++)
    {
        var pivot = Enumerable.Range(col, d - col).OrderByDescending(r => Math.Abs(a[r, col])).First();
        for (var c = 0; c < d; c++) { (a[col, c], a[pivot, c]) = (a[pivot, c], a[col, c]); }
        for (var c = 0; c < m; c++) { (b[col, c], b[pivot, c]) = (b[pivot, c], b[col, c]); }
        for (var r = 0; r < d; r++)
        {
            if (r == col) { continue; }
            var f = a[r, col] / a[col, col];
            for (var c = 0; c < d; c++) { a[r, c] -= f * a[col, c]; }
            for (var c = 0; c < m; c++) { b[r, c] -= f * b[col, c]; }
        }
    }
    var x = new double[d, m];
    for (var r = 0; r < d; r++)
    {
        for (var c = 0; c < m; c++) { x[r, c] = b[r, c] / a[r, r]; }
    }
    return x;
}

double[] Ridge(double[,] X, double[] y, double lambda)
{
    int n = X.GetLength(0), d = X.GetLength(1);
    var rhs = new double[d, 1];
    for (var i = 0; i < d; i++) { rhs[i, 0] = Enumerable.Range(0, n).Sum(k => X[k, i] * y[k]); }
    var x = SolveMany(NormalMatrix(X, lambda), rhs);
    return Enumerable.Range(0, d).Select(i => x[i, 0]).ToArray();
}

var A = NormalMatrix(X, Lambda);
var w = Ridge(X, y, Lambda);
var residual = Enumerable.Range(0, 5).Select(k => Enumerable.Range(0, 3).Sum(j => X[k, j] * w[j]) - y[k]).ToArray();
var J = residual.Sum(r => r * r) + Lambda * w.Sum(v => v * v);
var grad = Enumerable.Range(0, 3).Select(j => 2 * Enumerable.Range(0, 5).Sum(k => X[k, j] * residual[k]) + 2 * Lambda * w[j]).ToArray();

// trace(X inv(A) X^T) = sum over samples of x_k . (inv(A) x_k): solve A V = X^T, then sum X[k, :] . V[:, k].
var Xt = new double[3, 5];
for (var k = 0; k < 5; k++) { for (var j = 0; j < 3; j++) { Xt[j, k] = X[k, j]; } }
var V = SolveMany(A, Xt);
var dof = Enumerable.Range(0, 5).Sum(k => Enumerable.Range(0, 3).Sum(j => X[k, j] * V[j, k]));

Answer("normal-matrix", A);
Answer("w-star", w);
Answer("loss-at-w-star", J);
Answer("grad-at-w-star", grad);
Answer("degrees-of-freedom", dof);
