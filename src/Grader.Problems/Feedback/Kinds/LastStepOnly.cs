using Grader.Engine;
using Grader.Problems.Expressions;

namespace Grader.Problems.Feedback;

/// <summary>
/// Back-propagation through time cut to the last step: in each recurrence, the last step's update reads the iterates
/// before it as constants (their gradient stopped), and the updates before it read every other value (the weights) as
/// constants, so a weight used at every step gets only the last step's term, whether the loss reads the last iterate
/// alone or every step's. Gives nothing for a spec without recurrences.
/// </summary>
public sealed record LastStepOnly : MistakeKind
{
    public override IEnumerable<Tensor?> Values(MistakeSite site)
    {
        var p = site.Problem;
        if (p.Recurrences.Count == 0 || site.Part.Answer is not CallExpr { Name: "grad" or "jacobian" })
        {
            return [];
        }
        var last = p.Recurrences.ToDictionary(r => r.Name, r => r.Steps, StringComparer.Ordinal);
        var changed = false;
        var steps = p.Steps.Select(s =>
        {
            if (s.Origin is not { Iteration: { } k and > 0, Stacked: false } o || !last.TryGetValue(o.Recurrence, out var T))
            {
                return s;
            }
            return s with { Expression = k == T ? Stop(s.Expression, T, ref changed) : StopWeights(s.Expression, ref changed) };
        }).ToList();
        return changed ? [MistakeSite.Guarded(() => site.Evaluate(problem: p with { Steps = steps }))] : [];
    }

    /// <summary>Every name but an iterate read with its gradient stopped (a gradient's own arguments kept as written).</summary>
    private static Expr StopWeights(Expr e, ref bool changed)
    {
        var found = false;
        var result = ExprTree.Map(e, x => x switch
        {
            CallExpr { Name: "grad" or "jacobian" } => x,
            NameExpr n when IterateName.TryParse(n.Name) is null && (found = true) => new GradScaleExpr(n, 0) { Source = n.Source },
            _ => null,
        });
        changed |= found;
        return result;
    }

    /// <summary>Every iterate before step <paramref name="t"/> read with its gradient stopped.</summary>
    private static Expr Stop(Expr e, int t, ref bool changed)
    {
        var found = false;
        var result = ExprTree.Map(e, x => x is NameExpr n && IterateName.TryParse(n.Name) is { At: { } k } && k < t && (found = true)
            ? new GradScaleExpr(n, 0) { Source = n.Source }
            : null);
        changed |= found;
        return result;
    }
}
