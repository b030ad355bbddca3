using Grader.Problems.Model;

namespace Grader.Problems.Expressions;

/// <summary>
/// Which sigmoids of a spec are gates, as an LSTM's or a GRU's: a sigmoid whose value multiplies another value
/// elementwise and so lets a share of it through. A sigmoid is a gate when its value, or one minus it, is a factor of a
/// product <c>*</c> whose other factor is not a number and does not hold that sigmoid again (<c>p * (1 - p)</c> is its
/// derivative, not a gate). Its value is the call written in place (<c>sigmoid(a) * h</c>) or a step whose whole
/// formula is the call (<c>f: sigmoid(...)</c>, then <c>f * c</c>; an iterate of a recurrence is a step, and a step that
/// only names another stands for it). Every other sigmoid (an output layer, a hidden layer, one inside a loss) is not a
/// gate. The loader marks the gates (<see cref="CallExpr.Gate"/>) so that a mistake can be made at gates alone.
/// </summary>
public static class Gates
{
    /// <summary>The steps with every gate's sigmoid call marked.</summary>
    public static List<Step> Mark(IReadOnlyList<Step> steps)
    {
        // Steps whose value is a sigmoid's (the whole formula a call, or the name of such a step): name -> that call's step.
        var sigmoidOf = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var s in steps)
        {
            if (s.Expression is CallExpr { Name: "sigmoid" })
            {
                sigmoidOf[s.Name] = s.Name;
            }
            else if (s.Expression is NameExpr n && sigmoidOf.TryGetValue(n.Name, out var root))
            {
                sigmoidOf[s.Name] = root;
            }
        }
        var gateSteps = new HashSet<string>(StringComparer.Ordinal);
        var gateCalls = new HashSet<Expr>(ReferenceEqualityComparer.Instance);
        foreach (var s in steps)
        {
            Find(s.Expression, sigmoidOf, gateSteps, gateCalls);
        }
        if (gateSteps.Count == 0 && gateCalls.Count == 0)
        {
            return [.. steps];
        }
        return steps.Select(s => s.Expression is CallExpr c && gateSteps.Contains(s.Name)
            ? s with { Expression = c with { Gate = true } }
            : s with { Expression = MarkCalls(s.Expression, gateCalls) }).ToList();
    }

    /// <summary>The functions with every gate written in place in their bodies marked (<c>glu(a, b): a * sigmoid(b)</c>).</summary>
    public static IReadOnlyDictionary<string, FunctionDef> Mark(IReadOnlyDictionary<string, FunctionDef> functions)
    {
        var calls = new HashSet<Expr>(ReferenceEqualityComparer.Instance);
        foreach (var f in functions.Values)
        {
            Find(f.Body, new Dictionary<string, string>(), [], calls);
        }
        return calls.Count == 0 ? functions
            : functions.ToDictionary(f => f.Key, f => f.Value with { Body = MarkCalls(f.Value.Body, calls) }, StringComparer.Ordinal);
    }

    private static Expr MarkCalls(Expr e, HashSet<Expr> calls) =>
        calls.Count == 0 ? e : ExprTree.Map(e, x => x is CallExpr c && calls.Contains(c) ? c with { Gate = true, Args = c.Args.Select(a => MarkCalls(a, calls)).ToList() } : null);

    private static void Find(Expr e, Dictionary<string, string> sigmoidOf, HashSet<string> gateSteps, HashSet<Expr> gateCalls)
    {
        foreach (var product in ExprLimits.Walk(e).OfType<BinaryExpr>().Where(b => b.Op == "*"))
        {
            foreach (var (factor, other) in new[] { (product.Left, product.Right), (product.Right, product.Left) })
            {
                if (Sigmoid(factor) is not { } value || !ExprLimits.Walk(other).Any(x => x is NameExpr or CallExpr) || Holds(other, value, sigmoidOf))
                {
                    continue;
                }
                if (value is NameExpr n)
                {
                    gateSteps.Add(sigmoidOf[n.Name]);
                }
                else
                {
                    gateCalls.Add(value);
                }
            }
        }

        // The sigmoid's value a factor stands for: the call or a name (of a step, checked by the caller), itself or one minus it.
        Expr? Sigmoid(Expr factor) => factor switch
        {
            CallExpr { Name: "sigmoid" } c => c,
            NameExpr n when sigmoidOf.ContainsKey(n.Name) => n,
            BinaryExpr { Op: "-", Left: NumberExpr { Value: 1 } } b => Sigmoid(b.Right),
            _ => null,
        };
    }

    /// <summary>Whether <paramref name="other"/> holds the same sigmoid value again (the call, or a name of the same step).</summary>
    private static bool Holds(Expr other, Expr value, Dictionary<string, string> sigmoidOf) => value switch
    {
        NameExpr n => ExprLimits.Walk(other).OfType<NameExpr>().Any(m => sigmoidOf.GetValueOrDefault(m.Name) is { } root && root == sigmoidOf[n.Name]),
        _ => ExprLimits.Walk(other).OfType<CallExpr>().Any(c => c.Name == "sigmoid" && c.Text == value.Text),
    };
}
