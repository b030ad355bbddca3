using Grader.Engine;
using Grader.Problems.Expressions;

namespace Grader.Problems.Feedback;

/// <summary>
/// A division the student left out: every <c>a / d</c> in the spec's steps and the part's answer whose denominator
/// the mistake concerns (<paramref name="Denominator"/>, given the division) computed as <c>a</c>. Gives nothing where
/// the spec has no such division.
/// </summary>
public sealed record DroppedDivision(Func<BinaryExpr, bool> Denominator) : MistakeKind
{
    /// <summary>Scaled dot-product attention without its scale: a product with @ divided by sqrt(...).</summary>
    public static DroppedDivision AttentionScale { get; } = new(b =>
        b.Right is CallExpr { Name: "sqrt" } && ExprLimits.Walk(b.Left).Any(e => e is BinaryExpr { Op: "@" } or CallExpr { Name: "matmul" }));

    /// <summary>Inverted dropout without its 1 / (1 - p): a division by 1 - p with p a name or a number.</summary>
    public static DroppedDivision DropoutScale { get; } = new(b =>
        b.Right is BinaryExpr { Op: "-", Left: NumberExpr { Value: 1 }, Right: NameExpr or NumberExpr });

    /// <summary>Adam's bias corrections left out: a division by 1 - beta^t.</summary>
    public static DroppedDivision BiasCorrection { get; } = new(b =>
        b.Right is BinaryExpr { Op: "-", Left: NumberExpr { Value: 1 }, Right: BinaryExpr { Op: "^" } });

    public override IEnumerable<Tensor?> Values(MistakeSite site)
    {
        var changed = false;
        var steps = site.Problem.Steps.Select(s => s with { Expression = Drop(s.Expression, ref changed) }).ToList();
        var answer = Drop(site.Part.Answer!, ref changed);
        if (!changed)
        {
            return [];
        }
        var problem = site.Problem with { Steps = steps };
        return [MistakeSite.Guarded(() => site.Evaluate(answer, problem: problem, part: site.Part with { Answer = answer }))];
    }

    private Expr Drop(Expr e, ref bool changed)
    {
        var found = false;
        var result = ExprTree.Map(e, x => x is BinaryExpr { Op: "/" } b && Denominator(b) && (found = true) ? Drop(b.Left, ref found) : null);
        changed |= found;
        return result;
    }
}
