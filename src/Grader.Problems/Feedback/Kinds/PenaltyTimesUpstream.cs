using Grader.Engine;
using Grader.Problems.Expressions;

namespace Grader.Problems.Feedback;

/// <summary>
/// For an answer grad(E, W) where W is the weights of a step dense(h, W, b): the penalty's gradient multiplied by the
/// upstream gradient delta = dE/d(that step) of each unit (row of W), then added to the loss's gradient:
/// g_loss[i, j] + g_penalty[i, j] * delta[i], the slip of a student who folds the penalty into the backward pass.
/// </summary>
public sealed record PenaltyTimesUpstream : MistakeKind
{
    public override IEnumerable<Tensor?> Values(MistakeSite site)
    {
        var (p, part, reference) = (site.Problem, site.Part, site.Reference);
        if (part.Answer is not CallExpr { Name: "grad", Args: [var of, NameExpr w] }
            || p.Steps.FirstOrDefault(st => st.Expression is CallExpr { Name: "dense", Args: [_, NameExpr weights, _] } && weights.Name == w.Name) is not { } layer
            || PenaltyGradient.Of(site, 0) is not { } loss || !loss.SameShape(reference))
        {
            return [];
        }
        var delta = MistakeSite.Guarded(() => site.Evaluate(ExprTree.Call("grad", of, ExprTree.Name(layer.Name))));
        var units = reference.Rank == 2 ? reference.Rows : 1;
        if (delta is null || delta.Size != units)
        {
            return [];
        }
        var perUnit = reference.Size / units;
        return [new Tensor(reference.Shape.ToArray(), Enumerable.Range(0, reference.Size).Select(k => loss[k] + (reference[k] - loss[k]) * delta[k / perUnit]).ToArray())];
    }
}
