using Grader.Problems.Expressions;

namespace Grader.Problems.Model;

/// <summary>A validated problem spec.</summary>
public sealed record Problem
{
    public required string Id { get; init; }
    public required string Title { get; init; }

    /// <summary>The spec's free text (<c>description:</c>), shown on a handout.</summary>
    public string? Description { get; init; }
    public required double Points { get; init; }
    public Tolerance? Tolerance { get; init; }
    public ulong Seed { get; init; }

    /// <summary>The default share of points for error carried forward (<c>ecf:</c> at the top); null: none.</summary>
    public double? Ecf { get; init; }

    /// <summary>The student whose variant this is (null: the spec as written, before any per-student draw).</summary>
    public string? Student { get; init; }

    /// <summary>Whether some given is drawn per student.</summary>
    public bool HasVariants => Givens.Any(g => g.Draw is not null);
    public required IReadOnlyList<Given> Givens { get; init; }
    public required IReadOnlyList<Step> Steps { get; init; }

    /// <summary>The recurrences under <c>compute:</c>, already unrolled into <see cref="Steps"/> (kept for messages).</summary>
    public IReadOnlyList<Recurrence> Recurrences { get; init; } = [];
    public required IReadOnlyDictionary<string, FunctionDef> Functions { get; init; }

    /// <summary>The <c>network:</c> block in words, a line per layer and loss (empty without one): part of the statement.</summary>
    public IReadOnlyList<string> Network { get; init; } = [];
    public required IReadOnlyList<Part> Parts { get; init; }
    /// <summary>What evaluating this problem may cost (<c>limits:</c>; the defaults otherwise).</summary>
    public EvalLimits Limits { get; init; } = EvalLimits.Default;

    public required string File { get; init; }
}
