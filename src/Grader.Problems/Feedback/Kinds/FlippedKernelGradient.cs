using Grader.Engine;
using Grader.Problems.Expressions;

namespace Grader.Problems.Feedback;

/// <summary>
/// A convolution's weight gradient computed as a true convolution in the backward pass: for an answer grad(E, w) with
/// w the weight of a conv1d or conv2d of the spec, the right gradient turned 180 degrees (reversed along each spatial
/// axis).
/// </summary>
public sealed record FlippedKernelGradient : MistakeKind
{
    public override IEnumerable<Tensor?> Values(MistakeSite site)
    {
        var r = site.Reference;
        if (site.Part.Answer is not CallExpr { Name: "grad", Args: [_, NameExpr w] } || r.Rank < 3)
        {
            return [];
        }
        var exprs = site.Problem.Steps.Select(s => s.Expression).Append(site.Part.Answer);
        var isKernel = exprs.SelectMany(ExprLimits.Walk).Any(e =>
            e is CallExpr { Name: "conv1d" or "conv2d" } c && c.Args.Where(a => a is not NamedArgExpr).Skip(1).FirstOrDefault() is NameExpr n && n.Name == w.Name);
        if (!isKernel)
        {
            return [];
        }
        var shape = r.Shape.ToArray();
        var strides = Tensor.StridesOf(shape);
        var flipped = new double[r.Size];
        for (var k = 0; k < r.Size; k++)
        {
            var from = 0;
            var rest = k;
            for (var axis = 0; axis < shape.Length; axis++)
            {
                var i = rest / strides[axis];
                rest %= strides[axis];
                from += (axis >= 2 ? shape[axis] - 1 - i : i) * strides[axis];
            }
            flipped[k] = r[from];
        }
        return [new Tensor(shape, flipped)];
    }
}
