using Grader.Engine;
using Grader.Problems.Feedback;
using Grader.Problems.Model;

namespace Grader.Problems.Solving;

/// <summary>The engine's answer to one part: a value, a list of cases, or nothing (property parts).</summary>
public sealed record PartSolution(Part Part, Tensor? Expected, IReadOnlyList<ReferenceCase> Cases, Tolerance Tolerance)
{
    /// <summary>With <c>subgradient: any</c>: the least and greatest accepted value of each element (else null).</summary>
    public SubgradientBounds? Bounds { get; init; }

    /// <summary>What solve prints: the value, the first case's value for an implement part, null for a property part.</summary>
    public Tensor? Shown => Part.Kind switch
    {
        PartKind.Answer => Expected,
        PartKind.Implement => Cases.Count > 0 ? Cases[0].Expected : null,
        _ => null,
    };
}
