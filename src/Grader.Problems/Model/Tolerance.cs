using System.Globalization;

namespace Grader.Problems.Model;

/// <summary>
/// When a student's value counts as equal to the expected one.
/// rel/abs: |got - expected| &lt;= abs + rel * |expected| (numpy.isclose, expected on the right).
/// sigfigs d: |got - expected| &lt;= 0.51 * 10^(floor(log10|expected|) - d + 1); for expected = 0 the exponent is taken as 0,
/// and so it is for an expected value under <see cref="RoundOffZero"/> in magnitude: float64's round-off of a value that
/// is 0 in exact arithmetic (0.3 * 1 - 0.2 * 2 + 0.1 is 2.8e-17), which a student who rounds by hand writes as 0.
/// </summary>
public sealed record Tolerance(double Rel, double Abs, int? Sigfigs = null)
{
    public const double DefaultRel = 1e-2;
    public const double DefaultAbs = 1e-8;

    public static readonly Tolerance Default = new(DefaultRel, DefaultAbs);

    /// <summary>Under this, an expected value is taken as 0 by <c>sigfigs</c> (as <c>abs</c>'s default of 1e-8 already does).</summary>
    public const double RoundOffZero = 1e-12;

    public double Allowed(double expected)
    {
        if (Sigfigs is { } d)
        {
            var magnitude = Math.Abs(expected) < RoundOffZero || !double.IsFinite(expected) ? 0 : Math.Floor(Math.Log10(Math.Abs(expected)));
            return 0.51 * Math.Pow(10, magnitude - d + 1);
        }
        return Abs + Rel * Math.Abs(expected);
    }

    public bool Accepts(double got, double expected)
    {
        if (double.IsNaN(expected))
        {
            return double.IsNaN(got);
        }
        if (double.IsInfinity(expected))
        {
            return got == expected;
        }
        return double.IsFinite(got) && Math.Abs(got - expected) <= Allowed(expected);
    }

    public override string ToString() => Sigfigs is { } d
        ? $"{d} significant figures"
        : string.Create(CultureInfo.InvariantCulture, $"rel {Rel:G3}, abs {Abs:G3}");
}
