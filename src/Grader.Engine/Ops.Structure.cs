namespace Grader.Engine;

public static partial class Ops
{
    /// <summary>
    /// torch.matmul. [m, k] @ [k, n] gives [m, n]; [m, k] @ [k] gives [m]; [k] @ [k, n] gives [n]; [k] @ [k] gives a
    /// scalar; with more axes, the last two are the matrices and the leading ones are a batch, broadcast as NumPy's
    /// (a vector is a row on the left, a column on the right, its added axis dropped from the result).
    /// </summary>
    public static Var MatMul(Var a, Var b)
    {
        var A = a.Value;
        var B = b.Value;
        if (A.Rank == 0 || B.Rank == 0)
        {
            throw new ShapeException($"{Tensor.FormatShape(A.Shape)} @ {Tensor.FormatShape(B.Shape)}: @ needs vectors, matrices or batches of them (use * for a scalar)");
        }
        // Promote vectors to matrices (a row on the left, a column on the right), multiply, then drop the added axis.
        var A2 = A.Rank == 1 ? A.Reshape(1, A.Size) : A;
        var B2 = B.Rank == 1 ? B.Reshape(B.Size, 1) : B;
        int m = A2.ShapeArray[^2], k = A2.ShapeArray[^1], k2 = B2.ShapeArray[^2], n = B2.ShapeArray[^1];
        if (k != k2)
        {
            throw new ShapeException($"{Tensor.FormatShape(A.Shape)} @ {Tensor.FormatShape(B.Shape)}: inner dimensions {k} and {k2} differ");
        }
        var batchA = A2.ShapeArray[..^2];
        var batchB = B2.ShapeArray[..^2];
        var batch = Broadcast.Shape(batchA, batchB, "@");
        var ia = Broadcast.IndexMap(batchA, batch);
        var ib = Broadcast.IndexMap(batchB, batch);
        var count = ia.Length;
        var c = new double[count * m * n];
        for (var t = 0; t < count; t++)
        {
            Gemm(A2.Values.AsSpan(ia[t] * m * k, m * k), B2.Values.AsSpan(ib[t] * k * n, k * n), c.AsSpan(t * m * n, m * n), m, k, n);
        }
        var shape = new List<int>(batch);
        if (A.Rank > 1)
        {
            shape.Add(m);
        }
        if (B.Rank > 1)
        {
            shape.Add(n);
        }
        return Make("@", new Tensor(shape.ToArray(), c), [a, b], (g, _, _, pass) =>
        {
            // A side no variable asked for lies behind (the data of a network) costs no product.
            Tensor gA = A, gB = B;
            if (pass.InputNeeded(0))
            {
                var ga = new double[A.Size];
                var bt = new double[n * k];
                for (var t = 0; t < count; t++)
                {
                    TransposeInto(B2.Values.AsSpan(ib[t] * k * n, k * n), bt, k, n);
                    Gemm(g.Values.AsSpan(t * m * n, m * n), bt, ga.AsSpan(ia[t] * m * k, m * k), m, n, k);
                }
                gA = new Tensor(A.ShapeArray, ga);
            }
            if (pass.InputNeeded(1))
            {
                var gb = new double[B.Size];
                var at = new double[k * m];
                for (var t = 0; t < count; t++)
                {
                    TransposeInto(A2.Values.AsSpan(ia[t] * m * k, m * k), at, m, k);
                    Gemm(at, g.Values.AsSpan(t * m * n, m * n), gb.AsSpan(ib[t] * k * n, k * n), k, m, n);
                }
                gB = new Tensor(B.ShapeArray, gb);
            }
            return [gA, gB];
        });
    }

    private static Tensor Product(Tensor a, Tensor b)
    {
        int m = a.Rows, k = a.Cols, n = b.Cols;
        var c = new double[m * n];
        Gemm(a.Values, b.Values, c, m, k, n);
        return new Tensor([m, n], c);
    }

    /// <summary>
    /// c += a @ b for row-major [m, k] and [k, n]. Row i of C gathers a[i, p] times row p of B, p in order: each element
    /// sums its terms in the same order as the textbook loop (a multiply, then an add: no fused multiply-add), so
    /// results are bit for bit the same; the rows are walked as vectors.
    /// </summary>
    private static void Gemm(ReadOnlySpan<double> a, ReadOnlySpan<double> b, Span<double> c, int m, int k, int n)
    {
        var width = System.Numerics.Vector<double>.Count;
        for (var i = 0; i < m; i++)
        {
            var row = c.Slice(i * n, n);
            for (var p = 0; p < k; p++)
            {
                var aip = a[i * k + p];
                var brow = b.Slice(p * n, n);
                var j = 0;
                if (System.Numerics.Vector.IsHardwareAccelerated)
                {
                    var scale = new System.Numerics.Vector<double>(aip);
                    for (; j <= n - width; j += width)
                    {
                        var sum = new System.Numerics.Vector<double>(row[j..]) + (scale * new System.Numerics.Vector<double>(brow[j..]));
                        sum.CopyTo(row[j..]);
                    }
                }
                for (; j < n; j++)
                {
                    row[j] += aip * brow[j];
                }
            }
        }
    }

    private static void TransposeInto(ReadOnlySpan<double> a, Span<double> t, int rows, int cols)
    {
        for (var i = 0; i < rows; i++)
        {
            for (var j = 0; j < cols; j++)
            {
                t[j * rows + i] = a[i * cols + j];
            }
        }
    }

    private static Tensor Transposed(Tensor a)
    {
        if (a.Rank < 2)
        {
            return a;
        }
        var t = new double[a.Size];
        TransposeInto(a.Values, t, a.Rows, a.Cols);
        return new Tensor([a.Cols, a.Rows], t);
    }

    /// <summary>Transpose of a matrix; a scalar or vector is returned unchanged, as in NumPy.</summary>
    public static Var Transpose(Var a)
    {
        if (a.Value.Rank > 2)
        {
            throw new ShapeException($"transpose(x) of shape {Tensor.FormatShape(a.Value.Shape)}: with more than two axes, say which two to swap, transpose(x, 1, 2), or give their order, permute(x, [0, 2, 1])");
        }
        return Make("transpose", Transposed(a.Value), [a], (g, _, _, _) => [Transposed(g)]);
    }

    /// <summary>torch.transpose(x, d0, d1): axes d0 and d1 swapped.</summary>
    public static Var Transpose(Var a, int d0, int d1)
    {
        var rank = a.Value.Rank;
        var order = Enumerable.Range(0, rank).ToArray();
        if (rank == 0)
        {
            Reduction.Axis(d0, 0, "transpose");
            Reduction.Axis(d1, 0, "transpose");
            return a;
        }
        int i = Reduction.Axis(d0, rank, "transpose"), j = Reduction.Axis(d1, rank, "transpose");
        (order[i], order[j]) = (order[j], order[i]);
        return Permute(a, order);
    }

    /// <summary>torch.permute(x, dims): axis i of the result is axis dims[i] of x.</summary>
    public static Var Permute(Var a, IReadOnlyList<int> dims)
    {
        var X = a.Value;
        var rank = X.Rank;
        if (dims.Count != rank)
        {
            throw new ShapeException($"permute: {dims.Count} axes given for a value with {rank}; give each axis once, e.g. permute(x, [{string.Join(", ", Enumerable.Range(0, rank).Reverse())}])");
        }
        var order = dims.Select(d => Reduction.Axis(d, rank, "permute")).ToArray();
        if (order.Distinct().Count() != rank)
        {
            throw new ShapeException($"permute: [{string.Join(", ", dims)}] lists an axis twice");
        }
        var map = PermutationMap(X.ShapeArray, order, out var shape);
        var y = new double[X.Size];
        for (var k = 0; k < y.Length; k++)
        {
            y[k] = X[map[k]];
        }
        return Make("permute", new Tensor(shape, y), [a], (g, _, _, _) =>
        {
            var gx = new double[X.Size];
            for (var k = 0; k < gx.Length; k++)
            {
                gx[map[k]] = g[k];
            }
            return [new Tensor(X.ShapeArray, gx)];
        });
    }

    /// <summary>For each flat index of the permuted tensor, the flat index of the element it came from.</summary>
    private static int[] PermutationMap(int[] from, int[] order, out int[] shape)
    {
        var rank = from.Length;
        shape = order.Select(o => from[o]).ToArray();
        var strides = Tensor.StridesOf(from);
        var size = from.Aggregate(1, (p, d) => p * d);
        var map = new int[size];
        var idx = new int[rank];
        for (var k = 0; k < size; k++)
        {
            var f = 0;
            for (var i = 0; i < rank; i++)
            {
                f += idx[i] * strides[order[i]];
            }
            map[k] = f;
            for (var i = rank - 1; i >= 0; i--)
            {
                if (++idx[i] < shape[i])
                {
                    break;
                }
                idx[i] = 0;
            }
        }
        return map;
    }

    /// <summary>
    /// Prepends a column of ones to a matrix, or a 1 to a vector (the bias input). A <see cref="BiasInputRule"/>
    /// mistake prepends 0.
    /// </summary>
    public static Var Augment(Var a, MistakeRule? mistake = null)
    {
        var A = a.Value;
        var one = mistake?.Find<BiasInputRule>() is not null ? 0.0 : 1.0;
        switch (A.Rank)
        {
            case 1:
                return Make("augment", new Tensor([A.Size + 1], [one, .. A.Values]), [a],
                    (g, _, _, _) => [new Tensor([A.Size], g.Values[1..])]);
            case 2:
                int r = A.Rows, c = A.Cols;
                var y = new double[r * (c + 1)];
                for (var i = 0; i < r; i++)
                {
                    y[i * (c + 1)] = one;
                    Array.Copy(A.Values, i * c, y, i * (c + 1) + 1, c);
                }
                return Make("augment", new Tensor([r, c + 1], y), [a], (g, _, _, _) =>
                {
                    var gx = new double[r * c];
                    for (var i = 0; i < r; i++)
                    {
                        Array.Copy(g.Values, i * (c + 1) + 1, gx, i * c, c);
                    }
                    return [new Tensor([r, c], gx)];
                });
            default:
                throw new ShapeException($"augment needs a vector or a matrix, got shape {Tensor.FormatShape(A.Shape)}");
        }
    }

    /// <summary>The dot product of two vectors of equal length.</summary>
    public static Var Dot(Var a, Var b)
    {
        if (a.Value.Rank != 1 || b.Value.Rank != 1 || a.Value.Size != b.Value.Size)
        {
            throw new ShapeException($"dot({Tensor.FormatShape(a.Value.Shape)}, {Tensor.FormatShape(b.Value.Shape)}): needs two vectors of the same length");
        }
        return MatMul(a, b);
    }

    /// <summary>The outer product of two vectors: [m] and [n] give [m, n].</summary>
    public static Var Outer(Var a, Var b)
    {
        if (a.Value.Rank != 1 || b.Value.Rank != 1)
        {
            throw new ShapeException($"outer({Tensor.FormatShape(a.Value.Shape)}, {Tensor.FormatShape(b.Value.Shape)}): needs two vectors");
        }
        return MatMul(Reshape(a, [a.Value.Size, 1]), Reshape(b, [1, b.Value.Size]));
    }

    /// <summary>The same values under another shape of the same size.</summary>
    public static Var Reshape(Var a, int[] shape) =>
        Make("reshape", a.Value.Reshape(shape), [a], (g, _, _, _) => [g.Reshape(a.Value.ShapeArray)]);

    /// <summary>torch.unsqueeze(x, d): an axis of length 1 inserted at d (from -rank - 1 to rank).</summary>
    public static Var Unsqueeze(Var a, int axis)
    {
        var shape = a.Value.ShapeArray.ToList();
        shape.Insert(Reduction.Axis(axis, shape.Count + 1, "unsqueeze"), 1);
        return Reshape(a, shape.ToArray());
    }

    /// <summary>torch.squeeze(x) drops every axis of length 1; squeeze(x, d) drops axis d if its length is 1.</summary>
    public static Var Squeeze(Var a, int? axis = null)
    {
        var shape = a.Value.ShapeArray;
        if (axis is { } d)
        {
            var k = Reduction.Axis(d, shape.Length, "squeeze");
            return shape.Length == 0 || shape[k] != 1 ? a : Reshape(a, shape.Where((_, i) => i != k).ToArray());
        }
        return Reshape(a, shape.Where(n => n != 1).ToArray());
    }

    /// <summary>torch.flatten(x, start_dim, end_dim): the axes from start to end (inclusive) made one.</summary>
    public static Var Flatten(Var a, int start = 0, int end = -1)
    {
        var shape = a.Value.ShapeArray;
        if (shape.Length == 0)
        {
            return Reshape(a, [1]);
        }
        int s = Reduction.Axis(start, shape.Length, "flatten"), e = Reduction.Axis(end, shape.Length, "flatten");
        if (s > e)
        {
            throw new ShapeException($"flatten: start_dim {start} comes after end_dim {end}");
        }
        var merged = shape[s..(e + 1)].Aggregate(1, (p, d) => p * d);
        return Reshape(a, [.. shape[..s], merged, .. shape[(e + 1)..]]);
    }

    /// <summary>
    /// torch.stack: values of one shape along a new axis (0 by default): scalars make a vector, vectors the rows of a
    /// matrix, matrices a rank-3 value, and so on.
    /// </summary>
    public static Var Stack(IReadOnlyList<Var> items, int axis = 0)
    {
        if (items.Count == 0)
        {
            return Leaf(new Tensor([0], []));
        }
        var first = items[0].Value;
        foreach (var item in items)
        {
            if (!item.Value.SameShape(first))
            {
                var shapes = string.Join(", ", items.Select(i => Tensor.FormatShape(i.Value.Shape)));
                throw new ShapeException($"[{shapes}]: the items of a list must all have one shape (a matrix is a list of rows of one length)");
            }
        }
        var n = first.Size;
        var data = new double[items.Count * n];
        for (var i = 0; i < items.Count; i++)
        {
            Array.Copy(items[i].Value.Values, 0, data, i * n, n);
        }
        var stacked = Make("stack", new Tensor([items.Count, .. first.ShapeArray], data), items.ToArray(),
            (g, _, _, _) => items.Select((_, i) => new Tensor(first.ShapeArray, g.Values[(i * n)..((i + 1) * n)])).ToArray());
        var k = Reduction.Axis(axis, first.Rank + 1, "stack");
        if (k == 0)
        {
            return stacked;
        }
        var order = Enumerable.Range(1, first.Rank).ToList();
        order.Insert(k, 0);
        return Permute(stacked, order);
    }

    /// <summary>Element i along the first axis (0-based; negative counts from the end): a vector's element, a matrix's row.</summary>
    public static Var Index(Var a, int i)
    {
        var A = a.Value;
        if (A.Rank == 0)
        {
            throw new ShapeException("a scalar cannot be indexed");
        }
        var n = A.ShapeArray[0];
        var k = i < 0 ? n + i : i;
        if (k < 0 || k >= n)
        {
            throw new ShapeException($"index {i} is out of range for shape {Tensor.FormatShape(A.Shape)}");
        }
        var width = n == 0 ? 0 : A.Size / n;
        var shape = A.ShapeArray[1..];
        return Make("index", new Tensor(shape, A.Values[(k * width)..((k + 1) * width)]), [a], (g, _, _, _) =>
        {
            var gx = new double[A.Size];
            Array.Copy(g.Values, 0, gx, k * width, width);
            return [new Tensor(A.ShapeArray, gx)];
        });
    }

    /// <summary>A constant: a leaf of the graph.</summary>
    public static Var Leaf(Tensor value) => Var.Leaf(value);
}
