using Grader.Engine;
using Grader.Problems.Expressions;

namespace Grader.Problems.Feedback;

/// <summary>
/// A layer's bias left out where the spec adds it by hand: every <c>W @ x + b</c> (or <c>b + W @ x</c>) in the steps,
/// with b a given and the other term a product <c>@</c> or a sum of them (<c>Wx @ x + Wh @ h + b</c>), computed
/// without b. Gives nothing where the spec adds no such bias.
/// </summary>
public sealed record DroppedBias : MistakeKind
{
    public override IEnumerable<Tensor?> Values(MistakeSite site)
    {
        var givens = site.Problem.Givens.Select(g => g.Name).ToHashSet(StringComparer.Ordinal);
        var changed = false;
        Expr Drop(Expr e) => ExprTree.Map(e, x => x is BinaryExpr { Op: "+" } b && Biased(b, givens) is { } kept && (changed = true) ? Drop(kept) : null);
        var steps = site.Problem.Steps.Select(s => s with { Expression = Drop(s.Expression) }).ToList();
        return changed ? [MistakeSite.Guarded(() => site.Evaluate(problem: site.Problem with { Steps = steps }))] : [];
    }

    /// <summary>The weighted sum of <c>W @ x + b</c> (without b), or null where the sum adds no given bias to products.</summary>
    private static Expr? Biased(BinaryExpr sum, HashSet<string> givens) =>
        sum.Right is NameExpr r && givens.Contains(r.Name) && Products(sum.Left) ? sum.Left
        : sum.Left is NameExpr l && givens.Contains(l.Name) && Products(sum.Right) ? sum.Right
        : null;

    private static bool Products(Expr e) => e is BinaryExpr { Op: "@" } || e is BinaryExpr { Op: "+" } b && Products(b.Left) && Products(b.Right);
}
