namespace Grader.Engine;

/// <summary>NumPy broadcasting at any rank: shapes are aligned on the right, and an axis of length 1 stretches.</summary>
public static class Broadcast
{
    /// <summary>The shape two operands broadcast to, or a <see cref="ShapeException"/>.</summary>
    public static int[] ShapeOf(Tensor a, Tensor b) => Shape(a.ShapeArray, b.ShapeArray, "and");

    internal static int[] Shape(int[] a, int[] b, string op)
    {
        var rank = Math.Max(a.Length, b.Length);
        var result = new int[rank];
        for (var i = 0; i < rank; i++)
        {
            var da = Dim(a, i - rank + a.Length);
            var db = Dim(b, i - rank + b.Length);
            if (da != db && da != 1 && db != 1)
            {
                throw new ShapeException($"{Tensor.FormatShape(a)} {op} {Tensor.FormatShape(b)}: shapes do not broadcast");
            }
            result[i] = da == 1 ? db : da;
        }
        return result;
    }

    private static int Dim(int[] shape, int i) => i < 0 ? 1 : shape[i];

    /// <summary>For each flat index of the broadcast result, the flat index into an operand of shape <paramref name="from"/>.</summary>
    internal static int[] IndexMap(int[] from, int[] to)
    {
        var size = to.Aggregate(1, (x, y) => x * y);
        var map = new int[size];
        var rank = to.Length;
        var offset = rank - from.Length;
        var fromStrides = new int[rank];
        var stride = 1;
        for (var i = rank - 1; i >= 0; i--)
        {
            var d = i - offset;
            fromStrides[i] = d < 0 || from[d] == 1 ? 0 : stride;
            if (d >= 0)
            {
                stride *= from[d];
            }
        }
        var idx = new int[rank];
        for (var k = 0; k < size; k++)
        {
            var f = 0;
            for (var i = 0; i < rank; i++)
            {
                f += idx[i] * fromStrides[i];
            }
            map[k] = f;
            for (var i = rank - 1; i >= 0; i--)
            {
                if (++idx[i] < to[i])
                {
                    break;
                }
                idx[i] = 0;
            }
        }
        return map;
    }
}
