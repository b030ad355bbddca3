namespace Grader.Protocol;

/// <summary>
/// A value crossing between the grader and a submission: a shape ([] scalar, [n], [r, c], up to <see cref="MaxRank"/>
/// axes) and its numbers in row-major order (the last axis varies fastest).
/// </summary>
public sealed record ValueDto(int[] Shape, double[] Data)
{
    /// <summary>The most axes a value has on the wire, as in the engine (a scalar has none).</summary>
    public const int MaxRank = 6;

    public static ValueDto Scalar(double x) => new([], [x]);

    /// <summary>
    /// Whether the shape and the data agree (the product of the axes' lengths is the number of values), the shape has at
    /// most <see cref="MaxRank"/> axes none of which is negative, and there are at most <paramref name="maxElements"/>
    /// numbers. A reply from a worker is taken as data only when it is well formed.
    /// </summary>
    public bool IsWellFormed(int maxElements)
    {
        if (Shape is null || Data is null || Shape.Length > MaxRank || Data.Length > maxElements || Shape.Any(d => d < 0))
        {
            return false;
        }
        // Multiplied with a stop: six lengths of two billion each would overflow even a long.
        var size = 1L;
        foreach (var d in Shape)
        {
            size *= d;
            if (size > Data.Length)
            {
                return Shape.Contains(0) && Data.Length == 0;
            }
        }
        return size == Data.Length;
    }
}
