using System.Globalization;
using System.Text;

namespace Grader.Grading.Reports;

/// <summary>A report as Markdown, for students reading it on a course site or in a pull request.</summary>
public static class ReportMarkdown
{
    public static string Write(SubmissionReport r)
    {
        var sb = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        sb.AppendLine(inv, $"# {r.Problem}: {r.Student}");
        sb.AppendLine();
        sb.AppendLine(inv, $"**Score: {r.Score:0.##} / {r.MaxScore:0.##}** (status: `{r.Status}`)");
        if (r.Message is not null)
        {
            sb.AppendLine();
            sb.AppendLine(inv, $"> {r.Message}");
        }
        sb.AppendLine();
        sb.AppendLine("| part | status | score | feedback |");
        sb.AppendLine("|---|---|---|---|");
        foreach (var p in r.Parts)
        {
            sb.AppendLine(inv, $"| {p.Id} | {ReportText.Mark(p.Status)} {p.Status} | {p.Score:0.##} / {p.MaxScore:0.##} | {Escape(p.Feedback)} |");
        }
        Section(sb, "Compiler and policy messages", r.Diagnostics);
        Section(sb, "Warnings", r.Warnings);
        if (r.Output is not null)
        {
            sb.AppendLine();
            sb.AppendLine("## Output");
            sb.AppendLine();
            sb.AppendLine("```");
            sb.AppendLine(r.Output.Replace("```", "'''", StringComparison.Ordinal));
            sb.AppendLine("```");
        }
        return sb.ToString();
    }

    private static void Section(StringBuilder sb, string title, IReadOnlyList<string> lines)
    {
        if (lines.Count == 0)
        {
            return;
        }
        sb.AppendLine();
        sb.AppendLine($"## {title}");
        sb.AppendLine();
        foreach (var line in lines)
        {
            sb.AppendLine($"- `{line.Replace("`", "'", StringComparison.Ordinal)}`");
        }
    }

    private static string Escape(string s) => s.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
}
