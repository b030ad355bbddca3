using System.Text;
using System.Text.Json.Nodes;

namespace Grader.Grading.Reports;

/// <summary>
/// GitHub Classroom's autograding result, as its grading reporter reads it
/// (classroom-resources/autograding-grading-reporter: src/main.js base64-decodes each runner's
/// <c>&lt;RUNNER&gt;_RESULTS</c>; aggregate-results.js, console-results.js and notify-classroom.js read
/// <c>max_score</c>, <c>status</c> (pass | fail | error) and <c>tests[].name, status, score, message</c>).
/// The object is <c>{ version: 1, status, max_score, tests: [...] }</c>; a workflow step puts its base64 in the
/// step output <c>result</c>.
/// </summary>
public static class ReportClassroom
{
    public static string Json(IReadOnlyList<SubmissionReport> reports)
    {
        var tests = new JsonArray();
        var several = reports.Count > 1;
        foreach (var r in reports)
        {
            foreach (var p in r.Parts)
            {
                var message = r.Status == Status.Graded ? p.Feedback : $"{r.Status}: {r.Message ?? p.Feedback}";
                tests.Add(new JsonObject
                {
                    ["name"] = several ? $"{r.Problem}/{p.Id}" : p.Id,
                    ["status"] = PartStatus(p.Status),
                    ["score"] = p.Score,
                    ["max_score"] = p.MaxScore,
                    ["message"] = message,
                    ["filename"] = r.Problem + ".csx",
                    ["line_no"] = 0,
                    ["execution_time"] = "0ms",
                });
            }
        }
        var status = reports.Any(r => r.Status != Status.Graded) ? "error"
            : reports.All(r => r.Score >= r.MaxScore - 1e-9) ? "pass" : "fail";
        var o = new JsonObject
        {
            ["version"] = 1,
            ["status"] = status,
            ["max_score"] = reports.Sum(r => r.MaxScore),
            ["tests"] = tests,
        };
        return o.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = ReportJson.Options.Encoder });
    }

    /// <summary>The step-output line the reporter reads: <c>result=&lt;base64 of the JSON&gt;</c>.</summary>
    public static string OutputLine(IReadOnlyList<SubmissionReport> reports) =>
        "result=" + Convert.ToBase64String(Encoding.UTF8.GetBytes(Json(reports)));

    private static string PartStatus(string status) => status switch
    {
        Status.Correct => "pass",
        Status.Error or Status.Timeout => "error",
        _ => "fail",
    };
}
