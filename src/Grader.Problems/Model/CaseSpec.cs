using Grader.Problems.Expressions;

namespace Grader.Problems.Model;

/// <summary>One entry of an implement part's <c>cases:</c> list.</summary>
public abstract record CaseSpec(bool Hidden, Tolerance? Tolerance, SourceLocation Location)
{
    /// <summary>
    /// <c>public: true</c>: the author publishes this case as an example in the student's kit (its inputs and the
    /// engine's answer), unless its answer equals some part's answer (then <c>assign</c> holds it back and says so).
    /// </summary>
    public bool Public { get; init; }
}

/// <summary>The spec's own given values (<c>- given</c>).</summary>
public sealed record GivenCase(bool Hidden, Tolerance? Tolerance, SourceLocation Location) : CaseSpec(Hidden, Tolerance, Location);

/// <summary><c>count</c> cases drawn from seeded generators; names not listed keep their given values.</summary>
public sealed record RandomCases(int Count, ulong Seed, IReadOnlyList<KeyValuePair<string, Expr>> Generators, bool Hidden, Tolerance? Tolerance, SourceLocation Location)
    : CaseSpec(Hidden, Tolerance, Location);

/// <summary>One case with values written out (<c>- values: { x: 3 }</c>).</summary>
public sealed record ValuesCase(IReadOnlyList<KeyValuePair<string, Expr>> Values, bool Hidden, Tolerance? Tolerance, SourceLocation Location)
    : CaseSpec(Hidden, Tolerance, Location);
