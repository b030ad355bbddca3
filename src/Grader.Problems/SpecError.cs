namespace Grader.Problems;

/// <summary>One problem found in a spec, with where it is and how to fix it.</summary>
public sealed record SpecError(SourceLocation Location, string Message, string? Hint = null)
{
    public override string ToString() => Format("error");

    public string Format(string severity) => Hint is null
        ? $"{Location}: {severity}: {Message}"
        : $"{Location}: {severity}: {Message}\n    hint: {Hint}";
}
