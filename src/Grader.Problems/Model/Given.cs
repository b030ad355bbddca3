using Grader.Engine;
using Grader.Problems.Expressions;

namespace Grader.Problems.Model;

/// <summary>A named input value: a literal from the YAML, or an expression (which may draw random values).</summary>
public sealed record Given(string Name, Tensor? Literal, Expr? Expression, SourceLocation Location)
{
    /// <summary>A value drawn for each student (<c>{ normal: [0, 0.1], shape: [3, 3], round: 2 }</c>); null for a value shared by all.</summary>
    public VariantDraw? Draw { get; init; }
}

/// <summary>
/// How a per-student given is drawn: <paramref name="Kind"/> is normal (mean, std), uniform (low, high) or randint
/// (low, high: whole numbers in [low, high)); rounded to <paramref name="Round"/> decimals when set.
/// </summary>
public sealed record VariantDraw(string Kind, double A, double B, int[] Shape, int? Round);
