namespace Grader.Engine;

/// <summary>Which derivative the backward rules use where a function has a kink.</summary>
public enum KinkSide
{
    /// <summary>PyTorch's choice: relu'(0) = 0, abs'(0) = 0, ties split equally.</summary>
    PyTorch,

    /// <summary>The left derivative at every kink (relu'(0) = 0, abs'(0) = -1; ties: the first tied element).</summary>
    Left,

    /// <summary>The right derivative at every kink (relu'(0) = 1, abs'(0) = 1; ties: the last tied element).</summary>
    Right,
}
