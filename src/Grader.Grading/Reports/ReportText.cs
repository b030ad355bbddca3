using System.Globalization;
using System.Text;

namespace Grader.Grading.Reports;

/// <summary>The student's pre-check: a short table, a mark per part, then the feedback.</summary>
public static class ReportText
{
    public static string Mark(string status) => status switch
    {
        Status.Correct => "✓",
        Status.Partial => "~",
        _ => "✗",
    };

    public static string Write(SubmissionReport r)
    {
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.AppendLine(inv, $"{r.Problem}: {r.Score:0.##} / {r.MaxScore:0.##} ({r.Status})");
        if (r.Message is not null)
        {
            sb.AppendLine(inv, $"  {r.Message}");
        }
        foreach (var d in r.Diagnostics)
        {
            sb.AppendLine(inv, $"  {d}");
        }
        var width = r.Parts.Count == 0 ? 4 : r.Parts.Max(p => p.Id.Length);
        foreach (var p in r.Parts)
        {
            sb.AppendLine(inv, $"  {Mark(p.Status)} {p.Id.PadRight(width)}  {p.Score,5:0.##} / {p.MaxScore,-5:0.##} {p.Status}");
            if (r.Status == Status.Graded)
            {
                sb.AppendLine(inv, $"      {p.Feedback}");
            }
        }
        foreach (var w in r.Warnings)
        {
            sb.AppendLine(inv, $"  warning: {w}");
        }
        if (r.Output is not null)
        {
            sb.AppendLine("  output:");
            foreach (var line in r.Output.Split('\n'))
            {
                sb.AppendLine(inv, $"    | {line}");
            }
        }
        if (r.Sandbox is not null)
        {
            sb.AppendLine(inv, $"  (ran {r.Sandbox})");
        }
        return sb.ToString();
    }
}
