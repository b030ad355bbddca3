using System.Text;
using System.Text.Json;
using System.Xml.Linq;

namespace Grader.Tests.Cli;

/// <summary>
/// <c>check --format gradescope | classroom | junit</c> and the job summary, through the real executable, each held to
/// the fields its consumer reads (Gradescope's results.json specification, the classroom grading reporter's code,
/// the JUnit XML that GitLab and Jenkins parse).
/// </summary>
[Parallelizable(ParallelScope.Children)]
public class CiFormatsTests
{
    private const string Spec = "problems/cs577-a2/regression-network.yaml";
    private const string Partial = "submissions/partial/regression-network.csx";

    private static readonly string[] Visibilities = ["hidden", "after_due_date", "after_published", "visible"];

    [Test]
    public void Check_Gradescope_HasResultsJsonFields()
    {
        var r = CliRunner.Run("check", Spec, Partial, "--format", "gradescope");
        Assert.That(r.ExitCode, Is.EqualTo(1), r.Stderr);
        var o = JsonDocument.Parse(r.Stdout).RootElement;
        Assert.That(o.GetProperty("score").GetDouble(), Is.EqualTo(10.48).Within(0.01));
        Assert.That(o.GetProperty("max_score").GetDouble(), Is.EqualTo(30));
        Assert.That(o.GetProperty("execution_time").GetDouble(), Is.GreaterThan(0));
        Assert.That(o.GetProperty("output").GetString(), Does.StartWith("regression-network: 10.48 / 30"));
        Assert.That(Visibilities, Does.Contain(o.GetProperty("visibility").GetString()));
        Assert.That(Visibilities, Does.Contain(o.GetProperty("stdout_visibility").GetString()));
        var tests = o.GetProperty("tests").EnumerateArray().ToList();
        Assert.That(tests.Select(t => t.GetProperty("name").GetString()), Is.EqualTo(new[] { "b-hidden", "b-loss", "c-grad-W", "d-grad-v-impl" }));
        Assert.That(tests.Select(t => t.GetProperty("number").GetString()), Is.EqualTo(new[] { "1", "2", "3", "4" }));
        Assert.That(tests.Select(t => t.GetProperty("status").GetString()), Is.EqualTo(new[] { "passed", "passed", "failed", "failed" }));
        Assert.That(tests.Sum(t => t.GetProperty("score").GetDouble()), Is.EqualTo(o.GetProperty("score").GetDouble()).Within(1e-9));
        Assert.That(tests.Sum(t => t.GetProperty("max_score").GetDouble()), Is.EqualTo(30));
        Assert.That(tests.All(t => t.GetProperty("output").GetString()!.Length > 0 && Visibilities.Contains(t.GetProperty("visibility").GetString())));
    }

    [Test]
    public void Check_Gradescope_APartsOwnVisibility_BeatsTheDefaultForHiddenParts()
    {
        var dir = Directory.CreateTempSubdirectory("visibility-").FullName;
        var spec = Path.Combine(dir, "vis.yaml");
        File.WriteAllText(spec, """
            id: vis
            given: { x: 2 }
            parts:
              - { id: shown-at-once, answer: 2 * x, hidden: true, visibility: visible }
              - { id: default-hidden, answer: 3 * x, hidden: true }
              - { id: never, answer: x, visibility: hidden }
            """);
        var script = Path.Combine(dir, "vis.csx");
        File.WriteAllText(script, "Answer(\"shown-at-once\", 4); Answer(\"default-hidden\", 6); Answer(\"never\", 2);");
        var r = CliRunner.Run("check", spec, script, "--format", "gradescope");
        var tests = System.Text.Json.Nodes.JsonNode.Parse(r.Stdout)!["tests"]!.AsArray();
        Assert.That(tests.Select(t => t!["visibility"]!.GetValue<string>()), Is.EqualTo(new[] { "visible", "after_published", "hidden", "after_published" }), r.Stdout + r.Stderr);
        // The last is the grader's: it keeps the total, which the never-shown part counts in, until grades are published.
        Assert.That(tests[^1]!["name"]!.GetValue<string>(), Is.EqualTo(Grader.Grading.Reports.ReportGradescope.TotalLaterName));
        var bad = File.ReadAllText(spec).Replace("visibility: visible", "visibility: later");
        File.WriteAllText(spec, bad);
        var refused = CliRunner.Run("validate", spec);
        Assert.That(refused.ExitCode, Is.EqualTo(2));
        Assert.That(refused.Stdout + refused.Stderr, Does.Contain("visibility is one of hidden, after_due_date, after_published, visible, not `later`"));
    }

    [Test]
    public void Check_Classroom_WritesBase64ResultToGithubOutput()
    {
        var file = Path.GetTempFileName();
        try
        {
            var r = CliRunner.RunWith(new Dictionary<string, string?> { ["GITHUB_OUTPUT"] = file }, "check", Spec, Partial, "--format", "classroom");
            Assert.That(r.ExitCode, Is.EqualTo(1), r.Stderr);
            Assert.That(r.Stdout, Does.Contain("regression-network: 10.48 / 30"), "the text report for the log");
            var lines = File.ReadAllLines(file);
            Assert.That(lines, Has.Length.EqualTo(1));
            Assert.That(lines[0], Does.StartWith("result="));
            // As the reporter does: Buffer.from(value, "base64"), then JSON.parse.
            var o = JsonDocument.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(lines[0]["result=".Length..]))).RootElement;
            Assert.That(o.GetProperty("version").GetInt32(), Is.EqualTo(1));
            Assert.That(o.GetProperty("status").GetString(), Is.EqualTo("fail"));
            Assert.That(o.GetProperty("max_score").GetDouble(), Is.EqualTo(30));
            var tests = o.GetProperty("tests").EnumerateArray().ToList();
            Assert.That(tests.Select(t => t.GetProperty("status").GetString()), Is.EqualTo(new[] { "pass", "pass", "fail", "fail" }));
            Assert.That(tests.Sum(t => t.GetProperty("score").GetDouble()), Is.EqualTo(10.48).Within(0.01));
            // Each test's name carries its part's points, each message names its part (the reporter prints a message alone).
            Assert.That(tests.Select(t => t.GetProperty("name").GetString()), Is.EqualTo(new[] { "b-hidden (5 / 5)", "b-loss (5 / 5)", "c-grad-W (0 / 10)", "d-grad-v-impl (0.48 / 10)" }));
            Assert.That(tests.Select(t => t.GetProperty("message").GetString()!.Split(':')[0]), Is.EqualTo(new[] { "b-hidden", "b-loss", "c-grad-W", "d-grad-v-impl" }));
            Assert.That(tests[2].GetProperty("message").GetString(), Does.StartWith("c-grad-W: 0 / 10, incorrect: ").And.Contain("transposed"));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Test]
    public void Check_Classroom_StepSummary_IsTheStudentsReport_WithWhatTheReporterShows()
    {
        var file = Path.GetTempFileName();
        try
        {
            var r = CliRunner.RunWith(new Dictionary<string, string?> { ["GITHUB_STEP_SUMMARY"] = file }, "check", Spec, Partial, "--format", "classroom");
            Assert.That(r.ExitCode, Is.EqualTo(1), r.Stderr);
            var text = File.ReadAllText(file);
            // 2 of 4 parts passed in full: the reporter's total is 2 / 4 x 30; Classroom records the points.
            Assert.That(text, Does.StartWith("# Autograding: 10.48 / 30\n"));
            Assert.That(text, Does.Contain("reads Points 10.47619/30.").And.Contain("shows 15 / 30 instead").And.Contain("(2 of 4)"));
            Assert.That(text, Does.Contain("| c-grad-W | ✗ incorrect | 0 / 10 |"));
            Assert.That(r.Stdout, Does.StartWith("Autograding: 10.48 / 30\n").And.Contain("shows 15 / 30 instead"));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Test]
    public void Check_Classroom_WithoutGithubOutput_PrintsTheLine()
    {
        var r = CliRunner.Run("check", Spec, "submissions/all-correct/regression-network.csx", "--format", "classroom");
        Assert.That(r.ExitCode, Is.EqualTo(0), r.Stderr);
        var line = r.Stdout.Split('\n').Single(l => l.StartsWith("result=", StringComparison.Ordinal));
        var o = JsonDocument.Parse(Convert.FromBase64String(line["result=".Length..])).RootElement;
        Assert.That(o.GetProperty("status").GetString(), Is.EqualTo("pass"));
    }

    [Test]
    public void Check_JUnit_OneTestcasePerPart_FailuresCarryFeedback()
    {
        var r = CliRunner.Run("check", Spec, Partial, "--format", "junit");
        Assert.That(r.ExitCode, Is.EqualTo(1), r.Stderr);
        var doc = XDocument.Parse(r.Stdout);
        var suite = doc.Root!.Elements("testsuite").Single();
        var cases = suite.Elements("testcase").ToList();
        Assert.That(cases.Select(c => (string?)c.Attribute("name")), Is.EqualTo(new[] { "b-hidden", "b-loss", "c-grad-W", "d-grad-v-impl" }));
        Assert.That((int)suite.Attribute("tests")!, Is.EqualTo(4));
        Assert.That((int)suite.Attribute("failures")!, Is.EqualTo(cases.Count(c => c.Element("failure") is not null)).And.EqualTo(2));
        Assert.That((int)doc.Root.Attribute("failures")!, Is.EqualTo(2));
        Assert.That(cases.All(c => c.Attribute("classname") is not null && c.Attribute("time") is not null));
        Assert.That(cases[2].Element("failure")!.Value, Does.Contain("transposed"));
        Assert.That((string?)cases[2].Element("failure")!.Attribute("type"), Is.EqualTo("incorrect"));
        Assert.That((string?)cases[2].Element("failure")!.Attribute("message"), Does.StartWith("0 / 10: 6 of 9 values are off"));
    }

    [Test]
    public void Check_WithStepSummary_AppendsTheMarkdownReport()
    {
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, "earlier step\n");
            var r = CliRunner.RunWith(new Dictionary<string, string?> { ["GITHUB_STEP_SUMMARY"] = file }, "check", Spec, Partial);
            Assert.That(r.ExitCode, Is.EqualTo(1), r.Stderr);
            var text = File.ReadAllText(file);
            Assert.That(text, Does.StartWith("earlier step\n# regression-network: partial"));
            Assert.That(text, Does.Contain("| c-grad-W | ✗ incorrect | 0 / 10 |"));
        }
        finally
        {
            File.Delete(file);
        }
    }
}
