using Grader.Engine;
using Grader.Problems.Feedback;
using Grader.Problems.Model;

namespace Grader.Problems.Solving;

/// <summary>One call of an implement part: the inputs in parameter order and the engine's answer.</summary>
public sealed record ReferenceCase(int Index, IReadOnlyList<KeyValuePair<string, Tensor>> Inputs, Tensor Expected, bool Hidden, Tolerance Tolerance)
{
    /// <summary>With <c>subgradient: any</c>: the least and greatest accepted value of each element (else null).</summary>
    public SubgradientBounds? Bounds { get; init; }
}
