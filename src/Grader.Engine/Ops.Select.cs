namespace Grader.Engine;

/// <summary>One axis of a slice: a single index (the axis is dropped) or a range start..stop (exclusive), as in NumPy.</summary>
public readonly record struct AxisSelector(int? Index, int? Start, int? Stop)
{
    public static AxisSelector At(int i) => new(i, null, null);

    public static AxisSelector Range(int? start, int? stop) => new(null, start, stop);
}

public static partial class Ops
{
    /// <summary>
    /// NumPy basic indexing: one selector per leading axis (missing ones take everything). An index counts from the end
    /// when negative and must be in range; a range is clamped to the axis, as in Python. <c>M[:, j]</c> is column j.
    /// </summary>
    public static Var Slice(Var a, IReadOnlyList<AxisSelector> selectors)
    {
        var A = a.Value;
        if (selectors.Count > A.Rank)
        {
            throw new ShapeException($"{selectors.Count} indices for shape {Tensor.FormatShape(A.Shape)}");
        }
        var kept = new List<int>();
        var picks = new List<int[]>();
        for (var axis = 0; axis < A.Rank; axis++)
        {
            var n = A.ShapeArray[axis];
            var s = axis < selectors.Count ? selectors[axis] : AxisSelector.Range(null, null);
            if (s.Index is { } i)
            {
                var k = i < 0 ? n + i : i;
                if (k < 0 || k >= n)
                {
                    throw new ShapeException($"index {i} is out of range for axis {axis} of shape {Tensor.FormatShape(A.Shape)}");
                }
                picks.Add([k]);
            }
            else
            {
                int Clamp(int? v, int dflt) => v is not { } x ? dflt : Math.Clamp(x < 0 ? n + x : x, 0, n);
                int from = Clamp(s.Start, 0), to = Clamp(s.Stop, n);
                picks.Add(Enumerable.Range(from, Math.Max(0, to - from)).ToArray());
                kept.Add(Math.Max(0, to - from));
            }
        }
        var map = new List<int>();
        if (A.Rank == 1)
        {
            map.AddRange(picks[0]);
        }
        else
        {
            foreach (var r in picks[0])
            {
                map.AddRange(picks[1].Select(c => r * A.Cols + c));
            }
        }
        var idx = map.ToArray();
        return Make("slice", new Tensor(kept.ToArray(), idx.Select(k => A[k]).ToArray()), [a], (g, _, _) =>
        {
            var gx = new double[A.Size];
            for (var k = 0; k < idx.Length; k++)
            {
                gx[idx[k]] += g[k];
            }
            return [new Tensor(A.ShapeArray, gx)];
        });
    }

    /// <summary>
    /// torch.cat: vectors (or scalars) end to end; matrices along axis 0 (stacking rows) or axis 1 (side by side).
    /// </summary>
    public static Var Concat(IReadOnlyList<Var> items, int axis = 0)
    {
        if (items.Count == 0)
        {
            throw new ShapeException("concat needs at least one value");
        }
        var shapes = string.Join(", ", items.Select(i => Tensor.FormatShape(i.Value.Shape)));
        if (items.All(i => i.Value.Rank <= 1))
        {
            if (axis != 0)
            {
                throw new ShapeException($"concat({shapes}, axis: {axis}): vectors have only axis 0");
            }
            var data = items.SelectMany(i => i.Value.Values).ToArray();
            return Make("concat", new Tensor([data.Length], data), items.ToArray(), (g, _, _) => SplitConcatenated(g, items));
        }
        if (items.Any(i => i.Value.Rank != 2) || axis is not (0 or 1)
            || items.Any(i => i.Value.ShapeArray[1 - axis] != items[0].Value.ShapeArray[1 - axis]))
        {
            throw new ShapeException($"concat({shapes}): matrices joined along axis {axis} need the same number of {(axis == 0 ? "columns" : "rows")}");
        }
        // Concatenating along axis 1 is concatenating the transposes along axis 0.
        if (axis == 1)
        {
            return Transpose(Concat(items.Select(Transpose).ToList(), 0));
        }
        var cols = items[0].Value.Cols;
        var rows = items.Sum(i => i.Value.Rows);
        var joined = items.SelectMany(i => i.Value.Values).ToArray();
        return Make("concat", new Tensor([rows, cols], joined), items.ToArray(), (g, _, _) => SplitConcatenated(g, items));
    }

    /// <summary>concat's backward rule: the upstream gradient cut back into the pieces, in order (row-major, so axis 0).</summary>
    private static Tensor[] SplitConcatenated(Tensor g, IReadOnlyList<Var> items)
    {
        var offset = 0;
        return items.Select(i =>
        {
            var part = new Tensor(i.Value.ShapeArray, g.Values[offset..(offset + i.Value.Size)]);
            offset += i.Value.Size;
            return part;
        }).ToArray();
    }

    /// <summary>torch.nn.functional.one_hot: class indices (a number or [N]) to rows of 0 and 1 ([C] or [N, C]); a constant.</summary>
    public static Var OneHot(Var labels, int classes)
    {
        var L = labels.Value;
        if (L.Rank > 1)
        {
            throw new ShapeException($"one_hot takes a class index or a vector of them, not shape {Tensor.FormatShape(L.Shape)}");
        }
        var y = new double[L.Size * classes];
        for (var i = 0; i < L.Size; i++)
        {
            var c = L[i];
            if (c != Math.Floor(c) || c < 0 || c >= classes)
            {
                throw new ShapeException($"one_hot: class index {Tensor.FormatNumber(c)} is not a whole number in 0..{classes - 1}");
            }
            y[i * classes + (int)c] = 1;
        }
        return Leaf(new Tensor(L.Rank == 0 ? [classes] : [L.Size, classes], y));
    }

    /// <summary>
    /// torch.argmax / argmin: the index of the first largest (smallest) element, of all elements flattened or along an axis;
    /// a NaN counts as the extreme, as in PyTorch. A constant (no gradient).
    /// </summary>
    public static Var ArgExtreme(Var a, bool max, int? axis = null)
    {
        var lines = Lines(a.Value, axis, max ? "argmax" : "argmin");
        var y = lines.Select(line =>
        {
            var best = 0;
            for (var k = 1; k < line.Length; k++)
            {
                if (double.IsNaN(a.Value[line[best]]))
                {
                    break;
                }
                var x = a.Value[line[k]];
                if (double.IsNaN(x) || (max ? x > a.Value[line[best]] : x < a.Value[line[best]]))
                {
                    best = k;
                }
            }
            return (double)best;
        }).ToArray();
        return Leaf(new Tensor(axis is null || a.Value.Rank < 2 ? [] : [y.Length], y));
    }

    /// <summary>
    /// torch.amax / amin along an axis of a matrix (0: one value per column, 1: one per row): NaN propagates, and
    /// tied extremes share the gradient equally.
    /// </summary>
    public static Var ExtremeAxis(Var a, bool max, int axis)
    {
        var op = max ? "max" : "min";
        if (a.Value.Rank < 2)
        {
            return axis == 0 ? (max ? Max(a) : Min(a)) : throw new ShapeException($"{op}(v, axis: {axis}): a vector has only axis 0");
        }
        var lines = Lines(a.Value, axis, op);
        var best = lines.Select(line => Extreme(line.Select(k => a.Value[k]), max)).ToArray();
        return Make(op, new Tensor([best.Length], best), [a], (g, _, _) =>
        {
            var gx = new double[a.Value.Size];
            for (var i = 0; i < lines.Length; i++)
            {
                var ties = lines[i].Where(k => SameValue(a.Value[k], best[i])).ToArray();
                for (var k = 0; k < ties.Length; k++)
                {
                    gx[ties[k]] = g[i] * TieShare(k, ties.Length);
                }
            }
            return [new Tensor(a.Value.ShapeArray, gx)];
        });
    }

    /// <summary>The flat indices of each line reduced: all elements, or each column (axis 0) or row (axis 1) of a matrix.</summary>
    private static int[][] Lines(Tensor t, int? axis, string op)
    {
        if (t.Size == 0)
        {
            throw new ShapeException($"{op} of an empty tensor");
        }
        if (axis is null || t.Rank < 2)
        {
            if (axis is not (null or 0))
            {
                throw new ShapeException($"{op}: a {(t.Rank == 0 ? "scalar" : "vector")} has only axis 0");
            }
            return [Enumerable.Range(0, t.Size).ToArray()];
        }
        int r = t.Rows, c = t.Cols;
        return axis switch
        {
            0 => Enumerable.Range(0, c).Select(j => Enumerable.Range(0, r).Select(i => i * c + j).ToArray()).ToArray(),
            1 => Enumerable.Range(0, r).Select(i => Enumerable.Range(0, c).Select(j => i * c + j).ToArray()).ToArray(),
            _ => throw new ShapeException($"{op}: the axis is 0 (down the rows) or 1 (along each row), not {axis}"),
        };
    }

    /// <summary>The largest or smallest value, NaN if any value is NaN (NumPy's and PyTorch's max, unlike LINQ's).</summary>
    private static double Extreme(IEnumerable<double> values, bool max)
    {
        var best = max ? double.NegativeInfinity : double.PositiveInfinity;
        foreach (var x in values)
        {
            if (double.IsNaN(x))
            {
                return double.NaN;
            }
            best = max ? Math.Max(best, x) : Math.Min(best, x);
        }
        return best;
    }

    /// <summary>Equal, or both NaN: the elements that receive a max's gradient (PyTorch's evenly_distribute_backward).</summary>
    private static bool SameValue(double x, double best) => x == best || (double.IsNaN(x) && double.IsNaN(best));
}
