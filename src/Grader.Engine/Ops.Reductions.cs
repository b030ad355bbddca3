namespace Grader.Engine;

public static partial class Ops
{
    /// <summary>The sum of all elements. A <see cref="ReductionRule"/> mistake computes it the mistaken way.</summary>
    public static Var Sum(Var a, MistakeRule? mistake = null) =>
        OneSample(a, mistake, x => Sum(x)) ?? (SlipOf(mistake) == ReductionSlip.SumComputesMean && a.Value.Size > 0 ? MeanOfAll(a) : SumOfAll(a));

    /// <summary>The mean of all elements.</summary>
    public static Var Mean(Var a, MistakeRule? mistake = null) =>
        OneSample(a, mistake, x => Mean(x)) ?? (SlipOf(mistake) == ReductionSlip.MeanComputesSum ? SumOfAll(a) : MeanOfAll(a));

    private static Var SumOfAll(Var a) => Make("sum", Tensor.Scalar(a.Value.Values.Sum()), [a],
        (g, _, _, _) => [Tensor.Filled(a.Value.Shape, g.ScalarValue)]);

    private static Var MeanOfAll(Var a)
    {
        var n = a.Value.Size;
        if (n == 0)
        {
            throw new ShapeException("mean of an empty tensor");
        }
        return Make("mean", Tensor.Scalar(a.Value.Values.Sum() / n), [a],
            (g, _, _, _) => [Tensor.Filled(a.Value.Shape, g.ScalarValue / n)]);
    }

    /// <summary>Sum along one axis (sum(M, 0): one value per column; sum(M, 1): one per row; a vector's axis 0: all of it).</summary>
    public static Var SumAxis(Var a, int axis, MistakeRule? mistake = null) => SumAxes(a, [axis], false, mistake);

    /// <summary>Mean along one axis.</summary>
    public static Var MeanAxis(Var a, int axis, MistakeRule? mistake = null) => MeanAxes(a, [axis], false, mistake);

    /// <summary>torch.sum(x, dim, keepdim): the sum over the given axes (negative counts from the end).</summary>
    public static Var SumAxes(Var a, IReadOnlyList<int> axes, bool keepdim = false, MistakeRule? mistake = null)
    {
        var r = Reduction.Of(a.Value, axes, keepdim, "sum");
        var scale = AxesSlipOf(mistake) == ReductionSlip.SumComputesMean && r.Count > 0 ? 1.0 / r.Count : 1;
        return Reduced("sum", a, r, scale);
    }

    /// <summary>torch.mean(x, dim, keepdim): the mean over the given axes.</summary>
    public static Var MeanAxes(Var a, IReadOnlyList<int> axes, bool keepdim = false, MistakeRule? mistake = null)
    {
        var r = Reduction.Of(a.Value, axes, keepdim, "mean");
        if (r.Count == 0)
        {
            throw new ShapeException("mean over an empty axis");
        }
        return Reduced("mean", a, r, AxesSlipOf(mistake) == ReductionSlip.MeanComputesSum ? 1 : 1.0 / r.Count);
    }

    private static Var Reduced(string op, Var a, Reduction r, double scale)
    {
        var x = a.Value.Values;
        var y = new double[r.OutputSize];
        for (var k = 0; k < x.Length; k++)
        {
            y[r.Map[k]] += x[k];
        }
        if (scale != 1)
        {
            for (var i = 0; i < y.Length; i++)
            {
                y[i] *= scale;
            }
        }
        return Make(op, new Tensor(r.Shape, y), [a], (g, _, _, _) =>
        {
            var gx = new double[x.Length];
            for (var k = 0; k < gx.Length; k++)
            {
                gx[k] = g[r.Map[k]] * scale;
            }
            return [new Tensor(a.Value.ShapeArray, gx)];
        });
    }

    /// <summary>
    /// torch.var / torch.std over axes (all when none are given): the squared deviations from the mean, summed and
    /// divided by N - correction (correction 1, the unbiased estimate, is PyTorch's default).
    /// </summary>
    public static Var Variance(Var a, IReadOnlyList<int>? axes, double correction, bool keepdim, bool std = false)
    {
        var all = axes ?? Enumerable.Range(0, a.Value.Rank).ToArray();
        var r = Reduction.Of(a.Value, all, keepdim, std ? "std" : "var");
        var centred = Sub(a, MeanAxes(a, all, keepdim: true));
        var v = Div(SumAxes(Mul(centred, centred), all, keepdim), Leaf(Tensor.Scalar(Math.Max(0, r.Count - correction))));
        return std ? Sqrt(v) : v;
    }

    /// <summary>torch.logsumexp(x, dim, keepdim): log(sum(exp(x))) over the axes, computed stably.</summary>
    public static Var LogSumExp(Var a, IReadOnlyList<int> axes, bool keepdim = false)
    {
        var r = Reduction.Of(a.Value, axes, keepdim: true, "logsumexp");
        var m = new double[r.OutputSize];
        Array.Fill(m, double.NegativeInfinity);
        for (var k = 0; k < a.Value.Size; k++)
        {
            m[r.Map[k]] = Math.Max(m[r.Map[k]], a.Value[k]);
        }
        // The shift is a constant (the result does not depend on it); an infinite maximum shifts by 0.
        var shift = Leaf(new Tensor(r.Shape, m.Select(v => double.IsInfinity(v) ? 0 : v).ToArray()));
        var lse = Add(Log(SumAxes(Exp(Sub(a, shift)), axes, keepdim: true)), shift);
        return keepdim ? lse : Reshape(lse, Reduction.Of(a.Value, axes, false, "logsumexp").Shape);
    }

    /// <summary>The largest element (NaN if any is NaN); tied maxima share the gradient equally.</summary>
    public static Var Max(Var a) => Extreme("max", a, true);

    /// <summary>The smallest element (NaN if any is NaN); tied minima share the gradient equally.</summary>
    public static Var Min(Var a) => Extreme("min", a, false);

    private static Var Extreme(string op, Var a, bool max) =>
        a.Value.Size == 0 ? throw new ShapeException($"{op} of an empty tensor")
        : ExtremeAxes(a, max, Enumerable.Range(0, a.Value.Rank).ToArray(), false);

    /// <summary>
    /// torch.amax / amin over axes: NaN propagates, and tied extremes share the gradient equally (or, for a one-sided
    /// derivative, the first or the last tie in row-major order takes it).
    /// </summary>
    public static Var ExtremeAxes(Var a, bool max, IReadOnlyList<int> axes, bool keepdim = false)
    {
        var op = max ? "max" : "min";
        var r = Reduction.Of(a.Value, axes, keepdim, op);
        if (r.Count == 0)
        {
            throw new ShapeException($"{op} of an empty tensor");
        }
        var x = a.Value.Values;
        var best = new double[r.OutputSize];
        Array.Fill(best, max ? double.NegativeInfinity : double.PositiveInfinity);
        for (var k = 0; k < x.Length; k++)
        {
            var i = r.Map[k];
            if (double.IsNaN(best[i]))
            {
                continue;
            }
            best[i] = double.IsNaN(x[k]) ? double.NaN : max ? Math.Max(best[i], x[k]) : Math.Min(best[i], x[k]);
        }
        return Make(op, new Tensor(r.Shape, best), [a], (g, _, _, pass) =>
        {
            var ties = new int[best.Length];
            for (var k = 0; k < x.Length; k++)
            {
                if (SameValue(x[k], best[r.Map[k]]))
                {
                    ties[r.Map[k]]++;
                }
            }
            var seen = new int[best.Length];
            var gx = new double[x.Length];
            for (var k = 0; k < x.Length; k++)
            {
                var i = r.Map[k];
                if (SameValue(x[k], best[i]))
                {
                    gx[k] = g[i] * pass.TieShare(seen[i]++, ties[i]);
                }
            }
            return [new Tensor(a.Value.ShapeArray, gx)];
        });
    }

    /// <summary>One axis's max or min, kept for the two-argument form max(M, axis: 1).</summary>
    public static Var ExtremeAxis(Var a, bool max, int axis) => ExtremeAxes(a, max, [axis]);

    /// <summary>The L2 norm of all elements; its gradient at the zero vector is 0, as in PyTorch.</summary>
    public static Var Norm(Var a)
    {
        var n = Math.Sqrt(a.Value.Values.Sum(x => x * x));
        return Make("norm", Tensor.Scalar(n), [a], (g, _, _, _) =>
        {
            var gx = a.Value.Values.Select(x => n == 0 ? 0 : g.ScalarValue * x / n).ToArray();
            return [new Tensor(a.Value.ShapeArray, gx)];
        });
    }

    /// <summary>Softmax over an axis (the last by default: each row of a matrix).</summary>
    public static Var Softmax(Var a, int axis = -1, MistakeRule? mistake = null) => AlongLastAxis(a, OtherAxis(a, axis, mistake), SoftmaxLast);

    /// <summary>log(softmax(x)) over an axis, computed stably.</summary>
    public static Var LogSoftmax(Var a, int axis = -1, MistakeRule? mistake = null) => AlongLastAxis(a, OtherAxis(a, axis, mistake), LogSoftmaxLast);

    /// <summary>The axis a <see cref="SoftmaxAxisRule"/> mistake takes instead: the one before (after, for the first axis).</summary>
    private static int OtherAxis(Var a, int axis, MistakeRule? mistake)
    {
        var rank = a.Value.Rank;
        if (mistake?.Find<SoftmaxAxisRule>() is null || rank < 2)
        {
            return axis;
        }
        var k = Reduction.Axis(axis, rank, "softmax");
        return k == 0 ? 1 : k - 1;
    }

    /// <summary>Applies an op of the last axis to another axis by moving that axis last and back.</summary>
    private static Var AlongLastAxis(Var a, int axis, Func<Var, Var> op)
    {
        var rank = a.Value.Rank;
        var k = rank == 0 ? 0 : Reduction.Axis(axis, rank, "softmax");
        if (rank == 0 || k == rank - 1)
        {
            return op(a);
        }
        var order = Enumerable.Range(0, rank).ToArray();
        (order[k], order[rank - 1]) = (order[rank - 1], order[k]);
        return Permute(op(Permute(a, order)), order);
    }

    private static Var SoftmaxLast(Var a)
    {
        var y = RowWise(a.Value, row =>
        {
            var m = row.Max();
            var e = row.Select(x => Math.Exp(x - m)).ToArray();
            var s = e.Sum();
            return e.Select(x => x / s).ToArray();
        });
        return Make("softmax", y, [a], (g, _, _, _) => [RowWise2(g, y, (gr, sr) =>
        {
            var dot = gr.Zip(sr, (p, q) => p * q).Sum();
            return sr.Select((s, i) => s * (gr[i] - dot)).ToArray();
        })]);
    }

    private static Var LogSoftmaxLast(Var a)
    {
        var y = RowWise(a.Value, row =>
        {
            var m = row.Max();
            var lse = m + Math.Log(row.Sum(x => Math.Exp(x - m)));
            return row.Select(x => x - lse).ToArray();
        });
        return Make("log_softmax", y, [a], (g, _, _, _) => [RowWise2(g, y, (gr, lr) =>
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
        var cols = t.ShapeArray[^1];
        if (cols == 0)
        {
            throw new ShapeException($"the last axis of {Tensor.FormatShape(t.Shape)} is empty: softmax needs at least one value per row");
        }
        var rows = t.Size / cols;
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

/// <summary>
/// A reduction over some axes of a shape: the result's shape (the axes dropped, or kept as 1 with keepdim), and for
/// every input element the flat index of the result element it goes to.
/// </summary>
internal sealed class Reduction
{
    private Reduction(int[] shape, int[] map, int outputSize, int count)
    {
        Shape = shape;
        Map = map;
        OutputSize = outputSize;
        Count = count;
    }

    public int[] Shape { get; }
    public int[] Map { get; }
    public int OutputSize { get; }

    /// <summary>How many input elements each result element gathers.</summary>
    public int Count { get; }

    /// <summary>An axis as PyTorch reads it: negative counts from the end; a scalar has axes 0 and -1.</summary>
    public static int Axis(int axis, int rank, string op)
    {
        var n = Math.Max(rank, 1);
        var k = axis < 0 ? axis + n : axis;
        if (k < 0 || k >= n)
        {
            throw new ShapeException($"{op}: axis {axis} is out of range for a value with {rank} {(rank == 1 ? "axis" : "axes")} (axes run from {-n} to {n - 1})");
        }
        return k;
    }

    public static Reduction Of(Tensor t, IReadOnlyList<int> axes, bool keepdim, string op)
    {
        var rank = t.Rank;
        var reduced = new bool[rank];
        foreach (var a in axes)
        {
            var k = Axis(a, rank, op);
            if (rank == 0)
            {
                continue;
            }
            if (reduced[k])
            {
                throw new ShapeException($"{op}: axis {k} is listed twice");
            }
            reduced[k] = true;
        }
        var shape = new List<int>();
        var outStrides = new int[rank];
        var count = 1;
        var stride = 1;
        for (var i = rank - 1; i >= 0; i--)
        {
            if (reduced[i])
            {
                count *= t.ShapeArray[i];
            }
            else
            {
                outStrides[i] = stride;
                stride *= t.ShapeArray[i];
            }
        }
        for (var i = 0; i < rank; i++)
        {
            if (!reduced[i])
            {
                shape.Add(t.ShapeArray[i]);
            }
            else if (keepdim)
            {
                shape.Add(1);
            }
        }
        var map = new int[t.Size];
        var idx = new int[rank];
        for (var k = 0; k < map.Length; k++)
        {
            var f = 0;
            for (var i = 0; i < rank; i++)
            {
                f += idx[i] * outStrides[i];
            }
            map[k] = f;
            for (var i = rank - 1; i >= 0; i--)
            {
                if (++idx[i] < t.ShapeArray[i])
                {
                    break;
                }
                idx[i] = 0;
            }
        }
        return new Reduction(shape.ToArray(), map, stride, count);
    }
}
