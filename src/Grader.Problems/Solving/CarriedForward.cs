using Grader.Engine;
using Grader.Problems.Expressions;
using Grader.Problems.Model;

namespace Grader.Problems.Solving;

/// <summary>
/// Error carried forward: a part's answer computed from the student's own answers to earlier parts, substituted for
/// the steps those parts answer (their z, their yhat); what follows a substituted step is computed from the
/// student's value, what precedes it keeps its own derivatives.
/// </summary>
public static class CarriedForward
{
    /// <summary>The step a part answers: its answer is that step's bare name (answer: Z). Null otherwise.</summary>
    public static string? StepAnswered(Problem p, Part part) =>
        part is { Kind: PartKind.Answer, At.Count: 0, Answer: NameExpr n } && p.Steps.Any(s => s.Name == n.Name) ? n.Name : null;

    /// <summary>
    /// The steps among <paramref name="candidates"/> that <paramref name="answer"/> reaches through the steps, in step
    /// order: the first is where the student's computation first diverged. All are substituted, so that a gradient
    /// through a later substituted step still sees the earlier ones (their p in sigma'(a) = p(1 - p)).
    /// </summary>
    public static IReadOnlyList<string> Reached(Problem p, Expr answer, IReadOnlySet<string> candidates)
    {
        var steps = p.Steps.ToDictionary(s => s.Name, s => s.Expression, StringComparer.Ordinal);
        var reached = new HashSet<string>(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var work = new Stack<Expr>([answer, .. p.Functions.Values.Select(f => f.Body)]);
        while (work.Count > 0)
        {
            foreach (var n in ExprLimits.Walk(work.Pop()).OfType<NameExpr>())
            {
                if (candidates.Contains(n.Name))
                {
                    reached.Add(n.Name);
                }
                if (steps.TryGetValue(n.Name, out var e) && seen.Add(n.Name))
                {
                    work.Push(e);
                }
            }
        }
        return p.Steps.Select(s => s.Name).Where(reached.Contains).ToList();
    }

    /// <summary>The part's answer with <paramref name="theirs"/> standing for those steps; null when it cannot be computed.</summary>
    public static Tensor? Evaluate(Problem p, Part part, IReadOnlyDictionary<string, Tensor> theirs)
    {
        try
        {
            return ReferenceSolver.EvaluatePart(p, part, substitute: theirs);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Their values may not fit the rest of the spec (a log of their negative p): then nothing is carried.
            return null;
        }
    }
}
