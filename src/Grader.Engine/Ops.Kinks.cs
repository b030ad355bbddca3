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

public static partial class Ops
{
    [ThreadStatic]
    private static KinkSide t_kinks;

    /// <summary>
    /// Uses the left or right derivative at kinks for the gradients computed on this thread until disposed,
    /// so that a part graded with <c>subgradient: any</c> can accept anything between the two.
    /// </summary>
    public static IDisposable UseKinks(KinkSide side)
    {
        var before = t_kinks;
        t_kinks = side;
        return new Restore(() => t_kinks = before);
    }

    private static double AtKink(double pytorch, double left, double right) => t_kinks switch
    {
        KinkSide.Left => left,
        KinkSide.Right => right,
        _ => pytorch,
    };

    /// <summary>The share of a max's or min's gradient that tie number <paramref name="k"/> of <paramref name="ties"/> receives.</summary>
    private static double TieShare(int k, int ties) => t_kinks switch
    {
        KinkSide.Left => k == 0 ? 1 : 0,
        KinkSide.Right => k == ties - 1 ? 1 : 0,
        _ => 1.0 / ties,
    };

    private sealed class Restore(Action undo) : IDisposable
    {
        public void Dispose() => undo();
    }
}
