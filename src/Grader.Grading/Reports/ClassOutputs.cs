using System.Text.Json;

namespace Grader.Grading.Reports;

/// <summary>
/// Everything a batch writes beside the per-submission reports, made from the reports alone so that <c>merge</c>
/// writes exactly what one run writes: <c>gradebook.csv</c>, <c>problems.json</c>, the class report
/// <c>index.html</c>, each student's <c>&lt;student&gt;/index.html</c>, and on request <c>junit.xml</c> and
/// <c>&lt;student&gt;/&lt;problem&gt;.gradescope.json</c> with <c>&lt;student&gt;/gradescope.results.json</c> (every problem at once).
/// </summary>
public static class ClassOutputs
{
    public const string ProblemsFile = "problems.json";
    public const string JUnitFile = "junit.xml";
    public const string GradescopeSuffix = ".gradescope.json";

    /// <summary>
    /// Each student's one Gradescope results.json over every problem (<see cref="ReportGradescope.WriteAssignment"/>).
    /// No problem's file can have this name: a problem id holds no '.'.
    /// </summary>
    public const string GradescopeAssignmentFile = "gradescope.results.json";

    public static string ProblemsJson(IReadOnlyList<ProblemInfo> problems) => JsonSerializer.Serialize(problems, ReportJson.Options) + "\n";

    public static IReadOnlyList<ProblemInfo>? ReadProblems(string json) => JsonSerializer.Deserialize<List<ProblemInfo>>(json, ReportJson.Options);

    public static void Write(string outDir, IReadOnlyList<string> students, IReadOnlyList<ProblemInfo> problems,
        IReadOnlyDictionary<(string Student, string Problem), SubmissionReport> reports, IReadOnlyCollection<string> formats)
    {
        var ids = problems.Select(p => p.Id).ToList();
        BatchGrader.WriteAtomically(Path.Combine(outDir, "gradebook.csv"), Gradebook.Write(students, ids, reports));
        BatchGrader.WriteAtomically(Path.Combine(outDir, ProblemsFile), ProblemsJson(problems));
        BatchGrader.WriteAtomically(Path.Combine(outDir, "index.html"), ClassReportHtml.Write(students, problems, reports));
        foreach (var s in students)
        {
            BatchGrader.WriteAtomically(Path.Combine(outDir, s, "index.html"), StudentPageHtml.Write(s, problems, reports));
        }
        var ordered = students.SelectMany(s => problems.Select(p => reports.TryGetValue((s, p.Id), out var r) ? r : null)).OfType<SubmissionReport>().ToList();
        if (formats.Contains("junit"))
        {
            BatchGrader.WriteAtomically(Path.Combine(outDir, JUnitFile), ReportJUnit.Write(ordered));
        }
        if (formats.Contains("gradescope"))
        {
            var byId = problems.ToDictionary(p => p.Id);
            foreach (var r in ordered)
            {
                BatchGrader.WriteAtomically(Path.Combine(outDir, r.Student, r.Problem + GradescopeSuffix), ReportGradescope.Write(r, byId.GetValueOrDefault(r.Problem)));
            }
            foreach (var s in students)
            {
                BatchGrader.WriteAtomically(Path.Combine(outDir, s, GradescopeAssignmentFile), ReportGradescope.WriteAssignment(s, problems, reports));
            }
        }
    }
}
