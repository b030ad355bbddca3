using System.Text.Json;
using System.Xml.Linq;
using Grader.Grading.Reports;
using Grader.Tests.Grading.Reports;

namespace Grader.Tests.Cli;

/// <summary>
/// The JUnit XML of <c>grade --format junit</c> and <c>check --format junit</c>, through the real executable: valid
/// against the Jenkins xunit plugin's junit-10.xsd, each suite's <c>file</c> the submission's path in the graded
/// folder, and each failure's <c>message</c> one short line with the points and the feedback that the text holds whole
/// (dorny/test-reporter shows "type: message", mikepenz/action-junit-report the message, Jenkins both).
/// </summary>
[Parallelizable(ParallelScope.Children)]
public class JUnitOutputTests
{
    [Test]
    public void Grade_JUnit_Valid_FilesAreTheSubmissions_MessagesCarryTheFeedback_ACrashKeepsEachPartsOwn()
    {
        var dir = Directory.CreateTempSubdirectory("junit-").FullName;
        try
        {
            var subs = Path.Combine(dir, "subs");
            foreach (var (student, from) in new[] { ("partial", "partial"), ("compile-error", "compile-error"), ("nothing", null as string) })
            {
                Directory.CreateDirectory(Path.Combine(subs, student));
                foreach (var file in from is null ? [] : Directory.GetFiles(Repo.Path("submissions", from), "*.csx"))
                {
                    File.Copy(file, Path.Combine(subs, student, Path.GetFileName(file)));
                }
            }
            // A script that answers two parts, then throws: those two are graded, the others are not answered.
            var correct = File.ReadAllLines(Repo.Path("submissions", "all-correct", "regression-network.csx"));
            Directory.CreateDirectory(Path.Combine(subs, "crash"));
            File.WriteAllLines(Path.Combine(subs, "crash", "regression-network.csx"), [.. correct.Take(3), "throw new InvalidOperationException(\"stop here\");", .. correct.Skip(3)]);
            var outDir = Path.Combine(dir, "out");
            var r = CliRunner.Run("grade", "problems/cs577-a2", subs, "--out", outDir, "--format", "junit", "--quiet");
            Assert.That(r.ExitCode, Is.EqualTo(0), r.Stderr);
            var xml = File.ReadAllText(Path.Combine(outDir, "junit.xml"));
            Assert.That(JUnitSchema.Errors(xml), Is.Empty, xml);

            var doc = XDocument.Parse(xml);
            var suites = doc.Root!.Elements("testsuite").ToList();
            Assert.That(suites.Select(s => (string?)s.Attribute("name")), Is.EquivalentTo(
                new[] { "compile-error", "crash", "nothing", "partial" }.SelectMany(s => new[] { "jacobians", "linear-discriminant", "regression-network" }.Select(p => $"{s}/{p}"))));
            var statuses = new HashSet<string>();
            foreach (var suite in suites)
            {
                var name = (string)suite.Attribute("name")!;
                var report = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, name + ".json"))).RootElement;
                var status = report.GetProperty("status").GetString()!;
                statuses.Add(status);
                // The submission's path, relative to the folder graded.
                var file = (string?)suite.Attribute("file");
                Assert.That(file, Is.EqualTo(name + ".csx"));
                Assert.That(File.Exists(Path.Combine(subs, file!)), Is.EqualTo(status != Status.Missing), file);
                var parts = report.GetProperty("parts").EnumerateArray().ToDictionary(p => p.GetProperty("id").GetString()!);
                foreach (var testcase in suite.Elements("testcase"))
                {
                    var part = parts[(string)testcase.Attribute("name")!];
                    var issue = testcase.Element("failure") ?? testcase.Element("error");
                    Assert.That(issue is null, Is.EqualTo(part.GetProperty("status").GetString() == Status.Correct));
                    if (issue is null)
                    {
                        continue;
                    }
                    AssertMessage(issue, part.GetProperty("score").GetDouble(), part.GetProperty("max_score").GetDouble());
                    var feedback = part.GetProperty("feedback").GetString()!;
                    var text = issue.Value;
                    Assert.That(text, Does.Contain(ReportJUnit.Xml(feedback)), $"{name} {part}: the part's own feedback");
                    if (status != Status.Graded && report.GetProperty("message").GetString() is { } stopped && stopped != feedback)
                    {
                        Assert.That(text, Does.StartWith(ReportJUnit.Xml(feedback)), "its own feedback first");
                        Assert.That(text, Does.Contain(ReportJUnit.Xml(stopped)), "then what stopped the run");
                    }
                    foreach (var d in report.TryGetProperty("diagnostics", out var ds) ? ds.EnumerateArray().ToList() : [])
                    {
                        Assert.That(text, Does.Contain(ReportJUnit.Xml(d.GetString())), "the compiler's messages");
                    }
                }
            }
            Assert.That(statuses, Is.SupersetOf(new[] { Status.Graded, Status.CompileError, Status.Crashed, Status.Missing }), "every kind of run is in this class");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Test]
    public void Check_JUnit_Valid_FileIsThePathFromTheCurrentFolder()
    {
        var r = CliRunner.Run("check", "problems/cs577-a2/regression-network.yaml", "submissions/partial/regression-network.csx", "--format", "junit");
        Assert.That(r.ExitCode, Is.EqualTo(1), r.Stderr);
        Assert.That(JUnitSchema.Errors(r.Stdout), Is.Empty, r.Stdout);
        var suite = XDocument.Parse(r.Stdout).Root!.Element("testsuite")!;
        Assert.That((string?)suite.Attribute("file"), Is.EqualTo("submissions/partial/regression-network.csx"));
        Assert.That(Repo.Path((string)suite.Attribute("file")!), Does.Exist);
        var failures = suite.Descendants("failure").ToList();
        Assert.That(failures, Has.Count.EqualTo(2));
        var transposed = failures.Single(f => f.Parent!.Attribute("name")!.Value == "c-grad-W");
        Assert.That((string?)transposed.Attribute("message"), Does.StartWith("0 / 10: ").And.Contain("transposed"));
    }

    [Test]
    public void LongFeedback_MessageIsCutAfterAWord_TheTextHoldsItAll()
    {
        var words = string.Join(' ', Enumerable.Range(0, 200).Select(i => $"word{i}"));
        var report = new SubmissionReport
        {
            Problem = "p",
            Student = "alice",
            Score = 0,
            MaxScore = 3,
            Status = Status.Graded,
            Parts = [new PartReport("a", 0, 3, Status.Incorrect, words)],
        };
        var xml = ReportJUnit.Write([report]);
        Assert.That(JUnitSchema.Errors(xml), Is.Empty);
        var failure = XDocument.Parse(xml).Descendants("failure").Single();
        var message = (string)failure.Attribute("message")!;
        AssertMessage(failure, 0, 3);
        Assert.That(message, Does.EndWith(" ..."));
        Assert.That(message[..^4], Does.Match(@"word\d+$"), "cut after a whole word");
        Assert.That(failure.Value, Is.EqualTo(words));
    }

    [Test]
    public void Schema_IsReallyApplied_AFileOnATestcaseIsRefused()
    {
        // junit-10.xsd has `file` on testsuite only: the validator must say so, or it validates nothing.
        const string Xml = "<testsuites><testsuite name=\"s\" tests=\"1\" failures=\"0\" errors=\"0\"><testcase name=\"t\" file=\"x.csx\"/></testsuite></testsuites>";
        Assert.That(JUnitSchema.Errors(Xml), Has.Some.Contains("file"));
        Assert.That(JUnitSchema.Errors(Xml.Replace(" file=\"x.csx\"", "", StringComparison.Ordinal)), Is.Empty);
    }

    /// <summary>
    /// One line, at most <see cref="ReportJUnit.MessageChars"/> characters, the points first, then the start of the
    /// text's first line (so dorny's "type: message" does not say the status twice, and a reader showing only the
    /// message shows the feedback).
    /// </summary>
    private static void AssertMessage(XElement issue, double score, double max)
    {
        var message = (string?)issue.Attribute("message");
        Assert.That(message, Is.Not.Null);
        Assert.That(message, Does.Not.Contain("\n"));
        Assert.That(message!.Length, Is.LessThanOrEqualTo(ReportJUnit.MessageChars));
        var points = FormattableString.Invariant($"{score:0.##} / {max:0.##}: ");
        Assert.That(message, Does.StartWith(points));
        Assert.That(message, Does.Not.StartWith((string?)issue.Attribute("type") + ":"));
        var body = message[points.Length..];
        var firstLine = issue.Value.Split('\n')[0];
        Assert.That(body.EndsWith(" ...", StringComparison.Ordinal) ? firstLine.StartsWith(body[..^4], StringComparison.Ordinal) : body == firstLine, Is.True, $"{message}\nvs\n{firstLine}");
    }
}
