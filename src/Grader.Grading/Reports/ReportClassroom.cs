using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Grader.Grading.Reports;

/// <summary>
/// GitHub Classroom's autograding result, as its grading reporter reads it
/// (classroom-resources/autograding-grading-reporter v1: src/main.js base64-decodes each runner's
/// <c>&lt;RUNNER&gt;_RESULTS</c>; console-results.js, aggregate-results.js and notify-classroom.js read
/// <c>max_score</c>, <c>status</c> (pass | fail | error) and <c>tests[].name, status, score, message, line_no</c>).
/// The object is <c>{ version: 1, status, max_score, tests: [...] }</c>; a workflow step puts its base64 in the
/// step output <c>result</c>. What the reporter does with it: it prints each test's name with a mark (a test whose
/// status is <c>error</c> prints its message instead), then a total of passed tests / tests x <c>max_score</c>, and
/// records in GitHub Classroom the notice <c>Points &lt;sum of the tests' scores&gt;/&lt;max_score&gt;</c>.
/// So each test's name carries its part's points, each message names its part, and the student's own report
/// (<see cref="Markdown"/>, <see cref="Text"/>) says what the reporter's total means.
/// </summary>
public static class ReportClassroom
{
    public static string Json(IReadOnlyList<SubmissionReport> reports)
    {
        var inv = CultureInfo.InvariantCulture;
        var tests = new JsonArray();
        foreach (var (r, p, id) in Tests(reports))
        {
            tests.Add(new JsonObject
            {
                ["name"] = string.Create(inv, $"{id} ({p.Score:0.##} / {p.MaxScore:0.##})"),
                ["status"] = TestStatus(r, p),
                ["score"] = p.Score,
                ["max_score"] = p.MaxScore,
                ["message"] = Message(r, p, id),
                ["filename"] = r.Problem + ".csx",
                ["line_no"] = 0,
                ["execution_time"] = "0ms",
            });
        }
        var o = new JsonObject
        {
            ["version"] = 1,
            ["status"] = Overall(reports),
            ["max_score"] = reports.Sum(r => r.MaxScore),
            ["tests"] = tests,
        };
        return o.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = ReportJson.Options.Encoder });
    }

    /// <summary>The step-output line the reporter reads: <c>result=&lt;base64 of the JSON&gt;</c>.</summary>
    public static string OutputLine(IReadOnlyList<SubmissionReport> reports) =>
        "result=" + Convert.ToBase64String(Encoding.UTF8.GetBytes(Json(reports)));

    /// <summary>
    /// The result's status: <c>error</c> only when the grader could not grade a submission (a report with status
    /// <see cref="Status.Error"/>, the grader's own fault); <c>pass</c> at full marks; else <c>fail</c> (a graded run
    /// below full marks, a script that does not compile, crashed or is missing included: those were graded, 0 points).
    /// </summary>
    public static string Overall(IReadOnlyList<SubmissionReport> reports) =>
        reports.Any(r => r.Status == Status.Error) ? "error"
        : reports.All(r => r.Score >= r.MaxScore - 1e-9) ? "pass" : "fail";

    /// <summary>A part's test: <c>pass</c> when correct, <c>error</c> when the grader failed on its submission, else <c>fail</c>.</summary>
    private static string TestStatus(SubmissionReport r, PartReport p) =>
        r.Status == Status.Error ? "error" : p.Status == Status.Correct ? "pass" : "fail";

    /// <summary>Each part with the name it has in the result: <c>problem/part</c> over several problems, <c>student/problem/part</c> over several students.</summary>
    private static IEnumerable<(SubmissionReport Report, PartReport Part, string Id)> Tests(IReadOnlyList<SubmissionReport> reports)
    {
        var students = reports.Select(r => r.Student).Distinct().Count() > 1;
        var problems = reports.Count > 1;
        return reports.SelectMany(r => r.Parts.Select(p =>
            (r, p, Escape.Line((students ? r.Student + "/" : "") + (problems ? r.Problem + "/" : "") + p.Id))));
    }

    /// <summary>
    /// One line that names the part: its points, its status and its feedback; for a submission that was not graded
    /// as a whole (it does not compile, crashed, timed out), what stopped it and the first compiler message.
    /// </summary>
    private static string Message(SubmissionReport r, PartReport p, string id)
    {
        var inv = CultureInfo.InvariantCulture;
        var own = r.Message is null || p.Feedback != r.Message;
        var sb = new StringBuilder(string.Create(inv, $"{id}: {p.Score:0.##} / {p.MaxScore:0.##}, {(own ? p.Status : r.Status)}: {p.Feedback}"));
        if (r.Status != Status.Graded && own && r.Message is not null && p.Status != Status.Correct)
        {
            sb.Append(inv, $"; {r.Status}: {r.Message}");
        }
        if (r.Diagnostics.Count > 0)
        {
            sb.Append(inv, $"; {r.Diagnostics[0]}");
            if (r.Diagnostics.Count > 1)
            {
                sb.Append(inv, $" (and {r.Diagnostics.Count - 1} more in the report)");
            }
        }
        return Escape.Line(sb.ToString());
    }

    /// <summary>
    /// The total the reporter prints ("Total points for &lt;runner&gt;" and its table): the tests passed in full, as a
    /// share of all tests, times <c>max_score</c> (helpers/test-helpers.js, getTestScore). It differs from the points
    /// whenever a part is partly right or the parts' points differ (the reporter's open issue #10).
    /// </summary>
    public static double ReporterTotal(IReadOnlyList<SubmissionReport> reports)
    {
        var parts = reports.SelectMany(r => r.Parts.Select(p => TestStatus(r, p))).ToList();
        return parts.Count == 0 ? 0 : (double)parts.Count(s => s == "pass") / parts.Count * reports.Sum(r => r.MaxScore);
    }

    /// <summary>
    /// The student's own report for the job summary: the total GitHub Classroom records, what the reporter's table
    /// shows instead when it differs, a line per problem, then each problem's Markdown report (parts, feedback,
    /// compiler messages).
    /// </summary>
    public static string Markdown(IReadOnlyList<SubmissionReport> reports)
    {
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.AppendLine(inv, $"# Autograding: {Total(reports)}");
        sb.AppendLine();
        sb.AppendLine(Note(reports));
        sb.AppendLine();
        sb.AppendLine("| problem | score | status |");
        sb.AppendLine("|---|---|---|");
        foreach (var r in reports)
        {
            sb.AppendLine(inv, $"| {Escape.Markdown(r.Problem)} | {r.Score:0.##} / {r.MaxScore:0.##} | {Escape.Markdown(r.Status)} |");
        }
        foreach (var r in reports)
        {
            sb.AppendLine();
            // Each report's headings one level down, under this one.
            sb.Append(string.Join('\n', ReportMarkdown.Write(r).Split('\n').Select(l => l.StartsWith('#') ? "#" + l : l)));
        }
        return sb.ToString();
    }

    /// <summary>The same for the step's log: the total and the note, then each problem's text report.</summary>
    public static string Text(IReadOnlyList<SubmissionReport> reports)
    {
        var sb = new StringBuilder();
        sb.AppendLine($"Autograding: {Total(reports)}");
        sb.AppendLine(Note(reports));
        foreach (var r in reports)
        {
            sb.AppendLine();
            sb.Append(ReportText.Write(r));
        }
        return sb.ToString();
    }

    /// <summary>
    /// The points in the reporter's notice, as JavaScript prints them: the tests' scores added in order from 0, then
    /// "/" and <c>max_score</c> (notify-classroom.js).
    /// </summary>
    public static string Notice(IReadOnlyList<SubmissionReport> reports)
    {
        var sum = 0.0;
        foreach (var p in reports.SelectMany(r => r.Parts))
        {
            sum += p.Score;
        }
        return $"{JsNumber(sum)}/{JsNumber(reports.Sum(r => r.MaxScore))}";
    }

    /// <summary>A number as JavaScript's String(x) writes it in the range of points: the shortest text that reads back the same.</summary>
    private static string JsNumber(double x) => x.ToString("R", CultureInfo.InvariantCulture);

    private static string Total(IReadOnlyList<SubmissionReport> reports) =>
        string.Create(CultureInfo.InvariantCulture, $"{reports.Sum(r => r.Score):0.##} / {reports.Sum(r => r.MaxScore):0.##}");

    /// <summary>What the total is, and where the reporter's differs, why (a sentence without student text).</summary>
    private static string Note(IReadOnlyList<SubmissionReport> reports)
    {
        var inv = CultureInfo.InvariantCulture;
        var max = reports.Sum(r => r.MaxScore);
        var recorded = $"GitHub Classroom records these points: the reporter's notice \"Autograding complete\" reads Points {Notice(reports)}.";
        if (reports.Any(r => r.Status == Status.Error))
        {
            recorded += " Some parts could not be graded (a fault of the grader's, not yours): your instructor can see what happened.";
        }
        var shown = ReporterTotal(reports);
        if (Math.Abs(shown - reports.Sum(r => r.Score)) < 0.005)
        {
            return recorded;
        }
        var tests = reports.Sum(r => r.Parts.Count);
        var passed = reports.Sum(r => r.Parts.Count(p => TestStatus(r, p) == "pass"));
        return recorded + string.Create(inv,
            $" The autograding reporter's own total (\"Total points\" and its table) shows {shown:0.##} / {max:0.##} instead: it counts the parts passed in full ({passed} of {tests}) as equal shares of {max:0.##}, with no credit for a part partly right.");
    }
}
