using Grader.Problems.Expressions;

namespace Grader.Problems.Model;

/// <summary>One graded part of a problem.</summary>
public sealed record Part
{
    public required string Id { get; init; }
    public string? Prompt { get; init; }
    public required double Points { get; init; }
    public Tolerance? Tolerance { get; init; }
    public required PartKind Kind { get; init; }

    /// <summary>The reference answer (absent for property parts).</summary>
    public Expr? Answer { get; init; }

    /// <summary>Values that override givens for this part only (<c>at: { x: 2 }</c>).</summary>
    public IReadOnlyList<KeyValuePair<string, Expr>> At { get; init; } = [];

    public MethodSignature? Implement { get; init; }
    public IReadOnlyList<CaseSpec> Cases { get; init; } = [];

    /// <summary>Property parts: the names the student submits and their shapes.</summary>
    public IReadOnlyList<KeyValuePair<string, int[]>> Submit { get; init; } = [];

    /// <summary>Property parts: conditions that must all hold (nonzero everywhere).</summary>
    public IReadOnlyList<Expr> Require { get; init; } = [];

    /// <summary>Implement parts: full points only when every case passes.</summary>
    public bool AllOrNothing { get; init; }

    /// <summary>
    /// <c>subgradient: any</c>: at kinks (relu, abs, hinge, max, min) any value between the left and the right
    /// derivative is accepted, element by element, rather than PyTorch's choice alone.
    /// </summary>
    public bool AnySubgradient { get; init; }

    /// <summary>Mistakes the spec's author names for this part, besides the built-in catalogue.</summary>
    public IReadOnlyList<AuthorMistake> Mistakes { get; init; } = [];

    /// <summary>The share of the points given when the answer follows from the student's own wrong earlier answers (null: the spec's default).</summary>
    public double? Ecf { get; init; }

    /// <summary>When Gradescope shows this part (<c>visibility:</c> hidden, after_due_date, after_published, visible); null: the default.</summary>
    public string? Visibility { get; init; }

    /// <summary>A hidden part's expected value never appears in a report a student sees.</summary>
    public bool Hidden { get; init; }

    public required SourceLocation Location { get; init; }
}
