using Grader.Engine;

namespace Grader.Tests.Engine;

/// <summary>Every op's backward rule against central finite differences, on random inputs away from kinks.</summary>
public partial class OpsGradientTests
{
    public sealed record OpCase(string Name, Func<Var[], Var> Op, int[][] Shapes, Func<SeededRandom, double>? Draw = null)
    {
        public override string ToString() => Name;
    }

    private static double Normal(SeededRandom r) => r.Normal(0, 1);

    private static double Positive(SeededRandom r) => r.Uniform(0.5, 2);

    // Values at least 0.1 away from 0, so relu, abs and sign are differentiable there.
    private static double AwayFromZero(SeededRandom r) => (r.NextDouble() < 0.5 ? -1 : 1) * r.Uniform(0.1, 2);

    public static IEnumerable<OpCase> Cases() =>
    [
        new("add matrix+vector", a => Ops.Add(a[0], a[1]), [[3, 2], [2]]),
        new("add scalar+matrix", a => Ops.Add(a[0], a[1]), [[], [2, 3]]),
        new("sub", a => Ops.Sub(a[0], a[1]), [[3], [3]]),
        new("mul broadcast", a => Ops.Mul(a[0], a[1]), [[2, 3], [3]]),
        new("div", a => Ops.Div(a[0], a[1]), [[3], [3]], Positive),
        new("pow", a => Ops.Pow(a[0], a[1]), [[3], [3]], Positive),
        new("pow scalar exponent", a => Ops.Pow(a[0], a[1]), [[2, 2], []], Positive),
        new("maximum", a => Ops.Maximum(a[0], a[1]), [[4], [4]]),
        new("minimum", a => Ops.Minimum(a[0], a[1]), [[4], [4]]),
        new("neg", a => Ops.Neg(a[0]), [[3]]),
        new("sigmoid", a => Ops.Sigmoid(a[0]), [[2, 3]]),
        new("relu", a => Ops.Relu(a[0]), [[5]], AwayFromZero),
        new("tanh", a => Ops.Tanh(a[0]), [[4]]),
        new("exp", a => Ops.Exp(a[0]), [[4]]),
        new("log", a => Ops.Log(a[0]), [[4]], Positive),
        new("abs", a => Ops.Abs(a[0]), [[5]], AwayFromZero),
        new("sqrt", a => Ops.Sqrt(a[0]), [[4]], Positive),
        new("sum", a => Ops.Sum(a[0]), [[2, 3]]),
        new("mean", a => Ops.Mean(a[0]), [[2, 3]]),
        new("sum axis 0", a => Ops.SumAxis(a[0], 0), [[3, 2]]),
        new("mean axis 1", a => Ops.MeanAxis(a[0], 1), [[3, 2]]),
        new("max", a => Ops.Max(a[0]), [[5]]),
        new("min", a => Ops.Min(a[0]), [[2, 3]]),
        new("norm", a => Ops.Norm(a[0]), [[4]]),
        new("softmax vector", a => Ops.Softmax(a[0]), [[4]]),
        new("softmax rows", a => Ops.Softmax(a[0]), [[3, 4]]),
        new("log_softmax rows", a => Ops.LogSoftmax(a[0]), [[2, 3]]),
        new("matmul matrix@matrix", a => Ops.MatMul(a[0], a[1]), [[2, 3], [3, 4]]),
        new("matmul matrix@vector", a => Ops.MatMul(a[0], a[1]), [[2, 3], [3]]),
        new("matmul vector@matrix", a => Ops.MatMul(a[0], a[1]), [[3], [3, 2]]),
        new("matmul vector@vector", a => Ops.MatMul(a[0], a[1]), [[3], [3]]),
        new("transpose", a => Ops.Transpose(a[0]), [[2, 3]]),
        new("augment matrix", a => Ops.Augment(a[0]), [[3, 2]]),
        new("augment vector", a => Ops.Augment(a[0]), [[3]]),
        new("dot", a => Ops.Dot(a[0], a[1]), [[4], [4]]),
        new("outer", a => Ops.Outer(a[0], a[1]), [[3], [2]]),
        new("stack scalars", a => Ops.Stack(a), [[], [], []]),
        new("stack rows", a => Ops.Stack(a), [[3], [3]]),
        new("index row", a => Ops.Index(a[0], 1), [[3, 2]]),
        new("index element", a => Ops.Index(a[0], -1), [[4]]),
        new("composite: sigmoid(X @ W^T + b)", a => Ops.Sigmoid(Ops.Add(Ops.MatMul(a[0], Ops.Transpose(a[1])), a[2])), [[4, 2], [3, 2], [3]]),
    ];

    [TestCaseSource(nameof(Cases))]
    [TestCaseSource(nameof(CourseCases))]
    public void Backward_MatchesCentralDifferences(OpCase c)
    {
        var random = new SeededRandom(42);
        var draw = c.Draw ?? Normal;
        var inputs = c.Shapes.Select(s => Rand(s, random, draw)).ToArray();
        // Project the output onto fixed random weights R, so every output element contributes to one scalar.
        var probe = c.Op(inputs.Select(Var.Leaf).ToArray()).Value;
        var weights = Rand(probe.ShapeArray, random, Normal);
        double Scalar(Tensor[] xs) => Dot(c.Op(xs.Select(Var.Leaf).ToArray()).Value, weights);

        var leaves = inputs.Select(Var.Leaf).ToArray();
        var output = Ops.Sum(Ops.Mul(c.Op(leaves), Var.Leaf(weights)));
        var analytic = Autodiff.Grad(output, leaves);

        for (var k = 0; k < inputs.Length; k++)
        {
            for (var i = 0; i < inputs[k].Size; i++)
            {
                const double h = 1e-6;
                var plus = Perturb(inputs, k, i, h);
                var minus = Perturb(inputs, k, i, -h);
                var numeric = (Scalar(plus) - Scalar(minus)) / (2 * h);
                var a = analytic[k][i];
                var error = Math.Abs(a - numeric) / Math.Max(1, Math.Abs(numeric));
                Assert.That(error, Is.LessThan(1e-6), $"{c.Name}: input {k} element {i}: analytic {a}, numeric {numeric}");
            }
        }
    }

    /// <summary>
    /// Backward skips the work for inputs no variable asked for lies behind (a matrix product's data side): asking
    /// for one input alone gives, bit for bit, what asking for all of them gives for it, and the others' products
    /// are never read.
    /// </summary>
    [TestCaseSource(nameof(Cases))]
    [TestCaseSource(nameof(CourseCases))]
    public void Backward_ForOneInputAlone_IsWhatAllInputsGiveForIt(OpCase c)
    {
        var random = new SeededRandom(7);
        var draw = c.Draw ?? Normal;
        var leaves = c.Shapes.Select(s => Var.Leaf(Rand(s, random, draw))).ToArray();
        var output = Ops.Sum(Ops.Mul(c.Op(leaves), c.Op(leaves)));
        var all = Autodiff.Grad(output, leaves);
        for (var k = 0; k < leaves.Length; k++)
        {
            var alone = Autodiff.Grad(output, [leaves[k]]);
            Assert.That(alone[0].ToArray(), Is.EqualTo(all[k].ToArray()), $"{c.Name}: input {k}");
        }
    }

    private static Tensor Rand(int[] shape, SeededRandom r, Func<SeededRandom, double> draw)
    {
        var size = shape.Aggregate(1, (a, b) => a * b);
        return new Tensor(shape, Enumerable.Range(0, size).Select(_ => draw(r)).ToArray());
    }

    private static Tensor[] Perturb(Tensor[] xs, int k, int i, double h)
    {
        var copy = (Tensor[])xs.Clone();
        var data = xs[k].ToArray();
        data[i] += h;
        copy[k] = new Tensor([.. xs[k].Shape], data);
        return copy;
    }

    private static double Dot(Tensor a, Tensor b) => Enumerable.Range(0, a.Size).Sum(i => a[i] * b[i]);
}
