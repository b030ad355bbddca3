namespace Grader.Engine;

/// <summary>
/// One item of an index, as PyTorch's indexing reads it: a single index (the axis is dropped), a range
/// start:stop:step (clamped to the axis, as in Python), a new axis of length 1 (None), or a tensor of whole numbers
/// (advanced indexing: gathers along the axis).
/// </summary>
public readonly record struct AxisSelector(int? Index, int? Start, int? Stop, int? Step = null, bool NewAxis = false, Tensor? Indices = null)
{
    public static AxisSelector At(int i) => new(i, null, null);

    public static AxisSelector Range(int? start, int? stop, int? step = null) => new(null, start, stop, step);

    public static AxisSelector NoneAxis => new(null, null, null, null, true);

    public static AxisSelector Take(Tensor indices) => new(null, null, null, null, false, indices);

    public bool IsAdvanced => Indices is not null;
}

public static partial class Ops
{
    /// <summary>
    /// PyTorch's indexing: one selector per leading axis (missing ones take everything). An index counts from the end
    /// when negative and must be in range; a range is clamped to the axis, as in Python, and its step is positive.
    /// <c>M[:, j]</c> is column j, <c>x[::2]</c> every other element, <c>a[:, None]</c> adds an axis. Tensors of
    /// indices broadcast together and gather (with a single index beside them counting as one, as NumPy's rule);
    /// their axes take the place of the first when they are adjacent, else come first. Gradients add up over
    /// repeated indices.
    /// </summary>
    public static Var Slice(Var a, IReadOnlyList<AxisSelector> selectors)
    {
        var A = a.Value;
        var consuming = selectors.Count(s => !s.NewAxis);
        if (consuming > A.Rank)
        {
            throw new ShapeException($"{consuming} indices for shape {Tensor.FormatShape(A.Shape)}");
        }
        var all = selectors.ToList();
        for (var i = consuming; i < A.Rank; i++)
        {
            all.Add(AxisSelector.Range(null, null));
        }
        var advanced = all.Any(s => s.IsAdvanced);
        var strides = Tensor.StridesOf(A.ShapeArray);

        // The output's axes: each a length and, per position along it, the offset it adds into the input.
        var dims = new List<int[]>();
        var baseOffset = 0;
        var advancedAxes = new List<(int Axis, Tensor Indices)>();
        var firstAdvancedDim = -1;
        var lastAdvancedItem = -2;
        var adjacent = true;
        var blockAt = -1;
        int[]? blockShape = null;
        var axis = 0;
        for (var item = 0; item < all.Count; item++)
        {
            var s = all[item];
            if (s.NewAxis)
            {
                dims.Add([0]);
                continue;
            }
            var n = A.ShapeArray[axis];
            if (s.IsAdvanced || (advanced && s.Index is not null))
            {
                var indices = s.Indices ?? Tensor.Scalar(s.Index!.Value);
                advancedAxes.Add((axis, indices));
                if (firstAdvancedDim < 0)
                {
                    firstAdvancedDim = dims.Count;
                }
                else if (lastAdvancedItem != item - 1)
                {
                    adjacent = false;
                }
                lastAdvancedItem = item;
            }
            else if (s.Index is { } i)
            {
                baseOffset += InRange(i, n, axis, A) * strides[axis];
            }
            else
            {
                var step = s.Step ?? 1;
                if (step <= 0)
                {
                    throw new ShapeException($"a slice's step must be positive, not {step} (PyTorch has no negative steps; flip(...) is not offered)");
                }
                int Clamp(int? v, int dflt) => v is not { } x ? dflt : Math.Clamp(x < 0 ? n + x : x, 0, n);
                int from = Clamp(s.Start, 0), to = Clamp(s.Stop, n);
                var length = to <= from ? 0 : (to - from + step - 1) / step;
                var stride = strides[axis];
                dims.Add(Enumerable.Range(0, length).Select(j => (from + j * step) * stride).ToArray());
            }
            axis++;
        }
        if (advancedAxes.Count > 0)
        {
            var shape = advancedAxes.Aggregate(Array.Empty<int>(), (sh, x) => Broadcast.Shape(sh, x.Indices.ShapeArray, "indexing"));
            var size = shape.Aggregate(1, (p, d) => p * d);
            var offsets = new int[size];
            foreach (var (ax, indices) in advancedAxes)
            {
                var map = Broadcast.IndexMap(indices.ShapeArray, shape);
                for (var k = 0; k < size; k++)
                {
                    var v = indices[map[k]];
                    if (v != Math.Floor(v) || Math.Abs(v) > int.MaxValue)
                    {
                        throw new ShapeException($"an index is a whole number, not {Tensor.FormatNumber(v)}");
                    }
                    offsets[k] += InRange((int)v, A.ShapeArray[ax], ax, A) * strides[ax];
                }
            }
            // The block is walked flat as one axis of the walk, and its shape put back in the result's shape.
            blockAt = adjacent ? firstAdvancedDim : 0;
            blockShape = shape;
            dims.Insert(blockAt, offsets);
        }
        var walk = dims.Select(d => d.Length).ToList();
        var total = walk.Aggregate(1, (p, d) => p * d);
        if (blockAt >= 0)
        {
            walk.RemoveAt(blockAt);
            walk.InsertRange(blockAt, blockShape!);
        }
        var outShape = walk.ToArray();
        var idx = new int[total];
        var counter = new int[dims.Count];
        for (var k = 0; k < total; k++)
        {
            var f = baseOffset;
            for (var d = 0; d < dims.Count; d++)
            {
                f += dims[d][counter[d]];
            }
            idx[k] = f;
            for (var d = dims.Count - 1; d >= 0; d--)
            {
                if (++counter[d] < dims[d].Length)
                {
                    break;
                }
                counter[d] = 0;
            }
        }
        return Make("slice", new Tensor(outShape, idx.Select(k => A[k]).ToArray()), [a], (g, _, _, _) =>
        {
            var gx = new double[A.Size];
            for (var k = 0; k < idx.Length; k++)
            {
                gx[idx[k]] += g[k];
            }
            return [new Tensor(A.ShapeArray, gx)];
        });
    }

    private static int InRange(int i, int n, int axis, Tensor A)
    {
        var k = i < 0 ? n + i : i;
        if (k < 0 || k >= n)
        {
            throw new ShapeException($"index {i} is out of range for axis {axis} of shape {Tensor.FormatShape(A.Shape)}");
        }
        return k;
    }
}
