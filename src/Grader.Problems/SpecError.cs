namespace Grader.Problems;

/// <summary>One problem found in a spec, with where it is and how to fix it.</summary>
public sealed record SpecError(SourceLocation Location, string Message, string? Hint = null)
{
    public override string ToString() => Hint is null
        ? $"{Location}: error: {Message}"
        : $"{Location}: error: {Message}\n    hint: {Hint}";
}
