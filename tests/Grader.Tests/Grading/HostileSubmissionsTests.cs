using Grader.Grading;
using Grader.Grading.Execution;
using Grader.Grading.Reports;
using Grader.Problems.Yaml;

namespace Grader.Tests.Grading;

/// <summary>
/// The adversarial suite: each file in Hostile/submissions is one attack, with its expected status in a
/// header (<c>// expect:</c>), a text the report must hold (<c>// reason:</c>, or <c>part: status</c>), and
/// optionally a text it must not hold (<c>// absent:</c>). Every attack runs through a shared worker pool under
/// bubblewrap and through one without it.
/// </summary>
[Parallelizable(ParallelScope.Children)]
public class HostileSubmissionsTests
{
    public static readonly ExecutionLimits Limits = new()
    {
        Compile = TimeSpan.FromSeconds(8),
        TopLevel = TimeSpan.FromSeconds(2),
        PerCase = TimeSpan.FromSeconds(1),
        Total = TimeSpan.FromSeconds(15),
        HeapBytes = 256L * 1024 * 1024,
    };

    private static readonly Lazy<GradingProblem> Problem = new(() =>
        new GradingProblem(SpecLoader.LoadFile(Repo.Path("tests", "Grader.Tests", "Hostile", "hostile.yaml")).Problem!));

    public static IEnumerable<TestCaseData> Attacks()
    {
        foreach (var file in Directory.EnumerateFiles(Repo.Path("tests", "Grader.Tests", "Hostile", "submissions"), "*.csx").Order(StringComparer.Ordinal))
        {
            foreach (var sandbox in new[] { "pool", "no-bwrap" })
            {
                yield return new TestCaseData(Path.GetFileName(file), sandbox).SetName($"Hostile_{Path.GetFileNameWithoutExtension(file)}_{sandbox}");
            }
        }
    }

    [TestCaseSource(nameof(Attacks))]
    public void Hostile_GetsItsOwnStatus(string file, string sandbox)
    {
        if (sandbox == "pool")
        {
            Assert.That(Bubblewrap.IsAvailable, Is.True, TestMachine.NeedsBubblewrap);
        }
        var path = Repo.Path("tests", "Grader.Tests", "Hostile", "submissions", file);
        var header = File.ReadLines(path).TakeWhile(l => l.StartsWith("//", StringComparison.Ordinal))
            .Select(l => l[2..].Trim().Split(':', 2)).Where(p => p.Length == 2).ToLookup(p => p[0].Trim(), p => p[1].Trim());
        // Every attack goes through one of two shared worker pools (with bubblewrap and without), so that a worker left
        // faulty by one attack would show in the next.
        IExecutionRunner runner = sandbox == "pool" ? TestRunners.Pool : TestRunners.PoolWithoutBubblewrap;
        var grader = new SubmissionGrader(runner, Limits);

        var report = grader.Grade(Problem.Value, "hostile", path);

        var text = ReportJson.Write(report);
        Assert.That(report.Status, Is.EqualTo(header["expect"].Single()), text);
        foreach (var reason in header["reason"])
        {
            var partStatus = reason.Split(": ", 2);
            if (partStatus.Length == 2 && report.Parts.Any(p => p.Id == partStatus[0]))
            {
                Assert.That(report.Parts.Single(p => p.Id == partStatus[0]).Status, Is.EqualTo(partStatus[1]), text);
            }
            else
            {
                Assert.That(text, Does.Contain(reason));
            }
        }
        foreach (var absent in header["absent"])
        {
            Assert.That(text, Does.Not.Contain(absent));
        }
        AssertCannotForge(report);
        if (report.Status is Status.Rejected or Status.CompileError)
        {
            Assert.That(report.Diagnostics, Is.Not.Empty);
            Assert.That(report.Diagnostics[0], Does.Match(@"^[\w.-]+\.csx:\d+:\d+: error "), "diagnostics name file:line:column");
        }
    }

    /// <summary>
    /// What no submission can do to its report: make it large, or give it structure of its own in any format
    /// (a second heading or table row in Markdown, control characters that redraw a terminal).
    /// </summary>
    public static void AssertCannotForge(SubmissionReport report)
    {
        var json = ReportJson.Write(report);
        var md = ReportMarkdown.Write(report);
        var text = ReportText.Write(report);
        foreach (var (format, body) in new[] { ("json", json), ("md", md), ("text", text) })
        {
            Assert.That(body, Has.Length.LessThan(64 * 1024), $"the {format} report is over 64 KB");
        }
        Assert.That(text.Where(c => char.IsControl(c) && c != '\n'), Is.Empty, "control characters in the terminal report");
        Assert.That(md.Where(c => char.IsControl(c) && c != '\n'), Is.Empty, "control characters in the Markdown report");
        var lines = md.Split('\n');
        Assert.That(lines.Count(l => l.StartsWith('#')), Is.EqualTo(1 + new[] { report.Diagnostics.Count, report.Warnings.Count, string.IsNullOrEmpty(report.Output) ? 0 : 1 }.Count(n => n > 0)),
            "only the report's own headings");
        Assert.That(lines.Count(l => l.StartsWith('|')), Is.EqualTo(report.Parts.Count + 2), "only the report's own table rows");
        Assert.That(md, Does.Not.Contain("<!--"), "no HTML comment");
        using var doc = System.Text.Json.JsonDocument.Parse(json);
        Assert.That(doc.RootElement.GetProperty("parts").GetArrayLength(), Is.EqualTo(report.Parts.Count));
    }

    public const string Honest = "Answer(\"value\", 6);\ndouble Twice(double x) => 2 * x;\ndouble Thrice(double x) => 3 * x;\nAnswer(\"fit.w\", new[] { 1.0, 2.0 });\n";

    [Test]
    public void Pool_AfterEveryAttack_StillGradesAnHonestSubmissionCorrectly()
    {
        var honest = Path.Combine(Path.GetTempPath(), $"honest-{Guid.NewGuid():N}.csx");
        File.WriteAllText(honest, Honest);
        try
        {
            var grader = new SubmissionGrader(TestRunners.Pool, Limits);
            foreach (var attack in Directory.EnumerateFiles(Repo.Path("tests", "Grader.Tests", "Hostile", "submissions"), "*.csx").Order(StringComparer.Ordinal))
            {
                grader.Grade(Problem.Value, "hostile", attack);
                var report = grader.Grade(Problem.Value, "honest", honest);
                Assert.That((report.Status, report.Score), Is.EqualTo((Status.Graded, 4.0)), $"after {Path.GetFileName(attack)}: {ReportJson.Write(report)}");
                Assert.That(report.Output, Is.Null, $"after {Path.GetFileName(attack)}");
            }
        }
        finally
        {
            File.Delete(honest);
        }
    }

    [Test]
    public void Suite_HasAtLeastThirtyAttacks() =>
        Assert.That(Directory.EnumerateFiles(Repo.Path("tests", "Grader.Tests", "Hostile", "submissions"), "*.csx").Count(), Is.GreaterThanOrEqualTo(30));

    [TestCase(10_000)]
    [TestCase(250)]
    public void Hostile_DeeplyNestedParentheses_RejectedBeforeParsing(int depth)
    {
        var source = "Answer(\"value\", " + new string('(', depth) + "6" + new string(')', depth) + ");";
        var result = Grader.Scripting.ScriptCompiler.Compile(source, "nested.csx");
        Assert.That(result.Status, Is.EqualTo(Grader.Scripting.CompileResult.Rejected));
        Assert.That(result.Errors[0].Message, Does.Contain("nest more than"));
    }

    [Test]
    public void Hostile_HugeFile_RejectedBeforeParsing()
    {
        var source = string.Concat(Enumerable.Repeat("Answer(\"value\", 6);\n", 20_000));
        var result = Grader.Scripting.ScriptCompiler.Compile(source, "huge.csx");
        Assert.That(result.Status, Is.EqualTo(Grader.Scripting.CompileResult.Rejected));
        Assert.That(result.Errors[0].Message, Does.Contain("characters; the limit is"));
    }
}
