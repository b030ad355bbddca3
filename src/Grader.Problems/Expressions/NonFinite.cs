using Grader.Engine;

namespace Grader.Problems.Expressions;

/// <summary>
/// Where NaN or an infinity first appears while evaluating: a node whose value is not finite though all its
/// inputs are, with the cause in words ("log of a negative number"). A reference value that is not finite is
/// traced back to such a node, so the error can name the step and the cause instead of "expected NaN".
/// </summary>
public sealed class NonFinite
{
    private readonly Dictionary<Var, (Expr At, string Cause, int Order)> _origins = new(ReferenceEqualityComparer.Instance);

    /// <summary>Records <paramref name="v"/>, made by <paramref name="at"/>, if it is where a non-finite value starts.</summary>
    public void Note(Var v, Expr at)
    {
        if (IsFinite(v.Value) || _origins.ContainsKey(v) || !v.Inputs.All(i => IsFinite(i.Value)))
        {
            return;
        }
        _origins[v] = (at, Cause(v, at), _origins.Count);
    }

    /// <summary>The earliest recorded origin that <paramref name="result"/> depends on, if any.</summary>
    public (Expr At, string Cause)? Find(Var result)
    {
        (Expr At, string Cause, int Order)? best = null;
        var seen = new HashSet<Var>(ReferenceEqualityComparer.Instance) { result };
        var stack = new Stack<Var>([result]);
        while (stack.Count > 0)
        {
            var v = stack.Pop();
            if (_origins.TryGetValue(v, out var o) && (best is null || o.Order < best.Value.Order))
            {
                best = o;
            }
            foreach (var i in v.Inputs.Concat(v.DerivativeOf).Where(seen.Add))
            {
                stack.Push(i);
            }
        }
        return best is { } b ? (b.At, b.Cause) : null;
    }

    public static bool IsFinite(Tensor t)
    {
        for (var i = 0; i < t.Size; i++)
        {
            if (!double.IsFinite(t[i]))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>The first element that is not finite, e.g. "NaN at [2]" or "Infinity".</summary>
    public static string Describe(Tensor t)
    {
        for (var i = 0; i < t.Size; i++)
        {
            if (!double.IsFinite(t[i]))
            {
                var at = t.Rank switch
                {
                    0 => "",
                    1 => $" at [{i}]",
                    _ => $" at [{i / t.Shape[1]}, {i % t.Shape[1]}]",
                };
                return Tensor.FormatNumber(t[i]) + at;
            }
        }
        return "finite";
    }

    private static bool Any(Var v, int input, Func<double, bool> test)
    {
        if (v.Inputs.Count <= input)
        {
            return false;
        }
        var t = v.Inputs[input].Value;
        for (var i = 0; i < t.Size; i++)
        {
            if (test(t[i]))
            {
                return true;
            }
        }
        return false;
    }

    private static string Cause(Var v, Expr at) => at switch
    {
        NumberExpr => $"{at.Text} is beyond the range of float64 numbers",
        NameExpr n => $"`{n.Name}` is not finite",
        _ => v.Op switch
        {
            "log" => Any(v, 0, x => x < 0) ? "log of a negative number" : "log of 0",
            "sqrt" => "square root of a negative number",
            "/" => Any(v, 1, x => x == 0) ? "division by zero" : "a quotient beyond the range of float64",
            "^" when Any(v, 0, x => x < 0) && Any(v, 1, x => x != Math.Floor(x)) => "a negative number to a fractional power",
            "^" when Any(v, 0, x => x == 0) && Any(v, 1, x => x < 0) => "0 to a negative power",
            "exp" => "exp of a number above 709 is beyond the range of float64",
            "derivative" => "the derivative is not finite here (e.g. of sqrt, log or 1/x at 0)",
            "leaf" => "the random values are not finite",
            _ => $"{v.Op} gives {Describe(v.Value)} (beyond the range of float64)",
        },
    };
}
