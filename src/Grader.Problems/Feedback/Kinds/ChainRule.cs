using Grader.Engine;
using Grader.Problems.Expressions;

namespace Grader.Problems.Feedback;

/// <summary>
/// For an answer jacobian(F(g), x) with F a function of the spec: J_g(x) @ J_F(g) (the factors in the wrong order), or
/// J_F(x) @ J_g(x) (the outer Jacobian at the wrong point), when the shapes allow it.
/// </summary>
public sealed record ChainRule(bool WrongOrder) : MistakeKind
{
    private const string Point = "__mistake_point";

    public override IEnumerable<Tensor?> Values(MistakeSite site)
    {
        var (p, part) = (site.Problem, site.Part);
        if (part.Answer is not CallExpr { Name: "jacobian", Args: [CallExpr { Args: [var inner] } outer, var wrt] } || !p.Functions.ContainsKey(outer.Name))
        {
            return [];
        }
        return [MistakeSite.Guarded(() =>
        {
            Tensor Eval(Expr e, IEnumerable<KeyValuePair<string, Tensor>> more) =>
                (site with { Inputs = [.. site.Inputs ?? [], .. more] }).Evaluate(e);
            var u = Eval(inner, []);
            var point = ExprTree.Name(Point);
            var outerJacobian = ExprTree.Call("jacobian", outer with { Args = [point] }, point);
            var innerJacobian = Eval(ExprTree.Call("jacobian", inner, wrt), []);
            Tensor product;
            if (WrongOrder)
            {
                product = Product(innerJacobian, Eval(outerJacobian, [new(Point, u)]));
            }
            else
            {
                var x = (wrt is ListExpr l ? l.Items : [wrt]).SelectMany(w => Eval(w, []).ToArray()).ToArray();
                if (x.Length != u.Size)
                {
                    throw new ShapeException("the outer function cannot be evaluated at x");
                }
                product = Product(Eval(outerJacobian, [new(Point, new Tensor(u.Shape.ToArray(), x))]), innerJacobian);
            }
            return product.SameShape(site.Reference) ? product : throw new ShapeException("the product has another shape");
        })];
    }

    private static Tensor Product(Tensor a, Tensor b) => Ops.MatMul(Var.Leaf(a), Var.Leaf(b)).Value;
}
