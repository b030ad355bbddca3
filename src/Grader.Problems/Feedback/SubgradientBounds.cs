using Grader.Engine;
using Grader.Problems.Expressions;

using Grader.Problems.Solving;

namespace Grader.Problems.Feedback;

/// <summary>
/// The elementwise range a part's answer may take at kinks, for <c>subgradient: any</c>.
/// For an answer <c>grad(E, x)</c> (or <c>grad(E, [x, y])</c>), element i ranges between the one-sided derivatives
/// of E along x_i, (E(x) - E(x - h e_i)) / h and (E(x + h e_i) - E(x)) / h: at a kink of a convex function that is
/// exactly the interval [left derivative, right derivative] of the subdifferential, and elsewhere it closes up on
/// the gradient. Any other answer is computed with the left and with the right derivative at every op's kink
/// (relu, abs, max, min), and may lie between those and PyTorch's value.
/// </summary>
public sealed record SubgradientBounds(Tensor Lower, Tensor Upper)
{
    /// <summary>
    /// The range of <paramref name="answer"/>, whose PyTorch value is <paramref name="pytorch"/>; <paramref name="scope"/>
    /// makes a fresh scope of the part with some values replaced.
    /// </summary>
    public static SubgradientBounds Of(Expr answer, Tensor pytorch, Func<IReadOnlyList<KeyValuePair<string, Tensor>>, KinkSide, Scope> scope)
    {
        var values = answer is CallExpr { Name: "grad", Args: [var e, var wrt] } && Names(wrt) is { } names
            ? OneSided(e, names, more => scope(more, KinkSide.PyTorch))
            : new[] { KinkSide.Left, KinkSide.Right }.Select(side => Evaluator.Evaluate(answer, scope([], side)).Value.ToArray()).ToList();
        values.Add(pytorch.ToArray());
        var shape = pytorch.Shape.ToArray();
        var lower = Enumerable.Range(0, pytorch.Size).Select(i => values.Min(v => v[i])).ToArray();
        var upper = Enumerable.Range(0, pytorch.Size).Select(i => values.Max(v => v[i])).ToArray();
        return new SubgradientBounds(new Tensor(shape, lower), new Tensor(shape, upper));
    }

    /// <summary>Whether element <paramref name="i"/> of a value lies in the range.</summary>
    public bool Contains(int i, double value) => value >= Lower[i] && value <= Upper[i];

    private static IReadOnlyList<string>? Names(Expr wrt) => wrt switch
    {
        NameExpr n => [n.Name],
        ListExpr l when l.Items.All(i => i is NameExpr) => l.Items.Cast<NameExpr>().Select(n => n.Name).ToList(),
        _ => null,
    };

    /// <summary>The backward and forward one-sided differences of E along every element of the variables, flattened in order.</summary>
    private static List<double[]> OneSided(Expr e, IReadOnlyList<string> names, Func<IReadOnlyList<KeyValuePair<string, Tensor>>, Scope> scope)
    {
        var baseScope = scope([]);
        var at = names.Select(n => baseScope.TryGet(n, out var v) ? v.Value : throw new InvalidOperationException($"no value for {n}")).ToList();
        var center = Evaluator.Evaluate(e, baseScope).Value.ScalarValue;
        var left = new List<double>();
        var right = new List<double>();
        for (var k = 0; k < names.Count; k++)
        {
            for (var i = 0; i < at[k].Size; i++)
            {
                // A step small against the value, large against rounding: piecewise-linear pieces give their slope exactly.
                var h = 1e-7 * Math.Max(1, Math.Abs(at[k][i]));
                double Shifted(double by)
                {
                    var data = at[k].ToArray();
                    data[i] += by;
                    return Evaluator.Evaluate(e, scope([new(names[k], new Tensor(at[k].Shape.ToArray(), data))])).Value.ScalarValue;
                }
                left.Add((center - Shifted(-h)) / h);
                right.Add((Shifted(h) - center) / h);
            }
        }
        return [left.ToArray(), right.ToArray()];
    }
}
