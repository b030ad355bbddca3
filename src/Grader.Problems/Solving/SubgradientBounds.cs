using Grader.Engine;
using Grader.Problems.Expressions;

namespace Grader.Problems.Solving;

/// <summary>
/// The elementwise range of a part's answer over the derivatives at kinks: the answer computed with PyTorch's
/// subgradients, with the left derivative at every kink and with the right one; each element may lie anywhere
/// between the least and the greatest of the three.
/// </summary>
public sealed record SubgradientBounds(Tensor Lower, Tensor Upper)
{
    /// <summary>Evaluates <paramref name="answer"/> with each kink convention, in a fresh scope each time.</summary>
    public static SubgradientBounds Of(Expr answer, Func<Scope> scope)
    {
        var values = new[] { KinkSide.PyTorch, KinkSide.Left, KinkSide.Right }.Select(side =>
        {
            using var _ = Ops.UseKinks(side);
            return Evaluator.Evaluate(answer, scope()).Value;
        }).ToList();
        var shape = values[0].Shape.ToArray();
        var lower = Enumerable.Range(0, values[0].Size).Select(i => values.Min(v => v[i])).ToArray();
        var upper = Enumerable.Range(0, values[0].Size).Select(i => values.Max(v => v[i])).ToArray();
        return new SubgradientBounds(new Tensor(shape, lower), new Tensor(shape, upper));
    }

    /// <summary>Whether element <paramref name="i"/> of a value lies in the range.</summary>
    public bool Contains(int i, double value) => value >= Lower[i] && value <= Upper[i];
}
