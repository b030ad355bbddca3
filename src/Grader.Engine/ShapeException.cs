namespace Grader.Engine;

/// <summary>An operation was given operands whose shapes do not fit together.</summary>
public sealed class ShapeException(string message) : Exception(message);
