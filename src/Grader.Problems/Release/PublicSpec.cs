using Grader.Engine;
using Grader.Problems.Model;

namespace Grader.Problems.Release;

/// <summary>
/// What a student may hold of a problem (<c>&lt;id&gt;.public.yaml</c> in the kit): the statement, the givens (values,
/// or how a per-student value is drawn), and for each part what it asks and the shape of the answer. Never a step, a
/// reference answer, a hidden case, a seed or a property condition; the only expected values are those of examples the
/// author marked <c>public: true</c> and <c>assign</c> found to be no part's answer (<see cref="PublicSpecBuilder"/>).
/// </summary>
public sealed record PublicSpec
{
    /// <summary>The format of the file, written as <c>public: 1</c> at its top.</summary>
    public const int FormatVersion = 1;

    public required string Id { get; init; }
    public required string Title { get; init; }
    public string? Description { get; init; }
    public required double Points { get; init; }

    /// <summary>Givens with their values, or with the draw that gives each student their own (<see cref="PublicGiven.Draw"/>).</summary>
    public required IReadOnlyList<PublicGiven> Givens { get; init; }
    public required IReadOnlyList<PublicPart> Parts { get; init; }

    /// <summary>The spec's functions as written (<c>f(x, y) = ...</c>): the statement of a calculus problem, not its steps.</summary>
    public IReadOnlyList<string> Functions { get; init; } = [];

    /// <summary>The network in words (<see cref="Problem.Network"/>).</summary>
    public IReadOnlyList<string> Network { get; init; } = [];

    /// <summary>Where it was read from (empty when built in memory).</summary>
    public string File { get; init; } = "";

    /// <summary>Whether some given is drawn per student: the check and the handout then need the student's name.</summary>
    public bool HasVariants => Givens.Any(g => g.Draw is not null);
}

/// <summary>
/// A given as a student sees it: its value, or how it is drawn for each student, or (<see cref="Shape"/> only) a value
/// the grader computes from the student's own numbers.
/// </summary>
public sealed record PublicGiven(string Name, Tensor? Value, VariantDraw? Draw, int[] Shape);

/// <summary>One part as a student sees it.</summary>
public sealed record PublicPart
{
    public required string Id { get; init; }
    public required PartKind Kind { get; init; }
    public required double Points { get; init; }
    public string? Prompt { get; init; }
    public bool Hidden { get; init; }

    /// <summary>A value part's answer shape; an implement part's result shape at the given values (null: not known).</summary>
    public int[]? Shape { get; init; }

    public MethodSignature? Implement { get; init; }

    /// <summary>Implement parts: the examples published with their expected values.</summary>
    public IReadOnlyList<PublicExample> Examples { get; init; } = [];

    /// <summary>Property parts: the names the student submits and their shapes.</summary>
    public IReadOnlyList<KeyValuePair<string, int[]>> Submit { get; init; } = [];
}

/// <summary>An implement part's public example: inputs in parameter order, the engine's answer, the tolerance it is checked with.</summary>
public sealed record PublicExample(IReadOnlyList<KeyValuePair<string, Tensor>> Inputs, Tensor Expected, Tolerance Tolerance);
