namespace Grader.Problems.Yaml;

/// <summary>
/// The ranges a spec's settings must fall in, so that none is accepted that cannot be graded right:
/// a tolerance that accepts everything, points that overflow a gradebook, a seed that does not fit a float64 exactly.
/// </summary>
internal static class SpecBounds
{
    /// <summary>float64 holds about 17 significant figures; more cannot be checked.</summary>
    public const int MaxSigfigs = 17;

    /// <summary>A relative tolerance above 1 accepts a value of twice the expected size, or zero.</summary>
    public const double MaxRel = 1;

    /// <summary>An absolute tolerance this large accepts any homework-sized answer.</summary>
    public const double MaxAbs = 1000;

    public const double MaxPoints = 10_000;

    /// <summary>Seeds are read as float64 numbers: up to 2^53 - 1 every whole number is exact.</summary>
    public const long MaxSeed = (1L << 53) - 1;

    public const int MaxCases = 10_000;

    public const int MaxUnits = 100_000;

    public const string SigfigsHint = "a tolerance in significant figures is a whole number from 1 to 17, e.g. tolerance: { sigfigs: 3 }";
    public const string RelHint = "rel is a fraction of the expected value: 0.01 accepts 1% off, e.g. tolerance: { rel: 1e-2 }";
    public const string AbsHint = "abs is added to the allowed error: a small number such as 1e-8 (the default), e.g. tolerance: { abs: 1e-6 }";
    public const string PointsHint = "points are a number from 0 to 10000, e.g. points: 5";
    public const string SeedHint = "a seed is a whole number from 0 to 9007199254740991 (2^53 - 1), e.g. seed: 7";
    public const string CountHint = "count is the number of random cases, from 1 to 10000, e.g. count: 20";
}
