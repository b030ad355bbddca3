using Grader.Engine;
using Grader.Problems.Expressions;
using Grader.Problems.Model;

using Grader.Problems.Solving;

namespace Grader.Problems.Feedback;

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

    /// <summary>How far each carried element is moved to see whether the carried reference depends on it: half its size, at least 0.5.</summary>
    public const double Nudge = 0.5;

    /// <summary>
    /// Whether a value right for the student's own values (<paramref name="carried"/>, computed from <paramref name="theirs"/>)
    /// shows work of its own. It does not when the carried reference is zero throughout (at the part's tolerance) and the
    /// right one is not, or when it hardly depends on their values: moved by <see cref="Nudge"/> times their size (at
    /// least that much), up, down, or alternately up and down, the student's value would still be accepted for every
    /// reference that can be computed. That is where a sigmoid or tanh is saturated (sigmoid(1000) is exactly 1) or a
    /// ReLU is off: the same few constants are then right for every student and variant.
    /// </summary>
    /// <returns>Null when the carried credit stands; else why not.</returns>
    public static CarryRefusal? Refusal(Problem p, Part part, IReadOnlyDictionary<string, Tensor> theirs, Tensor carried, Tensor expected,
        IReadOnlyList<double> value, Tolerance tolerance)
    {
        bool Zero(Tensor t) => Enumerable.Range(0, t.Size).All(k => tolerance.Accepts(0, t[k]));
        if (Zero(carried) && !Zero(expected))
        {
            return CarryRefusal.Zero;
        }
        foreach (var pattern in new Func<int, double>[] { _ => 1, _ => -1, k => k % 2 == 0 ? 1 : -1 })
        {
            var index = 0;
            var moved = new Dictionary<string, Tensor>(StringComparer.Ordinal);
            foreach (var (name, t) in theirs)
            {
                var data = t.ToArray();
                for (var k = 0; k < data.Length; k++)
                {
                    data[k] += pattern(index++) * Nudge * Math.Max(Math.Abs(data[k]), 1);
                }
                moved[name] = new Tensor([.. t.Shape], data);
            }
            if (Evaluate(p, part, moved) is { } other && other.Size == value.Count
                && Enumerable.Range(0, other.Size).All(k => double.IsFinite(other[k]))
                && Enumerable.Range(0, other.Size).Any(k => !tolerance.Accepts(value[k], other[k])))
            {
                return null;
            }
        }
        return CarryRefusal.Insensitive;
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

    /// <summary>
    /// Error carried forward with a mistake of the part's own: the one catalogue mistake made inside the ops which,
    /// made on the student's own earlier values <paramref name="theirs"/>, gives <paramref name="got"/> (and the
    /// carried value <paramref name="carried"/> without it does not); null when none or several do.
    /// </summary>
    public static Mistake? WithMistake(Problem p, Part part, IReadOnlyDictionary<string, Tensor> theirs, Tensor carried, IReadOnlyList<double> got, Tolerance tol)
    {
        if (got.Count != carried.Size || Enumerable.Range(0, got.Count).All(k => tol.Accepts(got[k], carried[k])))
        {
            return null;
        }
        var found = new List<Mistake>();
        foreach (var m in Mistakes.All.Where(m => m.Kind is OpVariant))
        {
            var value = MistakeSite.Guarded(() => ReferenceSolver.EvaluatePart(p, part, substitute: theirs, mistake: ((OpVariant)m.Kind).Rule));
            if (value is not null && value.Size == got.Count && Enumerable.Range(0, got.Count).All(k => tol.Accepts(got[k], value[k])))
            {
                found.Add(m);
            }
        }
        return found.Select(m => m.Id).Distinct().Count() == 1 ? found[0] : null;
    }
}
