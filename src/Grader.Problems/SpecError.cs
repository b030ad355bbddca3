namespace Grader.Problems;

/// <summary>One problem found in a spec, with where it is and how to fix it.</summary>
public sealed record SpecError(SourceLocation Location, string Message, string? Hint = null)
{
    /// <summary>What kind of error this is, for code that acts on it (which never reads <see cref="Message"/>).</summary>
    public SpecErrorKind Kind { get; init; }

    /// <summary>The name the error is about (the unknown name, the unbound parameter), where there is one.</summary>
    public string? Subject { get; init; }

    public override string ToString() => Format("error");

    public string Format(string severity) => Hint is null
        ? $"{Location}: {severity}: {Message}"
        : $"{Location}: {severity}: {Message}\n    hint: {Hint}";
}

/// <summary>The kinds of spec error that code tells apart; the rest are <see cref="Other"/>.</summary>
public enum SpecErrorKind
{
    Other,

    /// <summary>A name in value position that no given, step, parameter or submitted value defines.</summary>
    UnknownName,

    /// <summary>A call of a name that is neither a function of the spec nor a built-in.</summary>
    UnknownFunction,

    /// <summary>An implement part's parameter that binds to no given and to no name its answer uses.</summary>
    UnboundParameter,

    /// <summary>A gradient differentiated again with respect to something it depends on (<see cref="SpecError.Subject"/>: the call).</summary>
    SecondDerivative,
}
