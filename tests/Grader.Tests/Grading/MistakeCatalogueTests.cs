using Grader.Engine;
using Grader.Problems.Feedback;
using Grader.Problems.Model;
using Grader.Problems.Solving;
using Grader.Problems.Yaml;

namespace Grader.Tests.Grading;

/// <summary>
/// The measurement of issue 9: every built-in mistake applied, by the engine, to every visible value part of every
/// shipped spec where it changes the answer; the student's value is that answer rounded to 6 significant figures (as
/// written by hand). The share named correctly is printed (src/Grader.Problems/Feedback/README.md); the share misnamed
/// must be zero.
/// </summary>
public class MistakeCatalogueTests
{
    private static double Round6(double x) => x == 0 || !double.IsFinite(x) ? x : Math.Round(x / Math.Pow(10, Math.Floor(Math.Log10(Math.Abs(x))) - 5)) * Math.Pow(10, Math.Floor(Math.Log10(Math.Abs(x))) - 5);

    [Test]
    public void EveryMistake_OnEveryShippedPart_IsNamedRightOrNotAtAll()
    {
        var rows = new Dictionary<string, (int Applied, int Named, int Misnamed)>(StringComparer.Ordinal);
        var misnamed = new List<string>();
        foreach (var file in Directory.EnumerateFiles(Repo.Path("problems"), "*.yaml", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var problem = Variants.ForStudent(SpecLoader.LoadFile(file).Problem!, "");
            foreach (var s in ReferenceSolver.Solve(problem).Where(s => s.Part is { Kind: PartKind.Answer, Hidden: false }))
            {
                var candidates = Diagnosis.Candidates(problem, s.Part, s.Expected!, s.Tolerance);
                foreach (var mistake in Mistakes.All)
                {
                    foreach (var value in Diagnosis.Apply(problem, s.Part, mistake, s.Expected!, s.Tolerance))
                    {
                        var got = value.ToArray().Select(Round6).ToArray();
                        if (Enumerable.Range(0, got.Length).All(i => s.Tolerance.Accepts(got[i], s.Expected![i])))
                        {
                            continue; // rounding made it right: nothing to diagnose
                        }
                        var named = Diagnosis.Name(candidates, got, s.Tolerance);
                        var row = rows.GetValueOrDefault(mistake.Id);
                        row.Applied++;
                        // An author's mistake that gives the very value is the same mistake in the author's words (named first
                        // by design: rnn-bptt's truncated-bptt is bptt-last-step-only).
                        if (named?.Id == mistake.Id || named is { ByAuthor: true })
                        {
                            row.Named++;
                        }
                        else if (named is not null)
                        {
                            row.Misnamed++;
                            misnamed.Add($"{problem.Id}/{s.Part.Id}: {mistake.Id} named {named.Id}");
                        }
                        rows[mistake.Id] = row;
                    }
                }
            }
        }
        var applied = rows.Values.Sum(r => r.Applied);
        var right = rows.Values.Sum(r => r.Named);
        TestContext.Out.WriteLine("| mistake | applied | named right | misnamed |");
        TestContext.Out.WriteLine("|---|---|---|---|");
        foreach (var (id, r) in rows.OrderBy(r => r.Key, StringComparer.Ordinal))
        {
            TestContext.Out.WriteLine($"| {id} | {r.Applied} | {r.Named} ({100.0 * r.Named / r.Applied:0}%) | {r.Misnamed} |");
        }
        TestContext.Out.WriteLine($"| all | {applied} | {right} ({100.0 * right / applied:0.0}%) | {misnamed.Count} |");
        var slips = rows.GetValueOrDefault("magnitude-slip");
        TestContext.Out.WriteLine($"| all but magnitude-slip | {applied - slips.Applied} | {right - slips.Named} ({100.0 * (right - slips.Named) / (applied - slips.Applied):0.0}%) | {misnamed.Count - slips.Misnamed} |");
        var never = Mistakes.All.Select(m => m.Id).Distinct().Where(id => !rows.ContainsKey(id)).ToList();
        TestContext.Out.WriteLine($"never applicable to a shipped part: {(never.Count == 0 ? "none" : string.Join(", ", never))}");

        Assert.That(misnamed, Is.Empty, "a mistake named that was not made");
        Assert.That(applied, Is.GreaterThan(100), "the shipped specs give the catalogue too little to work on");
        Assert.That((double)right / applied, Is.GreaterThan(0.5), "most mistakes should be named");
    }

    /// <summary>
    /// Issue 25's measurement of pairs: every pair of two mistakes that apply to a visible value part of a shipped spec
    /// (one inside the ops, the other any kind but a slip on the answer), made together; the value rounded to 6
    /// significant figures, where no single mistake and not the right answer explain it. Named as that pair, ambiguous
    /// (another pair gives it too: nothing is said), or misnamed (which must not happen); and the time the pairs of a
    /// part take, computed once per part (src/Grader.Problems/Feedback/README.md, "Two mistakes at once").
    /// </summary>
    [Test]
    public void EveryPairOfMistakes_OnEveryShippedPart_IsNamedRightOrNotAtAll()
    {
        int applied = 0, named = 0, ambiguous = 0;
        var misnamed = new List<string>();
        var times = new List<double>();
        var clock = new System.Diagnostics.Stopwatch();
        foreach (var file in Directory.EnumerateFiles(Repo.Path("problems"), "*.yaml", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var problem = Variants.ForStudent(SpecLoader.LoadFile(file).Problem!, "");
            foreach (var s in ReferenceSolver.Solve(problem).Where(s => s.Part is { Kind: PartKind.Answer, Hidden: false }))
            {
                var singles = Diagnosis.Candidates(problem, s.Part, s.Expected!, s.Tolerance);
                clock.Restart();
                var pairs = Diagnosis.Pairs(problem, s.Part, s.Expected!, s.Tolerance, singles);
                times.Add(clock.Elapsed.TotalMilliseconds);
                foreach (var pair in pairs)
                {
                    var got = pair.Value.ToArray().Select(Round6).ToArray();
                    if (Enumerable.Range(0, got.Length).All(i => s.Tolerance.Accepts(got[i], s.Expected![i])) || Diagnosis.Name(singles, got, s.Tolerance) is not null)
                    {
                        continue;
                    }
                    applied++;
                    var found = Diagnosis.NamePair(pairs, got, s.Tolerance);
                    if (found is null)
                    {
                        ambiguous++;
                    }
                    else if (found.Ids == pair.Ids)
                    {
                        named++;
                    }
                    else
                    {
                        misnamed.Add($"{problem.Id}/{s.Part.Id}: {pair.Ids} named {found.Ids}");
                    }
                }
            }
        }
        times.Sort();
        TestContext.Out.WriteLine($"pairs: {applied} applied, {named} named right ({100.0 * named / Math.Max(1, applied):0.0}%), {ambiguous} ambiguous, {misnamed.Count} misnamed");
        TestContext.Out.WriteLine($"time per part for its pairs: median {times[times.Count / 2]:0.0} ms, max {times[^1]:0.0} ms over {times.Count} parts");
        Assert.That(misnamed, Is.Empty, "a pair named that was not made");
        Assert.That(named, Is.GreaterThan(applied / 2), "most pairs should be named");
    }
}
