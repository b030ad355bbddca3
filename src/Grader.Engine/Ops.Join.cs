namespace Grader.Engine;

public static partial class Ops
{
    /// <summary>
    /// torch.cat: vectors (or scalars) end to end; values of one rank along an axis (0 by default), their other
    /// axes equal: matrices stacked (axis 0) or side by side (axis 1).
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
            if (Reduction.Axis(axis, 1, "concat") != 0)
            {
                throw new ShapeException($"concat({shapes}, axis: {axis}): vectors have only axis 0");
            }
            var data = items.SelectMany(i => i.Value.Values).ToArray();
            return Make("concat", new Tensor([data.Length], data), items.ToArray(), (g, _, _, _) => SplitConcatenated(g, items, 1, 0));
        }
        var rank = items[0].Value.Rank;
        var k = Reduction.Axis(axis, rank, "concat");
        var first = items[0].Value.ShapeArray;
        if (items.Any(i => i.Value.Rank != rank || Enumerable.Range(0, rank).Any(d => d != k && i.Value.ShapeArray[d] != first[d])))
        {
            throw new ShapeException($"concat({shapes}): values joined along axis {k} need the same rank and the same length on every other axis"
                + (rank == 2 ? $" (the same number of {(k == 0 ? "columns" : "rows")})" : ""));
        }
        var outer = first[..k].Aggregate(1, (p, d) => p * d);
        var shape = (int[])first.Clone();
        shape[k] = items.Sum(i => i.Value.ShapeArray[k]);
        var y = new double[outer * shape[k..].Aggregate(1, (p, d) => p * d)];
        var pos = 0;
        for (var o = 0; o < outer; o++)
        {
            foreach (var item in items)
            {
                var chunk = item.Value.Size / Math.Max(outer, 1);
                Array.Copy(item.Value.Values, o * chunk, y, pos, chunk);
                pos += chunk;
            }
        }
        return Make("concat", new Tensor(shape, y), items.ToArray(), (g, _, _, _) => SplitConcatenated(g, items, outer, k));
    }

    /// <summary>concat's backward rule: the upstream gradient cut back into the pieces.</summary>
    private static Tensor[] SplitConcatenated(Tensor g, IReadOnlyList<Var> items, int outer, int axis)
    {
        var parts = items.Select(i => new double[i.Value.Size]).ToArray();
        var pos = 0;
        for (var o = 0; o < outer; o++)
        {
            for (var i = 0; i < items.Count; i++)
            {
                var chunk = items[i].Value.Size / Math.Max(outer, 1);
                Array.Copy(g.Values, pos, parts[i], o * chunk, chunk);
                pos += chunk;
            }
        }
        return items.Select((i, n) => new Tensor(i.Value.ShapeArray, parts[n])).ToArray();
    }

    /// <summary>torch.nn.functional.one_hot: class indices of any shape to 0/1 along a new last axis of length classes; a constant.</summary>
    public static Var OneHot(Var labels, int classes)
    {
        var L = labels.Value;
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
        return Leaf(new Tensor([.. L.ShapeArray, classes], y));
    }

    /// <summary>
    /// torch.argmax / argmin: the index of the first largest (smallest) element, of all elements flattened or along an axis;
    /// a NaN counts as the extreme, as in PyTorch. A constant (no gradient).
    /// </summary>
    public static Var ArgExtreme(Var a, bool max, int? axis = null, bool keepdim = false)
    {
        var op = max ? "argmax" : "argmin";
        var X = a.Value;
        if (X.Size == 0)
        {
            throw new ShapeException($"{op} of an empty tensor");
        }
        var r = axis is { } ax ? Reduction.Of(X, [ax], keepdim, op) : null;
        var outSize = r?.OutputSize ?? 1;
        var best = new int[outSize];
        var seen = new int[outSize];
        var bestValue = new double[outSize];
        for (var k = 0; k < X.Size; k++)
        {
            var o = r?.Map[k] ?? 0;
            var x = X[k];
            var n = seen[o]++;
            if (n == 0 || (!double.IsNaN(bestValue[o]) && (double.IsNaN(x) || (max ? x > bestValue[o] : x < bestValue[o]))))
            {
                best[o] = n;
                bestValue[o] = x;
            }
        }
        return Leaf(new Tensor(r?.Shape ?? [], best.Select(b => (double)b).ToArray()));
    }

    /// <summary>Equal, or both NaN: the elements that receive a max's gradient (PyTorch's evenly_distribute_backward).</summary>
    private static bool SameValue(double x, double best) => x == best || (double.IsNaN(x) && double.IsNaN(best));
}
