using Grader.Engine;
using Grader.Problems.Expressions;

namespace Grader.Problems.Feedback;

/// <summary>
/// A mistake made inside an op (a derivative, a reduction, the bias input, a sign): the part evaluated again with
/// the ops making <paramref name="Rule"/>. A loss's square or its reduction over samples is not the L2 penalty's:
/// with <paramref name="SparePenalty"/>, penalty terms are computed as written.
/// </summary>
public sealed record OpVariant(MistakeRule Rule, bool SparePenalty = false) : MistakeKind
{
    public override IEnumerable<Tensor?> Values(MistakeSite site)
    {
        if (!SparePenalty)
        {
            return [MistakeSite.Guarded(() => site.Evaluate(mistake: Rule))];
        }
        var (problem, answer) = Penalties.Rewrite(site.Problem, site.Part, e => new ShieldExpr(e) { Source = e.Source }, out _);
        return [MistakeSite.Guarded(() => site.Evaluate(answer, Rule, problem, site.Part with { Answer = answer }))];
    }
}
