using Grader.Engine;
using Grader.Problems.Expressions;
using Grader.Problems.Model;

using Grader.Problems.Solving;

namespace Grader.Problems.Feedback;

/// <summary>What a student who makes one known mistake answers for a part, computed by the engine.</summary>
public sealed record MistakeCandidate(string Id, string Sentence, Tensor Value, bool ByAuthor);

/// <summary>
/// Names the mistake behind a wrong value by re-evaluation: the part is computed again as each mistake of
/// <see cref="Mistakes.All"/> makes it (in the ops, in the spec's expressions, or on the answer), and with each of
/// the author's <c>mistakes:</c>. A mistake is named only when it alone matches the student's value at the part's
/// tolerance (an author's mistake first, then the catalogue); otherwise nothing is said about causes.
/// </summary>
public static class Diagnosis
{
    /// <summary>Answers with more elements get no one-element slips (6 candidates per element).</summary>
    public const int MaxSlipElements = PowerOfTen.MaxSlipElements;

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
            Keep(m.Id, m.Feedback, MistakeSite.Guarded(() => ReferenceSolver.EvaluatePart(p, part, m.Answer)), true);
        }
        var site = new MistakeSite(p, part, reference, inputs);
        foreach (var m in Mistakes.All)
        {
            foreach (var value in m.Kind.Values(site))
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
        mistake.Kind.Values(new MistakeSite(p, part, reference, inputs)).OfType<Tensor>().Where(v => Differs(v, reference, tol)).ToList();

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
}
