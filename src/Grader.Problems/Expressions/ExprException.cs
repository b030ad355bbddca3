namespace Grader.Problems.Expressions;

/// <summary>An expression could not be parsed or evaluated; <see cref="Location"/> says where.</summary>
public class ExprException(SourceLocation location, string message, string? hint = null) : Exception(message)
{
    public SourceLocation Location { get; } = location;
    public string? Hint { get; } = hint;

    public SpecError ToSpecError() => new(Location, Message, Hint);
}

/// <summary>An expression depends on a step that already failed; its own error would only repeat that one.</summary>
public sealed class DependsOnFailedStepException(string step) : Exception($"depends on the failed step {step}")
{
    public string Step { get; } = step;
}
