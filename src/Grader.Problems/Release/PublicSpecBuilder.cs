using Grader.Engine;
using Grader.Problems.Expressions;
using Grader.Problems.Feedback;
using Grader.Problems.Model;
using Grader.Problems.Solving;

namespace Grader.Problems.Release;

/// <summary>
/// Makes the public side of a problem (<see cref="PublicSpec"/>): what the statement and the givens already tell a
/// student, the shape of every answer, and the examples the author marked public. An example is held back, with a
/// note saying why, when it is hidden, when its expected value equals some part's answer (a value part's, or a case
/// that is not published), or when it depends on each student's own numbers.
/// </summary>
public static class PublicSpecBuilder
{
    public sealed record Result(PublicSpec Spec, IReadOnlyList<string> HeldBack);

    public static Result Build(Problem problem)
    {
        var plain = Variants.ForStudent(problem, "");
        var solutions = ReferenceSolver.Solve(plain);
        // A second variant shows what depends on a student's own numbers (the same for every student otherwise).
        var other = problem.HasVariants ? ReferenceSolver.Solve(Variants.ForStudent(problem, Variants.Samples[0])) : solutions;
        var heldBack = new List<string>();
        var examples = new Dictionary<string, List<PublicExample>>(StringComparer.Ordinal);
        foreach (var (s, i) in solutions.Select((s, i) => (s, i)).Where(x => x.s.Part.Kind == PartKind.Implement))
        {
            var list = examples[s.Part.Id] = [];
            // One note per cases: entry and reason (a random entry of 20 hidden cases is one note, not twenty).
            foreach (var group in CasesWithSpecs(s).Where(x => x.Spec.Public).GroupBy(x => x.Spec))
            {
                var reasons = new List<(int Case, string Reason)>();
                foreach (var (c, _) in group)
                {
                    var reason = c.Hidden ? "is hidden (by its part or itself)"
                        : !SameValue(c.Expected, other[i].Cases[c.Index].Expected) ? "has an answer that depends on each student's own numbers"
                        : AnswerOf(solutions, s.Part.Id, c) is { } twin ? $"has the answer to {twin} as its expected value (publish a case with other inputs)"
                        : null;
                    if (reason is null)
                    {
                        list.Add(new PublicExample(c.Inputs, c.Expected, c.Tolerance));
                    }
                    else
                    {
                        reasons.Add((c.Index + 1, reason));
                    }
                }
                foreach (var byReason in reasons.GroupBy(r => r.Reason))
                {
                    var cases = byReason.Select(r => r.Case).ToList();
                    var which = cases.Count == 1 ? $"case {cases[0]}" : $"cases {cases[0]}-{cases[^1]}";
                    heldBack.Add($"part {s.Part.Id}, {which} (line {group.Key.Location.Line}): marked public but {byReason.Key}; not published");
                }
            }
        }
        var spec = new PublicSpec
        {
            Id = problem.Id,
            Title = problem.Title,
            Description = problem.Description,
            Points = problem.Points,
            Givens = Givens(problem, plain),
            Functions = problem.Functions.Values.Select(f => $"{f.Name}({string.Join(", ", f.Parameters)}) = {f.Body.Text}").ToList(),
            Network = problem.Network,
            Parts = solutions.Select(s => new PublicPart
            {
                Id = s.Part.Id,
                Kind = s.Part.Kind,
                Points = s.Part.Points,
                Prompt = s.Part.Prompt,
                Hidden = s.Part.Hidden,
                Shape = s.Part.Kind switch
                {
                    PartKind.Answer => [.. s.Expected!.Shape],
                    PartKind.Implement => ShapeAtGivens(plain, s.Part),
                    _ => null,
                },
                Implement = s.Part.Implement,
                Examples = examples.TryGetValue(s.Part.Id, out var e) ? e : [],
                Submit = s.Part.Submit,
            }).ToList(),
        };
        return new Result(spec, heldBack);
    }

    /// <summary>Every reference case of an implement part with the <c>cases:</c> entry it came from (a random entry gives count cases).</summary>
    public static IEnumerable<(ReferenceCase Case, CaseSpec Spec)> CasesWithSpecs(PartSolution s)
    {
        var k = 0;
        foreach (var spec in s.Part.Cases)
        {
            var count = spec is RandomCases r ? r.Count : 1;
            for (var j = 0; j < count && k < s.Cases.Count; j++, k++)
            {
                yield return (s.Cases[k], spec);
            }
        }
    }

    /// <summary>The part (and case) whose answer equals <paramref name="c"/>'s expected value, other than that case itself.</summary>
    private static string? AnswerOf(IReadOnlyList<PartSolution> solutions, string partId, ReferenceCase c)
    {
        foreach (var s in solutions)
        {
            if (s.Part.Kind == PartKind.Answer && SameValue(c.Expected, s.Expected!))
            {
                return $"part {s.Part.Id}";
            }
            if (s.Part.Kind != PartKind.Implement)
            {
                continue;
            }
            foreach (var other in s.Cases)
            {
                var itself = s.Part.Id == partId && other.Index == c.Index;
                if (!itself && SameValue(c.Expected, other.Expected) && !SameInputs(c, other))
                {
                    return $"part {s.Part.Id}, case {other.Index + 1}";
                }
            }
        }
        return null;
    }

    /// <summary>The same numbers (to 1e-9 relative), whatever the layout: a transposed or flattened twin gives it away too.</summary>
    public static bool SameValue(Tensor a, Tensor b)
    {
        if (a.Size != b.Size)
        {
            return false;
        }
        for (var i = 0; i < a.Size; i++)
        {
            if (!(Math.Abs(a[i] - b[i]) <= 1e-9 * Math.Max(1, Math.Abs(b[i]))))
            {
                return false;
            }
        }
        return true;
    }

    private static bool SameInputs(ReferenceCase a, ReferenceCase b) =>
        a.Inputs.Count == b.Inputs.Count && a.Inputs.Zip(b.Inputs).All(x => x.First.Key == x.Second.Key && SameValue(x.First.Value, x.Second.Value)
            && x.First.Value.Shape.SequenceEqual(x.Second.Value.Shape));

    /// <summary>
    /// Givens as the handout shows them: a literal as written, a draw as written, a computed given by its value (the
    /// handout shows it) unless it follows from a student's own numbers, when only its shape is published.
    /// </summary>
    private static List<PublicGiven> Givens(Problem problem, Problem plain)
    {
        var scope = ReferenceSolver.BuildScope(plain);
        var otherScope = problem.HasVariants ? ReferenceSolver.BuildScope(Variants.ForStudent(problem, Variants.Samples[0])) : scope;
        var result = new List<PublicGiven>();
        foreach (var g in problem.Givens)
        {
            if (g.Draw is { } d)
            {
                result.Add(new PublicGiven(g.Name, null, d, d.Shape));
                continue;
            }
            var value = g.Literal ?? Value(scope, g.Name);
            var perStudent = g.Literal is null && !SameValue(value, Value(otherScope, g.Name));
            result.Add(new PublicGiven(g.Name, perStudent ? null : value, null, [.. value.Shape]));
        }
        return result;
    }

    private static Tensor Value(Scope scope, string name) =>
        scope.TryGet(name, out var v) ? v.Value : throw new InvalidOperationException($"no value for given {name}");

    private static int[]? ShapeAtGivens(Problem p, Part part)
    {
        try
        {
            return [.. ReferenceSolver.EvaluatePart(p, part).Shape];
        }
        catch (ExprException)
        {
            // A method whose parameters are not all givens has no value at the givens alone.
            return null;
        }
    }
}
