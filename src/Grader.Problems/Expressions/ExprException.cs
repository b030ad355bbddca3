namespace Grader.Problems.Expressions;

/// <summary>An expression could not be parsed or evaluated; <see cref="Location"/> says where.</summary>
public class ExprException(SourceLocation location, string message, string? hint = null) : Exception(message)
{
    public SourceLocation Location { get; } = location;
    public string? Hint { get; } = hint;

    /// <summary>What kind of error this is, carried into <see cref="SpecError.Kind"/>.</summary>
    public SpecErrorKind Kind { get; init; }

    /// <summary>The message without the expression it is about, for an error that words it again in a wider context.</summary>
    public string Reason
    {
        get => _reason ?? Message;
        init => _reason = value;
    }

    private readonly string? _reason;

    /// <summary>What the error is about (<see cref="SpecError.Subject"/>), where code needs it.</summary>
    public string? Subject { get; init; }

    public SpecError ToSpecError() => new(Location, Message, Hint) { Kind = Kind, Subject = Subject };
}

/// <summary>An expression depends on a step that already failed; its own error would only repeat that one.</summary>
public sealed class DependsOnFailedStepException(string step) : Exception($"depends on the failed step {step}")
{
    public string Step { get; } = step;
}
