using Grader.Engine;

namespace Grader.Tests.Engine;

/// <summary>Closed forms, shapes, and the conventions at kinks.</summary>
public class OpsValueTests
{
    private static Var V(params double[] x) => Var.Leaf(Tensor.Vector(x));
    private static Var S(double x) => Var.Leaf(Tensor.Scalar(x));
    private static Var M(double[,] x) => Var.Leaf(Tensor.Matrix(x));

    [Test]
    public void Sigmoid_AtZeroAndExtremes_IsExactAndFinite()
    {
        var y = Ops.Sigmoid(V(0, 800, -800)).Value;
        Assert.That(y.ToArray(), Is.EqualTo(new[] { 0.5, 1.0, 0.0 }));
    }

    [Test]
    public void Softmax_Rows_SumToOne_AndIsShiftInvariant()
    {
        var y = Ops.Softmax(M(new double[,] { { 1, 2, 3 }, { 1000, 1001, 1002 } })).Value;
        Assert.That(y[0] + y[1] + y[2], Is.EqualTo(1).Within(1e-15));
        Assert.That(y[3], Is.EqualTo(y[0]).Within(1e-15));
    }

    [Test]
    public void LogSoftmax_EqualsLogOfSoftmax()
    {
        var x = V(0.3, -1.2, 2.5);
        var a = Ops.LogSoftmax(x).Value;
        var b = Ops.Log(Ops.Softmax(x)).Value;
        Assert.That(a.ToArray(), Is.EqualTo(b.ToArray()).Within(1e-14));
    }

    [TestCase(new[] { 2, 3 }, new[] { 3, 4 }, new[] { 2, 4 })]
    [TestCase(new[] { 2, 3 }, new[] { 3 }, new[] { 2 })]
    [TestCase(new[] { 3 }, new[] { 3, 4 }, new[] { 4 })]
    [TestCase(new[] { 3 }, new[] { 3 }, new int[0])]
    public void MatMul_Shapes(int[] a, int[] b, int[] expected)
    {
        var y = Ops.MatMul(Var.Leaf(Tensor.Zeros(a)), Var.Leaf(Tensor.Zeros(b))).Value;
        Assert.That(y.Shape, Is.EqualTo(expected));
    }

    [Test]
    public void MatMul_InnerMismatch_NamesBothShapes()
    {
        var ex = Assert.Throws<ShapeException>(() => Ops.MatMul(Var.Leaf(Tensor.Zeros([3, 3])), Var.Leaf(Tensor.Zeros([2]))));
        Assert.That(ex!.Message, Does.Contain("[3, 3] @ [2]"));
    }

    [Test]
    public void Add_VectorToMatrix_AddsToEachRow()
    {
        var y = Ops.Add(M(new double[,] { { 1, 2 }, { 3, 4 } }), V(10, 20)).Value;
        Assert.That(y.ToArray(), Is.EqualTo(new double[] { 11, 22, 13, 24 }));
    }

    [Test]
    public void Add_IncompatibleShapes_Throws() =>
        Assert.Throws<ShapeException>(() => Ops.Add(Var.Leaf(Tensor.Zeros([3, 2])), V(1, 2, 3)));

    [Test]
    public void Augment_PrependsOnes()
    {
        Assert.That(Ops.Augment(V(5, 6)).Value.ToArray(), Is.EqualTo(new double[] { 1, 5, 6 }));
        Assert.That(Ops.Augment(M(new double[,] { { 2 }, { 3 } })).Value.ToArray(), Is.EqualTo(new double[] { 1, 2, 1, 3 }));
    }

    // Kinks: PyTorch's subgradients.
    [Test]
    public void Relu_AtZero_GradientIsZero() => Assert.That(GradAt(x => Ops.Relu(x), 0), Is.EqualTo(0));

    [Test]
    public void Abs_AtZero_GradientIsZero() => Assert.That(GradAt(Ops.Abs, 0), Is.EqualTo(0));

    [Test]
    public void Norm_AtZeroVector_GradientIsZero()
    {
        var x = V(0, 0);
        Assert.That(Autodiff.Grad(Ops.Norm(x), [x])[0].ToArray(), Is.EqualTo(new double[] { 0, 0 }));
    }

    [Test]
    public void Max_Ties_SplitTheGradientEqually()
    {
        var x = V(3, 1, 3, 3);
        Assert.That(Autodiff.Grad(Ops.Max(x), [x])[0].ToArray(), Is.EqualTo(new[] { 1 / 3.0, 0, 1 / 3.0, 1 / 3.0 }));
    }

    [Test]
    public void Maximum_Tie_SplitsHalfEach()
    {
        var a = S(2);
        var b = S(2);
        var g = Autodiff.Grad(Ops.Maximum(a, b), [a, b]);
        Assert.That(new[] { g[0][0], g[1][0] }, Is.EqualTo(new[] { 0.5, 0.5 }));
    }

    [Test]
    public void Pow_ZeroBase_ExponentGradientIsZeroNotNaN()
    {
        var a = S(0);
        var b = S(2);
        Assert.That(Autodiff.Grad(Ops.Pow(a, b), [b])[0][0], Is.EqualTo(0));
    }

    private static double GradAt(Func<Var, Var> f, double x)
    {
        var v = S(x);
        return Autodiff.Grad(f(v), [v])[0][0];
    }

    [Test]
    public void Grad_OfIntermediate_IsTheUpstreamGradient()
    {
        // L = sum(z^2) with z = 3x: dL/dz = 2z, whatever produced z.
        var x = V(1, 2);
        var z = Ops.Mul(S(3), x);
        var L = Ops.Sum(Ops.Mul(z, z));
        Assert.That(Autodiff.Grad(L, [z])[0].ToArray(), Is.EqualTo(new double[] { 6, 12 }));
    }

    [Test]
    public void Grad_ReusedNode_AccumulatesBothPaths()
    {
        var x = S(3);
        var y = Ops.Mul(x, x);
        Assert.That(Autodiff.Grad(y, [x])[0][0], Is.EqualTo(6));
    }

    [Test]
    public void Grad_NonScalar_Throws() =>
        Assert.Throws<ShapeException>(() => Autodiff.Grad(V(1, 2), [V(1)]));

    [Test]
    public void Jacobian_RowsAreOutputs_ColumnsAreInputs()
    {
        // F(x, y) = [x^2 + 2y, 3x + 4y^2] at (1, 2): [[2, 2], [3, 16]]
        var x = S(1);
        var y = S(2);
        var F = Ops.Stack([Ops.Add(Ops.Mul(x, x), Ops.Mul(S(2), y)), Ops.Add(Ops.Mul(S(3), x), Ops.Mul(S(4), Ops.Mul(y, y)))]);
        var J = Autodiff.Jacobian(F, [x, y]);
        Assert.That(J.Shape, Is.EqualTo(new[] { 2, 2 }));
        Assert.That(J.ToArray(), Is.EqualTo(new double[] { 2, 2, 3, 16 }));
    }

    [Test]
    public void Grad_ThroughAGradientOfTheSameVariable_IsRefused()
    {
        var x = S(2);
        var g = Var.Derivative(Autodiff.Grad(Ops.Mul(x, x), [x])[0], [x]);
        var ex = Assert.Throws<SecondDerivativeException>(() => Autodiff.Grad(Ops.Mul(g, x), [x]));
        Assert.That(ex!.Message, Does.Contain("second derivative"));
    }

    [Test]
    public void Grad_DeepChain_DoesNotOverflowTheStack()
    {
        var x = S(1);
        var y = x;
        for (var i = 0; i < 100_000; i++)
        {
            y = Ops.Add(y, S(0));
        }
        Assert.That(Autodiff.Grad(y, [x])[0][0], Is.EqualTo(1));
    }
}
