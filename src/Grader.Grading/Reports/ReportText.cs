using System.Globalization;
using System.Text;

namespace Grader.Grading.Reports;

/// <summary>The student's pre-check: a short table, a mark per part, then the feedback. Every field is escaped for a terminal.</summary>
public static class ReportText
{
    public static string Mark(string status) => status switch
    {
        Status.Correct or Status.Ready => "✓",
        Status.Partial => "~",
        _ => "✗",
    };

    public static string Write(SubmissionReport r)
    {
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        var isPublic = r.PublicCheck == true;
        sb.AppendLine(isPublic
            ? string.Create(inv, $"{Escape.Line(r.Problem)}: {(PublicCheck.IsReady(r) ? "ready to submit" : r.Status == Status.Checked ? "not ready yet" : $"not ready: {Escape.Line(r.Status)}")} ({r.MaxScore:0.##} points when graded)")
            : string.Create(inv, $"{Escape.Line(r.Problem)}: {r.Score:0.##} / {r.MaxScore:0.##} ({Escape.Line(r.Status)})"));
        if (r.Message is not null)
        {
            sb.AppendLine(inv, $"  {Escape.Line(r.Message)}");
        }
        foreach (var d in r.Diagnostics)
        {
            sb.AppendLine(inv, $"  {Escape.Line(d)}");
        }
        var ids = r.Parts.Select(p => Escape.Line(p.Id)).ToList();
        var width = ids.Count == 0 ? 4 : Math.Min(40, ids.Max(id => id.Length));
        for (var i = 0; i < r.Parts.Count; i++)
        {
            var p = r.Parts[i];
            sb.AppendLine(isPublic
                ? string.Create(inv, $"  {Mark(p.Status)} {ids[i].PadRight(width)}  {p.MaxScore,5:0.##} pt  {Escape.Line(p.Status)}")
                : string.Create(inv, $"  {Mark(p.Status)} {ids[i].PadRight(width)}  {p.Score,5:0.##} / {p.MaxScore,-5:0.##} {Escape.Line(p.Status)}"));
            // A part's own feedback, unless it only repeats the run's message above (a script that did not compile).
            if (r.Status is Status.Graded or Status.Checked || isPublic && r.Status == Status.Crashed || p.Feedback != r.Message)
            {
                sb.AppendLine(inv, $"      {Escape.Line(p.Feedback)}");
                foreach (var v in p.Values ?? [])
                {
                    sb.AppendLine(inv, $"      {Escape.Line(v.Label)}:");
                    foreach (var line in Escape.Lines(v.Text))
                    {
                        sb.AppendLine(inv, $"        {line}");
                    }
                }
            }
        }
        foreach (var w in r.Warnings)
        {
            sb.AppendLine(inv, $"  warning: {Escape.Line(w)}");
        }
        if (r.Output is { Length: > 0 })
        {
            sb.AppendLine("  output:");
            foreach (var line in Escape.Lines(r.Output))
            {
                sb.AppendLine(inv, $"    | {line}");
            }
        }
        if (r.Sandbox is not null)
        {
            sb.AppendLine(inv, $"  (ran {Escape.Line(r.Sandbox)})");
        }
        return sb.ToString();
    }
}
