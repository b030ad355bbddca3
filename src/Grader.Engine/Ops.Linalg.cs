namespace Grader.Engine;

/// <summary>Linear algebra on square matrices, with PyTorch's backward rules (torch.linalg).</summary>
public static partial class Ops
{
    /// <summary>The n x n identity (a constant).</summary>
    public static Var Eye(int n)
    {
        var y = new double[n * n];
        for (var i = 0; i < n; i++)
        {
            y[i * n + i] = 1;
        }
        return Leaf(new Tensor([n, n], y));
    }

    /// <summary>torch.diag: a vector gives the square matrix with it on the diagonal; a matrix gives its diagonal.</summary>
    public static Var Diag(Var a)
    {
        var A = a.Value;
        if (A.Rank == 1)
        {
            var n = A.Size;
            var y = new double[n * n];
            for (var i = 0; i < n; i++)
            {
                y[i * n + i] = A[i];
            }
            return Make("diag", new Tensor([n, n], y), [a], (g, _, _, _) =>
                [new Tensor([n], Enumerable.Range(0, n).Select(i => g[i * n + i]).ToArray())]);
        }
        RequireMatrix(a, "diag(M)");
        var k = Math.Min(A.Rows, A.Cols);
        return Make("diag", new Tensor([k], Enumerable.Range(0, k).Select(i => A[i, i]).ToArray()), [a], (g, _, _, _) =>
        {
            var gx = new double[A.Size];
            for (var i = 0; i < k; i++)
            {
                gx[i * A.Cols + i] = g[i];
            }
            return [new Tensor(A.ShapeArray, gx)];
        });
    }

    /// <summary>The inverse of a square matrix; d(inv A) = -inv(A) dA inv(A), so the gradient is -inv(A)^T G inv(A)^T.</summary>
    public static Var Inv(Var a)
    {
        var n = RequireSquare(a, "inv");
        var inverse = Solved(a.Value, Identity(n), "inv");
        return Make("inv", inverse, [a], (g, _, y, _) =>
        {
            var yt = Transposed(y);
            return [Scaled(Product(Product(yt, g), yt), -1)];
        });
    }

    /// <summary>
    /// torch.linalg.solve(A, b): x with A x = b, for b a vector [n] or a matrix [n, k].
    /// Gradients: gb = solve(A^T, g), gA = -gb x^T.
    /// </summary>
    public static Var Solve(Var a, Var b)
    {
        var n = RequireSquare(a, "solve");
        var B = b.Value;
        if (B.Rank is not (1 or 2) || B.ShapeArray[0] != n)
        {
            throw new ShapeException($"solve(A, b): A is [{n}, {n}], so b is [{n}] or [{n}, k], not {Tensor.FormatShape(B.Shape)}");
        }
        var B2 = B.Rank == 1 ? B.Reshape(n, 1) : B;
        var x = Solved(a.Value, B2, "solve");
        return Make("solve", x.Reshape(B.ShapeArray), [a, b], (g, _, _, _) =>
        {
            var gb = Solved(Transposed(a.Value), g.Reshape(B2.ShapeArray), "solve");
            var gA = Scaled(Product(gb, Transposed(x)), -1);
            return [gA, gb.Reshape(B.ShapeArray)];
        });
    }

    /// <summary>The determinant; its gradient is det(A) inv(A)^T, or the cofactor matrix where A is singular.</summary>
    public static Var Det(Var a)
    {
        var n = RequireSquare(a, "det");
        var d = Determinant(a.Value);
        return Make("det", Tensor.Scalar(d), [a], (g, _, _, _) =>
        {
            if (d != 0)
            {
                return [Scaled(Transposed(Solved(a.Value, Identity(n), "det")), d * g.ScalarValue)];
            }
            if (n > 12)
            {
                throw new ShapeException($"det: the gradient at a singular {n} x {n} matrix is computed for at most 12 x 12");
            }
            return [Scaled(Cofactors(a.Value), g.ScalarValue)];
        });
    }

    private static int RequireSquare(Var a, string op)
    {
        var A = a.Value;
        if (A.Rank != 2 || A.Rows != A.Cols || A.Rows == 0)
        {
            throw new ShapeException($"{op} needs a square matrix, got shape {Tensor.FormatShape(A.Shape)}");
        }
        return A.Rows;
    }

    private static Tensor Identity(int n) => Eye(n).Value;

    private static Tensor Scaled(Tensor t, double s) => new(t.ShapeArray, t.Values.Select(x => x * s).ToArray());

    /// <summary>Partial pivoting: the row at or below <paramref name="col"/> with the largest entry in that column.</summary>
    private static int PivotRow(double[] m, int n, int col)
    {
        var pivot = col;
        for (var r = col + 1; r < n; r++)
        {
            if (Math.Abs(m[r * n + col]) > Math.Abs(m[pivot * n + col]))
            {
                pivot = r;
            }
        }
        return pivot;
    }

    /// <summary>Solves A X = B by Gaussian elimination with partial pivoting; a singular A is an error, as in PyTorch.</summary>
    private static Tensor Solved(Tensor A, Tensor B, string op)
    {
        int n = A.Rows, k = B.Cols;
        var m = A.ToArray();
        var x = B.ToArray();
        for (var col = 0; col < n; col++)
        {
            var pivot = PivotRow(m, n, col);
            if (m[pivot * n + col] == 0)
            {
                throw new ShapeException($"{op}: the matrix is singular (not invertible)");
            }
            SwapRows(m, n, col, pivot);
            SwapRows(x, k, col, pivot);
            for (var r = 0; r < n; r++)
            {
                if (r == col)
                {
                    continue;
                }
                var f = m[r * n + col] / m[col * n + col];
                if (f == 0)
                {
                    continue;
                }
                for (var c = col; c < n; c++)
                {
                    m[r * n + c] -= f * m[col * n + c];
                }
                for (var c = 0; c < k; c++)
                {
                    x[r * k + c] -= f * x[col * k + c];
                }
            }
        }
        for (var r = 0; r < n; r++)
        {
            for (var c = 0; c < k; c++)
            {
                x[r * k + c] /= m[r * n + r];
            }
        }
        return new Tensor([n, k], x);
    }

    private static void SwapRows(double[] m, int width, int i, int j)
    {
        if (i == j)
        {
            return;
        }
        for (var c = 0; c < width; c++)
        {
            (m[i * width + c], m[j * width + c]) = (m[j * width + c], m[i * width + c]);
        }
    }

    private static double Determinant(Tensor A)
    {
        var n = A.Rows;
        var m = A.ToArray();
        var det = 1.0;
        for (var col = 0; col < n; col++)
        {
            var pivot = PivotRow(m, n, col);
            if (m[pivot * n + col] == 0)
            {
                return 0;
            }
            if (pivot != col)
            {
                SwapRows(m, n, col, pivot);
                det = -det;
            }
            det *= m[col * n + col];
            for (var r = col + 1; r < n; r++)
            {
                var f = m[r * n + col] / m[col * n + col];
                for (var c = col; c < n; c++)
                {
                    m[r * n + c] -= f * m[col * n + c];
                }
            }
        }
        return det;
    }

    /// <summary>The matrix of cofactors C_ij = (-1)^(i+j) det(A without row i and column j): d det(A) / dA.</summary>
    private static Tensor Cofactors(Tensor A)
    {
        var n = A.Rows;
        if (n == 1)
        {
            return Tensor.Filled([1, 1], 1);
        }
        var c = new double[n * n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                var minor = new double[(n - 1) * (n - 1)];
                var k = 0;
                for (var r = 0; r < n; r++)
                {
                    for (var q = 0; q < n; q++)
                    {
                        if (r != i && q != j)
                        {
                            minor[k++] = A[r, q];
                        }
                    }
                }
                c[i * n + j] = ((i + j) % 2 == 0 ? 1 : -1) * Determinant(new Tensor([n - 1, n - 1], minor));
            }
        }
        return new Tensor([n, n], c);
    }
}
