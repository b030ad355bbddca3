using System.Globalization;
using System.Text;

namespace Grader.Grading.Reports;

/// <summary>One student's page, <c>&lt;student&gt;/index.html</c>: every problem with its parts and feedback, linking to the JSON and Markdown reports.</summary>
public static class StudentPageHtml
{
    public static string Write(string student, IReadOnlyList<ProblemInfo> problems, IReadOnlyDictionary<(string Student, string Problem), SubmissionReport> reports)
    {
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        ClassReportHtml.Head(sb, student);
        sb.AppendLine(inv, $"<p><a href=\"../index.html\">class report</a></p>\n<h1>{Html.Text(student)}</h1>");
        foreach (var p in problems)
        {
            if (!reports.TryGetValue((student, p.Id), out var r))
            {
                continue;
            }
            sb.AppendLine(inv, $"<h2>{Html.Text(p.Id)}: {r.Score:0.##} / {r.MaxScore:0.##} ({Html.Text(r.Status)})</h2>");
            sb.AppendLine(inv, $"<p><a href=\"{Html.Link(p.Id + ".md")}\">Markdown</a> · <a href=\"{Html.Link(p.Id + ".json")}\">JSON</a></p>");
            if (r.Message is not null)
            {
                sb.AppendLine(inv, $"<p class=\"message\">{Html.Text(r.Message)}</p>");
            }
            sb.AppendLine("<table><thead><tr><th>part</th><th>status</th><th>score</th><th>feedback</th></tr></thead><tbody>");
            foreach (var part in r.Parts)
            {
                sb.AppendLine(inv, $"<tr><td>{Html.Text(part.Id)}</td><td>{Html.Text(part.Status)}</td><td class=\"n\">{part.Score:0.##} / {part.MaxScore:0.##}</td><td>{Html.Text(part.Feedback)}</td></tr>");
            }
            sb.AppendLine("</tbody></table>");
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
        sb.AppendLine("</body>\n</html>");
        return sb.ToString();
    }
}
