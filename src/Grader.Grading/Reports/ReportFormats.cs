namespace Grader.Grading.Reports;

/// <summary>What a format needs to write one submission's report (<c>check</c>'s standard output).</summary>
/// <param name="Problem">The problem as reports describe it (parts, points, visibility); null where unknown.</param>
/// <param name="Seconds">How long grading took, for formats that say so.</param>
/// <param name="HiddenVisibility">When Gradescope shows a hidden part (<see cref="ReportGradescope.Visibilities"/>).</param>
/// <param name="SubmissionPath">The submission's path as the report should name it (relative to the graded folder).</param>
public sealed record OneReport(ProblemInfo? Problem, double? Seconds = null, string HiddenVisibility = "after_published", string? SubmissionPath = null);

/// <summary>What a batch graded, for the files a format writes for a class (<c>grade</c>, <c>merge</c>).</summary>
public sealed record ClassReports(IReadOnlyList<string> Students, IReadOnlyList<ProblemInfo> Problems,
    IReadOnlyDictionary<(string Student, string Problem), SubmissionReport> Reports)
{
    /// <summary>Every report, student by student, in problem order.</summary>
    public IReadOnlyList<SubmissionReport> Ordered { get; } =
        Students.SelectMany(s => Problems.Select(p => Reports.TryGetValue((s, p.Id), out var r) ? r : null)).OfType<SubmissionReport>().ToList();
}

/// <summary>
/// One report format as the command line names it (<c>--format</c>): what it writes for one submission, and what a
/// batch writes for it beside the per-student reports. Every format is one of <see cref="ReportFormats.All"/>.
/// </summary>
public interface IReportFormat
{
    /// <summary>The name <c>--format</c> takes.</summary>
    string Name { get; }

    /// <summary>A few words for <c>--help</c>.</summary>
    string Description { get; }

    /// <summary>Whether <c>grade</c> writes it for every batch whether asked or not (its per-submission files).</summary>
    bool AlwaysForClass => false;

    /// <summary>Whether a batch has an output of it (files or, for a CI format, what the command line writes).</summary>
    bool ForClass => true;

    /// <summary>One submission's report.</summary>
    string One(SubmissionReport report, OneReport context);

    /// <summary>The files a batch writes for it, each a path relative to the output folder and its text; none by default.</summary>
    IEnumerable<(string Path, Func<string> Text)> ClassFiles(ClassReports reports) => [];
}

/// <summary>The registry of report formats: <c>check</c> and <c>grade</c> accept the same names where both make sense.</summary>
public static class ReportFormats
{
    public static readonly IReportFormat Text = new TextFormat();
    public static readonly IReportFormat Json = new JsonFormat();
    public static readonly IReportFormat Markdown = new MarkdownFormat();
    public static readonly IReportFormat JUnit = new JUnitFormat();
    public static readonly IReportFormat Gradescope = new GradescopeFormat();
    public static readonly IReportFormat Classroom = new ClassroomFormat();

    public static readonly IReadOnlyList<IReportFormat> All = [Text, Json, Markdown, JUnit, Gradescope, Classroom];

    /// <summary>The formats a batch can write (<c>grade --format</c>).</summary>
    public static IReadOnlyList<IReportFormat> ForClass => [.. All.Where(f => f.ForClass)];

    public static IReportFormat? Find(string name) => All.FirstOrDefault(f => f.Name == name);

    /// <summary>"name: description" lines for <c>--help</c>.</summary>
    public static string Describe(IEnumerable<IReportFormat> formats) => string.Join("; ", formats.Select(f => $"{f.Name} ({f.Description})"));

    private sealed class TextFormat : IReportFormat
    {
        public string Name => "text";
        public string Description => "for people; the default of check";
        public bool ForClass => false;
        public string One(SubmissionReport report, OneReport context) => ReportText.Write(report);
    }

    private sealed class JsonFormat : IReportFormat
    {
        public string Name => "json";
        public string Description => "the report JSON of FORMAT.md section 4; grade writes <student>/<problem>.json always";
        public bool AlwaysForClass => true;
        public string One(SubmissionReport report, OneReport context) => ReportJson.Write(report);
    }

    private sealed class MarkdownFormat : IReportFormat
    {
        public string Name => "md";
        public string Description => "the Markdown report; grade writes <student>/<problem>.md always";
        public bool AlwaysForClass => true;
        public string One(SubmissionReport report, OneReport context) => ReportMarkdown.Write(report);
    }

    private sealed class JUnitFormat : IReportFormat
    {
        public string Name => "junit";
        public string Description => "JUnit XML; grade writes <out>/junit.xml";
        public string One(SubmissionReport report, OneReport context) =>
            ReportJUnit.Write([report], context.SubmissionPath is { } path ? _ => path : null);
        public IEnumerable<(string, Func<string>)> ClassFiles(ClassReports c) => [(ClassOutputs.JUnitFile, () => ReportJUnit.Write(c.Ordered))];
    }

    private sealed class GradescopeFormat : IReportFormat
    {
        public string Name => "gradescope";
        public string Description => "Gradescope's results.json; grade writes <student>/<problem>.gradescope.json and <student>/gradescope.results.json";
        public string One(SubmissionReport report, OneReport context) =>
            ReportGradescope.Write(report, context.Problem, context.Seconds, context.HiddenVisibility);
        public IEnumerable<(string, Func<string>)> ClassFiles(ClassReports c)
        {
            var byId = c.Problems.ToDictionary(p => p.Id);
            foreach (var r in c.Ordered)
            {
                yield return (Path.Combine(r.Student, r.Problem + ClassOutputs.GradescopeSuffix), () => ReportGradescope.Write(r, byId.GetValueOrDefault(r.Problem)));
            }
            foreach (var s in c.Students)
            {
                yield return (Path.Combine(s, ClassOutputs.GradescopeAssignmentFile), () => ReportGradescope.WriteAssignment(s, c.Problems, c.Reports));
            }
        }
    }

    /// <summary>GitHub Classroom: the student's own report as text; the reporter's result goes to the step output (the command line's).</summary>
    private sealed class ClassroomFormat : IReportFormat
    {
        public string Name => "classroom";
        public string Description => "GitHub Classroom's step output and the student's own report in the log and job summary";
        public string One(SubmissionReport report, OneReport context) => ReportClassroom.Text([report]);
    }
}
