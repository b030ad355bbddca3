namespace Grader.Grading.Reports;

/// <summary>
/// One report stays under <see cref="MaxReportChars"/> whatever a submission does: every student string is already
/// bounded where it enters, and this is the last line, cutting the longest fields until the whole fits.
/// </summary>
public static class ReportLimits
{
    public const int MaxReportChars = 60 * 1024;

    public static SubmissionReport Fit(SubmissionReport report)
    {
        if (Size(report) <= MaxReportChars)
        {
            return report;
        }
        // The laid-out values go first: the feedback's line still names the shapes and the worst element.
        report = report with { Parts = report.Parts.Select(p => p.Values is null ? p : p with { Values = null }).ToList() };
        if (Size(report) <= MaxReportChars)
        {
            return report;
        }
        var cut = report with
        {
            Output = report.Output is null ? null : Protocol.ProtocolLimits.Cut(report.Output, 1000),
            Warnings = Cap(report.Warnings, 3),
            Diagnostics = Cap(report.Diagnostics, 5),
            Message = report.Message is null ? null : Protocol.ProtocolLimits.Cut(report.Message, 300),
        };
        if (Size(cut) <= MaxReportChars)
        {
            return cut;
        }
        var perPart = Math.Max(80, (MaxReportChars - 8192) / Math.Max(1, cut.Parts.Count) - 200);
        return cut with { Parts = cut.Parts.Select(p => p with { Feedback = Protocol.ProtocolLimits.Cut(p.Feedback, perPart) }).ToList() };
    }

    private static List<string> Cap(IReadOnlyList<string> lines, int keep) =>
        lines.Count <= keep ? [.. lines.Select(l => Protocol.ProtocolLimits.Cut(l, 300))]
            : [.. lines.Take(keep).Select(l => Protocol.ProtocolLimits.Cut(l, 300)), $"... and {lines.Count - keep} more"];

    private static int Size(SubmissionReport r) =>
        (r.Output?.Length ?? 0) + (r.Message?.Length ?? 0) + r.Warnings.Sum(w => w.Length + 8) + r.Diagnostics.Sum(d => d.Length + 8)
        + r.Parts.Sum(p => p.Id.Length + p.Feedback.Length + (p.Values?.Sum(v => v.Label.Length + v.Text.Length + 64) ?? 0) + 120) + 1024;
}
