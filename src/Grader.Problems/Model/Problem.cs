using Grader.Problems.Expressions;

namespace Grader.Problems.Model;

/// <summary>A validated problem spec.</summary>
public sealed record Problem
{
    public required string Id { get; init; }
    public required string Title { get; init; }
    public required double Points { get; init; }
    public Tolerance? Tolerance { get; init; }
    public ulong Seed { get; init; }
    public required IReadOnlyList<Given> Givens { get; init; }
    public required IReadOnlyList<Step> Steps { get; init; }
    public required IReadOnlyDictionary<string, FunctionDef> Functions { get; init; }
    public required IReadOnlyList<Part> Parts { get; init; }
    public required string File { get; init; }
}
