using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Grader.Grading.Reports;

namespace Grader.Tests.Grading.Reports;

public class ClassOutputsTests
{
    [Test]
    public void ClassReport_HostileStudent_NoMarkupOfTheirs()
    {
        var html = ClassReportHtml.Write(ClassReportFixture.Students, ClassReportFixture.Problems, ClassReportFixture.Reports());
        Assert.That(html, Does.Not.Contain("<script"));
        Assert.That(html, Does.Not.Contain("href=\"javascript"), "a link can only be a percent-encoded relative path");
        Assert.That(Regex.Matches(html, "<table").Count, Is.EqualTo(Regex.Matches(html, "</table>").Count).And.EqualTo(3));
        Assert.That(Regex.Matches(html, "href=\"([^\"]*)\"").Select(m => m.Groups[1].Value), Is.All.StartsWith("./"));
        Assert.That(html, Does.Contain("&lt;script&gt;alert(1)&lt;"));
        var page = StudentPageHtml.Write(ClassReportFixture.Hostile, ClassReportFixture.Problems, ClassReportFixture.Reports());
        Assert.That(page, Does.Not.Contain("<script").And.Not.Contain("<img"));
        Assert.That(page, Does.Contain("&lt;img src=x onerror=alert(3)&gt;"));
    }

    [Test]
    public void ClassReport_NoMisconceptions_SaysNothingOfThem()
    {
        var reports = ClassReportFixture.Reports().ToDictionary(kv => kv.Key, kv => kv.Value with { Parts = kv.Value.Parts.Select(p => p with { Misconception = null }).ToList() });
        var html = ClassReportHtml.Write(ClassReportFixture.Students, ClassReportFixture.Problems, reports);
        Assert.That(html, Does.Not.Contain("misconception"));
        Assert.That(ClassReportHtml.Write(ClassReportFixture.Students, ClassReportFixture.Problems, ClassReportFixture.Reports()), Does.Contain("Most frequent misconceptions"));
    }

    [Test]
    public void Standing_LowestTenthOfThoseWhoSubmitted_TiesIncluded_NotWhoSubmittedNothing()
    {
        // 12 students: totals 0 to 10 and one who submitted nothing; a tenth of 11 rounds up to 2, and 1 ties with the second.
        var problems = new List<ProblemInfo> { new("p", 10, [new PartInfo("a", 10, false)]) };
        var totals = new[] { 0.0, 1, 1, 2, 3, 4, 5, 6, 7, 8, 10 };
        var students = totals.Select((_, i) => $"s{i:00}").Append("nobody").ToList();
        var reports = totals.Select((t, i) => Report($"s{i:00}", t, Status.Graded)).Append(Report("nobody", 0, Status.Missing)).ToDictionary(r => (r.Student, r.Problem));
        var standings = Standing.Of(students, problems, reports);
        Assert.That(standings.Select(s => s.Student).Take(4), Is.EqualTo(new[] { "nobody", "s00", "s01", "s02" }), "lowest total first, then by name");
        Assert.That(standings.Where(s => s.Lowest).Select(s => s.Student), Is.EqualTo(new[] { "s00", "s01", "s02" }));
        Assert.That(standings[0].SubmittedNothing && standings[0].NeedsHelp && !standings[0].Lowest, Is.True);
        Assert.That(standings.Count(s => s.NeedsHelp), Is.EqualTo(4));

        static SubmissionReport Report(string student, double score, string status) => new()
        {
            Problem = "p",
            Student = student,
            Score = score,
            MaxScore = 10,
            Status = status,
            Parts = [new PartReport("a", score, 10, status == Status.Missing ? Status.Missing : Status.Partial, "")],
        };
    }

    [Test]
    public void ClassReport_AuthorsMistake_WordedAsTheSpecWordsIt()
    {
        var info = ProblemInfo.Of(Grader.Problems.Yaml.SpecLoader.LoadFile(Repo.Path("problems", "dl-a4", "rnn-bptt.yaml")).Problem!);
        var part = info.Parts.Single(p => p.Mistakes is not null);
        var (id, sentence) = part.Mistakes!.Single();
        Assert.That(ClassOutputs.ReadProblems(ClassOutputs.ProblemsJson([info]))![0].Parts.Single(p => p.Id == part.Id).Mistakes, Is.EquivalentTo(part.Mistakes!), "kept in problems.json for merge");
        var reports = new Dictionary<(string, string), SubmissionReport>
        {
            [("ada", info.Id)] = new()
            {
                Problem = info.Id,
                Student = "ada",
                Score = 0,
                MaxScore = info.MaxScore,
                Status = Status.Graded,
                Parts = info.Parts.Select(p => p == part ? new PartReport(p.Id, 0, p.MaxScore, Status.Incorrect, "wrong") { Misconception = id }
                    : new PartReport(p.Id, p.MaxScore, p.MaxScore, Status.Correct, "correct")).ToList(),
            },
        };
        var html = ClassReportHtml.Write(["ada"], [info], reports);
        Assert.That(html, Does.Contain($"<span class=\"sentence\">{Html.Text(sentence)}</span>"));
        Assert.That(html, Does.Contain($"<code>{id}</code>: {Html.Text(sentence)}"));
    }

    [TestCase(new[] { 0.0, 20, 15, 5, 10, 19.99, 2 }, 20, new[] { 1, 1, 1, 0, 0, 1, 0, 1, 0, 2 })]
    [TestCase(new double[0], 20, new[] { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 })]
    public void Histogram_Counts_BinsFromZeroToMax(double[] totals, double max, int[] expected) =>
        Assert.That(ClassReportHtml.Counts(totals, max), Is.EqualTo(expected));

    [Test]
    public void Gradescope_HiddenPart_AfterPublished_UnlessToldOtherwise()
    {
        var report = ClassReportFixture.Reports()[("bob", "p1")];
        var tests = JsonDocument.Parse(ReportGradescope.Write(report, ClassReportFixture.Problems[0])).RootElement.GetProperty("tests");
        Assert.That(tests[0].GetProperty("visibility").GetString(), Is.EqualTo("visible"));
        Assert.That(tests[1].GetProperty("visibility").GetString(), Is.EqualTo("after_published"));
        var hidden = JsonDocument.Parse(ReportGradescope.Write(report, ClassReportFixture.Problems[0], hiddenVisibility: "hidden")).RootElement.GetProperty("tests");
        Assert.That(hidden[1].GetProperty("visibility").GetString(), Is.EqualTo("hidden"));
    }

    [Test]
    public void Gradescope_HiddenPart_SummaryCountsOnlyPartsShownNow()
    {
        var reports = ClassReportFixture.Reports();
        var output = (string s) => JsonDocument.Parse(ReportGradescope.Write(reports[(s, "p1")], ClassReportFixture.Problems[0])).RootElement.GetProperty("output").GetString();
        Assert.That(output("bob"), Is.EqualTo("p1: 5 / 5 in the parts shown now, 1 part(s) shown later (graded)"));
        Assert.That(output("alice"), Is.EqualTo(output("bob")), "alice and bob differ only in the hidden part");
    }

    [Test]
    public void GradescopeAssignment_EveryProblemsParts_NumberedInOrder_ScoresSummed()
    {
        var o = JsonDocument.Parse(ReportGradescope.WriteAssignment("bob", ClassReportFixture.Problems, ClassReportFixture.Reports())).RootElement;
        var tests = o.GetProperty("tests").EnumerateArray().ToList();
        Assert.That(tests.Select(t => t.GetProperty("name").GetString()), Is.EqualTo(new[] { "p1/a", "p1/b", "p2/c" }));
        Assert.That(tests.Select(t => t.GetProperty("number").GetString()), Is.EqualTo(new[] { "1", "2", "3" }));
        Assert.That(tests.Select(t => t.GetProperty("visibility").GetString()), Is.EqualTo(new[] { "visible", "after_published", "visible" }));
        Assert.That(tests.Select(t => t.GetProperty("status").GetString()), Is.EqualTo(new[] { "passed", "failed", "passed" }));
        Assert.That(o.GetProperty("score").GetDouble(), Is.EqualTo(15));
        Assert.That(o.GetProperty("max_score").GetDouble(), Is.EqualTo(20));
    }

    [Test]
    public void GradescopeAssignment_HiddenPart_NothingVisibleDependsOnIt()
    {
        // alice and bob differ only in the hidden part b (5 and 0 points).
        var reports = ClassReportFixture.Reports();
        var alice = JsonDocument.Parse(ReportGradescope.WriteAssignment("alice", ClassReportFixture.Problems, reports)).RootElement;
        var bob = JsonDocument.Parse(ReportGradescope.WriteAssignment("bob", ClassReportFixture.Problems, reports)).RootElement;
        Assert.That(alice.GetProperty("score").GetDouble(), Is.Not.EqualTo(bob.GetProperty("score").GetDouble()));
        Assert.That(bob.GetProperty("output").GetString(), Is.EqualTo(alice.GetProperty("output").GetString()));
        Assert.That(bob.GetProperty("output").GetString(), Does.Contain("p1: 5 / 5 in the parts shown now, 1 part(s) shown later (graded)").And.Contain("p2: 10 / 10 (graded)"));
        var visible = (JsonElement o) => o.GetProperty("tests").EnumerateArray().Where(t => t.GetProperty("visibility").GetString() == "visible").Select(t => t.GetRawText());
        Assert.That(visible(bob), Is.EqualTo(visible(alice)));
    }

    [Test]
    public void GradescopeAssignment_NoHiddenPart_SummaryGivesEachProblemsScore()
    {
        var problems = ClassReportFixture.Problems.Select(p => p with { Parts = p.Parts.Select(x => x with { Hidden = false }).ToList() }).ToList();
        var o = JsonDocument.Parse(ReportGradescope.WriteAssignment("bob", problems, ClassReportFixture.Reports())).RootElement;
        Assert.That(o.GetProperty("output").GetString(), Is.EqualTo("p1: 5 / 10 (graded)\np2: 10 / 10 (graded)"));
        Assert.That(o.GetProperty("tests").EnumerateArray().Select(t => t.GetProperty("visibility").GetString()), Is.All.EqualTo("visible"));
    }

    [Test]
    public void GradescopeAssignment_ProblemWithoutReport_ItsPartsFailWithNoPoints()
    {
        var reports = ClassReportFixture.Reports();
        reports.Remove(("bob", "p2"));
        var o = JsonDocument.Parse(ReportGradescope.WriteAssignment("bob", ClassReportFixture.Problems, reports)).RootElement;
        var c = o.GetProperty("tests").EnumerateArray().Single(t => t.GetProperty("name").GetString() == "p2/c");
        Assert.That(c.GetProperty("status").GetString(), Is.EqualTo("failed"));
        Assert.That(c.GetProperty("score").GetDouble(), Is.EqualTo(0));
        Assert.That(c.GetProperty("max_score").GetDouble(), Is.EqualTo(10));
        Assert.That(c.GetProperty("output").GetString(), Does.Contain(ReportGradescope.NotGradedMessage));
        Assert.That(o.GetProperty("score").GetDouble(), Is.EqualTo(5));
        Assert.That(o.GetProperty("max_score").GetDouble(), Is.EqualTo(20));
    }

    [Test]
    public void JUnit_HostileText_IsWellFormedAndCarriedAsText()
    {
        var reports = ClassReportFixture.Reports();
        var bad = reports[(ClassReportFixture.Hostile, "p2")];
        bad = bad with { Parts = [bad.Parts[0] with { Status = Status.Incorrect, Feedback = "\u0001\u001b[31m\ud800 ]]></failure><x/>" }] };
        var xml = ReportJUnit.Write([bad]);
        var doc = XDocument.Parse(xml);
        var failure = doc.Descendants("failure").Single();
        Assert.That(failure.Value, Is.EqualTo("\\u0001\\e[31m\uFFFD ]]></failure><x/>"));
        Assert.That(doc.Descendants("testsuite").Single().Attribute("name")!.Value, Is.EqualTo(ClassReportFixture.Hostile + "/p2"));
        Assert.That(doc.Descendants("x"), Is.Empty);
        Assert.That(doc.Descendants("testsuite").Single().Attribute("file")!.Value, Is.EqualTo(ReportJUnit.Xml(ClassReportFixture.Hostile) + "/p2.csx"));
        Assert.That(JUnitSchema.Errors(xml), Is.Empty, xml);
    }

    [Test]
    public void Classroom_HostileText_OneLineEach_NoWorkflowCommand_SummaryCannotAddRowsOrMarkup()
    {
        var reports = ClassReportFixture.Reports();
        var bad = reports[(ClassReportFixture.Hostile, "p2")];
        // A line of its own starting with :: is a workflow command to the runner that prints it.
        bad = bad with { Parts = [bad.Parts[0] with { Id = "a\n::error::id", Status = Status.Incorrect, Feedback = "x\n::add-mask::secret\n| 1 | 2 |\r\n# h" }] };
        var o = System.Text.Json.JsonDocument.Parse(ReportClassroom.Json([bad])).RootElement;
        foreach (var t in o.GetProperty("tests").EnumerateArray())
        {
            foreach (var field in new[] { "name", "message" })
            {
                Assert.That(t.GetProperty(field).GetString(), Does.Not.Contain("\n").And.Not.Contain("\r").And.Not.StartWith("::"), field);
            }
        }
        var text = ReportClassroom.Text([bad]);
        Assert.That(text.Split('\n').Where(l => l.TrimStart().StartsWith("::", StringComparison.Ordinal)), Is.Empty);
        var md = ReportClassroom.Markdown([bad]);
        // Outside the fenced block that holds the script's printed output, verbatim.
        var fenced = false;
        var outside = md.Split('\n').Where(l => !(fenced ^= l.StartsWith("```", StringComparison.Ordinal)) && !l.StartsWith("```", StringComparison.Ordinal)).ToList();
        Assert.That(md, Does.Contain("```text\n<img"));
        Assert.That(outside.Where(l => Regex.IsMatch(l, @"(?<!\\)[<\[]")), Is.Empty, "every < and [ of the student's is backslash-escaped");
        Assert.That(md.Split('\n').Where(l => l.StartsWith("::", StringComparison.Ordinal) || l.StartsWith("# h", StringComparison.Ordinal)), Is.Empty);
        // The problems' table (a header, a rule, a row) and the report's parts table (the same, a row per part).
        Assert.That(md.Split('\n').Count(l => l.StartsWith('|')), Is.EqualTo(3 + 2 + bad.Parts.Count));
    }

    [Test]
    public void StepSummary_HostileStudent_CannotAddRowsOrMarkup()
    {
        var md = ClassSummaryMarkdown.Write(ClassReportFixture.Students, ClassReportFixture.Problems, ClassReportFixture.Reports());
        Assert.That(Regex.IsMatch(md, @"(?<!\\)[<\[]"), Is.False, "every < and [ of the student's is backslash-escaped");
        Assert.That(md, Does.Contain("| \\<script\\>alert(1)\\<"));
        Assert.That(md, Does.Contain("| p1 | a | 3 / 5 |"));
        Assert.That(md.Split('\n').Count(l => l.StartsWith('|')), Is.EqualTo(2 + 3 + 2 + 5));
    }
}
