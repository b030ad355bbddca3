using Grader.Engine;

namespace Grader.Problems.Expressions;

public static partial class Builtins
{
    /// <summary>Named arguments a built-in accepts (<c>max(S, axis: 1)</c>) and how the call is computed with them.</summary>
    public sealed record Options(IReadOnlyList<string> Names, Func<Var[], IReadOnlyDictionary<string, Var>, Var> Apply, int? Positional = 1);

    /// <summary>
    /// The losses and linear algebra a deep-learning course needs, each following PyTorch's definition
    /// (see the README's convention table).
    /// </summary>
    private static IEnumerable<Builtin> Course =>
    [
        new("cross_entropy", 2, 2, "cross_entropy(logits, target): one loss per sample, as torch's F.cross_entropy(..., reduction='none'); the target holds class indices ([N], or a number for one sample) or probabilities shaped like the logits; wrap in mean(...) for PyTorch's default",
            a => Ops.CrossEntropy(a[0], a[1])),
        new("bce", 2, 2, "bce(p, t): binary cross-entropy of probabilities, elementwise, logs clamped at -100 as in torch's F.binary_cross_entropy",
            a => Ops.Bce(a[0], a[1])),
        new("bce_with_logits", 2, 2, "bce_with_logits(z, t): binary cross-entropy from logits, elementwise and finite for any z (torch's F.binary_cross_entropy_with_logits)",
            a => Ops.BceWithLogits(a[0], a[1])),
        new("one_hot", 2, 2, "one_hot(y, classes): class indices (a number or [N]) as rows of 0 and 1 ([classes] or [N, classes])",
            a => Ops.OneHot(a[0], WholeNumber(a[1], "the number of classes", 1))),
        new("eye", 1, 1, "eye(n): the n x n identity matrix", a => Ops.Eye(WholeNumber(a[0], "eye(n)", 1))),
        new("diag", 1, 1, "diag(v): the square matrix with v on its diagonal; diag(M): the diagonal of M", a => Ops.Diag(a[0])),
        new("inv", 1, 1, "inv(A): the matrix inverse (A^-1 is elementwise: 1 / each element)", a => Ops.Inv(a[0])),
        new("det", 1, 1, "det(A): the determinant of a square matrix", a => Ops.Det(a[0])),
        new("solve", 2, 2, "solve(A, b): x with A @ x = b, for b a vector or a matrix (torch.linalg.solve)", a => Ops.Solve(a[0], a[1])),
        new("argmax", 1, 1, "argmax(x): the index of the first largest element of all (flattened); argmax(M, axis: 1): one per row", a => Ops.ArgExtreme(a[0], true)),
        new("argmin", 1, 1, "argmin(x): the index of the first smallest element; argmin(M, axis: 1): one per row", a => Ops.ArgExtreme(a[0], false)),
        new("concat", 1, 64, "concat(a, b, ...): vectors end to end, matrices stacked (axis 0) or side by side (concat(A, B, axis: 1))", a => Ops.Concat(a)),
        new("reshape", 2, 2, "reshape(x, [rows, cols]): the same values row by row under another shape; one dimension may be -1", a => Reshape(a[0], a[1])),
        new("conv1d", 2, 2, "conv1d(x, w) or conv1d(x, w, stride: 2): valid cross-correlation as torch's F.conv1d; x [L] with w [K], or x [channels, L] with w [channels, K]",
            a => Ops.Conv1d(a[0], a[1])),
        new("randint", 3, 3, "randint(low, high, shape): random whole numbers in [low, high), as torch.randint", null),
    ];

    /// <summary>Built-ins that take named arguments, with the names each accepts.</summary>
    public static readonly IReadOnlyDictionary<string, Options> Named = new Dictionary<string, Options>(StringComparer.Ordinal)
    {
        ["sum"] = new(["axis"], (a, n) => Ops.SumAxis(a[0], Axis(n))),
        ["mean"] = new(["axis"], (a, n) => Ops.MeanAxis(a[0], Axis(n))),
        ["max"] = new(["axis"], (a, n) => Ops.ExtremeAxis(a[0], true, Axis(n))),
        ["min"] = new(["axis"], (a, n) => Ops.ExtremeAxis(a[0], false, Axis(n))),
        ["argmax"] = new(["axis"], (a, n) => Ops.ArgExtreme(a[0], true, Axis(n))),
        ["argmin"] = new(["axis"], (a, n) => Ops.ArgExtreme(a[0], false, Axis(n))),
        ["concat"] = new(["axis"], (a, n) => Ops.Concat(a, Axis(n)), null),
        ["conv1d"] = new(["stride"], (a, n) => Ops.Conv1d(a[0], a[1], n.TryGetValue("stride", out var s) ? WholeNumber(s, "the stride", 1) : 1), 2),
    };

    private static int Axis(IReadOnlyDictionary<string, Var> named) =>
        named.TryGetValue("axis", out var v) ? AxisOf(v) : 0;

    private static int WholeNumber(Var v, string what, int min)
    {
        var x = v.Value.Size == 1 ? v.Value[0] : double.NaN;
        return x == Math.Floor(x) && x >= min && x <= 1_000_000
            ? (int)x
            : throw new ShapeException($"{what} is a whole number >= {min}, not {v.Value}");
    }

    private static Var Reshape(Var x, Var shape)
    {
        var dims = shape.Value.Rank <= 1 ? shape.Value.ToArray() : [double.NaN];
        if (dims.Length > 2 || dims.Any(d => d != Math.Floor(d) || d < -1) || dims.Count(d => d == -1) > 1)
        {
            throw new ShapeException($"reshape: the shape is [], [n] or [rows, cols] of whole numbers (one may be -1), not {shape.Value}");
        }
        var known = dims.Where(d => d >= 0).Aggregate(1.0, (p, d) => p * d);
        var ints = dims.Select(d => d == -1 && known > 0 ? x.Value.Size / known : d).ToArray();
        if (ints.Aggregate(1.0, (p, d) => p * d) != x.Value.Size || ints.Any(d => d != Math.Floor(d)))
        {
            throw new ShapeException($"reshape: {x.Value.Size} values do not fit shape {shape.Value}");
        }
        return Ops.Reshape(x, ints.Select(d => (int)d).ToArray());
    }
}
