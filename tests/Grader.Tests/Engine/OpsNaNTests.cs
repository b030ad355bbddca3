using Grader.Engine;

namespace Grader.Tests.Engine;

/// <summary>max and min propagate NaN as NumPy and PyTorch do (LINQ's Max skips it).</summary>
public class OpsNaNTests
{
    private static Var V(params double[] x) => Var.Leaf(Tensor.Vector(x));

    [Test]
    public void Max_OfAllElementsWithANaN_IsNaN() => Assert.That(Ops.Max(V(1, double.NaN, 3)).Value.ScalarValue, Is.NaN);

    [Test]
    public void Min_OfAllElementsWithANaN_IsNaN() => Assert.That(Ops.Min(V(1, double.NaN, -3)).Value.ScalarValue, Is.NaN);

    [Test]
    public void Max_WithANaN_SendsTheGradientToTheNaN()
    {
        var x = V(1, double.NaN, 3);
        Assert.That(Autodiff.Grad(Ops.Max(x), [x])[0].ToArray(), Is.EqualTo(new[] { 0.0, 1.0, 0.0 }));
    }

    [Test]
    public void MaxAlongAnAxis_RowWithANaN_IsNaN()
    {
        var m = Var.Leaf(Tensor.Matrix(new[,] { { 1, double.NaN }, { 2, 0 } }));
        Assert.That(Ops.ExtremeAxis(m, true, 1).Value.ToArray(), Is.EqualTo(new[] { double.NaN, 2.0 }));
    }

    [Test]
    public void Maximum_Elementwise_PropagatesNaN() =>
        Assert.That(Ops.Maximum(V(1, double.NaN), V(double.NaN, 0)).Value.ToArray(), Is.EqualTo(new[] { double.NaN, double.NaN }));

    [Test]
    public void ArgMax_WithANaN_PointsAtTheNaN() => Assert.That(Ops.ArgExtreme(V(5, double.NaN, 7), true).Value.ScalarValue, Is.EqualTo(1));
}
