using System.Globalization;
using System.Text;

namespace Grader.Grading.Reports;

/// <summary>
/// One student's page, <c>&lt;student&gt;/index.html</c>: their total first, the problems not submitted (and that did
/// not compile or run) each in one line, then every submitted problem with its parts and feedback, linking to the JSON
/// and Markdown reports.
/// </summary>
public static class StudentPageHtml
{
    public static string Write(string student, IReadOnlyList<ProblemInfo> problems, IReadOnlyDictionary<(string Student, string Problem), SubmissionReport> reports)
    {
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        ClassReportHtml.Head(sb, student);
        var standing = Standing.For(student, problems, reports);
        sb.AppendLine(inv, $"<nav aria-label=\"class\"><p><a href=\"../index.html\">class report</a></p></nav>\n<main>\n<h1>{Html.Text(student)}</h1>");
        sb.AppendLine(inv, $"<p id=\"total\"><strong>Total {standing.Total:0.##} / {standing.Max:0.##}</strong> over {problems.Count} problems</p>");
        Line(sb, "missing", "Not submitted", standing.Missing, problems);
        Line(sb, "compile-errors", "Did not compile", standing.CompileErrors, problems);
        Line(sb, "not-run", "Did not run", standing.NotRun, problems);
        foreach (var p in problems)
        {
            if (!reports.TryGetValue((student, p.Id), out var r) || r.Status == Status.Missing)
            {
                continue;
            }
            sb.AppendLine(inv, $"<h2>{Html.Text(p.Id)}: {r.Score:0.##} / {r.MaxScore:0.##} ({Html.Text(r.Status)})</h2>");
            sb.AppendLine(inv, $"<p><a href=\"{Html.Link(p.Id + ".md")}\">Markdown</a> · <a href=\"{Html.Link(p.Id + ".json")}\">JSON</a></p>");
            if (r.Message is not null)
            {
                sb.AppendLine(inv, $"<p class=\"message\">{Html.Text(r.Message)}</p>");
            }
            // A submission that did not run has no part to tell apart: its message says why, once.
            if (r.Status is Status.Graded or Status.Checked || r.Parts.Any(x => x.Score > 0))
            {
                sb.AppendLine("<table><thead><tr><th>part</th><th>status</th><th>score</th><th>feedback</th></tr></thead><tbody>");
                foreach (var part in r.Parts)
                {
                    sb.AppendLine(inv, $"<tr><td>{Html.Text(part.Id)}</td><td>{Html.Text(part.Status)}</td><td class=\"n\">{part.Score:0.##} / {part.MaxScore:0.##}</td><td>{Html.Text(part.Feedback)}</td></tr>");
                }
                sb.AppendLine("</tbody></table>");
            }
            foreach (var part in r.Parts)
            {
                foreach (var v in part.Values ?? [])
                {
                    sb.AppendLine(inv, $"<p>{Html.Text(part.Id)}, {Html.Text(v.Label)}:</p>");
                    sb.AppendLine("<pre>" + string.Join("\n", Escape.Lines(v.Text).Select(Html.Text)) + "</pre>");
                }
            }
            if (r.Diagnostics.Count + r.Warnings.Count > 0)
            {
                sb.AppendLine("<ul>");
                foreach (var line in r.Diagnostics.Concat(r.Warnings))
                {
                    sb.AppendLine(inv, $"<li>{Html.Text(line)}</li>");
                }
                sb.AppendLine("</ul>");
            }
            if (r.Output is { Length: > 0 })
            {
                sb.AppendLine("<pre>" + string.Join("\n", Escape.Lines(r.Output).Select(Html.Text)) + "</pre>");
            }
        }
        sb.AppendLine("</main>\n</body>\n</html>");
        return sb.ToString();
    }

    /// <summary>
    /// One line naming some of the problems, with how many of how many and their points (when they are more than half,
    /// the others are named instead, to stay one line); nothing when there are none.
    /// </summary>
    private static void Line(StringBuilder sb, string id, string what, IReadOnlyList<string> ids, IReadOnlyList<ProblemInfo> problems)
    {
        if (ids.Count == 0)
        {
            return;
        }
        var inv = CultureInfo.InvariantCulture;
        var points = problems.Where(p => ids.Contains(p.Id)).Sum(p => p.MaxScore);
        var others = problems.Select(p => p.Id).Except(ids).ToList();
        var named = ids.Count == problems.Count ? "every one" : ids.Count * 2 > problems.Count ? "all but " + string.Join(", ", others) : string.Join(", ", ids);
        sb.AppendLine(inv, $"<p id=\"{id}\">{what} ({ids.Count} of {problems.Count} problems, {points:0.##} points): {Html.Text(named)}</p>");
    }
}
