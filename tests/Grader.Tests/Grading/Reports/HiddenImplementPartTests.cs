using Grader.Grading;
using Grader.Grading.Execution;
using Grader.Grading.Reports;
using Grader.Problems.Yaml;

namespace Grader.Tests.Grading.Reports;

/// <summary>
/// An implement part hidden at the part level (<c>hidden: true</c> on the part, none on its cases) shows no case's
/// inputs and no expected value in any report a student or a class sees; its visible twin, graded the same way, does.
/// </summary>
public class HiddenImplementPartTests
{
    private const string Spec = """
        id: t
        given: { k: 3 }
        parts:
          - id: shown
            implement: "double F(double x)"
            answer: k * x
            cases:
              - values: { x: 4.4321 }
          - id: kept
            implement: "double G(double z)"
            answer: k * z
            hidden: true
            cases:
              - values: { z: 1.2345 }
              - values: { z: -6.0789 }
        """;

    // What the hidden part must never show: its cases' inputs and expected values (3 z).
    private static readonly string[] Secrets = ["1.2345", "6.0789", "3.7035", "18.2367"];

    private static (SubmissionReport Report, ProblemInfo Info) Graded()
    {
        var loaded = SpecLoader.Load("t.yaml", Spec);
        Assert.That(loaded.Errors.Select(e => e.ToString()), Is.Empty);
        using var runner = new InProcessRunner();
        // Both methods wrong (2 x instead of 3 x): a failing case is where a report shows its input and expected value.
        var report = new SubmissionGrader(runner, ExecutionLimits.Default).GradeSource(new GradingProblem(loaded.Problem!), "alice",
            "double F(double x) => 2 * x;\ndouble G(double z) => 2 * z;", "t.csx");
        return (report, ProblemInfo.Of(loaded.Problem!));
    }

    private static IEnumerable<(string Format, string Text)> EveryFormat(SubmissionReport r, ProblemInfo info)
    {
        var reports = new Dictionary<(string, string), SubmissionReport> { [("alice", "t")] = r };
        yield return ("json", ReportJson.Write(r));
        yield return ("markdown", ReportMarkdown.Write(r));
        yield return ("text", ReportText.Write(r));
        yield return ("gradescope", ReportGradescope.Write(r, info, hiddenVisibility: "visible"));
        yield return ("gradescope assignment", ReportGradescope.WriteAssignment("alice", [info], reports));
        yield return ("junit", ReportJUnit.Write([r]));
        yield return ("classroom", ReportClassroom.Json([r]));
        yield return ("classroom summary", ReportClassroom.Markdown([r]));
        yield return ("classroom log", ReportClassroom.Text([r]));
        yield return ("student page", StudentPageHtml.Write("alice", [info], reports));
        yield return ("class report", ClassReportHtml.Write(["alice"], [info], reports));
        yield return ("class summary", ClassSummaryMarkdown.Write(["alice"], [info], reports));
    }

    [Test]
    public void EveryFormat_HiddenPart_ShowsNoCaseInputOrExpectedValue()
    {
        var (r, info) = Graded();
        Assert.That(r.Parts.Select(p => (p.Id, p.Status)), Is.EqualTo(new[] { ("shown", Status.Incorrect), ("kept", Status.Incorrect) }));

        foreach (var (format, text) in EveryFormat(r, info))
        {
            Assert.That(Secrets.Where(s => text.Contains(s, StringComparison.Ordinal)), Is.Empty, format);
        }
        // The same failure on the visible part is shown in detail: the reports above would show the hidden one's too.
        Assert.That(ReportMarkdown.Write(r), Does.Contain("4.4321").And.Contain("13.2963"));
    }
}
