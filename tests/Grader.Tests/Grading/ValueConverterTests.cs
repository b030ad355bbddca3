using Grader.Protocol;
using Grader.Runtime;

namespace Grader.Tests.Grading;

/// <summary>
/// The worker's conversion of a submission's values (<see cref="ValueConverter"/>) and the wire's bound on them
/// (<see cref="ValueDto.IsWellFormed"/>): arrays of any rank up to 6, multidimensional or jagged, and what is refused.
/// </summary>
public class ValueConverterTests
{
    private static ValueDto Convert(object value)
    {
        var dto = ValueConverter.FromObject(value, out var error);
        Assert.That(error, Is.Null);
        return dto!;
    }

    private static string Refusal(object? value)
    {
        Assert.That(ValueConverter.FromObject(value, out var error), Is.Null);
        return error!;
    }

    [Test]
    public void MultidimensionalArrays_OfAnyRank_AreRowMajor()
    {
        var a = new double[2, 3, 4];
        var b = new int[1, 2, 1, 2];
        for (var k = 0; k < 24; k++)
        {
            a[k / 12, k / 4 % 3, k % 4] = k;
        }
        b[0, 1, 0, 1] = 7;

        Assert.That(Convert(a).Shape, Is.EqualTo(new[] { 2, 3, 4 }));
        Assert.That(Convert(a).Data, Is.EqualTo(Enumerable.Range(0, 24).Select(k => (double)k)));
        Assert.That(Convert(b).Shape, Is.EqualTo(new[] { 1, 2, 1, 2 }));
        Assert.That(Convert(b).Data, Is.EqualTo(new double[] { 0, 0, 0, 7 }));
        Assert.That(Convert(new double[1, 1, 1, 1, 1, 2]).Shape, Has.Length.EqualTo(6));
    }

    [Test]
    public void JaggedArrays_AreTheirShape()
    {
        var y = new[] { new[] { new[] { 1.0, 2 }, new[] { 3.0, 4 } }, new[] { new[] { 5.0, 6 }, new[] { 7.0, 8 } } };

        Assert.That(Convert(y).Shape, Is.EqualTo(new[] { 2, 2, 2 }));
        Assert.That(Convert(y).Data, Is.EqualTo(new double[] { 1, 2, 3, 4, 5, 6, 7, 8 }));
        Assert.That(Convert(new[] { new[] { 1.0, 2, 3 } }).Shape, Is.EqualTo(new[] { 1, 3 }));
        Assert.That(Convert(Array.Empty<double[][]>()).Shape, Is.EqualTo(new[] { 0, 0, 0 }));
    }

    [Test]
    public void ARaggedOrNullRow_IsNamed()
    {
        Assert.That(Refusal(new[] { new[] { 1.0, 2, 3 }, new[] { 4.0, 5 }, new[] { 6.0, 7, 8 } }),
            Is.EqualTo("the double[][] is ragged: row [1] has 2 numbers where row [0] has 3 (every row along an axis must have the same length)"));
        Assert.That(Refusal(new[] { new[] { new[] { 1.0 }, new[] { 2.0 } }, new[] { new[] { 3.0 }, new[] { 4.0, 5 } } }),
            Does.StartWith("the double[][][] is ragged: row [1][1] has 2 numbers where row [0][0] has 1"));
        Assert.That(Refusal(new[] { new[] { new[] { 1.0 } }, new[] { new[] { 2.0 }, new[] { 3.0 } } }),
            Does.StartWith("the double[][][] is ragged: [1] has 2 rows where [0] has 1"));
        Assert.That(Refusal(new[] { new[] { 1.0 }, null }), Is.EqualTo("[1] of the double[][] is null"));
    }

    [Test]
    public void MoreThanSixAxes_OrAnotherKindOfArray_IsRefused()
    {
        Assert.That(Refusal(new double[1, 1, 1, 1, 1, 1, 1]), Is.EqualTo("a double[,,,,,,] has 7 axes; a value has at most 6"));
        Assert.That(Refusal(new[] { new[] { new[] { new[] { new[] { new[] { new[] { 1.0 } } } } } } }), Does.Contain("has 7 axes"));
        Assert.That(Refusal(new[] { "a" }), Does.StartWith("a string[] cannot be graded; give a double, int, double[], double[,] or double[][], or with more axes"));
        Assert.That(Refusal(new[] { new[] { 1, 2 } }), Does.StartWith("a int[][] cannot be graded"));
    }

    [Test]
    public void Count_SumsTheRowsOfAJaggedArray_WithoutCopying()
    {
        Assert.That(ValueConverter.Count(new double[2, 3, 4]), Is.EqualTo(24));
        Assert.That(ValueConverter.Count(new[] { new[] { new[] { 1.0, 2 } }, new[] { new double[5], null! } }), Is.EqualTo(7));
        Assert.That(ValueConverter.Count(3.0), Is.EqualTo(1));
    }

    [TestCase("double[,,]", 3, typeof(double[,,]))]
    [TestCase("double[,,,]", 4, typeof(double[,,,]))]
    [TestCase("double[,,,,,]", 6, typeof(double[,,,,,]))]
    [TestCase("double[][][]", 3, typeof(double[][][]))]
    [TestCase("double[][][][][][]", 6, typeof(double[][][][][][]))]
    [TestCase("double[][]", 2, typeof(double[][]))]
    [TestCase("double[,]", 2, typeof(double[,]))]
    [TestCase("double[]", 1, typeof(double[]))]
    public void AParameter_IsMadeOfItsType_AndBack(string type, int rank, Type clr)
    {
        var shape = Enumerable.Range(2, rank).ToArray();
        var data = Enumerable.Range(0, shape.Aggregate(1, (a, b) => a * b)).Select(k => k * 0.5).ToArray();

        var made = ValueConverter.ToParameter(new ValueDto(shape, data), type);

        Assert.That(ValueConverter.ClrType(type), Is.EqualTo(clr));
        Assert.That(made, Is.TypeOf(clr));
        var back = Convert(made);
        Assert.That(back.Shape, Is.EqualTo(shape));
        Assert.That(back.Data, Is.EqualTo(data));
    }

    [TestCase("double[,][]")]
    [TestCase("double[,,,,,,]")]
    [TestCase("double[][][][][][][]")]
    [TestCase("float[,,]")]
    [TestCase("double[")]
    public void AnUnsupportedType_IsAnArgumentError(string type) =>
        Assert.That(() => ValueConverter.ClrType(type), Throws.ArgumentException);

    [TestCase(new[] { 2, 3, 4 }, 24, true)]
    [TestCase(new[] { 1, 1, 1, 1, 1, 2 }, 2, true)]
    [TestCase(new[] { 1, 1, 1, 1, 1, 1, 2 }, 2, false)]
    [TestCase(new[] { 2, 3, 4 }, 23, false)]
    [TestCase(new[] { 0, int.MaxValue, int.MaxValue, int.MaxValue }, 0, true)]
    [TestCase(new[] { int.MaxValue, int.MaxValue, int.MaxValue, int.MaxValue, int.MaxValue, int.MaxValue }, 1, false)]
    [TestCase(new[] { 2, -3, -4 }, 24, false)]
    public void AWireValue_IsWellFormed_WhenItsShapeAndDataAgree(int[] shape, int size, bool wellFormed) =>
        Assert.That(new ValueDto(shape, new double[size]).IsWellFormed(100), Is.EqualTo(wellFormed));

    [Test]
    public void AWireValue_OverTheBound_IsNotWellFormed() =>
        Assert.That(new ValueDto([2, 3, 4], new double[24]).IsWellFormed(23), Is.False);
}
