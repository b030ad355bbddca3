using Grader.Engine;

namespace Grader.Tests.Engine;

public partial class OpsGradientTests
{
    private static Var Const(params double[] values) => Var.Leaf(Tensor.Vector(values));

    private static double Probability(SeededRandom r) => r.Uniform(0.05, 0.95);

    // The ops a course needs: losses, linear algebra, selection and convolution.
    public static IEnumerable<OpCase> CourseCases() =>
    [
        new("cross_entropy indices", a => Ops.CrossEntropy(a[0], Const(2, 0, 1)), [[3, 3]]),
        new("cross_entropy one sample", a => Ops.CrossEntropy(a[0], Var.Leaf(Tensor.Scalar(1))), [[4]]),
        new("cross_entropy probabilities", a => Ops.CrossEntropy(a[0], a[1]), [[2, 3], [2, 3]]),
        new("bce_with_logits", a => Ops.BceWithLogits(a[0], a[1]), [[4], [4]]),
        new("bce", a => Ops.Bce(a[0], a[1]), [[4], [4]], Probability),
        new("diag of a vector", a => Ops.Diag(a[0]), [[3]]),
        new("diag of a matrix", a => Ops.Diag(a[0]), [[3, 2]]),
        new("inv", a => Ops.Inv(a[0]), [[3, 3]]),
        new("solve vector", a => Ops.Solve(a[0], a[1]), [[3, 3], [3]]),
        new("solve matrix", a => Ops.Solve(a[0], a[1]), [[3, 3], [3, 2]]),
        new("det", a => Ops.Det(a[0]), [[3, 3]]),
        new("det 1x1", a => Ops.Det(a[0]), [[1, 1]]),
        new("max axis 0", a => Ops.ExtremeAxis(a[0], true, 0), [[3, 4]]),
        new("min axis 1", a => Ops.ExtremeAxis(a[0], false, 1), [[3, 4]]),
        new("slice range", a => Ops.Slice(a[0], [AxisSelector.Range(1, 4)]), [[5]]),
        new("slice column", a => Ops.Slice(a[0], [AxisSelector.Range(null, null), AxisSelector.At(1)]), [[3, 2]]),
        new("slice block", a => Ops.Slice(a[0], [AxisSelector.Range(1, null), AxisSelector.Range(null, -1)]), [[3, 4]]),
        new("concat vectors", a => Ops.Concat(a), [[2], [], [3]]),
        new("concat rows", a => Ops.Concat(a), [[2, 3], [1, 3]]),
        new("concat columns", a => Ops.Concat(a, 1), [[2, 3], [2, 1]]),
        new("reshape", a => Ops.Reshape(a[0], [3, 2]), [[2, 3]]),
        new("conv1d", a => Ops.Conv1d(a[0], a[1]), [[7], [3]]),
        new("conv1d stride 2", a => Ops.Conv1d(a[0], a[1], 2), [[8], [3]]),
        new("conv1d channels", a => Ops.Conv1d(a[0], a[1]), [[2, 6], [2, 3]]),
    ];
}
