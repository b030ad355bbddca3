namespace Grader.Protocol;

/// <summary>A value crossing between the grader and a submission: a shape ([] scalar, [n], [r, c]) and row-major data.</summary>
public sealed record ValueDto(int[] Shape, double[] Data)
{
    public static ValueDto Scalar(double x) => new([], [x]);
}
