using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Grader.Tests.Cli;

/// <summary>
/// What GitHub Classroom's grading reporter prints and records for the runners' results, line for line as its source
/// does it (classroom-resources/autograding-grading-reporter, tag v1, commit 43c2d9f: src/main.js,
/// console-results.js, aggregate-results.js, notify-classroom.js, helpers/test-helpers.js). The reporter is a GitHub
/// Action and is not published on npm, so its code cannot be installed here; this is its behaviour, without colours,
/// for the tests to hold the grader's result to:
/// <list type="bullet">
/// <item>main.js: for each id of <c>runners</c>, <c>Buffer.from(env[ID_RESULTS], "base64")</c>, then <c>JSON.parse</c>;
/// any exception fails the step with its message. After printing: a runner whose <c>status</c> is <c>fail</c> fails
/// the step "Some tests failed.", else one whose status is <c>error</c> "Some tests errored.".</item>
/// <item>console-results.js: per runner "🔄 Processing: id"; per test, <c>pass</c> "✅ name", <c>error</c>
/// "Error: message" (or "Failed to run test 'name'"), anything else "❌ name", the first and last followed by
/// " - line N" when <c>line_no !== 0</c>; "Total points for id: score.toFixed(2)/max_score" when max_score is not 0,
/// where score is passed tests / tests x max_score (getTestScore); then the table (aggregate-results.js: a row per
/// runner and a total) and "🏆 Grand total tests passed: p/n".</item>
/// <item>notify-classroom.js: over the runners with a <c>max_score</c>, the tests' scores added up from 0; when the
/// maximum is not 0, the notices "Points total/max" (title "Autograding complete", what GitHub Classroom records) and
/// <c>{"totalPoints":…,"maxPoints":…}</c> (title "Autograding report").</item>
/// </list>
/// </summary>
public sealed record ClassroomReporter(IReadOnlyList<string> Log, IReadOnlyList<string> Notices, string? Failed)
{
    /// <summary>Runs the reporter for <paramref name="runners"/> (the action's input) with these environment variables.</summary>
    public static ClassroomReporter Run(string runners, IReadOnlyDictionary<string, string?> env)
    {
        var log = new List<string>();
        var notices = new List<string>();
        List<(string Runner, JsonElement Results)> results;
        try
        {
            results = runners.Split(',').Select(runner =>
            {
                var encoded = env.GetValueOrDefault(runner.Trim().ToUpperInvariant() + "_RESULTS")
                    ?? throw new FormatException("The first argument must be of type string or an instance of Buffer, ArrayBuffer, or Array or an Array-like Object. Received undefined");
                return (runner, JsonDocument.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(encoded))).RootElement.Clone());
            }).ToList();
        }
        catch (Exception ex) when (ex is FormatException or JsonException)
        {
            return new ClassroomReporter(log, notices, ex.Message);
        }
        var passedAll = 0;
        var testsAll = 0;
        for (var i = 0; i < results.Count; i++)
        {
            var (runner, r) = results[i];
            if (i > 0)
            {
                log.Add(string.Concat(Enumerable.Repeat("🚀", 24)));
            }
            log.Add($"🔄 Processing: {runner}");
            var tests = r.GetProperty("tests").EnumerateArray().ToList();
            foreach (var t in tests)
            {
                var name = JsString(t, "name");
                var status = JsString(t, "status");
                var line = t.TryGetProperty("line_no", out var n) ? (n.ValueKind == JsonValueKind.Number && n.GetDouble() == 0 ? "" : $" - line {n}") : " - line undefined";
                log.Add(status switch
                {
                    "pass" => $"✅ {name}{line}",
                    "error" => $"Error: {(JsString(t, "message") is { Length: > 0 } m ? m : $"Failed to run test '{name}'")}",
                    _ => $"❌ {name}{line}",
                });
                if (t.TryGetProperty("test_code", out var code) && code.ValueKind == JsonValueKind.String && code.GetString()!.Length > 0)
                {
                    log.Add($"Test code:\n{code.GetString()}");
                }
            }
            passedAll += tests.Count(t => JsString(t, "status") == "pass");
            testsAll += tests.Count;
            var max = MaxScore(r);
            if (max != 0)
            {
                log.Add($"Total points for {runner}: {TestScore(r).ToString("F2", CultureInfo.InvariantCulture)}/{JsNumber(max)}");
            }
        }
        log.Add("Test runner summary");
        foreach (var (runner, r) in results)
        {
            log.Add($"| {runner.Trim()} | {JsNumber(TestScore(r))} | {JsNumber(MaxScore(r))} |");
        }
        log.Add($"| Total: | {JsNumber(results.Sum(x => TestScore(x.Results)))} | {JsNumber(results.Sum(x => MaxScore(x.Results)))} |");
        log.Add($"🏆 Grand total tests passed: {passedAll}/{testsAll}");
        var totalPoints = 0.0;
        var maxPoints = 0.0;
        foreach (var (_, r) in results.Where(x => MaxScore(x.Results) != 0))
        {
            maxPoints += MaxScore(r);
            foreach (var t in r.GetProperty("tests").EnumerateArray())
            {
                totalPoints += t.GetProperty("score").GetDouble();
            }
        }
        if (maxPoints != 0)
        {
            notices.Add($"Points {JsNumber(totalPoints)}/{JsNumber(maxPoints)}");
            notices.Add($"{{\"totalPoints\":{JsNumber(totalPoints)},\"maxPoints\":{JsNumber(maxPoints)}}}");
        }
        var statuses = results.Select(x => JsString(x.Results, "status")).ToList();
        var failed = statuses.Contains("fail") ? "Some tests failed." : statuses.Contains("error") ? "Some tests errored." : null;
        return new ClassroomReporter(log, notices, failed);
    }

    /// <summary>The "Points x/y" notice GitHub Classroom records, or null when none was posted.</summary>
    public string? Points => Notices.FirstOrDefault(n => n.StartsWith("Points ", StringComparison.Ordinal));

    private static double MaxScore(JsonElement r) => r.TryGetProperty("max_score", out var m) && m.ValueKind == JsonValueKind.Number ? m.GetDouble() : 0;

    /// <summary>helpers/test-helpers.js getTestScore: tests with status pass, over all tests, times max_score.</summary>
    private static double TestScore(JsonElement r)
    {
        var tests = r.GetProperty("tests").EnumerateArray().ToList();
        return (double)tests.Count(t => JsString(t, "status") == "pass") / tests.Count * MaxScore(r);
    }

    private static string JsString(JsonElement o, string key) =>
        o.TryGetProperty(key, out var v) ? v.ValueKind == JsonValueKind.String ? v.GetString()! : v.ToString() : "undefined";

    /// <summary>String(x) for the numbers here: the shortest text that reads back the same, as "R" writes it.</summary>
    private static string JsNumber(double x) => double.IsNaN(x) ? "NaN" : x.ToString("R", CultureInfo.InvariantCulture);
}
