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
    [TestCase(new[] { 2, 3, 4 }, new[] { 2, 3, 4 }, true, TestName = "Compare_Rank3_OfItsShape_Fits")]
    [TestCase(new[] { 2, 3, 4 }, new[] { 24 }, false, TestName = "Compare_Rank3AsFlatVector_DoesNotFit")]
    [TestCase(new[] { 2, 3, 4 }, new[] { 6, 4 }, false, TestName = "Compare_Rank3AsMatrix_DoesNotFit")]
    [TestCase(new[] { 2, 3, 4 }, new[] { 1, 2, 3, 4 }, false, TestName = "Compare_Rank3WithAnAxisOfOne_DoesNotFit")]
    [TestCase(new[] { 1, 1, 5 }, new[] { 5 }, false, TestName = "Compare_Rank3OfOneRow_AsVector_DoesNotFit")]
    [TestCase(new[] { 5 }, new[] { 1, 1, 5 }, false, TestName = "Compare_VectorAsRank3_DoesNotFit")]
    [TestCase(new int[0], new[] { 1, 1, 1 }, false, TestName = "Compare_ScalarAsRank3_DoesNotFit")]
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

    [TestCase(new[] { 24 }, " (a value with 3 axes is given with all 3: a double[,,] or double[][][] shaped [2, 3, 4], not flattened or reshaped)")]
    [TestCase(new[] { 6, 4 }, " (a value with 3 axes is given with all 3: a double[,,] or double[][][] shaped [2, 3, 4], not flattened or reshaped)")]
    [TestCase(new[] { 2, 4, 3 }, " (the last two axes swapped? each block [..., i, j] is rows i, columns j)")]
    [TestCase(new[] { 2, 3 }, " (a value with 3 axes is given with all 3: a double[,,] or double[][][] shaped [2, 3, 4])")]
    public void Compare_Rank3OfAnotherShape_NamesBothShapes(int[] gotShape, string hint)
    {
        var data = new double[gotShape.Aggregate(1, (a, b) => a * b)];
        var result = Compare(new Tensor([2, 3, 4], new double[24]), gotShape, data);
        Assert.That(result.Passed, Is.False);
        Assert.That(result.Feedback, Is.EqualTo($"expected shape [2, 3, 4], got {Tensor.FormatShape(gotShape)}{hint}"));
    }

    [Test]
    public void Compare_Rank4Wrong_NamesTheFullIndexOfTheWorstElement()
    {
        var expected = new Tensor([2, 3, 4, 5], new double[120]);
        var got = new double[120];
        got[27] = 1;
        got[80] = 0.5;
        Assert.That(Compare(expected, [2, 3, 4, 5], got).Feedback, Does.StartWith("2 of 120 values are off; worst at [0, 1, 1, 2]: got 1, expected 0"));
        got[27] = double.NaN;
        Assert.That(Compare(expected, [2, 3, 4, 5], got).Feedback, Does.StartWith("1 of 120 values, first at [0, 1, 1, 2], are not finite (NaN)"));
    }

    [Test]
    public void Compare_MatrixMessages_AreAsBefore()
    {
        Assert.That(Compare(Tensor.Matrix(new double[,] { { 1, 2, 3 }, { 4, 5, 6 } }), [3, 2], [1, 4, 2, 5, 3, 6]).Feedback,
            Is.EqualTo("expected shape [2, 3], got [3, 2] (transposed? rows and columns are swapped)"));
        Assert.That(Compare(Tensor.Matrix(new double[,] { { 1, 2 }, { 3, 4 } }), [4], [1, 2, 3, 4]).Feedback,
            Is.EqualTo("expected shape [2, 2], got [4] (a matrix is rows of the outer index: row i = output or sample i)"));
        Assert.That(Compare(Tensor.Vector(1, 2, 3, 4), [2, 2], [1, 2, 3, 4]).Feedback, Is.EqualTo("expected shape [4], got [2, 2]"));
        Assert.That(Compare(Tensor.Matrix(new double[,] { { 1, 2, 3 }, { 4, 5, 6 } }), [2, 3], [1, 2, 3, 4, 5, 7]).Feedback,
            Does.StartWith("1 of 6 values are off; worst at [1, 2]: got 7, expected 6"));
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
