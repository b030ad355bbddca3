using System.Globalization;
using System.Text.Json.Nodes;

namespace Grader.Grading.Reports;

/// <summary>
/// Gradescope's <c>/autograder/results/results.json</c>. Fields as in Gradescope's autograder specification
/// (gradescope/autograder_samples, docs/specs.md, "Output format"): top level <c>score, max_score, execution_time,
/// output, visibility, stdout_visibility, tests</c>; each test <c>name, number, score, max_score, status
/// (passed | failed), output, visibility</c>; visibility one of <c>hidden, after_due_date, after_published, visible</c>.
/// <c>output_format</c> and <c>test_output_format</c> are set to <c>text</c>: a student's text is never rendered as
/// Markdown or HTML on Gradescope's page.
/// </summary>
public static class ReportGradescope
{
    public static readonly IReadOnlyList<string> Visibilities = ["hidden", "after_due_date", "after_published", "visible"];

    /// <summary>A problem of the assignment that has no report for the student (<see cref="WriteAssignment"/>).</summary>
    public const string NotGradedMessage = "no submission was graded for this problem";

    /// <summary>The results of one submission. A hidden part gets <paramref name="hiddenVisibility"/> (default after_published).</summary>
    public static string Write(SubmissionReport r, ProblemInfo? problem, double? executionSeconds = null, string hiddenVisibility = "after_published")
    {
        var tests = Tests(r, problem, hiddenVisibility, p => p.Id);
        // How long the run took includes the hidden cases' calls, whose time a submission can make depend on their
        // inputs: it is given only when every test is shown.
        var later = LaterParts(tests);
        return Results(tests, r.Score, r.MaxScore, later == 0 ? executionSeconds : null, Summary(r, tests, later));
    }

    /// <summary>
    /// One student's results over every problem of an assignment, for a Gradescope assignment that collects all of
    /// them at once: a test per part named <c>&lt;problem&gt;/&lt;part&gt;</c>, numbered in order, and the score and
    /// maximum summed. A problem without a report (nothing graded) has its parts as missing, with no points.
    /// Gradescope hides the total from students while any test is not visible; the summary in <c>output</c> then
    /// counts only the parts shown now, so that nothing visible depends on a hidden part's result.
    /// </summary>
    public static string WriteAssignment(string student, IReadOnlyList<ProblemInfo> problems,
        IReadOnlyDictionary<(string Student, string Problem), SubmissionReport> reports, string hiddenVisibility = "after_published")
    {
        var tests = new List<JsonObject>();
        var lines = new List<string>();
        var byProblem = new List<(SubmissionReport Report, List<JsonObject> Tests)>();
        foreach (var problem in problems)
        {
            var r = reports.TryGetValue((student, problem.Id), out var found) ? found : NotGraded(student, problem);
            var own = Tests(r, problem, hiddenVisibility, p => $"{problem.Id}/{p.Id}");
            byProblem.Add((r, own));
            tests.AddRange(own);
        }
        var anyLater = tests.Any(t => (string?)t["visibility"] != "visible");
        if (anyLater)
        {
            lines.Add("Some parts are shown later (after the due date or when grades are published): the scores below count only the parts shown now.");
        }
        foreach (var (r, own) in byProblem)
        {
            lines.Add(Summary(r, own, anyLater ? LaterParts(own) : 0));
        }
        var score = byProblem.Sum(p => p.Report.Score);
        var max = byProblem.Sum(p => p.Report.MaxScore);
        return Results(tests, score, max, null, string.Join("\n", lines));
    }

    private static List<JsonObject> Tests(SubmissionReport r, ProblemInfo? problem, string hiddenVisibility, Func<PartReport, string> name)
    {
        var hidden = problem?.Parts.Where(p => p.Hidden).Select(p => p.Id).ToHashSet(StringComparer.Ordinal) ?? [];
        var own = problem?.Parts.Where(p => p.Visibility is not null).ToDictionary(p => p.Id, p => p.Visibility!, StringComparer.Ordinal) ?? [];
        return r.Parts.Select(p => new JsonObject
        {
            ["name"] = name(p),
            ["score"] = p.Score,
            ["max_score"] = p.MaxScore,
            ["status"] = p.Status == Status.Correct ? "passed" : "failed",
            ["output"] = $"{p.Status}: {p.Feedback}" + string.Concat((p.Values ?? []).Select(v => "\n\n" + v.Plain())),
            ["visibility"] = own.TryGetValue(p.Id, out var v) ? v : hidden.Contains(p.Id) ? hiddenVisibility : "visible",
        }).ToList();
    }

    private static string Results(IReadOnlyList<JsonObject> tests, double score, double max, double? executionSeconds, string output)
    {
        if (tests.Any(t => (string?)t["visibility"] == "hidden" && (double)t["max_score"]! > 0))
        {
            tests = [.. tests, TotalShownWhenPublished()];
        }
        var numbered = new JsonArray();
        for (var i = 0; i < tests.Count; i++)
        {
            var t = new JsonObject();
            foreach (var (key, value) in tests[i])
            {
                t[key] = value?.DeepClone();
                if (key == "name")
                {
                    t["number"] = (i + 1).ToString(CultureInfo.InvariantCulture);
                }
            }
            numbered.Add(t);
        }
        var o = new JsonObject
        {
            ["score"] = score,
            ["max_score"] = max,
        };
        if (executionSeconds is { } s)
        {
            o["execution_time"] = Math.Round(s, 3);
        }
        o["output"] = output;
        o["output_format"] = "text";
        o["test_output_format"] = "text";
        o["visibility"] = "visible";
        // What run_autograder prints is the grader's own log: instructors only.
        o["stdout_visibility"] = "hidden";
        o["tests"] = numbered;
        return o.ToJsonString(ReportJson.Options) + "\n";
    }

    /// <summary>
    /// Gradescope shows students their total while every test is visible or <c>hidden</c> ("test cases with visibility
    /// set to hidden don't affect this, since they should only be used for tests which don't contribute points",
    /// autograder_samples docs/specs.md). A part kept hidden for good that carries points would then be read off the
    /// total; this test of no points, shown only when grades are published, keeps the total from students until then.
    /// </summary>
    private static JsonObject TotalShownWhenPublished() => new()
    {
        ["name"] = TotalLaterName,
        ["score"] = 0,
        ["max_score"] = 0,
        ["status"] = "passed",
        ["output"] = "The total includes parts that are never shown; it is shown when grades are published.",
        ["visibility"] = "after_published",
    };

    /// <summary>The name of the test that keeps the total from students while a hidden part carries points.</summary>
    public const string TotalLaterName = "total (shown when grades are published)";

    /// <summary>How many of these tests students do not see yet.</summary>
    private static int LaterParts(IReadOnlyList<JsonObject> tests) => tests.Count(t => (string?)t["visibility"] != "visible");

    /// <summary>
    /// The problem's line and what the run said. With <paramref name="later"/> parts not shown yet, the score is
    /// that of the parts shown now; the status, message and diagnostics come from the run, not from any part.
    /// </summary>
    private static string Summary(SubmissionReport r, IReadOnlyList<JsonObject> tests, int later)
    {
        string head;
        if (later == 0)
        {
            head = $"{r.Problem}: {r.Score:0.##} / {r.MaxScore:0.##} ({r.Status})";
        }
        else
        {
            var shown = tests.Where(t => (string?)t["visibility"] == "visible").ToList();
            var score = shown.Sum(t => (double)t["score"]!);
            var max = shown.Sum(t => (double)t["max_score"]!);
            head = $"{r.Problem}: {score:0.##} / {max:0.##} in the parts shown now, {later} part(s) shown later ({r.Status})";
        }
        var lines = new List<string> { head };
        if (r.Message is not null)
        {
            lines.Add(r.Message);
        }
        lines.AddRange(r.Diagnostics);
        lines.AddRange(r.Warnings.Select(w => "warning: " + w));
        if (r.Output is { Length: > 0 })
        {
            lines.Add("output:");
            lines.Add(r.Output);
        }
        return string.Join("\n", lines);
    }

    private static SubmissionReport NotGraded(string student, ProblemInfo problem) => new()
    {
        Problem = problem.Id,
        Student = student,
        Score = 0,
        MaxScore = problem.MaxScore,
        Status = Status.Missing,
        Message = NotGradedMessage,
        Parts = problem.Parts.Select(p => new PartReport(p.Id, 0, p.MaxScore, Status.Missing, NotGradedMessage)).ToList(),
    };
}
