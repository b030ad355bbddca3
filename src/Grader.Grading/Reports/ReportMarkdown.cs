using System.Globalization;
using System.Text;

namespace Grader.Grading.Reports;

/// <summary>
/// A report as Markdown, for students reading it on a course site or in a pull request. Every field is escaped
/// (<see cref="Escape.Markdown"/>): a student's text cannot add a heading, a table row, a link or a comment.
/// </summary>
public static class ReportMarkdown
{
    public static string Write(SubmissionReport r)
    {
        var sb = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        sb.AppendLine(inv, $"# {Escape.Markdown(r.Problem)}: {Escape.Markdown(r.Student)}");
        sb.AppendLine();
        sb.AppendLine(inv, $"**Score: {r.Score:0.##} / {r.MaxScore:0.##}** (status: {Escape.Markdown(r.Status)})");
        if (r.Message is not null)
        {
            sb.AppendLine();
            sb.AppendLine(inv, $"> {Escape.Markdown(r.Message)}");
        }
        sb.AppendLine();
        sb.AppendLine("| part | status | score | feedback |");
        sb.AppendLine("|---|---|---|---|");
        foreach (var p in r.Parts)
        {
            sb.AppendLine(inv, $"| {Escape.Markdown(p.Id)} | {ReportText.Mark(p.Status)} {Escape.Markdown(p.Status)} | {p.Score:0.##} / {p.MaxScore:0.##} | {Escape.Markdown(p.Feedback)} |");
        }
        Values(sb, r.Parts);
        Section(sb, "Compiler and policy messages", r.Diagnostics);
        Section(sb, "Warnings", r.Warnings);
        if (r.Output is { Length: > 0 })
        {
            sb.AppendLine();
            sb.AppendLine("## Output");
            sb.AppendLine();
            sb.AppendLine(Escape.MarkdownBlock(r.Output));
        }
        return sb.ToString();
    }

    /// <summary>The values of 3 or more axes the feedback refers to, each in a code block under its part and label.</summary>
    private static void Values(StringBuilder sb, IReadOnlyList<PartReport> parts)
    {
        if (parts.All(p => p.Values is null))
        {
            return;
        }
        sb.AppendLine();
        sb.AppendLine("## Values");
        foreach (var p in parts)
        {
            foreach (var v in p.Values ?? [])
            {
                sb.AppendLine();
                sb.AppendLine($"{Escape.Markdown(p.Id)}, {Escape.Markdown(v.Label)}:");
                sb.AppendLine();
                sb.AppendLine(Escape.MarkdownBlock(v.Text));
            }
        }
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
            sb.AppendLine($"- {Escape.Markdown(line)}");
        }
    }
}
