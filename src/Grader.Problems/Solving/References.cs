using Grader.Engine;
using Grader.Problems.Expressions;
using Grader.Problems.Feedback;
using Grader.Problems.Model;

namespace Grader.Problems.Solving;

/// <summary>
/// Every reference value, and every input a case passes, must be finite: a part whose expected value is NaN
/// can never be scored. The error names the part, the case, the step and the cause.
/// </summary>
internal static class References
{
    public const string Hint = "a value that is not finite cannot be graded: change the givens, the random ranges or the formula so that every value stays finite";

    public static void CheckFinite(Problem p, Part part, Var answer, Scope scope, int? caseNumber)
    {
        if (NonFinite.IsFinite(answer.Value))
        {
            return;
        }
        var inCase = caseNumber is { } k ? $", case {k}" : "";
        var message = $"the reference answer of part `{part.Id}` is {NonFinite.Describe(answer.Value)}";
        if (scope.NonFinite.Find(answer) is not { } origin)
        {
            throw new NonFiniteReferenceException(part.Answer!.Location, message + inCase, Hint);
        }
        throw new NonFiniteReferenceException(origin.At.Location, $"{message}: {origin.Cause} in {Where(p, part, origin.At)}{inCase}", Hint);
    }

    public static void CheckInputs(Part part, IEnumerable<KeyValuePair<string, Tensor>> inputs, CaseSpec spec, int caseNumber)
    {
        foreach (var (name, value) in inputs)
        {
            if (!NonFinite.IsFinite(value))
            {
                throw new NonFiniteReferenceException(spec.Location,
                    $"case {caseNumber} of part `{part.Id}` gives `{name}` a value that is not finite ({NonFinite.Describe(value)})", Hint);
            }
        }
    }

    /// <summary>A given's value must be finite; the cause is traced as for a reference answer.</summary>
    public static void CheckGiven(Given g, Var value, Scope scope)
    {
        if (NonFinite.IsFinite(value.Value))
        {
            return;
        }
        var cause = scope.NonFinite.Find(value) is { } o ? $": {o.Cause}" : "";
        throw new NonFiniteReferenceException(g.Expression?.Location ?? g.Location,
            $"given `{g.Name}` is {NonFinite.Describe(value.Value)}{cause}", Hint);
    }

    /// <summary>"step `L`", "function `f`", "given `x`" or "the answer": the part of the spec an expression belongs to.</summary>
    private static string Where(Problem p, Part part, Expr at)
    {
        if (p.Steps.FirstOrDefault(s => ReferenceEquals(s.Expression.Source, at.Source)) is { } step)
        {
            return $"step `{step.Name}`";
        }
        if (p.Functions.Values.FirstOrDefault(f => ReferenceEquals(f.Body.Source, at.Source)) is { } f)
        {
            return $"function `{f.Name}`";
        }
        if (p.Givens.FirstOrDefault(g => g.Expression is { } e && ReferenceEquals(e.Source, at.Source)) is { } given)
        {
            return $"given `{given.Name}`";
        }
        return ReferenceEquals(part.Answer?.Source, at.Source) ? $"the answer of part `{part.Id}`" : $"`{ExprLimits.Short(at.Text)}`";
    }
}

/// <summary>A reference value or case input that is not finite.</summary>
public sealed class NonFiniteReferenceException(SourceLocation location, string message, string hint) : ExprException(location, message, hint);
