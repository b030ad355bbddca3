using Grader.Problems.Expressions;

namespace Grader.Problems.Model;

/// <summary>A named computation step; steps run in order and may use givens and earlier steps.</summary>
public sealed record Step(string Name, Expr Expression, SourceLocation Location)
{
    /// <summary>The recurrence that made this step (an iterate, a last iterate, a stack); null for a step written as a formula or made by a network.</summary>
    public StepOrigin? Origin { get; init; }
}
