using System.Text.Json.Nodes;
using Grader.Grading;
using Grader.Grading.Execution;
using Grader.Grading.Reports;
using Grader.Problems.Yaml;

namespace Grader.Tests.Grading.Reports;

/// <summary>
/// What a student sees on Gradescope never depends on a part they are not shown. Gradescope's documented semantics
/// (autograder_samples, docs/specs.md): a test is shown when its visibility is <c>visible</c>; the total is shown
/// unless some test is <c>after_due_date</c> or <c>after_published</c> (<c>hidden</c> tests do not hide it); the
/// top-level <c>output</c> and <c>execution_time</c> are shown. A submission answering the hidden part right and one
/// answering it wrong must look the same in all of that, at every visibility a hidden part can have.
/// </summary>
public class GradescopeHiddenPartTests
{
    private static string Spec(string visibility) => $$"""
        id: t
        given: { x: 2 }
        parts:
          - { id: shown, answer: 2 * x, points: 3 }
          - { id: kept, answer: 5 * x, points: 4, hidden: true, visibility: {{visibility}} }
          - id: impl
            implement: "double G(double z)"
            answer: x * z
            points: 2
            hidden: true
            visibility: {{visibility}}
            cases:
              - values: { z: 1.5 }
        """;

    private static SubmissionReport Graded(string spec, string source)
    {
        var loaded = SpecLoader.Load("t.yaml", spec);
        Assert.That(loaded.Errors.Select(e => e.ToString()), Is.Empty);
        using var runner = new InProcessRunner();
        return new SubmissionGrader(runner, ExecutionLimits.Default).GradeSource(new GradingProblem(loaded.Problem!), "alice", source, "t.csx");
    }

    /// <summary>Everything of a results.json that Gradescope shows a student before grades are published.</summary>
    private static string StudentView(string resultsJson)
    {
        var o = JsonNode.Parse(resultsJson)!.AsObject();
        var tests = o["tests"]!.AsArray().Select(t => t!.AsObject()).ToList();
        var totalShown = tests.All(t => (string?)t["visibility"] is "visible" or "hidden");
        var seen = new JsonObject
        {
            ["output"] = o["output"]?.DeepClone(),
            ["execution_time"] = o["execution_time"]?.DeepClone(),
            ["score"] = totalShown ? o["score"]?.DeepClone() : null,
            ["tests"] = new JsonArray(tests.Where(t => (string?)t["visibility"] == "visible").Select(t => (JsonNode)t.DeepClone()).ToArray()),
        };
        return seen.ToJsonString();
    }

    [TestCase("hidden")]
    [TestCase("after_due_date")]
    [TestCase("after_published")]
    public void StudentView_IsTheSame_WhetherTheHiddenPartsAreRightOrWrong(string visibility)
    {
        var spec = Spec(visibility);
        var info = ProblemInfo.Of(SpecLoader.Load("t.yaml", spec).Problem!);
        // Both print, and the implement method spins longer on a wrong guess: neither may show.
        var right = Graded(spec, "Answer(\"shown\", 4); Answer(\"kept\", 10); Console.WriteLine(\"hi\");\ndouble G(double z) => 2 * z;");
        var wrong = Graded(spec, "Answer(\"shown\", 4); Answer(\"kept\", 11); Console.WriteLine(\"hi\");\ndouble G(double z) { var s = 0.0; for (var i = 0; i < 20_000_000; i++) s += i; return s > 0 ? 3 * z : 0; }");
        Assert.That((right.Score, wrong.Score), Is.EqualTo((9.0, 3.0)), "the hidden parts are graded");

        foreach (var (label, r, w) in new[]
        {
            ("one problem", ReportGradescope.Write(right, info, executionSeconds: 0.5), ReportGradescope.Write(wrong, info, executionSeconds: 2.5)),
            ("assignment", Assignment(right, info), Assignment(wrong, info)),
        })
        {
            Assert.That(StudentView(w), Is.EqualTo(StudentView(r)), label);
            // The student still sees their visible part in full.
            Assert.That(StudentView(r), Does.Contain("\"name\":\"" + (label == "assignment" ? "t/shown" : "shown") + "\""), label);
        }
    }

    [Test]
    public void AllVisible_ShowsTheTotalAndTheTime()
    {
        var spec = Spec("visible");
        var info = ProblemInfo.Of(SpecLoader.Load("t.yaml", spec).Problem!);
        var r = Graded(spec, "Answer(\"shown\", 4); Answer(\"kept\", 10);\ndouble G(double z) => 2 * z;");
        var o = JsonNode.Parse(ReportGradescope.Write(r, info, executionSeconds: 1.25))!.AsObject();
        Assert.That((double)o["execution_time"]!, Is.EqualTo(1.25));
        Assert.That(o["tests"]!.AsArray().Select(t => (string?)t!["name"]), Is.EqualTo(new[] { "shown", "kept", "impl" }));
        Assert.That((string?)o["output"], Does.StartWith("t: 9 / 9"));
    }

    private static string Assignment(SubmissionReport r, ProblemInfo info) =>
        ReportGradescope.WriteAssignment("alice", [info], new Dictionary<(string, string), SubmissionReport> { [("alice", "t")] = r });
}
