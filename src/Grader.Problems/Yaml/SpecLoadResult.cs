using Grader.Problems.Model;

namespace Grader.Problems.Yaml;

/// <summary>A loaded problem, or the errors that kept it from loading.</summary>
public sealed record SpecLoadResult(Problem? Problem, IReadOnlyList<SpecError> Errors)
{
    /// <summary>What evaluates but looks like a mistake; a spec with warnings is still valid.</summary>
    public IReadOnlyList<SpecError> Warnings { get; init; } = [];

    public bool IsValid => Problem is not null;
}
