using Grader.Engine;
using Grader.Problems.Expressions;
using Grader.Problems.Model;

using Grader.Problems.Solving;

namespace Grader.Problems.Feedback;

/// <summary>What a student who makes one known mistake answers for a part, computed by the engine.</summary>
public sealed record MistakeCandidate(string Id, string Sentence, Tensor Value, bool ByAuthor)
{
    /// <summary>The catalogue entry that made it (null for an author's mistake).</summary>
    public Mistake? Entry { get; init; }
}

/// <summary>What a student who makes two known mistakes together answers for a part.</summary>
public sealed record PairCandidate(Mistake First, Mistake Second, Tensor Value)
{
    /// <summary>The two ids in a fixed order, so that one pair found both ways is one pair.</summary>
    public (string, string) Ids => string.CompareOrdinal(First.Id, Second.Id) <= 0 ? (First.Id, Second.Id) : (Second.Id, First.Id);
}

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
                if (value is not null && Differs(value, reference, tol))
                {
                    result.Add(new MistakeCandidate(m.Id, m.Sentence, value, false) { Entry = m });
                }
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

    /// <summary>
    /// What every pair of two different mistakes gives for the part, among the catalogue entries that change it alone
    /// (<paramref name="singles"/>, from <see cref="Candidates"/>): one made inside the ops, the other of any kind but
    /// a slip on the answer itself (a power of ten, a transposition). Kept where the pair differs from the right answer
    /// and from every single mistake's value.
    /// </summary>
    public static IReadOnlyList<PairCandidate> Pairs(Problem p, Part part, Tensor reference, Tolerance tol, IReadOnlyList<MistakeCandidate> singles,
        IReadOnlyList<KeyValuePair<string, Tensor>>? inputs = null)
    {
        var applying = singles.Select(c => c.Entry).OfType<Mistake>().Distinct().Where(m => m.Kind is not (Transposed or PowerOfTen)).ToList();
        var result = new List<PairCandidate>();
        var site = new MistakeSite(p, part, reference, inputs);
        for (var i = 0; i < applying.Count; i++)
        {
            if (applying[i].Kind is not OpVariant first)
            {
                continue;
            }
            for (var j = 0; j < applying.Count; j++)
            {
                var second = applying[j];
                if (second.Id == applying[i].Id || (second.Kind is OpVariant && j < i))
                {
                    continue;
                }
                foreach (var value in second.Kind.Values(site with { Rule = first.Rule }))
                {
                    if (value is not null && Differs(value, reference, tol) && !singles.Any(s => Same(s.Value, value, tol)))
                    {
                        result.Add(new PairCandidate(applying[i], second, value));
                    }
                }
            }
        }
        return result;
    }

    /// <summary>
    /// The one pair of mistakes that explains <paramref name="got"/>, or null: none does, or two pairs do. The caller
    /// asks only where no single mistake (and not the right answer) explains it.
    /// </summary>
    public static PairCandidate? NamePair(IReadOnlyList<PairCandidate> pairs, IReadOnlyList<double> got, Tolerance tol)
    {
        var matches = pairs.Where(c => c.Value.Size == got.Count && Enumerable.Range(0, got.Count).All(i => tol.Accepts(got[i], c.Value[i]))).ToList();
        return matches.Count > 0 && matches.Select(m => m.Ids).Distinct().Count() == 1 ? matches[0] : null;
    }

    private static bool Same(Tensor a, Tensor b, Tolerance tol) =>
        a.SameShape(b) && Enumerable.Range(0, a.Size).All(i => tol.Accepts(b[i], a[i]));

    /// <summary>Whether a value has the reference's shape, is finite, and differs from it by more than the tolerance somewhere.</summary>
    public static bool Differs(Tensor value, Tensor reference, Tolerance tol) =>
        value.SameShape(reference) && value.ToArray().All(double.IsFinite)
        && Enumerable.Range(0, value.Size).Any(i => !tol.Accepts(value[i], reference[i]));
}
