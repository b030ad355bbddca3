using Grader.Engine;
using Grader.Problems.Expressions;

namespace Grader.Problems.Feedback;

/// <summary>
/// Back-propagation through time cut to the last step: in each recurrence, the last step's update reads the iterates
/// before it as constants (their gradient stopped), so a weight used at every step gets only the last step's term.
/// Gives nothing for a spec without recurrences.
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
            if (s.Origin is not { Iteration: { } k, Stacked: false } o || !last.TryGetValue(o.Recurrence, out var T) || k != T)
            {
                return s;
            }
            return s with { Expression = Stop(s.Expression, T, ref changed) };
        }).ToList();
        return changed ? [MistakeSite.Guarded(() => site.Evaluate(problem: p with { Steps = steps }))] : [];
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
