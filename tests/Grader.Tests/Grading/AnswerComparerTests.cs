using Grader.Engine;
using Grader.Grading;
using Grader.Problems.Model;
using Grader.Protocol;

namespace Grader.Tests.Grading;

public class AnswerComparerTests
{
    private static readonly Tolerance Rel = Tolerance.Default;

    private static Comparison Compare(Tensor expected, int[] shape, double[] data, Tolerance? tol = null, bool reveal = true) =>
        AnswerComparer.Compare(expected, new ValueDto(shape, data), tol ?? Rel, reveal);

    [TestCase(new int[0], new[] { 1 }, true, TestName = "Compare_ScalarAsOneElementVector_Fits")]
    [TestCase(new[] { 3 }, new[] { 3, 1 }, true, TestName = "Compare_VectorAsColumn_Fits")]
    [TestCase(new[] { 3 }, new[] { 1, 3 }, true, TestName = "Compare_VectorAsRow_Fits")]
    [TestCase(new[] { 3, 1 }, new[] { 3 }, true, TestName = "Compare_ColumnAsVector_Fits")]
    [TestCase(new[] { 3, 1 }, new[] { 1, 3 }, false, TestName = "Compare_ColumnAsRow_DoesNotFit")]
    [TestCase(new[] { 2, 2 }, new[] { 4 }, false, TestName = "Compare_MatrixAsFlatVector_DoesNotFit")]
    public void Compare_ShapeRules(int[] expectedShape, int[] gotShape, bool fits)
    {
        var size = expectedShape.Aggregate(1, (a, b) => a * b);
        var data = Enumerable.Range(1, size).Select(i => (double)i).ToArray();
        var result = Compare(new Tensor(expectedShape, data), gotShape, data);
        Assert.That(result.Passed, Is.EqualTo(fits), result.Feedback);
        if (!fits)
        {
            Assert.That(result.Feedback, Does.StartWith("expected shape"));
        }
    }

    [TestCase(100.0, 101.0, true)]
    [TestCase(100.0, 101.1, false)]
    [TestCase(0.0, 1e-9, true)]
    [TestCase(0.0, 1e-7, false)]
    public void Compare_RelAbs_IsNumpyIsClose(double expected, double got, bool passes) =>
        Assert.That(Compare(Tensor.Scalar(expected), [], [got]).Passed, Is.EqualTo(passes));

    [TestCase(0.52248, 0.522, 3, true)]
    [TestCase(0.52248, 0.523, 3, false)]
    [TestCase(0.52248, 0.521, 3, false)]
    [TestCase(281.70005, 282, 3, true)]
    [TestCase(281.70005, 281, 3, false)]
    [TestCase(0.0, 0.04, 2, true)]
    [TestCase(-2.7755575615628914e-17, 0.0, 3, true)]
    [TestCase(5.551115123125783e-17, 0.0, 1, true)]
    [TestCase(-2.7755575615628914e-17, 0.01, 3, false)]
    [TestCase(1.234e-9, 1.23e-9, 3, true)]
    [TestCase(1.234e-9, 1.3e-9, 3, false)]
    [TestCase(1.234e-9, 0.0, 3, false)]
    public void Compare_Sigfigs_AcceptsCorrectRounding(double expected, double got, int sigfigs, bool passes) =>
        Assert.That(Compare(Tensor.Scalar(expected), [], [got], new Tolerance(0, 0, sigfigs)).Passed, Is.EqualTo(passes));

    [Test]
    public void Compare_NaN_IsNeverCorrect() =>
        Assert.That(Compare(Tensor.Scalar(1), [], [double.NaN]).Passed, Is.False);

    [Test]
    public void Compare_Wrong_NamesTheWorstElement()
    {
        var r = Compare(Tensor.Vector(1, 2, 3), [3], [1, 2.5, 3.01]);
        Assert.That(r.Feedback, Does.Contain("1 of 3 values are off; worst at [1]: got 2.5, expected 2"));
    }

    [Test]
    public void Compare_Hidden_NeverShowsTheExpectedValue()
    {
        var r = Compare(Tensor.Vector(1.2345, 2), [2], [7, 8], reveal: false);
        Assert.That(r.Passed, Is.False);
        Assert.That(r.Feedback, Does.Not.Contain("1.2345").And.Not.Contain("expected"));
    }

    [Test]
    public void Compare_ConstantFactor_GuessesNoCause()
    {
        // A constant ratio is often a coincidence of the numbers (sigma for sigma' gave "2.09 times"): the comparer
        // names no cause; the mistake diagnosis re-evaluates the spec instead (FeedbackTests).
        var r = Compare(Tensor.Vector(2, 4, -6), [3], [1, 2, -3]);
        Assert.That(r.Feedback, Does.Not.Contain("times the right one").And.Not.Contain("check the loss scaling"));
        Assert.That(r.Feedback, Does.EndWith("(error 3 > allowed 0.06)"));
    }

    [Test]
    public void Compare_ScalarOffByArbitraryRatio_IsNotCalledAFactor() =>
        Assert.That(Compare(Tensor.Scalar(281.7), [], [271.7]).Feedback, Does.Not.Contain("times the right one"));
}
