namespace Grader.Engine;

/// <summary>An operation was given operands whose shapes do not fit together.</summary>
public sealed class ShapeException(string message) : Exception(message);

/// <summary>A gradient differentiated with respect to a variable it depends on: the engine computes first derivatives only.</summary>
public sealed class SecondDerivativeException()
    : Exception("this differentiates a gradient with respect to a variable it depends on (a second derivative): the engine computes first derivatives only");
