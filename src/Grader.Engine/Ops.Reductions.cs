namespace Grader.Engine;

public static partial class Ops
{
    /// <summary>The sum of all elements.</summary>
    public static Var Sum(Var a) =>
        OneSample(a, Sum) ?? (Slip == ReductionSlip.SumComputesMean && a.Value.Size > 0 ? MeanOfAll(a) : SumOfAll(a));

    /// <summary>The mean of all elements.</summary>
    public static Var Mean(Var a) =>
        OneSample(a, Mean) ?? (Slip == ReductionSlip.MeanComputesSum ? SumOfAll(a) : MeanOfAll(a));

    private static Var SumOfAll(Var a) => Make("sum", Tensor.Scalar(a.Value.Values.Sum()), [a],
        (g, _, _) => [Tensor.Filled(a.Value.Shape, g.ScalarValue)]);

    private static Var MeanOfAll(Var a)
    {
        var n = a.Value.Size;
        if (n == 0)
        {
            throw new ShapeException("mean of an empty tensor");
        }
        return Make("mean", Tensor.Scalar(a.Value.Values.Sum() / n), [a],
            (g, _, _) => [Tensor.Filled(a.Value.Shape, g.ScalarValue / n)]);
    }

    /// <summary>Sum of a matrix along an axis: 0 sums the rows together (one value per column), 1 sums each row.</summary>
    public static Var SumAxis(Var a, int axis) =>
        Slip == ReductionSlip.SumComputesMean && a.Value.Rank == 2 && a.Value.Shape[axis is 0 ? 0 : 1] > 0
            ? ReduceAxis("sum", a, axis, 1.0 / a.Value.Shape[axis is 0 ? 0 : 1])
            : ReduceAxis("sum", a, axis, 1);

    /// <summary>Mean of a matrix along an axis: 0 gives one value per column, 1 one value per row.</summary>
    public static Var MeanAxis(Var a, int axis)
    {
        RequireMatrix(a, axis == 0 ? "mean(M, 0)" : "mean(M, 1)");
        var n = axis == 0 ? a.Value.Rows : a.Value.Cols;
        return ReduceAxis("mean", a, axis, Slip == ReductionSlip.MeanComputesSum ? 1 : 1.0 / n);
    }

    private static Var ReduceAxis(string op, Var a, int axis, double scale)
    {
        if (a.Value.Rank == 1)
        {
            // A vector has one axis: reducing it along axis 0 reduces all of it.
            return axis == 0 ? (scale == 1 ? Sum(a) : Mean(a)) : throw new ShapeException($"{op}(v, {axis}): a vector has only axis 0");
        }
        RequireMatrix(a, $"{op}(M, {axis})");
        if (axis is not (0 or 1))
        {
            throw new ShapeException($"{op}(M, {axis}): the axis is 0 (down the rows) or 1 (along each row)");
        }
        var M = a.Value;
        int r = M.Rows, c = M.Cols;
        var y = new double[axis == 0 ? c : r];
        for (var i = 0; i < r; i++)
        {
            for (var j = 0; j < c; j++)
            {
                y[axis == 0 ? j : i] += M[i, j] * scale;
            }
        }
        return Make(op, new Tensor([y.Length], y), [a], (g, _, _) =>
        {
            var gx = new double[r * c];
            for (var i = 0; i < r; i++)
            {
                for (var j = 0; j < c; j++)
                {
                    gx[i * c + j] = g[axis == 0 ? j : i] * scale;
                }
            }
            return [new Tensor([r, c], gx)];
        });
    }

    /// <summary>The largest element (NaN if any is NaN); tied maxima share the gradient equally.</summary>
    public static Var Max(Var a) => Extreme("max", a, true);

    /// <summary>The smallest element (NaN if any is NaN); tied minima share the gradient equally.</summary>
    public static Var Min(Var a) => Extreme("min", a, false);

    private static Var Extreme(string op, Var a, bool max)
    {
        if (a.Value.Size == 0)
        {
            throw new ShapeException($"{op} of an empty tensor");
        }
        var best = Extreme(a.Value.Values, max);
        var ties = a.Value.Values.Count(x => SameValue(x, best));
        return Make(op, Tensor.Scalar(best), [a], (g, _, _) =>
        {
            var gx = new double[a.Value.Size];
            var k = 0;
            for (var i = 0; i < gx.Length; i++)
            {
                if (SameValue(a.Value[i], best))
                {
                    gx[i] = g.ScalarValue * TieShare(k++, ties);
                }
            }
            return [new Tensor(a.Value.ShapeArray, gx)];
        });
    }

    /// <summary>The L2 norm of all elements; its gradient at the zero vector is 0, as in PyTorch.</summary>
    public static Var Norm(Var a)
    {
        var n = Math.Sqrt(a.Value.Values.Sum(x => x * x));
        return Make("norm", Tensor.Scalar(n), [a], (g, _, _) =>
        {
            var gx = a.Value.Values.Select(x => n == 0 ? 0 : g.ScalarValue * x / n).ToArray();
            return [new Tensor(a.Value.ShapeArray, gx)];
        });
    }

    /// <summary>Softmax over the last axis (each row of a matrix).</summary>
    public static Var Softmax(Var a)
    {
        var y = RowWise(a.Value, row =>
        {
            var m = row.Max();
            var e = row.Select(x => Math.Exp(x - m)).ToArray();
            var s = e.Sum();
            return e.Select(x => x / s).ToArray();
        });
        return Make("softmax", y, [a], (g, _, _) => [RowWise2(g, y, (gr, sr) =>
        {
            var dot = gr.Zip(sr, (p, q) => p * q).Sum();
            return sr.Select((s, i) => s * (gr[i] - dot)).ToArray();
        })]);
    }

    /// <summary>log(softmax(x)) over the last axis, computed stably.</summary>
    public static Var LogSoftmax(Var a)
    {
        var y = RowWise(a.Value, row =>
        {
            var m = row.Max();
            var lse = m + Math.Log(row.Sum(x => Math.Exp(x - m)));
            return row.Select(x => x - lse).ToArray();
        });
        return Make("log_softmax", y, [a], (g, _, _) => [RowWise2(g, y, (gr, lr) =>
        {
            var total = gr.Sum();
            return lr.Select((l, i) => gr[i] - Math.Exp(l) * total).ToArray();
        })]);
    }

    private static Tensor RowWise(Tensor t, Func<double[], double[]> f)
    {
        if (t.Rank == 0)
        {
            return new Tensor([], f([t.ScalarValue]));
        }
        int rows = t.Rank == 2 ? t.Rows : 1, cols = t.ShapeArray[^1];
        if (cols == 0)
        {
            throw new ShapeException($"the last axis of {Tensor.FormatShape(t.Shape)} is empty: softmax needs at least one value per row");
        }
        var y = new double[t.Size];
        for (var i = 0; i < rows; i++)
        {
            f(t.Values.AsSpan(i * cols, cols).ToArray()).CopyTo(y, i * cols);
        }
        return new Tensor(t.ShapeArray, y);
    }

    private static Tensor RowWise2(Tensor a, Tensor b, Func<double[], double[], double[]> f)
    {
        int cols = a.Rank == 0 ? 1 : a.ShapeArray[^1], rows = a.Size / Math.Max(cols, 1);
        var y = new double[a.Size];
        for (var i = 0; i < rows; i++)
        {
            f(a.Values.AsSpan(i * cols, cols).ToArray(), b.Values.AsSpan(i * cols, cols).ToArray()).CopyTo(y, i * cols);
        }
        return new Tensor(a.ShapeArray, y);
    }

    private static void RequireMatrix(Var a, string what)
    {
        if (a.Value.Rank != 2)
        {
            throw new ShapeException($"{what} needs a matrix, got shape {Tensor.FormatShape(a.Value.Shape)}");
        }
    }
}
