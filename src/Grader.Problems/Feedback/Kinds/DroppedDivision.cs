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
        switch (e)
        {
            case BinaryExpr { Op: "/" } b when Denominator(b):
                changed = true;
                return Drop(b.Left, ref changed);
            case BinaryExpr b:
                return b with { Left = Drop(b.Left, ref changed), Right = Drop(b.Right, ref changed) };
            case UnaryExpr u:
                return u with { Operand = Drop(u.Operand, ref changed) };
            case CallExpr c:
                var args = new List<Expr>();
                foreach (var a in c.Args)
                {
                    args.Add(Drop(a, ref changed));
                }
                return c with { Args = args };
            case NamedArgExpr n:
                return n with { Value = Drop(n.Value, ref changed) };
            case IndexExpr x:
                return x with { Target = Drop(x.Target, ref changed) };
            case ListExpr l:
                var items = new List<Expr>();
                foreach (var i in l.Items)
                {
                    items.Add(Drop(i, ref changed));
                }
                return l with { Items = items };
            default:
                return e;
        }
    }
}
