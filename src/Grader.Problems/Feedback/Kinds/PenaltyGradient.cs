using Grader.Engine;
using Grader.Problems.Expressions;

namespace Grader.Problems.Feedback;

/// <summary>The part with every L2 penalty term's gradient multiplied by <paramref name="Factor"/> (0: missing, 2: doubled, 0.5: halved).</summary>
public sealed record PenaltyGradient(double Factor) : MistakeKind
{
    public override IEnumerable<Tensor?> Values(MistakeSite site) => [Of(site, Factor)];

    /// <summary>The part's value with the penalty's gradient scaled; null when the spec has no penalty term.</summary>
    internal static Tensor? Of(MistakeSite site, double factor)
    {
        var (problem, answer) = Penalties.Rewrite(site.Problem, site.Part, e => new GradScaleExpr(e, factor) { Source = e.Source }, out var changed);
        return changed ? MistakeSite.Guarded(() => site.Evaluate(answer, problem: problem, part: site.Part with { Answer = answer })) : null;
    }
}
