using Grader.Problems.Feedback;

namespace Grader.Grading.Reports;

/// <summary>
/// Where one student stands, for the class report and their own page: the total over every problem, and the problems
/// not submitted (a report of status missing, or none), that did not compile, and that did not run (timeout, crash,
/// rejected). <see cref="Lowest"/> is set by <see cref="Of"/> for the class.
/// </summary>
public sealed record Standing(string Student, double Total, double Max, IReadOnlyList<string> Missing, IReadOnlyList<string> CompileErrors, IReadOnlyList<string> NotRun)
{
    /// <summary>The share of the class, among students who submitted something, marked as scoring lowest (at least one student).</summary>
    public const double LowestShare = 0.1;

    /// <summary>Among the lowest <see cref="LowestShare"/> of totals of the students who submitted something (ties included).</summary>
    public bool Lowest { get; init; }

    public int Problems { get; init; }

    public bool SubmittedNothing => Missing.Count == Problems && Problems > 0;

    public bool NeedsHelp => Lowest || Missing.Count > 0 || CompileErrors.Count > 0 || NotRun.Count > 0;

    public static Standing For(string student, IReadOnlyList<ProblemInfo> problems, IReadOnlyDictionary<(string Student, string Problem), SubmissionReport> reports)
    {
        var statuses = problems.Select(p => (p.Id, Status: reports.TryGetValue((student, p.Id), out var r) ? r.Status : Reports.Status.Missing)).ToList();
        List<string> With(Func<string, bool> test) => statuses.Where(x => test(x.Status)).Select(x => x.Id).ToList();
        return new(student, problems.Sum(p => reports.TryGetValue((student, p.Id), out var r) ? r.Score : 0), problems.Sum(p => p.MaxScore),
            With(s => s == Reports.Status.Missing), With(s => s == Reports.Status.CompileError),
            With(s => s is Reports.Status.Timeout or Reports.Status.Crashed or Reports.Status.Rejected))
        { Problems = problems.Count };
    }

    /// <summary>Every student's standing, sorted by total (lowest first, then by name), with the lowest marked.</summary>
    public static IReadOnlyList<Standing> Of(IReadOnlyList<string> students, IReadOnlyList<ProblemInfo> problems, IReadOnlyDictionary<(string Student, string Problem), SubmissionReport> reports)
    {
        var all = students.Select(s => For(s, problems, reports)).OrderBy(s => s.Total).ThenBy(s => s.Student, StringComparer.Ordinal).ToList();
        var submitted = all.Where(s => !s.SubmittedNothing).ToList();
        if (submitted.Count == 0)
        {
            return all;
        }
        var bar = submitted[Math.Max(1, (int)Math.Ceiling(submitted.Count * LowestShare)) - 1].Total;
        return all.Select(s => !s.SubmittedNothing && s.Total <= bar ? s with { Lowest = true } : s).ToList();
    }

    /// <summary>
    /// A misconception id in words, as the part's feedback said it: the spec author's sentence for the part (an author's
    /// mistake is named first), else the catalogue's (<see cref="Mistakes.Sentences"/>), else null.
    /// </summary>
    public static string? Sentence(string id, PartInfo? part) =>
        part?.Mistakes?.GetValueOrDefault(id) ?? Mistakes.Sentences.GetValueOrDefault(id);
}

/// <summary>
/// How one part went for the class: of the students who submitted its problem (compile errors included), how many
/// got it right, and its misconceptions, most frequent first, each with the students who made it (one student once).
/// </summary>
public sealed record PartStanding(ProblemInfo Problem, PartInfo Part, int Correct, int Submitted, double MeanScore, IReadOnlyList<(string Id, IReadOnlyList<string> Students)> Misconceptions)
{
    public double Rate => Submitted == 0 ? 0 : (double)Correct / Submitted;

    public static IReadOnlyList<PartStanding> Of(IReadOnlyList<string> students, IReadOnlyList<ProblemInfo> problems, IReadOnlyDictionary<(string Student, string Problem), SubmissionReport> reports)
    {
        var result = new List<PartStanding>();
        foreach (var p in problems)
        {
            var submitted = students.Select(s => (Student: s, Report: reports.GetValueOrDefault((s, p.Id)))).Where(x => x.Report is not null && x.Report.Status != Status.Missing).ToList();
            foreach (var part in p.Parts)
            {
                var results = submitted.Select(x => (x.Student, Part: x.Report!.Parts.FirstOrDefault(y => y.Id == part.Id))).ToList();
                var misconceptions = results
                    .SelectMany(x => (x.Part?.Misconception is { Length: > 0 } one ? [one] : x.Part?.Misconceptions ?? []).Distinct().Select(id => (Id: id, x.Student)))
                    .GroupBy(x => x.Id, StringComparer.Ordinal)
                    .Select(g => (g.Key, (IReadOnlyList<string>)g.Select(x => x.Student).ToList()))
                    .OrderByDescending(x => x.Item2.Count).ThenBy(x => x.Key, StringComparer.Ordinal).ToList();
                result.Add(new(p, part, results.Count(x => x.Part?.Status == Status.Correct), submitted.Count,
                    submitted.Count == 0 ? 0 : results.Sum(x => x.Part?.Score ?? 0) / submitted.Count, misconceptions));
            }
        }
        return result;
    }
}
