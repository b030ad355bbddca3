namespace Grader.Engine;

public static partial class Ops
{
    /// <summary>
    /// Matrix product. [m, k] @ [k, n] gives [m, n]; [m, k] @ [k] gives [m]; [k] @ [k, n] gives [n]; [k] @ [k] gives a scalar.
    /// </summary>
    public static Var MatMul(Var a, Var b)
    {
        var A = a.Value;
        var B = b.Value;
        if (A.Rank == 0 || B.Rank == 0)
        {
            throw new ShapeException($"{Tensor.FormatShape(A.Shape)} @ {Tensor.FormatShape(B.Shape)}: @ needs vectors or matrices (use * for a scalar)");
        }
        // Promote vectors to matrices (a row on the left, a column on the right), multiply, then drop the added axis.
        var A2 = A.Rank == 1 ? A.Reshape(1, A.Size) : A;
        var B2 = B.Rank == 1 ? B.Reshape(B.Size, 1) : B;
        if (A2.Cols != B2.Rows)
        {
            throw new ShapeException($"{Tensor.FormatShape(A.Shape)} @ {Tensor.FormatShape(B.Shape)}: inner dimensions {A2.Cols} and {B2.Rows} differ");
        }
        var C2 = Product(A2, B2);
        int[] shape = (A.Rank, B.Rank) switch
        {
            (2, 2) => [A2.Rows, B2.Cols],
            (2, 1) => [A2.Rows],
            (1, 2) => [B2.Cols],
            _ => [],
        };
        return Make("@", C2.Reshape(shape), [a, b], (g, _, _) =>
        {
            var G2 = g.Reshape(A2.Rows, B2.Cols);
            // A side no variable asked for lies behind (the data of a network) costs no product.
            var gA = Autodiff.InputNeeded(0) ? Product(G2, Transposed(B2)).Reshape(A.ShapeArray) : A;
            var gB = Autodiff.InputNeeded(1) ? Product(Transposed(A2), G2).Reshape(B.ShapeArray) : B;
            return [gA, gB];
        });
    }

    private static Tensor Product(Tensor a, Tensor b)
    {
        int m = a.Rows, k = a.Cols, n = b.Cols;
        var c = new double[m * n];
        var av = a.Values;
        var bv = b.Values;
        // Row i of C gathers a[i, p] times row p of B, p in order: each element sums its terms in the same order as
        // the textbook loop (a multiply, then an add: no fused multiply-add), so results are bit for bit the same;
        // the rows are walked as vectors.
        var width = System.Numerics.Vector<double>.Count;
        for (var i = 0; i < m; i++)
        {
            var row = c.AsSpan(i * n, n);
            for (var p = 0; p < k; p++)
            {
                var aip = av[i * k + p];
                var brow = bv.AsSpan(p * n, n);
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
        return new Tensor([m, n], c);
    }

    private static Tensor Transposed(Tensor a)
    {
        if (a.Rank < 2)
        {
            return a;
        }
        var t = new double[a.Size];
        for (var i = 0; i < a.Rows; i++)
        {
            for (var j = 0; j < a.Cols; j++)
            {
                t[j * a.Rows + i] = a[i, j];
            }
        }
        return new Tensor([a.Cols, a.Rows], t);
    }

    /// <summary>Transpose of a matrix; a scalar or vector is returned unchanged, as in NumPy.</summary>
    public static Var Transpose(Var a) => Make("transpose", Transposed(a.Value), [a], (g, _, _) => [Transposed(g)]);

    /// <summary>Prepends a column of ones to a matrix, or a 1 to a vector (the bias input).</summary>
    public static Var Augment(Var a)
    {
        var A = a.Value;
        var one = t_mistake is BiasInputRule ? 0.0 : 1.0;
        switch (A.Rank)
        {
            case 1:
                return Make("augment", new Tensor([A.Size + 1], [one, .. A.Values]), [a],
                    (g, _, _) => [new Tensor([A.Size], g.Values[1..])]);
            case 2:
                int r = A.Rows, c = A.Cols;
                var y = new double[r * (c + 1)];
                for (var i = 0; i < r; i++)
                {
                    y[i * (c + 1)] = one;
                    Array.Copy(A.Values, i * c, y, i * (c + 1) + 1, c);
                }
                return Make("augment", new Tensor([r, c + 1], y), [a], (g, _, _) =>
                {
                    var gx = new double[r * c];
                    for (var i = 0; i < r; i++)
                    {
                        Array.Copy(g.Values, i * (c + 1) + 1, gx, i * c, c);
                    }
                    return [new Tensor([r, c], gx)];
                });
            default:
                throw new ShapeException("augment needs a vector or a matrix, got a scalar");
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
        Make("reshape", a.Value.Reshape(shape), [a], (g, _, _) => [g.Reshape(a.Value.ShapeArray)]);

    /// <summary>
    /// Stacks scalars into a vector, or vectors of one length into a matrix (one row each).
    /// </summary>
    public static Var Stack(IReadOnlyList<Var> items)
    {
        if (items.Count == 0)
        {
            return Leaf(new Tensor([0], []));
        }
        var first = items[0].Value;
        foreach (var item in items)
        {
            if (!item.Value.SameShape(first) || item.Value.Rank > 1)
            {
                var shapes = string.Join(", ", items.Select(i => Tensor.FormatShape(i.Value.Shape)));
                throw new ShapeException($"[{shapes}]: the entries of a vector must be scalars, and the rows of a matrix vectors of one length");
            }
        }
        var n = first.Size;
        var data = items.SelectMany(i => i.Value.Values).ToArray();
        int[] shape = first.Rank == 0 ? [items.Count] : [items.Count, n];
        return Make("stack", new Tensor(shape, data), items.ToArray(),
            (g, _, _) => items.Select((_, i) => new Tensor(first.ShapeArray, g.Values[(i * n)..((i + 1) * n)])).ToArray());
    }

    /// <summary>Element i of a vector, or row i of a matrix (0-based; negative counts from the end).</summary>
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
        var width = A.Rank == 1 ? 1 : A.Cols;
        int[] shape = A.Rank == 1 ? [] : [width];
        return Make("index", new Tensor(shape, A.Values[(k * width)..((k + 1) * width)]), [a], (g, _, _) =>
        {
            var gx = new double[A.Size];
            Array.Copy(g.Values, 0, gx, k * width, width);
            return [new Tensor(A.ShapeArray, gx)];
        });
    }

    /// <summary>A constant: a leaf of the graph.</summary>
    public static Var Leaf(Tensor value) => Var.Leaf(value);
}
