using Grader.Problems.Model;

namespace Grader.Problems.Yaml;

/// <summary>A loaded problem, or the errors that kept it from loading.</summary>
public sealed record SpecLoadResult(Problem? Problem, IReadOnlyList<SpecError> Errors)
{
    public bool IsValid => Problem is not null;
}
