using System.Runtime.CompilerServices;
using Grader.Engine;
using Grader.Problems.Feedback;

namespace Grader.Problems.Expressions;

/// <summary>
/// Evaluates an expression to a node of the autodiff graph, so that grad and jacobian can differentiate
/// with respect to any given, step, parameter or submitted value the expression reaches.
/// </summary>
public static class Evaluator
{
    private const int MaxCallDepth = 64;

    public static Var Evaluate(Expr e, Scope scope)
    {
        // Depth is bounded per expression by the parser; calls of functions add up, so check the stack itself too.
        if (!RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            throw new ExprException(e.Location, ExprLimits.TooDeep + " (counting the calls of functions inside one another)", ExprLimits.TooDeepHint);
        }
        Var result;
        try
        {
            result = e switch
            {
                NumberExpr n => Var.Leaf(Tensor.Scalar(n.Value)),
                NameExpr n => Lookup(n, scope),
                ListExpr l => Ops.Stack(l.Items.Select(i => Evaluate(i, scope)).ToList()),
                UnaryExpr u => Ops.Neg(Evaluate(u.Operand, scope)),
                BinaryExpr b => Binary(b, scope),
                CallExpr c => Call(c, scope),
                IndexExpr x => Index(x, scope),
                GradScaleExpr g => Ops.ScaleGradient(Evaluate(g.Inner, scope), g.Factor),
                ShieldExpr s => Evaluate(s.Inner, scope.WithMistake(null)),
                StringExpr q => throw new ExprException(q.Location, $"'{q.Value}' is a quoted string, which only a keyword's value can be", "write a number or a name here; strings are for keywords such as approximate: 'tanh'"),
                SliceExpr r => throw new ExprException(r.Location, $"`{r.Text}` is a slice, which only an index can hold", "slices go inside brackets: x[0:3], M[:, 1]"),
                _ => throw new InvalidOperationException($"unknown expression node {e.GetType().Name}"),
            };
        }
        catch (ShapeException ex)
        {
            throw new ExprException(e.Location, $"{ExprLimits.Short(e.Text, 200)}: {ex.Message}", ShapeHint(e)) { Reason = ex.Message };
        }
        catch (Exception ex) when (ex is not ExprException and not DependsOnFailedStepException)
        {
            // An op that failed in a way no check foresaw is still the spec's error at this place, never a crash.
            throw new ExprException(e.Location, $"`{ExprLimits.Short(e.Text)}` cannot be evaluated: {ex.Message}",
                "check the shapes and values this expression receives");
        }
        scope.Budget.Charge(EvalBudget.NodeCost + result.Value.Size, e);
        scope.NonFinite.Note(result, e);
        return result;
    }

    private static string? ShapeHint(Expr e) => e switch
    {
        BinaryExpr { Op: "@" } => "@ needs [m, k] @ [k, n] (a vector counts as a row on the left, a column on the right); transpose(...) may be missing",
        BinaryExpr => "elementwise operators broadcast like NumPy: equal shapes, a scalar, or a vector against each row of a matrix",
        CallExpr c when Builtins.All.TryGetValue(c.Name, out var builtin) => builtin.Usage,
        _ => null,
    };

    /// <summary>Names with a meaning of their own where the spec gives them none: inf for masks, true and false for keywords.</summary>
    public static readonly IReadOnlyDictionary<string, double> Constants = new Dictionary<string, double>(StringComparer.Ordinal)
    {
        ["inf"] = double.PositiveInfinity,
        ["true"] = 1,
        ["false"] = 0,
    };

    private static Var Lookup(NameExpr n, Scope scope)
    {
        if (scope.TryGet(n.Name, out var v))
        {
            return v;
        }
        // Constants, unless the spec names a value so (a spec's names come first: adding these broke none).
        if (Constants.TryGetValue(n.Name, out var constant))
        {
            return Var.Leaf(Tensor.Scalar(constant));
        }
        throw new ExprException(n.Location, $"unknown name `{n.Name}`",
            Suggest.DidYouMean(n.Name, scope.Names, "define it under given:, compute:, or as a function parameter"));
    }

    private static Var Binary(BinaryExpr b, Scope scope)
    {
        var l = Evaluate(b.Left, scope);
        var r = Evaluate(b.Right, scope);
        CostCheck.Binary(b, l.Value, r.Value, scope.Budget);
        WarnOnExpandingBroadcast(b, l.Value, r.Value, scope);
        WarnOnElementwiseInverse(b, l.Value, r.Value, scope);
        return b.Op switch
        {
            "+" => Ops.Add(l, r),
            "-" => Ops.Sub(l, r),
            "*" => Ops.Mul(l, r),
            "/" => Ops.Div(l, r),
            "^" => Ops.Pow(l, r, scope.Mistake),
            "@" => Ops.MatMul(l, r),
            _ => Ops.Compare(b.Op, l, r),
        };
    }

    /// <summary>
    /// [3] - [3, 1] is legal NumPy and gives a [3, 3] matrix: almost always a column where a vector was meant. An
    /// elementwise op whose operands hold the same values up to axes of length 1, and whose result is larger than
    /// both, is reported as a warning; an operand whose axis was added on purpose (x[:, None], unsqueeze, reshape)
    /// says the broadcast is meant.
    /// </summary>
    private static void WarnOnExpandingBroadcast(BinaryExpr b, Tensor l, Tensor r, Scope scope)
    {
        if (b.Op == "@" || l.Rank == 0 || r.Rank == 0 || l.SameShape(r) || l.Size != r.Size || Meant(b.Left) || Meant(b.Right))
        {
            return;
        }
        if (!l.Shape.Where(d => d != 1).SequenceEqual(r.Shape.Where(d => d != 1)))
        {
            return;
        }
        int[] shape;
        try
        {
            shape = Broadcast.ShapeOf(l, r);
        }
        catch (ShapeException)
        {
            return;
        }
        if (CostCheck.Elements(shape) > Math.Max(l.Size, r.Size) && scope.Warnings.All(w => w.Location != b.Location))
        {
            scope.Warnings.Add(new SpecError(b.Location,
                $"{b.Text}: {Tensor.FormatShape(l.Shape)} {b.Op} {Tensor.FormatShape(r.Shape)} broadcasts to {Tensor.FormatShape(shape)}, larger than either operand",
                "if a vector and a column were meant to line up, make both the same shape (a one-unit dense layer already gives a vector); if the broadcast is meant, add the axis explicitly: x[:, None] or unsqueeze(x, 1)"));
        }
    }

    private static bool Meant(Expr e) => e switch
    {
        IndexExpr x => x.Indices.Any(i => i is NameExpr { Name: "None" }),
        CallExpr c => c.Name is "unsqueeze" or "reshape" or "outer",
        _ => false,
    };

    /// <summary>A^-1 of a square matrix is 1 / each element (the operators are elementwise): often inv(A) was meant.</summary>
    private static void WarnOnElementwiseInverse(BinaryExpr b, Tensor l, Tensor r, Scope scope)
    {
        if (b.Op == "^" && l.Rank == 2 && l.Rows == l.Cols && l.Rows > 1 && r.Size == 1 && r[0] == -1
            && scope.Warnings.All(w => w.Location != b.Location))
        {
            scope.Warnings.Add(new SpecError(b.Location, $"{b.Text}: ^ is elementwise, so this is 1 / each element of a {l.Rows} x {l.Cols} matrix",
                "for the matrix inverse write inv(A), or solve(A, b) for inv(A) @ b"));
        }
    }

    private static Var Index(IndexExpr x, Scope scope)
    {
        var target = Evaluate(x.Target, scope);
        var selectors = new List<AxisSelector>();
        foreach (var i in x.Indices)
        {
            if (i is SliceExpr r)
            {
                selectors.Add(AxisSelector.Range(Bound(r.From, scope), Bound(r.To, scope), Bound(r.Step, scope)));
                continue;
            }
            if (i is NameExpr { Name: "None" } && !scope.TryGet("None", out _))
            {
                selectors.Add(AxisSelector.NoneAxis);
                continue;
            }
            var v = Evaluate(i, scope).Value;
            if (v.Rank > 0)
            {
                selectors.Add(AxisSelector.Take(v));
                continue;
            }
            if (v[0] != Math.Floor(v[0]) || Math.Abs(v[0]) > int.MaxValue)
            {
                throw new ExprException(i.Location, $"an index is a whole number, not {v}", "indices start at 0: v[0], M[1, 2]; a vector of them gathers: U[idx]");
            }
            selectors.Add(AxisSelector.At((int)v[0]));
        }
        return Ops.Slice(target, selectors);
    }

    private static int? Bound(Expr? e, Scope scope)
    {
        if (e is null)
        {
            return null;
        }
        var v = Evaluate(e, scope).Value;
        if (v.Size != 1 || v[0] != Math.Floor(v[0]) || Math.Abs(v[0]) > int.MaxValue)
        {
            throw new ExprException(e.Location, $"an index is a whole number, not {v}", "indices start at 0: v[0], x[0:3], M[:, 1], x[::2]");
        }
        return (int)v[0];
    }

    private static Var Call(CallExpr c, Scope scope)
    {
        if (!ExprTree.MadeByGrader(c) && scope.Functions.TryGetValue(c.Name, out var f))
        {
            return CallUser(f, c, scope);
        }
        if (!Builtins.All.TryGetValue(c.Name, out var builtin))
        {
            throw new ExprException(c.Location, $"unknown function `{c.Name}`",
                Suggest.DidYouMean(c.Name, Builtins.Names.Concat(scope.Functions.Keys), "see the list of functions in FORMAT.md"));
        }
        var positional = c.Args.Where(a => a is not NamedArgExpr).ToList();
        if (positional.Count < builtin.MinArgs && !c.Args.OfType<NamedArgExpr>().Any() || positional.Count > builtin.MaxArgs)
        {
            throw new ExprException(c.Location, $"{c.Name} takes {Arity(builtin)} argument(s), got {positional.Count}", builtin.Usage);
        }
        return c.Name switch
        {
            "grad" when positional.Count == c.Args.Count => Derivative(c, scope, jacobian: false),
            "jacobian" when positional.Count == c.Args.Count => Derivative(c, scope, jacobian: true),
            "normal" or "uniform" or "randint" when positional.Count == c.Args.Count => RandomValues(c, scope),
            _ when builtin.Apply is null => throw new ExprException(c.Location, $"{c.Name} takes no named arguments", builtin.Usage),
            _ => builtin.Apply(Bind(c, builtin, scope)),
        };
    }

    private static string Arity(Builtins.Builtin b) =>
        b.Variadic ? $"at least {b.MinArgs}" : b.MinArgs == b.MaxArgs ? $"{b.MinArgs}" : $"{b.MinArgs} to {b.MaxArgs}";

    /// <summary>Binds a call's arguments to the built-in's parameters as Python does: by position in order, then by name.</summary>
    private static BuiltinArgs Bind(CallExpr c, Builtins.Builtin builtin, Scope scope)
    {
        var ps = builtin.Parameters;
        var values = new ArgValue[ps.Count];
        var given = new bool[ps.Count];
        var rest = new List<ArgValue>();
        var index = 0;
        foreach (var a in c.Args.Where(a => a is not NamedArgExpr))
        {
            if (index < ps.Count && !ps[index].KeywordOnly)
            {
                values[index] = Argument(a, scope);
                given[index++] = true;
            }
            else
            {
                rest.Add(Argument(a, scope));
            }
        }
        foreach (var n in c.Args.OfType<NamedArgExpr>())
        {
            var name = n.Name == "dim" && ps.Any(p => p.Name == "axis") ? "axis" : n.Name;
            var k = ps.ToList().FindIndex(p => p.Name == name);
            if (k < 0)
            {
                throw new ExprException(n.Location, $"{c.Name} has no argument named `{n.Name}`",
                    Suggest.DidYouMean(n.Name, builtin.Keywords, $"{c.Name} takes {string.Join(", ", builtin.Keywords.Select(x => x + ":"))}"));
            }
            if (given[k])
            {
                throw new ExprException(n.Location, $"`{ps[k].Name}` is given twice (by position and by name, or twice by name)", builtin.Usage);
            }
            values[k] = Argument(n.Value, scope);
            given[k] = true;
        }
        for (var k = 0; k < ps.Count; k++)
        {
            if (!ps[k].Optional && !given[k])
            {
                throw new ExprException(c.Location, $"{c.Name} needs `{ps[k].Name}`", builtin.Usage);
            }
        }
        CostCheck.Call(c, values.Where(v => v.Tensor is not null).Select(v => v.Tensor!).ToArray(), scope.Budget);
        return new BuiltinArgs(builtin, values, rest, scope.Mistake, work => scope.Budget.Charge(work, c), (n, what) => scope.Budget.CheckElements(n, c, what), c.Gate);
    }

    private static ArgValue Argument(Expr e, Scope scope) => e switch
    {
        StringExpr q => new ArgValue(null, q.Value),
        NameExpr { Name: "None" } when !scope.TryGet("None", out _) => ArgValue.None,
        _ => new ArgValue(Evaluate(e, scope), null),
    };

    private static Var CallUser(FunctionDef f, CallExpr c, Scope scope)
    {
        if (c.Args.OfType<NamedArgExpr>().FirstOrDefault() is { } named)
        {
            throw new ExprException(named.Location, $"{f.Name} is a function of the spec and takes no named arguments", "pass the values in the order of its parameters");
        }
        if (scope.Depth > MaxCallDepth)
        {
            throw new ExprException(c.Location, $"calls of {f.Name} nest more than {MaxCallDepth} deep", "functions may not call themselves");
        }
        var args = c.Args.Select(a => Evaluate(a, scope)).ToList();
        // F(G(x)): a vector argument spreads over the parameters when its length is their number.
        if (args.Count == 1 && f.Parameters.Count > 1 && args[0].Value.Rank == 1 && args[0].Value.Size == f.Parameters.Count)
        {
            var v = args[0];
            args = Enumerable.Range(0, f.Parameters.Count).Select(i => Ops.Index(v, i)).ToList();
        }
        if (args.Count != f.Parameters.Count)
        {
            throw new ExprException(c.Location, $"{f.Name} takes {f.Parameters.Count} argument(s) ({string.Join(", ", f.Parameters)}), got {c.Args.Count}",
                "pass one value per parameter, or one vector with one element per parameter");
        }
        var inner = scope.Child();
        for (var i = 0; i < args.Count; i++)
        {
            inner.Set(f.Parameters[i], args[i]);
        }
        return Evaluate(f.Body, inner);
    }

    private static Var Derivative(CallExpr c, Scope scope, bool jacobian)
    {
        var wrtExprs = c.Args[1] is ListExpr list ? list.Items : [c.Args[1]];
        var wrt = new List<Var>();
        foreach (var w in wrtExprs)
        {
            if (w is not NameExpr n)
            {
                throw new ExprException(w.Location, $"{c.Name} differentiates with respect to a name, not `{w.Text}`",
                    $"write {c.Name}(expression, x) or {c.Name}(expression, [x, y]) with names of givens, steps or parameters");
            }
            wrt.Add(Lookup(n, scope));
        }
        var output = Evaluate(c.Args[0], scope);
        CostCheck.Derivative(c, output, wrt, scope.Budget);
        try
        {
            Tensor result;
            if (jacobian)
            {
                result = Autodiff.Jacobian(output, wrt, scope.Kinks);
            }
            else
            {
                var grads = Autodiff.Grad(output, wrt, scope.Kinks);
                result = c.Args[1] is ListExpr
                    ? new Tensor([grads.Sum(g => g.Size)], grads.SelectMany(g => g.ToArray()).ToArray())
                    : grads[0];
            }
            if (scope.Mistake?.Find<GradientSignRule>() is not null)
            {
                // The student's sign slip: every gradient and Jacobian negated.
                result = new Tensor(result.Shape.ToArray(), result.ToArray().Select(x => -x).ToArray());
            }
            return Var.Derivative(result, [output, .. wrt]);
        }
        catch (ShapeException ex)
        {
            throw new ExprException(c.Location, $"{c.Text}: {ex.Message}",
                jacobian ? null : "grad needs a scalar expression such as a loss; use jacobian for a vector");
        }
        catch (SecondDerivativeException ex)
        {
            throw new ExprException(c.Location, $"{c.Text}: {ex.Message}") { Kind = SpecErrorKind.SecondDerivative, Subject = c.Text };
        }
    }

    private static Var RandomValues(CallExpr c, Scope scope)
    {
        var a = Evaluate(c.Args[0], scope).Value;
        var b = Evaluate(c.Args[1], scope).Value;
        var shape = ShapeOf(c.Args[2], scope);
        if (a.Size != 1 || b.Size != 1)
        {
            throw new ExprException(c.Location, $"{c.Name} takes two numbers before the shape", Builtins.All[c.Name].Usage);
        }
        if (c.Name == "randint" && (a[0] != Math.Floor(a[0]) || b[0] != Math.Floor(b[0]) || b[0] <= a[0]))
        {
            throw new ExprException(c.Location, $"randint takes whole numbers low < high, not {a[0]} and {b[0]}", Builtins.All[c.Name].Usage);
        }
        var size = (int)CostCheck.Elements(shape);
        scope.Budget.CheckElements(size, c, "a random value");
        scope.Budget.Charge(size, c);
        var data = new double[size];
        for (var i = 0; i < size; i++)
        {
            data[i] = c.Name switch
            {
                "normal" => scope.Random.Normal(a[0], b[0]),
                "randint" => Math.Floor(scope.Random.Uniform(a[0], b[0])),
                _ => scope.Random.Uniform(a[0], b[0]),
            };
        }
        return Var.Leaf(new Tensor(shape, data));
    }

    private static int[] ShapeOf(Expr e, Scope scope)
    {
        const string hint = "a shape is [] for a scalar, [n] for a vector, [rows, cols] for a matrix, or up to 6 axes ([N, C, H, W]), with whole numbers from 0 to 10000 and no more elements in all than limits.elements allows (1,000,000 unless the spec raises it)";
        if (e is not ListExpr list)
        {
            throw new ExprException(e.Location, $"the shape must be written as a list, not `{e.Text}`", hint);
        }
        if (list.Items.Count > Tensor.MaxRank)
        {
            throw new ExprException(e.Location, $"shape {e.Text} has {list.Items.Count} axes; a value has at most {Tensor.MaxRank}", hint);
        }
        return list.Items.Select(i =>
        {
            var v = Evaluate(i, scope).Value;
            return v.Size == 1 && v[0] >= 0 && v[0] == Math.Floor(v[0]) && v[0] <= 10_000
                ? (int)v[0]
                : throw new ExprException(i.Location, $"shape {e.Text} has a bad dimension `{i.Text}`", hint);
        }).ToArray();
    }
}
