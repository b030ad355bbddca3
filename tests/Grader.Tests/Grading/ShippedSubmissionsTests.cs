using Grader.Grading;
using Grader.Grading.Execution;
using Grader.Grading.Reports;
using Grader.Problems.Yaml;

namespace Grader.Tests.Grading;

/// <summary>
/// End to end (slow: every submission through the shared worker pool): the shipped submissions graded against the
/// shipped problems, every report pinned by an approved file, and the scores that matter asserted outright.
/// </summary>
public class ShippedSubmissionsTests
{
    private static string _out = "";
    private static BatchSummary? _summary;

    public static IReadOnlyList<GradingProblem> LoadProblems() =>
        Directory.EnumerateFiles(Repo.Path("problems"), "*.yaml", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
            .Select(f => new GradingProblem(SpecLoader.LoadFile(f).Problem!)).ToList();

    [OneTimeSetUp]
    public void GradeAll()
    {
        _out = Path.Combine(Path.GetTempPath(), "grader-shipped-" + Guid.NewGuid().ToString("N"));
        var grader = new BatchGrader(new SubmissionGrader(TestRunners.Pool, ExecutionLimits.Default));
        _summary = grader.Run(LoadProblems(), Repo.Path("submissions"), _out);
    }

    [OneTimeTearDown]
    public void CleanUp() => Directory.Delete(_out, recursive: true);

    public static IEnumerable<string> ReportNames() =>
        Directory.EnumerateDirectories(Repo.Path("submissions")).Order(StringComparer.Ordinal)
            .SelectMany(s => Directory.EnumerateFiles(Repo.Path("problems"), "*.yaml", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
                .Select(p => $"{Path.GetFileName(s)}/{Path.GetFileNameWithoutExtension(p)}"));

    [TestCaseSource(nameof(ReportNames))]
    public void SlowEndToEnd_Report_MatchesApproved(string name)
    {
        Approvals.Verify(Path.Combine("reports", name + ".json"), Approvals.ScrubbedReport(Path.Combine(_out, name + ".json")));
    }

    [TestCase("write-up-mistakes/regression-network")]
    [TestCase("compile-error/regression-network")]
    [TestCase("missing-parts/regression-network")]
    public void SlowEndToEnd_MarkdownReport_MatchesApproved(string name) =>
        Approvals.Verify(Path.Combine("reports", name + ".md"), File.ReadAllText(Path.Combine(_out, name + ".md")));

    [TestCase("all-correct", "regression-network", 30, Status.Graded)]
    [TestCase("all-correct", "relu-fit", 10, Status.Graded)]
    [TestCase("write-up-mistakes", "regression-network", 0, Status.Graded)]
    [TestCase("write-up-mistakes", "relu-fit", 10, Status.Graded)]
    [TestCase("partial", "regression-network", 10.47619, Status.Graded)]
    [TestCase("compile-error", "regression-network", 0, Status.CompileError)]
    [TestCase("missing-parts", "regression-network", 5, Status.Graded)]
    [TestCase("missing-parts", "jacobians", 0, Status.Missing)]
    [TestCase("all-correct", "softmax-classifier", 14, Status.Graded)]
    [TestCase("all-correct", "formula-gradient", 8, Status.Graded)]
    [TestCase("write-up-mistakes", "softmax-classifier", 0, Status.Graded)]
    [TestCase("all-correct", "rnn-bptt", 20, Status.Graded)]
    [TestCase("all-correct", "momentum-steps", 14, Status.Graded)]
    [TestCase("partial", "rnn-bptt", 9, Status.Graded)]
    [TestCase("partial", "momentum-steps", 5, Status.Graded)]
    [TestCase("all-correct", "lstm-bptt", 18, Status.Graded)]
    [TestCase("all-correct", "gru-bptt", 17, Status.Graded)]
    [TestCase("partial", "lstm-bptt", 5, Status.Graded)]
    [TestCase("partial", "gru-bptt", 4, Status.Graded)]
    public void SlowEndToEnd_ScoreAndStatus(string student, string problem, double score, string status)
    {
        var report = ReportJson.Read(File.ReadAllText(Path.Combine(_out, student, problem + ".json")))!;
        Assert.That(report.Status, Is.EqualTo(status));
        Assert.That(report.Score, Is.EqualTo(score).Within(1e-5));
    }

    [Test]
    public void SlowEndToEnd_AllCorrect_GetsFullMarksEverywhere()
    {
        var rows = File.ReadAllLines(Path.Combine(_out, "gradebook.csv"));
        var header = rows[0].Split(',');
        var row = rows.Single(r => r.StartsWith("all-correct,", StringComparison.Ordinal)).Split(',');
        var maxTotal = LoadProblems().Sum(p => p.Problem.Points);
        Assert.That(header[^1], Is.EqualTo("total"));
        Assert.That(double.Parse(row[^1], System.Globalization.CultureInfo.InvariantCulture), Is.EqualTo(maxTotal));
        Assert.That(_summary!.Graded, Is.EqualTo(_summary.Submissions));
    }

    [Test]
    public void SlowEndToEnd_Gradebook_MatchesApproved() =>
        Approvals.Verify("reports/gradebook.csv", File.ReadAllText(Path.Combine(_out, "gradebook.csv")));
}
