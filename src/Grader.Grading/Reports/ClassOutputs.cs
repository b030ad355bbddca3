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
    public const string GradebookFile = "gradebook.csv";
    public const string ProblemsFile = "problems.json";
    public const string ClassReportFile = "index.html";
    public const string JUnitFile = "junit.xml";

    /// <summary>The details of a fault of the grader's own (<see cref="BatchGrader"/>), appended to as they happen.</summary>
    public const string ErrorLogFile = "grader-errors.log";

    /// <summary>The compile cache <c>grade</c> keeps beside the reports.</summary>
    public const string CompileCacheFolder = ".grader-cache";

    public const string GradescopeSuffix = ".gradescope.json";

    /// <summary>
    /// Each student's one Gradescope results.json over every problem (<see cref="ReportGradescope.WriteAssignment"/>).
    /// No problem's file can have this name: a problem id holds no '.'.
    /// </summary>
    public const string GradescopeAssignmentFile = "gradescope.results.json";

    /// <summary>
    /// Every name <c>grade</c> and <c>merge</c> write at the top of the output folder besides the student folders.
    /// A student folder of one of these names would be the path of a class file, so it is not graded
    /// (<see cref="IsReserved"/>). A new class-level file is added here.
    /// </summary>
    public static readonly IReadOnlyList<string> ReservedNames = [GradebookFile, ProblemsFile, ClassReportFile, JUnitFile, ErrorLogFile, CompileCacheFolder];

    /// <summary>
    /// Whether a student folder of this name would collide with a class-level file or folder. Compared ignoring case,
    /// so that the same students are graded on a file system that ignores it (<c>INDEX.HTML</c> is <c>index.html</c>
    /// there) and shards graded on different machines agree. Temporary files start with '.', as no student folder does.
    /// </summary>
    public static bool IsReserved(string folderName) => ReservedNames.Contains(folderName, StringComparer.OrdinalIgnoreCase);

    /// <summary>Why a student folder of a reserved name is not graded, for the instructor.</summary>
    public static readonly string ReservedNote =
        $"its name is that of a file or folder grade writes beside the student folders ({string.Join(", ", ReservedNames)}; ignoring case)";

    public static string ProblemsJson(IReadOnlyList<ProblemInfo> problems) => JsonSerializer.Serialize(problems, ReportJson.Options) + "\n";

    public static IReadOnlyList<ProblemInfo>? ReadProblems(string json) => JsonSerializer.Deserialize<List<ProblemInfo>>(json, ReportJson.Options);

    /// <summary>
    /// Writes every class-level file, each on its own: one that cannot be written (a folder in its place, a full disk)
    /// is returned as a failure, and every other file is written all the same.
    /// </summary>
    /// <returns>The files that could not be written, each with the reason.</returns>
    public static IReadOnlyList<string> Write(string outDir, IReadOnlyList<string> students, IReadOnlyList<ProblemInfo> problems,
        IReadOnlyDictionary<(string Student, string Problem), SubmissionReport> reports, IReadOnlyCollection<string> formats)
    {
        var failures = new List<string>();
        void Put(string path, Func<string> text)
        {
            if (BatchGrader.TryWriteAtomically(path, text) is { } failure)
            {
                failures.Add(failure);
            }
        }
        var ids = problems.Select(p => p.Id).ToList();
        Put(Path.Combine(outDir, GradebookFile), () => Gradebook.Write(students, ids, reports));
        Put(Path.Combine(outDir, ProblemsFile), () => ProblemsJson(problems));
        Put(Path.Combine(outDir, ClassReportFile), () => ClassReportHtml.Write(students, problems, reports));
        foreach (var s in students)
        {
            Put(Path.Combine(outDir, s, "index.html"), () => StudentPageHtml.Write(s, problems, reports));
        }
        var data = new ClassReports(students, problems, reports);
        foreach (var format in ReportFormats.ForClass.Where(f => formats.Contains(f.Name)))
        {
            foreach (var (path, text) in format.ClassFiles(data))
            {
                Put(Path.Combine(outDir, path), text);
            }
        }
        return failures;
    }
}
