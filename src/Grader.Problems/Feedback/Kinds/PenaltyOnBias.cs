using Grader.Engine;
using Grader.Problems.Expressions;

namespace Grader.Problems.Feedback;

/// <summary>
/// Weight decay applied to the biases too: for an answer grad(E, b) with b a bias (a vector or number given that no penalty
/// term holds) in a spec with an L2 penalty on the weights, the gradient of E plus that of the same penalty written
/// for b (lambda sum(W^2) becomes lambda sum(b^2), adding 2 lambda b).
/// </summary>
public sealed record PenaltyOnBias : MistakeKind
{
    public override IEnumerable<Tensor?> Values(MistakeSite site)
    {
        if (site.Part.Answer is not CallExpr { Name: "grad", Args: [var e, NameExpr b] } || site.Reference.Rank > 1)
        {
            return [];
        }
        var terms = new List<Expr>();
        Penalties.Rewrite(site.Problem, site.Part, t =>
        {
            terms.Add(t);
            return t;
        }, out _);
        var givens = site.Problem.Givens.Select(g => g.Name).ToHashSet(StringComparer.Ordinal);
        if (terms.Count == 0 || !givens.Contains(b.Name)
            || terms.Any(t => ExprLimits.Walk(t).Any(x => x is NameExpr n && n.Name == b.Name)))
        {
            return [];
        }
        // The first penalty term, its penalised given renamed to the bias.
        var term = terms[0];
        // The given squared (inside the sum, norm or dot), not a coefficient such as lambda.
        var penalised = ExprLimits.Walk(term).OfType<CallExpr>().Where(c => c.Name is "sum" or "norm" or "dot")
            .SelectMany(ExprLimits.Walk).OfType<NameExpr>().Select(n => n.Name).FirstOrDefault(givens.Contains);
        if (penalised is null)
        {
            return [];
        }
        var onBias = Rename(term, penalised, b.Name);
        var answer = ExprTree.Call("grad", ExprTree.Binary("+", e, onBias), b) with { Source = site.Part.Answer.Source };
        return [MistakeSite.Guarded(() => site.Evaluate(answer))];
    }

    private static Expr Rename(Expr e, string from, string to) =>
        ExprTree.Map(e, x => x is NameExpr n && n.Name == from ? n with { Name = to } : null);
}
