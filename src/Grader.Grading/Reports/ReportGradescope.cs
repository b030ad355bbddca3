using System.Text.Json;
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

    /// <summary>The results of one submission. A hidden part gets <paramref name="hiddenVisibility"/> (default after_published).</summary>
    public static string Write(SubmissionReport r, ProblemInfo? problem, double? executionSeconds = null, string hiddenVisibility = "after_published")
    {
        var hidden = problem?.Parts.Where(p => p.Hidden).Select(p => p.Id).ToHashSet(StringComparer.Ordinal) ?? [];
        var own = problem?.Parts.Where(p => p.Visibility is not null).ToDictionary(p => p.Id, p => p.Visibility!, StringComparer.Ordinal) ?? [];
        var tests = new JsonArray();
        for (var i = 0; i < r.Parts.Count; i++)
        {
            var p = r.Parts[i];
            tests.Add(new JsonObject
            {
                ["name"] = p.Id,
                ["number"] = (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["score"] = p.Score,
                ["max_score"] = p.MaxScore,
                ["status"] = p.Status == Status.Correct ? "passed" : "failed",
                ["output"] = $"{p.Status}: {p.Feedback}",
                ["visibility"] = own.TryGetValue(p.Id, out var v) ? v : hidden.Contains(p.Id) ? hiddenVisibility : "visible",
            });
        }
        var o = new JsonObject
        {
            ["score"] = r.Score,
            ["max_score"] = r.MaxScore,
        };
        if (executionSeconds is { } t)
        {
            o["execution_time"] = Math.Round(t, 3);
        }
        o["output"] = Summary(r);
        o["output_format"] = "text";
        o["test_output_format"] = "text";
        o["visibility"] = "visible";
        // What run_autograder prints is the grader's own log: instructors only.
        o["stdout_visibility"] = "hidden";
        o["tests"] = tests;
        return o.ToJsonString(ReportJson.Options) + "\n";
    }

    private static string Summary(SubmissionReport r)
    {
        var lines = new List<string> { $"{r.Problem}: {r.Score:0.##} / {r.MaxScore:0.##} ({r.Status})" };
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
}
