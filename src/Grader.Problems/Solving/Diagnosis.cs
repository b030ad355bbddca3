using Grader.Engine;
using Grader.Problems.Expressions;
using Grader.Problems.Model;

namespace Grader.Problems.Solving;

/// <summary>What a student who makes one known mistake answers for a part, computed by the engine.</summary>
public sealed record MistakeCandidate(string Id, string Sentence, Tensor Value, bool ByAuthor);

/// <summary>
/// Names the mistake behind a wrong value by re-evaluation: the part is computed again with one rule of
/// <see cref="Mistakes.All"/> changed (in the engine, in the spec's expressions, or on the answer), and with each of
/// the author's <c>mistakes:</c>. A mistake is named only when it alone matches the student's value at the part's
/// tolerance (an author's mistake first, then the catalogue); otherwise nothing is said about causes.
/// </summary>
public static class Diagnosis
{
    /// <summary>Answers with more elements get no one-element slips (6 candidates per element).</summary>
    public const int MaxSlipElements = 100;

    private const string Point = "__mistake_point";

    /// <summary>
    /// Every mistake's value for the part (for an implement part, at a case's <paramref name="inputs"/>), keeping only
    /// values of the reference's shape, finite, and told apart from the reference by the tolerance.
    /// </summary>
    public static IReadOnlyList<MistakeCandidate> Candidates(Problem p, Part part, Tensor reference, Tolerance tol,
        IReadOnlyList<KeyValuePair<string, Tensor>>? inputs = null)
    {
        var result = new List<MistakeCandidate>();
        void Keep(string id, string sentence, Tensor? value, bool byAuthor)
        {
            if (value is not null && Differs(value, reference, tol))
            {
                result.Add(new MistakeCandidate(id, sentence, value, byAuthor));
            }
        }
        foreach (var m in inputs is null ? part.Mistakes : [])
        {
            Keep(m.Id, m.Feedback, Guarded(() => ReferenceSolver.EvaluatePart(p, part, m.Answer)), true);
        }
        foreach (var m in Mistakes.All)
        {
            foreach (var value in ValuesOf(p, part, m.Rule, reference, inputs))
            {
                Keep(m.Id, m.Sentence, value, false);
            }
        }
        return result;
    }

    /// <summary>
    /// What one catalogue entry gives for the part (several values for entries with variants, none where it does not
    /// apply or is not told apart from the right answer): how the table test applies each mistake.
    /// </summary>
    public static IReadOnlyList<Tensor> Apply(Problem p, Part part, Mistake mistake, Tensor reference, Tolerance tol,
        IReadOnlyList<KeyValuePair<string, Tensor>>? inputs = null) =>
        ValuesOf(p, part, mistake.Rule, reference, inputs).OfType<Tensor>().Where(v => Differs(v, reference, tol)).ToList();

    /// <summary>The one mistake that explains <paramref name="got"/> (flattened like the reference), or null.</summary>
    public static MistakeCandidate? Name(IReadOnlyList<MistakeCandidate> candidates, IReadOnlyList<double> got, Tolerance tol)
    {
        var matches = candidates.Where(c => c.Value.Size == got.Count && Enumerable.Range(0, got.Count).All(i => tol.Accepts(got[i], c.Value[i]))).ToList();
        foreach (var group in new[] { matches.Where(c => c.ByAuthor).ToList(), matches })
        {
            if (group.Count > 0)
            {
                return group.Select(c => c.Id).Distinct().Count() == 1 ? group[0] : null;
            }
        }
        return null;
    }

    /// <summary>Whether a value has the reference's shape, is finite, and differs from it by more than the tolerance somewhere.</summary>
    public static bool Differs(Tensor value, Tensor reference, Tolerance tol) =>
        value.SameShape(reference) && value.ToArray().All(double.IsFinite)
        && Enumerable.Range(0, value.Size).Any(i => !tol.Accepts(value[i], reference[i]));

    private static IEnumerable<Tensor?> ValuesOf(Problem p, Part part, MistakeRule rule, Tensor reference, IReadOnlyList<KeyValuePair<string, Tensor>>? inputs) =>
        rule switch
        {
            AnswerRule a => Slips(a.Slip, reference),
            SpecRule { Rewrite: SpecRewrite.PenaltyGradientMissing } => [Penalty(p, part, 0, inputs)],
            SpecRule { Rewrite: SpecRewrite.PenaltyGradientDoubled } => [Penalty(p, part, 2, inputs)],
            SpecRule { Rewrite: SpecRewrite.PenaltyGradientHalved } => [Penalty(p, part, 0.5, inputs)],
            SpecRule { Rewrite: SpecRewrite.PenaltyGradientTimesUpstream } => [TimesUpstream(p, part, reference, inputs)],
            SpecRule { Rewrite: SpecRewrite.ChainWrongOrder or SpecRewrite.ChainWrongPoint } s => [Chain(p, part, s.Rewrite, reference, inputs)],
            // A loss's square or its reduction over samples is not the penalty's: penalty terms are left as written.
            SquareRule or ReductionRule => [Shielded(p, part, rule, inputs)],
            _ => [Guarded(() => ReferenceSolver.EvaluatePart(p, part, null, inputs, mistake: rule))],
        };

    private static Tensor? Shielded(Problem p, Part part, MistakeRule rule, IReadOnlyList<KeyValuePair<string, Tensor>>? inputs)
    {
        var (problem, answer) = RewritePenalties(p, part, e => new ShieldExpr(e) { Source = e.Source }, out _);
        return Guarded(() => ReferenceSolver.EvaluatePart(problem, part with { Answer = answer }, answer, inputs, mistake: rule));
    }

    /// <summary>The problem and the part's answer with every L2 penalty term wrapped by <paramref name="wrap"/>.</summary>
    private static (Problem, Expr) RewritePenalties(Problem p, Part part, Func<Expr, Expr> wrap, out bool changed)
    {
        var givens = p.Givens.Select(g => g.Name).ToHashSet(StringComparer.Ordinal);
        var found = false;
        var steps = p.Steps.Select(s => s with { Expression = ScalePenalties(s.Expression, wrap, givens, ref found) }).ToList();
        var answer = ScalePenalties(part.Answer!, wrap, givens, ref found);
        changed = found;
        return (p with { Steps = steps }, answer);
    }

    private static Tensor? Guarded(Func<Tensor> evaluate)
    {
        try
        {
            return evaluate();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // A mistake that cannot be made on this part (shapes no longer fit, a singular matrix) explains nothing;
            // whatever else goes wrong while guessing a cause must never cost a student their grade.
            return null;
        }
    }

    private static IEnumerable<Tensor?> Slips(AnswerSlip slip, Tensor r)
    {
        int[] powers = [-3, -2, -1, 1, 2, 3];
        switch (slip)
        {
            case AnswerSlip.Transposed when r.Rank == 2 && r.Rows == r.Cols && r.Rows > 1:
                yield return new Tensor([r.Rows, r.Cols], Enumerable.Range(0, r.Size).Select(k => r[k % r.Cols * r.Cols + k / r.Cols]).ToArray());
                break;
            case AnswerSlip.PowerOfTen:
                foreach (var k in powers)
                {
                    yield return new Tensor(r.Shape.ToArray(), r.ToArray().Select(x => x * Math.Pow(10, k)).ToArray());
                }
                break;
            case AnswerSlip.OneValuePowerOfTen when r.Size is >= 2 and <= MaxSlipElements:
                for (var i = 0; i < r.Size; i++)
                {
                    foreach (var k in powers)
                    {
                        var data = r.ToArray();
                        data[i] *= Math.Pow(10, k);
                        yield return new Tensor(r.Shape.ToArray(), data);
                    }
                }
                break;
        }
    }

    /// <summary>The part with every L2 penalty term's gradient multiplied by <paramref name="factor"/>; null when it has none.</summary>
    private static Tensor? Penalty(Problem p, Part part, double factor, IReadOnlyList<KeyValuePair<string, Tensor>>? inputs)
    {
        var (problem, answer) = RewritePenalties(p, part, e => new GradScaleExpr(e, factor) { Source = e.Source }, out var changed);
        return changed ? Guarded(() => ReferenceSolver.EvaluatePart(problem, part with { Answer = answer }, answer, inputs)) : null;
    }

    /// <summary>
    /// For an answer grad(E, W) where W is the weights of a step dense(h, W, b): the penalty's gradient multiplied by the
    /// upstream gradient delta = dE/d(that step) of each unit (row of W), then added to the loss's gradient:
    /// g_loss[i, j] + g_penalty[i, j] * delta[i], the slip of a student who folds the penalty into the backward pass.
    /// </summary>
    private static Tensor? TimesUpstream(Problem p, Part part, Tensor reference, IReadOnlyList<KeyValuePair<string, Tensor>>? inputs)
    {
        if (part.Answer is not CallExpr { Name: "grad", Args: [var of, NameExpr w] }
            || p.Steps.FirstOrDefault(st => st.Expression is CallExpr { Name: "dense", Args: [_, NameExpr weights, _] } && weights.Name == w.Name) is not { } layer
            || Penalty(p, part, 0, inputs) is not { } loss || !loss.SameShape(reference))
        {
            return null;
        }
        var delta = Guarded(() => ReferenceSolver.EvaluatePart(p, part, ExprTree.Call("grad", of, ExprTree.Name(layer.Name)), inputs));
        var units = reference.Rank == 2 ? reference.Rows : 1;
        if (delta is null || delta.Size != units)
        {
            return null;
        }
        var perUnit = reference.Size / units;
        return new Tensor(reference.Shape.ToArray(), Enumerable.Range(0, reference.Size).Select(k => loss[k] + (reference[k] - loss[k]) * delta[k / perUnit]).ToArray());
    }

    private static Expr ScalePenalties(Expr e, Func<Expr, Expr> wrap, HashSet<string> givens, ref bool changed)
    {
        switch (e)
        {
            case BinaryExpr { Op: "+" or "-" } b:
                return b with { Left = Term(b.Left, wrap, givens, ref changed), Right = Term(b.Right, wrap, givens, ref changed) };
            case BinaryExpr b:
                return b with { Left = ScalePenalties(b.Left, wrap, givens, ref changed), Right = ScalePenalties(b.Right, wrap, givens, ref changed) };
            case UnaryExpr u:
                return u with { Operand = ScalePenalties(u.Operand, wrap, givens, ref changed) };
            case CallExpr c:
                var args = new List<Expr>();
                foreach (var a in c.Args)
                {
                    args.Add(ScalePenalties(a, wrap, givens, ref changed));
                }
                return c with { Args = args };
            default:
                return e;
        }
    }

    /// <summary>A term of a sum: a penalty term is wrapped whole; anything else is searched further.</summary>
    private static Expr Term(Expr e, Func<Expr, Expr> wrap, HashSet<string> givens, ref bool changed)
    {
        if (e is not BinaryExpr { Op: "+" or "-" } && ExprLimits.Walk(e).Any(x => IsSquareOfGiven(x, givens)))
        {
            changed = true;
            return wrap(e);
        }
        return ScalePenalties(e, wrap, givens, ref changed);
    }

    /// <summary>sum(w^2), sum(w * w), norm(w)^2, dot(w, w) of a given w: the shapes an L2 penalty is written in.</summary>
    private static bool IsSquareOfGiven(Expr e, HashSet<string> givens)
    {
        bool Given(Expr x) => x is NameExpr n && givens.Contains(n.Name);
        bool Same(Expr a, Expr b) => Given(a) && b is NameExpr nb && ((NameExpr)a).Name == nb.Name;
        bool Squared(Expr x) => x is BinaryExpr { Op: "^", Right: NumberExpr { Value: 2 } } s && Given(s.Left)
            || x is BinaryExpr { Op: "*" } m && Same(m.Left, m.Right);
        return e switch
        {
            CallExpr { Name: "sum", Args: [var a] } => Squared(a),
            BinaryExpr { Op: "^", Left: CallExpr { Name: "norm", Args: [var a] }, Right: NumberExpr { Value: 2 } } => Given(a),
            CallExpr { Name: "dot", Args: [var a, var b] } => Same(a, b),
            _ => false,
        };
    }

    /// <summary>
    /// For an answer jacobian(F(g), x) with F a function of the spec: J_g(x) @ J_F(g) (wrong order) or J_F(x) @ J_g(x)
    /// (the outer Jacobian at the wrong point), when the shapes allow it.
    /// </summary>
    private static Tensor? Chain(Problem p, Part part, SpecRewrite rewrite, Tensor reference, IReadOnlyList<KeyValuePair<string, Tensor>>? inputs)
    {
        if (part.Answer is not CallExpr { Name: "jacobian", Args: [CallExpr { Args: [var inner] } outer, var wrt] } || !p.Functions.ContainsKey(outer.Name))
        {
            return null;
        }
        return Guarded(() =>
        {
            var at = inputs ?? [];
            Tensor Eval(Expr e, IEnumerable<KeyValuePair<string, Tensor>> more) => ReferenceSolver.EvaluatePart(p, part, e, at.Concat(more).ToList());
            var u = Eval(inner, []);
            var point = ExprTree.Name(Point);
            var outerJacobian = ExprTree.Call("jacobian", outer with { Args = [point] }, point);
            var innerJacobian = Eval(ExprTree.Call("jacobian", inner, wrt), []);
            Tensor product;
            if (rewrite == SpecRewrite.ChainWrongOrder)
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
            return product.SameShape(reference) ? product : throw new ShapeException("the product has another shape");
        });
    }

    private static Tensor Product(Tensor a, Tensor b) => Ops.MatMul(Var.Leaf(a), Var.Leaf(b)).Value;
}
