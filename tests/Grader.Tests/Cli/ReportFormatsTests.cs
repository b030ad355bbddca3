using Grader.Grading.Reports;

namespace Grader.Tests.Cli;

/// <summary>
/// One registry of report formats (<see cref="ReportFormats"/>): <c>check</c> and <c>grade</c> take the same names
/// where both make sense, and each name means the same report in both.
/// </summary>
public class ReportFormatsTests
{
    private const string Spec = "problems/cs577-a2/regression-network.yaml";
    private const string Student = "partial";

    [Test]
    public void Registry_NamesAreUnique_AndCheckTakesEveryOne()
    {
        var names = ReportFormats.All.Select(f => f.Name).ToList();
        Assert.That(names, Is.Unique);
        Assert.That(names, Is.SupersetOf(new[] { "text", "json", "md", "junit", "gradescope", "classroom" }));
        foreach (var f in ReportFormats.All)
        {
            var r = CliRunner.Run("check", Spec, $"submissions/{Student}/regression-network.csx", "--format", f.Name);
            Assert.That(r.ExitCode, Is.EqualTo(1), $"{f.Name}: {r.Stderr}");
            Assert.That(r.Stdout, Is.Not.Empty, f.Name);
        }
    }

    /// <summary>A name both verbs take is the same report: check's standard output is the file grade writes.</summary>
    [Test]
    public void CheckAndGrade_SameName_SameReport()
    {
        var submissions = Directory.CreateTempSubdirectory("formats-sub-").FullName;
        var output = Path.Combine(Path.GetTempPath(), $"formats-out-{Guid.NewGuid():N}");
        try
        {
            Directory.CreateDirectory(Path.Combine(submissions, Student));
            File.Copy(Repo.Path("submissions", Student, "regression-network.csx"), Path.Combine(submissions, Student, "regression-network.csx"));
            var problems = Directory.CreateTempSubdirectory("formats-problems-").FullName;
            File.Copy(Repo.Path(Spec), Path.Combine(problems, "regression-network.yaml"));
            var names = ReportFormats.ForClass.Select(f => f.Name).ToArray();
            var graded = CliRunner.Run(["grade", problems, submissions, "--out", output, "--format", string.Join(",", names)]);
            Assert.That(graded.ExitCode, Is.EqualTo(0), graded.Stderr);

            string Check(string format) =>
                CliRunner.RunIn(submissions, new Dictionary<string, string?>(), ["check", Path.Combine(problems, "regression-network.yaml"), $"{Student}/regression-network.csx", "--student", Student, "--format", format]).Stdout;
            // The same report but for how the submission ran (check: a fresh process; grade: a pool of workers).
            Assert.That(Fields(Check("json")), Is.EqualTo(Fields(File.ReadAllText(Path.Combine(output, Student, "regression-network.json")))));
            Assert.That(WithoutSandbox(Check("md")), Is.EqualTo(WithoutSandbox(File.ReadAllText(Path.Combine(output, Student, "regression-network.md")))));
            // junit's file= is the submission's path relative to the graded folder in both.
            Assert.That(Check("junit").Replace("\r", ""), Does.Contain($"file=\"{Student}/regression-network.csx\""));
            Assert.That(File.ReadAllText(Path.Combine(output, ClassOutputs.JUnitFile)), Does.Contain($"file=\"{Student}/regression-network.csx\""));
            Assert.That(File.Exists(Path.Combine(output, Student, "regression-network" + ClassOutputs.GradescopeSuffix)), Is.True);
            Directory.Delete(problems, true);
        }
        finally
        {
            Directory.Delete(submissions, true);
            if (Directory.Exists(output))
            {
                Directory.Delete(output, true);
            }
        }
    }

    /// <summary>The report's fields but how it ran and the batch's fingerprint for resuming.</summary>
    private static string Fields(string json)
    {
        var o = System.Text.Json.Nodes.JsonNode.Parse(json)!.AsObject();
        o.Remove("sandbox");
        o.Remove("fingerprint");
        return o.ToJsonString();
    }

    private static string WithoutSandbox(string report) => string.Join("\n", report.Split('\n').Where(l => !l.Contains("sandbox", StringComparison.Ordinal)));

    [Test]
    public void Grade_AReportOfOneSubmission_IsRefusedWithWhereItBelongs()
    {
        var output = Path.Combine(Path.GetTempPath(), $"formats-text-{Guid.NewGuid():N}");
        var r = CliRunner.Run("grade", "problems/cs577-a2", "submissions", "--out", output, "--format", "text");
        Assert.That(r.ExitCode, Is.EqualTo(2));
        Assert.That(r.Stderr, Does.Contain("`text` is a report of one submission (check --format text)").And.Contain("json and md are always written"));
        var unknown = CliRunner.Run("grade", "problems/cs577-a2", "submissions", "--out", output, "--format", "pdf");
        Assert.That(unknown.Stderr, Does.Contain("unknown --format `pdf`"));
    }
}
