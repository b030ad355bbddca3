using System.Globalization;
using System.Text;

namespace Grader.Grading.Reports;

/// <summary>
/// The GitHub Actions job summary of a batch (appended to <c>$GITHUB_STEP_SUMMARY</c>): the mean, each part's pass
/// rate, and the students' totals. Every student text is <see cref="Escape.Markdown"/>-escaped.
/// </summary>
public static class ClassSummaryMarkdown
{
    public static string Write(IReadOnlyList<string> students, IReadOnlyList<ProblemInfo> problems, IReadOnlyDictionary<(string Student, string Problem), SubmissionReport> reports)
    {
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        var max = problems.Sum(p => p.MaxScore);
        var totals = students.Select(s => problems.Sum(p => reports.TryGetValue((s, p.Id), out var r) ? r.Score : 0)).ToList();
        sb.AppendLine("## Grader: class results");
        sb.AppendLine();
        sb.AppendLine(inv, $"{students.Count} students, {problems.Count} problems; mean total {(totals.Count == 0 ? 0 : totals.Average()):0.##} / {max:0.##}");
        sb.AppendLine();
        sb.AppendLine("| problem | part | pass rate |");
        sb.AppendLine("|---|---|---|");
        foreach (var p in problems)
        {
            foreach (var part in p.Parts)
            {
                var correct = students.Count(s => reports.TryGetValue((s, p.Id), out var r) && r.Parts.Any(x => x.Id == part.Id && x.Status == Status.Correct));
                sb.AppendLine(inv, $"| {Escape.Markdown(p.Id)} | {Escape.Markdown(part.Id)} | {correct} / {students.Count} |");
            }
        }
        sb.AppendLine();
        sb.AppendLine("| student | total |");
        sb.AppendLine("|---|---|");
        for (var i = 0; i < students.Count; i++)
        {
            sb.AppendLine(inv, $"| {Escape.Markdown(students[i])} | {totals[i]:0.##} / {max:0.##} |");
        }
        return sb.ToString();
    }
}
