using Grader.Problems.Expressions;
using Grader.Problems.Model;

namespace Grader.Problems.Feedback;

/// <summary>
/// Finds the L2 penalty terms of a spec (sum(w^2), sum(w * w), norm(w)^2, dot(w, w) of a given w, added to a loss) and
/// rewrites them, for the mistakes that concern the penalty or must leave it alone.
/// </summary>
internal static class Penalties
{
    /// <summary>The problem and the part's answer with every L2 penalty term wrapped by <paramref name="wrap"/>.</summary>
    public static (Problem, Expr) Rewrite(Problem p, Part part, Func<Expr, Expr> wrap, out bool changed)
    {
        var givens = p.Givens.Select(g => g.Name).ToHashSet(StringComparer.Ordinal);
        var found = false;
        var steps = p.Steps.Select(s => s with { Expression = Scale(s.Expression, wrap, givens, ref found) }).ToList();
        var answer = Scale(part.Answer!, wrap, givens, ref found);
        changed = found;
        return (p with { Steps = steps }, answer);
    }

    private static Expr Scale(Expr e, Func<Expr, Expr> wrap, HashSet<string> givens, ref bool changed)
    {
        switch (e)
        {
            case BinaryExpr { Op: "+" or "-" } b:
                return b with { Left = Term(b.Left, wrap, givens, ref changed), Right = Term(b.Right, wrap, givens, ref changed) };
            case BinaryExpr b:
                return b with { Left = Scale(b.Left, wrap, givens, ref changed), Right = Scale(b.Right, wrap, givens, ref changed) };
            case UnaryExpr u:
                return u with { Operand = Scale(u.Operand, wrap, givens, ref changed) };
            case CallExpr c:
                var args = new List<Expr>();
                foreach (var a in c.Args)
                {
                    args.Add(Scale(a, wrap, givens, ref changed));
                }
                return c with { Args = args };
            default:
                return e;
        }
    }

    /// <summary>A term of a sum: a penalty term is wrapped whole; anything else is searched further.</summary>
    private static Expr Term(Expr e, Func<Expr, Expr> wrap, HashSet<string> givens, ref bool changed)
    {
        if (e is not BinaryExpr { Op: "+" or "-" } && ExprLimits.Walk(e).Any(x => IsSquareOfGiven(x, givens)))
        {
            changed = true;
            return wrap(e);
        }
        return Scale(e, wrap, givens, ref changed);
    }

    /// <summary>sum(w^2), sum(w * w), norm(w)^2, dot(w, w) of a given w: the shapes an L2 penalty is written in.</summary>
    private static bool IsSquareOfGiven(Expr e, HashSet<string> givens)
    {
        bool Given(Expr x) => x is NameExpr n && givens.Contains(n.Name);
        bool Same(Expr a, Expr b) => Given(a) && b is NameExpr nb && ((NameExpr)a).Name == nb.Name;
        bool Squared(Expr x) => x is BinaryExpr { Op: "^", Right: NumberExpr { Value: 2 } } s && Given(s.Left)
            || x is BinaryExpr { Op: "*" } m && Same(m.Left, m.Right);
        return e switch
        {
            CallExpr { Name: "sum", Args: [var a] } => Squared(a),
            BinaryExpr { Op: "^", Left: CallExpr { Name: "norm", Args: [var a] }, Right: NumberExpr { Value: 2 } } => Given(a),
            CallExpr { Name: "dot", Args: [var a, var b] } => Same(a, b),
            _ => false,
        };
    }
}
